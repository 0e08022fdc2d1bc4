// Engagements: the paged list, create, read, a new profile version, the assessment as of a date,
// the what-if preview (nothing stored) and the history.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { LOCALES } from '../../i18n/messages.ts';
import { assessmentAsOf, createEngagement, preview, updateProfile } from '../../app/engagements.ts';
import { parseProfileTextOffThread } from '../../content/parse-profile-off-thread.ts';
import { LandfallError } from '../../core/errors.ts';
import { LIST_LIMIT, type ListCursor, type Role, type WorkspaceStore } from '../../store/workspace-store.ts';
import {
  assessmentResponseSchema, createEngagementSchema, engagementSchema, engagementSummarySchema, errorSchema, historyEntrySchema, idParam, previewSchema, updateProfileSchema,
} from '../api-schemas.ts';
import { INVALID_CHARACTERS_MESSAGE, type AppDeps, type Env } from '../app.ts';
import type { RouteKit } from './access.ts';

/** The list cursor as the client holds it: opaque, the position of the last row it saw. */
const encodeCursor = (cursor: ListCursor) => Buffer.from(`${cursor.updatedAt}|${cursor.id}`).toString('base64url');
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
function decodeCursor(text: string): ListCursor {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]!))) throw new LandfallError('invalid_request', 'The cursor is not one this server gave out.', { problems: [{ path: 'cursor', message: 'Use the nextCursor of the previous page.' }] });
  return { updatedAt: match[1]!, id: match[2]! };
}

/** A profile sent as text is parsed off the request thread, checked field by field for characters. */
export async function profileFrom(input: unknown): Promise<{ value: unknown; text: string | null }> {
  if (typeof input !== 'string') return { value: input, text: null };
  const parsed = await parseProfileTextOffThread(input, { source: 'profile', valuePath: ['profile'] });
  if (!parsed.ok) throw new LandfallError(parsed.code, parsed.code === 'invalid_characters' ? INVALID_CHARACTERS_MESSAGE : 'The profile text does not parse.', { problems: parsed.problems });
  return { value: parsed.value, text: input };
}

/** The engagement as the API returns it: its latest profile and the headline of its assessment. */
export const engagementBodyFrom = (store: WorkspaceStore) => async (id: string, role: Role) => {
  const engagement = await store.engagement(id);
  const latest = await store.latest(id);
  const assessment = latest.assessment;
  return {
    id, name: engagement.name, client: engagement.client, role, version: engagement.version, archivedAt: engagement.archivedAt, profileVersion: latest.profileVersion, language: engagement.language, profile: latest.profile, updatedAt: engagement.updatedAt,
    assessment: {
      asOf: assessment.asOf, contentVersion: assessment.contentVersion, engineVersion: assessment.engineVersion,
      headline: { transferRoute: assessment.organisation.cbdt.mechanism, cii: assessment.organisation.cii.status, systems: assessment.systems.map((system) => ({ id: system.id, mlps: system.mlps.level, icp: system.icp.requirement, hosting: system.hosting.recommendation })), needsLegalReview: assessment.needsLegalReview },
    },
  };
};

export function registerEngagementRoutes(app: OpenAPIHono<Env>, kit: RouteKit, deps: AppDeps): void {
  const { security, json, errors, requireRole, engagementBody } = kit;

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

  app.openapi(
    createRoute({ method: 'post', path: '/api/engagements', security, request: { body: { content: { 'application/json': { schema: createEngagementSchema } }, required: true } }, responses: { 201: json(engagementSchema, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 422: json(errorSchema, 'Invalid profile, every problem with its path') } }),
    async (c) => {
      const body = c.req.valid('json');
      const profile = await profileFrom(body.profile);
      const id = await createEngagement(kit.app, { userId: c.get('principal').userId, name: body.name, input: profile.value, sourceText: profile.text });
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
      await updateProfile(kit.app, id, { userId: c.get('principal').userId, input: profile.value, sourceText: profile.text, expectedVersion: body.version });
      return c.json(await engagementBody(id, role), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/assessment', security, request: { params: idParam, query: z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), lang: z.enum(LOCALES).default('en').describe('The language of the prose (explanations, duties, questions): en, as stored, or zh-CN, the newest profile assessed again in Chinese.') }) }, responses: { 200: json(assessmentResponseSchema, 'The assessment (CONTRACT §2) of the latest profile as of the date'), 401: errors[401], 404: errors[404], 422: json(errorSchema, 'Date out of range') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { asOf, lang } = c.req.valid('query');
      return c.json(await assessmentAsOf(kit.app, id, asOf, lang), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/engagements/{id}/preview', security, request: { params: idParam, body: { content: { 'application/json': { schema: previewSchema } }, required: true } }, responses: { 200: json(assessmentResponseSchema, 'The assessment of the posted profile; nothing is stored'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: json(errorSchema, 'Invalid profile, every problem with its path') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const body = c.req.valid('json');
      const profile = await profileFrom(body.profile);
      return c.json(preview(kit.app, profile.value, body.asOf, body.lang), 200);
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
}
