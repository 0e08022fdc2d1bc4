import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsedYamlCache } from '../src/content/parsed-yaml-cache.ts';

describe('parsed YAML cache', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'landfall-cache-')), 'cache.json');

  it('parses afresh what changed, reuses what did not, and hands out copies', () => {
    const first = new ParsedYamlCache(file);
    expect(first.parse('a: 1\n')).toEqual({ a: 1 });
    first.save();
    const second = new ParsedYamlCache(file);
    const reused = second.parse('a: 1\n') as { a: number };
    reused.a = 99;
    expect(second.parse('a: 1\n')).toEqual({ a: 1 });
    expect(second.parse('a: 2\n')).toEqual({ a: 2 });
    second.save();
    expect(Object.values(JSON.parse(readFileSync(file, 'utf8')) as object)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('ignores a corrupt cache and never caches invalid YAML', () => {
    writeFileSync(file, '{not json');
    const cache = new ParsedYamlCache(file);
    expect(cache.parse('b: [1, 2]\n')).toEqual({ b: [1, 2] });
    expect(() => cache.parse('b: [unclosed\n')).toThrow();
    cache.save();
    expect(Object.values(JSON.parse(readFileSync(file, 'utf8')) as object)).toEqual([{ b: [1, 2] }]);
  });
});
