// Duties that follow from the number of individuals whose PI the handler processes, and from platform size.
import { isInForce } from '../law/law-book.ts';
import type { Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';

type VolumeDuty = Obligation & { threshold: string };

export function assessVolumeDuties(context: AssessContext): VolumeDuty[] {
  const { profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const processed = profile.organisation.individualsProcessed;
  const duties: VolumeDuty[] = [];

  const appointment = explanation.parameterIfInForce<number>('pi.officerAppointmentAtLeast');
  if (appointment && processed >= appointment.value) {
    duties.push({
      ...explanation.obligation('pi_officer_appointment', say('engine.volume.officerAppointment.title'), say('engine.volume.officerAppointment.detail', { threshold: formatCount(appointment.value) }), appointment.citation, appointment.needsLegalReview),
      threshold: say('engine.volume.threshold.atLeast', { threshold: formatCount(appointment.value), processed: formatCount(processed) }),
    });
  }
  const officer = explanation.parameterIfInForce<number>('pi.officerReportingAtLeast');
  if (officer && processed >= officer.value) {
    const days = explanation.number('pi.officerReportingWorkingDays');
    duties.push({
      ...explanation.obligation('pi_officer', say('engine.volume.officer.title'), say('engine.volume.officer.detail', { days: days.value, threshold: formatCount(officer.value) }), officer.citation),
      threshold: say('engine.volume.threshold.atLeast', { threshold: formatCount(officer.value), processed: formatCount(processed) }),
    });
  } else if (!officer && !appointment) {
    explanation.step(say('engine.volume.step.officer'), say('engine.volume.result.officerNoVolume'), { citation: explanation.cite({ instrument: 'cn.pipl', article: '52' }) });
  }

  if (processed > 0 || profile.systems.some((system) => system.collectsMainlandPersonalInformation)) {
    duties.push({
      ...explanation.obligation('pi_regular_compliance_audit', say('engine.volume.regularAudit.title'), say('engine.volume.regularAudit.detail'), { instrument: 'cn.pipl', article: '54' }),
      threshold: say('engine.volume.regularAudit.threshold'),
    });
  }
  const audit = explanation.parameterIfInForce<number>('pi.complianceAuditAbove');
  if (audit && processed > audit.value) {
    const interval = explanation.number('pi.complianceAuditIntervalYears');
    const rotation = explanation.parameterIfInForce<number>('pi.audit.sameAuditorMaxConsecutive');
    duties.push({
      ...explanation.obligation('pi_compliance_audit', say('engine.volume.audit.title'), say('engine.volume.audit.detail', { years: interval.value, rotation: rotation ? rotation.value : 'none' }), audit.citation),
      threshold: say('engine.volume.threshold.above', { threshold: formatCount(audit.value), processed: formatCount(processed) }),
    });
  } else if (processed > 0) {
    explanation.step(say('engine.volume.step.audits'), say('engine.volume.result.audits'), { citation: explanation.cite({ instrument: 'cn.ndsmr', article: '27' }) });
  }

  const auditMeasures = isInForce(context.book, 'cn.pi-audit-measures-2025', context.asOf);
  if (processed > 0 || profile.systems.some((system) => system.collectsMainlandPersonalInformation)) {
    duties.push({
      ...explanation.obligation('pi_ordered_audit', say('engine.volume.orderedAudit.title'), say('engine.volume.orderedAudit.detail', { measures: auditMeasures ? 'yes' : 'no' }), { instrument: 'cn.pipl', article: '64' }),
      threshold: say('engine.volume.orderedAudit.threshold'),
    });
  }

  const importantHandler = explanation.parameterIfInForce<number>('pi.importantDataHandlerDutiesAtLeast');
  if (importantHandler && processed >= importantHandler.value) {
    duties.push({
      ...explanation.obligation('important_data_handler_duties', say('engine.volume.importantDataHandler.title'), say('engine.volume.importantDataHandler.detail'), importantHandler.citation),
      threshold: say('engine.volume.threshold.atLeast', { threshold: formatCount(importantHandler.value), processed: formatCount(processed) }),
    });
  }

  const registeredLimit = explanation.parameterIfInForce<number>('platform.largeRegisteredUsersAtLeast');
  const activeLimit = explanation.parameterIfInForce<number>('platform.largeMonthlyActiveUsersAtLeast');
  if (registeredLimit && activeLimit) {
    for (const system of profile.systems) {
      if (system.users.registered >= registeredLimit.value || system.users.monthlyActive >= activeLimit.value) {
        duties.push({
          ...explanation.obligation(`large_platform_${system.id}`, say('engine.volume.largePlatform.title', { system: system.name }), say('engine.volume.largePlatform.detail'), { instrument: 'cn.ndsmr', article: '44-46' }),
          threshold: say('engine.volume.largePlatform.threshold', { registeredLimit: formatCount(registeredLimit.value), activeLimit: formatCount(activeLimit.value), registered: formatCount(system.users.registered), active: formatCount(system.users.monthlyActive) }),
        });
      }
    }
  }

  // PIPL Art. 53 binds a handler outside the PRC: a planned or forming mainland entity does not exist
  // yet, so the duty stands until it does.
  const offshore = profile.organisation.mainlandEntity !== 'established' && profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.servesMainlandUsers && system.hosting !== 'mainland');
  if (offshore) {
    const planned = profile.organisation.mainlandEntity === 'planned' ? 'yes' : 'no';
    duties.push({
      ...explanation.obligation('offshore_representative', say('engine.volume.offshore.title'), say('engine.volume.offshore.detail', { planned }), { instrument: 'cn.pipl', article: '53' }),
      threshold: say('engine.volume.offshore.threshold', { planned }),
    });
  }
  return duties;
}
