// The consultancy's branding of the deliverables: every member can see it (the annex carries it),
// only an administrator changes it. The logo is uploaded as base64 in JSON, re-encoded by the
// server as a bounded PNG (render/logo.ts) and served back only as that PNG.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { normaliseLogo } from '../../render/logo.ts';
import type { BrandingStore, StoredBranding } from '../../store/branding-store.ts';
import { brandingChangeSchema, brandingSchema, errorSchema } from '../api-schemas.ts';
import { LandfallError } from '../../core/errors.ts';
import type { Env } from '../app.ts';
import type { RouteKit } from './access.ts';

const view = (branding: StoredBranding) => ({ consultancy: branding.consultancy, hasLogo: branding.logoPng != null, version: branding.version, updatedAt: branding.updatedAt });

/**
 * The branding the annex renderers use, read at most once per `ttlMs` per process (the annex route
 * is hot; the branding changes rarely). A change made through this process is seen at once; one
 * made through another process on the same database within the interval.
 */
export class BrandingReader {
  private kept: { at: number; value: StoredBranding } | null = null;
  constructor(private readonly store: BrandingStore, private readonly ttlMs = 5000, private readonly now = () => Date.now()) {}

  async current(): Promise<StoredBranding> {
    const kept = this.kept;
    if (kept && this.now() - kept.at < this.ttlMs) return kept.value;
    const value = await this.store.current();
    this.kept = { at: this.now(), value };
    return value;
  }

  remember(value: StoredBranding): void {
    this.kept = { at: this.now(), value };
  }
}

export function registerBrandingRoutes(app: OpenAPIHono<Env>, kit: RouteKit, reader: BrandingReader): void {
  const { store, security, json, errors, requireAdmin } = kit;

  app.openapi(
    createRoute({ method: 'get', path: '/api/settings/branding', security, responses: { 200: json(brandingSchema, 'The consultancy name and whether there is a logo'), 401: errors[401] } }),
    async (c) => c.json(view(await store.branding.current()), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/settings/branding/logo', security,
      responses: { 200: { description: 'The logo as the deliverables carry it (a PNG the server encoded)', content: { 'image/png': { schema: z.string().describe('binary') } } }, 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { logoPng } = await store.branding.current();
      if (!logoPng) throw new LandfallError('not_found', 'No logo is set.');
      return c.body(logoPng.buffer.slice(logoPng.byteOffset, logoPng.byteOffset + logoPng.byteLength) as ArrayBuffer, 200, { 'content-type': 'image/png', 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-cache' });
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/settings/branding', security,
      request: { body: { content: { 'application/json': { schema: brandingChangeSchema } }, required: true } },
      description: 'Sets the consultancy name and logo every annex export carries (administrators only). Recorded in the audit log.',
      responses: { 200: json(brandingSchema, 'The branding now'), 400: errors[400], 401: errors[401], 403: errors[403], 413: json(errorSchema, 'The request body is too large') },
    }),
    async (c) => {
      await requireAdmin(c, 'changes the branding of the deliverables');
      const { consultancy, logo } = c.req.valid('json');
      let logoPng: Uint8Array | null | undefined;
      if (logo === null) logoPng = null;
      else if (logo !== undefined) {
        logoPng = await normaliseLogo(Buffer.from(logo, 'base64'), 'logo');
      }
      const next = await store.branding.set(c.get('principal').userId, { consultancy, logoPng });
      reader.remember(next);
      return c.json(view(next), 200);
    },
  );
}
