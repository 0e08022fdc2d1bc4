// Shapes of the files under content/. The loader (src/content) validates the YAML against these
// and hands core a frozen LawBook; `landfall check-content` reports every problem with its path.
import { z } from 'zod';
import type { ControlsLibrary } from '../controls/controls-schema.ts';
import type { InstrumentId, ProvisionId } from './content-ids.ts';
import { IMPACT_DEGREES, IMPACT_OBJECTS, SECTORS, type ImpactDegree, type ImpactObject } from '../profile/profile-schema.ts';

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const CONFIDENCE = ['primary', 'secondary', 'unconfirmed'] as const;

export const instrumentSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2}\.[a-z0-9.-]+$/, 'expected a dotted id such as cn.pipl'),
    kind: z.enum([
      'law', 'administrative_regulation', 'departmental_rule', 'normative_document', 'national_standard',
      'guideline', 'platform_rule', 'foreign_law', 'draft',
    ]),
    title: z.object({ en: z.string().min(1), zh: z.string().min(1).nullable() }).strict(),
    shortTitle: z.string().min(1),
    number: z.string().nullable(),
    issuer: z.array(z.string().min(1)),
    promulgated: isoDateSchema.nullable(),
    effective: isoDateSchema,
    ceased: isoDateSchema.nullable(),
    supersededBy: z.string().nullable(),
    amendedBy: z.array(z.string()),
    url: z.string().url().nullable(),
    confidence: z.enum(CONFIDENCE),
    sources: z.array(z.string()),
    notes: z.string().nullable(),
  })
  .strict();
export type Instrument = z.infer<typeof instrumentSchema>;

/** A reference to the law: an instrument and article, or a named provision whose number changed over time. */
export const citationRefSchema = z
  .object({
    instrument: z.string().optional(),
    article: z.string().nullable().optional(),
    provision: z.string().optional(),
    /** Practice rather than law: a planning figure with the public sources it comes from. */
    practice: z.string().optional(),
    /** The practice's name in Chinese, for zh-CN output. */
    practiceZh: z.string().optional(),
    sources: z.array(z.string()).optional(),
    note: z.string().optional(),
    /** The note in Chinese, for zh-CN output. */
    noteZh: z.string().optional(),
  })
  .strict()
  .refine(
    (ref) => [ref.instrument, ref.provision, ref.practice].filter((part) => part != null).length === 1,
    'give exactly one of instrument (with article), provision or practice',
  );
export type CitationRef = z.infer<typeof citationRefSchema>;
/** A citation as code writes it: its ids must be ones content/ holds (content-ids.ts), which tsc checks. */
export type CodeCitationRef = Omit<CitationRef, 'instrument' | 'provision'> & { instrument?: InstrumentId; provision?: ProvisionId };

const parameterValueSchema = z
  .object({
    from: isoDateSchema,
    value: z.union([z.number(), z.string(), z.boolean(), z.null(), z.object({ min: z.number(), max: z.number() }).strict()]),
    citation: citationRefSchema,
    /** The counting word of the source text, e.g. 以上 (inclusive) or 不满 (exclusive). */
    wording: z.string().optional(),
    needsLegalReview: z.boolean().default(false),
    note: z.string().optional(),
    /** The note in Chinese, for zh-CN output. */
    noteZh: z.string().optional(),
  })
  .strict();

export const parameterSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9.]+$/),
    description: z.string().min(1),
    unit: z.enum([
      'individuals', 'users', 'working_days', 'days', 'hours', 'months', 'years', 'percent', 'window', 'flag', 'count', 'grade',
      // Fines: an amount in yuan, a share of the prior year's turnover (PIPL Art. 66), or a multiple of a sum such as the purchase amount (CSL_2026 Art. 67).
      'rmb', 'percent_of_turnover', 'multiple',
    ]),
    values: z.array(parameterValueSchema).min(1),
  })
  .strict()
  .superRefine((parameter, ctx) => {
    parameter.values.forEach((value, index) => {
      const previous = parameter.values[index - 1];
      if (previous && previous.from >= value.from) {
        ctx.addIssue({ code: 'custom', path: ['values', index, 'from'], message: 'values must be in increasing date order' });
      }
    });
  });
export type Parameter = z.infer<typeof parameterSchema>;
export type ParameterValue = Parameter['values'][number];

