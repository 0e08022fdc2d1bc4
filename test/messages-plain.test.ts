// engineText compiles plain messages (literal text and `{name}` arguments) without the ICU parser;
// each must say exactly what the parser's compilation says, in every catalogue.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES_DIR, catalogue, compileElements, compilePlain, readCatalogue } from '../src/i18n/messages.ts';

describe('plain messages', () => {
  for (const locale of LOCALES) {
    it(`compile as the parser does (${locale})`, () => {
      let plain = 0;
      for (const [id, text] of Object.entries(catalogue(locale))) {
        const fast = compilePlain(text);
        if (!fast) continue;
        plain += 1;
        const slow = compileElements(parse(text, { ignoreTag: true }));
        expect(slow, id).not.toBeNull();
        const names = [...text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1]!);
        const values = Object.fromEntries(names.map((name, index) => [name, `<${name} ${index}>`]));
        expect(fast(values), id).toBe(slow!(values));
        expect(fast({ ...values, [names[0] ?? 'x']: null }), id).toBe(slow!({ ...values, [names[0] ?? 'x']: null }));
        if (names.length > 0) expect(() => fast({}), id).toThrow(/needs a value/);
      }
      expect(plain).toBeGreaterThan(100);
    });
  }

  it('leave quotes, other braces and ICU arguments to the parser', () => {
    for (const text of ["it's", "'{x}'", '{n, plural, one {# day} other {# days}}', '{x, select, a {A} other {B}}', '{ x }', '{x}}', '{0}']) expect(compilePlain(text), text).toBeUndefined();
    expect(compilePlain('a {x} b {y}')!({ x: 1, y: null })).toBe('a 1 b none');
  });

  it('are cached with the parsed trees of the messages that are not plain', () => {
    const folder = mkdtempSync(join(tmpdir(), 'landfall-messages-'));
    try {
      const file = join(folder, 'messages-en.json');
      const messages = readCatalogue(MESSAGES_DIR, 'en', file);
      expect(readCatalogue(MESSAGES_DIR, 'en', file)).toEqual(messages);
      const cached = JSON.parse(readFileSync(file, 'utf8')) as { trees: Record<string, unknown> };
      const notPlain = Object.keys(messages).filter((id) => !compilePlain(messages[id]!));
      expect(Object.keys(cached.trees).sort()).toEqual(notPlain.sort());
      for (const id of notPlain) expect(cached.trees[id], id).toEqual(JSON.parse(JSON.stringify(parse(messages[id]!, { ignoreTag: true }))));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
