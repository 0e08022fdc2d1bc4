// MLPS grade of one system by the GB/T 22240-2020 matrix, and the obligations that follow.
import type { SystemProfile, ImpactDegree, ImpactObject } from '../profile/profile-schema.ts';
import type { MlpsDetermination, Obligation } from './assessment-schema.ts';
import { Explanation } from './explanation.ts';
import type { FactsContext, FactsOf } from './shared-answers.ts';
import type { CodeCitationRef, LawBook } from '../law/content-schema.ts';

/** The grading matrix's level for one sub-grade (content/tables/mlps-grading-matrix.yaml, GB/T 22240-2020). */
export function gradeLevel(book: LawBook, object: ImpactObject, degree: ImpactDegree): number {
  return book.tables.mlpsGradingMatrix.rows[object][degree];
}

/** The system's grade by the matrix: the higher of its two sub-grades. */
export function matrixLevel(book: LawBook, system: SystemProfile): number {
  const { businessInformation, systemService } = system.impact;
  return Math.max(gradeLevel(book, businessInformation.object, businessInformation.degree), gradeLevel(book, systemService.object, systemService.degree));
}

/** What the grade reads of a system: its answer is shared by every system with these facts (see shared-answers.ts). */
export const MLPS_FACTS = ['id', 'impact', 'hosting'] as const;

/**
 * The key of a system's grade: whether the firm is a CII operator, the system's impact and hosting.
 * A CII operator's system graded under level 3 is named in a review sentence: its grade is shared
 * written for a stand-in id, and the caller names the system in its copy (NAMED_SYSTEM).
 */
export function mlpsFacts(system: FactsOf<SystemProfile, typeof MLPS_FACTS>, isCiio: boolean): unknown[] {
  return [isCiio, system.impact, system.hosting];
}

