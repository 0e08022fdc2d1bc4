// PGlite runs PostgreSQL inside this process, so a fault in its data folder reaches us directly.
// An ERROR (a full disk while extending a table) fails one statement and PGlite goes on. A PANIC
// (a WAL write refused: read-only folder, missing permission, full disk in a critical section)
// stops its PostgreSQL for good: the statement gets the error, and every later query, queued or
// new, waits forever. This guard names the folder and the cause in every storage error, answers
// at once instead of waiting on a stopped instance, and opens the folder afresh (PostgreSQL's
// crash recovery from the WAL, which holds every acknowledged commit) once a write works again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Queryable } from './database.ts';
import { StorageError, dataDirError, storageCondition } from './storage-errors.ts';

/** How long after a stop the next request may try to open the folder again. */
const REOPEN_AFTER_MS = 2_000;

export interface GuardedPglite extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Why the folder refuses writes, found by writing a small file in it; null when it takes writes. */
function probeWrite(dataDir: string): unknown {
  let probe: string | undefined;
  try {
    probe = mkdtempSync(join(dataDir, '.landfall-probe-'));
    writeFileSync(join(probe, 'probe'), Buffer.alloc(64 * 1024));
    return null;
  } catch (error) {
    return error;
  } finally {
    if (probe) rmSync(probe, { recursive: true, force: true });
  }
}

/** An error from opening the folder, with the folder and, when a probe finds one, the cause. */
function openError(dataDir: string | undefined, error: unknown): unknown {
  if (!dataDir) return error;
  const cause = probeWrite(dataDir);
  const storage = cause ? dataDirError(dataDir, cause) : dataDirError(dataDir, error);
  if (storage) return new StorageError(storage.condition, storage.message.replace('Cannot write to', 'Cannot open'), { cause: error });
  return new Error(`Cannot open the data folder ${dataDir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

const stopped = (error: unknown) => typeof error === 'object' && error !== null && ['PANIC', 'FATAL'].includes((error as { severity?: string }).severity ?? '');

export async function guardPglite(open: () => Promise<PGlite>, dataDir: string | undefined, log: (line: string) => void): Promise<GuardedPglite> {
  let db: PGlite;
  try {
    db = await open();
  } catch (error) {
    throw openError(dataDir, error);
  }
  const where = dataDir ?? 'memory';
  let stop: { error: StorageError; at: number } | null = null;
  let reopening: Promise<void> | null = null;
  const pending = new Set<(error: unknown) => void>();

  const fail = (error: unknown): unknown => {
    if (error instanceof StorageError) return error;
    const named = dataDir ? dataDirError(dataDir, error) : null;
    if (!stopped(error)) return named ?? error;
    const condition = storageCondition(error);
    const stopError = named ?? new StorageError(condition === 'disk_full' || condition === 'read_only' || condition === 'permission' ? condition : 'unavailable', `The embedded database in ${where} stopped after a fault (${(error as Error).message}); it reopens by itself once the fault is cleared.`, { cause: error });
    if (!stop) log(`database in ${where} stopped: ${(error as Error).message}`);
    stop = { error: stopError, at: Date.now() };
    for (const reject of pending) reject(stopError);
    pending.clear();
    return stopError;
  };

  const ready = async (): Promise<PGlite> => {
    if (!stop) return db;
    if (!reopening && Date.now() - stop.at >= REOPEN_AFTER_MS) {
      reopening = (async () => {
        const cause = dataDir ? probeWrite(dataDir) : null;
        if (cause) {
          stop = { error: dataDirError(dataDir!, cause) ?? stop!.error, at: Date.now() };
          return;
        }
        try {
          // The stopped instance cannot be closed (it would wait forever); it is dropped.
          db = await open();
          stop = null;
          log(`database in ${where} reopened after the fault cleared`);
        } catch (error) {
          stop = { error: dataDirError(dataDir ?? where, error) ?? stop!.error, at: Date.now() };
        }
      })().finally(() => (reopening = null));
    }
    if (reopening) await reopening;
    if (stop) throw stop.error;
    return db;
  };

  /** Runs `call` on the live instance; rejects at once if that instance stops meanwhile. */
  const run = async <T>(call: (live: PGlite) => Promise<T>): Promise<T> => {
    const live = await ready();
    return new Promise<T>((resolve, reject) => {
      pending.add(reject);
      call(live).then(resolve, (error: unknown) => reject(fail(error))).finally(() => pending.delete(reject));
    });
  };

  const wrap = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        const result = await target.query<T>(sql, [...params]);
        return { rows: result.rows };
      } catch (error) {
        throw fail(error);
      }
    },
  });

  return {
    query: <T>(sql: string, params: readonly unknown[] = []) => run((live) => wrap(live).query<T>(sql, params)),
    transaction: (work) => run((live) => live.transaction((tx) => work(wrap(tx)))),
    async close() {
      if (!stop) await db.close();
    },
  };
}
