// Orderings of the engine's ids without ICU. localeCompare and Intl.Collator load the locale's
// collation data on first use, some ten milliseconds of every CLI run; for the characters the
// content schemas allow in these ids the orders below are the same (test/id-order.test.ts checks
// them against ICU on every id of the law book).

/**
 * Code-unit order. For instrument ids and ISO dates (lowercase letters, digits, '-' and '.') and
 * for theme keys (lowercase letters and '_') it is localeCompare's order: ICU puts '-' before '.',
 * punctuation before digits and digits before letters, as their code units do.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * Numeric order (A.5.2 before A.5.10): runs of digits compared by value, everything else by code
 * unit. For the control ids the catalogues allow (uppercase letters, digits and dots) it is the
 * order of `new Intl.Collator('en', { numeric: true })`.
 */
export function compareNumeric(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let endA = i;
      while (endA < a.length && isDigit(a.charCodeAt(endA))) endA += 1;
      let endB = j;
      while (endB < b.length && isDigit(b.charCodeAt(endB))) endB += 1;
      while (i < endA - 1 && a.charCodeAt(i) === 48) i += 1;
      while (j < endB - 1 && b.charCodeAt(j) === 48) j += 1;
      if (endA - i !== endB - j) return endA - i < endB - j ? -1 : 1;
      const digitsA = a.slice(i, endA);
      const digitsB = b.slice(j, endB);
      if (digitsA !== digitsB) return digitsA < digitsB ? -1 : 1;
      i = endA;
      j = endB;
      continue;
    }
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += 1;
    j += 1;
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  return compareIds(a, b);
}
