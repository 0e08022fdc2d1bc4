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
  const duties: Obligation[] = [];
  const ndsmr = isInForce(book, 'cn.ndsmr', asOf);
  const handlesPi = profile.systems.some((system) => system.collectsMainlandPersonalInformation) || profile.organisation.individualsProcessed > 0;
  const notified = profile.systems.filter((system) => system.importantData === 'notified');
  const suspected = profile.systems.filter((system) => system.importantData === 'suspected');
  const importantDataHandler = notified.length > 0;
  const processed = profile.organisation.individualsProcessed;

  explanation.step('Which rules govern network data on this date?', ndsmr ? `The Network Data Security Management Regulations (from ${getInstrument(book, 'cn.ndsmr').effective}), with the DSL and PIPL.` : `The DSL and PIPL; the Network Data Security Management Regulations take effect on ${getInstrument(book, 'cn.ndsmr').effective}.`, {
    citation: explanation.cite({ instrument: ndsmr ? 'cn.ndsmr' : 'cn.dsl', article: null }),
  });
  if (!handlesPi && notified.length === 0 && suspected.length === 0 && profile.transfers.length === 0) {
    explanation.step('Does the firm process network data in the mainland frame?', 'No PI collected, no important data and no transfers listed: no network data duties follow.');
    return { importantDataHandler: false, duties, ...explanation.result() };
  }

  // Duties of every handler, below any volume threshold.
  if (ndsmr) {
    duties.push(explanation.obligation('data_security_measures', 'Network data protection on the basis of MLPS', 'Protect network data on the basis of the MLPS: a data security management system, encryption, backup, access control and authentication, against leaks, tampering and unlawful use.', { instrument: 'cn.ndsmr', article: '9' }));
  }
  const recipients = profile.transfers.length > 0 || profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.integrations.length > 0);
  if (recipients) {
    duties.push(explanation.obligation('entrustment_agreement', 'Agreements with entrusted processors', 'Agree with each entrusted processor (integrations, service providers) the purpose, period, method, categories of PI, protection measures and both sides\' rights and duties, and supervise its processing.', { instrument: 'cn.pipl', article: '21' }));
    if (ndsmr) {
      const years = explanation.number('ndsmr.recipientRecordsRetentionYears');
      duties.push(explanation.obligation('recipient_contracts_and_records', `Contracts with recipients, records kept ${years.value} years`, `Before providing or entrusting PI or important data to another handler, agree the purpose, method, scope and security duties by contract, supervise the recipient, and keep records of the provision or entrustment for at least ${years.value} years; joint handlers agree their rights and duties.`, years.citation));
    }
  }
  const offshore = profile.organisation.mainlandEntity !== 'established' && profile.systems.some((system) => system.collectsMainlandPersonalInformation && system.servesMainlandUsers && system.hosting !== 'mainland');
  if (offshore && ndsmr) {
    const report = explanation.parameter<boolean>('ndsmr.overseasRepresentativeReport');
    if (report.value) {
      duties.push(explanation.obligation('representative_report', 'Report the mainland representative to the city-level CAC', 'Once the dedicated institution or representative of PIPL Art. 53 exists, report its name (or the representative\'s name) and contact details to the CAC of the city (设区的市) where it is.', report.citation));
    }
  }
  if (ndsmr && suspected.length > 0) {
    duties.push(explanation.obligation('identify_important_data', 'Identify and declare important data', `${suspected.map((system) => system.id).join(', ')}: identify important data against the catalogues of the region and sector and declare it; the authorities confirm it by notification or publication.`, { instrument: 'cn.ndsmr', article: '29' }));
  }

  // The important-data handler's duties, and those that follow from 10,000,000 individuals.
  const largeHandler = explanation.parameterIfInForce<number>('pi.importantDataHandlerDutiesAtLeast');
  const byVolume = largeHandler != null && processed >= largeHandler.value;
  if (largeHandler) {
    explanation.step(`Does the firm process the PI of ${formatCount(largeHandler.value)} or more individuals?`, byVolume ? `Yes (${formatCount(processed)}): it also carries NDSMR Arts. 30 and 32, as an important-data handler does.` : `No (${formatCount(processed)}).`, { citation: largeHandler.citation, facts: { individualsProcessed: processed } });
  }
  if (importantDataHandler) {
    explanation.step('Does the firm hold data notified or published as important data?', `Yes: ${notified.map((system) => system.id).join(', ')}.`, { citation: explanation.cite({ instrument: 'cn.dsl', article: '21' }) });
    duties.push(explanation.obligation('important_data_officer_and_body', 'Data security officer and management body', 'Name the person responsible for data security and a management body, and carry out the data security duties.', { instrument: 'cn.dsl', article: '27' }));
  }
  if (ndsmr && (importantDataHandler || byVolume)) {
    const basis: CodeCitationRef = importantDataHandler ? { instrument: 'cn.ndsmr', article: '30' } : { instrument: 'cn.ndsmr', article: '28' };
    duties.push(
      explanation.obligation('network_data_security_officer', 'Network data security officer from management', 'The network data security officer is a member of management with the expertise, who may report directly to the authorities; a network data security body carries the listed duties; where the authorities set the types or scale, the officer and key staff pass security background checks.', basis),
      explanation.obligation('merger_dissolution_report', 'Mergers, divisions, dissolutions and bankruptcy', 'Where a merger, division, dissolution or bankruptcy may affect the security of the data, take measures to secure it and report the disposal plan and the recipient\'s name and contact details to the provincial-or-higher competent department.', importantDataHandler ? { instrument: 'cn.ndsmr', article: '32' } : basis),
    );
  }
  if (importantDataHandler) {
    const interval = explanation.parameter<number | null>('ndsmr.importantDataRiskAssessmentIntervalYears');
    duties.push(explanation.obligation('important_data_risk_assessment', interval.value != null ? 'Annual risk assessment, reported' : 'Periodic risk assessment, reported', interval.value != null
      ? 'Assess the risks of the processing every year (including any outbound provision) and report to the provincial-or-higher competent department.'
      : 'Assess the risks of the processing periodically and report to the competent department; no interval was fixed before the NDSMR.', interval.citation));
    if (ndsmr) {
      duties.push(explanation.obligation('risk_assessment_before_provision', 'Risk assessment before providing or entrusting important data', 'Before providing, entrusting or jointly processing important data, assess the risks: purpose and necessity, the recipient\'s capability, the risks of leaks and misuse, and the contract terms.', { instrument: 'cn.ndsmr', article: '31' }));
    }
    const reportDays = explanation.parameterIfInForce<number>('riskAssessment.reportWorkingDays');
    if (reportDays) {
      duties.push(explanation.obligation('risk_assessment_report_period', `Risk-assessment report within ${reportDays.value} working days (reported)`, `Under the Network Data Security Risk Assessment Measures, submit the report of the annual or change-triggered assessment within ${reportDays.value} working days of finishing it and keep the records for at least three years.`, reportDays.citation, reportDays.needsLegalReview));
    }
  }
  return { importantDataHandler: importantDataHandler || byVolume, duties, ...explanation.result() };
}
