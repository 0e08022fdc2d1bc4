// Incident reporting duties per system: which incidents are reported, by whom, to whom and within how
// many hours, and the follow-up and final reports. From 2025-11-01 the National Cybersecurity Incident
// Reporting Measures set the first general hour limits (CII 1 hour, central state organs 2 hours, other
// operators 4 hours, a summary within 30 days); before them the CSL required reporting "according to
// regulations" without a time. The incident clock (src/core/incident) reads the same parameters for a
// live incident; this determination says what each system's operator must be ready to do.
import { isInForce } from '../law/law-book.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { IncidentReportingDetermination, Obligation, TraceStep } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';
import { factsOf, namingSystem, sharedAnswers, standingIn, type FactsContext, type FactsOf } from './shared-answers.ts';

type ReportingDuty = IncidentReportingDetermination['duties'][number];

function duty(obligation: Obligation, to: string | null, withinHours: number | null, withinDays: number | null): ReportingDuty {
  // Written out rather than spread: the obligation's fields, then the reporting ones, in that order.
  return { id: obligation.id, title: obligation.title, detail: obligation.detail, citation: obligation.citation, needsLegalReview: obligation.needsLegalReview, to, withinHours, withinDays };
}

/**
 * What the determination reads of a system and of the firm, besides the system's registered users:
 * those appear in one step only (whether a leak of the whole user base would be reportable), so
 * the rest is shared by every system with these facts (see shared-answers.ts) and that one step is
 * written for each system.
 */
export const INCIDENT_SYSTEM_FACTS = ['id', 'partOfCii', 'hosting', 'servesMainlandUsers', 'operator', 'collectsMainlandPersonalInformation'] as const;
export const INCIDENT_ORGANISATION_FACTS = ['ciiNotified', 'mainlandCity'] as const;

type SharedFacts = FactsOf<SystemProfile, typeof INCIDENT_SYSTEM_FACTS>;

/** The shared part of a system's answer, and where in its trace the step about its users goes (null: no such step). */
interface SharedReporting {
  determination: IncidentReportingDetermination;
  usersStep: number | null;
}

/** Whether the answer names the system: its review sentence on a system part of CII at a firm not notified as an operator. */
const namesSystem = (system: Pick<SystemProfile, 'partOfCii'>, isCiio: boolean): boolean => system.partOfCii === true && !isCiio;

/** The facts of the key: all the determination reads but the id (see assessIncidentReporting). */
const INCIDENT_KEY_FACTS = INCIDENT_SYSTEM_FACTS.filter((fact) => fact !== 'id');

export function assessIncidentReporting(context: AssessContext, system: SystemProfile, isCiio: boolean): IncidentReportingDetermination {
  const key = factsOf(system, INCIDENT_KEY_FACTS, isCiio, factsOf(context.profile.organisation, INCIDENT_ORGANISATION_FACTS));
  // The id is read by one review sentence only (a system part of CII at a firm not notified as an
  // operator): then the shared answer is written for a stand-in id, and this system named in its copy.
  const named = namesSystem(system, isCiio);
  const shared = sharedAnswers(context).answer('incidentReporting', key, () => sharedReporting(context, named ? standingIn(system) : system, isCiio));
  const { determination } = shared;
  if (shared.usersStep == null && !named) return determination;
  let trace = determination.trace;
  if (shared.usersStep != null) {
    trace = trace.slice();
    trace[shared.usersStep] = usersStep(context, system.collectsMainlandPersonalInformation, system.users.registered);
  }
  return {
    operator: determination.operator,
    operatorType: determination.operatorType,
    ciiRelated: determination.ciiRelated,
    applies: determination.applies,
    reportableGradeAtLeast: determination.reportableGradeAtLeast,
    byOperatorType: determination.byOperatorType,
    duties: determination.duties,
    trace,
    citations: determination.citations,
    needsLegalReview: determination.needsLegalReview,
    legalReviewReasons: named ? namingSystem(determination.legalReviewReasons, system.id) : determination.legalReviewReasons,
  };
}

/** What the step about a system's users reads of the law day, and its sentences that name no count of users. */
interface UsersStepTexts {
  readonly step: string;
  readonly threshold: number;
  readonly thresholdText: string;
  readonly citation: TraceStep['citation'];
  /** The result where a leak of the whole user base is not reportable on the count alone. */
  readonly notWholeBase: string;
}

