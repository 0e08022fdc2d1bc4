// One interface over the two databases Landfall runs on: embedded PGlite (the default, a data
// folder on disk) and a PostgreSQL server (DATABASE_URL). Queries use $1-style parameters and
// run the same SQL on both; every multi-row change goes through `transaction`.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { guardPglite } from './pglite-guard.ts';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PGlite only (no other process writes to its folder): a count that moves on when any write of
   * this process begins and again when it ends (every transaction, every statement that is not a
   * plain select). A result read while the count stays the same, from before the read began to
   * when it is used, is what the database holds now, so it may be kept (changeCount.ts).
   */
  readonly changes?: () => number;
}

export interface OpenOptions {
  /** A postgres:// URL; when absent, PGlite stores its data in `dataDir` (or in memory without one). */
  url?: string | undefined;
  dataDir?: string | undefined;
  /** PGlite only: start from this dump of a data folder (PGlite's dumpDataDir) instead of a new cluster. */
  loadDataDir?: Blob | undefined;
  /** A schema to work in (created if missing); tests use one per run to stay apart. */
  schema?: string | undefined;
  /** Where connection and storage faults are reported (default: standard error). */
  log?: ((line: string) => void) | undefined;
}

/** A statement that writes nothing: a select (not `select ... for update`, which only a transaction needs) or an explain. */
const READ_ONLY = /^\s*(?:select|explain)\b(?![\s\S]*\bfor\s+(?:update|share|no\s+key\s+update|key\s+share)\b)/i;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.schema != null && !SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
  const log = options.log ?? ((line: string) => process.stderr.write(`landfall: ${line}\n`));
  return options.url ? openPostgres(options.url, options.schema, log) : openPglite(options.dataDir, options.schema, log, options.loadDataDir);
}

async function openPglite(dataDir: string | undefined, schema: string | undefined, log: (line: string) => void, loadDataDir: Blob | undefined): Promise<Database> {
  const lock = dataDir ? lockDataDir(dataDir, log) : null;
  try {
    const open = async () => {
      const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
      if (schema) await db.exec(`create schema if not exists ${schema}; set search_path to ${schema}, public;`);
      return db;
    };
    const guarded = await guardPglite(open, dataDir, log);
    let changes = 0;
    const write = async <T>(work: () => Promise<T>): Promise<T> => {
      changes += 1;
      try {
        return await work();
      } finally {
        changes += 1;
      }
    };
    return { kind: 'pglite', changes: () => changes, query: (sql, params) => (READ_ONLY.test(sql) ? guarded.query(sql, params) : write(() => guarded.query(sql, params))), transaction: (work) => write(() => guarded.transaction(work)), close: async () => {
      try {
        await guarded.close();
      } finally {
        lock?.release();
      }
    } };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(url: string, schema: string | undefined, log: (line: string) => void): Promise<Database> {
  // A connection attempt to an unreachable server gives up rather than holding the request forever.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000, ...(schema ? { options: `-c search_path=${schema},public` } : {}) });
  // Without these listeners a server restart kills the process: pg emits 'error' on the pool for an
  // idle client and on a checked-out client between queries. The broken client is discarded and
  // the next query opens a fresh connection, so the store recovers once the server is back.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  pool.on('connect', (client) => client.on('error', (error) => log(`database connection lost: ${error.message}`)));
  if (schema) await pool.query(`create schema if not exists ${schema}`);
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows as T[] };
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await work(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        // A client whose rollback failed is not returned to the pool in an unknown state.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
