// Reads kept until the next write (src/store/kept-reads.ts): on PGlite, where this process is the
// only writer, the caller's access to an engagement and the pages of the engagement list are kept;
// every write, whichever way it is made, forgets them, and a read that a write overlaps is not kept.
// On PostgreSQL (other processes may write) nothing is kept.
import { describe, expect, it } from 'vitest';
import { appContext } from '../src/app/context.ts';
import { createEngagement } from '../src/app/engagements.ts';
import { openDatabase } from '../src/store/database.ts';
import { KeptReads } from '../src/store/kept-reads.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';
import { book, profile } from './helpers.ts';

describe('KeptReads', () => {
  it('keeps a read while the count holds, and forgets everything when it moves', async () => {
    let count = 0;
    let reads = 0;
    const kept = new KeptReads<number>(() => count, 10);
    const read = async () => ++reads;
    expect(await kept.get('a', read)).toBe(1);
    expect(await kept.get('a', read)).toBe(1);
    count = 2;
    expect(await kept.get('a', read)).toBe(2);
    expect(kept.size).toBe(1);
  });

  it('neither serves nor keeps while a write is under way, nor keeps a read a write overlapped', async () => {
    let count = 1;
    let reads = 0;
    const kept = new KeptReads<number>(() => count, 10);
    expect(await kept.get('a', async () => ++reads)).toBe(1);
    expect(await kept.get('a', async () => ++reads)).toBe(2);
    count = 2;
    // The write begins and ends while the read is under way: what it read may be from before.
    expect(await kept.get('a', async () => { count = 4; return ++reads; })).toBe(3);
    expect(await kept.get('a', async () => ++reads)).toBe(4);
    expect(await kept.get('a', async () => ++reads)).toBe(4);
  });

  it('keeps at most maxEntries, the oldest dropped first', async () => {
    const kept = new KeptReads<string>(() => 0, 2);
    for (const key of ['a', 'b', 'c']) await kept.get(key, async () => key);
    expect(kept.size).toBe(2);
    let asked = false;
    await kept.get('a', async () => { asked = true; return 'a'; });
    expect(asked).toBe(true);
  });

  it('reads every time without a change count (a database other processes write to)', async () => {
    let reads = 0;
    const kept = new KeptReads<number>(undefined, 10);
    await kept.get('a', async () => ++reads);
    await kept.get('a', async () => ++reads);
    expect(reads).toBe(2);
  });
});

describe.each(DATABASES)('access and the list after writes on $name', ({ options }) => {
  it('answers the current membership and list after writes made by the store or in plain SQL', async () => {
    const opened = options();
    const db = await openDatabase({ ...opened, log: () => {} });
    try {
      await migrate(db);
      expect(db.changes != null).toBe(db.kind === 'pglite');
      const store = new WorkspaceStore(db, book);
      const owner = await store.createUser('kept-owner@example.com', 'Owner', 'x');
      const other = await store.createUser('kept-other@example.com', 'Other', 'x');
      const id = await createEngagement(appContext(store, { today: () => '2026-12-01' }), { userId: owner, name: 'Kept', input: profile(), sourceText: null });
      const first = await store.memberships.access(id, owner);
      expect(first?.role).toBe('owner');
      expect(await store.memberships.access(id, other)).toBeNull();
      expect((await store.listEngagements(owner)).rows.map((row) => row.name)).toEqual(['Kept']);
      expect((await store.listEngagements(other)).rows).toEqual([]);

      // A membership given in plain SQL, outside any store method.
      await db.query("insert into memberships (engagement_id, user_id, role) values ($1, $2, 'viewer')", [id, other]);
      expect((await store.memberships.access(id, other))?.role).toBe('viewer');
      expect((await store.listEngagements(other)).rows.map((row) => row.role)).toEqual(['viewer']);

      // In a transaction.
      await db.transaction(async (tx) => {
        await tx.query("update memberships set role = 'editor' where engagement_id = $1 and user_id = $2", [id, other]);
        await tx.query("update engagements set name = 'Renamed', revision = revision + 1 where id = $1", [id]);
      });
      expect((await store.memberships.access(id, other))?.role).toBe('editor');
      expect((await store.memberships.access(id, owner))?.revision).toBe(first!.revision + 1);
      expect((await store.listEngagements(owner)).rows.map((row) => row.name)).toEqual(['Renamed']);

      // A read that a write overlaps: the write's effect is seen by the next read.
      const during = store.memberships.access(id, other);
      const removed = db.query('delete from memberships where engagement_id = $1 and user_id = $2', [id, other]);
      await Promise.all([during, removed]);
      expect(await store.memberships.access(id, other)).toBeNull();
      expect((await store.listEngagements(other)).rows).toEqual([]);

      // A kept answer handed out is a copy: changing it changes nothing kept.
      const access = (await store.memberships.access(id, owner))!;
      access.role = 'viewer';
      expect((await store.memberships.access(id, owner))?.role).toBe('owner');
      await store.memberships.archive(id, owner);
      expect((await store.memberships.access(id, owner))?.archivedAt).not.toBeNull();
      expect((await store.listEngagements(owner)).rows).toEqual([]);
      expect((await store.listEngagements(owner, { archived: true })).rows.map((row) => row.id)).toEqual([id]);
    } finally {
      await dropSchema(db, opened);
    }
  });
});
