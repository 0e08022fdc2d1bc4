// One PGlite data folder, one process. PGlite is PostgreSQL compiled into this process: two
// processes on one folder each believe they own the files, both acknowledge writes, and one
// overwrites the other's. A lock file in the folder keeps the second opener out.
//
// The lock is `landfall.lock`: JSON with the holder's pid, host and start time. It is written to a
// private temporary file first and then hard-linked into place, so it appears whole or not at all,
// and the link fails if another process got there first. A lock is stale, and is taken over with
// a log line, when
//   - it names this host and its pid is no longer alive (or is this process's own pid, which this
//     process does not hold: a container restarted with the same pid), or
//   - it names another host (a folder on shared storage) and its holder has not refreshed it for
//     STALE_AFTER_MS; the holder touches the file every HEARTBEAT_MS while it runs.
// Taking over is itself exclusive: only the process that creates `landfall.lock.takeover` may
// remove a stale lock, so two processes that find the same stale lock cannot both end up holding it.
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { StorageError, storageCondition } from './storage-errors.ts';

export const LOCK_FILE = 'landfall.lock';
const HEARTBEAT_MS = 15_000;
const STALE_AFTER_MS = 120_000;
/** A take-over file older than this was left by a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

/** Refusal to open a data folder another process holds. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(readonly dataDir: string, readonly owner: LockOwner) {
    super(
      `The data folder ${dataDir} is in use by process ${owner.pid} on ${owner.host} (started ${owner.startedAt}). ` +
        'An embedded (PGlite) data folder serves one process at a time: stop that process first, ' +
        'or, to run several Landfall processes, give them all one PostgreSQL server through DATABASE_URL.',
    );
  }
}

export interface DataDirLock {
  release(): void;
}

/** Folders this process holds, so a second opener inside the same process is refused too. */
const held = new Set<string>();

function readOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.startedAt === 'string') return parsed as LockOwner;
  } catch {
    // Unreadable or torn: cannot come from us (we link whole files), so treat it as abandoned.
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why the lock at `path` is stale, or null while its owner may still be using the folder. */
function staleReason(path: string, dataDir: string, owner: LockOwner | null): string | null {
  if (!owner) return 'the lock file is unreadable';
  if (owner.host === hostname()) {
    if (owner.pid === process.pid) return held.has(dataDir) ? null : `process ${owner.pid} is this process, which did not take it (an earlier run with the same pid)`;
    return alive(owner.pid) ? null : `process ${owner.pid} is no longer running`;
  }
  const since = statSync(path, { throwIfNoEntry: false });
  if (!since) return 'the lock file is gone';
  const age = Date.now() - since.mtimeMs;
  return age > STALE_AFTER_MS ? `its holder on ${owner.host} has not refreshed it for ${Math.round(age / 1000)} s` : null;
}

function asStorageError(dataDir: string, error: unknown): unknown {
  const condition = storageCondition(error);
  if (!condition || condition === 'unavailable') return error;
  const cause = condition === 'disk_full' ? 'the disk is full' : condition === 'read_only' ? 'the file system is read-only' : 'this process may not write there';
  return new StorageError(condition, `Cannot use the data folder ${dataDir}: ${cause} (${(error as Error).message}).`, { cause: error });
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Replaces a stale lock with ours while holding the take-over file; false when it is not ours to take. */
function takeOver(dataDir: string, path: string, temporary: string, log: (line: string) => void): boolean {
  const takeover = `${path}.takeover`;
  try {
    linkSync(temporary, takeover);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is taking over; once they are done, the caller finds their lock and refuses.
    const since = statSync(takeover, { throwIfNoEntry: false });
    if (since && Date.now() - since.mtimeMs > TAKEOVER_STALE_MS) rmSync(takeover, { force: true });
    else pause(50);
    return false;
  }
  try {
    // Judged again under the take-over file: the lock may have changed hands since it was read.
    if (!existsSync(path)) return false;
    const owner = readOwner(path);
    const reason = staleReason(path, dataDir, owner);
    if (reason === null) return false;
    log(`data folder ${dataDir}: taking over a stale lock${owner ? ` of process ${owner.pid} on ${owner.host} (started ${owner.startedAt})` : ''}: ${reason}`);
    rmSync(path, { force: true });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Between the removal and the link another opener found no lock and linked its own (which
      // needs no take-over file): the folder is now theirs, and the caller finds their lock.
      return false;
    }
    return true;
  } finally {
    rmSync(takeover, { force: true });
  }
}

/** Takes the data folder for this process, or throws DataDirLockedError naming the holder. */
export function lockDataDir(folder: string, log: (line: string) => void): DataDirLock {
  const dataDir = resolve(folder);
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const temporary = join(dataDir, `${LOCK_FILE}.${process.pid}.${Date.now()}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    // Writing and syncing the lock also proves the folder takes writes before PGlite opens it.
    const fd = openSync(temporary, 'wx');
    try {
      writeFileSync(fd, `${JSON.stringify(me)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temporary, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 50) throw error;
        const owner = readOwner(path);
        if (staleReason(path, dataDir, owner) === null) throw new DataDirLockedError(dataDir, owner!);
        if (takeOver(dataDir, path, temporary, log)) break;
      }
    }
  } catch (error) {
    throw asStorageError(dataDir, error);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created (the folder refused the write): nothing to clean.
    }
  }
  held.add(dataDir);
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // A full or read-only disk also stops the heartbeat; the store reports that condition itself.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      held.delete(dataDir);
      const owner = readOwner(path);
      if (!owner || owner.pid !== me.pid || owner.host !== me.host || owner.startedAt !== me.startedAt) return;
      try {
        unlinkSync(path);
      } catch (error) {
        // A folder that stopped taking writes keeps the lock; the next start sees its pid gone and takes it over.
        log(`data folder ${dataDir}: could not remove the lock (${(error as Error).message})`);
      }
    },
  };
}
