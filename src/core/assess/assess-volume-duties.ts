// Duties that follow from the number of individuals whose PI the handler processes, and from platform size.
import { isInForce } from '../law/law-book.ts';
import type { Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';
import { LawDayBlocks } from './law-day-blocks.ts';

type VolumeDuty = Obligation & { threshold: string };

/** An obligation and the threshold that triggers it, written out: a spread of the obligation cost more than the rule. */
function volumeDuty(obligation: Obligation, threshold: string): VolumeDuty {
  return { id: obligation.id, title: obligation.title, detail: obligation.detail, citation: obligation.citation, needsLegalReview: obligation.needsLegalReview, threshold };
}

/**
 * The duties and steps whose text turns on nothing of the profile, worked out once per law day
 * (the thresholds that name the individuals processed are written per profile).
 */
const BLOCKS = new LawDayBlocks('volume duty blocks');

export function assessVolumeDuties(context: AssessContext): VolumeDuty[] {
  const { profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const processed = profile.organisation.individualsProcessed;
  const collectsPi = profile.systems.some((system) => system.collectsMainlandPersonalInformation);
  const duties: VolumeDuty[] = [];
  const day = BLOCKS.on(context);

  const appointment = explanation.parameterIfInForce<number>('pi.officerAppointmentAtLeast');
  if (appointment && processed >= appointment.value) {
    duties.push(volumeDuty(
      day.run(explanation, 'appointment', (recording) => recording.obligation('pi_officer_appointment', recording.say('engine.volume.officerAppointment.title'), recording.say('engine.volume.officerAppointment.detail', { threshold: formatCount(appointment.value) }), appointment.citation, appointment.needsLegalReview)),
      say('engine.volume.threshold.atLeast', { threshold: formatCount(appointment.value), processed: formatCount(processed) }),
    ));
  }
  const officer = explanation.parameterIfInForce<number>('pi.officerReportingAtLeast');
  if (officer && processed >= officer.value) {
    duties.push(volumeDuty(
      day.run(explanation, 'officer', (recording) => {
        const days = recording.number('pi.officerReportingWorkingDays');
        return recording.obligation('pi_officer', recording.say('engine.volume.officer.title'), recording.say('engine.volume.officer.detail', { days: days.value, threshold: formatCount(officer.value) }), officer.citation);
      }),
      say('engine.volume.threshold.atLeast', { threshold: formatCount(officer.value), processed: formatCount(processed) }),
    ));
  } else if (!officer && !appointment) {
    day.run(explanation, 'no officer', (recording) => recording.step(recording.say('engine.volume.step.officer'), recording.say('engine.volume.result.officerNoVolume'), { citation: recording.cite({ instrument: 'cn.pipl', article: '52' }) }));
  }

  if (processed > 0 || collectsPi) {
    duties.push(day.run(explanation, 'regular audit', (recording) => volumeDuty(
      recording.obligation('pi_regular_compliance_audit', recording.say('engine.volume.regularAudit.title'), recording.say('engine.volume.regularAudit.detail'), { instrument: 'cn.pipl', article: '54' }),
      recording.say('engine.volume.regularAudit.threshold'),
    )));
  }
  const audit = explanation.parameterIfInForce<number>('pi.complianceAuditAbove');
  if (audit && processed > audit.value) {
    duties.push(volumeDuty(
      day.run(explanation, 'audit', (recording) => {
        const interval = recording.number('pi.complianceAuditIntervalYears');
        const rotation = recording.parameterIfInForce<number>('pi.audit.sameAuditorMaxConsecutive');
        return recording.obligation('pi_compliance_audit', recording.say('engine.volume.audit.title'), recording.say('engine.volume.audit.detail', { years: interval.value, rotation: rotation ? rotation.value : 'none' }), audit.citation);
      }),
      say('engine.volume.threshold.above', { threshold: formatCount(audit.value), processed: formatCount(processed) }),
    ));
  } else if (processed > 0) {
    day.run(explanation, 'no audit', (recording) => recording.step(recording.say('engine.volume.step.audits'), recording.say('engine.volume.result.audits'), { citation: recording.cite({ instrument: 'cn.ndsmr', article: '27' }) }));
  }

  const auditMeasures = isInForce(context.book, 'cn.pi-audit-measures-2025', context.asOf);
  if (processed > 0 || collectsPi) {
    duties.push(day.run(explanation, 'ordered audit', (recording) => {
      return volumeDuty(
        recording.obligation('pi_ordered_audit', recording.say('engine.volume.orderedAudit.title'), recording.say('engine.volume.orderedAudit.detail', { measures: auditMeasures ? 'yes' : 'no' }), { instrument: 'cn.pipl', article: '64' }),
        recording.say('engine.volume.orderedAudit.threshold'),
      );
    }));
  }

  const importantHandler = explanation.parameterIfInForce<number>('pi.importantDataHandlerDutiesAtLeast');
  if (importantHandler && processed >= importantHandler.value) {
    duties.push(volumeDuty(
      day.run(explanation, 'important data handler', (recording) => recording.obligation('important_data_handler_duties', recording.say('engine.volume.importantDataHandler.title'), recording.say('engine.volume.importantDataHandler.detail'), importantHandler.citation)),
      say('engine.volume.threshold.atLeast', { threshold: formatCount(importantHandler.value), processed: formatCount(processed) }),
    ));
  }

  const registeredLimit = explanation.parameterIfInForce<number>('platform.largeRegisteredUsersAtLeast');
  const activeLimit = explanation.parameterIfInForce<number>('platform.largeMonthlyActiveUsersAtLeast');
  if (registeredLimit && activeLimit) {
    for (const system of profile.systems) {
      if (system.users.registered >= registeredLimit.value || system.users.monthlyActive >= activeLimit.value) {
        duties.push(volumeDuty(
          explanation.obligation(`large_platform_${system.id}`, say('engine.volume.largePlatform.title', { system: system.name }), say('engine.volume.largePlatform.detail'), { instrument: 'cn.ndsmr', article: '44-46' }),
          say('engine.volume.largePlatform.threshold', { registeredLimit: formatCount(registeredLimit.value), activeLimit: formatCount(activeLimit.value), registered: formatCount(system.users.registered), active: formatCount(system.users.monthlyActive) }),
        ));
      }
    }
  }

  // PIPL Art. 53 binds a handler outside the PRC: a planned or forming mainland entity does not exist
  // yet, so the duty stands until it does.
  const offshore = profile.organisation.mainlandEntity !== 'established' && profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.servesMainlandUsers && system.hosting !== 'mainland');
  if (offshore) {
    const planned = profile.organisation.mainlandEntity === 'planned' ? 'yes' : 'no';
    duties.push(day.run(explanation, planned === 'yes' ? 'offshore planned' : 'offshore', (recording) => volumeDuty(
      recording.obligation('offshore_representative', recording.say('engine.volume.offshore.title'), recording.say('engine.volume.offshore.detail', { planned }), { instrument: 'cn.pipl', article: '53' }),
      recording.say('engine.volume.offshore.threshold', { planned }),
    )));
  }
  return duties;
}
