// The obligations calendar as iCalendar (ical-generator; all-day events, recurring duties as RRULEs,
// stable UIDs so a subscribed calendar updates in place), as Markdown and as JSON. The entries'
// prose is the calendar's own (in the language it was built in); the documents' own words come
// from content/messages/<locale>/calendar.yaml.
import ical, { ICalEventRepeatingFreq } from 'ical-generator';
import type { ObligationsCalendar } from '../core/calendar/obligations-calendar.ts';
import { translator, type Locale } from '../i18n/messages.ts';
import { escapeMarkdown, formatCitation } from './render-assessment-markdown.ts';

const dateOnly = (date: string): Date => new Date(`${date}T00:00:00Z`);


export interface CalendarRenderOptions {
  uidDomain?: string;
  /** The language of the document's own words; the entries are in the calendar's. Default en. */
  locale?: Locale;
}

export function renderCalendarIcs(calendar: ObligationsCalendar, options: CalendarRenderOptions = {}): string {
  const domain = options.uidDomain ?? 'landfall.local';
  const locale = options.locale ?? 'en';
  const t = translator(locale);
  const feed = ical({ name: t('calendar.ics.name', { organisation: calendar.organisation }), prodId: { company: 'Landfall', product: 'obligations-calendar', language: locale === 'en' ? 'EN' : 'ZH' }, timezone: 'Asia/Shanghai' });
  // The UIDs do not change with the language, so a feed switched to Chinese updates the same events.
  const organisation = calendar.organisation.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'engagement';
  for (const entry of calendar.entries) {
    if (entry.date == null) continue;
    const lines = [
      entry.detail,
      ...(entry.anchor ? [t('calendar.ics.counted', { what: entry.anchor.what, date: entry.anchor.date, source: entry.anchor.source })] : []),
      t('calendar.ics.basis', { citation: formatCitation(entry.citation, locale) }),
      ...(entry.needsLegalReview ? [t('calendar.ics.review')] : []),
    ];
    feed.createEvent({
      id: `${entry.id}.${organisation}@${domain}`,
      start: dateOnly(entry.date),
      allDay: true,
      summary: entry.title,
      description: lines.join('\n'),
      ...(entry.repeatEveryMonths != null && entry.occurrences.length > 1 ? { repeating: { freq: ICalEventRepeatingFreq.MONTHLY, interval: entry.repeatEveryMonths, count: entry.occurrences.length } } : {}),
    });
  }
  return feed.toString();
}

export function renderCalendarMarkdown(calendar: ObligationsCalendar, locale: Locale = 'en'): string {
  const e = escapeMarkdown;
  const t = translator(locale);
  const cite = (entry: ObligationsCalendar['entries'][number]) => e(formatCitation(entry.citation, locale));
  const out = [t('calendar.md.title', { organisation: e(calendar.organisation) }), '', t('calendar.md.asOf', { asOf: calendar.asOf, to: calendar.horizon.to }), ''];
  const dated = calendar.entries.filter((entry) => entry.date != null);
  const triggers = calendar.entries.filter((entry) => entry.date == null);
  out.push(t('calendar.md.header'), '|---|---|---|---|---|');
  for (const entry of dated) {
    const repeats = entry.repeatEveryMonths != null ? t('calendar.md.repeats', { months: String(entry.repeatEveryMonths), dates: entry.occurrences.length === 0 ? '' : entry.occurrences.reduce((first, second) => t('calendar.md.list', { first, second })) }) : '–';
    const anchor = entry.anchor ? t('calendar.md.anchor', { what: e(entry.anchor.what), date: entry.anchor.date, source: entry.anchor.source }) : '–';
    out.push(`| ${entry.date} | ${t('calendar.md.duty', { title: e(entry.title), detail: e(entry.detail), review: entry.needsLegalReview ? 'yes' : 'no' })} | ${repeats} | ${anchor} | ${cite(entry)} |`);
  }
  if (triggers.length > 0) {
    out.push('', t('calendar.md.triggers'), '');
    for (const entry of triggers) out.push(t('calendar.md.trigger', { title: e(entry.title), detail: e(entry.detail), citation: cite(entry) }));
  }
  if (calendar.beyondHolidayCalendar) out.push('', t('calendar.md.beyondHolidays'));
  return `${out.join('\n')}\n`;
}
