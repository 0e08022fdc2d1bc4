import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

describe('dependency direction', () => {
  it('the lint rule rejects I/O, outer layers, the clock and randomness in src/core', async () => {
    const eslint = new ESLint();
    const [result] = await eslint.lintText(
      "import { readFileSync } from 'node:fs';\nimport { lawBook } from '../content/load-content.ts';\nexport const leak = () => [readFileSync, lawBook, new Date(), Date.now(), Math.random(), process.env];\n",
      { filePath: 'src/core/example.ts' },
    );
    const rules = result!.messages.map((message) => message.ruleId);
    expect(rules.filter((rule) => rule === 'no-restricted-imports')).toHaveLength(2);
    expect(rules.filter((rule) => rule === 'no-restricted-syntax')).toHaveLength(3);
    expect(rules).toContain('no-restricted-globals');
  });

  it('allows zod and relative imports in src/core', async () => {
    const eslint = new ESLint();
    const [result] = await eslint.lintText("import { z } from 'zod';\nimport { cite } from './law/law-book.ts';\nexport const ok = [z, cite];\n", { filePath: 'src/core/example.ts' });
    expect(result!.messages).toEqual([]);
  });
});
