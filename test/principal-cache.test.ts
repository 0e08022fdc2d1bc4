// Sessions and API tokens kept in the process (the server does so on PGlite, whose folder no other
// process opens): a kept credential saves the database lookup, and every way one ends still ends
// it at once: logout, revoking a token, a password change ending the other sessions, expiry.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { AuthStore } from '../src/store/auth-store.ts';
import type { Database, Queryable } from '../src/store/database.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { apiHarness, PASSWORD } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { book } from './helpers.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The database with a count of the credential lookups made through it. */
function counting(db: Database): { db: Database; lookups: () => number } {
  let lookups = 0;
  const count = (sql: string) => {
    if (/from sessions s join users|from api_tokens t join users/.test(sql)) lookups += 1;
  };
  const wrap = (target: Queryable): Queryable => ({ query: (sql, params) => (count(sql), target.query(sql, params)) });
  return {
    db: { kind: db.kind, ...wrap(db), transaction: (work) => db.transaction((tx) => work(wrap(tx))), close: () => db.close() },
    lookups: () => lookups,
  };
}

describe.each(DATABASES)('principals kept in the process on $name', ({ options: makeOptions }) => {
  const { db } = apiHarness(makeOptions, [['kit@example.com', 'Kit'], ['lou@example.com', 'Lou']]);
  let clock = Date.now();
  const setup = () => {
    const counted = counting(db());
    const auth = new AuthStore(counted.db, { keepPrincipals: true, now: () => clock });
    const app = createApp({ store: new WorkspaceStore(counted.db, book), auth, today: () => '2026-11-22', secureCookies: false });
    const login = async (email: string) => {
      const response = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      expect(response.status).toBe(200);
      return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await response.json()) as Json).csrfToken as string };
    };
    const get = async (headers: Record<string, string>, path = '/api/engagements') => (await app.request(path, { headers })).status;
    return { app, auth, login, get, lookups: counted.lookups };
  };

  it('looks a live session up once, and refuses it as soon as it is logged out', async () => {
    const { app, login, get, lookups } = setup();
    const session = await login('kit@example.com');
    const before = lookups();
    for (let index = 0; index < 5; index += 1) expect(await get({ cookie: session.cookie })).toBe(200);
    expect(lookups() - before).toBeLessThanOrEqual(1);
    const out = await app.request('/api/session', { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(out.status).toBe(204);
    expect(await get({ cookie: session.cookie })).toBe(401);
  });

  it('refuses a revoked token at once, and keeps the other tokens working', async () => {
    const { app, login, get, lookups } = setup();
    const session = await login('kit@example.com');
    const create = async (name: string) => ((await (await app.request('/api/tokens', { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name }) })).json()) as Json);
    const [revoked, kept] = [await create('to revoke'), await create('to keep')];
    for (const token of [revoked, kept]) expect(await get({ authorization: `Bearer ${token.token}` })).toBe(200);
    const before = lookups();
    for (let index = 0; index < 3; index += 1) expect(await get({ authorization: `Bearer ${revoked.token}` })).toBe(200);
    expect(lookups()).toBe(before);
    const response = await app.request(`/api/tokens/${revoked.id}`, { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(response.status).toBe(204);
    expect(await get({ authorization: `Bearer ${revoked.token}` })).toBe(401);
    expect(await get({ authorization: `Bearer ${kept.token}` })).toBe(200);
  });

  it('ends the other sessions of a password change at once', async () => {
    const { app, login, get } = setup();
    const here = await login('lou@example.com');
    const elsewhere = await login('lou@example.com');
    expect(await get({ cookie: elsewhere.cookie })).toBe(200);
    const changed = await app.request('/api/session/password', { method: 'POST', headers: { cookie: here.cookie, 'x-csrf-token': here.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: PASSWORD, newPassword: `${PASSWORD}, changed` }) });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(await get({ cookie: elsewhere.cookie })).toBe(401);
    expect(await get({ cookie: here.cookie })).toBe(200);
    // Change it back for the other tests.
    const back = await app.request('/api/session/password', { method: 'POST', headers: { cookie: here.cookie, 'x-csrf-token': here.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: `${PASSWORD}, changed`, newPassword: PASSWORD }) });
    expect(back.status).toBe(200);
  });

  it('does not use a kept credential past its expiry, nor past the time it is kept', async () => {
    const { login, get, lookups } = setup();
    const session = await login('kit@example.com');
    expect(await get({ cookie: session.cookie })).toBe(200);
    // Past the keeping time the database is asked again.
    const before = lookups();
    clock += 61_000;
    expect(await get({ cookie: session.cookie })).toBe(200);
    expect(lookups()).toBe(before + 1);
    // A token expiring soon, kept for an hour at most: kept until its expiry, then asked again, and refused as expired.
    const auth = new AuthStore(db(), { keepPrincipals: true, ttlMs: 3_600_000, now: () => clock });
    const userId = (await db().query<{ id: string }>("select id from users where email = 'kit@example.com'")).rows[0]!.id;
    const brief = await auth.createToken(userId, 'brief', new Date(clock + 10 * 60_000));
    expect(await auth.fromToken(brief.token)).not.toBeNull();
    await db().query("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [brief.id]);
    expect(await auth.fromToken(brief.token)).not.toBe('expired'); // still kept: nothing has passed in this process
    clock += 9 * 60_000;
    expect(await auth.fromToken(brief.token)).not.toBe('expired');
    clock += 2 * 60_000;
    expect(await auth.fromToken(brief.token)).toBe('expired');
  });
});
