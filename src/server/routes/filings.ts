// Filing packs from the workbench: which packs apply to an engagement (decided by the same code as
// `landfall filing`: src/core/filings/draft-filing.ts), one pack as DOCX, Markdown or JSON in English
// or Chinese, and the engagement's default language, which an editor sets.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { assessInput } from '../../app/assess.ts';
import { invalidProfile } from '../../core/input-errors.ts';
import { FILING_KINDS, applicableFilings, draftFiling, isPerSystemFiling } from '../../core/filings/draft-filing.ts';
import { filingListSchema, languageSchema } from '../filing-schemas.ts';
import { LandfallError, isLandfallError } from '../../core/errors.ts';
import { isIsoDate } from '../../core/law/dates.ts';
import { normaliseProfile } from '../../core/profile/normalise-profile.ts';
import { engagementSlug } from '../../render/annex-parts.ts';
import { ENGAGEMENT_LANGUAGES, type EngagementLanguage } from '../../store/workspace-store.ts';
import { engagementSchema, errorSchema, idParam } from '../api-schemas.ts';
import type { Env } from '../app.ts';
import type { RouteKit } from './access.ts';

const loadRenderFiling = () => import('../../render/render-filing.ts');
const loadRenderFilingDocx = () => import('../../render/render-filing-docx.ts');
const loadFilingTemplate = () => import('../../render/filing-template.ts');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const bytes = (data: Uint8Array) => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

const filingParam = z.object({ id: z.string().uuid(), kind: z.enum(FILING_KINDS) });
const optionalId = z.string().min(1).max(100).optional();

export function registerFilingRoutes(app: OpenAPIHono<Env>, kit: RouteKit): void {
  const { store, security, json, errors, requireRole, engagementBody } = kit;

  /**
   * The newest profile, normalised as on its assessment's date, and that assessment: as stored
   * (English), or assessed again at the stored date in another language, so the pack's borrowed
   * sentences (duties, reasons) read in the pack's language too.
   */
  const inputsOf = async (engagementId: string, locale: EngagementLanguage = 'en') => {
    const latest = await store.latest(engagementId);
    const normalised = normaliseProfile(latest.profile, latest.assessment.asOf);
    // A stored profile was valid when it was saved; one the schema has since outgrown is listed, not a 500.
    if (!normalised.ok) throw invalidProfile(normalised.problems);
    const assessment = locale === 'en' ? latest.assessment : assessInput(kit.app, latest.profile, latest.assessment.asOf, locale);
    return { profile: normalised.profile, assessment };
  };

  app.openapi(
    createRoute({
      method: 'get', path: '/api/engagements/{id}/filings', security, request: { params: idParam },
      description: 'The filing packs that apply to the engagement\'s latest assessment, decided as `landfall filing` decides: a pack is listed when it can be drafted.',
      responses: { 200: json(filingListSchema, 'The packs, with the systems and transfers each can be drafted for'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const [{ profile, assessment }, engagement] = await Promise.all([inputsOf(id), store.engagement(id)]);
      return c.json({ asOf: assessment.asOf, language: engagement.language, filings: applicableFilings(store.book, profile, assessment) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/engagements/{id}/filings/{kind}', security,
      request: {
        params: filingParam,
        query: z.object({
          system: optionalId.describe('mlps-grading, mlps-filing: the system; required when the engagement has more than one.'),
          transfer: optionalId.describe('standard-contract: only this transfer; default every counted transfer.'),
          contractEffective: z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD').optional().describe('standard-contract: the contract\'s effective date, for the filing deadline in PRC working days.'),
          lang: z.enum(ENGAGEMENT_LANGUAGES).optional().describe('The language; default the engagement\'s.'),
          format: z.enum(['docx', 'md', 'json']).default('docx'),
          template: z.enum(['consultancy', 'none']).default('consultancy').describe('docx: in the consultancy\'s template for the language when an administrator has set one (`consultancy`, the default), or in Landfall\'s own layout (`none`).'),
        }),
      },
      description: 'One filing pack, drafted from the engagement\'s latest profile and assessment; fields the profile cannot fill are marked for the consultant.',
      responses: {
        200: { description: 'The pack', content: { [DOCX_TYPE]: { schema: z.string().describe('binary') }, 'text/markdown': { schema: z.string() }, 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
        400: json(errorSchema, 'A bad kind, language or format, or a system not named where the engagement has several (every problem with its path)'),
        401: errors[401],
        404: json(errorSchema, 'Not a member; or the pack does not apply, or the system or transfer is not one it can be drafted for (the problem\'s path says which)'),
      },
    }),
    async (c) => {
      const { id, kind } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { system, transfer, contractEffective, lang, format, template } = c.req.valid('query');
      const engagement = await store.engagement(id);
      const locale = lang ?? engagement.language;
      const { profile, assessment } = await inputsOf(id, locale);
      let model;
      try {
        model = draftFiling(store.book, profile, assessment, { kind, systemId: system, transferId: transfer, contractEffective });
      } catch (error) {
        if (!isLandfallError(error, 'filing_not_applicable')) throw error;
        // The core names the CLI's options (`--system`); the API's are query parameters (`system`).
        const problems = (error.problems ?? []).map((problem) => ({ path: problem.path === '--as-of' ? 'kind' : problem.path.replace(/^--/, ''), message: problem.message }));
        if (system == null && problems.some((problem) => problem.path === 'system')) throw new LandfallError('invalid_request', 'Name the system this pack is for.', { problems });
        throw new LandfallError('not_found', 'This filing pack cannot be drafted for this engagement as asked.', { problems });
      }
      if (format === 'json') return c.json({ ...model, lang: locale } as Record<string, unknown>, 200);
      const drafted = isPerSystemFiling(kind) ? (system ?? profile.systems[0]?.id) : undefined;
      const systemPart = drafted ? `-${drafted.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60)}` : '';
      const name = `${engagementSlug(engagement.client ?? engagement.name)}-${kind}${systemPart}-${locale}-${assessment.asOf}.${format}`;
      const render = await loadRenderFiling();
      const document = render.filingDocument(store.book, model, locale);
      const disposition = `attachment; filename="${name}"`;
      if (format === 'md') return c.body(render.renderFilingMarkdown(document), 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': disposition });
      const consultancyTemplate = template === 'consultancy' ? await store.filingTemplates.get(locale) : null;
      const docx = consultancyTemplate
        ? await (await loadFilingTemplate()).renderFilingDocxInTemplate(document, locale, consultancyTemplate.docx)
        : await (await loadRenderFilingDocx()).renderFilingDocx(document, locale);
      return c.body(bytes(docx), 200, { 'content-type': DOCX_TYPE, 'content-disposition': disposition, 'x-landfall-template': consultancyTemplate ? consultancyTemplate.sha256 : 'none' });
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/engagements/{id}/language', security, request: { params: idParam, body: { content: { 'application/json': { schema: languageSchema } }, required: true } },
      description: 'Sets the engagement\'s default output language. Recorded in the history.',
      responses: { 200: json(engagementSchema, 'The engagement with its language'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'The engagement is archived') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const role = await requireRole(c, id, 'editor');
      await store.setLanguage(id, c.get('principal').userId, c.req.valid('json').language);
      return c.json(await engagementBody(id, role), 200);
    },
  );
}
