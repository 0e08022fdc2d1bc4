// `landfall check-content`: loads content/ through the same validating loader the engine uses, then
// checks that the content ids the code is typed against (src/core/law/content-ids.ts) match content/,
// so tsc has refused any instrument, provision or parameter the code names that content/ lacks.
import { join, relative } from 'node:path';
import { CONTENT_IDS_FILE, contentIdsCurrent } from '../content/content-ids.ts';
import { fileURLToPath } from 'node:url';
import { CONTENT_DIR, loadLawBook } from '../content/load-content.ts';
import { loadSituationTests } from '../content/situation-tests.ts';
import type { Problem } from '../core/profile/normalise-profile.ts';
import { invalidContent } from '../core/input-errors.ts';
import { catalogStats } from '../core/controls/catalog-stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function checkContent(): string {
  const book = loadLawBook();
  const problems: Problem[] = [];
  // Code names content by typed ids (src/core/law/content-ids.ts), so tsc refuses an id content/ lacks; the file must match content/.
  if (!contentIdsCurrent(book)) problems.push({ path: relative(ROOT, CONTENT_IDS_FILE), message: 'does not match content/ (an id was added, renamed or removed); run npm run content:ids, then npm run typecheck' });
  const situations = loadSituationTests(join(CONTENT_DIR, 'tests'));
  problems.push(...situations.problems);
  if (problems.length > 0) throw invalidContent(problems);
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
    `  ${book.instruments.size + book.provisions.size + book.parameters.size} content ids typed for code (src/core/law/content-ids.ts, checked by tsc)`,
  ].join('\n');
}
