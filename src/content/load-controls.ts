// Reads content/catalogs and content/crosswalks, checks every item's place in the standard and every
// crosswalk row, and builds the ControlsLibrary that core's gap analysis works from.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  CATEGORIES,
  CLAUSE_PATTERN,
  EXTENSIONS,
  LEVELS,
  REPOSITIONINGS,
  SOURCE_FRAMEWORKS,
  carryOverRangeFileSchema,
  crosswalkFileSchema,
  extensionCatalogFileSchema,
  frameworkFileSchema,
  generalCatalogFileSchema,
  itemEffortFileSchema,
  themeFileSchema,
  type CatalogItem,
  type CatalogLevel,
  type CategoryKey,
  type ControlsLibrary,
  type ExtensionKey,
  type ItemCrosswalk,
  type Mapping,
  type SourceControl,
  type SourceFramework,
  type SourceFrameworkKey,
  type Theme,
  type ThemeDefinition,
} from '../core/controls/controls-schema.ts';
import type { Problem } from '../core/profile/normalise-profile.ts';

export const CATALOG_DIR = 'catalogs/gbt22239-2019';
export const CROSSWALK_DIRS: Record<SourceFrameworkKey, string> = {
  'iso27001-2022': 'crosswalks/iso27001-2022--gbt22239-2019',
  'soc2-2017': 'crosswalks/soc2-2017--gbt22239-2019',
};

/** Parses one YAML file against a schema; pushes problems and returns undefined when it does not fit. */
export type ReadYaml = <T>(relative: string, schema: z.ZodType<T>) => T | undefined;

const CATEGORY_BY_KEY = new Map(CATEGORIES.map((category, index) => [category.key, { ...category, index }]));
const EXTENSION_BY_KEY = new Map(EXTENSIONS.map((extension) => [extension.key, extension]));

interface Placed {
  item: CatalogItem;
  /** Index of the control point within its file section, to check numbering. */
  controlPointIndex: number;
}

function listYaml(contentDir: string, directory: string): string[] {
  const absolute = join(contentDir, directory);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute).filter((name) => name.endsWith('.yaml')).sort().map((name) => `${directory}/${name}`);
}

function letterIndex(letter: string): number {
  return letter.charCodeAt(0) - 'a'.charCodeAt(0) + 1;
}

/**
 * Checks that, at every level, the clause references of one section (the general requirements or
 * one extension) number categories, control points and letters consecutively in file order: the
 * way the standard numbers them. Catches a wrong level, a skipped or duplicated letter, a control
 * point filed under the wrong number, and items out of order.
 */
function checkNumbering(placed: readonly Placed[], sectionNumber: number, levels: readonly CatalogLevel[], problems: Problem[]): void {
  for (const level of levels) {
    const chapter = level + 5;
    const atLevel = placed.filter((entry) => entry.item.clauses[level] != null);
    let categoryNumber = 0;
    let currentCategory: CategoryKey | null = null;
    let controlPointNumber = 0;
    let currentControlPoint = -1;
    let letter = 0;
    for (const { item, controlPointIndex } of atLevel) {
      const clause = item.clauses[level] as string;
      const where = `${item.file}: ${item.id}.clauses.${level}`;
      const match = CLAUSE_PATTERN.exec(clause);
      if (!match) continue;
      const [, chapterText, sectionText, categoryText, controlPointText, letterText] = match as unknown as [string, string, string, string, string, string];
      if (Number(chapterText) !== chapter) problems.push({ path: where, message: `level ${level} clauses are in chapter ${chapter}; found "${clause}"` });
      if (Number(sectionText) !== sectionNumber) problems.push({ path: where, message: `expected section ${chapter}.${sectionNumber}; found "${clause}"` });
      if (item.category !== currentCategory) {
        currentCategory = item.category;
        categoryNumber += 1;
        controlPointNumber = 0;
        currentControlPoint = -1;
      }
      if (controlPointIndex !== currentControlPoint) {
        currentControlPoint = controlPointIndex;
        controlPointNumber += 1;
        letter = 0;
      }
      letter += 1;
      const expected = `${chapter}.${sectionNumber}.${categoryNumber}.${controlPointNumber} ${String.fromCharCode(96 + letter)})`;
      if (Number(categoryText) !== categoryNumber || Number(controlPointText) !== controlPointNumber || letterIndex(letterText) !== letter) {
        problems.push({ path: where, message: `numbering out of sequence at level ${level}: expected "${expected}" from the items before it; found "${clause}"` });
        // Resynchronise on what the file says so one slip is reported once.
        categoryNumber = Number(categoryText);
        controlPointNumber = Number(controlPointText);
        letter = letterIndex(letterText);
      }
    }
  }
}

