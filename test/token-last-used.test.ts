// Reading with an API token writes its last use at most once a minute, not on every request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthStore } from '../src/store/auth-store.ts';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';
import { book } from './helpers.ts';

describe.each(DATABASES)('token last use on $name', ({ options: makeOptions }) => {
  let db: Database;
  let options: OpenOptions;
  beforeAll(async () => {
    options = makeOptions();
    db = await openDatabase(options);
    await migrate(db);
  });
  afterAll(async () => dropSchema(db, options));

  it('writes last_used_at once a minute at most', async () => {
    const auth = new AuthStore(db);
    const owner = await new WorkspaceStore(db, book).createUser('token@example.com', 'Token', 'hash-not-used-here');
    const { id: tokenId, token } = await auth.createToken(owner, 'throttle');
    const lastUsed = async () => (await db.query<{ at: string | null }>('select last_used_at::text as at from api_tokens where id = $1', [tokenId])).rows[0]!.at;
    expect(await auth.fromToken(token)).not.toBeNull();
    expect(await lastUsed()).not.toBeNull();
    await db.query("update api_tokens set last_used_at = now() - interval '30 seconds' where id = $1", [tokenId]);
    const recent = await lastUsed();
    expect(await auth.fromToken(token)).not.toBeNull();
    expect(await lastUsed()).toBe(recent);
    await db.query("update api_tokens set last_used_at = now() - interval '2 minutes' where id = $1", [tokenId]);
    const stale = await lastUsed();
    expect(await auth.fromToken(token)).not.toBeNull();
    expect(await lastUsed()).not.toBe(stale);
  });
});
