import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthStore, LOGIN_LIMIT, csrfMatches, hashPassword } from '../src/store/auth-store.ts';
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
    expect(await auth.login('ana@example.com', 'wrong', '10.0.0.1')).toBe('invalid');
    expect(await auth.login('nobody@example.com', 'x', '10.0.0.1')).toBe('invalid');
    const session = await auth.login('ANA@example.com', 'correct horse battery staple', '10.0.0.1');
    if (typeof session === 'string') throw new Error(session);
    const principal = await auth.fromSession(session.sessionToken);
    expect(principal).toMatchObject({ userId, email: 'ana@example.com', via: 'session', csrfToken: session.csrfToken });
    // Only a digest of the session token is stored.
    const rows = (await db.query<{ token_hash: string }>('select token_hash from sessions where user_id = $1', [userId])).rows;
    expect(rows.some((row) => row.token_hash === session.sessionToken)).toBe(false);
    await auth.logout(session.sessionToken);
    expect(await auth.fromSession(session.sessionToken)).toBeNull();
  });

  it('refuses an expired session', async () => {
    const session = await auth.login('ana@example.com', 'correct horse battery staple', '10.0.0.2');
    if (typeof session === 'string') throw new Error(session);
    await db.query("update sessions set expires_at = now() - interval '1 minute'");
    expect(await auth.fromSession(session.sessionToken)).toBeNull();
  });

  it('limits failed logins per account, even with the right password afterwards', async () => {
    await hashPassword('x').then((hash) => new WorkspaceStore(db, book).createUser('bo@example.com', 'Bo', hash));
    for (let attempt = 0; attempt < LOGIN_LIMIT.attempts; attempt += 1) expect(await auth.login('bo@example.com', 'guess', `10.1.0.${attempt}`)).toBe('invalid');
    expect(await auth.login('bo@example.com', 'x', '10.1.0.99')).toBe('limited');
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

describe('CSRF check', () => {
  it('matches only the session\'s own token', () => {
    expect(csrfMatches('abc', 'abc')).toBe(true);
    expect(csrfMatches('abc', 'abd')).toBe(false);
    expect(csrfMatches('abc', undefined)).toBe(false);
    expect(csrfMatches(null, 'abc')).toBe(false);
  });
});
