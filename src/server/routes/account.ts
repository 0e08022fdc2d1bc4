// The caller's own account: changing the password, and the API tokens they hold. Nobody reaches
// another person's account through these routes: every query is scoped to the caller's user id,
// and someone else's token id is answered as if it did not exist.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { TOKEN_MAX_DAYS } from '../../store/account-rules.ts';
import type { AuthStore } from '../../store/auth-store.ts';
import { errorSchema, passwordChangeSchema, passwordChangedSchema, tokenListSchema, tokenParam, tokenRequestSchema, tokenSchema } from '../api-schemas.ts';
import { LandfallError } from '../../core/errors.ts';
import { SESSION_COOKIE, errors, json, tooManyAttempts, type Env } from '../app.ts';

const DAY_MS = 86_400_000;

export interface AccountRouteDeps {
  auth: AuthStore;
  /** The client's address for throttling (client-address.ts). */
  addressOf: (c: Context<Env>) => string;
  security: Array<Record<string, string[]>>;
}

/** When a new token stops working, from `expiresInDays` or `expiresOn`; null when it has no expiry. */
export function tokenExpiry(request: { expiresInDays?: number | undefined; expiresOn?: string | undefined }, now: number): Date | null {
  if (request.expiresInDays != null) return new Date(now + request.expiresInDays * DAY_MS);
  if (request.expiresOn == null) return null;
  const date = new Date(`${request.expiresOn}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== request.expiresOn) {
    throw new LandfallError('invalid_expiry', 'The expiry is not a date.', { problems: [{ path: 'expiresOn', message: `"${request.expiresOn}" is not a calendar date` }] });
  }
  if (date.getTime() <= now || date.getTime() > now + (TOKEN_MAX_DAYS + 1) * DAY_MS) {
    throw new LandfallError('invalid_expiry', `A token expires tomorrow at the earliest and within ${TOKEN_MAX_DAYS} days.`, { problems: [{ path: 'expiresOn', message: `expected a date after today and at most ${TOKEN_MAX_DAYS} days ahead` }] });
  }
  return date;
}

export function registerAccountRoutes(app: OpenAPIHono<Env>, deps: AccountRouteDeps): void {
  const { auth, security } = deps;

  app.openapi(
    createRoute({
      method: 'post', path: '/api/session/password', security,
      description: 'Changes the caller\'s own password. Every other session of the account is logged out; API tokens are kept. An account with a one-time password must do this first.',
      request: { body: { content: { 'application/json': { schema: passwordChangeSchema } }, required: true } },
      responses: { 200: json(passwordChangedSchema, 'Changed'), 400: errors[400], 401: errors[401], 403: json(errorSchema, 'Wrong current password, or CSRF token missing'), 422: json(errorSchema, 'The new password is the current one'), 429: json(errorSchema, 'Too many wrong passwords; see Retry-After') },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { currentPassword, newPassword } = c.req.valid('json');
      const keep = principal.via === 'session' ? (getCookie(c, SESSION_COOKIE) ?? null) : null;
      const result = await auth.changePassword(principal.userId, currentPassword, newPassword, deps.addressOf(c), keep);
      if (result.kind === 'limited') throw tooManyAttempts(result.retryAfterSeconds);
      if (result.kind === 'wrong_password') throw new LandfallError('wrong_password', 'The current password is not right.', { problems: [{ path: 'currentPassword', message: 'not the current password' }] });
      if (result.kind === 'same_password') throw new LandfallError('same_password', 'Choose a password other than the current one.', { problems: [{ path: 'newPassword', message: 'same as the current password' }] });
      return c.json({ sessionsEnded: result.sessionsEnded, tokensKept: result.tokensKept }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/tokens', security, responses: { 200: json(tokenListSchema, 'The caller\'s API tokens, newest first, revoked and expired ones included; never the token itself'), 401: errors[401] } }),
    async (c) => c.json({ tokens: await auth.listTokens(c.get('principal').userId) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/tokens', security,
      request: { body: { content: { 'application/json': { schema: tokenRequestSchema } }, required: true } },
      responses: { 201: json(tokenSchema, 'The token, shown once'), 400: errors[400], 401: errors[401], 403: errors[403], 422: json(errorSchema, 'Expiry out of bounds') },
    }),
    async (c) => {
      const request = c.req.valid('json');
      const created = await auth.createToken(c.get('principal').userId, request.name, tokenExpiry(request, Date.now()));
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/tokens/{tokenId}', security, request: { params: tokenParam }, responses: { 204: { description: 'Revoked (revoking twice is harmless)' }, 401: errors[401], 403: errors[403], 404: json(errorSchema, 'The caller has no token with this id') } }),
    async (c) => {
      const { tokenId } = c.req.valid('param');
      if (!(await auth.revokeToken(c.get('principal').userId, tokenId))) throw new LandfallError('not_found', 'You have no API token with this id.');
      return c.body(null, 204);
    },
  );
}
