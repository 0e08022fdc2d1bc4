// The engine orders its ids without ICU (src/core/id-order.ts); these orders must stay ICU's for
// every id the content holds, or an assessment's order would change.
import { describe, expect, it } from 'vitest';
import { THEMES } from '../src/core/controls/controls-constants.ts';
import { compareIds, compareNumeric } from '../src/core/id-order.ts';
import { book } from './helpers.ts';

const sign = (value: number) => Math.sign(value);

function expectSameOrder(values: readonly string[], ours: (a: string, b: string) => number, icu: (a: string, b: string) => number): void {
  for (const a of values) for (const b of values) expect(sign(ours(a, b)), `${a} against ${b}`).toBe(sign(icu(a, b)));
}

describe('id order', () => {
  it('orders instrument ids, effective dates and theme keys as localeCompare does', () => {
    const instruments = [...book.instruments.values()];
    expectSameOrder([...instruments.map((instrument) => instrument.id), 'cn.a-b', 'cn.a.b', 'cn.a1', 'cn.ab', 'cn.a'], compareIds, (a, b) => a.localeCompare(b));
    expectSameOrder([...new Set(instruments.map((instrument) => instrument.effective))], compareIds, (a, b) => a.localeCompare(b));
    expectSameOrder([...THEMES, ...book.controls.themes.keys()], compareIds, (a, b) => a.localeCompare(b));
  });

  it('orders control ids as a numeric collator does', () => {
    const collator = new Intl.Collator('en', { numeric: true });
    const controls = [...book.controls.frameworks.values()].flatMap((framework) => [...framework.controls.keys()]);
    expect(controls.length).toBeGreaterThan(100);
    expectSameOrder([...controls, 'A.5.2', 'A.5.10', 'A.10.1', 'A5.1', 'A.5.1', 'CC1.1', 'CC10.1', 'C1.1', 'P1.1', 'PI1.1', 'PI10.2'], compareNumeric, (a, b) => collator.compare(a, b));
  });
});
