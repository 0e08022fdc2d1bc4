// Incident reporting duties per system: which incidents are reported, by whom, to whom and within how
// many hours, and the follow-up and final reports. From 2025-11-01 the National Cybersecurity Incident
// Reporting Measures set the first general hour limits (CII 1 hour, central state organs 2 hours, other
// operators 4 hours, a summary within 30 days); before them the CSL required reporting "according to
// regulations" without a time. The incident clock (src/core/incident) reads the same parameters for a
// live incident; this determination says what each system's operator must be ready to do.
import { isInForce } from '../law/law-book.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { IncidentReportingDetermination, Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';

type ReportingDuty = IncidentReportingDetermination['duties'][number];

const OPERATOR_WORDS: Record<SystemProfile['operator'], string> = {
  handler: 'the firm itself',
  group_company: 'another company of the group',
  service_provider: 'a service provider running it for the firm',
};

function duty(obligation: Obligation, to: string | null, withinHours: number | null, withinDays: number | null): ReportingDuty {
  return { ...obligation, to, withinHours, withinDays };
}

export function assessIncidentReporting(context: AssessContext, system: SystemProfile, isCiio: boolean): IncidentReportingDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const ciiRelated = system.partOfCii ?? isCiio;
  const operatorType = ciiRelated ? 'cii_operator' : 'other';
  const inFrame = system.hosting === 'mainland' || system.servesMainlandUsers;
  explanation.step('Is the system a network in the mainland or a service provided through networks to the mainland?', inFrame ? 'Yes: its operator is a network operator under the Cybersecurity Law and the Incident Reporting Measures.' : 'No: it is hosted outside the mainland and does not serve mainland users.', {
    citation: explanation.cite({ instrument: 'cn.incident-reporting-measures-2025', article: '2' }),
    facts: { hosting: system.hosting, servesMainlandUsers: system.servesMainlandUsers },
  });
  const base = { operator: system.operator, operatorType, ciiRelated } as const;
  if (!inFrame) return { ...base, applies: false, reportableGradeAtLeast: null, byOperatorType: [], duties: [], ...explanation.result() };

  explanation.step('Who operates the system?', `${OPERATOR_WORDS[system.operator]}${system.partOfCii == null ? '' : system.partOfCii ? '; the system is part of the notified CII' : '; the system is not part of the notified CII'}.`, {
    facts: { operator: system.operator, partOfCii: system.partOfCii, ciiNotified: profile.organisation.ciiNotified },
  });
  if (system.partOfCii === true && !isCiio) {
    explanation.review(`System ${system.id} is marked as part of CII, but the organisation is not marked as notified (organisation.ciiNotified); only a notification makes a CII operator.`);
  }

  const duties: ReportingDuty[] = [];
  const grade = explanation.parameterIfInForce<string>('incident.reportableGradeAtLeast');
  const byOperatorType: IncidentReportingDetermination['byOperatorType'] = [];

  if (grade) {
    const ciiHours = explanation.number('incident.ciiOperatorReportHours');
    const otherHours = explanation.number('incident.operatorReportHours');
    const stateHours = explanation.number('incident.centralStateOrganReportHours');
    byOperatorType.push(
      { operatorType: 'cii_operator', to: 'the protection work department and the public security organ', withinHours: ciiHours.value, citation: ciiHours.citation },
      { operatorType: 'central_state_organ', to: "the organ's own cyberspace-affairs unit", withinHours: stateHours.value, citation: stateHours.citation },
      { operatorType: 'other', to: 'the provincial CAC where the operator is located', withinHours: otherHours.value, citation: otherHours.citation },
    );
    const piThreshold = explanation.number('incident.grade.relativelyMajor.piLeakedAtLeast');
    const wholeBase = system.collectsMainlandPersonalInformation && system.users.registered >= piThreshold.value;
    explanation.step('Which incidents are reported?', `Incidents graded relatively major or above under the annexed grading guide; a leak of the PI of ${formatCount(piThreshold.value)} or more citizens is ordinarily relatively major${wholeBase ? `, so a leak of this system's ${formatCount(system.users.registered)} registered users would be reportable on the count alone` : ''}. Important data or a relatively large amount of PI lost or stolen with a relatively serious threat is also relatively major, with no number.`, {
      citation: piThreshold.citation,
      facts: { registeredUsers: system.users.registered },
    });
    const city = profile.organisation.mainlandCity;
    const initial = ciiRelated
      ? duty(explanation.obligation('initial_report', 'Initial report within 1 hour (CII)', `On discovering a reportable incident involving the CII, grade it and report to the protection work department and the public security organ at once, within ${ciiHours.value} hour at the latest; send what is known first (the unit and system, when it was found, type, grade, impact and measures) and supplement the rest.`, ciiHours.citation), 'the protection work department and the public security organ', ciiHours.value, null)
      : duty(explanation.obligation('initial_report', `Initial report within ${otherHours.value} hours`, `On discovering a reportable incident, grade it and report to the provincial CAC where the operator is located${city ? ` (${city})` : ''} within ${otherHours.value} hours at the latest; send what is known first and supplement the rest.`, otherHours.citation), 'the provincial CAC where the operator is located', otherHours.value, null);
    duties.push(initial);
    duties.push(duty(explanation.obligation('follow_up_report', 'Follow-up reports', 'Where the cause, impact or trend cannot be established within the time limit, report the known items first and supplement the rest promptly; report new developments as they arise.', { instrument: 'cn.incident-reporting-measures-2025', article: '7' }), ciiRelated ? 'the protection work department and the public security organ' : 'the provincial CAC', null, null));
    const summary = explanation.number('incident.finalReportDays');
    duties.push(duty(explanation.obligation('final_report', `Summary report within ${summary.value} days of the end of handling`, `Within ${summary.value} days after handling ends, report the cause, response, harm, accountability, remediation and lessons through the channel of the first report.`, summary.citation), ciiRelated ? 'the protection work department and the public security organ' : 'the provincial CAC', null, summary.value));
    if (ciiRelated) {
      const escalation = explanation.number('incident.provincialEscalationHours');
      explanation.step('Escalation', `For major and especially major incidents the authorities report on to the national CAC (the provincial CAC within ${escalation.value} hour); this is the authorities' duty, shown for the path.`, { citation: escalation.citation });
    }
    if (system.operator !== 'handler') {
      duties.push(duty(explanation.obligation('provider_reports_to_operator', 'Provider to report incidents to the firm', `The system is run by ${OPERATOR_WORDS[system.operator]}: require it by contract to report incidents it detects to the firm promptly, so the firm can meet the ${ciiRelated ? ciiHours.value : otherHours.value}-hour limit, which runs from when the firm discovers or learns of the incident.`, { instrument: 'cn.incident-reporting-measures-2025', article: null }, true), null, null, null));
    }
  } else {
    const hours = explanation.parameter<number | null>('incident.operatorReportHours');
    duties.push(duty(explanation.obligation('incident_plan_and_report', 'Incident plan and reports "according to regulations"', 'Keep an incident response plan, start it on an incident, and report to the competent departments according to regulations; no general hour limit applied before the Incident Reporting Measures of 2025-11-01.', hours.citation, hours.needsLegalReview), 'the competent departments', null, null));
  }
  if (ciiRelated) {
    duties.push(duty(explanation.obligation('cii_major_incident_report', 'Major incidents and threats of the CII', 'Report major cybersecurity incidents and major threats to the protection work department and the public security organ according to the relevant rules; the protection work department passes especially major ones on to the national cyberspace and public security departments.', { instrument: 'cn.cii-regulations', article: '18' }), 'the protection work department and the public security organ', null, null));
  }
  explanation.step('Incident response plan', 'Every network operator keeps an incident response plan and handles system vulnerabilities, viruses, attacks and intrusions.', { citation: explanation.cite({ provision: 'csl.incident-response-plans' }) });

  const vulnerability = explanation.parameterIfInForce<number>('incident.vulnerabilityNationalSecurityReportHours');
  if (vulnerability) {
    duties.push(duty(explanation.obligation('vulnerability_report', `Vulnerabilities endangering national security: ${vulnerability.value} hours`, `Remedy vulnerabilities of the product or service at once and inform users; report to the competent department, within ${vulnerability.value} hours where national security or the public interest is endangered.`, vulnerability.citation), 'the competent department', vulnerability.value, null));
  }
  if (system.collectsMainlandPersonalInformation) {
    duties.push(duty(explanation.obligation('pi_incident_notice', 'PI leak: remedy and notify', 'Where PI leaks, is tampered with or lost, or may be, take remedial measures at once and notify the PI protection authority and the individuals (what happened, the harm, the measures, what they can do, contacts); notice to individuals may be skipped only where the measures avoid harm, unless the authority requires it.', { instrument: 'cn.pipl', article: '57' }), 'the PI protection authority and the individuals', null, null));
    if (isInForce(context.book, 'cn.ndsmr', context.asOf)) {
      duties.push(duty(explanation.obligation('data_incident_notice', 'Data incident: notify those harmed', 'When a data security incident harms individuals or organisations, notify them by phone, SMS, instant message, e-mail or public notice of the incident, its impact, the measures taken and what they can do to reduce harm.', { instrument: 'cn.ndsmr', article: '11' }), 'the individuals and organisations harmed', null, null));
    }
  }
  return { ...base, applies: true, reportableGradeAtLeast: grade?.value ?? null, byOperatorType, duties, ...explanation.result() };
}
