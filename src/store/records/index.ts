// The stored record kinds and the one read function of each (see record-versions.ts).
export { StoredRecordError, readRecord, migrateRecord, parseRecord, defineRecordKind, type RecordKind, type RecordMigration, type RecordProblem } from './record-versions.ts';
export { ANNEX_ITEM_DATA, annexItemDataSchema, readAnnexItemData, type AnnexItemData } from './annex-item-record.ts';
export { ASSESSMENT, readAssessment } from './assessment-record.ts';
export { PROFILE, readProfile } from './profile-record.ts';
