// The obligations calendar of an engagement: as JSON, as a Markdown or iCalendar download, and as a
// feed a calendar application subscribes to. The feed's address carries a token an editor makes,
// rotates or revokes; it needs no session, so the token is the only credential: 256 random bits,
// stored as a digest, shown once (docs/SECURITY.md, "Calendar feeds").
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assessInput } from '../../app/assess.ts';
import { buildObligationsCalendar, type CalendarAnchors } from '../../core/calendar/obligations-calendar.ts';
import { isIsoDate } from '../../core/law/dates.ts';
import { engagementSlug } from '../../render/annex-parts.ts';
import { errorSchema, idParam } from '../api-schemas.ts';
import { calendarAnchorsSchema, calendarFeedSchema, calendarSchema, createdCalendarFeedSchema } from '../calendar-schemas.ts';
import { LandfallError } from '../../core/errors.ts';
import { LOCALES, engineText, type Locale } from '../../i18n/messages.ts';
import type { Env } from '../app.ts';
import type { RouteKit } from './access.ts';

const loadRenderCalendar = () => import('../../render/render-calendar.ts');
const ICS_TYPE = 'text/calendar; charset=utf-8';
const date = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');
const feedParam = z.object({ file: z.string().max(200).describe('The feed token followed by .ics') });

