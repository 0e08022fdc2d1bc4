import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { bundledMigrations, migrate } from '../src/store/migrate.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';

describe.each(DATABASES)('store on $name', ({ fresh: makeOptions }) => {
  let db: Database;
  let options: OpenOptions;
  beforeAll(async () => {
    options = makeOptions();
    db = await openDatabase(options);
  });
  afterAll(async () => dropSchema(db, options));

  it('applies every migration once, in order', async () => {
    expect(await migrate(db)).toEqual(bundledMigrations().map((migration) => migration.id));
    expect(await migrate(db)).toEqual([]);
    const tables = await db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = current_schema() order by table_name");
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      ['annex_items', 'api_tokens', 'assessments', 'audit_log', 'branding', 'calendar_feeds', 'content_snapshots', 'engagements', 'filing_templates', 'incident_events', 'incidents', 'invitations', 'login_buckets', 'memberships', 'profile_versions', 'review_results', 'review_runs', 'schema_migrations', 'sessions', 'users'],
    );
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into engagements (name) values ('half written')");
        await tx.query('insert into memberships (engagement_id, user_id, role) values (gen_random_uuid(), gen_random_uuid(), $1)', ['owner']);
      }),
    ).rejects.toThrow();
    expect((await db.query("select count(*)::int as n from engagements where name = 'half written'")).rows).toEqual([{ n: 0 }]);
  });

  it('stops a half-applied migration from leaving anything behind', async () => {
    const broken = [{ id: '9999_broken', sql: 'create table landfall_probe (id int);\nselect * from no_such_table;' }];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect((await db.query("select count(*)::int as n from information_schema.tables where table_name = 'landfall_probe' and table_schema = current_schema()")).rows).toEqual([{ n: 0 }]);
    expect((await db.query("select count(*)::int as n from schema_migrations where id = '9999_broken'")).rows).toEqual([{ n: 0 }]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('migrations from several processes', () => {
  it('apply once when servers start together against one PostgreSQL', async () => {
    const schema = `landfall_test_race_${Date.now()}`;
    const options = { url: process.env.TEST_DATABASE_URL, schema };
    const first = await openDatabase(options);
    const second = await openDatabase(options);
    try {
      const results = await Promise.all([migrate(first), migrate(second)]);
      expect(results.flat().sort()).toEqual(bundledMigrations().map((migration) => migration.id).sort());
    } finally {
      await second.close();
      await dropSchema(first, options);
    }
  });
});
