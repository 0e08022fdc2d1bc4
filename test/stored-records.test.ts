import { readFileSync } from 'node:fs';
import { appContext } from '../src/app/context.ts';
import { createEngagement } from '../src/app/engagements.ts';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessmentSchema } from '../src/core/assess/assessment-schema.ts';
import { normaliseProfile } from '../src/core/profile/normalise-profile.ts';
import type { Database } from '../src/store/database.ts';
import {
  ANNEX_ITEM_DATA, ASSESSMENT, PROFILE, StoredRecordError, annexItemDataSchema, defineRecordKind, readAnnexItemData, readAssessment, readProfile, readRecord,
} from '../src/store/records/index.ts';
import { ReviewStore } from '../src/store/review-store.ts';
import type { WorkspaceStore } from '../src/store/workspace-store.ts';
import { apiHarness } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { storeOn } from './store-harness.ts';
import { book } from './helpers.ts';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'records', name), 'utf8'));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function caught(run: () => unknown): StoredRecordError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoredRecordError) return error;
    throw error;
  }
  throw new Error('expected a StoredRecordError');
}

describe('version 1 records as stored read as current, schema-valid records', () => {
  it('an annex item of wave 1 ({ section, category, system, implication, basis, needsLegalReview }) gains its systems, owner and due', () => {
    const stored = fixture('annex-item-data.v1.json');
    expect(stored).not.toHaveProperty('systems');
    const data = readAnnexItemData(stored, 1, 'annex_items fixture: data');
    expect(annexItemDataSchema.safeParse(data).success).toBe(true);
    expect(data).toMatchObject({ section: 'register', system: 'workspace', systems: ['workspace'], owner: null, due: null });
    expect(data.basis).toEqual(stored.basis);
  });

  it('an item stored before versions in the newer shape keeps what it has', () => {
    const stored = { ...fixture('annex-item-data.v1.json'), systems: ['workspace', 'billing'], owner: 'DPO', due: '2027-01-31', reReview: { runId: 'r', at: '2026-12-01T00:00:00.000Z', changes: [] } };
    expect(readAnnexItemData(stored, 1, 'item')).toMatchObject({ systems: ['workspace', 'billing'], owner: 'DPO', due: '2027-01-31', reReview: { runId: 'r' } });
  });

  it('a stored assessment of a profile without a go-live date (no timeline.goLive key) gains goLive null and parses with the engine\'s schema', () => {
    const stored = fixture('assessment.v1.json') as { timeline: Record<string, unknown> };
    expect(stored.timeline).not.toHaveProperty('goLive');
    expect(assessmentSchema.safeParse(stored).success).toBe(false);
    const assessment = readAssessment(stored, 1, 'assessments fixture: result');
    expect(assessment.timeline.goLive).toBeNull();
    expect(assessment.timeline.tracks).toEqual(stored.timeline.tracks);
    expect(assessmentSchema.safeParse(assessment).success).toBe(true);
    expect(assessment.profile.organisation).toBe('Planwise B.V.');
    expect(assessment.organisation.cbdt.mechanism).toBeTypeOf('string');
  });

  it('a profile of wave 1 (the first automotive example) reads as given and still assesses', () => {
    const stored = fixture('profile.v1.json');
    const profile = readProfile(stored, 1, 'profile_versions fixture: profile');
    expect(profile).toEqual(stored);
    expect(normaliseProfile(profile, '2026-12-01').ok).toBe(true);
  });

  it('writes stamp the current version of each kind', () => {
    expect([ANNEX_ITEM_DATA.currentVersion, ASSESSMENT.currentVersion, PROFILE.currentVersion]).toEqual([2, 2, 1]);
  });
});