export function assessMlps(context: FactsContext<object, []>, system: FactsOf<SystemProfile, typeof MLPS_FACTS>, isCiio: boolean): Omit<MlpsDetermination, 'gaps'> {
  const explanation = new Explanation(context);
  const { say } = explanation;
  const { book } = context;
  const grading = explanation.cite(book.tables.mlpsGradingMatrix.citation as CodeCitationRef);
  const { businessInformation, systemService } = system.impact;
  const businessInformationLevel = gradeLevel(book, businessInformation.object, businessInformation.degree);
  const systemServiceLevel = gradeLevel(book, systemService.object, systemService.degree);
  explanation.step(say('engine.mlps.step.businessInformation'), say('engine.mlps.result.subGrade', { ...businessInformation, level: businessInformationLevel }), { citation: grading, facts: { ...businessInformation } });
  explanation.step(say('engine.mlps.step.systemService'), say('engine.mlps.result.subGrade', { ...systemService, level: systemServiceLevel }), { citation: grading, facts: { ...systemService } });
  const level = Math.max(businessInformationLevel, systemServiceLevel);
  explanation.step(say('engine.mlps.step.finalLevel'), say('engine.mlps.result.finalLevel', { level, name: say('engine.mlps.levelName', { level }) }), { citation: grading });
  if (isCiio && level < 3) {
    explanation.review(say('engine.mlps.review.ciiAboveMatrix', { system: system.id, level }));
    explanation.step(say('engine.mlps.step.ciiOperator'), say('engine.mlps.result.ciiOperator', { level }), { citation: explanation.cite({ instrument: 'cn.mps-cii-mlps-guidance-2020', article: null }) });
  }
  const applies = system.hosting === 'mainland';
  const applicability = applies
    ? say('engine.mlps.applies.mainland')
    : system.hosting === 'overseas'
      ? say('engine.mlps.applies.overseas')
      : say('engine.mlps.applies.elsewhere', { hosting: system.hosting });
  explanation.step(say('engine.mlps.step.applies'), applicability, { citation: explanation.cite({ provision: 'csl.mlps-duties' }), facts: { hosting: system.hosting } });

  const obligations: Obligation[] = [];
  const logRetention = explanation.number('mlps.networkLogRetentionMonths');
  obligations.push(explanation.obligation('network_logs', say('engine.mlps.obligation.networkLogs.title'), say('engine.mlps.obligation.networkLogs.detail', { months: logRetention.value }), logRetention.citation));
  const expertReview = level >= 2;
  let psbFilingDays: number | null = null;
  let assessmentIntervalMonths: number | null = null;
  if (level === 1) {
    explanation.step(say('engine.mlps.step.expertReview'), say('engine.mlps.result.expertReview.level1'));
  } else {
    obligations.push(explanation.obligation('expert_review', say('engine.mlps.obligation.expertReview.title'), say('engine.mlps.obligation.expertReview.detail'), { instrument: 'cn.std.gbt-22240-2020', article: null }, true));
    const filing = explanation.number('mlps.psbFilingDays');
    const certificate = explanation.number('mlps.psbCertificateWorkingDays');
    psbFilingDays = filing.value;
    obligations.push(explanation.obligation('psb_filing', say('engine.mlps.obligation.psbFiling.title'), say('engine.mlps.obligation.psbFiling.detail', { filingDays: filing.value, certificateDays: certificate.value, level3: level >= 3 ? 'yes' : 'no' }), filing.citation));
    const validity = explanation.parameterIfInForce<number | null>('mlps.filingCertificateValidityYears');
    if (validity?.value != null) {
      obligations.push(explanation.obligation('filing_validity', say('engine.mlps.obligation.filingValidity.title'), say('engine.mlps.obligation.filingValidity.detail', { years: validity.value }), validity.citation, true));
    }
  }
  if (level === 2) {
    explanation.step(say('engine.mlps.step.cadence'), say('engine.mlps.result.cadence.level2'), { citation: explanation.cite({ instrument: 'cn.mlps-measures-2007', article: '14' }) });
  } else if (level === 3 || level === 4) {
    const interval = explanation.number(level === 3 ? 'mlps.assessmentIntervalMonths.level3' : 'mlps.assessmentIntervalMonths.level4');
    assessmentIntervalMonths = interval.value;
    obligations.push(explanation.obligation('assessment', say('engine.mlps.obligation.assessment.title'), say('engine.mlps.obligation.assessment.detail', { months: interval.value }), interval.citation, interval.needsLegalReview));
  } else if (level === 5) {
    obligations.push(explanation.obligation('assessment', say('engine.mlps.obligation.assessmentLevel5.title'), say('engine.mlps.obligation.assessmentLevel5.detail'), { instrument: 'cn.mlps-measures-2007', article: '14' }));
  }
  if (level >= 2) {
    obligations.push(explanation.obligation('assessor', say('engine.mlps.obligation.assessor.title'), say('engine.mlps.obligation.assessor.detail'), { instrument: 'cn.std.gbt-36959-2018', article: null }));
  }
  const cryptoMandatory = isCiio || level >= 3;
  if (isCiio) {
    obligations.push(explanation.obligation('crypto_assessment', say('engine.mlps.obligation.cryptoAssessment.title'), say('engine.mlps.obligation.cryptoAssessment.detail.cii'), { instrument: 'cn.commercial-crypto-regulations-2023', article: '38' }));
  } else if (level >= 3) {
    obligations.push(explanation.obligation('crypto_assessment', say('engine.mlps.obligation.cryptoAssessment.title'), say('engine.mlps.obligation.cryptoAssessment.detail.level3'), { instrument: 'cn.crypto-assessment-measures-2023', article: null }, true));
  } else {
    obligations.push(explanation.obligation('commercial_crypto', say('engine.mlps.obligation.commercialCrypto.title'), say('engine.mlps.obligation.commercialCrypto.detail'), { instrument: 'cn.commercial-crypto-regulations-2023', article: '41' }));
  }
  return {
    level,
    businessInformationLevel,
    systemServiceLevel,
    applies,
    applicability,
    expertReview,
    psbFilingDays,
    assessmentIntervalMonths,
    commercialCryptoAssessment: cryptoMandatory ? 'mandatory' : 'recommended',
    obligations,
    ...explanation.result(),
  };
}
