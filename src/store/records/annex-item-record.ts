// The `data` column of an annex item: the non-editable part of a derived item (where it sits, what
// it concerns, its legal basis), the owner and due date people edit, and the marks re-assessment
// and reviews leave on it.
import { z } from 'zod';
import { citationSchema } from '../../core/assess/assessment-schema.ts';
import { ANNEX_SECTIONS } from '../../core/annex/annex-types.ts';
import { defineRecordKind, readRecord, type JsonRecord } from './record-versions.ts';

const detailSchema = z.record(z.string(), z.unknown());

// Loose: a key this schema does not list is kept, not stripped, because an edit writes the data it
// read back whole; the keys listed are checked.
export const annexItemDataSchema = z.looseObject({
  section: z.enum(ANNEX_SECTIONS),
  category: z.string().nullable(),
  system: z.string().nullable(),
  systems: z.array(z.string()),
  implication: z.string().nullable(),
  basis: z.array(citationSchema),
  needsLegalReview: z.boolean(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  /** A person's item: the basis as the person wrote it. */
  basisText: z.string().nullable().optional(),
  shapesArchitecture: z.literal(true).optional(),
  question: detailSchema.optional(),
  decision: detailSchema.optional(),
  action: detailSchema.optional(),
  link: z.enum(['gaps']).nullable().optional(),
  statusHeld: z.object({ derived: z.string(), note: z.string() }).optional(),
  reReview: z.object({ runId: z.string(), at: z.string(), changes: z.array(detailSchema) }).optional(),
});
export type AnnexItemData = z.infer<typeof annexItemDataSchema>;

export const ANNEX_ITEM_DATA = defineRecordKind('annex-item', annexItemDataSchema, [
  {
    // Wave 1 stored { section, category, system, implication, basis, needsLegalReview }. An item now
    // lists every system it concerns, and carries an owner and a due date (null until someone sets
    // them). Records stored before versions existed are all version 1, some already in the newer
    // shape, so only what is missing is filled.
    id: 'annex-item/2-systems-owner-due',
    up: (record: JsonRecord): JsonRecord => ({
      ...record,
      systems: record.systems ?? (typeof record.system === 'string' ? [record.system] : []),
      owner: record.owner ?? null,
      due: record.due ?? null,
    }),
  },
]);

export const readAnnexItemData = (stored: unknown, version: number, where: string): AnnexItemData => readRecord(ANNEX_ITEM_DATA, stored, version, where);
