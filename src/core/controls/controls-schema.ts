// Shapes of the control catalogues and crosswalks under content/catalogs and content/crosswalks,
// and of the library core works from once the loader has flattened and checked them.
import { z } from 'zod';
import { CATEGORIES, CLAUSE_PATTERN, EXTENSIONS, REPOSITIONINGS, RELATIONSHIPS, SOC2_CATEGORIES, SOURCE_FRAMEWORKS, THEMES, type CategoryKey, type Relationship, type ExtensionKey, type Repositioning, type Theme, type CatalogLevel, type SourceFrameworkKey } from './controls-constants.ts';

export * from './controls-constants.ts';

const CATEGORY_KEYS = CATEGORIES.map((category) => category.key) as [CategoryKey, ...CategoryKey[]];
const EXTENSION_KEYS = EXTENSIONS.map((extension) => extension.key) as [ExtensionKey, ...ExtensionKey[]];
const REPOSITIONING_KEYS = Object.keys(REPOSITIONINGS) as [Repositioning, ...Repositioning[]];

const clausesSchema = z
  .partialRecord(z.enum(['1', '2', '3', '4']), z.string().regex(CLAUSE_PATTERN, 'expected a clause reference such as "8.1.4.1 a)"'))
  .refine((clauses) => Object.keys(clauses).length > 0, 'an item applies to at least one level');

const itemSchema = z
  .object({
    id: z.string().regex(/^(?:(?:CLD|MOB|IOT|ICS)-)?(?:PE|CN|AB|CE|MC|PS|OR|HR|CM|OM)-[A-Z0-9]{1,5}-\d{2}$/, 'expected an id such as CE-IA-01 or CLD-PE-IL-01'),
    clauses: clausesSchema,
    summary: z.string().min(3).max(90),
    /** The same summary in Chinese, our own short paraphrase in the standard's vocabulary (the zh-CN gap register shows it). */
    summaryZh: z.string().min(2).max(60).regex(/\p{Script=Han}/u, 'expected Chinese text'),
    paraphrase: z.string().min(10),
    themes: z.array(z.enum(THEMES)).default([]),
    /** Where the item's text makes an existing control's repositioning enough: the theme it settles must be among the item's themes. */
    repositioning: z.array(z.enum(REPOSITIONING_KEYS)).default([]),
    cloudRole: z.enum(['provider', 'customer', 'both']).optional(),
    needsReview: z.boolean().default(false),
    reviewNote: z.string().min(3).optional(),
  })
  .strict()
  .refine((item) => !item.needsReview || item.reviewNote != null, { message: 'needsReview needs a reviewNote saying what is unsure', path: ['reviewNote'] });

const controlPointSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    zh: z.string().min(1),
    en: z.string().min(1),
    items: z.array(itemSchema).min(1),
  })
  .strict();

export const generalCatalogFileSchema = z
  .object({
    category: z.enum(CATEGORY_KEYS),
    zh: z.string().min(1),
    en: z.string().min(1),
    controlPoints: z.array(controlPointSchema).min(1),
  })
  .strict();

export const extensionCatalogFileSchema = z
  .object({
    extension: z.enum(EXTENSION_KEYS),
    zh: z.string().min(1),
    en: z.string().min(1),
    categories: z
      .array(z.object({ category: z.enum(CATEGORY_KEYS), controlPoints: z.array(controlPointSchema).min(1) }).strict())
      .min(1),
  })
  .strict();


