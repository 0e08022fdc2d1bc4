import { readFileSync, readdirSync } from 'node:fs';
import { engineText } from '../src/i18n/messages.ts';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CONTENT_DIR } from '../src/content/load-content.ts';
import { loadControls } from '../src/content/load-controls.ts';
import { catalogStats } from '../src/core/controls/catalog-stats.ts';
import { CATEGORIES, LEVELS } from '../src/core/controls/controls-schema.ts';
import { exampleCarryOver, referenceCoverage } from '../src/core/controls/reference-coverage.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import type { Problem } from '../src/core/profile/normalise-profile.ts';
import { DERIVED_END, DERIVED_START, renderCatalogStats } from '../src/render/render-catalog-stats.ts';
import { book } from './helpers.ts';

/** Loads content/ with one file's data changed, and returns the loader's problems. */
function problemsWith(file: string, change: (data: Record<string, unknown>) => void): Problem[] {
  const problems: Problem[] = [];
  const readYaml = <T,>(relative: string, schema: z.ZodType<T>): T | undefined => {
    const data = parse(readFileSync(join(CONTENT_DIR, relative), 'utf8')) as Record<string, unknown>;
    if (relative === file) change(data);
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      problems.push({ path: relative, message: parsed.error.message });
      return undefined;
    }
    return parsed.data;
  };
  loadControls(CONTENT_DIR, readYaml, problems);
  return problems;
}

type Loose = { controlPoints: Array<{ items: Array<Record<string, unknown> & { clauses: Record<string, string> }> }> };

describe('GB/T 22239-2019 catalogue', () => {
  const library = book.controls;

  it('loads every category with items at every level, and clauses that match the level', () => {
    expect(problemsWith('', () => undefined)).toEqual([]);
    for (const category of CATEGORIES) {
      const items = library.items.filter((item) => item.category === category.key && item.extension == null);
      expect(items.length, category.key).toBeGreaterThan(0);
      for (const level of [2, 3, 4] as const) expect(items.some((item) => item.clauses[level] != null), `${category.key} L${level}`).toBe(true);
    }
    for (const item of library.items) {
      for (const level of item.levels) expect(item.clauses[level]!.startsWith(`${level + 5}.`), item.id).toBe(true);
    }
    // The security management centre starts at level 2.
    expect(library.items.some((item) => item.category === 'management_centre' && item.clauses[1] != null)).toBe(false);
  });

  it('cites a lone requirement by its section and several by their letters', () => {
    const policy = library.items.filter((item) => item.category === 'management_policies' && item.controlPoint.key === library.items.find((entry) => entry.category === 'management_policies')!.controlPoint.key);
    const atLevel3 = policy.filter((item) => item.clauses[3] != null);
    expect(atLevel3).toHaveLength(1);
    expect(atLevel3[0]!.clauses[3]).toMatch(/^8\.1\.6\.1$/);
    expect(library.itemsById.get('CE-IA-01')!.clauses[3]).toBe('8.1.4.1 a)');
  });

  it('rejects a clause out of sequence, an unknown crosswalk control and a missing crosswalk row', () => {
    const skipped = problemsWith('catalogs/gbt22239-2019/general/computing_environment.yaml', (data) => {
      (data as unknown as Loose).controlPoints[0]!.items[1]!.clauses['3'] = '8.1.4.1 c)';
    });
    expect(skipped.some((problem) => problem.message.includes('numbering out of sequence at level 3') && problem.message.includes('expected "8.1.4.1 b)"'))).toBe(true);
    const wrongChapter = problemsWith('catalogs/gbt22239-2019/general/computing_environment.yaml', (data) => {
      (data as unknown as Loose).controlPoints[0]!.items[0]!.clauses['2'] = '8.1.4.1 a)';
    });
    expect(wrongChapter.some((problem) => problem.message.includes('level 2 clauses are in chapter 7'))).toBe(true);
    const unknownSource = problemsWith('crosswalks/iso27001-2022--gbt22239-2019/computing_environment.yaml', (data) => {
      (data as { rows: Array<Record<string, unknown>> }).rows.find((row) => 'source' in row)!.source = 'A.9.99';
    });
    expect(unknownSource.some((problem) => problem.message.includes('unknown iso27001-2022 control "A.9.99"'))).toBe(true);
    const missing = problemsWith('crosswalks/soc2-2017--gbt22239-2019/computing_environment.yaml', (data) => {
      const rows = (data as { rows: Array<{ target: string }> }).rows;
      (data as { rows: unknown[] }).rows = rows.filter((row) => row.target !== 'CE-IA-01');
    });
    expect(missing).toContainEqual({ path: 'crosswalks/soc2-2017--gbt22239-2019: CE-IA-01', message: 'no soc2-2017 row: map the item or say why it has no equivalent' });
    const noRole = problemsWith('catalogs/gbt22239-2019/extensions/cloud.yaml', (data) => {
      delete (data as { categories: Loose[] }).categories[0]!.controlPoints[0]!.items[0]!.cloudRole;
    });
    expect(noRole.some((problem) => problem.message.includes('cloud items say who must meet them'))).toBe(true);
  });

  it('maps every item in both crosswalks, or says why not', () => {
    for (const framework of ['iso27001-2022', 'soc2-2017'] as const) {
      const crosswalk = library.crosswalks.get(framework)!;
      for (const item of library.items) {
        const entry = crosswalk.get(item.id)!;
        expect(entry.mappings.length > 0 !== (entry.noEquivalent != null), `${framework} ${item.id}`).toBe(true);
      }
    }
    expect(library.frameworks.get('iso27001-2022')!.controls.size).toBe(93);
    expect(library.frameworks.get('soc2-2017')!.controls.size).toBe(61);
  });

  it('tags the jurisdiction-anchored requirements practitioners meet', () => {
    const tagged = (theme: string) => library.items.filter((item) => item.themes.includes(theme as never)).map((item) => item.id);
    expect(tagged('source_code_review')).toContain('CM-OD-03');
    expect(tagged('licensed_assessment_filing')).toEqual(expect.arrayContaining(['CM-GF-01', 'CM-LA-01']));
    expect(tagged('log_localisation_retention')).toEqual(expect.arrayContaining(['CE-AU-04', 'AB-SA-03']));
    expect(tagged('state_cryptography').length).toBeGreaterThan(5);
    expect(tagged('trusted_verification').length).toBeGreaterThanOrEqual(LEVELS.length);
    expect(tagged('personnel_background_review')).toEqual(expect.arrayContaining(['HR-RC-02']));
  });

  it('publishes in docs/CONTROLS.md exactly the figures the data gives (npm run docs:controls)', () => {
    const document = readFileSync(join(import.meta.dirname, '..', 'docs', 'CONTROLS.md'), 'utf8');
    const block = document.slice(document.indexOf(DERIVED_START) + DERIVED_START.length, document.indexOf(DERIVED_END)).trim();
    const examplesDir = join(import.meta.dirname, '..', 'examples');
    const examples = readdirSync(examplesDir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => {
        const parsed = parseProfileText(readFileSync(join(examplesDir, name), 'utf8'), name);
        if (!parsed.ok) throw new Error(`${name} does not parse`);
        return { name, profile: parsed.value };
      });
    expect(examples.length).toBeGreaterThan(0);
    expect(block).toBe(renderCatalogStats(catalogStats(library), referenceCoverage(library, engineText()), exampleCarryOver(library, examples, engineText())).trim());
  });
});
