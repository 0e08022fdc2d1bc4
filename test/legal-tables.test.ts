// The legal tables are content (content/tables/), not code: the MLPS grading matrix, the sector
// lists rules name (CII, ICP pre-approval, the Negative List) and the opening-pilot areas, each with
// its citation. An earlier release's content folder, from before the tables moved, still loads;
// a broken table is refused with its path.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadLawBook } from '../src/content/load-content.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import type { LawBook } from '../src/core/law/content-schema.ts';
import { engineText } from '../src/i18n/messages.ts';
import { profile, system } from './helpers.ts';

const assess = (input: unknown, asOf: string, book: LawBook = loadLawBook()) => assessProfile(book, input, asOf, engineText());

const copy = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'landfall-tables-')), 'content');
  cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
};
const problemsOf = (dir: string): string[] => {
  try {
    loadLawBook(dir);
    return [];
  } catch (error) {
    return ((error as { problems?: Array<{ path: string }> }).problems ?? []).map((problem) => problem.path);
  }
};

describe('legal tables in content/tables/', () => {
  it('are what the engine reads: a changed matrix cell changes the grade', () => {
    const dir = copy();
    const file = join(dir, 'tables', 'mlps-grading-matrix.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('citizens_and_organisations: { general: 1, serious: 2, especially_serious: 2 }', 'citizens_and_organisations: { general: 1, serious: 1, especially_serious: 2 }'));
    const edited = loadLawBook(dir);
    const firm = profile({ systems: [system({ impact: { businessInformation: { object: 'citizens_and_organisations', degree: 'serious' }, systemService: { object: 'citizens_and_organisations', degree: 'general' } } })] });
    expect(assess(firm, '2026-12-01').systems[0]!.mlps.level).toBe(2);
    expect(assess(firm, '2026-12-01', edited).systems[0]!.mlps.level).toBe(1);
  });

  it('cite their articles, and the CII step cites the table\'s article', () => {
    const book = loadLawBook();
    expect(book.tables.sectorLists.ciiSectors.citation).toEqual({ instrument: 'cn.cii-regulations', article: '2' });
    expect(book.tables.sectorLists.icpPreApprovalSectors.citation).toEqual({ instrument: 'cn.iis-measures', article: '5' });
    const finance = assess(profile({ organisation: { name: 'Bank Co', sectors: ['finance'] } }), '2026-12-01');
    expect(finance.organisation.cii.status).toBe('candidate');
    expect(finance.organisation.cii.citations.some((citation) => citation.instrument === 'cn.cii-regulations' && citation.article === '2')).toBe(true);
  });

  it('an earlier content folder without tables/ loads with this checkout\'s tables', () => {
    const dir = copy();
    rmSync(join(dir, 'tables'), { recursive: true });
    expect(loadLawBook(dir).tables).toEqual(loadLawBook().tables);
  });

  it('refuse a level out of range, an unknown sector, a bad pattern and an unknown instrument, each with its path', () => {
    const dir = copy();
    const edit = (name: string, from: string, to: string) => {
      const file = join(dir, 'tables', name);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(from);
      writeFileSync(file, text.replace(from, to));
    };
    edit('mlps-grading-matrix.yaml', 'especially_serious: 5', 'especially_serious: 6');
    edit('sector-lists.yaml', 'sectors: [healthcare, education, media, gaming]', 'sectors: [healthcare, astrology]');
    edit('opening-pilot-areas.yaml', 'pattern: "beijing"', 'pattern: "beijing("');
    edit('sector-lists.yaml', 'instrument: cn.iis-measures', 'instrument: cn.no-such-measures');
    const paths = problemsOf(dir).join('\n');
    expect(paths).toMatch(/tables\/mlps-grading-matrix\.yaml.*national_security.*especially_serious/);
    expect(paths).toMatch(/tables\/sector-lists\.yaml.*icpPreApprovalSectors.*sectors/);
    expect(paths).toMatch(/tables\/opening-pilot-areas\.yaml.*areas.*0.*pattern/);
    expect(paths).not.toBe('');
  });
});
