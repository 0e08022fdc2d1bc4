// A stored assessment (the `result` column): CONTRACT §2 exactly as the engine returned it, read
// through the engine's own schema. The assessment also carries the contract's `schemaVersion`,
// which versions the output format; the record version beside it versions how it is stored.
import { assessmentSchema, type Assessment } from '../../core/assess/assessment-schema.ts';
import { defineRecordKind, readRecord, type JsonRecord } from './record-versions.ts';

const isObject = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

export const ASSESSMENT = defineRecordKind<Assessment>('assessment', assessmentSchema, [
  {
    // A profile without plan.goLive gave timeline.goLive undefined, which JSON leaves out; the
    // schema has it as a date or null. Version 1 records without the key get null.
    id: 'assessment/2-timeline-go-live-null',
    up: (record: JsonRecord): JsonRecord => (isObject(record.timeline) && record.timeline.goLive === undefined ? { ...record, timeline: { ...record.timeline, goLive: null } } : record),
  },
]);

export const readAssessment = (stored: unknown, version: number, where: string): Assessment => readRecord(ASSESSMENT, stored, version, where);
