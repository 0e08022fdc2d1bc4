// The obligations calendar as iCalendar (ical-generator; all-day events, recurring duties as RRULEs,
// stable UIDs so a subscribed calendar updates in place), as Markdown and as JSON.
import ical, { ICalEventRepeatingFreq } from 'ical-generator';
import type { ObligationsCalendar } from '../core/calendar/obligations-calendar.ts';
import { escapeMarkdown, formatCitation } from './render-assessment-markdown.ts';

const dateOnly = (date: string): Date => new Date(`${date}T00:00:00Z`);

export function renderCalendarIcs(calendar: ObligationsCalendar, options: { uidDomain?: string } = {}): string {
  const domain = options.uidDomain ?? 'landfall.local';
  const feed = ical({ name: `China obligations: ${calendar.organisation}`, prodId: { company: 'Landfall', product: 'obligations-calendar', language: 'EN' }, timezone: 'Asia/Shanghai' });
  const organisation = calendar.organisation.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'engagement';
  for (const entry of calendar.entries) {
    if (entry.date == null) continue;
    const anchor = entry.anchor ? `\nCounted from ${entry.anchor.what}${entry.anchor.date ? ` (${entry.anchor.date}, ${entry.anchor.source})` : ''}.` : '';
    feed.createEvent({
      id: `${entry.id}.${organisation}@${domain}`,
      start: dateOnly(entry.date),
      allDay: true,
      summary: entry.title,
      description: `${entry.detail}${anchor}\nBasis: ${formatCitation(entry.citation)}${entry.needsLegalReview ? '\nNeeds legal review.' : ''}`,
      ...(entry.repeatEveryMonths != null && entry.occurrences.length > 1 ? { repeating: { freq: ICalEventRepeatingFreq.MONTHLY, interval: entry.repeatEveryMonths, count: entry.occurrences.length } } : {}),
    });
  }
  return feed.toString();
}

export function renderCalendarMarkdown(calendar: ObligationsCalendar): string {
  const e = escapeMarkdown;
  const out = [`# Obligations calendar: ${e(calendar.organisation)}`, '', `As of ${calendar.asOf}; recurring duties listed to ${calendar.horizon.to}.`, ''];
  const dated = calendar.entries.filter((entry) => entry.date != null);
  const triggers = calendar.entries.filter((entry) => entry.date == null);
  out.push('| Date | Duty | Repeats | Counted from | Basis |', '|---|---|---|---|---|');
  for (const entry of dated) {
    const repeats = entry.repeatEveryMonths != null ? `every ${entry.repeatEveryMonths} months (${entry.occurrences.join(', ')})` : '–';
    const anchor = entry.anchor ? `${e(entry.anchor.what)}${entry.anchor.date ? ` ${entry.anchor.date}` : ''} (${entry.anchor.source})` : '–';
    out.push(`| ${entry.date} | **${e(entry.title)}**: ${e(entry.detail)}${entry.needsLegalReview ? ' ⚠ legal review' : ''} | ${repeats} | ${anchor} | ${e(formatCitation(entry.citation))} |`);
  }
  if (triggers.length > 0) {
    out.push('', '## When something changes', '');
    for (const entry of triggers) out.push(`- **${e(entry.title)}**: ${e(entry.detail)} (${e(formatCitation(entry.citation))})`);
  }
  if (calendar.beyondHolidayCalendar) out.push('', 'Some deadlines in working days run into a year whose State Council holiday schedule is not in the content yet; they are counted on weekdays there and flagged.');
  return `${out.join('\n')}\n`;
}
