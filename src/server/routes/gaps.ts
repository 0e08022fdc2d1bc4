// The GB/T 22239-2019 gap register of an engagement's newest profile, as JSON or a CSV or XLSX download.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { gapsOf } from '../../app/engagements.ts';
import { LOCALES } from '../../i18n/messages.ts';
import { engagementSlug } from '../../render/annex-parts.ts';
import { renderGapsCsv, renderGapsXlsx } from '../../render/render-gaps.ts';
import { errorSchema, gapsResponseSchema, idParam, isoDateParam } from '../api-schemas.ts';
import type { AppDeps, Env } from '../app.ts';
import type { RouteKit } from './access.ts';
import { XLSX_TYPE } from './annex.ts';

export function registerGapsRoutes(app: OpenAPIHono<Env>, kit: RouteKit, deps: AppDeps): void {
  const { security, json, errors, requireRole } = kit;

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/gaps', security, request: { params: idParam, query: z.object({ system: z.string().max(100).optional(), asOf: isoDateParam.optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json').describe('The register as JSON, or as a CSV or XLSX download.'), lang: z.enum(LOCALES).optional().describe('The language of the register (the engine\'s sentences, and in the downloads the headings, labels and the catalogue\'s Chinese summaries); the downloads default to the engagement\'s language, JSON to English.') }) }, responses: { 200: { description: 'The GB/T 22239-2019 gap register of the newest profile at each system\'s graded level', content: { 'application/json': { schema: gapsResponseSchema }, 'text/csv': { schema: z.string() }, [XLSX_TYPE]: { schema: z.string().describe('binary') } } }, 400: errors[400], 401: errors[401], 404: errors[404], 422: json(errorSchema, 'Unknown system') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { system, asOf, format, lang } = c.req.valid('query');
      if (format === 'json') return c.json(await gapsOf(kit.app, id, asOf ?? deps.today(), { systemId: system }, lang ?? 'en'), 200);
      // Downloads: the gap register the annex points to, named like the annex's files, in the language asked for or the engagement's.
      const engagement = await deps.store.engagement(id);
      const locale = lang ?? engagement.language;
      const gaps = await gapsOf(kit.app, id, asOf ?? deps.today(), { systemId: system }, locale);
      const name = `${engagementSlug(engagement.client ?? engagement.name)}-gap-register-${asOf ?? deps.today()}${locale === 'en' ? '' : `-${locale}`}.${format}`;
      if (format === 'csv') return c.body(renderGapsCsv(gaps, locale), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
      const bytes = await renderGapsXlsx(gaps, locale);
      return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="${name}"` });
    },
  );
}
