// The gap register's output as a schema, so the API's OpenAPI document describes what GET .../gaps
// returns. The interfaces in gap-analysis.ts, carry-over.ts and profile-gaps.ts remain the types
// the engine is written against; the checks at the end make either side a compile error when it
// drifts from the other.
import { z } from 'zod';
import { CARRY_OVER_CLASSES, type CarryOver } from './carry-over.ts';
import { CATEGORIES, EXTENSIONS, LEVELS, RELATIONSHIPS, SOURCE_FRAMEWORKS, THEMES } from './controls-schema.ts';
import { GAP_STATUSES, type GapReport } from './gap-analysis.ts';
import type { ProfileGaps } from './profile-gaps.ts';

const categoryKey = z.enum(CATEGORIES.map((category) => category.key) as [(typeof CATEGORIES)[number]['key'], ...Array<(typeof CATEGORIES)[number]['key']>]);
const extensionKey = z.enum(EXTENSIONS.map((extension) => extension.key) as [(typeof EXTENSIONS)[number]['key'], ...Array<(typeof EXTENSIONS)[number]['key']>]);
const weeks = z.object({ min: z.number(), max: z.number() });
const remediation = z.enum(['none', 'reposition', 'add']);

const coverageCountSchema = z.object({
  applicable: z.number(), covered: z.number(), partial: z.number(), evidenceNeeded: z.number(), gap: z.number(),
  fullPercent: z.number().describe('Covered items over applicable items, in percent.'),
  weightedPercent: z.number().describe('Covered plus half of partial and evidence-needed items, over applicable items, in percent.'),
});

const gapItemSchema = z.object({
  id: z.string(),
  category: categoryKey,
  extension: extensionKey.nullable(),
  controlPoint: z.object({ key: z.string(), zh: z.string(), en: z.string() }),
  clause: z.string(),
  summary: z.string(),
  summaryZh: z.string().describe('The summary in Chinese (our own paraphrase in the standard\'s vocabulary).'),
  paraphrase: z.string(),
  themes: z.array(z.enum(THEMES)),
  status: z.enum(GAP_STATUSES),
  basis: z.array(z.string()),
  evidence: z.array(z.object({
    framework: z.enum(SOURCE_FRAMEWORKS), control: z.string(), controlName: z.string(), relationship: z.enum(RELATIONSHIPS), strength: z.number(), rationale: z.string(),
    reusableEvidence: z.string(), attested: z.boolean().describe('Independently attested: an ISO 27001 certificate or a SOC 2 Type 2 report.'),
  })),
  remediation,
  effortWeeks: weeks,
  needsReview: z.boolean(),
  reviewNote: z.string().nullable(),
  carryOver: z.enum(CARRY_OVER_CLASSES),
});

export const carryOverSchema = z.object({
  applicable: z.number(), metAsIs: z.number(), metOnceRepositioned: z.number(), evidenceNeeded: z.number(), extendControl: z.number(), newControl: z.number(),
  metAsIsPercent: z.number(), onceRepositionedPercent: z.number(), evidenceReusePercent: z.number(),
  headline: z.literal('metAsIsPercent'),
  range: z.object({ min: z.number(), max: z.number(), confidence: z.string(), needsReview: z.boolean(), source: z.string() }).nullable(),
  position: z.enum(['below', 'within', 'above']).nullable(),
  newAtLevel: z.object({ comparedWith: z.number(), items: z.number(), metAsIs: z.number(), metOnceRepositioned: z.number() }).nullable(),
  gaps: z.array(z.object({ kind: z.enum(['theme', 'category']), key: z.string(), title: z.string(), items: z.number(), open: z.number(), repositioned: z.number(), newAtLevel: z.number() })),
  sentence: z.string(),
});

export const gapReportSchema = z.object({
  systemId: z.string(),
  systemName: z.string(),
  level: z.union(LEVELS.map((level) => z.literal(level)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>]),
  levelSource: z.enum(['graded', 'requested']),
  extensions: z.array(z.object({ extension: extensionKey, zh: z.string(), en: z.string(), applies: z.boolean(), reason: z.string() })),
  sources: z.array(z.string()),
  method: z.array(z.string()),
  coverage: z.object({
    overall: coverageCountSchema,
    byCategory: z.array(coverageCountSchema.extend({ category: categoryKey, zh: z.string(), en: z.string() })),
    byExtension: z.array(coverageCountSchema.extend({ extension: z.union([extensionKey, z.literal('general')]) })),
  }),
  items: z.array(gapItemSchema),
  inheritedFromProvider: z.array(z.object({ id: z.string(), clause: z.string(), summary: z.string(), summaryZh: z.string() })),
  themes: z.array(z.object({
    theme: z.enum(THEMES), title: z.string(), why: z.string(), remediation: z.enum(['reposition', 'add']), remediationDetail: z.string(), effortWeeks: weeks, items: z.array(z.string()), open: z.number(),
  })),
  otherGaps: z.array(z.object({ category: categoryKey, zh: z.string(), en: z.string(), remediation: z.object({ reposition: z.array(z.string()), add: z.array(z.string()) }), effortWeeks: weeks })),
  evidenceMap: z.array(z.object({ framework: z.enum(SOURCE_FRAMEWORKS), control: z.string(), controlName: z.string(), attested: z.boolean(), items: z.array(z.string()) })),
  effortWeeks: weeks,
  itemsNeedingReview: z.number(),
  carryOver: carryOverSchema,
});

/** GET /api/engagements/:id/gaps and `landfall gaps --format json`. */
export const profileGapsSchema = z.object({
  organisation: z.string(),
  asOf: z.string(),
  engineVersion: z.string(),
  contentVersion: z.string(),
  systems: z.array(gapReportSchema),
  skipped: z.array(z.object({ systemId: z.string(), reason: z.string() })).describe('Systems left out, with the reason (level 5, or not the one asked for).'),
});

// Both directions assignable: the schema describes exactly the engine's types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCarryOver: Same<z.infer<typeof carryOverSchema>, CarryOver> = true;
const sameReport: Same<z.infer<typeof gapReportSchema>, GapReport> = true;
const sameGaps: Same<z.infer<typeof profileGapsSchema>, ProfileGaps> = true;
void [sameCarryOver, sameReport, sameGaps];
