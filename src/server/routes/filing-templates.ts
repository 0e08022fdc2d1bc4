// The consultancy's Word templates for the filing packs, one per language: every member can see
// which there are (the Filings tab says when a pack comes in the consultancy's template), only an
// administrator uploads or removes one. A template is uploaded as the DOCX itself (not base64 in
// JSON), up to TEMPLATE_MAX_BYTES, and kept only when checkFilingTemplate finds nothing wrong.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { LandfallError } from '../../core/errors.ts';
import { FILING_PLACEHOLDER, TEMPLATE_MAX_BYTES } from '../../render/filing-template-limits.ts';
import { ENGAGEMENT_LANGUAGES } from '../../store/workspace-store.ts';
import { errorSchema } from '../api-schemas.ts';
import type { Env } from '../app.ts';
import type { RouteKit } from './access.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const FILING_TEMPLATE_PATH = '/api/settings/filing-templates';
const loadFilingTemplate = () => import('../../render/filing-template.ts');

const templateSchema = z
  .object({
    locale: z.enum(ENGAGEMENT_LANGUAGES),
    fileName: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    updatedAt: z.string(),
  })
  .openapi('FilingTemplate');
const templateListSchema = z.object({ templates: z.array(templateSchema), maxBytes: z.number().int(), placeholder: z.string() }).openapi('FilingTemplates');
const localeParam = z.object({ locale: z.enum(ENGAGEMENT_LANGUAGES) });
/** A name for the template as the Account page shows it; the file's own name, cleaned, or a default. */
const fileNameQuery = z.object({ name: z.string().max(200).optional().describe('The file name to show (default template-<locale>.docx).') });

const cleanName = (name: string | undefined, locale: string): string => {
  const cleaned = (name ?? '').replace(/[\p{Cc}"\\/]/gu, '').trim().slice(0, 200);
  return cleaned.length > 0 ? cleaned : `template-${locale}.docx`;
};

export function registerFilingTemplateRoutes(app: OpenAPIHono<Env>, kit: RouteKit): void {
  const { store, security, json, errors, requireAdmin } = kit;

  app.openapi(
    createRoute({
      method: 'get', path: FILING_TEMPLATE_PATH, security,
      description: 'The consultancy\'s filing-pack templates by language (without their bytes), the size limit and the placeholder a template must hold.',
      responses: { 200: json(templateListSchema, 'The templates there are'), 401: errors[401] },
    }),
    async (c) => c.json({ templates: (await store.filingTemplates.list()) as Array<z.infer<typeof templateSchema>>, maxBytes: TEMPLATE_MAX_BYTES, placeholder: `{{${FILING_PLACEHOLDER}}}` }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${FILING_TEMPLATE_PATH}/{locale}`, security, request: { params: localeParam },
      description: 'The template of one language, as uploaded (administrators only).',
      responses: { 200: { description: 'The template', content: { [DOCX_TYPE]: { schema: z.string().describe('binary') } } }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await requireAdmin(c, 'downloads a filing template');
      const { locale } = c.req.valid('param');
      const template = await store.filingTemplates.get(locale);
      if (!template) throw new LandfallError('not_found', `No ${locale} filing template is set.`);
      const data = template.docx;
      return c.body(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer, 200, {
        'content-type': DOCX_TYPE,
        'content-disposition': `attachment; filename="template-${locale}.docx"`,
        'x-content-type-options': 'nosniff',
      });
    },
  );

  // The global 1 MiB limit skips this path (see app.ts); a template gets its own, larger one.
  app.put(`${FILING_TEMPLATE_PATH}/:locale`, bodyLimit({ maxSize: TEMPLATE_MAX_BYTES, onError: () => { throw new LandfallError('too_large', `A filing template may have at most ${TEMPLATE_MAX_BYTES} bytes.`); } }));
  app.openapi(
    createRoute({
      method: 'put', path: `${FILING_TEMPLATE_PATH}/{locale}`, security,
      request: { params: localeParam, query: fileNameQuery, body: { content: { [DOCX_TYPE]: { schema: z.string().describe('binary') } }, required: true } },
      description: 'Sets the language\'s filing template (administrators only): the DOCX itself as the body. It must be a Word document without macros, holding a `{{filing}}` paragraph where the pack goes (and `{{title}}` wherever the title goes). Recorded in the audit log.',
      responses: {
        200: json(templateSchema, 'The template kept'),
        400: json(errorSchema, 'Not a usable template: every problem with its path inside the file'),
        401: errors[401], 403: errors[403],
        413: json(errorSchema, 'The template is too large'),
        415: json(errorSchema, 'The body is not sent as a DOCX'),
      },
    }),
    async (c) => {
      await requireAdmin(c, 'sets the filing templates');
      const { locale } = c.req.valid('param');
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== DOCX_TYPE && type !== 'application/octet-stream') throw new LandfallError('unsupported_media_type', `Send the template as ${DOCX_TYPE}.`);
      const docx = new Uint8Array(await c.req.arrayBuffer());
      const problems = await (await loadFilingTemplate()).checkFilingTemplate(docx, 'template');
      if (problems.length > 0) throw new LandfallError('invalid_request', 'This file cannot be used as a filing template.', { problems });
      const kept = await store.filingTemplates.set(c.get('principal').userId, locale, cleanName(c.req.valid('query').name, locale), docx);
      return c.json(kept as z.infer<typeof templateSchema>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: `${FILING_TEMPLATE_PATH}/{locale}`, security, request: { params: localeParam },
      description: 'Removes the language\'s filing template (administrators only); packs then come in Landfall\'s own layout. Recorded in the audit log.',
      responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await requireAdmin(c, 'removes the filing templates');
      const { locale } = c.req.valid('param');
      if (!(await store.filingTemplates.remove(c.get('principal').userId, locale))) throw new LandfallError('not_found', `No ${locale} filing template is set.`);
      return c.body(null, 204);
    },
  );
}

