// The duties of the obligations calendar that fall due inside a review's window: a quarterly review
// lists the MLPS assessments, audits, reports and re-filings dated between its two dates, and an
// "upcoming" review (a future later date) the ones coming up.
import { buildObligationsCalendar, type CalendarEntry, type ObligationsCalendar } from '../calendar/obligations-calendar.ts';
import type { Assessment, CitationOut } from '../assess/assessment-schema.ts';
import type { Say } from '../assess/explanation.ts';
import type { LawBook } from '../law/content-schema.ts';
import type { AssessmentReview } from './diff-assessments.ts';

export interface DueDuty {
  id: string;
  title: string;
  system: string | null;
  /** Every date of the duty inside the window, earliest first. */
  dates: string[];
  /** Whether the date rests on a date the profile gave, or on the plan or an estimate. */
  estimated: boolean;
  citation: CitationOut;
  needsLegalReview: boolean;
}

const datesOf = (entry: CalendarEntry): string[] => [...new Set([...(entry.date ? [entry.date] : []), ...entry.occurrences])].sort();

/** Duties with a date from `from` to `to`, both included, ordered by their first date in the window. */
export function dueInWindow(calendar: ObligationsCalendar, from: string, to: string): DueDuty[] {
  const due: DueDuty[] = [];
  for (const entry of calendar.entries) {
    const dates = datesOf(entry).filter((date) => date >= from && date <= to);
    if (dates.length === 0) continue;
    due.push({ id: entry.id, title: entry.title, system: entry.system, dates, estimated: entry.anchor?.source !== 'given', citation: entry.citation, needsLegalReview: entry.needsLegalReview });
  }
  return due.sort((a, b) => a.dates[0]!.localeCompare(b.dates[0]!) || a.id.localeCompare(b.id));
}

/**
 * A review with the duties due in its window: the calendar of the later assessment (its plan and
 * the law of its date), filtered to the dates from the earlier side's date to the later side's;
 * written in the language of `say`, the review's.
 */
export function withDueDuties(book: LawBook, review: AssessmentReview, after: Assessment, say: Say): AssessmentReview {
  const from = review.before.asOf < review.after.asOf ? review.before.asOf : review.after.asOf;
  return { ...review, due: dueInWindow(buildObligationsCalendar(book, after, say), from, review.after.asOf) };
}
