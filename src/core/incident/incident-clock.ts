// The incident clock: grade a cybersecurity incident under the National Cybersecurity Incident
// Reporting Measures (in force 2025-11-01) from the facts known so far, say whether it must be
// reported, to whom and by when (in Beijing time, counted from the moment of discovery), and what
// follows: the summary report after handling, notice to the people affected. Only the grading
// criteria the content holds verbatim are evaluated (PI leaked, CII interruption, direct loss);
// the guide's other limbs (population affected, content spread, other outages and losses) are
// named so a person checks them. Pure: times are passed in, never read from the clock.
import type { CitationOut } from '../assess/assessment-schema.ts';
import { LandfallError } from '../errors.ts';
import type { Problem } from '../profile/normalise-profile.ts';
import type { LawBook } from '../law/content-schema.ts';
import { citeOn, lawDay, readParameterIfInForceOn } from '../law/law-book.ts';
import { formatCount, type Say } from '../assess/explanation.ts';
import type { ParameterId } from '../law/content-ids.ts';

export const INCIDENT_GRADES = ['general', 'relatively_major', 'major', 'especially_major'] as const;
export type IncidentGrade = (typeof INCIDENT_GRADES)[number];
export const OPERATOR_TYPES = ['cii_operator', 'central_state_organ', 'other'] as const;
export type OperatorType = (typeof OPERATOR_TYPES)[number];

export interface IncidentFacts {
  /** When the operator discovered or learned of the incident: ISO date-time; without an offset it is Beijing time. */
  discoveredAt: string;
  operatorType: OperatorType;
  /** Citizens whose personal information leaked (or may have). */
  piLeakedIndividuals: number;
  ciiOverallOutageHours?: number | undefined;
  ciiMainFunctionOutageHours?: number | undefined;
  directLossRmb?: number | undefined;
  /** When handling ended, if it has: the summary report is due within 30 days of it. */
  handlingEndedAt?: string | undefined;
}

/** Who is told, as an id a renderer names in the report's language. */
export type RecipientId = OperatorType | 'national_cac' | 'affected_individuals' | 'competent_authorities';

export interface ReportDuty {
  id: 'initial_report' | 'summary_report' | 'notify_affected' | 'escalation';
  to: string;
  recipient: RecipientId;
  /** The time limit the duty's parameter sets, for a renderer to state: hours or days. */
  within: { hours?: number | undefined; days?: number | undefined };
  /** Beijing time, `YYYY-MM-DD HH:mm`; null when no time limit applies or the start is not known yet. */
  dueBy: string | null;
  /** The same deadline as an instant (ISO, UTC, to the second), for a countdown; null with dueBy. */
  dueAt: string | null;
  detail: string;
  citation: CitationOut;
  needsLegalReview: boolean;
}

export interface IncidentAssessment {
  discoveredAt: string;
  grade: IncidentGrade;
  gradeReasons: string[];
  /** Criteria of the grading guide the facts were not checked against. */
  notEvaluated: string[];
  reportable: boolean;
  duties: ReportDuty[];
  needsLegalReview: boolean;
  legalReviewReasons: string[];
}

/** Facts the clock cannot work with: 400 invalid_facts, every problem with its path. */
export const invalidFacts = (problems: Problem[]): LandfallError =>
  new LandfallError('invalid_facts', 'The incident cannot be recorded as given; every problem is listed with its path.', { problems });

const BEIJING_OFFSET_MS = 8 * 3_600_000; // UTC+8, no daylight saving since 1991
const RANK: Record<IncidentGrade, number> = { general: 0, relatively_major: 1, major: 2, especially_major: 3 };

