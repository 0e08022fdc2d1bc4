import { randomBytes } from 'node:crypto';
import type { Database, OpenOptions } from '../src/store/database.ts';

/** The databases the store tests run on: PGlite always, the PostgreSQL server when TEST_DATABASE_URL is set. */
export const DATABASES: Array<{ name: string; options: () => OpenOptions }> = [
  { name: 'PGlite', options: () => ({}) },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', options: () => ({ url: process.env.TEST_DATABASE_URL, schema: `landfall_test_${randomBytes(6).toString('hex')}` }) }] : []),
];

/** Drops a test schema on a server (PGlite needs nothing: it lives in memory). */
export async function dropSchema(db: Database, options: OpenOptions): Promise<void> {
  if (db.kind === 'postgres' && options.schema) await db.query(`drop schema if exists ${options.schema} cascade`);
  await db.close();
}
