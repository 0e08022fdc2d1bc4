// Digests of the engine's output: every assessment (and the full gap register) of the examples at
// several dates, and every assessment of the generated portfolio. Speed work must leave them
// byte-identical.
//
//   tsx bench/assess-digest.ts --write scratch/digest.json    record from the current code
//   tsx bench/assess-digest.ts --check scratch/digest.json    compare; exit 1 on any difference
import { createHash } from 'node:crypto';
import { engineText } from '../src/i18n/messages.ts';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lawBook } from '../src/content/load-content.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { gapsForProfile } from '../src/core/controls/profile-gaps.ts';
import { generatePortfolio } from './portfolio.ts';

const ROOT = join(import.meta.dirname, '..');
const DATES = ['2023-06-15', '2024-06-01', '2026-11-22', '2026-12-01'];

const { values } = parseArgs({ options: { write: { type: 'string' }, check: { type: 'string' }, portfolio: { type: 'string', default: '10000' }, dates: { type: 'string' } } });
if ((values.write == null) === (values.check == null)) {
  console.error('usage: tsx bench/assess-digest.ts --write FILE | --check FILE [--portfolio N] [--dates 2026-11-22,...]');
  process.exit(2);
}
const book = lawBook();
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
/** The output of one call as text, or the error it threw, so a changed error is a difference too. */
function outcome(run: () => unknown): string {
  try {
    // The content fingerprint changes with any edit under content/ (a message, a note); the output is what is compared.
    return JSON.stringify(run(), (key, value: unknown) => (key === 'contentVersion' ? '(content)' : value));
  } catch (error) {
    return `error ${(error as Error).name}: ${(error as Error).message}`;
  }
}

const digests: Record<string, string> = {};
const portfolioDates = values.dates?.split(',') ?? DATES;
for (const name of readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.yaml')).sort()) {
  const parsed = parseProfileText(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} is invalid`);
  for (const asOf of DATES) {
    digests[`assess ${name} ${asOf}`] = hash(outcome(() => assessProfile(book, parsed.value, asOf, engineText())));
    digests[`gaps ${name} ${asOf}`] = hash(outcome(() => gapsForProfile(book, parsed.value, asOf, engineText())));
    digests[`assess zh-CN ${name} ${asOf}`] = hash(outcome(() => assessProfile(book, parsed.value, asOf, engineText('zh-CN'))));
  }
}
const portfolio = generatePortfolio(Number(values.portfolio));
for (const asOf of portfolioDates) {
  const all = createHash('sha256');
  portfolio.forEach((profile, index) => {
    const text = outcome(() => assessProfile(book, profile, asOf, engineText()));
    all.update(text);
    // One digest per profile on the benchmark date, so a difference names the profile.
    if (asOf === '2026-11-22') digests[`assess portfolio[${index}] ${asOf}`] = hash(text);
  });
  digests[`assess portfolio (${portfolio.length}) ${asOf}`] = all.digest('hex');
}
// The Chinese output too, on the benchmark date, one digest per profile for the first 2,000.
portfolio.slice(0, 2_000).forEach((profile, index) => {
  digests[`assess zh-CN portfolio[${index}] 2026-11-22`] = hash(outcome(() => assessProfile(book, profile, '2026-11-22', engineText('zh-CN'))));
});

if (values.write != null) {
  writeFileSync(values.write, `${JSON.stringify({ contentVersion: book.contentVersion, digests }, null, 1)}\n`);
  console.log(`wrote ${Object.keys(digests).length} digests to ${values.write}`);
} else {
  const recorded = JSON.parse(readFileSync(values.check!, 'utf8')) as { contentVersion: string; digests: Record<string, string> };
  if (recorded.contentVersion !== book.contentVersion) console.warn(`content changed since the digest was recorded (${recorded.contentVersion} → ${book.contentVersion})`);
  const differing = Object.keys(recorded.digests).filter((key) => key in digests && recorded.digests[key] !== digests[key]);
  const missing = Object.keys(recorded.digests).filter((key) => !(key in digests)).length;
  const compared = Object.keys(recorded.digests).length - missing;
  for (const key of differing.slice(0, 20)) console.log(`differs: ${key}`);
  console.log(`${compared} digests compared, ${differing.length} differ${missing > 0 ? `, ${missing} not recomputed` : ''}`);
  process.exit(differing.length === 0 ? 0 : 1);
}
