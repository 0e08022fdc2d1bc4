// The portfolio regulatory-change review: start a run over every engagement the caller can edit,
// follow its progress, read the portfolio table and one engagement's changes, download the client
// memo (DOCX, Markdown) and the portfolio workbook. The run itself is background work
// (src/jobs/portfolio-review.ts); these routes only queue it and read what it recorded.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { acceptReview } from '../../app/engagements.ts';
import { LOCALES } from '../../i18n/messages.ts';
import type { Context } from 'hono';
import type { PortfolioReviewWorker } from '../../jobs/portfolio-review.ts';
import { LandfallError } from '../../core/errors.ts';
import type { ReviewStore } from '../../store/review-store.ts';
import { resultRowSchema, reviewSchema, runSchema, startSchema } from '../review-schemas.ts';
import type { Env } from '../app.ts';
import type { RouteKit } from './access.ts';

const loadRenderReview = () => import('../../render/render-review.ts');
const loadRenderReviewDocx = () => import('../../render/render-review-docx.ts');
const loadRenderPortfolioXlsx = () => import('../../render/render-review-xlsx.ts');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const langQuery = z.object({ lang: z.enum(LOCALES).default('en').describe('The language of the memo\'s own words: en or zh-CN.') });

export interface ReviewDeps {
  store: ReviewStore;
  worker: PortfolioReviewWorker;
  /** The content version reviews compare against (the server's). */
  contentVersion: string;
}

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
      if (problems.length > 0) throw new LandfallError('invalid_review', 'The review cannot run as asked.', { problems });
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
      method: 'get', path: '/api/reviews/{runId}/portfolio', security, request: { params: runParam, query: langQuery },
      description: 'The portfolio summary as a workbook. `lang` sets the workbook\'s own words (sheets, columns, labels); each change reads as the review wrote it, in English.',
      responses: { 200: { description: 'The portfolio summary as a workbook', content: { [XLSX_TYPE]: { schema: z.string().describe('binary') } } }, 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { runId } = c.req.valid('param');
      const { lang } = c.req.valid('query');
      const run = await reviews.store.run(runId, userOf(c));
      const entries = [];
      let after: string | undefined;
      do {
        const page = await reviews.store.results(runId, userOf(c), { after, limit: 500 });
        for (const row of page.rows) entries.push({ row, review: row.state === 'done' ? (await reviews.store.result(runId, row.engagementId, userOf(c))).review : null });
        after = page.nextCursor ?? undefined;
      } while (after);
      const workbook = await (await loadRenderPortfolioXlsx()).renderPortfolioXlsx(run, entries, lang);
      return c.body(bytes(workbook), 200, { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="portfolio-review-${run.to}${lang === 'en' ? '' : `-${lang}`}.xlsx"` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reviews/{runId}/engagements/{engagementId}', security, request: { params: resultParam, query: z.object({ format: z.enum(['json', 'md', 'docx']).default('json') }).merge(langQuery) },
      description: 'One engagement\'s changes, or its client memo. `lang` sets the memo\'s own words (headings, columns, labels); each change reads as the review wrote it, in English.',
      responses: {
        200: { description: 'One engagement\'s changes, or its client memo', content: { 'application/json': { schema: z.object({ engagement: resultRowSchema, review: reviewSchema.nullable() }) }, 'text/markdown': { schema: z.string() }, [DOCX_TYPE]: { schema: z.string().describe('binary') } } },
        401: errors[401], 404: errors[404], 409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Not reviewed yet, or could not be reviewed'),
      },
    }),
    async (c) => {
      const { runId, engagementId } = c.req.valid('param');
      await requireRole(c, engagementId, 'editor', { allowArchived: true });
      const { format, lang } = c.req.valid('query');
      const { row, review } = await reviews.store.result(runId, engagementId, userOf(c));
      if (format === 'json') return c.json({ engagement: row, review }, 200);
      if (!review) throw new LandfallError('not_reviewed', row.state === 'failed' ? `This engagement could not be reviewed: ${row.error ?? 'unknown error'}` : 'This engagement is not reviewed yet.');
      const entry = [{ file: row.engagement, review }];
      const name = `${slug(row.engagement)}-regulatory-change-review-${review.after.asOf}${lang === 'en' ? '' : `-${lang}`}`;
      if (format === 'md') return c.body((await loadRenderReview()).renderReviewMarkdown(entry, lang), 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${name}.md"` });
      return c.body(bytes(await (await loadRenderReviewDocx()).renderReviewDocx(entry, lang)), 200, { 'content-type': DOCX_TYPE, 'content-disposition': `attachment; filename="${name}.docx"` });
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/reviews/{runId}/engagements/{engagementId}/accept', security, request: { params: resultParam },
      description: 'Accepts one engagement\'s review: the engagement is re-assessed on the review\'s later date with the current content, its annex re-derived with people\'s edits kept, and every item resting on a changed determination marked for re-review with the change attached.',
      responses: {
        200: json(z.object({ version: z.number().int(), marked: z.number().int(), acceptedAt: z.string() }), 'Accepted: the engagement\'s new version and how many annex items were marked'),
        401: errors[401], 403: errors[403], 404: errors[404], 409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Not reviewed yet, already accepted, or the engagement is archived'),
      },
    }),
    async (c) => {
      const { runId, engagementId } = c.req.valid('param');
      await requireRole(c, engagementId, 'editor');
      const { row, review } = await reviews.store.result(runId, engagementId, userOf(c));
      if (!review) throw new LandfallError('not_reviewed', 'This engagement is not reviewed yet.');
      if (row.acceptedAt) throw new LandfallError('already_accepted', `This review was accepted on ${row.acceptedAt.slice(0, 10)}.`);
      return c.json(await acceptReview(kit.app, engagementId, userOf(c), { runId, asOf: review.after.asOf, changes: review.changes }), 200);
    },
  );
}