/** A provision whose article number depends on the version in force (the CSL renumbering of 2026). */
export const provisionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9.-]+$/),
    topic: z.string().min(1),
    versions: z.array(z.object({ instrument: z.string(), article: z.string() }).strict()).min(1),
  })
  .strict();
export type Provision = z.infer<typeof provisionSchema>;

export const INTEGRATION_CATEGORIES = [
  'maps', 'payments', 'analytics', 'auth', 'captcha', 'fonts', 'cdn', 'cloud', 'crm', 'email', 'push', 'app_store',
  'video', 'social_login', 'error_tracking', 'ai_api', 'collaboration', 'support', 'messaging', 'advertising',
  'developer_tooling',
] as const;
export const MAINLAND_STATUSES = ['available', 'degraded', 'unavailable', 'china_region', 'restricted'] as const;

export const integrationSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    name: z.string().min(1),
    category: z.enum(INTEGRATION_CATEGORIES),
    mainlandStatus: z.enum(MAINLAND_STATUSES),
    summary: z.string().min(1),
    /** The summary in Chinese, for zh-CN output. */
    summaryZh: z.string().min(1).optional(),
    alternatives: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]+$/), name: z.string().min(1), note: z.string().optional() }).strict()),
    mapCoordinateFinding: z.boolean().optional(),
    confidence: z.enum(['secondary', 'unconfirmed']),
    sources: z.array(z.string()),
  })
  .strict();
export type Integration = z.infer<typeof integrationSchema>;

/** One year of the State Council's holiday schedule: days off, and weekend days worked instead. */
export const holidayYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    notice: z
      .object({
        title: z.string().min(1),
        number: z.string().nullable(),
        issued: isoDateSchema,
        url: z.string().url().nullable(),
        confidence: z.enum(CONFIDENCE),
        sources: z.array(z.string()),
        note: z.string().optional(),
      })
      .strict(),
    holidays: z.array(z.object({ name: z.string().min(1), zh: z.string().min(1), from: isoDateSchema, to: isoDateSchema }).strict()).min(1),
    makeUpWorkdays: z.array(isoDateSchema),
  })
  .strict()
  .superRefine((calendar, ctx) => {
    const inYear = (date: string) => date.startsWith(`${calendar.year}-`) || date.startsWith(`${calendar.year - 1}-12`) || date.startsWith(`${calendar.year + 1}-01`);
    calendar.holidays.forEach((holiday, index) => {
      if (holiday.to < holiday.from) ctx.addIssue({ code: 'custom', path: ['holidays', index, 'to'], message: 'ends before it starts' });
      if (!inYear(holiday.from)) ctx.addIssue({ code: 'custom', path: ['holidays', index, 'from'], message: `not in ${calendar.year}` });
    });
    calendar.makeUpWorkdays.forEach((date, index) => {
      if (!inYear(date)) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', index], message: `not in ${calendar.year}` });
    });
  });
export type HolidayYear = z.infer<typeof holidayYearSchema>;

/** A font a layout names: the family Word and WPS know, its Chinese name, and the Noto CJK family named as its alternative. */
const layoutFontSchema = z.object({ name: z.string().min(1), zh: z.string().min(1), fallback: z.string().min(1) }).strict();
const layoutSourcing = { confidence: z.enum(CONFIDENCE), sources: z.array(z.string().url()).default([]), needsLegalReview: z.boolean().default(false) };
const FILING_LAYOUT_KINDS = ['pipia', 'standard-contract', 'security-assessment', 'mlps-grading', 'mlps-filing'] as const;

