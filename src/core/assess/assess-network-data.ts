// Network data duties that apply below the volume thresholds, and the important-data handler's
// duties: the Network Data Security Management Regulations (in force 2025-01-01) on top of the DSL
// and PIPL. Handlers of 10,000,000 or more individuals' PI carry the important-data handler's
// Arts. 30 and 32 (NDSMR Art. 28), not Arts. 31 and 33.
import { getInstrument, isInForce } from '../law/law-book.ts';
import type { NetworkDataDetermination, Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';
import type { CodeCitationRef } from '../law/content-schema.ts';

export function assessNetworkData(context: AssessContext): NetworkDataDetermination {
  const { profile, book, asOf } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const duties: Obligation[] = [];
  const ndsmr = isInForce(book, 'cn.ndsmr', asOf);
  const handlesPi = profile.systems.some((system) => system.collectsMainlandPersonalInformation) || profile.organisation.individualsProcessed > 0;
  const notified = profile.systems.filter((system) => system.importantData === 'notified');
  const suspected = profile.systems.filter((system) => system.importantData === 'suspected');
  const importantDataHandler = notified.length > 0;
  const processed = profile.organisation.individualsProcessed;

  explanation.step(say('engine.networkData.step.rules'), say('engine.networkData.result.rules', { ndsmr: ndsmr ? 'yes' : 'no', effective: getInstrument(book, 'cn.ndsmr').effective }), {
    citation: explanation.cite({ instrument: ndsmr ? 'cn.ndsmr' : 'cn.dsl', article: null }),
  });
  if (!handlesPi && notified.length === 0 && suspected.length === 0 && profile.transfers.length === 0) {
    explanation.step(say('engine.networkData.step.processes'), say('engine.networkData.result.processes'));
    return { importantDataHandler: false, duties, ...explanation.result() };
  }

  // Duties of every handler, below any volume threshold.
  if (ndsmr) {
    duties.push(explanation.obligation('data_security_measures', say('engine.networkData.obligation.dataSecurityMeasures.title'), say('engine.networkData.obligation.dataSecurityMeasures.detail'), { instrument: 'cn.ndsmr', article: '9' }));
  }
  const recipients = profile.transfers.length > 0 || profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.integrations.length > 0);
  if (recipients) {
    duties.push(explanation.obligation('entrustment_agreement', say('engine.networkData.obligation.entrustmentAgreement.title'), say('engine.networkData.obligation.entrustmentAgreement.detail'), { instrument: 'cn.pipl', article: '21' }));
    if (ndsmr) {
      const years = explanation.number('ndsmr.recipientRecordsRetentionYears');
      duties.push(explanation.obligation('recipient_contracts_and_records', say('engine.networkData.obligation.recipientContracts.title', { years: years.value }), say('engine.networkData.obligation.recipientContracts.detail', { years: years.value }), years.citation));
    }
  }
  const offshore = profile.organisation.mainlandEntity !== 'established' && profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.servesMainlandUsers && system.hosting !== 'mainland');
  if (offshore && ndsmr) {
    const report = explanation.parameter<boolean>('ndsmr.overseasRepresentativeReport');
    if (report.value) {
      duties.push(explanation.obligation('representative_report', say('engine.networkData.obligation.representativeReport.title'), say('engine.networkData.obligation.representativeReport.detail'), report.citation));
    }
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
    duties.push(explanation.obligation('important_data_officer_and_body', say('engine.networkData.obligation.officerAndBody.title'), say('engine.networkData.obligation.officerAndBody.detail'), { instrument: 'cn.dsl', article: '27' }));
  }
  if (ndsmr && (importantDataHandler || byVolume)) {
    const basis: CodeCitationRef = importantDataHandler ? { instrument: 'cn.ndsmr', article: '30' } : { instrument: 'cn.ndsmr', article: '28' };
    duties.push(
      explanation.obligation('network_data_security_officer', say('engine.networkData.obligation.networkDataSecurityOfficer.title'), say('engine.networkData.obligation.networkDataSecurityOfficer.detail'), basis),
      explanation.obligation('merger_dissolution_report', say('engine.networkData.obligation.mergerDissolution.title'), say('engine.networkData.obligation.mergerDissolution.detail'), importantDataHandler ? { instrument: 'cn.ndsmr', article: '32' } : basis),
    );
  }
  if (importantDataHandler) {
    const interval = explanation.parameter<number | null>('ndsmr.importantDataRiskAssessmentIntervalYears');
    const annual = interval.value != null ? 'yes' : 'no';
    duties.push(explanation.obligation('important_data_risk_assessment', say('engine.networkData.obligation.riskAssessment.title', { annual }), say('engine.networkData.obligation.riskAssessment.detail', { annual }), interval.citation));
    if (ndsmr) {
      duties.push(explanation.obligation('risk_assessment_before_provision', say('engine.networkData.obligation.riskAssessmentBeforeProvision.title'), say('engine.networkData.obligation.riskAssessmentBeforeProvision.detail'), { instrument: 'cn.ndsmr', article: '31' }));
    }
    const reportDays = explanation.parameterIfInForce<number>('riskAssessment.reportWorkingDays');
    if (reportDays) {
      duties.push(explanation.obligation('risk_assessment_report_period', say('engine.networkData.obligation.riskAssessmentReport.title', { days: reportDays.value }), say('engine.networkData.obligation.riskAssessmentReport.detail', { days: reportDays.value }), reportDays.citation, reportDays.needsLegalReview));
    }
  }
  return { importantDataHandler: importantDataHandler || byVolume, duties, ...explanation.result() };
}
