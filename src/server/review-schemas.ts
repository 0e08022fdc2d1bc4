// The portfolio review's API bodies, shared by the routes (which validate and document them) and
// the workbench (which takes their types).
import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../core/law/dates.ts';
import { CHANGE_KINDS } from '../core/review/diff-assessments.ts';
import { REVIEW_AXES } from '../store/review-store.ts';

const date = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');
export const startSchema = z.object({
  axis: z.enum(REVIEW_AXES).describe('date: the current content on two dates; content: each stored assessment against the current content; both'),
  from: date.optional().describe('The earlier date (date axis: required; both: optional, default each stored assessment\'s date)'),
  to: date.optional().describe('The later date; default today. A future date shows what changes under law already promulgated ("upcoming").'),
}).openapi('ReviewStart');
export const runSchema = z.object({
  id: z.string(), axis: z.enum(REVIEW_AXES), from: z.string().nullable(), to: z.string(), afterContent: z.string(),
  status: z.enum(['running', 'done', 'cancelled']), total: z.number().int(), done: z.number().int(), failed: z.number().int(), createdAt: z.string(), finishedAt: z.string().nullable(),
}).openapi('ReviewRun');
const byKindSchema = z.object(Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, z.number().int()])) as Record<(typeof CHANGE_KINDS)[number], z.ZodNumber>);
export const resultRowSchema = z.object({
  engagementId: z.string(), engagement: z.string(), state: z.enum(['pending', 'claimed', 'done', 'failed']), substantive: z.number().int().nullable(), citationOnly: z.number().int().nullable(),
  highestImpact: z.enum(['high', 'medium', 'low']).nullable(), byKind: byKindSchema.nullable(), error: z.string().nullable(), acceptedAt: z.string().nullable(),
}).openapi('ReviewResultRow');
const citationSchema = z.object({ instrument: z.string(), title: z.string(), article: z.string().nullable().optional() }).passthrough();
export const changeSchema = z.object({
  path: z.string(), kind: z.enum(CHANGE_KINDS), impact: z.enum(['high', 'medium', 'low']), before: z.unknown(), after: z.unknown(),
  citations: z.object({ before: z.array(citationSchema), after: z.array(citationSchema) }), meaning: z.string(),
}).openapi('DeterminationChange');
const dueSchema = z.object({
  id: z.string(), title: z.string(), system: z.string().nullable(), dates: z.array(z.string()), estimated: z.boolean().describe('The date rests on the plan or an estimate, not on a date the profile gave'),
  citation: citationSchema, needsLegalReview: z.boolean(),
}).openapi('DueDuty');
export const reviewSchema = z.object({
  organisation: z.string(), before: z.object({ asOf: z.string(), contentVersion: z.string() }), after: z.object({ asOf: z.string(), contentVersion: z.string() }),
  changes: z.array(changeSchema), due: z.array(dueSchema).optional().describe('Duties of the obligations calendar dated inside the window'), summary: z.object({ byKind: byKindSchema, substantive: z.number().int(), citationOnly: z.number().int(), highestImpact: z.enum(['high', 'medium', 'low']).nullable() }),
}).openapi('EngagementReview');
