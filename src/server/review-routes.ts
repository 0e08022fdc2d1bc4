// The portfolio regulatory-change review: start a run over every engagement the caller can edit,
// follow its progress, read the portfolio table and one engagement's changes, download the client
// memo (DOCX, Markdown) and the portfolio workbook. The run itself is background work
// (src/jobs/portfolio-review.ts); these routes only queue it and read what it recorded.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { PortfolioReviewWorker } from '../jobs/portfolio-review.ts';
import { isIsoDate } from '../core/law/dates.ts';
import { CHANGE_KINDS } from '../core/review/diff-assessments.ts';
import { REVIEW_AXES, type ReviewStore } from '../store/review-store.ts';
import type { Env } from './app.ts';
import type { RouteKit } from './access-routes.ts';

const loadRenderReview = () => import('../render/render-review.ts');
const loadRenderReviewDocx = () => import('../render/render-review-docx.ts');
const loadRenderPortfolioXlsx = () => import('../render/render-review-xlsx.ts');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ReviewDeps {
  store: ReviewStore;
  worker: PortfolioReviewWorker;
  /** The content version reviews compare against (the server's). */
  contentVersion: string;
}

const date = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');
const startSchema = z.object({
  axis: z.enum(REVIEW_AXES).describe('date: the current content on two dates; content: each stored assessment against the current content; both'),
  from: date.optional().describe('The earlier date (date axis: required; both: optional, default each stored assessment\'s date)'),
  to: date.optional().describe('The later date; default today. A future date shows what changes under law already promulgated ("upcoming").'),
}).openapi('ReviewStart');
const runSchema = z.object({
  id: z.string(), axis: z.enum(REVIEW_AXES), from: z.string().nullable(), to: z.string(), afterContent: z.string(),
  status: z.enum(['running', 'done', 'cancelled']), total: z.number().int(), done: z.number().int(), failed: z.number().int(), createdAt: z.string(), finishedAt: z.string().nullable(),
}).openapi('ReviewRun');
const byKindSchema = z.object(Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, z.number().int()])) as Record<(typeof CHANGE_KINDS)[number], z.ZodNumber>);
const resultRowSchema = z.object({
  engagementId: z.string(), engagement: z.string(), state: z.enum(['pending', 'claimed', 'done', 'failed']), substantive: z.number().int().nullable(), citationOnly: z.number().int().nullable(),
  highestImpact: z.enum(['high', 'medium', 'low']).nullable(), byKind: byKindSchema.nullable(), error: z.string().nullable(), acceptedAt: z.string().nullable(),
}).openapi('ReviewResultRow');
const citationSchema = z.object({ instrument: z.string(), title: z.string(), article: z.string().nullable().optional() }).passthrough();
const changeSchema = z.object({
  path: z.string(), kind: z.enum(CHANGE_KINDS), impact: z.enum(['high', 'medium', 'low']), before: z.unknown(), after: z.unknown(),
  citations: z.object({ before: z.array(citationSchema), after: z.array(citationSchema) }), meaning: z.string(),
}).openapi('DeterminationChange');
const reviewSchema = z.object({
  organisation: z.string(), before: z.object({ asOf: z.string(), contentVersion: z.string() }), after: z.object({ asOf: z.string(), contentVersion: z.string() }),
  changes: z.array(changeSchema), summary: z.object({ byKind: byKindSchema, substantive: z.number().int(), citationOnly: z.number().int(), highestImpact: z.enum(['high', 'medium', 'low']).nullable() }),
}).openapi('EngagementReview');
const runParam = z.object({ runId: z.string().uuid() });
const resultParam = z.object({ runId: z.string().uuid(), engagementId: z.string().uuid() });

const bytes = (data: Uint8Array) => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
const slug = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'engagement';

