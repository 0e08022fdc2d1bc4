// What went wrong underneath the store, in the terms an operator acts on: the database cannot be
// reached (wait, it comes back by itself), the disk is full, or the data cannot be written
// (read-only, or a permission is missing). Each is a LandfallError whose code the API answers
// with 503 (with Retry-After) or 507 instead of a bare 500; `landfall serve` prints them at start
// and exits.
import { LandfallError } from '../core/errors.ts';

export type StorageCondition = 'unavailable' | 'disk_full' | 'read_only' | 'permission';

const CODE = { unavailable: 'database_unavailable', disk_full: 'insufficient_storage', read_only: 'storage_read_only', permission: 'storage_permission_denied' } as const;
/** Seconds a client waits before trying again; a full disk needs a person, so no hint. */
const RETRY_AFTER: Record<StorageCondition, number | null> = { unavailable: 5, disk_full: null, read_only: 30, permission: 30 };
const DEFAULT_MESSAGE: Record<StorageCondition, string> = {
  unavailable: 'The database cannot be reached right now; nothing was saved. Try again shortly.',
  disk_full: 'The database has no space left; nothing was saved. Try again once an administrator has freed space.',
  read_only: 'The database is read-only; nothing was saved.',
  permission: 'The database refused the write for lack of a permission; nothing was saved.',
};

/** A storage failure with a message that names the place (data folder or server) and the cause. */
export class StorageError extends LandfallError {
  override readonly name = 'StorageError';
  constructor(readonly condition: StorageCondition, message: string, options?: { cause?: unknown }) {
    const retryAfter = RETRY_AFTER[condition];
    super(CODE[condition], message, { cause: options?.cause, headers: retryAfter == null ? {} : { 'retry-after': String(retryAfter) } });
  }
}

// Node's socket and file-system errno codes.
const ERRNO: Record<string, StorageCondition> = {
  ECONNREFUSED: 'unavailable', ECONNRESET: 'unavailable', ECONNABORTED: 'unavailable', EPIPE: 'unavailable', ETIMEDOUT: 'unavailable',
  EHOSTUNREACH: 'unavailable', ENETUNREACH: 'unavailable', EAI_AGAIN: 'unavailable',
  ENOSPC: 'disk_full', EDQUOT: 'disk_full', EROFS: 'read_only', EACCES: 'permission', EPERM: 'permission',
};

// pg's own messages for a connection that failed or went away; they carry no code.
const CONNECTION_MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client was closed and is not queryable/i;

/**
 * The storage condition behind an error from either database, or null when it is something else.
 * SQLSTATEs: https://www.postgresql.org/docs/15/errcodes-appendix.html. PostgreSQL reports a file it
 * may not write (EACCES, EPERM and EROFS alike, see errcode_for_file_access in elog.c) as 42501, so
 * the message tells read-only apart from a missing permission.
 */
export function storageCondition(error: unknown): StorageCondition | null {
  if (error instanceof StorageError) return error.condition;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    if (code in ERRNO) return ERRNO[code]!;
    if (code === '53100') return 'disk_full';
    // 53000 insufficient resources, 53200 out of memory, 53300 too many connections: wait and retry.
    if (code.startsWith('53')) return 'unavailable';
    // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting or stopping).
    if (code === '57P01' || code === '57P02' || code === '57P03') return 'unavailable';
    if (code.startsWith('08')) return 'unavailable';
    if (code === '25006') return 'read_only';
    if (code === '42501') return /read-only file system/i.test(text) ? 'read_only' : 'permission';
    if (code === '58030') return /no space left/i.test(text) ? 'disk_full' : /read-only file system/i.test(text) ? 'read_only' : null;
  }
  if (CONNECTION_MESSAGE.test(text)) return 'unavailable';
  return null;
}

/**
 * A failure of either database as the StorageError it amounts to (507 for a full disk, 503 with
 * Retry-After for the rest), or null when it is something else. A StorageError is returned as it is.
 */
export function storageError(error: unknown): StorageError | null {
  if (error instanceof StorageError) return error;
  const condition = storageCondition(error);
  return condition ? new StorageError(condition, DEFAULT_MESSAGE[condition], { cause: error }) : null;
}

const CAUSE: Record<StorageCondition, string> = {
  unavailable: 'it cannot be used right now',
  disk_full: 'the disk is full',
  read_only: 'the file system is read-only',
  permission: 'this process lacks the permission to write there',
};

/** Wraps a failure inside a PGlite data folder so its message names the folder and the cause. */
export function dataDirError(dataDir: string, error: unknown): StorageError | null {
  if (error instanceof StorageError) return error.condition === 'unavailable' ? null : error;
  const condition = storageCondition(error);
  if (!condition || condition === 'unavailable') return null;
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError(condition, `Cannot write to the data folder ${dataDir}: ${CAUSE[condition]} (${detail}). Nothing was saved.`, { cause: error });
}
