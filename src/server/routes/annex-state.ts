// The annex's document state, set by an editor: Draft, Under review or Final. Final needs
// `confirm: true`; without it the answer is 409 `confirm_final` listing the items still
// unconfirmed, so the workbench can show them before the person confirms.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { annexStateResultSchema, annexStateSchema, errorSchema, idParam } from '../api-schemas.ts';
import type { RouteKit } from './access.ts';
import type { Env } from '../app.ts';

export function registerAnnexStateRoute(app: OpenAPIHono<Env>, kit: RouteKit): void {
  const { store, security, json, errors, requireRole } = kit;
  const brief = (item: { id: string; title: string; status: string; data: Record<string, unknown> }) => ({ id: item.id, title: item.title, status: item.status, section: String(item.data.section ?? 'register') });
  app.openapi(
    createRoute({
      method: 'put', path: '/api/engagements/{id}/annex/state', security,
      request: { params: idParam, body: { content: { 'application/json': { schema: annexStateSchema } }, required: true } },
      description: 'Sets the document state the annex shows on screen and in every export. Recorded in the history.',
      responses: {
        200: json(annexStateResultSchema, 'The state set, and the items still unconfirmed'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404],
        409: json(errorSchema, 'Final without `confirm: true` (`confirm_final`, the unconfirmed items as problems), or the engagement is archived'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const { state, confirm } = c.req.valid('json');
      // Final without confirm throws FinalNotConfirmedError: 409 confirm_final, the unconfirmed items as problems.
      const result = await store.setAnnexState(id, c.get('principal').userId, state, confirm ?? false);
      return c.json({ documentState: result.state, unconfirmed: result.unconfirmed.map(brief) }, 200);
    },
  );
}
