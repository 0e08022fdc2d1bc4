/**
 * Freezes every object reachable from `value` (arrays are walked, not frozen). Answers shared
 * between assessments are frozen, so a consumer that tried to change one would fail loudly instead
 * of changing every other assessment that shares it. Arrays stay open because Node 20 reads frozen
 * (sealed, non-extensible) arrays several times slower, and slices them some thirty times slower,
 * which every reader of an assessment would pay; test/shared-answers.test.ts runs the consumers of
 * an assessment over shared answers and checks that nothing they do changes them.
 */
export function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const member of value) deepFreeze(member);
  } else if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
