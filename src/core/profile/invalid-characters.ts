// Characters no text in Landfall may hold. PostgreSQL text and jsonb cannot store NUL (and jsonb
// refuses the \u0000 escape); XML 1.0 §2.2 allows neither the C0 controls other than tab, line
// feed and carriage return, nor U+FFFE/U+FFFF, nor surrogate code points; and a lone surrogate
// has no UTF-8 encoding at all. Such a character is always a mistake or an attack, never
// meaningful prose, so it is refused with its path rather than silently dropped: nothing the
// user wrote is changed behind their back.
import { formatPath, type Problem } from './normalise-profile.ts';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface InvalidCharacter {
  /** Index in the string (UTF-16 code units). */
  index: number;
  codePoint: number;
}

export function invalidCharactersIn(text: string): InvalidCharacter[] {
  return [...text.matchAll(INVALID)].map((match) => ({ index: match.index, codePoint: match[0].charCodeAt(0) }));
}

/** The text with each invalid character written as \\uXXXX, so a path that names it can be printed. */
export const visible = (text: string): string => text.replace(INVALID, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

export const hasInvalidCharacters = (text: string): boolean => invalidCharactersIn(text).length > 0;

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

function describe(codePoint: number): string {
  if (codePoint === 0) return 'NUL (U+0000)';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return `a lone surrogate (${hex(codePoint)})`;
  if (codePoint >= 0xfffe) return `the non-character ${hex(codePoint)}`;
  return `the control character ${hex(codePoint)}`;
}

/** One message for every invalid character of one string; `where` names the spot when it is not the start of the string. */
export function invalidCharacterMessage(found: InvalidCharacter[], where: (found: InvalidCharacter) => string = (first) => `character ${first.index + 1}`): string {
  const first = found[0]!;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return `contains ${describe(first.codePoint)} at ${where(first)}${more}; remove it: NUL, lone surrogates, U+FFFE/U+FFFF and control characters other than tab, line feed and carriage return cannot be stored`;
}

interface Step {
  parent: Step | null;
  key: PropertyKey;
}

const pathOf = (base: ReadonlyArray<PropertyKey>, step: Step | null): PropertyKey[] => {
  const keys: PropertyKey[] = [];
  for (let at = step; at; at = at.parent) keys.push(at.key);
  return [...base, ...keys.reverse()];
};

/**
 * Every string and object key in a JSON-like value that holds an invalid character, one problem per
 * field, with its path (`systems[0].name`). Walks with an explicit stack and builds a path only
 * for a problem, so a deeply nested body costs linear time and cannot overflow the call stack.
 */
export function findInvalidCharacters(value: unknown, basePath: ReadonlyArray<PropertyKey> = []): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<{ value: unknown; at: Step | null }> = [{ value, at: null }];
  while (stack.length > 0) {
    const { value: node, at } = stack.pop()!;
    if (typeof node === 'string') {
      const found = invalidCharactersIn(node);
      if (found.length > 0) problems.push({ path: formatPath(pathOf(basePath, at)), message: invalidCharacterMessage(found) });
    } else if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index -= 1) stack.push({ value: node[index], at: { parent: at, key: index } });
    } else if (node != null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index]!;
        const found = invalidCharactersIn(key);
        if (found.length > 0) problems.push({ path: formatPath(pathOf(basePath, { parent: at, key: visible(key) })), message: `the field name ${invalidCharacterMessage(found)}` });
        stack.push({ value: child, at: { parent: at, key: found.length > 0 ? visible(key) : key } });
      }
    }
  }
  return problems;
}
