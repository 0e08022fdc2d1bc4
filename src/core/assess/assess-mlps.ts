// MLPS grade of one system by the GB/T 22240-2020 matrix, and the obligations that follow.
import type { SystemProfile, ImpactDegree, ImpactObject } from '../profile/profile-schema.ts';
import type { MlpsDetermination, Obligation } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';

/**
 * Rows: object harmed; columns: general, serious, especially serious harm. Harm to citizens and
 * organisations alone never exceeds level 2 (GB/T 22240-2020 level definitions; fact base §3.2).
 */
export const GRADING_MATRIX: Record<ImpactObject, Record<ImpactDegree, number>> = {
  citizens_and_organisations: { general: 1, serious: 2, especially_serious: 2 },
  social_order_and_public_interest: { general: 2, serious: 3, especially_serious: 4 },
  national_security: { general: 3, serious: 4, especially_serious: 5 },
};

export const LEVEL_NAMES: Record<number, string> = {
  1: '第一级 自主保护 (user discretion)',
  2: '第二级 指导保护 (guided protection)',
  3: '第三级 监督保护 (supervised protection)',
  4: '第四级 强制保护 (mandatory protection)',
  5: '第五级 专控保护 (specially controlled protection)',
};

export function gradeLevel(object: ImpactObject, degree: ImpactDegree): number {
  return GRADING_MATRIX[object][degree];
}

