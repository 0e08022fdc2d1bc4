import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Database, OpenOptions } from '../src/store/database.ts';

let snapshot: Blob | undefined;
/** Options for a PGlite database that is already migrated: a copy of the run's snapshot (pglite-snapshot.ts). */
export function migratedPglite(): OpenOptions {
  snapshot ??= new Blob([readFileSync(inject('pgliteSnapshot'))]);
  return { loadDataDir: snapshot };
}

/**
 * The databases the store tests run on: PGlite always, the PostgreSQL server when TEST_DATABASE_URL
 * is set. `options` gives a database to migrate (on PGlite already migrated, so `migrate` finds
 * nothing to do); `fresh` gives an empty one, for the tests of migration itself.
 */
export const DATABASES: Array<{ name: string; options: () => OpenOptions; fresh: () => OpenOptions }> = [
  { name: 'PGlite', options: migratedPglite, fresh: () => ({}) },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', options: postgresSchema, fresh: postgresSchema }] : []),
];

function postgresSchema(): OpenOptions {
  return { url: process.env.TEST_DATABASE_URL, schema: `landfall_test_${randomBytes(6).toString('hex')}` };
}

/** Drops a test schema on a server (PGlite needs nothing: it lives in memory). */
export async function dropSchema(db: Database, options: OpenOptions): Promise<void> {
  if (db.kind === 'postgres' && options.schema) await db.query(`drop schema if exists ${options.schema} cascade`);
  await db.close();
}
