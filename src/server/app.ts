// The JSON API (CONTRACT §4) as a Hono app: the middleware, the error boundary and the kit the
// routes share; each area's routes are in routes/<area>.ts and registered here. Every route but login and the OpenAPI document needs a
// session cookie or a Bearer API token; every engagement route checks the caller's role on that
// engagement; cookie-authenticated writes need the session's CSRF token.
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { appContext } from '../app/context.ts';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { LandfallError, describeError, errorBody, statusOf } from '../core/errors.ts';
import type { Problem } from '../core/profile/normalise-profile.ts';
import { findInvalidCharacters } from '../core/profile/invalid-characters.ts';
import type { PdfPool } from '../render/pdf-browser-pool.ts';
import { csrfMatches, type AuthStore, type Principal } from '../store/auth-store.ts';
import { ARCHIVED_MESSAGE, type EngagementAccess } from '../store/membership-store.ts';
import type { Role, WorkspaceStore } from '../store/workspace-store.ts';
import { StorageError, storageError } from '../store/storage-errors.ts';
import { errorSchema } from './api-schemas.ts';
import { AnnexCache } from './annex-cache.ts';
import { compressResponses } from './compression.ts';
import { clientAddress, compileTrustedProxies } from './client-address.ts';
import { serveWorkbench } from './workbench.ts';
import { registerAccessRoutes } from './routes/access.ts';
import { registerAccountRoutes } from './routes/account.ts';
import { registerAnnexRoutes } from './routes/annex.ts';
import { registerAnnexStateRoute } from './routes/annex-state.ts';
import { BrandingReader, registerBrandingRoutes } from './routes/branding.ts';
import { FILING_TEMPLATE_PATH, registerFilingTemplateRoutes } from './routes/filing-templates.ts';
import { registerCalendarRoutes } from './routes/calendar.ts';
import { engagementBodyFrom, registerEngagementRoutes } from './routes/engagements.ts';
import { registerExampleRoutes } from './routes/examples.ts';
import { registerFilingRoutes } from './routes/filings.ts';
import { registerGapsRoutes } from './routes/gaps.ts';
import { registerIncidentRoutes } from './routes/incidents.ts';
import { registerReviewRoutes, type ReviewDeps } from './routes/reviews.ts';
import { registerSessionRoutes } from './routes/session.ts';

export const SESSION_COOKIE = 'landfall_session';
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
export const REVALIDATE = 'private, no-cache';
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

function problemsFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Problem[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

export const INVALID_CHARACTERS_MESSAGE = 'Some fields hold characters that cannot be stored; every one is listed with its path.';

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
  const apiBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new LandfallError('too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`); } });
  // A filing template (a DOCX, up to TEMPLATE_MAX_BYTES) has its own limit in its route. A GET or
  // HEAD has no body to limit (a fetch Request never carries one), and asking for it would make
  // the Node adapter build a full Request for every read.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || (c.req.method === 'PUT' && c.req.path.startsWith(`${FILING_TEMPLATE_PATH}/`)) ? next() : apiBodyLimit(c, next)));

  app.onError((error, c) => {
    const answer = toErrorAnswer(error);
    return c.json(errorBody(answer), statusOf(answer.code), { ...answer.headers });
  });

  // Authentication for everything under /api except login and the OpenAPI document.
  app.use('/api/*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path === '/api/openapi.json' || path === '/api/health' || (path === '/api/session' && c.req.method === 'POST')) return next();
    // A calendar feed's address carries its own credential, a token checked by the route (routes/calendar.ts).
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

  const kit = { store: deps.store, app: appContext(deps.store, { today: deps.today }), security, json, errors, requireRole, requireAdmin, engagementBody: engagementBodyFrom(deps.store) };
  registerSessionRoutes(app, kit, deps, addressOf);
  registerAccountRoutes(app, { auth: deps.auth, addressOf, security });
  registerEngagementRoutes(app, kit, deps);
  registerAnnexRoutes(app, kit, deps, { requireAccess, annexCache, branding });
  registerAnnexStateRoute(app, kit);
  registerGapsRoutes(app, kit, deps);
  registerExampleRoutes(app, kit);
  registerAccessRoutes(app, kit);
  registerBrandingRoutes(app, kit, branding);
  registerFilingTemplateRoutes(app, kit);
  registerCalendarRoutes(app, kit, deps.today);
  registerFilingRoutes(app, kit);
  if (deps.reviews) registerReviewRoutes(app, kit, deps.reviews, deps.today);
  registerIncidentRoutes(app, kit, { lawBook: deps.store.lawBook, now: deps.now ?? Date.now });

  app.get('/api/health', async (c) => {
    await deps.auth.userCount(); // proves the database answers
    return c.json({ status: 'ok' });
  });
  serveWorkbench(app, deps.webDir);
  return app;
}