export function registerCalendarRoutes(app: OpenAPIHono<Env>, kit: RouteKit, today: () => string): void {
  const { store, security, json, errors, requireRole } = kit;
  const feeds = store.calendarFeeds;

  /**
   * The calendar of the engagement's latest assessment, counted from the dates an editor recorded
   * (a query may override them for one download): a re-assessment or a recorded date changes it,
   * and so the feed. In another language than English the latest profile is assessed again at the
   * stored date in it, so the duties the calendar takes from the assessment read in it too.
   */
  const calendarOf = async (engagementId: string, overrides: CalendarAnchors = {}, locale: Locale = 'en') => {
    const [latest, stored] = await Promise.all([store.latest(engagementId), feeds.anchors(engagementId)]);
    const anchors: CalendarAnchors = { ...stored, ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) };
    const assessment = locale === 'en' ? latest.assessment : assessInput(kit.app, latest.profile, latest.assessment.asOf, locale);
    return buildObligationsCalendar(store.book, assessment, engineText(locale), anchors);
  };
  const lang = z.enum(LOCALES).optional();
  // The UIDs name the server, so the same duty is one event in every download and in the feed.
  const uidDomain = (c: Context<Env>) => new URL(c.req.url).hostname || 'landfall.local';

  app.openapi(
    createRoute({
      method: 'get', path: '/api/engagements/{id}/calendar', security,
      request: {
        params: idParam,
        query: z.object({
          format: z.enum(['json', 'ics', 'md']).default('json').describe('The calendar as JSON, or as an iCalendar or Markdown download.'),
          goLive: date.optional().describe('The go-live date, when it differs from the plan.'),
          transferEffective: date.optional().describe('When the transfer mechanism took effect: the CAC\'s approval, or the standard contract\'s effective date.'),
          lang: lang.describe('The language of the calendar (its duties and the document\'s words); the downloads default to the engagement\'s language, JSON to English.'),
        }),
      },
      description: 'The dated and recurring duties of the engagement, from its latest assessment; each entry says what its date was counted from.',
      responses: {
        200: { description: 'The obligations calendar', content: { 'application/json': { schema: calendarSchema }, 'text/calendar': { schema: z.string() }, 'text/markdown': { schema: z.string() } } },
        400: errors[400], 401: errors[401], 404: errors[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { format, goLive, transferEffective, lang: requested } = c.req.valid('query');
      // A download is in the language asked for, else the engagement's; the JSON the workbench shows is English unless asked.
      const engagement = format === 'json' ? null : await store.engagement(id);
      const locale: Locale = requested ?? engagement?.language ?? 'en';
      const calendar = await calendarOf(id, { goLive, transferEffective }, locale);
      if (engagement == null) return c.json(calendar, 200);
      const name = `${engagementSlug(engagement.client ?? engagement.name)}-obligations-calendar-${calendar.asOf}.${format}`;
      const render = await loadRenderCalendar();
      const disposition = `attachment; filename="${name}"`;
      if (format === 'ics') return c.body(render.renderCalendarIcs(calendar, { uidDomain: uidDomain(c), locale }), 200, { 'content-type': ICS_TYPE, 'content-disposition': disposition });
      return c.body(render.renderCalendarMarkdown(calendar, locale), 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': disposition });
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/calendar/anchors', security, request: { params: idParam }, responses: { 200: json(calendarAnchorsSchema, 'The dates the calendar counts from, as recorded'), 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      return c.json(await feeds.anchors(id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/engagements/{id}/calendar/anchors', security,
      request: { params: idParam, body: { content: { 'application/json': { schema: calendarAnchorsSchema } }, required: true } },
      description: 'Records the dates the calendar counts from (replacing those recorded before): the go-live, when the transfer mechanism took effect, and each system\'s last MLPS assessment. Recorded in the history.',
      responses: { 200: json(calendarAnchorsSchema, 'The dates now recorded'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'The engagement is archived') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const anchors = c.req.valid('json');
      // Every system named must be one of the engagement's, and a last assessment cannot lie ahead.
      const systems = new Set((await store.latest(id)).assessment.systems.map((system) => system.id));
      const problems = Object.entries(anchors.lastMlpsAssessment ?? {}).flatMap(([system, on]) => [
        ...(systems.has(system) ? [] : [{ path: `lastMlpsAssessment.${system}`, message: `no system "${system}" in this engagement` }]),
        ...(on > today() ? [{ path: `lastMlpsAssessment.${system}`, message: `${on} is after today (${today()}); record the last assessment made` }] : []),
      ]);
      if (problems.length > 0) throw new LandfallError('invalid_request', 'Some dates cannot be recorded.', { problems });
      return c.json(await feeds.setAnchors(id, c.get('principal').userId, anchors), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/calendar-feed', security, request: { params: idParam }, responses: { 200: json(calendarFeedSchema, 'Whether the engagement has a live feed (its address is never shown again)'), 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      return c.json({ feed: await feeds.live(id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/engagements/{id}/calendar-feed', security, request: { params: idParam },
      description: 'Makes the engagement\'s calendar feed, or rotates it: the address before stops working at once. The new address is in this answer only.',
      responses: { 201: json(createdCalendarFeedSchema, 'The feed and its address, shown once'), 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'The engagement is archived') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const created = await feeds.create(id, c.get('principal').userId);
      const path = `/api/calendar-feeds/${created.token}.ics`;
      return c.json({ ...created, path, url: new URL(path, c.req.url).toString() }, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/engagements/{id}/calendar-feed', security, request: { params: idParam }, responses: { 204: { description: 'Revoked: the address stops working at once' }, 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'The engagement is archived') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      if (!(await feeds.revoke(id, c.get('principal').userId))) throw new LandfallError('not_found', 'This engagement has no live calendar feed.');
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/calendar-feeds/{file}', request: { params: feedParam, query: z.object({ lang: lang.describe('The language of the feed\'s events; default the engagement\'s.') }) },
      description: 'The engagement\'s obligations calendar as iCalendar, for a calendar application to subscribe to. Needs no session: the token in the address is the credential. A token that is wrong, revoked, of an archived engagement or of someone no longer a member answers 404.',
      responses: { 200: { description: 'The current calendar', content: { 'text/calendar': { schema: z.string() } } }, 400: errors[400], 404: errors[404] },
    }),
    async (c) => {
      const { file } = c.req.valid('param');
      const { lang: requested } = c.req.valid('query');
      const engagementId = file.endsWith('.ics') ? await feeds.engagementFor(file.slice(0, -'.ics'.length)) : null;
      if (engagementId == null) throw new LandfallError('not_found', 'No such calendar feed.');
      const locale: Locale = requested ?? (await store.engagement(engagementId)).language;
      const calendar = await calendarOf(engagementId, {}, locale);
      return c.body((await loadRenderCalendar()).renderCalendarIcs(calendar, { uidDomain: uidDomain(c), locale }), 200, { 'content-type': ICS_TYPE });
    },
  );
}
