// Digests of the obligations calendar: its JSON, Markdown and iCalendar for every example at several
// dates, with and without recorded anchors, and the JSON for part of the generated portfolio. Work
// on the calendar's wording must leave the English byte-identical.
//
//   tsx bench/calendar-digest.ts --write scratch/calendar-digest.json    record from the current code
//   tsx bench/calendar-digest.ts --check scratch/calendar-digest.json    compare; exit 1 on any difference
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lawBook } from '../src/content/load-content.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { buildObligationsCalendar, type CalendarAnchors } from '../src/core/calendar/obligations-calendar.ts';
import { engineText } from '../src/i18n/messages.ts';
import { renderCalendarIcs, renderCalendarMarkdown } from '../src/render/render-calendar.ts';
import { generatePortfolio } from './portfolio.ts';

const ROOT = join(import.meta.dirname, '..');
const DATES = ['2023-06-15', '2024-06-01', '2026-01-15', '2026-11-22', '2026-12-01'];
const ANCHORS: Array<[string, CalendarAnchors]> = [
  ['plan', {}],
  ['given', { goLive: '2027-03-01', transferEffective: '2026-02-10' }],
  ['late', { goLive: '2028-09-30', transferEffective: '2027-02-10' }],
];

const { values } = parseArgs({ options: { write: { type: 'string' }, check: { type: 'string' }, portfolio: { type: 'string', default: '500' } } });
if ((values.write == null) === (values.check == null)) {
  console.error('usage: tsx bench/calendar-digest.ts --write FILE | --check FILE [--portfolio N]');
  process.exit(2);
}
const book = lawBook();
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
function outcome(run: () => unknown): string {
  try {
    const value = run();
    // DTSTAMP is the moment the iCalendar was written.
    return typeof value === 'string' ? value.replace(/\r\nDTSTAMP:[^\r\n]*/g, '') : JSON.stringify(value, (key, inner: unknown) => (key === 'contentVersion' ? '(content)' : inner));
  } catch (error) {
    return `error ${(error as Error).name}: ${(error as Error).message}`;
  }
}

const digests: Record<string, string> = {};
for (const name of readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.yaml')).sort()) {
  const parsed = parseProfileText(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} is invalid`);
  for (const asOf of DATES) {
    const assessment = assessProfile(book, parsed.value, asOf, engineText());
    const lastMlpsAssessment = Object.fromEntries(assessment.systems.map((system) => [system.id, '2025-05-20']));
    for (const [label, anchors] of [...ANCHORS, ['last-mlps', { lastMlpsAssessment }] as [string, CalendarAnchors]]) {
      for (const years of [1, 3]) {
        const key = `${name} ${asOf} ${label} ${years}y`;
        let calendar: ReturnType<typeof buildObligationsCalendar> | undefined;
        digests[`json ${key}`] = hash(outcome(() => (calendar = buildObligationsCalendar(book, assessment, engineText(), anchors, years))));
        if (calendar) {
          const built = calendar;
          digests[`md ${key}`] = hash(outcome(() => renderCalendarMarkdown(built)));
          digests[`ics ${key}`] = hash(outcome(() => renderCalendarIcs(built)));
        }
      }
    }
  }
}
const portfolio = generatePortfolio(Number(values.portfolio));
for (const asOf of ['2026-11-22']) {
  portfolio.forEach((profile, index) => {
    digests[`json portfolio[${index}] ${asOf}`] = hash(outcome(() => buildObligationsCalendar(book, assessProfile(book, profile, asOf, engineText()), engineText(), {})));
  });
}

if (values.write != null) {
  writeFileSync(values.write, `${JSON.stringify({ digests }, null, 1)}\n`);
  console.log(`wrote ${Object.keys(digests).length} digests to ${values.write}`);
} else {
  const recorded = JSON.parse(readFileSync(values.check!, 'utf8')) as { digests: Record<string, string> };
  const differing = Object.keys(recorded.digests).filter((key) => key in digests && recorded.digests[key] !== digests[key]);
  const missing = Object.keys(recorded.digests).filter((key) => !(key in digests)).length;
  for (const key of differing.slice(0, 20)) console.log(`differs: ${key}`);
  console.log(`${Object.keys(recorded.digests).length - missing} digests compared, ${differing.length} differ${missing > 0 ? `, ${missing} not recomputed` : ''}`);
  process.exit(differing.length === 0 ? 0 : 1);
}
