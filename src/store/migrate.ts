// Versioned migrations, applied at start: each file in migrations/ once, in name order, inside a
// transaction that also records it. An advisory lock keeps several server processes starting
// against one PostgreSQL from applying the same migration twice.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

// By way of the parent folder: the same folder from dist/store/ and from a chunk of dist/bundle/.
const MIGRATIONS_DIR = fileURLToPath(new URL('../store/migrations/', import.meta.url));
/** An arbitrary constant naming Landfall's migration lock. */
const MIGRATION_LOCK = 7_150_022;

export interface Migration {
  id: string;
  sql: string;
}

export function bundledMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ id: name.replace(/\.sql$/, ''), sql: readFileSync(`${MIGRATIONS_DIR}${name}`, 'utf8') }));
}

/** Applies pending migrations; returns the ids applied now. */
export async function migrate(db: Database, migrations: readonly Migration[] = bundledMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ id: string }>('select id from schema_migrations')).rows.map((row) => row.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}

/** Splits a migration file into statements (our files use no semicolons inside literals or bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