/** content/knowledge/document-layouts.yaml: the page layout of a Chinese filing document, where a regulator or standard sets one. */
export const documentLayoutSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9.-]+$/),
    title: z.string().min(1),
    titleEn: z.string().min(1),
    appliesTo: z.array(z.enum(FILING_LAYOUT_KINDS)).min(1),
    rule: z.string().min(1),
    page: z.object({ size: z.literal('A4'), marginsMm: z.object({ top: z.number().positive().max(80), bottom: z.number().positive().max(80), left: z.number().positive().max(80), right: z.number().positive().max(80) }).strict(), ...layoutSourcing }).strict(),
    body: z.object({ font: layoutFontSchema, latinFont: z.string().min(1), sizePt: z.number().min(8).max(30), lineSpacingPt: z.number().min(8).max(60), firstLineIndentChars: z.number().int().min(0).max(4), ...layoutSourcing }).strict(),
    headings: z.array(z.object({ level: z.number().int().min(1).max(4), font: layoutFontSchema, bold: z.boolean() }).strict()).min(1),
    headingsConfidence: z.enum(CONFIDENCE),
    headingsSources: z.array(z.string().url()),
    documentTitle: z.object({ font: layoutFontSchema, sizePt: z.number().min(8).max(40), ...layoutSourcing }).strict(),
    needsLegalReview: z.boolean(),
  })
  .strict()
  .superRefine((layout, ctx) => {
    // A value without a source must say so and be flagged for review.
    for (const [key, block] of [['page', layout.page], ['body', layout.body], ['documentTitle', layout.documentTitle]] as const) {
      if (block.confidence !== 'unconfirmed' && block.sources.length === 0) ctx.addIssue({ code: 'custom', path: [key, 'sources'], message: `a ${block.confidence} value needs its sources` });
    }
    if (layout.documentTitle.confidence === 'unconfirmed' && !layout.documentTitle.needsLegalReview) ctx.addIssue({ code: 'custom', path: ['documentTitle', 'needsLegalReview'], message: 'an unconfirmed value must be flagged needsLegalReview' });
    if ([layout.page, layout.body].some((block) => block.confidence === 'unconfirmed') && !layout.needsLegalReview) ctx.addIssue({ code: 'custom', path: ['needsLegalReview'], message: 'a layout with unconfirmed values must be flagged needsLegalReview' });
  });
export type DocumentLayout = z.infer<typeof documentLayoutSchema>;

/** content/horizon.yaml: the date the content's knowledge runs to. */
export const horizonSchema = z.object({ horizon: isoDateSchema, note: z.string().min(1) }).strict();

/** A list of the profile's sectors a rule names, with the article that names them. */
const sectorListSchema = z.object({ citation: citationRefSchema, sectors: z.array(z.enum(SECTORS)).min(1) }).strict();

/** content/tables/: the legal tables the engine reads, each with its citation. */
export const mlpsGradingMatrixSchema = z
  .object({
    citation: citationRefSchema,
    rows: z.object(Object.fromEntries(IMPACT_OBJECTS.map((object) => [object, z.object(Object.fromEntries(IMPACT_DEGREES.map((degree) => [degree, z.number().int().min(1).max(5)]))).strict()])) as Record<ImpactObject, z.ZodObject<Record<ImpactDegree, z.ZodNumber>>>).strict(),
  })
  .strict();
export const sectorListsSchema = z.object({ ciiSectors: sectorListSchema, icpPreApprovalSectors: sectorListSchema, icpProhibitedForeignInvestment: sectorListSchema }).strict();
export const openingPilotAreasSchema = z
  .object({
    citation: citationRefSchema,
    areas: z.array(z.object({ key: z.string().regex(/^[a-z_]+$/), pattern: z.string().min(1).refine((pattern) => { try { new RegExp(pattern); return true; } catch { return false; } }, 'expected a regular expression'), area: z.string().min(1), example: z.string().min(1) }).strict()).min(1),
  })
  .strict();

export interface LegalTables {
  readonly mlpsGradingMatrix: z.infer<typeof mlpsGradingMatrixSchema>;
  readonly sectorLists: z.infer<typeof sectorListsSchema>;
  readonly openingPilotAreas: z.infer<typeof openingPilotAreasSchema>;
}

export interface LawBook {
  /** A digest of the content files, so a stored assessment can say which content it used. */
  readonly contentVersion: string;
  /** The date the content's knowledge runs to (content/horizon.yaml); null for content without one. */
  readonly horizon?: string | null;
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly provisions: ReadonlyMap<string, Provision>;
  readonly integrations: ReadonlyMap<string, Integration>;
  /** The State Council's holiday schedules by year, for deadlines in PRC working days. */
  readonly holidays: ReadonlyMap<number, HolidayYear>;
  /** The page layouts of Chinese filing documents by id (content/knowledge/document-layouts.yaml). */
  readonly documentLayouts: ReadonlyMap<string, DocumentLayout>;
  /** GB/T 22239-2019, the source frameworks and the crosswalks between them. */
  readonly controls: ControlsLibrary;
  /** The legal tables (content/tables/): the MLPS grading matrix, the sector lists, the opening-pilot areas. */
  readonly tables: LegalTables;
}
