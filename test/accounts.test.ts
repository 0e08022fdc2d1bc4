// The caller's own account over the API: changing the password, the one-time password that must be
// changed at first login, and API tokens that are listed, revoked and expire. Also which API
// responses may be cached.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/store/auth-store.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { PASSWORD, apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { book } from './helpers.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
const DAY_MS = 86_400_000;

describe.each(DATABASES)('accounts on $name', ({ options: makeOptions }) => {
  const { request, login, call, database } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['mover@example.com', 'Mo'], ['tess@example.com', 'Tess'], ['uma@example.com', 'Uma']]);
  const bearer = (token: string, method = 'GET', path = '/api/engagements', body?: unknown) =>
    request(path, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const errorCode = async (response: Response) => ((await response.json()) as Json).error.code as string;

  it('changes one\'s own password with the current one; other sessions end, this one and the API tokens stay', async () => {
    const here = await login('mover@example.com');
    const elsewhere = await login('mover@example.com');
    const token = ((await (await call(here, 'POST', '/api/tokens', { name: 'ci' })).json()) as Json).token as string;

    const short = await call(here, 'POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'too short' });
    expect(short.status).toBe(400);
    expect(((await short.json()) as Json).error.problems).toEqual([{ path: 'newPassword', message: 'use at least 12 characters' }]);
    const wrong = await call(here, 'POST', '/api/session/password', { currentPassword: 'not the password', newPassword: 'a new long passphrase' });
    expect(wrong.status).toBe(403);
    expect(await errorCode(wrong)).toBe('wrong_password');
    const withoutCsrf = await request('/api/session/password', { method: 'POST', headers: { cookie: here.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'a new long passphrase' }) });
    expect(withoutCsrf.status).toBe(403);
    expect(await errorCode(withoutCsrf)).toBe('csrf');

    const changed = await call(here, 'POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'a new long passphrase' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ sessionsEnded: 1, tokensKept: 1 });
    expect((await call(elsewhere, 'GET', '/api/engagements')).status).toBe(401);
    expect((await call(here, 'GET', '/api/engagements')).status).toBe(200);
    expect((await bearer(token)).status).toBe(200);
    const old = await request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mover@example.com', password: PASSWORD }) });
    expect(old.status).toBe(401);
    await login('mover@example.com', 'a new long passphrase');
  });

  it('makes an account created with a one-time password change it before anything else', async () => {
    const owner = await login('owner@example.com');
    const id = ((await (await call(owner, 'POST', '/api/engagements', { name: 'One-time', profile: automotiveYaml })).json()) as Json).id as string;
    // An account someone else made carries a one-time password (administrators make them: POST /api/users).
    const oneTime = 'handed over one-time pass';
    await new WorkspaceStore(database(), book).createUser('newcomer@example.com', 'Nia', await hashPassword(oneTime), { oneTimePassword: true });
    expect((await call(owner, 'POST', `/api/engagements/${id}/members`, { email: 'newcomer@example.com', role: 'viewer' })).status).toBe(200);

    const first = await request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'newcomer@example.com', password: oneTime }) });
    expect(first.status).toBe(200);
    const body = (await first.json()) as Json;
    expect(body.user.passwordChangeRequired).toBe(true);
    const session: Session = { cookie: first.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken as string };
    expect(((await (await call(session, 'GET', '/api/session')).json()) as Json).user.passwordChangeRequired).toBe(true);
    for (const [method, path, payload] of [['GET', '/api/engagements'], ['GET', `/api/engagements/${id}`], ['GET', `/api/engagements/${id}/annex`], ['POST', '/api/tokens', { name: 'x' }], ['GET', '/api/tokens'], ['GET', '/api/examples']] as const) {
      const refused = await call(session, method, path, payload);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(await errorCode(refused)).toBe('password_change_required');
    }
    expect((await call(session, 'POST', '/api/session/password', { currentPassword: oneTime, newPassword: 'chosen by Nia herself' })).status).toBe(200);
    expect(((await (await call(session, 'GET', '/api/session')).json()) as Json).user.passwordChangeRequired).toBe(false);
    expect((await call(session, 'GET', `/api/engagements/${id}`)).status).toBe(200);
    expect((await call(session, 'DELETE', '/api/session')).status).toBe(204);
  });

  it('holds a token of a one-time-password account to the same rule', async () => {
    const store = new WorkspaceStore(database(), book);
    const userId = await store.createUser('scripted@example.com', 'Scripted', await hashPassword('handed over pass'), { oneTimePassword: true });
    const { AuthStore } = await import('../src/store/auth-store.ts');
    const token = (await new AuthStore(database()).createToken(userId, 'early')).token;
    expect((await bearer(token)).status).toBe(403);
    expect((await bearer(token, 'GET', '/api/session')).status).toBe(200);
    expect((await bearer(token, 'POST', '/api/session/password', { currentPassword: 'handed over pass', newPassword: 'scripted new pass' })).status).toBe(200);
    expect((await bearer(token)).status).toBe(200);
  });

  it('lists the caller\'s tokens without the secret, revokes only one\'s own, and refuses revoked and expired ones', async () => {
    const tess = await login('tess@example.com');
    const uma = await login('uma@example.com');
    const created = (await (await call(tess, 'POST', '/api/tokens', { name: 'deploy', expiresInDays: 30 })).json()) as Json;
    expect(created).toMatchObject({ name: 'deploy', token: expect.stringMatching(/^lf_/), revokedAt: null, lastUsedAt: null });
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(29 * DAY_MS);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * DAY_MS);
    const dated = (await (await call(tess, 'POST', '/api/tokens', { name: 'dated', expiresOn: new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10) })).json()) as Json;
    expect(dated.expiresAt).toMatch(/T00:00:00\.000Z$/);
    expect((await bearer(created.token)).status).toBe(200);

    const listResponse = await call(tess, 'GET', '/api/tokens');
    const listText = await listResponse.text();
    expect(listText).not.toContain(created.token);
    const stored = (await database().query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [created.id])).rows[0]!.token_hash;
    expect(listText).not.toContain(stored);
    const listed = (JSON.parse(listText) as Json).tokens as Json[];
    expect(listed.map((token) => token.name)).toEqual(['dated', 'deploy']);
    expect(listed[1]).toEqual({ id: created.id, name: 'deploy', createdAt: expect.any(String), lastUsedAt: expect.any(String), expiresAt: created.expiresAt, revokedAt: null });
    expect(((await (await call(uma, 'GET', '/api/tokens')).json()) as Json).tokens).toEqual([]);

    const foreign = await call(uma, 'DELETE', `/api/tokens/${created.id}`);
    expect(foreign.status).toBe(404);
    expect((await bearer(created.token)).status).toBe(200);
    expect((await call(tess, 'DELETE', '/api/tokens/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call(tess, 'DELETE', `/api/tokens/${created.id}`)).status).toBe(204);
    expect((await bearer(created.token)).status).toBe(401);
    expect((((await (await call(tess, 'GET', '/api/tokens')).json()) as Json).tokens as Json[]).find((token) => token.id === created.id)!.revokedAt).toEqual(expect.any(String));

    await database().query("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [dated.id]);
    const expired = await bearer(dated.token);
    expect(expired.status).toBe(401);
    expect(await errorCode(expired)).toBe('token_expired');
  });

  it('bounds a token\'s expiry', async () => {
    const tess = await login('tess@example.com');
    const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
    const cases: Array<[unknown, number, string]> = [
      [{ name: 'x', expiresInDays: 0 }, 400, 'expiresInDays'],
      [{ name: 'x', expiresInDays: 366 }, 400, 'expiresInDays'],
      [{ name: 'x', expiresInDays: 1.5 }, 400, 'expiresInDays'],
      [{ name: 'x', expiresInDays: 5, expiresOn: day(5) }, 400, 'expiresOn'],
      [{ name: 'x', expiresOn: day(0) }, 422, 'expiresOn'],
      [{ name: 'x', expiresOn: day(-3) }, 422, 'expiresOn'],
      [{ name: 'x', expiresOn: day(400) }, 422, 'expiresOn'],
      [{ name: 'x', expiresOn: '2027-02-30' }, 422, 'expiresOn'],
      [{ name: 'x', expiresOn: 'next week' }, 400, 'expiresOn'],
    ];
    for (const [body, status, path] of cases) {
      const response = await call(tess, 'POST', '/api/tokens', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(((await response.json()) as Json).error.problems.map((problem: Json) => problem.path)).toContain(path);
    }
    expect((await call(tess, 'POST', '/api/tokens', { name: 'year', expiresInDays: 365 })).status).toBe(201);
    expect((await call(tess, 'POST', '/api/tokens', { name: 'forever' })).status).toBe(201);
  });

  it('marks responses that carry engagement or account data no-store, the annex private and revalidated, and leaves the public ones cacheable', async () => {
    const owner = await login('owner@example.com');
    const id = ((await (await call(owner, 'POST', '/api/engagements', { name: 'Headers', profile: automotiveYaml })).json()) as Json).id as string;
    const paths = ['/api/session', '/api/tokens', '/api/engagements', `/api/engagements/${id}`, `/api/engagements/${id}/annex?format=docx`, `/api/engagements/${id}/annex/diagrams/topology`, `/api/engagements/${id}/history`, '/api/examples'];
    for (const path of paths) {
      const response = await call(owner, 'GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    // The annex as JSON, Markdown or HTML is kept by the browser alone and revalidated by its ETag every time.
    for (const path of [`/api/engagements/${id}/annex`, `/api/engagements/${id}/annex?format=md`, `/api/engagements/${id}/annex?format=html`]) {
      const response = await call(owner, 'GET', path);
      expect(response.headers.get('cache-control'), path).toBe('private, no-cache');
      expect(response.headers.get('etag'), path).toMatch(/^W\/"/);
    }
    expect((await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`, undefined, { 'if-none-match': '"nothing"' })).headers.get('cache-control')).toBe('private, no-cache');
    expect((await call(null, 'GET', '/api/engagements')).headers.get('cache-control')).toBe('no-store');
    expect((await request('/api/openapi.json')).headers.get('cache-control')).toBeNull();
  });

  it('describes the account routes in the OpenAPI document', async () => {
    const document = (await (await request('/api/openapi.json')).json()) as Json;
    expect(Object.keys(document.paths['/api/session/password'])).toEqual(['post']);
    expect(Object.keys(document.paths['/api/tokens']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/tokens/{tokenId}'])).toEqual(['delete']);
    expect(document.components.schemas.TokenInfo.properties).not.toHaveProperty('token');
  });
});