/**
 * Whether a leak of the system's whole user base would be reportable: the PI-leak line of the
 * grading guide (relatively major from 1,000,000 citizens) against its registered users. The
 * question, the threshold and the answer that names no count are read once per law day and
 * formatter (the day's shared state, see SharedAnswers.state); only a reportable base is written
 * per system, with its count.
 */
function usersStep(context: Pick<AssessContext, 'book' | 'asOf' | 'say'>, collectsMainlandPersonalInformation: boolean, registered: number): TraceStep {
  const { say } = context;
  const texts = sharedAnswers(context).state('incident users step', (): UsersStepTexts => {
    const explanation = new Explanation(context);
    const piThreshold = explanation.number('incident.grade.relativelyMajor.piLeakedAtLeast');
    const thresholdText = formatCount(piThreshold.value);
    return {
      step: say('engine.incidentReporting.step.reportable'),
      threshold: piThreshold.value,
      thresholdText,
      citation: piThreshold.citation,
      // The count is read only where the whole base is reportable.
      notWholeBase: say('engine.incidentReporting.result.reportable', { threshold: thresholdText, wholeBase: 'no', registered: '' }),
    };
  });
  const wholeBase = collectsMainlandPersonalInformation && registered >= texts.threshold;
  const result = wholeBase ? say('engine.incidentReporting.result.reportable', { threshold: texts.thresholdText, wholeBase: 'yes', registered: formatCount(registered) }) : texts.notWholeBase;
  // As Explanation.step writes a step: its texts, then its facts, then its citation.
  return { step: texts.step, result, facts: { registeredUsers: registered }, citation: texts.citation };
}