export function assessMlps(context: AssessContext, system: SystemProfile, isCiio: boolean): Omit<MlpsDetermination, 'gaps'> {
  const explanation = new Explanation(context);
  const grading = explanation.cite({ instrument: 'cn.std.gbt-22240-2020', article: null });
  const { businessInformation, systemService } = system.impact;
  const businessInformationLevel = gradeLevel(businessInformation.object, businessInformation.degree);
  const systemServiceLevel = gradeLevel(systemService.object, systemService.degree);
  explanation.step('Business-information security sub-grade', `${businessInformation.degree.replaceAll('_', ' ')} harm to ${businessInformation.object.replaceAll('_', ' ')}: level ${businessInformationLevel}.`, { citation: grading, facts: { ...businessInformation } });
  explanation.step('System-service security sub-grade', `${systemService.degree.replaceAll('_', ' ')} harm to ${systemService.object.replaceAll('_', ' ')}: level ${systemServiceLevel}.`, { citation: grading, facts: { ...systemService } });
  const level = Math.max(businessInformationLevel, systemServiceLevel);
  explanation.step('Final level', `The higher of the two: level ${level}, ${LEVEL_NAMES[level]}.`, { citation: grading });
  if (isCiio && level < 3) {
    explanation.review(`System ${system.id}: the firm is a notified CII operator; CII systems are in practice graded level 3 or higher, above the matrix result of level ${level}.`);
    explanation.step('CII operator', `The matrix gives level ${level}; CII systems are in practice graded level 3 or above.`, { citation: explanation.cite({ instrument: 'cn.mps-cii-mlps-guidance-2020', article: null }) });
  }
  const applies = system.hosting === 'mainland';
  const applicability = applies
    ? 'The system is a network in the mainland: the operator grades, files and protects it.'
    : system.hosting === 'overseas'
      ? 'Hosted outside the mainland, the system is not a network in the mainland today; the grade applies as soon as it is hosted or operated there (see the hosting recommendation).'
      : `Hosted in ${system.hosting.replace('_', ' ')}, outside the mainland frame; the grade applies if the system moves to the mainland.`;
  explanation.step('Does MLPS apply to the system as hosted?', applicability, { citation: explanation.cite({ provision: 'csl.mlps-duties' }), facts: { hosting: system.hosting } });

  const obligations: Obligation[] = [];
  const logRetention = explanation.number('mlps.networkLogRetentionMonths');
  obligations.push(explanation.obligation('network_logs', 'Network logs', `Monitor and record network status and security events; keep network logs for at least ${logRetention.value} months.`, logRetention.citation));
  const expertReview = level >= 2;
  let psbFilingDays: number | null = null;
  let assessmentIntervalMonths: number | null = null;
  if (level === 1) {
    explanation.step('Expert review and filing', 'Level 1: the operator may finalise the grade itself; no expert review and no PSB filing.');
  } else {
    obligations.push(explanation.obligation('expert_review', 'Expert review of the grade', 'Have the preliminary grade reviewed by experts, and by the competent sector authority where there is one.', { instrument: 'cn.std.gbt-22240-2020', article: null }, true));
    const filing = explanation.number('mlps.psbFilingDays');
    const certificate = explanation.number('mlps.psbCertificateWorkingDays');
    psbFilingDays = filing.value;
    obligations.push(explanation.obligation('psb_filing', 'PSB filing', `File with the city-level (or higher) public security organ within ${filing.value} days of grading a running system, or of going live for a new one; the certificate follows within ${certificate.value} working days of complete materials.${level >= 3 ? ' Level 3+ filings add topology, security organisation and rules, design, product list with certifications, the assessment report and the expert review opinion.' : ''}`, filing.citation));
    const validity = explanation.parameterIfInForce<number | null>('mlps.filingCertificateValidityYears');
    if (validity?.value != null) {
      obligations.push(explanation.obligation('filing_validity', 'Filing certificate validity (reported)', `Certificates reportedly valid ${validity.value} years, extended by one year after each completed assessment; L2+ systems re-file with the 2025 report templates.`, validity.citation, true));
    }
  }
  if (level === 2) {
    explanation.step('Assessment cadence', 'Level 2: no statutory interval; an assessment every two years is common practice (mandatory in some sectors).', { citation: explanation.cite({ instrument: 'cn.mlps-measures-2007', article: '14' }) });
  } else if (level === 3 || level === 4) {
    const interval = explanation.number(level === 3 ? 'mlps.assessmentIntervalMonths.level3' : 'mlps.assessmentIntervalMonths.level4');
    assessmentIntervalMonths = interval.value;
    obligations.push(explanation.obligation('assessment', 'MLPS assessment (等级测评)', `By an assessment body recognised in the MPS system, at least every ${interval.value} months, with self-inspection at the same cadence.`, interval.citation, interval.needsLegalReview));
  } else if (level === 5) {
    obligations.push(explanation.obligation('assessment', 'MLPS assessment', 'Level 5 is assessed under special requirements.', { instrument: 'cn.mlps-measures-2007', article: '14' }));
  }
  if (level >= 2) {
    obligations.push(explanation.obligation('assessor', 'Recognised assessment body', 'Assessment is done by a body recognised in the MPS system (capability requirements in GB/T 36959-2018), not by an auditor of the firm\'s choosing.', { instrument: 'cn.std.gbt-36959-2018', article: null }));
  }
  const cryptoMandatory = isCiio || level >= 3;
  if (isCiio) {
    obligations.push(explanation.obligation('crypto_assessment', 'Commercial-crypto assessment (密评)', 'Mandatory for CII: before going live and at least once a year, by an OSCCA-accredited body.', { instrument: 'cn.commercial-crypto-regulations-2023', article: '38' }));
  } else if (level >= 3) {
    obligations.push(explanation.obligation('crypto_assessment', 'Commercial-crypto assessment (密评)', 'Level 3+ systems are widely described as within the scope of the 2023 assessment measures; by an OSCCA-accredited body, requirements by level in GB/T 39786-2021.', { instrument: 'cn.crypto-assessment-measures-2023', article: null }, true));
  } else {
    obligations.push(explanation.obligation('commercial_crypto', 'Commercial cryptography', 'Use commercial cryptography as MLPS requires for the level (GB/T 39786-2021); an assessment is recommended, not mandated.', { instrument: 'cn.commercial-crypto-regulations-2023', article: '41' }));
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