/** An instant from an ISO date-time; one without an offset is read as Beijing time. */
export function parseInstant(text: string, path: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(text)) throw invalidFacts([{ path, message: `expected a date and time such as 2026-12-01T09:30 (Beijing time) or 2026-12-01T01:30Z; received "${text}"` }]);
  const instant = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}+08:00`);
  if (Number.isNaN(instant)) throw invalidFacts([{ path, message: `not a real date and time: "${text}"` }]);
  return instant;
}

/** An instant as ISO text in UTC, or null. */
const isoOrNull = (instant: number | null): string | null => (instant == null ? null : new Date(instant).toISOString());

/** Beijing time as `YYYY-MM-DD HH:mm`. */
export function beijingTime(instant: number): string {
  return new Date(instant + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Grades the incident and lists its duties, written in the language of `say` (the law's notes and titles too). */
export function assessIncident(book: LawBook, facts: IncidentFacts, say: Say): IncidentAssessment {
  const discovered = parseInstant(facts.discoveredAt, 'discoveredAt');
  const handlingEnded = facts.handlingEndedAt != null ? parseInstant(facts.handlingEndedAt, 'handlingEndedAt') : null;
  const problems = [
    ...(Number.isInteger(facts.piLeakedIndividuals) && facts.piLeakedIndividuals >= 0 ? [] : [{ path: 'piLeakedIndividuals', message: 'expected a whole number of zero or more' }]),
    ...(['ciiOverallOutageHours', 'ciiMainFunctionOutageHours', 'directLossRmb'] as const).filter((key) => facts[key] != null && !(facts[key]! >= 0)).map((key) => ({ path: key, message: 'expected zero or more' })),
    ...(handlingEnded != null && handlingEnded < discovered ? [{ path: 'handlingEndedAt', message: 'handling cannot end before the incident was discovered' }] : []),
  ];
  if (problems.length > 0) throw invalidFacts(problems);
  // The law in force on the day of discovery (Beijing date).
  const asOf = beijingTime(discovered).slice(0, 10);
  const day = lawDay(book, asOf, say.locale);
  const reviewReasons: string[] = [];
  const read = <T extends number | string | null>(id: ParameterId) => {
    const reading = readParameterIfInForceOn<T>(day, id);
    if (reading?.needsLegalReview && reading.note) reviewReasons.push(reading.note);
    return reading;
  };

  let grade: IncidentGrade = 'general';
  const gradeReasons: string[] = [];
  const raise = (to: IncidentGrade, reason: string) => {
    if (RANK[to] > RANK[grade]) grade = to;
    gradeReasons.push(reason);
  };
  const leaks: Array<[IncidentGrade, ParameterId]> = [['especially_major', 'incident.grade.especiallyMajor.piLeakedAtLeast'], ['major', 'incident.grade.major.piLeakedAtLeast'], ['relatively_major', 'incident.grade.relativelyMajor.piLeakedAtLeast']];
  for (const [level, id] of leaks) {
    const threshold = read<number>(id);
    if (threshold && facts.piLeakedIndividuals >= threshold.value) {
      raise(level, say('engine.incident.reason.piLeaked', { count: formatCount(facts.piLeakedIndividuals), threshold: formatCount(threshold.value), wording: threshold.wording ?? threshold.id }));
      break;
    }
  }
  const overall = read<number>('incident.grade.especiallyMajor.ciiOutageHoursAtLeast');
  if (overall && facts.ciiOverallOutageHours != null && facts.ciiOverallOutageHours >= overall.value) raise('especially_major', say('engine.incident.reason.ciiOutage', { hours: facts.ciiOverallOutageHours, limit: overall.value }));
  const main = read<number>('incident.grade.especiallyMajor.ciiMainFunctionOutageHoursAtLeast');
  if (main && facts.ciiMainFunctionOutageHours != null && facts.ciiMainFunctionOutageHours >= main.value) raise('especially_major', say('engine.incident.reason.ciiMainOutage', { hours: facts.ciiMainFunctionOutageHours, limit: main.value }));
  const loss = read<number>('incident.grade.especiallyMajor.directLossRmbAtLeast');
  if (loss && facts.directLossRmb != null && facts.directLossRmb >= loss.value) raise('especially_major', say('engine.incident.reason.loss', { loss: formatCount(facts.directLossRmb), limit: formatCount(loss.value) }));
  if (gradeReasons.length === 0) gradeReasons.push(say('engine.incident.reason.none'));
  const notEvaluated = [say('engine.incident.notEvaluated.otherOutage'), say('engine.incident.notEvaluated.population'), say('engine.incident.notEvaluated.lossBelow')];

  const minimum = read<string>('incident.reportableGradeAtLeast');
  const duties: ReportDuty[] = [];
  if (!minimum) {
    reviewReasons.push(say('engine.incident.review.beforeMeasures', { asOf }));
    const citation = citeOn(day, { provision: 'csl.incident-response-plans' });
    duties.push({ id: 'initial_report', to: say('engine.incident.to.competentAuthorities'), recipient: 'competent_authorities', within: {}, dueBy: null, dueAt: null, detail: say('engine.incident.detail.beforeMeasures'), citation, needsLegalReview: true });
    return { discoveredAt: beijingTime(discovered), grade, gradeReasons, notEvaluated, reportable: true, duties, needsLegalReview: true, legalReviewReasons: reviewReasons };
  }
  const reportable = RANK[grade] >= RANK[minimum.value as IncidentGrade];
  if (reportable) {
    const to = say('engine.incident.to.initial', { operatorType: facts.operatorType });
    const hoursId: ParameterId = facts.operatorType === 'cii_operator' ? 'incident.ciiOperatorReportHours' : facts.operatorType === 'central_state_organ' ? 'incident.centralStateOrganReportHours' : 'incident.operatorReportHours';
    const hours = read<number | null>(hoursId)!;
    const initialDue = hours.value == null ? null : discovered + hours.value * 3_600_000;
    duties.push({
      id: 'initial_report', to, recipient: facts.operatorType, within: { hours: hours.value ?? undefined }, dueBy: initialDue == null ? null : beijingTime(initialDue), dueAt: isoOrNull(initialDue),
      detail: say('engine.incident.detail.initial', { grade, hours: String(hours.value), one: hours.value === 1 ? 'yes' : 'no' }),
      citation: hours.citation, needsLegalReview: hours.needsLegalReview,
    });
    if (RANK[grade] >= RANK.major) {
      const escalation = read<number>('incident.provincialEscalationHours');
      if (escalation) duties.push({ id: 'escalation', to: say('engine.incident.to.escalation'), recipient: 'national_cac', within: { hours: escalation.value }, dueBy: null, dueAt: null, detail: say('engine.incident.detail.escalation', { grade, hours: escalation.value }), citation: escalation.citation, needsLegalReview: false });
    }
    const summary = read<number>('incident.finalReportDays')!;
    const summaryDue = handlingEnded == null ? null : handlingEnded + summary.value * 86_400_000;
    duties.push({ id: 'summary_report', to: say('engine.incident.to.summary', { to }), recipient: facts.operatorType, within: { days: summary.value }, dueBy: summaryDue == null ? null : beijingTime(summaryDue), dueAt: isoOrNull(summaryDue), detail: say('engine.incident.detail.summary', { days: summary.value, pending: handlingEnded == null ? 'yes' : 'no' }), citation: summary.citation, needsLegalReview: false });
  }
  if (facts.piLeakedIndividuals > 0) {
    duties.push({ id: 'notify_affected', to: say('engine.incident.to.affected'), recipient: 'affected_individuals', within: {}, dueBy: null, dueAt: null, detail: say('engine.incident.detail.affected'), citation: citeOn(day, { instrument: 'cn.pipl', article: '57' }), needsLegalReview: false });
  }
  return { discoveredAt: beijingTime(discovered), grade, gradeReasons, notEvaluated, reportable, duties, needsLegalReview: reviewReasons.length > 0, legalReviewReasons: reviewReasons };
}
