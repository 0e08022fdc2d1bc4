// The lookups the store makes use indexes (shown by EXPLAIN with sequential scans priced out, as
// the tables are too small here for the planner to prefer an index on its own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';

const SOME_ID = "'00000000-0000-4000-8000-000000000000'::uuid";
const LOOKUPS: Array<{ index: string; sql: string }> = [
  { index: 'assessments_engagement', sql: `select id from assessments where engagement_id = ${SOME_ID}` },
  { index: 'assessments_profile_version', sql: `select id from assessments where profile_version_id = ${SOME_ID}` },
  { index: 'annex_items_assessment', sql: `select id from annex_items where assessment_id = ${SOME_ID}` },
  { index: 'memberships_user', sql: `select engagement_id from memberships where user_id = ${SOME_ID}` },
  { index: 'api_tokens_user', sql: `select id from api_tokens where user_id = ${SOME_ID}` },
  { index: 'sessions_user', sql: `select token_hash from sessions where user_id = ${SOME_ID}` },
  { index: 'engagements_listing', sql: `select id from engagements where (archived_at is not null) = false and (updated_at, id) < (now(), ${SOME_ID}) order by (archived_at is not null), updated_at desc, id desc limit 51` },
];

describe.each(DATABASES)('store indexes on $name', ({ options: makeOptions }) => {
  let db: Database;
  let options: OpenOptions;
  beforeAll(async () => {
    options = makeOptions();
    db = await openDatabase(options);
    await migrate(db);
  });
  afterAll(async () => dropSchema(db, options));

  const plan = (sql: string) =>
    db.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`explain ${sql}`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });

  it.each(LOOKUPS)('looks up by index $index', async ({ index, sql }) => {
    const shown = await plan(sql);
    expect(shown).toMatch(/Index (Only )?Scan/);
    expect(shown).toContain(index);
  });

});
