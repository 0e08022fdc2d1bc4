// The session: log in (a cookie and its CSRF token), who is logged in, log out.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LandfallError } from '../../core/errors.ts';
import { SESSION_HOURS, type Principal } from '../../store/auth-store.ts';
import { currentSessionSchema, errorSchema, loginSchema, sessionSchema } from '../api-schemas.ts';
import { SESSION_COOKIE, tooManyAttempts, type AppDeps, type Env } from '../app.ts';
import type { RouteKit } from './access.ts';

export function registerSessionRoutes(app: OpenAPIHono<Env>, kit: RouteKit, deps: AppDeps, addressOf: (c: Context<Env>) => string): void {
  const { security, json, errors } = kit;
  const userBody = (principal: Principal) => ({ id: principal.userId, email: principal.email, name: principal.name, passwordChangeRequired: principal.mustChangePassword });

  app.openapi(
    createRoute({ method: 'post', path: '/api/session', request: { body: { content: { 'application/json': { schema: loginSchema } }, required: true } }, responses: { 200: json(sessionSchema, 'Logged in; the session cookie is set'), 400: errors[400], 401: json(errorSchema, 'Bad credentials'), 429: json(errorSchema, 'Too many failed attempts') } }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const result = await deps.auth.login(email, password, addressOf(c));
      if (result.kind === 'limited') throw tooManyAttempts(result.retryAfterSeconds);
      if (result.kind === 'invalid') throw new LandfallError('bad_credentials', 'Wrong email or password.');
      setCookie(c, SESSION_COOKIE, result.sessionToken, { httpOnly: true, sameSite: 'Strict', secure: deps.secureCookies, path: '/', maxAge: SESSION_HOURS * 3600 });
      // Invitations wait for the address's owner to prove it by logging in.
      await deps.store.memberships.acceptInvitations(result.userId);
      const principal = (await deps.auth.fromSession(result.sessionToken))!;
      const isAdmin = await deps.store.memberships.isAdmin(result.userId);
      return c.json({ user: { ...userBody(principal), isAdmin }, csrfToken: result.csrfToken }, 200);
    },
  );

  app.openapi(createRoute({ method: 'get', path: '/api/session', security, responses: { 200: json(currentSessionSchema, 'Who is logged in, and the CSRF token of the session'), 401: errors[401] } }), async (c) => {
    const principal = c.get('principal');
    const isAdmin = await deps.store.memberships.isAdmin(principal.userId);
    return c.json({ user: { ...userBody(principal), isAdmin }, csrfToken: principal.csrfToken }, 200);
  });

  app.openapi(createRoute({ method: 'delete', path: '/api/session', security, responses: { 204: { description: 'Logged out' }, 401: errors[401], 403: errors[403] } }), async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deps.auth.logout(cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.secureCookies });
    return c.body(null, 204);
  });
}
