// Migrates one PGlite database once per test run and dumps its data folder, so each database
// suite opens a migrated database from the dump (about a second) instead of creating a cluster
// and migrating it (several seconds on a loaded 2-core machine).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import type { Database } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump (PGlite's dumpDataDir) of a freshly migrated database. */
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const folder = mkdtempSync(join(tmpdir(), 'landfall-test-snapshot-'));
  const pglite = await PGlite.create();
  // PGlite's query and transaction already have the shape migrate needs.
  const db: Database = { kind: 'pglite', query: (sql, params) => pglite.query(sql, params ? [...params] : []), transaction: (work) => pglite.transaction((tx) => work(tx)), close: () => pglite.close() };
  await migrate(db);
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = join(folder, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  return () => rmSync(folder, { recursive: true, force: true });
}