function sharedReporting(context: FactsContext<Profile['organisation'], typeof INCIDENT_ORGANISATION_FACTS>, system: SharedFacts, isCiio: boolean): SharedReporting {
  const { profile } = context;
  let usersStepAt: number | null = null;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const ciiRelated = system.partOfCii ?? isCiio;
  const operatorType = ciiRelated ? 'cii_operator' : 'other';
  const inFrame = system.hosting === 'mainland' || system.servesMainlandUsers;
  explanation.step(say('engine.incidentReporting.step.inFrame'), say('engine.incidentReporting.result.inFrame', { inFrame: inFrame ? 'yes' : 'no' }), {
    citation: explanation.cite({ instrument: 'cn.incident-reporting-measures-2025', article: '2' }),
    facts: { hosting: system.hosting, servesMainlandUsers: system.servesMainlandUsers },
  });
  const base = { operator: system.operator, operatorType, ciiRelated } as const;
  if (!inFrame) return { determination: { ...base, applies: false, reportableGradeAtLeast: null, byOperatorType: [], duties: [], ...explanation.result() }, usersStep: null };

  explanation.step(say('engine.incidentReporting.step.operator'), say('engine.incidentReporting.result.operator', { operator: system.operator, partOfCii: system.partOfCii == null ? 'none' : system.partOfCii ? 'yes' : 'no' }), {
    facts: { operator: system.operator, partOfCii: system.partOfCii, ciiNotified: profile.organisation.ciiNotified },
  });
  if (namesSystem(system, isCiio)) {
    explanation.review(say('engine.incidentReporting.review.partOfCiiNotNotified', { system: system.id }));
  }

  const duties: ReportingDuty[] = [];
  const grade = explanation.parameterIfInForce<string>('incident.reportableGradeAtLeast');
  const byOperatorType: IncidentReportingDetermination['byOperatorType'] = [];

  if (grade) {
    const ciiHours = explanation.number('incident.ciiOperatorReportHours');
    const otherHours = explanation.number('incident.operatorReportHours');
    const stateHours = explanation.number('incident.centralStateOrganReportHours');
    byOperatorType.push(
      { operatorType: 'cii_operator', to: say('engine.incidentReporting.to.ciiAuthorities'), withinHours: ciiHours.value, citation: ciiHours.citation },
      { operatorType: 'central_state_organ', to: say('engine.incidentReporting.to.stateOrganUnit'), withinHours: stateHours.value, citation: stateHours.citation },
      { operatorType: 'other', to: say('engine.incidentReporting.to.provincialCacLocated'), withinHours: otherHours.value, citation: otherHours.citation },
    );
    // The step about the system's users is written per system (usersStep); here it keeps its citation's place.
    const piThreshold = explanation.number('incident.grade.relativelyMajor.piLeakedAtLeast');
    usersStepAt = explanation.trace.length;
    explanation.step(say('engine.incidentReporting.step.reportable'), '', { citation: piThreshold.citation });
    const city = profile.organisation.mainlandCity;
    const initial = ciiRelated
      ? duty(explanation.obligation('initial_report', say('engine.incidentReporting.obligation.initialCii.title'), say('engine.incidentReporting.obligation.initialCii.detail', { hours: ciiHours.value }), ciiHours.citation), say('engine.incidentReporting.to.ciiAuthorities'), ciiHours.value, null)
      : duty(explanation.obligation('initial_report', say('engine.incidentReporting.obligation.initial.title', { hours: otherHours.value }), say('engine.incidentReporting.obligation.initial.detail', { hours: otherHours.value, withCity: city ? 'yes' : 'no', city: city ?? '' }), otherHours.citation), say('engine.incidentReporting.to.provincialCacLocated'), otherHours.value, null);
    duties.push(initial);
    const authorities = ciiRelated ? say('engine.incidentReporting.to.ciiAuthorities') : say('engine.incidentReporting.to.provincialCac');
    duties.push(duty(explanation.obligation('follow_up_report', say('engine.incidentReporting.obligation.followUp.title'), say('engine.incidentReporting.obligation.followUp.detail'), { instrument: 'cn.incident-reporting-measures-2025', article: '7' }), authorities, null, null));
    const summary = explanation.number('incident.finalReportDays');
    duties.push(duty(explanation.obligation('final_report', say('engine.incidentReporting.obligation.final.title', { days: summary.value }), say('engine.incidentReporting.obligation.final.detail', { days: summary.value }), summary.citation), authorities, null, summary.value));
    if (ciiRelated) {
      const escalation = explanation.number('incident.provincialEscalationHours');
      explanation.step(say('engine.incidentReporting.step.escalation'), say('engine.incidentReporting.result.escalation', { hours: escalation.value }), { citation: escalation.citation });
    }
    if (system.operator !== 'handler') {
      duties.push(duty(explanation.obligation('provider_reports_to_operator', say('engine.incidentReporting.obligation.providerReports.title'), say('engine.incidentReporting.obligation.providerReports.detail', { operator: system.operator, hours: ciiRelated ? ciiHours.value : otherHours.value }), { instrument: 'cn.incident-reporting-measures-2025', article: null }, true), null, null, null));
    }
  } else {
    const hours = explanation.parameter<number | null>('incident.operatorReportHours');
    duties.push(duty(explanation.obligation('incident_plan_and_report', say('engine.incidentReporting.obligation.planAndReport.title'), say('engine.incidentReporting.obligation.planAndReport.detail'), hours.citation, hours.needsLegalReview), say('engine.incidentReporting.to.competentDepartments'), null, null));
  }
  if (ciiRelated) {
    duties.push(duty(explanation.obligation('cii_major_incident_report', say('engine.incidentReporting.obligation.ciiMajor.title'), say('engine.incidentReporting.obligation.ciiMajor.detail'), { instrument: 'cn.cii-regulations', article: '18' }), say('engine.incidentReporting.to.ciiAuthorities'), null, null));
  }
  explanation.step(say('engine.incidentReporting.step.plan'), say('engine.incidentReporting.result.plan'), { citation: explanation.cite({ provision: 'csl.incident-response-plans' }) });

  const vulnerability = explanation.parameterIfInForce<number>('incident.vulnerabilityNationalSecurityReportHours');
  if (vulnerability) {
    duties.push(duty(explanation.obligation('vulnerability_report', say('engine.incidentReporting.obligation.vulnerability.title', { hours: vulnerability.value }), say('engine.incidentReporting.obligation.vulnerability.detail', { hours: vulnerability.value }), vulnerability.citation), say('engine.incidentReporting.to.competentDepartment'), vulnerability.value, null));
  }
  if (system.collectsMainlandPersonalInformation) {
    duties.push(duty(explanation.obligation('pi_incident_notice', say('engine.incidentReporting.obligation.piIncident.title'), say('engine.incidentReporting.obligation.piIncident.detail'), { instrument: 'cn.pipl', article: '57' }), say('engine.incidentReporting.to.piAuthorityAndIndividuals'), null, null));
    if (isInForce(context.book, 'cn.ndsmr', context.asOf)) {
      duties.push(duty(explanation.obligation('data_incident_notice', say('engine.incidentReporting.obligation.dataIncident.title'), say('engine.incidentReporting.obligation.dataIncident.detail'), { instrument: 'cn.ndsmr', article: '11' }), say('engine.incidentReporting.to.harmed'), null, null));
    }
  }
  return { determination: { ...base, applies: true, reportableGradeAtLeast: grade?.value ?? null, byOperatorType, duties, ...explanation.result() }, usersStep: usersStepAt };
}
