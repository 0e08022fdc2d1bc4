// `landfall check-content`: loads content/ through the same validating loader the engine uses, then
// checks that every instrument, provision and parameter the code names exists in content/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_DIR, ContentError, loadLawBook } from '../content/load-content.ts';
import { loadSituationTests } from '../content/situation-tests.ts';
import type { Problem } from '../core/profile/normalise-profile.ts';
import { catalogStats } from '../core/controls/catalog-stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const REFERENCE_PATTERNS: Array<{ kind: 'instrument' | 'provision' | 'parameter'; pattern: RegExp }> = [
  { kind: 'instrument', pattern: /instrument: '([a-z]{2}\.[a-z0-9.-]+)'/g },
  { kind: 'instrument', pattern: /(?:isInForce|getInstrument)\(book, '([a-z]{2}\.[a-z0-9.-]+)'/g },
  { kind: 'provision', pattern: /provision: '([a-z0-9.-]+)'/g },
  { kind: 'parameter', pattern: /\.(?:number|range|parameter|parameterIfInForce)(?:<[^>]*>)?\('([a-zA-Z0-9.]+)'\)/g },
];

export function checkContent(): string {
  const book = loadLawBook();
  const problems: Problem[] = [];
  let references = 0;
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const { kind, pattern } of REFERENCE_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        references += 1;
        const id = match[1]!;
        const known = kind === 'instrument' ? book.instruments.has(id) : kind === 'provision' ? book.provisions.has(id) : book.parameters.has(id);
        if (!known) problems.push({ path: relative(ROOT, file), message: `unknown ${kind} "${id}"` });
      }
    }
  }
  const situations = loadSituationTests(join(CONTENT_DIR, 'tests'));
  problems.push(...situations.problems);
  if (problems.length > 0) throw new ContentError(problems);
  const stats = catalogStats(book.controls);
  const unconfirmed = [...book.instruments.values()].filter((instrument) => instrument.confidence === 'unconfirmed').length;
  return [
    `content ${book.contentVersion}: ok`,
    `  ${book.instruments.size} instruments (${unconfirmed} with unconfirmed metadata), ${book.parameters.size} dated parameters, ${book.provisions.size} renumbered provisions, ${book.integrations.size} integrations`,
    `  GB/T 22239-2019: ${stats.distinctItems} items (${([1, 2, 3, 4] as const).map((level) => `L${level} ${stats.generalTotal.items[level]}`).join(', ')} general; ${stats.extensions.map((entry) => `${entry.extension} ${entry.items[2]}/${entry.items[3]}`).join(', ')} at L2/L3), ${stats.needsReview} marked needsReview`,
    ...stats.crosswalks.map((entry) => `  crosswalk ${entry.framework}: ${entry.rows} rows, ${entry.mappedItems} items mapped, ${entry.noEquivalent} with no equivalent`),
    `  content horizon: ${book.horizon ?? 'none declared'} (assessments as of a later date carry a warning)`,
    `  holiday schedules (PRC working days): ${[...book.holidays.keys()].sort().join(', ') || 'none'}`,
    `  ${situations.files.reduce((sum, file) => sum + file.cases.length, 0)} situation tests in ${situations.files.length} files (content/tests)`,
    `  ${references} references from src/ resolved`,
  ].join('\n');
}
