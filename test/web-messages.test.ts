// The workbench's catalogues (web/src/i18n/en.json and zh-CN.json): the same ids in both, the same
// placeholders (and tags) in each message, every message valid ICU MessageFormat, and every id the
// code asks for present. The check itself is tested on a planted mismatch.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { placeholders } from './icu-placeholders.ts';

const DIR = join(import.meta.dirname, '..', 'web', 'src', 'i18n');
const read = (locale: string) => JSON.parse(readFileSync(join(DIR, `${locale}.json`), 'utf8')) as Record<string, string>;

/** What differs between two catalogues: ids only in one, and messages whose placeholders differ. */
export function catalogueMismatches(english: Record<string, string>, other: Record<string, string>): string[] {
  const found: string[] = [];
  for (const id of Object.keys(english)) if (!(id in other)) found.push(`missing from the translation: ${id}`);
  for (const id of Object.keys(other)) if (!(id in english)) found.push(`only in the translation: ${id}`);
  for (const [id, text] of Object.entries(english)) {
    if (!(id in other)) continue;
    const want = [...placeholders(parse(text))].sort().join(',');
    const have = [...placeholders(parse(other[id]!))].sort().join(',');
    if (want !== have) found.push(`${id}: placeholders ${have} instead of ${want}`);
  }
  return found;
}

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('workbench message catalogues', () => {
  const english = read('en');
  const chinese = read('zh-CN');

  it('hold the same ids with the same placeholders in English and Chinese', () => {
    expect(Object.keys(english).length).toBeGreaterThan(100);
    expect(catalogueMismatches(english, chinese)).toEqual([]);
  });

  it('parse as ICU MessageFormat and carry no empty or untranslated-looking Chinese', () => {
    for (const [id, text] of Object.entries(chinese)) {
      expect(() => parse(text), id).not.toThrow();
      expect(text.trim(), id).not.toBe('');
    }
  });

  it('catch an id missing from one side and a placeholder that differs (planted)', () => {
    expect(catalogueMismatches({ a: 'A', b: 'Hello {name}', c: '<b>x</b>' }, { a: 'A', b: '你好 {nom}', c: 'x', d: 'D' })).toEqual([
      'only in the translation: d',
      'b: placeholders nom instead of name',
      'c: placeholders  instead of <b>',
    ]);
    expect(catalogueMismatches({ a: 'A', b: 'B' }, { a: 'A' })).toEqual(['missing from the translation: b']);
  });

  it('format plurals and numbers by locale', () => {
    const en = new IntlMessageFormat(english['engagements.form.exampleOption']!, 'en');
    const zh = new IntlMessageFormat(chinese['engagements.form.exampleOption']!, 'zh-CN');
    const values = { organisation: 'Acme', sectors: 'retail', systems: 1, transfers: 1200 };
    expect(en.format(values)).toBe('Acme (retail; 1 system, 1,200 transfers)');
    expect(zh.format(values)).toBe('Acme（retail；1 个系统，1,200 项数据出境）');
  });

  it('define every message id the workbench asks for by name', () => {
    const asked = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '..', 'web', 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:t|tx|translate)\(\s*'([a-zA-Z][\w-]*\.[\w.-]+)'/g)) asked.add(match[1]!);
      for (const match of text.matchAll(/lazyView\([^]*?,\s*'([a-z][\w.-]*)'\s*[,)]/g)) asked.add(match[1]!);
    }
    expect([...asked].filter((id) => !(id in english)).sort()).toEqual([]);
  });
});
