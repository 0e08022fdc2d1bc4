import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthStore, csrfMatches, hashPassword, type LoginResult } from '../src/store/auth-store.ts';
import { LOGIN_LIMITS } from '../src/store/login-throttle.ts';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';
import { book } from './helpers.ts';

describe.each(DATABASES)('accounts, sessions and tokens on $name', ({ options: makeOptions }) => {
  let db: Database;
  let options: OpenOptions;
  let auth: AuthStore;
  let userId: string;
  beforeAll(async () => {
    options = makeOptions();
    db = await openDatabase(options);
    await migrate(db);
    auth = new AuthStore(db);
    userId = await new WorkspaceStore(db, book).createUser('ana@example.com', 'Ana', await hashPassword('correct horse battery staple'));
  });
  afterAll(async () => dropSchema(db, options));

  it('stores passwords as argon2id and opens a session on the right password only', async () => {
    const stored = (await db.query<{ password_hash: string }>('select password_hash from users where id = $1', [userId])).rows[0]!.password_hash;
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await auth.login('ana@example.com', 'wrong', '10.0.0.1')).toEqual({ kind: 'invalid' });
    expect(await auth.login('nobody@example.com', 'x', '10.0.0.1')).toEqual({ kind: 'invalid' });
    const session = opened(await auth.login('ANA@example.com', 'correct horse battery staple', '10.0.0.1'));
    const principal = await auth.fromSession(session.sessionToken);
    expect(principal).toMatchObject({ userId, email: 'ana@example.com', via: 'session', csrfToken: session.csrfToken });
    // Only a digest of the session token is stored.
    const rows = (await db.query<{ token_hash: string }>('select token_hash from sessions where user_id = $1', [userId])).rows;
    expect(rows.some((row) => row.token_hash === session.sessionToken)).toBe(false);
    await auth.logout(session.sessionToken);
    expect(await auth.fromSession(session.sessionToken)).toBeNull();
  });

  it('refuses an expired session', async () => {
    const session = opened(await auth.login('ana@example.com', 'correct horse battery staple', '10.0.0.2'));
    await db.query("update sessions set expires_at = now() - interval '1 minute'");
    expect(await auth.fromSession(session.sessionToken)).toBeNull();
  });

  it('limits failed logins per account and address, even with the right password afterwards, but not from another address', async () => {
    await hashPassword('x').then((hash) => new WorkspaceStore(db, book).createUser('bo@example.com', 'Bo', hash));
    for (let attempt = 0; attempt < LOGIN_LIMITS.accountAddress.attempts; attempt += 1) expect(await auth.login('bo@example.com', 'guess', '10.1.0.1')).toEqual({ kind: 'invalid' });
    const limited = await auth.login('bo@example.com', 'x', '10.1.0.1');
    expect(limited).toMatchObject({ kind: 'limited' });
    expect(limited.kind === 'limited' && limited.retryAfterSeconds).toBeGreaterThan(LOGIN_LIMITS.accountAddress.windowMinutes * 60 - 60);
    expect(await auth.login('bo@example.com', 'x', '10.1.0.2')).toMatchObject({ kind: 'ok' });
  });

  it('lets no more concurrent guesses through than the per-account limit (the attempt is reserved before the password is checked)', async () => {
    await hashPassword('right password here').then((hash) => new WorkspaceStore(db, book).createUser('cy@example.com', 'Cy', hash));
    const results = await Promise.all(Array.from({ length: 16 }, (_, index) => auth.login('cy@example.com', `guess ${index}`, '10.2.0.1')));
    expect(results.filter((result) => result.kind === 'invalid')).toHaveLength(LOGIN_LIMITS.accountAddress.attempts);
    expect(results.filter((result) => result.kind === 'limited')).toHaveLength(16 - LOGIN_LIMITS.accountAddress.attempts);
  });

  it('starts a fresh window when the old one has ended, and a success resets only its own bucket', async () => {
    await hashPassword('dee password 1').then((hash) => new WorkspaceStore(db, book).createUser('dee@example.com', 'Dee', hash));
    for (let attempt = 0; attempt < LOGIN_LIMITS.accountAddress.attempts; attempt += 1) await auth.login('dee@example.com', 'guess', '10.3.0.1');
    expect(await auth.login('dee@example.com', 'dee password 1', '10.3.0.1')).toMatchObject({ kind: 'limited' });
    await db.query("update login_buckets set window_ends = now() - interval '1 second' where bucket like 'account:dee@example.com|%'");
    expect(await auth.login('dee@example.com', 'dee password 1', '10.3.0.1')).toMatchObject({ kind: 'ok' });
    const buckets = (await db.query<{ bucket: string; attempts: number }>("select bucket, attempts from login_buckets where bucket in ('account:dee@example.com|10.3.0.1', 'address:10.3.0.1')")).rows;
    // The account bucket is gone; the address keeps its six failures (five, and the refused sixth).
    expect(buckets).toEqual([{ bucket: 'address:10.3.0.1', attempts: LOGIN_LIMITS.accountAddress.attempts + 1 }]);
  });

  it('changes the password with the current one, ends the other sessions and keeps the caller\'s and the API tokens', async () => {
    const store = new WorkspaceStore(db, book);
    const eve = await store.createUser('eve@example.com', 'Eve', await hashPassword('one time pass 123'), { oneTimePassword: true });
    const first = opened(await auth.login('eve@example.com', 'one time pass 123', '10.4.0.1'));
    const second = opened(await auth.login('eve@example.com', 'one time pass 123', '10.4.0.2'));
    expect((await auth.fromSession(first.sessionToken))?.mustChangePassword).toBe(true);
    const token = await auth.createToken(eve, 'script');
    expect(await auth.changePassword(eve, 'not it', 'a brand new password', '10.4.0.1', first.sessionToken)).toEqual({ kind: 'wrong_password' });
    expect(await auth.changePassword(eve, 'one time pass 123', 'one time pass 123', '10.4.0.1', first.sessionToken)).toEqual({ kind: 'same_password' });
    expect(await auth.changePassword(eve, 'one time pass 123', 'a brand new password', '10.4.0.1', first.sessionToken)).toEqual({ kind: 'ok', sessionsEnded: 1, tokensKept: 1 });
    expect(await auth.fromSession(second.sessionToken)).toBeNull();
    expect((await auth.fromSession(first.sessionToken))?.mustChangePassword).toBe(false);
    expect(await auth.fromToken(token.token)).toMatchObject({ userId: eve });
    expect(await auth.login('eve@example.com', 'one time pass 123', '10.4.0.3')).toEqual({ kind: 'invalid' });
    expect(await auth.login('eve@example.com', 'a brand new password', '10.4.0.3')).toMatchObject({ kind: 'ok' });
  });

  it('throttles guesses at the current password like logins', async () => {
    const fay = await new WorkspaceStore(db, book).createUser('fay@example.com', 'Fay', await hashPassword('fay password 12'));
    for (let attempt = 0; attempt < LOGIN_LIMITS.accountAddress.attempts; attempt += 1) expect(await auth.changePassword(fay, `guess ${attempt}`, 'another password 1', '10.5.0.1', null)).toEqual({ kind: 'wrong_password' });
    expect(await auth.changePassword(fay, 'fay password 12', 'another password 1', '10.5.0.1', null)).toMatchObject({ kind: 'limited' });
  });

  it('lists a user\'s tokens without their secrets, refuses an expired one, and revokes only one\'s own', async () => {
    const other = await new WorkspaceStore(db, book).createUser('gus@example.com', 'Gus', await hashPassword('gus password 12'));
    const lasting = await auth.createToken(userId, 'lasting');
    const brief = await auth.createToken(userId, 'brief', new Date(Date.now() + 60_000));
    expect(await auth.fromToken(brief.token)).toMatchObject({ userId });
    await db.query("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [brief.id]);
    expect(await auth.fromToken(brief.token)).toBe('expired');
    const listed = await auth.listTokens(userId);
    expect(listed.map((token) => token.name)).toEqual(expect.arrayContaining(['lasting', 'brief']));
    expect(JSON.stringify(listed)).not.toContain(lasting.token);
    expect(Object.keys(listed[0]!).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);
    expect(await auth.revokeToken(other, lasting.id)).toBe(false);
    expect(await auth.fromToken(lasting.token)).toMatchObject({ userId });
    expect(await auth.revokeToken(userId, lasting.id)).toBe(true);
    expect((await auth.listTokens(userId)).find((token) => token.id === lasting.id)?.revokedAt).toEqual(expect.any(String));
  });

  it('shows an API token once, stores its digest, and stops it when revoked', async () => {
    const created = await auth.createToken(userId, 'ci');
    expect(created.token).toMatch(/^lf_[A-Za-z0-9_-]{43}$/);
    expect((await auth.fromToken(created.token))).toMatchObject({ userId, via: 'token', csrfToken: null });
    const stored = (await db.query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [created.id])).rows[0]!.token_hash;
    expect(stored).not.toContain(created.token);
    expect(await auth.revokeToken(userId, created.id)).toBe(true);
    expect(await auth.fromToken(created.token)).toBeNull();
    expect(await auth.fromToken('lf_forged')).toBeNull();
  });
});

function opened(result: LoginResult): Extract<LoginResult, { kind: 'ok' }> {
  if (result.kind !== 'ok') throw new Error(`expected a session, got ${result.kind}`);
  return result;
}

describe('CSRF check', () => {
  it('matches only the session\'s own token', () => {
    expect(csrfMatches('abc', 'abc')).toBe(true);
    expect(csrfMatches('abc', 'abd')).toBe(false);
    expect(csrfMatches('abc', undefined)).toBe(false);
    expect(csrfMatches(null, 'abc')).toBe(false);
  });
});
