// Counts derived from the catalogue and crosswalks: items per level and category, control points,
// crosswalk rows. The docs publish these; nothing here is typed in.
import { CATEGORIES, EXTENSIONS, LEVELS, SOURCE_FRAMEWORKS } from './controls-constants.ts';
import type { CatalogLevel, ControlsLibrary, SourceFrameworkKey } from './controls-schema.ts';

export interface CatalogStats {
  general: Array<{ category: string; zh: string; en: string; items: Record<CatalogLevel, number>; controlPoints: Record<CatalogLevel, number> }>;
  generalTotal: { items: Record<CatalogLevel, number>; controlPoints: Record<CatalogLevel, number> };
  extensions: Array<{ extension: string; zh: string; en: string; items: { 2: number; 3: number }; controlPoints: { 2: number; 3: number }; byRole?: Record<string, number> }>;
  distinctItems: number;
  needsReview: number;
  themed: Array<{ theme: string; items: number }>;
  crosswalks: Array<{ framework: SourceFrameworkKey; rows: number; mappedItems: number; noEquivalent: number; byRelationship: Record<string, number>; sourceControlsUsed: number; sourceControls: number }>;
}

const zeroLevels = (): Record<CatalogLevel, number> => ({ 1: 0, 2: 0, 3: 0, 4: 0 });

export function catalogStats(library: ControlsLibrary): CatalogStats {
  const general = CATEGORIES.map((category) => {
    const items = zeroLevels();
    const controlPoints = zeroLevels();
    for (const level of LEVELS) {
      const atLevel = library.items.filter((item) => item.extension == null && item.category === category.key && item.clauses[level] != null);
      items[level] = atLevel.length;
      controlPoints[level] = new Set(atLevel.map((item) => item.controlPoint.key)).size;
    }
    return { category: category.key, zh: category.zh, en: category.en, items, controlPoints };
  });
  const generalTotal = { items: zeroLevels(), controlPoints: zeroLevels() };
  for (const entry of general) {
    for (const level of LEVELS) {
      generalTotal.items[level] += entry.items[level];
      generalTotal.controlPoints[level] += entry.controlPoints[level];
    }
  }
  const extensions = EXTENSIONS.map((extension) => {
    const members = library.items.filter((item) => item.extension === extension.key);
    const at = (level: 2 | 3) => members.filter((item) => item.clauses[level] != null);
    const points = (level: 2 | 3) => new Set(at(level).map((item) => `${item.category}|${item.controlPoint.key}`)).size;
    const entry: CatalogStats['extensions'][number] = {
      extension: extension.key,
      zh: extension.zh,
      en: extension.en,
      items: { 2: at(2).length, 3: at(3).length },
      controlPoints: { 2: points(2), 3: points(3) },
    };
    if (extension.key === 'cloud') {
      const byRole: Record<string, number> = {};
      for (const item of members) byRole[item.cloudRole ?? 'unset'] = (byRole[item.cloudRole ?? 'unset'] ?? 0) + 1;
      entry.byRole = byRole;
    }
    return entry;
  });
  const themed = [...library.themes.keys()].map((theme) => ({ theme, items: library.items.filter((item) => item.themes.includes(theme)).length }));
  const crosswalks = SOURCE_FRAMEWORKS.map((framework) => {
    const byItem = library.crosswalks.get(framework) ?? new Map();
    const byRelationship: Record<string, number> = {};
    const used = new Set<string>();
    let rows = 0;
    let mappedItems = 0;
    let noEquivalent = 0;
    for (const entry of byItem.values()) {
      if (entry.mappings.length > 0) mappedItems += 1;
      if (entry.noEquivalent != null) noEquivalent += 1;
      for (const mapping of entry.mappings) {
        rows += 1;
        used.add(mapping.source);
        byRelationship[mapping.relationship] = (byRelationship[mapping.relationship] ?? 0) + 1;
      }
    }
    return { framework, rows, mappedItems, noEquivalent, byRelationship, sourceControlsUsed: used.size, sourceControls: library.frameworks.get(framework)?.controls.size ?? 0 };
  });
  return {
    general,
    generalTotal,
    extensions,
    distinctItems: library.items.length,
    needsReview: library.items.filter((item) => item.needsReview).length,
    themed,
    crosswalks,
  };
}
