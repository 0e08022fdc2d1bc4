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
import { cite, readParameterIfInForce } from '../law/law-book.ts';
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

export function assessIncident(book: LawBook, facts: IncidentFacts): IncidentAssessment {
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
  const reviewReasons: string[] = [];
  const read = <T extends number | string | null>(id: ParameterId) => {
    const reading = readParameterIfInForce<T>(book, id, asOf);
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
      raise(level, `Personal information of ${facts.piLeakedIndividuals.toLocaleString('en-US')} citizens leaked: ${threshold.value.toLocaleString('en-US')} or more (${threshold.wording ?? threshold.id}).`);
      break;
    }
  }
  const overall = read<number>('incident.grade.especiallyMajor.ciiOutageHoursAtLeast');
  if (overall && facts.ciiOverallOutageHours != null && facts.ciiOverallOutageHours >= overall.value) raise('especially_major', `A CII's overall operation interrupted for ${facts.ciiOverallOutageHours} hours: ${overall.value} or more.`);
  const main = read<number>('incident.grade.especiallyMajor.ciiMainFunctionOutageHoursAtLeast');
  if (main && facts.ciiMainFunctionOutageHours != null && facts.ciiMainFunctionOutageHours >= main.value) raise('especially_major', `A CII's main functions interrupted for ${facts.ciiMainFunctionOutageHours} hours: ${main.value} or more.`);
  const loss = read<number>('incident.grade.especiallyMajor.directLossRmbAtLeast');
  if (loss && facts.directLossRmb != null && facts.directLossRmb >= loss.value) raise('especially_major', `Direct economic loss of RMB ${facts.directLossRmb.toLocaleString('en-US')}: ${loss.value.toLocaleString('en-US')} or more.`);
  if (gradeReasons.length === 0) gradeReasons.push('None of the criteria evaluated is met; the incident is graded general on these facts.');
  const notEvaluated = [
    'Interruption of networks or systems other than CII, and CII interruptions below the especially-major limits (the major and relatively major limbs are not in the content).',
    'Population or area affected, and the spread of illegal or harmful content.',
    'Direct economic loss below RMB 100 million (the major and relatively major limbs are not in the content).',
  ];

  const minimum = read<string>('incident.reportableGradeAtLeast');
  const duties: ReportDuty[] = [];
  if (!minimum) {
    reviewReasons.push(`Discovered on ${asOf}, before the Incident Reporting Measures took effect (2025-11-01): the Cybersecurity Law requires reporting "according to regulations" with no general time limit; check sector rules.`);
    const citation = cite(book, asOf, { provision: 'csl.incident-response-plans' });
    duties.push({ id: 'initial_report', to: 'the competent authorities, according to regulations', recipient: 'competent_authorities', within: {}, dueBy: null, dueAt: null, detail: 'Start the incident plan, take remedial measures and report as the regulations for the sector require.', citation, needsLegalReview: true });
    return { discoveredAt: beijingTime(discovered), grade, gradeReasons, notEvaluated, reportable: true, duties, needsLegalReview: true, legalReviewReasons: reviewReasons };
  }
  const reportable = RANK[grade] >= RANK[minimum.value as IncidentGrade];
  if (reportable) {
    const [to, hoursId]: [string, ParameterId] =
      facts.operatorType === 'cii_operator' ? ['the CII protection work department and the public security organ', 'incident.ciiOperatorReportHours']
      : facts.operatorType === 'central_state_organ' ? ['its own department\'s cyberspace-affairs unit', 'incident.centralStateOrganReportHours']
      : ['the provincial CAC where it is located', 'incident.operatorReportHours'];
    const hours = read<number | null>(hoursId)!;
    const initialDue = hours.value == null ? null : discovered + hours.value * 3_600_000;
    duties.push({
      id: 'initial_report', to, recipient: facts.operatorType, within: { hours: hours.value ?? undefined }, dueBy: initialDue == null ? null : beijingTime(initialDue), dueAt: isoOrNull(initialDue),
      detail: `Report the ${grade.replaceAll('_', ' ')} incident at once, within ${hours.value} hour${hours.value === 1 ? '' : 's'} of discovery at the latest: the unit and system affected, when it was found, its type and grade, the impact so far and the measures taken. If the cause, impact or trend cannot be established in time, send the first items and complete the rest promptly.`,
      citation: hours.citation, needsLegalReview: hours.needsLegalReview,
    });
    if (RANK[grade] >= RANK.major) {
      const escalation = read<number>('incident.provincialEscalationHours');
      if (escalation) duties.push({ id: 'escalation', to: 'the national CAC (by the provincial CAC)', recipient: 'national_cac', within: { hours: escalation.value }, dueBy: null, dueAt: null, detail: `A ${grade.replaceAll('_', ' ')} incident is passed on by the provincial CAC within ${escalation.value} hour of its report: expect follow-up questions from the national level.`, citation: escalation.citation, needsLegalReview: false });
    }
    const summary = read<number>('incident.finalReportDays')!;
    const summaryDue = handlingEnded == null ? null : handlingEnded + summary.value * 86_400_000;
    duties.push({ id: 'summary_report', to: `${to}, through the same channel`, recipient: facts.operatorType, within: { days: summary.value }, dueBy: summaryDue == null ? null : beijingTime(summaryDue), dueAt: isoOrNull(summaryDue), detail: `Within ${summary.value} days after handling ends: cause, response, harm, accountability, remediation and lessons learned.${handlingEnded == null ? ' The date follows from when handling ends.' : ''}`, citation: summary.citation, needsLegalReview: false });
  }
  if (facts.piLeakedIndividuals > 0) {
    duties.push({ id: 'notify_affected', to: 'the individuals whose personal information is affected', recipient: 'affected_individuals', within: {}, dueBy: null, dueAt: null, detail: 'Take remedial measures at once and notify the individuals (what happened, which information, the harm it may cause, what was done and what they can do), unless the measures taken avoid the harm.', citation: cite(book, asOf, { instrument: 'cn.pipl', article: '57' }), needsLegalReview: false });
  }
  return { discoveredAt: beijingTime(discovered), grade, gradeReasons, notEvaluated, reportable, duties, needsLegalReview: reviewReasons.length > 0, legalReviewReasons: reviewReasons };
}