function buildItem(
  raw: z.infer<typeof generalCatalogFileSchema>['controlPoints'][number]['items'][number],
  category: CategoryKey,
  extension: ExtensionKey | null,
  controlPoint: { key: string; zh: string; en: string },
  file: string,
): CatalogItem {
  const clauses: Partial<Record<CatalogLevel, string>> = {};
  for (const level of LEVELS) {
    const clause = raw.clauses[String(level) as '1' | '2' | '3' | '4'];
    if (clause != null) clauses[level] = clause;
  }
  return Object.freeze({
    id: raw.id,
    category,
    extension,
    controlPoint: Object.freeze({ key: controlPoint.key, zh: controlPoint.zh, en: controlPoint.en }),
    clauses: Object.freeze(clauses),
    levels: Object.freeze(LEVELS.filter((level) => clauses[level] != null)),
    summary: raw.summary,
    summaryZh: raw.summaryZh,
    paraphrase: raw.paraphrase.trim(),
    themes: Object.freeze([...raw.themes]),
    repositioning: Object.freeze([...raw.repositioning]),
    cloudRole: raw.cloudRole ?? null,
    needsReview: raw.needsReview,
    reviewNote: raw.reviewNote ?? null,
    file,
  });
}

function loadCatalog(contentDir: string, readYaml: ReadYaml, problems: Problem[]): CatalogItem[] {
  const items: CatalogItem[] = [];
  const general: Placed[] = [];
  const generalFiles = listYaml(contentDir, `${CATALOG_DIR}/general`);
  const byCategory = new Map<CategoryKey, { file: string; data: z.infer<typeof generalCatalogFileSchema> }>();
  for (const file of generalFiles) {
    const data = readYaml(file, generalCatalogFileSchema);
    if (!data) continue;
    if (file !== `${CATALOG_DIR}/general/${data.category}.yaml`) problems.push({ path: file, message: `category "${data.category}" belongs in ${data.category}.yaml` });
    byCategory.set(data.category, { file, data });
  }
  let controlPointIndex = 0;
  for (const category of CATEGORIES) {
    const entry = byCategory.get(category.key);
    if (!entry) {
      problems.push({ path: `${CATALOG_DIR}/general/${category.key}.yaml`, message: `missing: the general requirements of ${category.zh} are not authored` });
      continue;
    }
    for (const controlPoint of entry.data.controlPoints) {
      controlPointIndex += 1;
      for (const raw of controlPoint.items) {
        const item = buildItem(raw, category.key, null, controlPoint, entry.file);
        if (!item.id.startsWith(`${category.code}-`)) problems.push({ path: `${entry.file}: ${item.id}`, message: `general ${category.key} item ids start with ${category.code}-` });
        if (item.cloudRole != null) problems.push({ path: `${entry.file}: ${item.id}.cloudRole`, message: 'cloudRole belongs to cloud extension items only' });
        general.push({ item, controlPointIndex });
        items.push(item);
      }
    }
  }
  checkNumbering(general, 1, LEVELS, problems);

  for (const file of listYaml(contentDir, `${CATALOG_DIR}/extensions`)) {
    const data = readYaml(file, extensionCatalogFileSchema);
    if (!data) continue;
    const extension = EXTENSION_BY_KEY.get(data.extension);
    if (!extension) continue;
    if (file !== `${CATALOG_DIR}/extensions/${data.extension}.yaml`) problems.push({ path: file, message: `extension "${data.extension}" belongs in ${data.extension}.yaml` });
    const placed: Placed[] = [];
    let previousCategoryIndex = -1;
    for (const section of data.categories) {
      const category = CATEGORY_BY_KEY.get(section.category);
      if (!category) continue;
      if (category.index <= previousCategoryIndex) problems.push({ path: `${file}: ${section.category}`, message: 'categories must follow the standard order, each once' });
      previousCategoryIndex = category.index;
      for (const controlPoint of section.controlPoints) {
        controlPointIndex += 1;
        for (const raw of controlPoint.items) {
          const item = buildItem(raw, category.key, extension.key, controlPoint, file);
          const where = `${file}: ${item.id}`;
          if (!item.id.startsWith(`${extension.code}-${category.code}-`)) problems.push({ path: where, message: `ids in this section start with ${extension.code}-${category.code}-` });
          if (item.levels.some((level) => level !== 2 && level !== 3)) problems.push({ path: `${where}.clauses`, message: 'extension items are catalogued at levels 2 and 3 only' });
          if (extension.key === 'cloud' && item.cloudRole == null) problems.push({ path: `${where}.cloudRole`, message: 'cloud items say who must meet them: provider, customer or both' });
          if (extension.key !== 'cloud' && item.cloudRole != null) problems.push({ path: `${where}.cloudRole`, message: 'cloudRole belongs to cloud extension items only' });
          placed.push({ item, controlPointIndex });
          items.push(item);
        }
      }
    }
    checkNumbering(placed, extension.section, [2, 3], problems);
  }

  const seen = new Map<string, string>();
  return withoutLoneLetters(items, seen, problems);
}

