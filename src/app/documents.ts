// Documents made from a profile without the store: the gap register, the obligations calendar and
// the regulatory-change review of one profile. `landfall gaps`, `calendar` and `review` call these
// with an EngineContext; the server's engagement use cases (engagements.ts) call them with its AppContext.
import type { Assessment } from '../core/assess/assessment-schema.ts';
import { buildObligationsCalendar, type CalendarAnchors, type ObligationsCalendar } from '../core/calendar/obligations-calendar.ts';
import { gapsForProfile, type GapOptions, type ProfileGaps } from '../core/controls/profile-gaps.ts';
import type { LawBook } from '../core/law/content-schema.ts';
import { diffAssessments, type AssessmentReview } from '../core/review/diff-assessments.ts';
import { withDueDuties } from '../core/review/due-in-window.ts';
import { engineText, type Locale } from '../i18n/messages.ts';
import { assessInput } from './assess.ts';
import type { EngineContext } from './context.ts';

/** The GB/T 22239-2019 gap register of a profile (every system, or one), in a language. */
export function gapsForInput(context: EngineContext, input: unknown, asOf: string, options: GapOptions = {}, locale: Locale = 'en'): ProfileGaps {
  return gapsForProfile(context.lawBook, input, asOf, engineText(locale), options);
}

/** The obligations calendar of an assessment, in its language (the duties it takes from the assessment read in it too). */
export function calendarOf(context: EngineContext, assessment: Assessment, locale: Locale = 'en', anchors: CalendarAnchors = {}, horizonYears = 3): ObligationsCalendar {
  return buildObligationsCalendar(context.lawBook, assessment, engineText(locale), anchors, horizonYears);
}

/**
 * What changed in a profile's determinations from `from` (with the `before` law book: an earlier
 * content release, or this one) to `to` (with the context's law book), and the duties falling due
 * in between; both sides assessed in the review's language, so the changes read in it too.
 */
export function reviewInput(context: EngineContext, input: unknown, window: { from: string; to: string; before?: LawBook }, locale: Locale = 'en'): AssessmentReview {
  const say = engineText(locale);
  const after = assessInput(context, input, window.to, locale);
  const before = assessInput({ ...context, lawBook: window.before ?? context.lawBook }, input, window.from, locale);
  return withDueDuties(context.lawBook, diffAssessments(before, after, say), after, say);
}
