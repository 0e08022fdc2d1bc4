// The JSON API (CONTRACT §4) as a Hono app. Every route but login and the OpenAPI document needs a
// session cookie or a Bearer API token; every engagement route checks the caller's role on that
// engagement; cookie-authenticated writes need the session's CSRF token.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { parseProfileTextOffThread } from '../content/parse-profile-off-thread.ts';
import { LandfallError, describeError, errorBody, statusOf } from '../core/errors.ts';
import type { Problem } from '../core/profile/normalise-profile.ts';
import { findInvalidCharacters } from '../core/profile/invalid-characters.ts';
import { annexView, renderAnnexHtml, renderAnnexMarkdown } from '../render/render-annex.ts';
import { annexFileName, engagementSlug } from '../render/annex-parts.ts';
import { renderGapsCsv, renderGapsXlsx } from '../render/render-gaps.ts';
import { BrandingReader, registerBrandingRoutes } from './branding-routes.ts';
import { registerAnnexStateRoute } from './annex-state-route.ts';
import { renderAnnexXlsx } from '../render/render-annex-xlsx.ts';
import { renderAnnexDocx } from '../render/render-annex-docx.ts';
import { renderAnnexPdf } from '../render/render-annex-pdf.ts';
import type { PdfPool } from '../render/pdf-browser-pool.ts';
import { renderDiagramSvg } from '../render/render-diagram-svg.ts';
import { SESSION_HOURS, csrfMatches, type AuthStore, type Principal } from '../store/auth-store.ts';
import { ARCHIVED_MESSAGE, type EngagementAccess } from '../store/membership-store.ts';
import { LIST_LIMIT, type ListCursor, type Role, type WorkspaceStore } from '../store/workspace-store.ts';
import { StorageError, storageError } from '../store/storage-errors.ts';
import {
  addItemSchema, annexItemSchema, createEngagementSchema, currentSessionSchema, diagramParam, editItemSchema, engagementSchema, engagementSummarySchema, errorSchema, exampleSchema,
  historyEntrySchema, idParam, isoDateParam, itemParam, loginSchema, previewSchema, sessionSchema,
  updateProfileSchema,
  assessmentResponseSchema, gapsResponseSchema,
} from './api-schemas.ts';
import { registerAccessRoutes } from './access-routes.ts';
import { registerReviewRoutes, type ReviewDeps } from './review-routes.ts';
import { registerIncidentRoutes } from './incident-routes.ts';
import { registerCalendarRoutes } from './calendar-routes.ts';
import { registerFilingRoutes } from './filing-routes.ts';
import { AnnexCache, matchesTag } from './annex-cache.ts';
import { COMPRESS_THRESHOLD, chooseEncoding, compressResponses } from './compression.ts';
import { registerAccountRoutes } from './account-routes.ts';
import { clientAddress, compileTrustedProxies } from './client-address.ts';
import { listExamples } from './examples.ts';
import { serveWorkbench } from './workbench.ts';

