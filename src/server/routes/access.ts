// Who may work on an engagement, and its life: members and invitations (owners), accounts
// (administrators), archiving, restoring and deleting (owners). Invitations are the reason an
// owner who is not an administrator cannot learn whether an address has an account:
// docs/SECURITY.md, "Members, invitations and accounts".
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app/context.ts';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hashPassword } from '../../store/auth-store.ts';
import type { Role, WorkspaceStore } from '../../store/workspace-store.ts';
import {
  accountSchema, createAccountSchema, createdAccountSchema, deleteEngagementSchema, engagementSchema, errorSchema, idParam, invitationParam, memberListSchema, memberParam, memberResultSchema,
  memberSchema,
} from '../api-schemas.ts';
import type { Env } from '../app.ts';

/** What the routes here share with the rest of the app. */
export interface RouteKit {
  store: WorkspaceStore;
  /** The application layer's context (src/app): the routes' way to the engine. */
  app: AppContext;
  security: Array<Record<string, string[]>>;
  json: (schema: z.ZodType, description: string) => { content: { 'application/json': { schema: z.ZodType } }; description: string };
  errors: Record<400 | 401 | 403 | 404, ReturnType<RouteKit['json']>>;
  requireRole: (c: Context<Env>, engagementId: string, minimum: Role, options?: { allowArchived?: boolean }) => Promise<Role>;
  /** `what` ends the refusal: "Only an administrator {what}." */
  requireAdmin: (c: Context<Env>, what?: string) => Promise<void>;
  engagementBody: (id: string, role: Role) => Promise<z.infer<typeof engagementSchema>>;
}

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerAccessRoutes(app: OpenAPIHono<Env>, kit: RouteKit): void {
  const { store, security, json, errors, requireRole, requireAdmin } = kit;
  const memberships = store.memberships;
  const conflict = json(errorSchema, 'The engagement is archived (`archived`), or the change would leave it without an owner (`last_owner`)');

  app.openapi(
    createRoute({ method: 'get', path: '/api/engagements/{id}/members', security, request: { params: idParam }, responses: { 200: json(memberListSchema, 'Members and their roles, and pending invitations'), 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const isAdmin = await memberships.isAdmin(c.get('principal').userId);
      const [members, invitations] = await Promise.all([memberships.members(id), memberships.invitations(id, isAdmin)]);
      return c.json({ members, invitations }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/engagements/{id}/members', security, request: { params: idParam, ...body(memberSchema) },
      description: 'Changes a member\'s role, or invites any other address. The answer for an address that has an account and for one that has none is the same.',
      responses: { 200: json(memberResultSchema, 'Role changed, or the address invited'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: conflict },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'owner');
      const { email, role } = c.req.valid('json');
      return c.json(await memberships.invite(id, c.get('principal').userId, email, role), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/engagements/{id}/members/{userId}', security, request: { params: memberParam }, responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404], 409: conflict } }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      await requireRole(c, id, 'owner');
      await memberships.removeMember(id, c.get('principal').userId, userId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/engagements/{id}/invitations/{invitationId}', security, request: { params: invitationParam }, responses: { 204: { description: 'Cancelled' }, 401: errors[401], 403: errors[403], 404: errors[404], 409: conflict } }),
    async (c) => {
      const { id, invitationId } = c.req.valid('param');
      await requireRole(c, id, 'owner');
      await memberships.cancelInvitation(id, c.get('principal').userId, invitationId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/engagements/{id}/archive', security, request: { params: idParam }, responses: { 200: json(engagementSchema, 'Archived: read-only, left out of the default list'), 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'Already archived') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const role = await requireRole(c, id, 'owner');
      await memberships.archive(id, c.get('principal').userId);
      return c.json(await kit.engagementBody(id, role), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/engagements/{id}/restore', security, request: { params: idParam }, responses: { 200: json(engagementSchema, 'Restored'), 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'Not archived') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const role = await requireRole(c, id, 'owner', { allowArchived: true });
      await memberships.restore(id, c.get('principal').userId);
      return c.json(await kit.engagementBody(id, role), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/engagements/{id}', security, request: { params: idParam, ...body(deleteEngagementSchema) },
      description: 'Deletes an archived engagement and everything in it. The body repeats the engagement\'s name. The audit log keeps a record of the deletion.',
      responses: { 204: { description: 'Deleted' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: json(errorSchema, 'Not archived'), 422: json(errorSchema, 'The name does not match') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'owner', { allowArchived: true });
      await memberships.deleteEngagement(id, c.get('principal').userId, c.req.valid('json').name);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/users', security, responses: { 200: json(z.object({ accounts: z.array(accountSchema) }), 'Every account (administrators only)'), 401: errors[401], 403: errors[403] } }),
    async (c) => {
      await requireAdmin(c);
      return c.json({ accounts: await memberships.accounts() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/users', security, request: body(createAccountSchema),
      description: 'Creates an account with a one-time password, shown once (administrators only). Invitations waiting for the address become memberships when the person logs in.',
      responses: { 201: json(createdAccountSchema, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 409: json(errorSchema, 'The address already has an account') },
    }),
    async (c) => {
      await requireAdmin(c);
      const { email, name, isAdmin } = c.req.valid('json');
      const oneTimePassword = randomBytes(15).toString('base64url');
      const account = await memberships.createAccount(c.get('principal').userId, { email, name, isAdmin, passwordHash: await hashPassword(oneTimePassword) });
      return c.json({ account, oneTimePassword }, 201);
    },
  );
}
