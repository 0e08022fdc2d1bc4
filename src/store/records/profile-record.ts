// A stored profile version (the `profile` column): the client's entry profile as given. It is
// checked against the profile schema, but the record returned is the given profile (migrated), not
// the parse with defaults filled in: which answers were defaults is read from what was given.
import { profileSchema } from '../../core/profile/profile-schema.ts';
import { defineRecordKind, migrateRecord, parseRecord, type JsonRecord } from './record-versions.ts';

// No migration yet: version 1 is the entry profile as every version of Landfall has accepted it.
export const PROFILE = defineRecordKind('profile', profileSchema, []);

export function readProfile(stored: unknown, version: number, where: string): JsonRecord {
  const record = migrateRecord(PROFILE, stored, version, where);
  parseRecord(PROFILE, record, where);
  return record;
}