export const SESSION_COOKIE = 'landfall_session';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const MAX_BODY_BYTES = 1024 * 1024;
const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** A throttled password attempt: 429 with the seconds until the bucket's window ends. */
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new LandfallError('rate_limited', `Too many wrong passwords from here; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, { headers: { 'retry-after': String(retryAfterSeconds) } });

/**
 * Any error as the LandfallError it is answered with (status from ERROR_STATUS): a LandfallError
 * as it is; hono's own HTTPException (malformed JSON: invalid_json) by its status; a database
 * failure as its StorageError. Anything else is a bug: logged with its stack and answered 500
 * internal, none of its details in the body.
 */
export function toErrorAnswer(error: unknown, log: (line: string) => void = (line) => console.error(line)): LandfallError {
  if (error instanceof HTTPException) {
    const message = error.message || 'Bad request.';
    if (error.status === 400) return new LandfallError('invalid_json', message, { problems: [{ path: '(body)', message }] });
    if (error.status === 404) return new LandfallError('not_found', message);
    if (error.status === 413) return new LandfallError('too_large', message);
  }
  const known = error instanceof LandfallError ? error : storageError(error);
  if (known && known.code !== 'internal') {
    // A failing database or an unreadable stored record is an operator's business: logged, in the
    // driver's own words or with the record's problems. A busy PDF printer is not news.
    if (known instanceof StorageError) log(`landfall: ${known.code}: ${known.cause instanceof Error ? known.cause.message : known.message}`);
    else if (statusOf(known.code) === 500) log(`landfall: ${known.code}: ${describeError(known).split('\n').slice(0, 21).join('\n')}`);
    return known;
  }
  log(`landfall: unhandled error ${error instanceof Error ? error.stack : String(error)}`);
  return new LandfallError('internal', 'Something went wrong on our side.');
}

/** Routes an account with a one-time password may still use (to see why, change it, or leave). */
const OPEN_BEFORE_PASSWORD_CHANGE = new Set(['GET /api/session', 'DELETE /api/session', 'POST /api/session/password']);
/** Kept by the browser alone, and asked about again (If-None-Match) before every use. */
const REVALIDATE = 'private, no-cache';
/** API responses that are public and carry nothing of an engagement or an account. */
const CACHEABLE_API_PATHS = new Set(['/api/openapi.json', '/api/health']);

export interface AppDeps {
  store: WorkspaceStore;
  auth: AuthStore;
  /** Today's date (YYYY-MM-DD) for assessments; injected so tests can pin it. */
  today: () => string;
  /** Serve cookies with the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** LANDFALL_TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed (client-address.ts). */
  trustedProxies?: readonly string[] | undefined;
  /** Where the built workbench is (default dist/web). */
  webDir?: string | undefined;
  /** The browser pool that prints PDFs (default the process's shared pool). */
  pdfPool?: PdfPool | undefined;
  /** The portfolio review (its store and background worker); without it the review routes are absent. */
  reviews?: ReviewDeps | undefined;
  /** Annex bodies kept per engagement revision (default one per app). */
  annexCache?: AnnexCache | undefined;
  /** The server's clock in milliseconds (the incident countdowns); default Date.now. */
  now?: (() => number) | undefined;
}

export type Env = { Variables: { principal: Principal } };

export const json = (schema: z.ZodType, description: string) => ({ content: { 'application/json': { schema } }, description });
export const errors = {
  400: json(errorSchema, 'Malformed request'),
  401: json(errorSchema, 'Not authenticated'),
  403: json(errorSchema, 'Role too low, or CSRF token missing'),
  404: json(errorSchema, 'Not found, or not a member'),
};

/** The list cursor as the client holds it: opaque, the position of the last row it saw. */
const encodeCursor = (cursor: ListCursor) => Buffer.from(`${cursor.updatedAt}|${cursor.id}`).toString('base64url');
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
function decodeCursor(text: string): ListCursor {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]!))) throw new LandfallError('invalid_request', 'The cursor is not one this server gave out.', { problems: [{ path: 'cursor', message: 'Use the nextCursor of the previous page.' }] });
  return { updatedAt: match[1]!, id: match[2]! };
}

function problemsFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Problem[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

async function profileFrom(input: unknown): Promise<{ value: unknown; text: string | null }> {
  if (typeof input !== 'string') return { value: input, text: null };
  const parsed = await parseProfileTextOffThread(input, { source: 'profile', valuePath: ['profile'] });
  if (!parsed.ok) throw new LandfallError(parsed.code, parsed.code === 'invalid_characters' ? INVALID_CHARACTERS_MESSAGE : 'The profile text does not parse.', { problems: parsed.problems });
  return { value: parsed.value, text: input };
}

const INVALID_CHARACTERS_MESSAGE = 'Some fields hold characters that cannot be stored; every one is listed with its path.';

/**
 * The one character check of every request: what passed the schema (JSON body, query and path)
 * may not hold characters that the database or an XML document cannot take. A profile sent as
 * text is checked field by field when it is parsed (profileFrom).
 */
function checkCharacters(target: string, data: unknown): void {
  const body = target === 'json' && data != null && typeof data === 'object' ? (data as Record<string, unknown>) : null;
  const checked = body && typeof body.profile === 'string' ? { ...body, profile: undefined } : data;
  const problems = findInvalidCharacters(checked, target === 'json' ? [] : [target]);
  if (problems.length > 0) throw new LandfallError('invalid_characters', INVALID_CHARACTERS_MESSAGE, { problems });
}

export function createApp(deps: AppDeps): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) throw new LandfallError('invalid_request', 'The request does not match the schema.', { problems: problemsFrom(result.error.issues) });
      checkCharacters(result.target, result.data);
    },
  });

  // Outermost, so error bodies and the workbench's index are compressed too.
  app.use('*', compressResponses());
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"] }, referrerPolicy: 'no-referrer' }));
  // Nothing an API response says about an engagement or an account is kept by a browser or a proxy.
  // The annex in JSON, Markdown and HTML is the exception: kept privately and revalidated by its
  // ETag (the server checks the caller's membership before it answers 304).
  app.use('/api/*', async (c, next) => {
    await next();
    if (CACHEABLE_API_PATHS.has(new URL(c.req.url).pathname)) return;
    if (c.res.headers.get('cache-control') === REVALIDATE && c.res.headers.has('etag')) return;
    c.res.headers.set('cache-control', 'no-store');
  });
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new LandfallError('too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`); } }));

  app.onError((error, c) => {
    const answer = toErrorAnswer(error);
    return c.json(errorBody(answer), statusOf(answer.code), { ...answer.headers });
  });

  // Authentication for everything under /api except login and the OpenAPI document.
  app.use('/api/*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path === '/api/openapi.json' || path === '/api/health' || (path === '/api/session' && c.req.method === 'POST')) return next();
    // A calendar feed's address carries its own credential, a token checked by the route (calendar-routes.ts).
    if (path.startsWith('/api/calendar-feeds/') && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    const header = c.req.header('authorization');
    let principal: Principal | null = null;
    if (header?.startsWith('Bearer ')) {
      const found = await deps.auth.fromToken(header.slice('Bearer '.length).trim());
      if (found === 'expired') throw new LandfallError('token_expired', 'This API token has expired; create a new one.');
      principal = found;
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) principal = await deps.auth.fromSession(cookie);
      if (principal && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !csrfMatches(principal.csrfToken, c.req.header('x-csrf-token'))) {
        throw new LandfallError('csrf', 'Cookie-authenticated writes need the X-CSRF-Token header from login.');
      }
    }
    if (!principal) throw new LandfallError('unauthenticated', 'Log in, or send an API token as Authorization: Bearer ...');
    if (principal.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${path}`)) {
      throw new LandfallError('password_change_required', 'This account has a one-time password: change it first (POST /api/session/password).');
    }
    c.set('principal', principal);
    return next();
  });

  /**
   * The caller's role on an engagement, at least `minimum`; non-members get 404 so ids do not leak.
   * Routes that need more than a viewer change something, so an archived engagement refuses them
   * unless the route is one that works on archived engagements (restore, delete).
   */
  const requireAccess = async (c: Context<Env>, engagementId: string, minimum: Role, options: { allowArchived?: boolean } = {}): Promise<EngagementAccess> => {
    const access = await deps.store.memberships.access(engagementId, c.get('principal').userId);
    if (!access) throw new LandfallError('not_found', 'No such engagement.');
    const { role } = access;
    if (RANK[role] < RANK[minimum]) throw new LandfallError('forbidden', `This needs the ${minimum} role; you are ${role === 'owner' ? 'an' : 'a'} ${role}.`);
    if (access.archivedAt != null && minimum !== 'viewer' && !options.allowArchived) throw new LandfallError('archived', ARCHIVED_MESSAGE);
    return access;
  };
  const requireRole = async (c: Context<Env>, engagementId: string, minimum: Role, options: { allowArchived?: boolean } = {}): Promise<Role> => (await requireAccess(c, engagementId, minimum, options)).role;
  const annexCache = deps.annexCache ?? new AnnexCache();
  const requireAdmin = async (c: Context<Env>, what = 'manages accounts'): Promise<void> => {
    if (!(await deps.store.memberships.isAdmin(c.get('principal').userId))) throw new LandfallError('forbidden', `Only an administrator ${what}.`);
  };
  const branding = new BrandingReader(deps.store.branding);

  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: { title: 'Landfall API', version: '0.1.0', description: 'China-entry engagements: profiles, dated assessments and the engagement annex.' } });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer' });
  const security: Array<Record<string, string[]>> = [{ session: [] }, { token: [] }];
  const trust = compileTrustedProxies(deps.trustedProxies ?? []);
  const addressOf = (c: Context<Env>) => clientAddress(c, trust);
  const userBody = (principal: Principal) => ({ id: principal.userId, email: principal.email, name: principal.name, passwordChangeRequired: principal.mustChangePassword });

  app.openapi(
    createRoute({ method: 'post', path: '/api/session', request: { body: { content: { 'application/json': { schema: loginSchema } }, required: true } }, responses: { 200: json(sessionSchema, 'Logged in; the session cookie is set'), 400: errors[400], 401: json(errorSchema, 'Bad credentials'), 429: json(errorSchema, 'Too many failed attempts') } }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const result = await deps.auth.login(email, password, addressOf(c));
      if (result.kind === 'limited') throw tooManyAttempts(result.retryAfterSeconds);
      if (result.kind === 'invalid') throw new LandfallError('bad_credentials', 'Wrong email or password.');
      setCookie(c, SESSION_COOKIE, result.sessionToken, { httpOnly: true, sameSite: 'Strict', secure: deps.secureCookies, path: '/', maxAge: SESSION_HOURS * 3600 });
      // Invitations wait for the address's owner to prove it by logging in.
      await deps.store.memberships.acceptInvitations(result.userId);
      const principal = (await deps.auth.fromSession(result.sessionToken))!;
      const isAdmin = await deps.store.memberships.isAdmin(result.userId);
      return c.json({ user: { ...userBody(principal), isAdmin }, csrfToken: result.csrfToken }, 200);
    },
  );

  app.openapi(createRoute({ method: 'get', path: '/api/session', security, responses: { 200: json(currentSessionSchema, 'Who is logged in, and the CSRF token of the session'), 401: errors[401] } }), async (c) => {
    const principal = c.get('principal');
    const isAdmin = await deps.store.memberships.isAdmin(principal.userId);
    return c.json({ user: { ...userBody(principal), isAdmin }, csrfToken: principal.csrfToken }, 200);
  });

  app.openapi(createRoute({ method: 'delete', path: '/api/session', security, responses: { 204: { description: 'Logged out' }, 401: errors[401], 403: errors[403] } }), async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deps.auth.logout(cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.secureCookies });
    return c.body(null, 204);
  });

  registerAccountRoutes(app, { auth: deps.auth, addressOf, security });

  const listQuery = z.object({
    archived: z.enum(['true', 'false']).default('false').describe('`true` lists the archived engagements instead of the active ones.'),
    cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page: the page after it.'),
    limit: z.coerce.number().int().min(1).max(LIST_LIMIT.max).default(LIST_LIMIT.default).describe(`Engagements per page (at most ${LIST_LIMIT.max}).`),
  });
  const listBody = z.object({
    engagements: z.array(engagementSummarySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
  });
  app.openapi(createRoute({ method: 'get', path: '/api/engagements', security, request: { query: listQuery }, responses: { 200: json(listBody, 'One page of the engagements the caller is a member of, newest first'), 400: errors[400], 401: errors[401] } }), async (c) => {
    const query = c.req.valid('query');
    const after = query.cursor == null ? null : decodeCursor(query.cursor);
    const page = await deps.store.listEngagements(c.get('principal').userId, { archived: query.archived === 'true', limit: query.limit, after });
    return c.json({
      engagements: page.rows.map((row) => ({ id: row.id, name: row.name, client: row.client, role: row.role, version: row.version, updatedAt: row.updatedAt, archivedAt: row.archivedAt, headline: row.headline })),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    }, 200);
  });

  const engagementBody = async (id: string, role: Role) => {
    const engagement = await deps.store.engagement(id);
    const latest = await deps.store.latest(id);
    const assessment = latest.assessment;
    return {
      id, name: engagement.name, client: engagement.client, role, version: engagement.version, archivedAt: engagement.archivedAt, profileVersion: latest.profileVersion, language: engagement.language, profile: latest.profile, updatedAt: engagement.updatedAt,
      assessment: {
        asOf: assessment.asOf, contentVersion: assessment.contentVersion, engineVersion: assessment.engineVersion,
        headline: { transferRoute: assessment.organisation.cbdt.mechanism, cii: assessment.organisation.cii.status, systems: assessment.systems.map((system) => ({ id: system.id, mlps: system.mlps.level, icp: system.icp.requirement, hosting: system.hosting.recommendation })), needsLegalReview: assessment.needsLegalReview },
      },
    };
  };

  app.openapi(
    createRoute({ method: 'post', path: '/api/engagements', security, request: { body: { content: { 'application/json': { schema: createEngagementSchema } }, required: true } }, responses: { 201: json(engagementSchema, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 422: json(errorSchema, 'Invalid profile, every problem with its path') } }),
    async (c) => {
      const body = c.req.valid('json');
      const profile = await profileFrom(body.profile);
      const id = await deps.store.createEngagement(c.get('principal').userId, body.name, profile.value, profile.text, deps.today());
      return c.json(await engagementBody(id, 'owner'), 201);
    },
  );

  app.openapi(createRoute({ method: 'get', path: '/api/engagements/{id}', security, request: { params: idParam }, responses: { 200: json(engagementSchema, 'The engagement'), 401: errors[401], 404: errors[404] } }), async (c) => {
    const { id } = c.req.valid('param');
    const role = await requireRole(c, id, 'viewer');
    return c.json(await engagementBody(id, role), 200);
  });

  app.openapi(
    createRoute({ method: 'put', path: '/api/engagements/{id}/profile', security, request: { params: idParam, body: { content: { 'application/json': { schema: updateProfileSchema } }, required: true } }, responses: { 200: json(engagementSchema, 'New profile version, re-assessed'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'Stale version'), 422: json(errorSchema, 'Invalid profile') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const role = await requireRole(c, id, 'editor');
      const body = c.req.valid('json');
      const profile = await profileFrom(body.profile);
      await deps.store.updateProfile(id, c.get('principal').userId, profile.value, profile.text, body.version, deps.today());
      return c.json(await engagementBody(id, role), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/assessment', security, request: { params: idParam, query: z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }) }, responses: { 200: json(assessmentResponseSchema, 'The assessment (CONTRACT §2) of the latest profile as of the date'), 401: errors[401], 404: errors[404], 422: json(errorSchema, 'Date out of range') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { asOf } = c.req.valid('query');
      const latest = await deps.store.latest(id);
      if (asOf == null || asOf === latest.assessment.asOf) return c.json(latest.assessment, 200);
      return c.json(deps.store.assess(latest.profile, asOf).assessment, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/annex', security, request: { params: idParam, query: z.object({ format: z.enum(['json', 'md', 'html', 'xlsx', 'docx', 'pdf']).default('json') }) }, responses: { 200: { description: 'The annex as JSON, Markdown, HTML (print-ready, diagrams as SVG) or the register as XLSX', content: { 'application/json': { schema: z.object({ items: z.array(annexItemSchema) }).passthrough() }, 'text/markdown': { schema: z.string() }, 'text/html': { schema: z.string() }, [XLSX_TYPE]: { schema: z.string().describe('binary') }, [DOCX_TYPE]: { schema: z.string().describe('binary') }, 'application/pdf': { schema: z.string().describe('binary') } } }, 401: errors[401], 404: errors[404], 503: json(errorSchema, 'PDF printing is busy (code busy, with Retry-After), timed out or unavailable') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const access = await requireAccess(c, id, 'viewer');
      const { format } = c.req.valid('query');
      const load = async () => {
        const [items, frame, engagement, state, brand] = await Promise.all([deps.store.annexItems(id), deps.store.annexFrame(id), deps.store.engagement(id), deps.store.annexState(id), branding.current()]);
        const view = annexView(frame, items, engagement.updatedAt.slice(0, 10), { engagement: engagement.client ?? engagement.name, state, branding: { consultancy: brand.consultancy ?? undefined, logoPng: brand.logoPng } });
        return { items, view, attachment: (extension: string) => `attachment; filename="${annexFileName(view.engagement, view.lastUpdated, extension)}"` };
      };
      if (format === 'json' || format === 'md' || format === 'html') {
        // Kept per revision (and branding version) and revalidated by tag; the caller's membership was checked above.
        const kind = `${format}.b${(await branding.current()).version}`;
        const etag = annexCache.etag(access.revision, kind);
        const headers: Record<string, string> = { etag, 'cache-control': REVALIDATE, vary: 'Accept-Encoding' };
        if (matchesTag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
        const kept = await annexCache.get(id, access.revision, kind, async () => {
          const { items, view, attachment } = await load();
          if (format === 'md') return { type: 'text/markdown; charset=utf-8', disposition: attachment('md'), text: renderAnnexMarkdown(view) };
          if (format === 'html') return { type: 'text/html; charset=utf-8', disposition: attachment('html'), text: renderAnnexHtml(view) };
          return {
            type: 'application/json',
            text: JSON.stringify({
              title: view.annex.title, documentState: view.documentState, framing: { ...view.annex.framing, unresolved: view.unresolved }, confidence: view.confidence, counts: view.counts,
              summary: view.annex.summary ?? null, fileBase: annexFileName(view.engagement, view.lastUpdated, '').replace(/\.$/, ''), diagrams: view.annex.diagrams, items,
            }),
          };
        });
        Object.assign(headers, { 'content-type': kept.type }, kept.disposition ? { 'content-disposition': kept.disposition } : {});
        const encoding = kept.bytes.byteLength >= COMPRESS_THRESHOLD ? chooseEncoding(c.req.header('accept-encoding')) : null;
        if (!encoding) return c.body(kept.bytes, 200, headers);
        return c.body(await annexCache.encoded(kept, encoding, id, kind), 200, { ...headers, 'content-encoding': encoding });
      }
      const { view, attachment } = await load();
      if (format === 'pdf') {
        // A full queue, a stuck page or a missing browser is a PdfExportError: 503 with Retry-After, the server busy or degraded.
        const pdf = await renderAnnexPdf(view, deps.pdfPool);
        return c.body(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer, 200, { 'content-type': 'application/pdf', 'content-disposition': attachment('pdf') });
      }
      const bytes = format === 'xlsx' ? await renderAnnexXlsx(view) : await renderAnnexDocx(view);
      const type = format === 'xlsx' ? XLSX_TYPE : DOCX_TYPE;
      return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, { 'content-type': type, 'content-disposition': attachment(format) });
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/engagements/{id}/annex/items', security, request: { params: idParam, body: { content: { 'application/json': { schema: addItemSchema } }, required: true } }, responses: { 201: json(annexItemSchema, 'The added item'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const body = c.req.valid('json');
      const item = await deps.store.addItem(id, c.get('principal').userId, { section: body.section, category: body.category ?? null, status: body.status, title: body.title, statement: body.text, basis: body.basis, owner: body.owner, due: body.due });
      return c.json(item, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/api/engagements/{id}/annex/items/{itemId}', security, request: { params: itemParam, body: { content: { 'application/json': { schema: editItemSchema } }, required: true } }, responses: { 200: json(annexItemSchema, 'The edited item'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'Stale version') } }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const body = c.req.valid('json');
      const item = await deps.store.editItem(id, itemId, c.get('principal').userId, { status: body.status, title: body.title, statement: body.text, owner: body.owner, due: body.due }, body.version);
      return c.json(item, 200);
    },
  );

  const kit = { store: deps.store, security, json, errors, requireRole, requireAdmin, engagementBody };
  registerAccessRoutes(app, kit);
  registerAnnexStateRoute(app, kit);
  registerBrandingRoutes(app, kit, branding);
  registerCalendarRoutes(app, kit, deps.today);
  registerFilingRoutes(app, kit);
  if (deps.reviews) registerReviewRoutes(app, kit, deps.reviews, deps.today);
  registerIncidentRoutes(app, kit, { lawBook: deps.store.lawBook, now: deps.now ?? Date.now });

  app.openapi(
    createRoute({ method: 'post', path: '/api/engagements/{id}/preview', security, request: { params: idParam, body: { content: { 'application/json': { schema: previewSchema } }, required: true } }, responses: { 200: json(assessmentResponseSchema, 'The assessment of the posted profile; nothing is stored'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: json(errorSchema, 'Invalid profile, every problem with its path') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const body = c.req.valid('json');
      const profile = await profileFrom(body.profile);
      return c.json(deps.store.assess(profile.value, body.asOf ?? deps.today()).assessment, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/history', security, request: { params: idParam, query: z.object({ entityId: z.string().max(100).optional().describe('Only the changes to this item (or other entity).') }) }, responses: { 200: json(z.object({ entries: z.array(historyEntrySchema) }), 'The audit log, newest first'), 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { entityId } = c.req.valid('query');
      return c.json({ entries: await deps.store.history(id, { entityId }) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/gaps', security, request: { params: idParam, query: z.object({ system: z.string().max(100).optional(), asOf: isoDateParam.optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json').describe('The register as JSON, or as a CSV or XLSX download.') }) }, responses: { 200: { description: 'The GB/T 22239-2019 gap register of the newest profile at each system\'s graded level', content: { 'application/json': { schema: gapsResponseSchema }, 'text/csv': { schema: z.string() }, [XLSX_TYPE]: { schema: z.string().describe('binary') } } }, 401: errors[401], 404: errors[404], 422: json(errorSchema, 'Unknown system') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { system, asOf, format } = c.req.valid('query');
      const gaps = await deps.store.gaps(id, asOf ?? deps.today(), { systemId: system });
      if (format === 'json') return c.json(gaps, 200);
      // Downloads: the gap register the annex points to, named like the annex's files.
      const engagement = await deps.store.engagement(id);
      const name = `${engagementSlug(engagement.client ?? engagement.name)}-gap-register-${asOf ?? deps.today()}.${format}`;
      if (format === 'csv') return c.body(renderGapsCsv(gaps), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
      const bytes = await renderGapsXlsx(gaps);
      return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="${name}"` });
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/annex/diagrams/{diagram}', security, request: { params: diagramParam }, responses: { 200: { description: 'The diagram as SVG, the same drawing the exported annex carries', content: { 'image/svg+xml': { schema: z.string() } } }, 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id, diagram } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const found = (await deps.store.annexFrame(id)).diagrams.find((candidate) => candidate.id === diagram);
      if (!found) throw new LandfallError('not_found', `No ${diagram} diagram in this annex.`);
      return c.body(renderDiagramSvg(found), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/examples', security, responses: { 200: json(z.object({ examples: z.array(exampleSchema) }), 'The example profiles an engagement can start from'), 401: errors[401] } }),
    (c) => c.json({ examples: listExamples().map(({ value: _value, ...example }) => example) }, 200),
  );

  app.get('/api/health', async (c) => {
    await deps.auth.userCount(); // proves the database answers
    return c.json({ status: 'ok' });
  });
  serveWorkbench(app, deps.webDir);
  return app;
}