export const frameworkFileSchema = z
  .object({
    framework: z.enum(SOURCE_FRAMEWORKS),
    name: z.string().min(1),
    publisher: z.string().min(1),
    version: z.string().min(1),
    groups: z
      .array(
        z
          .object({
            key: z.string().min(1),
            clause: z.string().optional(),
            name: z.string().min(1),
            category: z.enum(SOC2_CATEGORIES).optional(),
            controls: z
              .array(
                z
                  .object({
                    id: z.string().regex(/^(A\.\d+\.\d+|(CC|A|C|PI|P)\d+\.\d+)$/),
                    name: z.string().min(1),
                    /** The artefacts the control produces that an MLPS assessor can be shown, in our words. */
                    evidence: z.string().min(10).optional(),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type FrameworkFile = z.infer<typeof frameworkFileSchema>;


const mappingRowSchema = z
  .object({
    target: z.string().min(1),
    source: z.string().min(1),
    relationship: z.enum(RELATIONSHIPS),
    strength: z.number().int().min(1).max(10),
    rationale: z.string().min(10),
    /** What of the source control's evidence serves this item, where narrower than the control's own evidence. */
    evidence: z.string().min(10).optional(),
  })
  .strict();
const noEquivalentRowSchema = z.object({ target: z.string().min(1), noEquivalent: z.string().min(10) }).strict();

export const crosswalkFileSchema = z
  .object({
    source: z.enum(SOURCE_FRAMEWORKS),
    target: z.literal('gbt22239-2019'),
    rows: z.array(z.union([mappingRowSchema, noEquivalentRowSchema])).min(1),
  })
  .strict();
export type CrosswalkFile = z.infer<typeof crosswalkFileSchema>;

export const themeFileSchema = z.array(
  z
    .object({
      theme: z.enum(THEMES),
      title: z.string().min(1),
      why: z.string().min(10),
      remediation: z.enum(['reposition', 'add']),
      remediationDetail: z.string().min(10),
      /** The theme in Chinese, for zh-CN output (optional so content packs from before it still load). */
      zh: z.object({ title: z.string().min(1), why: z.string().min(10), remediationDetail: z.string().min(10) }).strict().optional(),
      effortWeeks: z.object({ min: z.number().positive(), max: z.number().positive() }).strict(),
      practice: z.string().nullable(),
      citations: z.array(z.object({ instrument: z.string().optional(), article: z.string().nullable().optional(), provision: z.string().optional() }).strict()),
    })
    .strict(),
);
export type ThemeDefinition = z.infer<typeof themeFileSchema>[number];

/** The practitioners' rule of thumb for how much of a level SOC 2 / ISO 27001 carries, as cited content. */
export const carryOverRangeFileSchema = z
  .object({
    note: z.string().min(10),
    source: z.string().min(10),
    confidence: z.enum(['practitioner_estimate']),
    needsReview: z.boolean(),
    reviewNote: z.string().min(3).optional(),
    ranges: z.array(z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), min: z.number().min(0).max(100), max: z.number().min(0).max(100) }).strict()).min(1),
  })
  .strict()
  .refine((file) => !file.needsReview || file.reviewNote != null, { message: 'needsReview needs a reviewNote saying what is unsure', path: ['reviewNote'] });
export type CarryOverRangeFile = z.infer<typeof carryOverRangeFileSchema>;

type ItemInput = z.infer<typeof itemSchema>;

/** One requirement item of GB/T 22239-2019 with its place in the standard, flattened by the loader. */
export interface CatalogItem {
  readonly id: string;
  readonly category: CategoryKey;
  readonly extension: ExtensionKey | null;
  readonly controlPoint: { readonly key: string; readonly zh: string; readonly en: string };
  /** Clause reference per level, e.g. { 3: "8.1.4.1 a)" }. */
  readonly clauses: Readonly<Partial<Record<CatalogLevel, string>>>;
  readonly levels: readonly CatalogLevel[];
  readonly summary: string;
  /** The summary in Chinese (our own paraphrase). */
  readonly summaryZh: string;
  readonly paraphrase: string;
  readonly themes: readonly Theme[];
  /** Repositionings of existing controls that settle the item's jurisdiction part (REPOSITIONINGS). */
  readonly repositioning: readonly Repositioning[];
  readonly cloudRole: ItemInput['cloudRole'] | null;
  readonly needsReview: boolean;
  readonly reviewNote: string | null;
  /** The file the item is authored in, relative to content/. */
  readonly file: string;
}

export interface SourceControl {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly category: (typeof SOC2_CATEGORIES)[number] | null;
  /** The artefacts the control produces that an assessor can be shown. */
  readonly evidence: string | null;
}

export interface SourceFramework {
  readonly key: SourceFrameworkKey;
  readonly name: string;
  readonly version: string;
  readonly publisher: string;
  readonly controls: ReadonlyMap<string, SourceControl>;
}

export interface Mapping {
  readonly source: string;
  readonly relationship: Relationship;
  readonly strength: number;
  readonly rationale: string;
  /** The source control's reusable evidence for this item: the row's own, else the control's. */
  readonly evidence: string;
}

/** How one source framework maps onto one catalogue item: mappings, or why there is none. */
export interface ItemCrosswalk {
  readonly mappings: readonly Mapping[];
  readonly noEquivalent: string | null;
}

export interface ControlsLibrary {
  readonly items: readonly CatalogItem[];
  readonly itemsById: ReadonlyMap<string, CatalogItem>;
  readonly frameworks: ReadonlyMap<SourceFrameworkKey, SourceFramework>;
  readonly crosswalks: ReadonlyMap<SourceFrameworkKey, ReadonlyMap<string, ItemCrosswalk>>;
  readonly themes: ReadonlyMap<Theme, ThemeDefinition>;
  readonly itemEffort: ItemEffort;
  /** The practitioners' carry-over range per level; null when the file is absent. */
  readonly carryOverRange: CarryOverRangeFile | null;
}

const effortRangeSchema = z.object({ min: z.number().nonnegative(), max: z.number().positive() }).strict();
const effortByKindSchema = z.object({ technical: effortRangeSchema, management: effortRangeSchema }).strict();
/** Rough effort per item outside the themes, in person-weeks. */
export const itemEffortFileSchema = z.object({ note: z.string().min(1), reposition: effortByKindSchema, add: effortByKindSchema }).strict();
export type ItemEffort = z.infer<typeof itemEffortFileSchema>;