describe('records a reader cannot trust are refused, with the record and path named', () => {
  it.each([
    ['annex item', () => readAnnexItemData(fixture('annex-item-data.v1.json'), ANNEX_ITEM_DATA.currentVersion + 1, 'annex_items 42: data')],
    ['assessment', () => readAssessment(fixture('assessment.v1.json'), ASSESSMENT.currentVersion + 1, 'annex_items 42: data')],
    ['profile', () => readProfile(fixture('profile.v1.json'), PROFILE.currentVersion + 1, 'annex_items 42: data')],
  ])('a %s of an unknown future version', (_kind, read) => {
    const error = caught(read);
    expect(error.code).toBe('unknown_record_version');
    expect(error.message).toMatch(/^annex_items 42: data: this [a-z-]+ record is version \d+, newer than the version \d+ this Landfall reads; it was written by a newer Landfall/);
  });

  it('a malformed record lists every problem with its path', () => {
    const stored = fixture('annex-item-data.v1.json') as { basis: Array<Record<string, unknown>> };
    const broken = { ...stored, section: 'appendix', basis: [{ ...stored.basis[0], instrument: 7 }] };
    const error = caught(() => readAnnexItemData(broken, 1, 'annex_items 42: data'));
    expect(error.code).toBe('invalid_record');
    expect(error.problems.map((problem) => problem.path)).toEqual(['annex_items 42: data.section', 'annex_items 42: data.basis.0.instrument']);
  });

  it('a record that is not an object, or a version that is not one, is refused', () => {
    expect(caught(() => readAssessment([1, 2], 1, 'a')).code).toBe('invalid_record');
    expect(caught(() => readAssessment(fixture('assessment.v1.json'), 0, 'a')).code).toBe('invalid_record');
    expect(caught(() => readAssessment({ ...fixture('assessment.v1.json'), systems: 'none' }, 1, 'assessments 7: result')).problems[0]!.path).toBe('assessments 7: result.systems');
  });
});

describe('migrations', () => {
  it('never change the stored value they are given', () => {
    const item = deepFreeze(fixture('annex-item-data.v1.json'));
    expect(() => readAnnexItemData(item, 1, 'item')).not.toThrow();
    for (const migration of ANNEX_ITEM_DATA.migrations) expect(() => migration.up(item)).not.toThrow();
    expect(item).not.toHaveProperty('systems');
    const assessment = deepFreeze(fixture('assessment.v1.json')) as { timeline: object };
    expect(() => readAssessment(assessment, 1, 'assessment')).not.toThrow();
    for (const migration of ASSESSMENT.migrations) expect(() => migration.up(assessment)).not.toThrow();
    expect(assessment.timeline).not.toHaveProperty('goLive');
  });

  it('run in order from the stored version, each once', () => {
    const kind = defineRecordKind('demo', z.object({ a: z.number(), b: z.number(), c: z.number() }), [
      { id: 'demo/2-add-b', up: (record) => ({ ...record, b: 2 }) },
      { id: 'demo/3-add-c-from-b', up: (record) => ({ ...record, c: (record.b as number) + 1 }) },
    ]);
    expect(kind.currentVersion).toBe(3);
    expect(readRecord(kind, { a: 1 }, 1, 'demo')).toEqual({ a: 1, b: 2, c: 3 });
    expect(readRecord(kind, { a: 1, b: 5 }, 2, 'demo')).toEqual({ a: 1, b: 5, c: 6 });
    expect(readRecord(kind, { a: 1, b: 5, c: 0 }, 3, 'demo')).toEqual({ a: 1, b: 5, c: 0 });
  });

  it('are named by the version they reach, in order', () => {
    expect(() => defineRecordKind('demo', z.object({}), [{ id: 'demo/3-skips-two', up: (record) => record }])).toThrow(/must be named demo\/2-/);
    for (const kind of [ANNEX_ITEM_DATA, ASSESSMENT, PROFILE]) kind.migrations.forEach((migration, index) => expect(migration.id.startsWith(`${kind.kind}/${index + 2}-`)).toBe(true));
  });
});

