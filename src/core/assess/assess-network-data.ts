// Network data duties that apply below the volume thresholds, and the important-data handler's
// duties: the Network Data Security Management Regulations (in force 2025-01-01) on top of the DSL
// and PIPL. Handlers of 10,000,000 or more individuals' PI carry the important-data handler's
// Arts. 30 and 32 (NDSMR Art. 28), not Arts. 31 and 33.
import { getInstrument, isInForce } from '../law/law-book.ts';
import type { NetworkDataDetermination, Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';
import { LawDayBlocks } from './law-day-blocks.ts';
import type { CodeCitationRef } from '../law/content-schema.ts';

/** The determination, written out rather than spread from the explanation's result. */
function explained(importantDataHandler: boolean, duties: Obligation[], explanation: Explanation): NetworkDataDetermination {
  const result = explanation.result();
  return { importantDataHandler, duties, trace: result.trace, citations: result.citations, needsLegalReview: result.needsLegalReview, legalReviewReasons: result.legalReviewReasons };
}

/** The steps and duties that read nothing of the profile, worked out once per law day. */
const BLOCKS = new LawDayBlocks('network data blocks');

export function assessNetworkData(context: AssessContext): NetworkDataDetermination {
  const { profile, book, asOf } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const duties: Obligation[] = [];
  const day = BLOCKS.on(context);
  const ndsmr = isInForce(book, 'cn.ndsmr', asOf);
  const handlesPi = profile.systems.some((system) => system.collectsMainlandPersonalInformation) || profile.organisation.individualsProcessed > 0;
  const notified: typeof profile.systems = [];
  const suspected: typeof profile.systems = [];
  for (const system of profile.systems) {
    if (system.importantData === 'notified') notified.push(system);
    else if (system.importantData === 'suspected') suspected.push(system);
  }
  const importantDataHandler = notified.length > 0;
  const processed = profile.organisation.individualsProcessed;

  day.run(explanation, 'rules', (recording) => recording.step(recording.say('engine.networkData.step.rules'), recording.say('engine.networkData.result.rules', { ndsmr: ndsmr ? 'yes' : 'no', effective: getInstrument(book, 'cn.ndsmr').effective }), {
    citation: recording.cite({ instrument: ndsmr ? 'cn.ndsmr' : 'cn.dsl', article: null }),
  }));
  if (!handlesPi && notified.length === 0 && suspected.length === 0 && profile.transfers.length === 0) {
    day.run(explanation, 'processes', (recording) => recording.step(recording.say('engine.networkData.step.processes'), recording.say('engine.networkData.result.processes')));
    return explained(false, duties, explanation);
  }

  // Duties of every handler, below any volume threshold.
  if (ndsmr) {
    duties.push(...day.run(explanation, 'measures', (recording) => [
      recording.obligation('data_security_measures', recording.say('engine.networkData.obligation.dataSecurityMeasures.title'), recording.say('engine.networkData.obligation.dataSecurityMeasures.detail'), { instrument: 'cn.ndsmr', article: '9' }),
    ]));
  }
  const recipients = profile.transfers.length > 0 || profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.integrations.length > 0);
  if (recipients) {
    duties.push(...day.run(explanation, 'recipients', (recording) => {
      const recipientDuties = [recording.obligation('entrustment_agreement', recording.say('engine.networkData.obligation.entrustmentAgreement.title'), recording.say('engine.networkData.obligation.entrustmentAgreement.detail'), { instrument: 'cn.pipl', article: '21' })];
      if (ndsmr) {
        const years = recording.number('ndsmr.recipientRecordsRetentionYears');
        recipientDuties.push(recording.obligation('recipient_contracts_and_records', recording.say('engine.networkData.obligation.recipientContracts.title', { years: years.value }), recording.say('engine.networkData.obligation.recipientContracts.detail', { years: years.value }), years.citation));
      }
      return recipientDuties;
    }));
  }
  const offshore = profile.organisation.mainlandEntity !== 'established' && profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.servesMainlandUsers && system.hosting !== 'mainland');
  if (offshore && ndsmr) {
    duties.push(...day.run(explanation, 'representative', (recording) => {
      const report = recording.parameter<boolean>('ndsmr.overseasRepresentativeReport');
      return report.value ? [recording.obligation('representative_report', recording.say('engine.networkData.obligation.representativeReport.title'), recording.say('engine.networkData.obligation.representativeReport.detail'), report.citation)] : [];
    }));
  }
  if (ndsmr && suspected.length > 0) {
    duties.push(explanation.obligation('identify_important_data', say('engine.networkData.obligation.identifyImportantData.title'), say('engine.networkData.obligation.identifyImportantData.detail', { systems: suspected.map((system) => system.id).join(', ') }), { instrument: 'cn.ndsmr', article: '29' }));
  }

  // The important-data handler's duties, and those that follow from 10,000,000 individuals.
  const largeHandler = explanation.parameterIfInForce<number>('pi.importantDataHandlerDutiesAtLeast');
  const byVolume = largeHandler != null && processed >= largeHandler.value;
  if (largeHandler) {
    explanation.step(say('engine.networkData.step.volume', { threshold: formatCount(largeHandler.value) }), say('engine.networkData.result.volume', { above: byVolume ? 'yes' : 'no', processed: formatCount(processed) }), { citation: largeHandler.citation, facts: { individualsProcessed: processed } });
  }
  if (importantDataHandler) {
    explanation.step(say('engine.networkData.step.importantData'), say('engine.networkData.result.importantData', { systems: notified.map((system) => system.id).join(', ') }), { citation: explanation.cite({ instrument: 'cn.dsl', article: '21' }) });
    duties.push(...day.run(explanation, 'officer and body', (recording) => [
      recording.obligation('important_data_officer_and_body', recording.say('engine.networkData.obligation.officerAndBody.title'), recording.say('engine.networkData.obligation.officerAndBody.detail'), { instrument: 'cn.dsl', article: '27' }),
    ]));
  }
  if (ndsmr && (importantDataHandler || byVolume)) {
    duties.push(...day.run(explanation, importantDataHandler ? 'security officer, important data' : 'security officer, volume', (recording) => {
      const basis: CodeCitationRef = importantDataHandler ? { instrument: 'cn.ndsmr', article: '30' } : { instrument: 'cn.ndsmr', article: '28' };
      return [
        recording.obligation('network_data_security_officer', recording.say('engine.networkData.obligation.networkDataSecurityOfficer.title'), recording.say('engine.networkData.obligation.networkDataSecurityOfficer.detail'), basis),
        recording.obligation('merger_dissolution_report', recording.say('engine.networkData.obligation.mergerDissolution.title'), recording.say('engine.networkData.obligation.mergerDissolution.detail'), importantDataHandler ? { instrument: 'cn.ndsmr', article: '32' } : basis),
      ];
    }));
  }
  if (importantDataHandler) {
    duties.push(...day.run(explanation, 'risk assessment', (recording) => {
      const { say } = recording;
      const riskDuties: Obligation[] = [];
      const interval = recording.parameter<number | null>('ndsmr.importantDataRiskAssessmentIntervalYears');
      const annual = interval.value != null ? 'yes' : 'no';
      riskDuties.push(recording.obligation('important_data_risk_assessment', say('engine.networkData.obligation.riskAssessment.title', { annual }), say('engine.networkData.obligation.riskAssessment.detail', { annual }), interval.citation));
      if (ndsmr) {
        riskDuties.push(recording.obligation('risk_assessment_before_provision', say('engine.networkData.obligation.riskAssessmentBeforeProvision.title'), say('engine.networkData.obligation.riskAssessmentBeforeProvision.detail'), { instrument: 'cn.ndsmr', article: '31' }));
      }
      const reportDays = recording.parameterIfInForce<number>('riskAssessment.reportWorkingDays');
      if (reportDays) {
        riskDuties.push(recording.obligation('risk_assessment_report_period', say('engine.networkData.obligation.riskAssessmentReport.title', { days: reportDays.value }), say('engine.networkData.obligation.riskAssessmentReport.detail', { days: reportDays.value }), reportDays.citation, reportDays.needsLegalReview));
      }
      return riskDuties;
    }));
  }
  return explained(importantDataHandler || byVolume, duties, explanation);
}