/**
 * The standard letters the requirements of a control point only when there are several at that
 * level; a lone requirement is cited by its section alone ("8.1.6.1", not "8.1.6.1 a)"). Files
 * always write the letter so numbering can be checked; this drops it where the standard has none.
 */
function withoutLoneLetters(items: CatalogItem[], seen: Map<string, string>, problems: Problem[]): CatalogItem[] {
  const perSection = new Map<string, number>();
  for (const item of items) {
    for (const clause of Object.values(item.clauses)) {
      const section = clause.split(' ')[0]!;
      perSection.set(section, (perSection.get(section) ?? 0) + 1);
    }
  }
  const result = items.map((item) => {
    const clauses: Partial<Record<CatalogLevel, string>> = {};
    for (const level of item.levels) {
      const clause = item.clauses[level]!;
      const section = clause.split(' ')[0]!;
      clauses[level] = perSection.get(section) === 1 ? section : clause;
    }
    return Object.freeze({ ...item, clauses: Object.freeze(clauses) });
  });
  for (const item of result) {
    const other = seen.get(item.id);
    if (other != null) problems.push({ path: `${item.file}: ${item.id}`, message: `duplicate id (also in ${other})` });
    seen.set(item.id, item.file);
  }
  return result;
}

function loadFramework(key: SourceFrameworkKey, readYaml: ReadYaml, problems: Problem[]): SourceFramework | undefined {
  const file = `catalogs/${key}.yaml`;
  const data = readYaml(file, frameworkFileSchema);
  if (!data) return undefined;
  if (data.framework !== key) problems.push({ path: `${file}: framework`, message: `expected "${key}"` });
  const controls = new Map<string, SourceControl>();
  for (const group of data.groups) {
    for (const control of group.controls) {
      if (controls.has(control.id)) problems.push({ path: `${file}: ${control.id}`, message: 'duplicate id' });
      controls.set(control.id, Object.freeze({ id: control.id, name: control.name, group: group.key, category: group.category ?? null, evidence: control.evidence?.trim() ?? null }));
    }
  }
  return Object.freeze({ key, name: data.name, version: data.version, publisher: data.publisher, controls });
}

