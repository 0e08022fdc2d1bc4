// Duties that follow from the number of individuals whose PI the handler processes, and from platform size.
import { isInForce } from '../law/law-book.ts';
import type { Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';

type VolumeDuty = Obligation & { threshold: string };

export function assessVolumeDuties(context: AssessContext): VolumeDuty[] {
  const { profile } = context;
  const explanation = new Explanation(context);
  const processed = profile.organisation.individualsProcessed;
  const duties: VolumeDuty[] = [];

  const appointment = explanation.parameterIfInForce<number>('pi.officerAppointmentAtLeast');
  if (appointment && processed >= appointment.value) {
    duties.push({
      ...explanation.obligation('pi_officer_appointment', 'Appoint a PI protection officer', `A handler processing the PI of ${formatCount(appointment.value)} or more individuals appoints a PI protection officer, who supervises the processing and the protection measures and is responsible for the compliance audits (PIPL Art. 52).`, appointment.citation, appointment.needsLegalReview),
      threshold: `${formatCount(appointment.value)} or more individuals (${formatCount(processed)} processed)`,
    });
  }
  const officer = explanation.parameterIfInForce<number>('pi.officerReportingAtLeast');
  if (officer && processed >= officer.value) {
    const days = explanation.number('pi.officerReportingWorkingDays');
    duties.push({
      ...explanation.obligation('pi_officer', 'PI protection officer, reported to the city-level CAC', `Appoint a PI protection officer and report the officer's details to the city-level CAC within ${days.value} working days of reaching ${formatCount(officer.value)} individuals; report changes within the same period.`, officer.citation),
      threshold: `${formatCount(officer.value)} or more individuals (${formatCount(processed)} processed)`,
    });
  } else if (!officer && !appointment) {
    explanation.step('PI protection officer', 'PIPL Art. 52 requires an officer once a volume set by the CAC is reached; no volume had been set on this date.', { citation: explanation.cite({ instrument: 'cn.pipl', article: '52' }) });
  }

  if (processed > 0 || profile.systems.some((system) => system.collectsMainlandPersonalInformation)) {
    duties.push({
      ...explanation.obligation('pi_regular_compliance_audit', 'Regular PI compliance audits', 'Audit the compliance of PI processing with laws and administrative regulations regularly, through an internal body or a commissioned professional body.', { instrument: 'cn.pipl', article: '54' }),
      threshold: 'every handler of PI',
    });
  }
  const audit = explanation.parameterIfInForce<number>('pi.complianceAuditAbove');
  if (audit && processed > audit.value) {
    const interval = explanation.number('pi.complianceAuditIntervalYears');
    const rotation = explanation.parameterIfInForce<number>('pi.audit.sameAuditorMaxConsecutive');
    const rotationText = rotation ? ` The same audit lead may carry out at most ${rotation.value} consecutive audits of the firm (reported wording - not three or more times in a row).` : '';
    duties.push({
      ...explanation.obligation('pi_compliance_audit', 'PI compliance audit', `Audit PI processing for compliance at least every ${interval.value} years.${rotationText}`, audit.citation),
      threshold: `more than ${formatCount(audit.value)} individuals (${formatCount(processed)} processed)`,
    });
  } else if (processed > 0) {
    explanation.step('PI compliance audits', 'Regular audits apply to every handler; the fixed two-yearly cadence only above 10,000,000 individuals.', { citation: explanation.cite({ instrument: 'cn.ndsmr', article: '27' }) });
  }

  const auditMeasures = isInForce(context.book, 'cn.pi-audit-measures-2025', context.asOf);
  if (processed > 0 || profile.systems.some((system) => system.collectsMainlandPersonalInformation)) {
    duties.push({
      ...explanation.obligation('pi_ordered_audit', 'Audits ordered by the regulator', `Where a PI protection authority finds relatively high risk in the processing or a PI security incident${auditMeasures ? ', or processing that may infringe the rights of many individuals (added by the Compliance Audit Measures, reported)' : ''}, it may require an audit by a professional body; the firm bears the cost, supports the auditor, submits the report and remedies what it finds.`, { instrument: 'cn.pipl', article: '64' }),
      threshold: 'when a PI protection authority orders it',
    });
  }

  const importantHandler = explanation.parameterIfInForce<number>('pi.importantDataHandlerDutiesAtLeast');
  if (importantHandler && processed >= importantHandler.value) {
    duties.push({
      ...explanation.obligation('important_data_handler_duties', 'Important-data-handler duties', 'Name a network-data security officer at management level and a security organisation, and report mergers, divisions and dissolutions, as important-data handlers do (NDSMR Arts. 30 and 32).', importantHandler.citation),
      threshold: `${formatCount(importantHandler.value)} or more individuals (${formatCount(processed)} processed)`,
    });
  }

  const registeredLimit = explanation.parameterIfInForce<number>('platform.largeRegisteredUsersAtLeast');
  const activeLimit = explanation.parameterIfInForce<number>('platform.largeMonthlyActiveUsersAtLeast');
  if (registeredLimit && activeLimit) {
    for (const system of profile.systems) {
      if (system.users.registered >= registeredLimit.value || system.users.monthlyActive >= activeLimit.value) {
        duties.push({
          ...explanation.obligation(`large_platform_${system.id}`, `Large network platform: ${system.name}`, 'Publish an annual PI-protection social-responsibility report; cross-border provision follows the national rules. Large platforms have complex business and significant impact beyond the user counts: confirm the classification.', { instrument: 'cn.ndsmr', article: '44-46' }),
          threshold: `${formatCount(registeredLimit.value)} registered or ${formatCount(activeLimit.value)} monthly active users (${formatCount(system.users.registered)} / ${formatCount(system.users.monthlyActive)})`,
        });
      }
    }
  }

  // PIPL Art. 53 binds a handler outside the PRC: a planned or forming mainland entity does not exist
  // yet, so the duty stands until it does.
  const offshore = profile.organisation.mainlandEntity !== 'established' && profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.servesMainlandUsers && system.hosting !== 'mainland');
  if (offshore) {
    duties.push({
      ...explanation.obligation('offshore_representative', 'Mainland entity or representative', `An offshore handler that processes the PI of individuals in the mainland to provide them products or services sets up a dedicated entity or names a representative in the mainland, and reports its name and contact details to the PI protection authorities${profile.organisation.mainlandEntity === 'planned' ? '; a mainland entity that is only planned does not meet the duty until it exists' : ''}.`, { instrument: 'cn.pipl', article: '53' }),
      threshold: profile.organisation.mainlandEntity === 'planned' ? 'offshore handler serving the mainland, mainland entity not yet established' : 'offshore handler serving the mainland',
    });
  }
  return duties;
}
