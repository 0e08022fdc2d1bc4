// The annex: read in every format (JSON, Markdown and HTML kept per revision and revalidated by
// ETag; XLSX, DOCX and PDF rendered on request), a person's added and edited items, the diagrams.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { annexInLanguage } from '../../app/engagements.ts';
import type { Context } from 'hono';
import { LandfallError } from '../../core/errors.ts';
import { LOCALES, type Locale } from '../../i18n/messages.ts';
import { annexFileName, instrumentTitlesOf } from '../../render/annex-parts.ts';
import { annexView, renderAnnexHtml, renderAnnexMarkdown } from '../../render/render-annex.ts';
import { renderAnnexDocx } from '../../render/render-annex-docx.ts';
import { renderAnnexPdf } from '../../render/render-annex-pdf.ts';
import { renderAnnexXlsx } from '../../render/render-annex-xlsx.ts';
import { renderDiagramSvg } from '../../render/render-diagram-svg.ts';
import type { EngagementAccess } from '../../store/membership-store.ts';
import type { Role } from '../../store/workspace-store.ts';
import { type AnnexCache, matchesTag } from '../annex-cache.ts';
import { addItemSchema, annexItemSchema, diagramParam, editItemSchema, errorSchema, idParam, itemParam } from '../api-schemas.ts';
import { REVALIDATE, type AppDeps, type Env } from '../app.ts';
import { COMPRESS_THRESHOLD, chooseEncoding } from '../compression.ts';
import type { RouteKit } from './access.ts';
import type { BrandingReader } from './branding.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface AnnexRouteDeps {
  requireAccess: (c: Context<Env>, engagementId: string, minimum: Role) => Promise<EngagementAccess>;
  annexCache: AnnexCache;
  branding: BrandingReader;
}

export function registerAnnexRoutes(app: OpenAPIHono<Env>, kit: RouteKit, deps: AppDeps, { requireAccess, annexCache, branding }: AnnexRouteDeps): void {
  const { security, json, errors, requireRole } = kit;

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/annex', security, request: { params: idParam, query: z.object({ format: z.enum(['json', 'md', 'html', 'xlsx', 'docx', 'pdf']).default('json'), lang: z.enum(LOCALES).optional().describe('The language of the annex; the downloads default to the engagement\'s language, JSON to English.') }) }, responses: { 200: { description: 'The annex as JSON, Markdown, HTML (print-ready, diagrams as SVG) or the register as XLSX, in English or Chinese', content: { 'application/json': { schema: z.object({ items: z.array(annexItemSchema) }).passthrough() }, 'text/markdown': { schema: z.string() }, 'text/html': { schema: z.string() }, [XLSX_TYPE]: { schema: z.string().describe('binary') }, [DOCX_TYPE]: { schema: z.string().describe('binary') }, 'application/pdf': { schema: z.string().describe('binary') } } }, 400: errors[400], 401: errors[401], 404: errors[404], 503: json(errorSchema, 'PDF printing is busy (code busy, with Retry-After), timed out or unavailable') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const access = await requireAccess(c, id, 'viewer');
      const { format, lang } = c.req.valid('query');
      // A download is in the language asked for, else the engagement's; the JSON the workbench edits is English unless asked.
      const locale: Locale = lang ?? (format === 'json' ? 'en' : (await deps.store.engagement(id)).language);
      const load = async () => {
        const [{ frame, items }, engagement, state, brand] = await Promise.all([annexInLanguage(kit.app, id, locale), deps.store.engagement(id), deps.store.annexState(id), branding.current()]);
        const view = annexView(frame, items, engagement.updatedAt.slice(0, 10), { engagement: engagement.client ?? engagement.name, state, branding: { consultancy: brand.consultancy ?? undefined, logoPng: brand.logoPng }, locale, instrumentTitles: instrumentTitlesOf(deps.store.lawBook) });
        return { items, view, attachment: (extension: string) => `attachment; filename="${annexFileName(view.engagement, view.lastUpdated, extension, locale)}"` };
      };
      if (format === 'json' || format === 'md' || format === 'html') {
        // Kept per revision, language and branding version, and revalidated by tag; the caller's membership was checked above.
        const kind = `${format}${locale === 'en' ? '' : `.${locale}`}.b${(await branding.current()).version}`;
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
              summary: view.annex.summary ?? null, fileBase: annexFileName(view.engagement, view.lastUpdated, '', locale).replace(/\.$/, ''), diagrams: view.annex.diagrams, items, ...(locale === 'en' ? {} : { lang: locale }),
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

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/annex/diagrams/{diagram}', security, request: { params: diagramParam, query: z.object({ lang: z.enum(LOCALES).default('en').describe('The language of the drawing\'s words.') }) }, responses: { 200: { description: 'The diagram as SVG, the same drawing the exported annex carries', content: { 'image/svg+xml': { schema: z.string() } } }, 400: errors[400], 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id, diagram } = c.req.valid('param');
      const { lang } = c.req.valid('query');
      await requireRole(c, id, 'viewer');
      const frame = lang === 'en' ? await deps.store.annexFrame(id) : (await annexInLanguage(kit.app, id, lang)).frame;
      const found = frame.diagrams.find((candidate) => candidate.id === diagram);
      if (!found) throw new LandfallError('not_found', `No ${diagram} diagram in this annex.`);
      return c.body(renderDiagramSvg(found, lang), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
    },
  );
}