describe.each(DATABASES)('the store reads stored records through their versions on $name', ({ options: makeOptions }) => {
  const on = storeOn(makeOptions);
  let db: Database;
  let store: WorkspaceStore;
  let userId: string;
  let engagementId: string;
  beforeAll(async () => {
    ({ db, store } = on);
    userId = await store.createUser('records@example.com', 'Records', 'hash-not-used-here');
    const parsed = parseProfileText(readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.yaml'), 'utf8'), 'b2b-saas.yaml');
    if (!parsed.ok) throw new Error('example');
    engagementId = await createEngagement(appContext(store, { today: () => '2026-12-01' }), { userId: userId, name: 'Records', input: parsed.value, sourceText: null });
  });

  it('stamps the current version on every write', async () => {
    const versions = async (table: string) => (await db.query<{ v: number }>(`select distinct record_version as v from ${table} where engagement_id = $1`, [engagementId])).rows.map((row) => row.v);
    expect(await versions('annex_items')).toEqual([ANNEX_ITEM_DATA.currentVersion]);
    expect(await versions('assessments')).toEqual([ASSESSMENT.currentVersion]);
    expect(await versions('profile_versions')).toEqual([PROFILE.currentVersion]);
  });

  it('opens a wave 1 annex item, and an edit stores it at the current version', async () => {
    const wave1 = fixture('annex-item-data.v1.json');
    const target = (await db.query<{ id: string }>("select id from annex_items where engagement_id = $1 and key = 'hosting.overseas_with_transfer_mechanism'", [engagementId])).rows[0]!;
    await db.query('update annex_items set data = $2, record_version = 1 where id = $1', [target.id, JSON.stringify(wave1)]);
    const item = (await store.annexItems(engagementId)).find((candidate) => candidate.id === target.id)!;
    expect(item.data).toMatchObject({ systems: ['workspace'], owner: null, due: null });
    const edited = await store.editItem(engagementId, target.id, userId, { owner: 'DPO' }, item.version);
    expect(edited.data).toMatchObject({ systems: ['workspace'], owner: 'DPO' });
    const row = (await db.query<{ record_version: number; data: Record<string, unknown> }>('select record_version, data from annex_items where id = $1', [target.id])).rows[0]!;
    expect(row.record_version).toBe(ANNEX_ITEM_DATA.currentVersion);
    expect(row.data.systems).toEqual(['workspace']);
  });

  it('opens an assessment stored at version 1 without timeline.goLive', async () => {
    await db.query("update assessments set result = result #- '{timeline,goLive}', record_version = 1 where engagement_id = $1", [engagementId]);
    expect((await store.latest(engagementId)).assessment.timeline.goLive).toBeNull();
  });

  it('refuses an assessment written by a newer Landfall instead of showing it', async () => {
    await db.query('update assessments set record_version = $2 where engagement_id = $1', [engagementId, ASSESSMENT.currentVersion + 1]);
    await expect(store.latest(engagementId)).rejects.toThrow(/newer than the version 2 this Landfall reads/);
    // Back to version 1, the version the record (goLive left out by the test before) is in.
    await db.query('update assessments set record_version = 1 where engagement_id = $1', [engagementId]);
    expect((await store.latest(engagementId)).assessment.profile.organisation).toBe('Planwise B.V.');
  });

  it('assesses again, on the stored date, an assessment stored before a section it now has existed', async () => {
    const stored = (await store.latest(engagementId)).assessment;
    // An earlier release's record: no penalty exposure, no incident reporting per system.
    await db.query("update assessments set result = (result - 'exposure') #- '{systems,0,incidentReporting}', record_version = 1 where engagement_id = $1", [engagementId]);
    const reopened = (await store.latest(engagementId)).assessment;
    expect(reopened.asOf).toBe(stored.asOf);
    expect(reopened.exposure).toEqual(stored.exposure);
    expect(reopened.systems[0]!.incidentReporting).toEqual(stored.systems[0]!.incidentReporting);
    expect(ASSESSMENT.schema.safeParse(reopened).success).toBe(true);
  });

  it('a portfolio review claims an engagement whose profile it cannot read as unreadable, to be recorded as failed', async () => {
    await db.query('update profile_versions set record_version = $2 where engagement_id = $1', [engagementId, PROFILE.currentVersion + 1]);
    const reviews = new ReviewStore(db);
    await reviews.createRun(userId, { axis: 'date', from: '2023-06-15', to: '2026-12-01', afterContent: book.contentVersion });
    const [claim] = await reviews.claim('records-worker', 10, 60_000);
    expect(claim).toMatchObject({ engagementId, profile: null, stored: null });
    expect(claim!.unreadable).toMatch(/^profile_versions .+: profile: this profile record is version 2, newer than the version 1/);
    await db.query('update profile_versions set record_version = 1 where engagement_id = $1', [engagementId]);
  });
});

describe.each(DATABASES)('the API on an unreadable stored record on $name', ({ options: makeOptions }) => {
  const { login, call, db } = apiHarness(makeOptions, [['owner@example.com', 'Olga']]);

  it('answers 500 with the record error\'s code, its problems kept in the log', async () => {
    const owner = await login('owner@example.com');
    const created = await call(owner, 'POST', '/api/engagements', { name: 'Unreadable', profile: { organisation: { name: 'Unreadable Co' }, systems: [{ id: 'app', hosting: 'overseas' }] } });
    const { id } = (await created.json()) as { id: string };
    expect((await call(owner, 'GET', `/api/engagements/${id}/assessment`)).status).toBe(200);
    await db().query('update assessments set record_version = $2 where engagement_id = $1', [id, ASSESSMENT.currentVersion + 1]);
    const refused = await call(owner, 'GET', `/api/engagements/${id}/assessment`);
    expect(refused.status).toBe(500);
    const body = (await refused.json()) as { error: { code: string; message: string; problems?: unknown } };
    expect(body.error.code).toBe('unknown_record_version');
    expect(body.error.message).toMatch(/written by a newer Landfall/);
    expect(body.error).not.toHaveProperty('problems');
  });
});
