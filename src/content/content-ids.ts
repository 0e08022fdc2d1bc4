// The ids of content/ that code may name, as TypeScript types (src/core/law/content-ids.ts), so a
// reference to an instrument, provision or parameter that content/ does not hold fails `tsc`
// (the build and the typecheck) rather than at run time. The file is generated from the law book;
// `npm run content:ids` rewrites it, and `landfall check-content` and the tests refuse a stale one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LawBook } from '../core/law/content-schema.ts';

// Two levels up from src/content/ (and from dist/content/ when compiled) is the checkout's root.
export const CONTENT_IDS_FILE = fileURLToPath(new URL('../../src/core/law/content-ids.ts', import.meta.url));

function union(name: string, what: string, ids: Iterable<string>): string {
  const sorted = [...ids].sort();
  return [`/** Every ${what} id in content/. */`, `export type ${name} =`, ...sorted.map((id, index) => `  | '${id}'${index === sorted.length - 1 ? ';' : ''}`)].join('\n');
}

/** The generated module's text for a law book. */
export function contentIdsSource(book: LawBook): string {
  return [
    '// Generated from content/ by `npm run content:ids` (src/content/content-ids.ts); do not edit.',
    '// `landfall check-content` and test/content-ids.test.ts fail when it no longer matches content/.',
    '',
    union('InstrumentId', 'instrument', book.instruments.keys()),
    '',
    union('ProvisionId', 'renumbered provision', book.provisions.keys()),
    '',
    union('ParameterId', 'dated parameter', book.parameters.keys()),
    '',
  ].join('\n');
}

/** Whether the generated file matches the law book. */
export function contentIdsCurrent(book: LawBook, file = CONTENT_IDS_FILE): boolean {
  try {
    return readFileSync(file, 'utf8') === contentIdsSource(book);
  } catch {
    return false;
  }
}
