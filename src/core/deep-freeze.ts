/**
 * Freezes `value` and everything reachable from it that is not frozen yet. Answers shared between
 * assessments are frozen, so a consumer that tried to change one would fail loudly instead of
 * changing every other assessment that shares it.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
