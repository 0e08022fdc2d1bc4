import { readFileSync } from 'node:fs';
import { appContext } from '../src/app/context.ts';
import { createEngagement, updateProfile } from '../src/app/engagements.ts';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { ConflictError, WorkspaceStore } from '../src/store/workspace-store.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';
import { book } from './helpers.ts';

const AS_OF = '2026-11-22';
function example(name: string): Record<string, unknown> {
  const parsed = parseProfileText(readFileSync(join(import.meta.dirname, '..', 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(name);
  return parsed.value as Record<string, unknown>;
}
const count = async (db: Database, table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

describe.each(DATABASES)('workspace store on $name', ({ options: makeOptions }) => {
  let db: Database;
  let options: OpenOptions;
  let store: WorkspaceStore;
  let userId: string;
  beforeAll(async () => {
    options = makeOptions();
    db = await openDatabase(options);
    await migrate(db);
    store = new WorkspaceStore(db, book);
    userId = await store.createUser('Consultant@Example.com', 'Consultant', 'hash-not-used-here');
  });
  afterAll(async () => dropSchema(db, options));

  it('creates an engagement whole: owner, profile version 1, pinned assessment, derived annex, audit', async () => {
    const id = await createEngagement(appContext(store, { today: () => AS_OF }), { userId: userId, name: 'Example Motors China entry', input: example('automotive-oem.yaml'), sourceText: null });
    expect(await store.roleOf(id, userId)).toBe('owner');
    expect((await store.engagement(id)).version).toBe(1);
    const pinned = await db.query<{ as_of: unknown; content_version: string }>('select as_of::text as as_of, content_version from assessments where engagement_id = $1', [id]);
    expect(pinned.rows).toEqual([{ as_of: AS_OF, content_version: book.contentVersion }]);
    const items = await store.annexItems(id);
    expect(items.length).toBeGreaterThan(20);
    expect(items.every((item) => item.provenance === 'derived' && !item.superseded)).toBe(true);
    expect((await store.auditTrail(id)).map((entry) => entry.action)).toEqual(['create']);
  });

  it('refuses an invalid profile with every problem and writes nothing', async () => {
    const before = await count(db, 'engagements');
    await expect(createEngagement(appContext(store, { today: () => AS_OF }), { userId: userId, name: 'Bad', input: { organisation: {}, systems: [{ id: 'Not A Slug' }] }, sourceText: null })).rejects.toMatchObject({ code: 'invalid_profile' });
    expect(await count(db, 'engagements')).toBe(before);
  });

  it('keeps an edit through re-assessment, supersedes what is no longer derived, and refuses stale versions', async () => {
    const id = await createEngagement(appContext(store, { today: () => AS_OF }), { userId: userId, name: 'Edit survives', input: example('automotive-oem.yaml'), sourceText: null });
    const route = (await store.annexItems(id)).find((item) => item.key === 'org.cbdt.route')!;
    const edited = await store.editItem(id, route.id, userId, { status: 'confirmed', statement: 'Standard contract agreed with the client.' }, route.version);
    expect(edited).toMatchObject({ status: 'confirmed', statement: 'Standard contract agreed with the client.', version: route.version + 1, editedFields: ['status', 'statement'] });
    await expect(store.editItem(id, route.id, userId, { status: 'draft' }, route.version)).rejects.toBeInstanceOf(ConflictError);

    const profile = example('automotive-oem.yaml');
    profile.systems = (profile.systems as Array<{ id: string }>).filter((system) => system.id !== 'dealer-portal');
    profile.transfers = (profile.transfers as Array<{ fromSystem: string }>).filter((transfer) => transfer.fromSystem !== 'dealer-portal');
    const versionsBefore = await count(db, 'profile_versions');
    await expect(updateProfile(appContext(store, { today: () => AS_OF }), id, { userId: userId, input: profile, sourceText: null, expectedVersion: 0 })).rejects.toBeInstanceOf(ConflictError);
    expect(await count(db, 'profile_versions')).toBe(versionsBefore);

    expect(await updateProfile(appContext(store, { today: () => AS_OF }), id, { userId: userId, input: profile, sourceText: null, expectedVersion: 1 })).toBe(2);
    const after = await store.annexItems(id);
    const kept = after.find((item) => item.id === route.id)!;
    expect(kept.status).toBe('confirmed');
    expect(kept.statement).toBe('Standard contract agreed with the client.');
    // Requirements only the dealer portal had (its level-2 grade, its map and payment services).
    const portal = after.filter((item) => ['mlps.level-2', 'integration.google_maps', 'integration.stripe'].includes(item.key));
    expect(portal).toHaveLength(3);
    expect(portal.every((item) => item.superseded)).toBe(true);
    const trail = (await store.auditTrail(id)).map((entry) => entry.action);
    expect(trail[0]).toBe('create');
    expect(trail).toContain('edit');
    expect(trail).toContain('supersede');
    expect(trail.at(-1)).toBe('update_profile');
  });
});