export function registerReviewRoutes(app: OpenAPIHono<Env>, kit: RouteKit, reviews: ReviewDeps, today: () => string): void {
  const { security, json, errors, requireRole } = kit;
  const userOf = (c: Context<Env>) => c.get('principal').userId;

  app.openapi(
    createRoute({
      method: 'post', path: '/api/reviews', security, request: { body: { content: { 'application/json': { schema: startSchema } }, required: true } },
      description: 'Starts a regulatory-change review of every active engagement the caller can edit. The review runs in the background; follow it with GET /api/reviews/{runId}.',
      responses: { 202: json(runSchema, 'The review is queued'), 400: errors[400], 401: errors[401], 422: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'The dates are not in order') },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const to = body.to ?? today();
      const from = body.from ?? null;
      const problems = [
        ...(body.axis === 'date' && from == null ? [{ path: 'from', message: 'the date axis compares two dates: give `from`' }] : []),
        ...(from != null && from > to ? [{ path: 'from', message: `${from} is after \`to\` ${to}` }] : []),
        ...(body.axis === 'date' && from === to ? [{ path: 'from', message: 'the same date twice finds nothing: give an earlier `from`' }] : []),
      ];
      if (problems.length > 0) return c.json({ error: { code: 'invalid_review', message: 'The review cannot run as asked.', problems } }, 422);
      const run = await reviews.store.createRun(userOf(c), { axis: body.axis, from, to, afterContent: reviews.contentVersion });
      reviews.worker.poke();
      return c.json(run, 202);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/reviews', security, responses: { 200: json(z.object({ reviews: z.array(runSchema) }), 'The caller\'s reviews, newest first'), 401: errors[401] } }),
    async (c) => c.json({ reviews: await reviews.store.runs(userOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reviews/{runId}', security, request: { params: runParam, query: z.object({ after: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }) },
      responses: { 200: json(z.object({ review: runSchema, engagements: z.array(resultRowSchema), nextCursor: z.string().nullable() }), 'Progress and the portfolio table, a page at a time'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { runId } = c.req.valid('param');
      const { after, limit } = c.req.valid('query');
      const run = await reviews.store.run(runId, userOf(c));
      const page = await reviews.store.results(runId, userOf(c), { after, limit });
      return c.json({ review: run, engagements: page.rows, nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/reviews/{runId}/cancel', security, request: { params: runParam }, responses: { 200: json(runSchema, 'Stopped; what was reviewed stays'), 401: errors[401], 404: errors[404] } }),
    async (c) => c.json(await reviews.store.cancel(c.req.valid('param').runId, userOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reviews/{runId}/portfolio', security, request: { params: runParam },
      responses: { 200: { description: 'The portfolio summary as a workbook', content: { [XLSX_TYPE]: { schema: z.string().describe('binary') } } }, 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { runId } = c.req.valid('param');
      const run = await reviews.store.run(runId, userOf(c));
      const entries = [];
      let after: string | undefined;
      do {
        const page = await reviews.store.results(runId, userOf(c), { after, limit: 500 });
        for (const row of page.rows) entries.push({ row, review: row.state === 'done' ? (await reviews.store.result(runId, row.engagementId, userOf(c))).review : null });
        after = page.nextCursor ?? undefined;
      } while (after);
      const workbook = await (await loadRenderPortfolioXlsx()).renderPortfolioXlsx(run, entries);
      return c.body(bytes(workbook), 200, { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="portfolio-review-${run.to}.xlsx"` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reviews/{runId}/engagements/{engagementId}', security, request: { params: resultParam, query: z.object({ format: z.enum(['json', 'md', 'docx']).default('json') }) },
      responses: {
        200: { description: 'One engagement\'s changes, or its client memo', content: { 'application/json': { schema: z.object({ engagement: resultRowSchema, review: reviewSchema.nullable() }) }, 'text/markdown': { schema: z.string() }, [DOCX_TYPE]: { schema: z.string().describe('binary') } } },
        401: errors[401], 404: errors[404], 409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Not reviewed yet, or could not be reviewed'),
      },
    }),
    async (c) => {
      const { runId, engagementId } = c.req.valid('param');
      await requireRole(c, engagementId, 'editor', { allowArchived: true });
      const { format } = c.req.valid('query');
      const { row, review } = await reviews.store.result(runId, engagementId, userOf(c));
      if (format === 'json') return c.json({ engagement: row, review }, 200);
      if (!review) return c.json({ error: { code: 'not_reviewed', message: row.state === 'failed' ? `This engagement could not be reviewed: ${row.error ?? 'unknown error'}` : 'This engagement is not reviewed yet.' } }, 409);
      const entry = [{ file: row.engagement, review }];
      const name = `${slug(row.engagement)}-regulatory-change-review-${review.after.asOf}`;
      if (format === 'md') return c.body((await loadRenderReview()).renderReviewMarkdown(entry), 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${name}.md"` });
      return c.body(bytes(await (await loadRenderReviewDocx()).renderReviewDocx(entry)), 200, { 'content-type': DOCX_TYPE, 'content-disposition': `attachment; filename="${name}.docx"` });
    },
  );
}