function loadCrosswalk(
  contentDir: string,
  key: SourceFrameworkKey,
  framework: SourceFramework | undefined,
  itemsById: ReadonlyMap<string, CatalogItem>,
  readYaml: ReadYaml,
  problems: Problem[],
): Map<string, ItemCrosswalk> {
  const mappings = new Map<string, Mapping[]>();
  const noEquivalent = new Map<string, string>();
  const directory = CROSSWALK_DIRS[key];
  for (const file of listYaml(contentDir, directory)) {
    const data = readYaml(file, crosswalkFileSchema);
    if (!data) continue;
    if (data.source !== key) problems.push({ path: `${file}: source`, message: `this folder holds ${key} rows` });
    const pairs = new Set<string>();
    data.rows.forEach((row, index) => {
      const where = `${file}: rows[${index}] (${row.target})`;
      if (!itemsById.has(row.target)) problems.push({ path: where, message: `unknown GB/T 22239 item "${row.target}"` });
      if ('noEquivalent' in row) {
        if (noEquivalent.has(row.target)) problems.push({ path: where, message: 'a second noEquivalent row for the same item' });
        noEquivalent.set(row.target, row.noEquivalent.trim());
        return;
      }
      if (framework && !framework.controls.has(row.source)) problems.push({ path: where, message: `unknown ${key} control "${row.source}"` });
      const pair = `${row.target}|${row.source}`;
      if (pairs.has(pair)) problems.push({ path: where, message: `duplicate row for ${row.source}` });
      pairs.add(pair);
      if (row.relationship === 'not_related') return;
      const list = mappings.get(row.target) ?? [];
      const evidence = row.evidence?.trim() ?? framework?.controls.get(row.source)?.evidence ?? null;
      if (evidence == null && framework?.controls.has(row.source)) problems.push({ path: where, message: `no reusable evidence: give the row an evidence line, or ${row.source} its evidence in catalogs/${key}.yaml` });
      list.push(Object.freeze({ source: row.source, relationship: row.relationship, strength: row.strength, rationale: row.rationale.trim(), evidence: evidence ?? '' }));
      mappings.set(row.target, list);
    });
  }
  const crosswalk = new Map<string, ItemCrosswalk>();
  for (const item of itemsById.values()) {
    const rows = mappings.get(item.id) ?? [];
    const reason = noEquivalent.get(item.id) ?? null;
    if (rows.length === 0 && reason == null) problems.push({ path: `${directory}: ${item.id}`, message: `no ${key} row: map the item or say why it has no equivalent` });
    if (rows.length > 0 && reason != null) problems.push({ path: `${directory}: ${item.id}`, message: 'has both mappings and a noEquivalent row' });
    crosswalk.set(item.id, Object.freeze({ mappings: Object.freeze(rows), noEquivalent: reason }));
  }
  return crosswalk;
}

/** Loads the catalogue, the source frameworks, the crosswalks and the themes. */
export function loadControls(contentDir: string, readYaml: ReadYaml, problems: Problem[]): ControlsLibrary {
  const items = loadCatalog(contentDir, readYaml, problems);
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const frameworks = new Map<SourceFrameworkKey, SourceFramework>();
  const crosswalks = new Map<SourceFrameworkKey, ReadonlyMap<string, ItemCrosswalk>>();
  for (const key of SOURCE_FRAMEWORKS) {
    const framework = loadFramework(key, readYaml, problems);
    if (framework) frameworks.set(key, framework);
    crosswalks.set(key, loadCrosswalk(contentDir, key, framework, itemsById, readYaml, problems));
  }
  const themes = new Map<Theme, ThemeDefinition>();
  for (const theme of readYaml(`${CATALOG_DIR}/themes.yaml`, themeFileSchema) ?? []) themes.set(theme.theme, Object.freeze(theme));
  for (const item of items) {
    for (const theme of item.themes) {
      if (!themes.has(theme)) problems.push({ path: `${item.file}: ${item.id}.themes`, message: `theme "${theme}" is not defined in themes.yaml` });
    }
    for (const repositioning of item.repositioning) {
      const theme = REPOSITIONINGS[repositioning].theme;
      if (!item.themes.includes(theme)) problems.push({ path: `${item.file}: ${item.id}.repositioning`, message: `${repositioning} settles the theme ${theme}, which the item does not have` });
    }
  }
  const carryOverRange = readYaml(`${CATALOG_DIR}/carry-over-range.yaml`, carryOverRangeFileSchema) ?? null;
  const itemEffort = readYaml(`${CATALOG_DIR}/effort.yaml`, itemEffortFileSchema) ?? {
    note: 'missing',
    reposition: { technical: { min: 0, max: 1 }, management: { min: 0, max: 1 } },
    add: { technical: { min: 0, max: 1 }, management: { min: 0, max: 1 } },
  };
  return Object.freeze({ items: Object.freeze(items), itemsById, frameworks, crosswalks, themes, itemEffort, carryOverRange });
}
