// Stored JSON is a schema with a version (tldraw's record migrations): every stored record kind
// has a zod schema for its current shape, a record version stored beside it, and an ordered list
// of named migrations, one per version step. A read migrates an older record up, then parses it;
// a record that does not parse, or that a newer Landfall wrote, is a StoredRecordError naming the
// record and every problem with its path, never a silent cast.
//
// The version is a column beside each JSON column (migration 0016), not a field inside the JSON:
// the stored JSON stays exactly the product's output (the assessment is CONTRACT §2 as the API
// returns it, the profile is the client's own input), SQL edits of parts of a record (`jsonb_set`
// on an annex item's data) cannot drop it, and a query can find every record still below a version.
import type { z } from 'zod';
import { LandfallError } from '../../core/errors.ts';

export type JsonRecord = Record<string, unknown>;

/** One step up: `up` takes a record of version N-1 and returns it as version N, without changing its input. */
export interface RecordMigration {
  /** `<kind>/<version>-<what it does>`, e.g. `annex-item/2-systems-owner-due`. */
  readonly id: string;
  up(record: JsonRecord): JsonRecord;
}

export interface RecordKind<T> {
  readonly kind: string;
  readonly schema: z.ZodType<T>;
  readonly migrations: readonly RecordMigration[];
  /** 1 plus the number of migrations: what every write stamps. */
  readonly currentVersion: number;
}

export interface RecordProblem {
  path: string;
  message: string;
}

/** A stored record that cannot be read: malformed, or written by a newer Landfall. */
export class StoredRecordError extends LandfallError {
  override readonly name = 'StoredRecordError';
  override readonly problems: RecordProblem[];
  constructor(
    override readonly code: 'invalid_record' | 'unknown_record_version',
    readonly where: string,
    message: string,
    problems: RecordProblem[],
  ) {
    super(code, message, { problems });
    this.problems = problems;
  }
}

/** A record kind; migration ids must follow their order (`<kind>/2-...`, `<kind>/3-...`), checked here once. */
export function defineRecordKind<T>(kind: string, schema: z.ZodType<T>, migrations: readonly RecordMigration[]): RecordKind<T> {
  migrations.forEach((migration, index) => {
    const expected = `${kind}/${index + 2}-`;
    if (!migration.id.startsWith(expected) || migration.id.length === expected.length) throw new Error(`record migration ${migration.id} must be named ${expected}<what it does>`);
  });
  return Object.freeze({ kind, schema, migrations: Object.freeze([...migrations]), currentVersion: migrations.length + 1 });
}

const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Brings a stored record of `version` up to the current version, unparsed; the stored value is
 * never changed. `where` names the record for an operator (`assessments 5d1…: result`).
 */
export function migrateRecord(kind: RecordKind<unknown>, stored: unknown, version: number, where: string): JsonRecord {
  if (!Number.isInteger(version) || version < 1) {
    throw new StoredRecordError('invalid_record', where, `${where}: ${kind.kind} record version ${String(version)} is not a version.`, [{ path: where, message: 'the record version must be a whole number from 1' }]);
  }
  if (version > kind.currentVersion) {
    throw new StoredRecordError(
      'unknown_record_version', where,
      `${where}: this ${kind.kind} record is version ${version}, newer than the version ${kind.currentVersion} this Landfall reads; it was written by a newer Landfall, so upgrade to open it.`,
      [{ path: where, message: `${kind.kind} record version ${version} is unknown (the newest known is ${kind.currentVersion})` }],
    );
  }
  if (!isRecord(stored)) throw new StoredRecordError('invalid_record', where, `${where}: the stored ${kind.kind} record is not an object.`, [{ path: where, message: 'expected an object' }]);
  let record: JsonRecord = structuredClone(stored);
  for (const migration of kind.migrations.slice(version - 1)) record = migration.up(record);
  return record;
}

/** Migrates a stored record, then parses it with the kind's schema; `where` prefixes every problem's path. */
export function readRecord<T>(kind: RecordKind<T>, stored: unknown, version: number, where: string): T {
  return parseRecord(kind, migrateRecord(kind, stored, version, where), where);
}

/** Parses a record already at the current version with the kind's schema. */
export function parseRecord<T>(kind: RecordKind<T>, record: JsonRecord, where: string): T {
  const parsed = kind.schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new StoredRecordError('invalid_record', where, `${where}: the stored ${kind.kind} record does not match its schema (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}).`, problems);
}
