// The message catalogues: the same ids in every locale, the same placeholders in each message, and
// every message valid ICU MessageFormat.
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, catalogue, translator } from '../src/i18n/messages.ts';
import { placeholders } from './icu-placeholders.ts';


describe('message catalogues', () => {
  const [english, ...others] = LOCALES.map((locale) => ({ locale, messages: catalogue(locale) }));

  it('hold the same message ids in every locale', () => {
    for (const other of others) {
      expect(Object.keys(other.messages).filter((id) => !(id in english!.messages)), `only in ${other.locale}`).toEqual([]);
      expect(Object.keys(english!.messages).filter((id) => !(id in other.messages)), `missing from ${other.locale}`).toEqual([]);
    }
  });

  it('use the same placeholders in every locale, and parse as ICU MessageFormat', () => {
    for (const [id, text] of Object.entries(english!.messages)) {
      const expected = [...placeholders(parse(text, { ignoreTag: true }))].sort();
      for (const other of others) expect([...placeholders(parse(other.messages[id]!, { ignoreTag: true }))].sort(), `${other.locale}: ${id}`).toEqual(expected);
    }
  });

  it('format numbers and choices by locale', () => {
    const values = { audience: 'consumers', registered: 1_234_567, active: 90_000 };
    expect(translator('en')('filing.mlpsGrading.field.usersValue', values)).toBe('The public (consumers); 1,234,567 registered and 90,000 monthly active users');
    expect(translator('zh-CN')('filing.mlpsGrading.field.usersValue', values)).toBe('社会公众（个人用户）；注册用户 1,234,567 个，月活跃用户 90,000 个');
    expect(() => translator('en')('no.such.message')).toThrow(/no message/);
  });
});

describe('the catalogue cache', () => {
  it('is used while the files are untouched and read again when one changes; a corrupt cache is ignored', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, readFileSync, utimesSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { readCatalogue } = await import('../src/i18n/messages.ts');
    const dir = `${mkdtempSync(join(tmpdir(), 'landfall-messages-'))}/`;
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'en.yaml'), 'greeting: "Hello {name}"\n');
    writeFileSync(join(dir, 'en', 'area.yaml'), 'farewell: Goodbye\n');
    const cache = join(dir, 'cache', 'en.json');
    expect(readCatalogue(dir, 'en', cache)).toEqual({ greeting: 'Hello {name}', farewell: 'Goodbye' });
    expect(JSON.parse(readFileSync(cache, 'utf8')).messages.farewell).toBe('Goodbye');
    // The cache answers while nothing changed (a planted value shows it was read).
    const kept = JSON.parse(readFileSync(cache, 'utf8'));
    writeFileSync(cache, JSON.stringify({ ...kept, messages: { ...kept.messages, farewell: 'from the cache' } }));
    expect(readCatalogue(dir, 'en', cache).farewell).toBe('from the cache');
    // An edited file is read again, whatever the cache holds.
    writeFileSync(join(dir, 'en', 'area.yaml'), 'farewell: See you\n');
    utimesSync(join(dir, 'en', 'area.yaml'), new Date(), new Date(Date.now() + 5000));
    expect(readCatalogue(dir, 'en', cache).farewell).toBe('See you');
    writeFileSync(cache, '{ not json');
    expect(readCatalogue(dir, 'en', cache).farewell).toBe('See you');
    // A duplicate id is still refused when the files are read.
    writeFileSync(join(dir, 'en', 'other.yaml'), 'farewell: Twice\n');
    expect(() => readCatalogue(dir, 'en', cache)).toThrow(/defined twice/);
  });
});
