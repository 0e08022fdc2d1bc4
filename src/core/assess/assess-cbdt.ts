// Outbound transfer route for personal information (PIPL Art. 38), with one formula version per
// regime: the 2022 Assessment Measures (with the 2023 Standard Contract Measures from 2023-06-01)
// and the 2024 Provisions (with the Certification Measures from 2026-01-01).
import { addMonths } from '../law/dates.ts';
import { getInstrument, isInForce, numberParameter, selectFormula, type Citation, type FormulaVersion } from '../law/law-book.ts';
import { GBA_MAINLAND_CITIES, type TransferProfile } from '../profile/profile-schema.ts';
import type { CbdtDetermination, CbdtMechanism, Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, QuietExplanation, type AssessContext } from './explanation.ts';
import { sectorTransferEscalation } from '../sectors/registry.ts';
import type { InstrumentId, ParameterId } from '../law/content-ids.ts';

type Treatment = CbdtDetermination['transfers'][number];
type Option = CbdtDetermination['options'][number];

/** An outbound flow: a listed transfer, or collection into a system hosted outside the mainland. */
export interface OutboundFlow extends TransferProfile {
  implied: boolean;
}

const OUTSIDE_MAINLAND_HOSTING = new Set(['overseas', 'hong_kong', 'macau', 'taiwan']);
const HOSTING_DESTINATION: Record<string, string | null> = { hong_kong: 'HK', macau: 'MO', taiwan: 'TW', overseas: null };

/**
 * The flows the route is decided on. A system hosted outside the mainland that collects mainland
 * PI places that PI abroad as it collects it (PIPL Art. 3(2); the filing guides count it as
 * outbound). When the profile lists no transfer from such a system, Landfall adds one for its
 * registered users and says so.
 */
export function outboundFlows(context: AssessContext): OutboundFlow[] {
  const { profile } = context;
  const flows: OutboundFlow[] = profile.transfers.map((transfer) => ({ ...transfer, implied: false }));
  for (const system of profile.systems) {
    if (!OUTSIDE_MAINLAND_HOSTING.has(system.hosting) || !system.collectsMainlandPersonalInformation || !system.servesMainlandUsers) continue;
    if (profile.transfers.some((transfer) => transfer.fromSystem === system.id)) continue;
    const individuals = system.users.registered;
    flows.push({
      id: `${system.id}-direct-collection`,
      fromSystem: system.id,
      destination: HOSTING_DESTINATION[system.hosting] ?? null,
      recipient: profile.organisation.name,
      scenario: 'none',
      nonSensitiveIndividuals: individuals,
      sensitiveIndividuals: system.sensitivePersonalInformation.length > 0 ? individuals : 0,
      importantData: system.importantData === 'notified',
      remoteAccess: false,
      implied: true,
    });
  }
  return flows;
}

export interface RegimeOutcome {
  mechanism: CbdtMechanism;
  treatments: Treatment[];
  counted: { nonSensitive: number; sensitive: number; transfers: string[]; method: string };
}

type Evaluate = (context: AssessContext, explanation: Explanation, flows: OutboundFlow[]) => RegimeOutcome;

function windowStart(asOf: string, window: string): string {
  const year = Number(asOf.slice(0, 4));
  return window === 'calendar_year_to_date' ? `${year}-01-01` : `${year - 1}-01-01`;
}

function baseTreatment(flow: OutboundFlow): Omit<Treatment, 'treatment' | 'reason'> {
  return {
    transfer: flow.id,
    fromSystem: flow.fromSystem ?? null,
    destination: flow.destination,
    implied: flow.implied,
    recipient: flow.recipient ?? null,
    remoteAccess: flow.remoteAccess,
    nonSensitiveIndividuals: flow.nonSensitiveIndividuals,
    sensitiveIndividuals: flow.sensitiveIndividuals,
  };
}

const sumOf = (flows: Treatment[], key: 'nonSensitiveIndividuals' | 'sensitiveIndividuals') =>
  flows.reduce((total, flow) => total + flow[key], 0);

/** 2022 Assessment Measures Art. 4; below its triggers every PI export needs an Art. 38 mechanism. */
const evaluate2022: Evaluate = (context, explanation, flows) => {
  const { profile } = context;
  const isCiio = profile.organisation.ciiNotified;
  const treatments: Treatment[] = [];
  for (const flow of flows) {
    const base = baseTreatment(flow);
    const hasPi = flow.nonSensitiveIndividuals + flow.sensitiveIndividuals > 0 || flow.scenario !== 'no_personal_information';
    const system = profile.systems.find((candidate) => candidate.id === flow.fromSystem);
    if (flow.importantData) {
      treatments.push({ ...base, treatment: 'assessment_required', reason: 'Carries important data.', citation: explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(1)' }) });
    } else if (system?.importantData === 'suspected') {
      explanation.review(`Transfer ${flow.id}: under the 2022 Measures important data was not limited to notified data, so data the handler suspects is important needed an assessment once identified.`);
      treatments.push({ ...base, treatment: 'assessment_required', reason: `The source system ${system.id} may hold important data, which the 2022 Measures did not limit to notified data.`, citation: explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(1)' }) });
    } else if (flow.scenario === 'no_personal_information' && !hasPi) {
      treatments.push({ ...base, treatment: 'out_of_scope', reason: 'No personal information and no important data.', citation: explanation.cite({ instrument: 'cn.pipl', article: '38' }) });
    } else if (isCiio) {
      treatments.push({ ...base, treatment: 'assessment_required', reason: 'The handler is a notified CII operator.', citation: explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(2)' }) });
    } else {
      const scenarioNote = flow.scenario !== 'none' && flow.scenario !== 'no_personal_information'
        ? ` The ${flow.scenario.replaceAll('_', ' ')} exemption only arrived with the 2024 Provisions, so it is counted.`
        : '';
      treatments.push({ ...base, treatment: 'counted', reason: `Counted towards the handler's volumes.${scenarioNote}` });
      if (flow.scenario === 'foreign_data_in_transit') {
        explanation.review(`Transfer ${flow.id}: whether foreign PI in transit was within the 2022 Measures' scope was unsettled before the 2024 Provisions (Art. 4).`);
      }
    }
  }
  const counted = treatments.filter((treatment) => treatment.treatment === 'counted');
  const nonSensitive = sumOf(counted, 'nonSensitiveIndividuals');
  const sensitive = sumOf(counted, 'sensitiveIndividuals');
  const allIndividuals = nonSensitive + sensitive;
  const anyPi = treatments.some((treatment) => treatment.treatment !== 'out_of_scope');

  const processedTrigger = explanation.parameter<number | null>('cbdt.assessment.processedIndividualsAtLeast');
  const allTrigger = explanation.number('cbdt.assessment.nonSensitiveAtLeast');
  const sensitiveTrigger = explanation.number('cbdt.assessment.sensitiveAtLeast');

  let mechanism: CbdtMechanism = treatments.length === 0 ? 'none' : anyPi ? 'standard_contract_or_certification' : 'exempt';
  const required = treatments.filter((treatment) => treatment.treatment === 'assessment_required');
  explanation.step('Important data or a CII operator among the transfers?', required.length > 0 ? `Yes: ${required.map((t) => t.transfer).join(', ')} need a security assessment.` : 'No.', {
    citation: explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(1)-(2)' }),
  });
  if (required.length > 0) mechanism = 'security_assessment';

  const processed = profile.organisation.individualsProcessed;
  if (processedTrigger.value != null && anyPi) {
    const hit = processed >= processedTrigger.value;
    explanation.step(`Does the handler process PI of ${formatCount(processedTrigger.value)} or more individuals (${processedTrigger.wording})?`, `${formatCount(processed)} processed: ${hit ? 'yes, any PI export needs a security assessment' : 'no'}.`, {
      citation: processedTrigger.citation,
      facts: { individualsProcessed: processed },
    });
    if (hit) mechanism = 'security_assessment';
  }
  const volumeHit = allIndividuals >= allTrigger.value || sensitive >= sensitiveTrigger.value;
  explanation.step(
    `Since 1 January of the previous year, PI of ${formatCount(allTrigger.value)} or more individuals, or sensitive PI of ${formatCount(sensitiveTrigger.value)} or more?`,
    `${formatCount(allIndividuals)} individuals (non-sensitive plus sensitive counts), ${formatCount(sensitive)} with sensitive PI: ${volumeHit ? 'yes, security assessment' : 'no'}.`,
    { citation: allTrigger.citation, facts: { nonSensitive, sensitive } },
  );
  if (volumeHit) mechanism = 'security_assessment';
  if (mechanism === 'standard_contract_or_certification') {
    explanation.step('Below the assessment triggers: which mechanism?', 'Every outbound transfer of PI needs one of the PIPL Art. 38 mechanisms; there is no volume exemption before 2024.', {
      citation: explanation.cite({ instrument: 'cn.pipl', article: '38' }),
    });
  }
  return {
    mechanism,
    treatments,
    counted: {
      nonSensitive,
      sensitive,
      transfers: counted.map((treatment) => treatment.transfer),
      method: 'Distinct individuals per transfer, summed over every counted transfer of the handler (volumes may not be split). The 2022 test counts PI of all individuals, so non-sensitive and sensitive counts are added, which overstates where the same people appear in both.',
    },
  };
};

/** 2024 Provisions: the decision table of fact base §1.4, in its order. */
const evaluate2024: Evaluate = (context, explanation, flows) => {
  const { profile } = context;
  const isCiio = profile.organisation.ciiNotified;
  const treatments: Treatment[] = [];
  const provisions = 'cn.cbdt.provisions-2024';
  for (const flow of flows) {
    const base = baseTreatment(flow);
    const hasPi = flow.nonSensitiveIndividuals + flow.sensitiveIndividuals > 0;
    if (flow.scenario === 'no_personal_information' && !flow.importantData && !hasPi) {
      treatments.push({ ...base, treatment: 'exempt', reason: 'Trade, transport, academic or manufacturing data with no PI and no important data.', citation: explanation.cite({ instrument: provisions, article: '3' }) });
    } else if (flow.scenario === 'foreign_data_in_transit' && !flow.importantData) {
      treatments.push({ ...base, treatment: 'exempt', reason: 'PI collected abroad, processed in the mainland and sent back without adding mainland PI or important data.', citation: explanation.cite({ instrument: provisions, article: '4' }) });
    } else if (flow.scenario === 'ftz_outside_negative_list') {
      explanation.review(`Transfer ${flow.id}: confirm the data is outside the ${profile.organisation.freeTradeZone} negative list in force; list dates are unconfirmed.`);
      treatments.push({ ...base, treatment: 'exempt', reason: `Data outside the negative list of ${profile.organisation.freeTradeZone}.`, citation: explanation.cite({ instrument: provisions, article: '6' }) });
    } else if (flow.importantData) {
      treatments.push({ ...base, treatment: 'assessment_required', reason: 'Carries data notified or published as important data.', citation: explanation.cite({ instrument: provisions, article: '7' }) });
    } else if (flow.scenario === 'contract_with_individual' || flow.scenario === 'cross_border_hr' || flow.scenario === 'emergency') {
      const clause = { contract_with_individual: '5(1)', cross_border_hr: '5(2)', emergency: '5(3)' }[flow.scenario];
      const what = {
        contract_with_individual: 'Necessary to conclude or perform a contract to which the individual is a party.',
        cross_border_hr: 'Necessary for cross-border HR management under lawful labour rules and collective contracts.',
        emergency: 'Necessary in an emergency to protect life, health or property.',
      }[flow.scenario];
      if (isCiio) explanation.review(`Transfer ${flow.id}: that the Art. 5(1)-(3) exemptions also reach CII operators is a reading of the article's wording, not confirmed verbatim.`);
      explanation.review(`Transfer ${flow.id}: the exemption covers only PI strictly necessary for the scenario; confirm that the flow carries nothing more.`);
      treatments.push({ ...base, treatment: 'exempt', reason: what, citation: explanation.cite({ instrument: provisions, article: clause }) });
    } else if (isCiio && hasPi) {
      treatments.push({ ...base, treatment: 'assessment_required', reason: 'A notified CII operator provides PI abroad.', citation: explanation.cite({ instrument: provisions, article: '7(1)' }) });
    } else {
      treatments.push({ ...base, treatment: 'counted', reason: "Counted towards the handler's volumes." });
    }
  }
  const exempt = treatments.filter((treatment) => treatment.treatment === 'exempt');
  explanation.step('Scenario exemptions (Arts. 3-6) apply to which transfers?', exempt.length > 0 ? `${exempt.map((t) => t.transfer).join(', ')}; they are not counted.` : 'None.', {
    citation: explanation.cite({ instrument: provisions, article: '3-6' }),
  });
  const required = treatments.filter((treatment) => treatment.treatment === 'assessment_required');
  explanation.step('Notified important data, or a CII operator providing PI?', required.length > 0 ? `Yes: ${required.map((t) => t.transfer).join(', ')} need a security assessment.` : 'No.', {
    citation: explanation.cite({ instrument: provisions, article: '7' }),
    facts: { ciiNotified: isCiio },
  });

  const counted = treatments.filter((treatment) => treatment.treatment === 'counted');
  const nonSensitive = sumOf(counted, 'nonSensitiveIndividuals');
  const sensitive = sumOf(counted, 'sensitiveIndividuals');
  const assessmentNonSensitive = explanation.number('cbdt.assessment.nonSensitiveAtLeast');
  const assessmentSensitive = explanation.number('cbdt.assessment.sensitiveAtLeast');
  const contractFloor = explanation.number('cbdt.contract.nonSensitiveAtLeast');

  let mechanism: CbdtMechanism;
  if (treatments.length === 0) mechanism = 'none';
  else if (required.length > 0) mechanism = 'security_assessment';
  else mechanism = 'exempt';

  const volumeAssessment = nonSensitive >= assessmentNonSensitive.value || sensitive >= assessmentSensitive.value;
  explanation.step(
    `Since 1 January this year, non-sensitive PI of ${formatCount(assessmentNonSensitive.value)} or more individuals, or sensitive PI of ${formatCount(assessmentSensitive.value)} or more?`,
    `${formatCount(nonSensitive)} non-sensitive, ${formatCount(sensitive)} sensitive: ${volumeAssessment ? 'yes, security assessment' : 'no'}.`,
    { citation: assessmentNonSensitive.citation, facts: { nonSensitive, sensitive } },
  );
  if (volumeAssessment) mechanism = 'security_assessment';
  else if (mechanism !== 'security_assessment') {
    const band = sensitive >= 1 || nonSensitive >= contractFloor.value;
    explanation.step(
      `${formatCount(contractFloor.value)} to ${formatCount(assessmentNonSensitive.value - 1)} non-sensitive individuals, or any sensitive PI below ${formatCount(assessmentSensitive.value)}?`,
      band ? 'Yes: a standard contract or certification is required (应当), the handler chooses.' : 'No.',
      { citation: contractFloor.citation },
    );
    if (band) mechanism = 'standard_contract_or_certification';
    else if (counted.length > 0) {
      explanation.step(
        `Below ${formatCount(contractFloor.value)} non-sensitive individuals with no sensitive PI, and not a CII operator?`,
        'Yes: exempt from all three mechanisms.',
        { citation: explanation.cite({ instrument: provisions, article: '5(4)' }) },
      );
    }
  }
  return {
    mechanism,
    treatments,
    counted: {
      nonSensitive,
      sensitive,
      transfers: counted.map((treatment) => treatment.transfer),
      method: 'Distinct individuals per transfer, summed over every transfer of the handler outside the exempt scenarios (volumes may not be split); non-sensitive PI excludes sensitive PI.',
    },
  };
};

const CBDT_FORMULAS: ReadonlyArray<FormulaVersion<Evaluate>> = [
  { instrument: 'cn.cbdt.assessment-measures-2022', evaluate: evaluate2022 },
  { instrument: 'cn.cbdt.provisions-2024', evaluate: evaluate2024 },
];

function mechanismOptions(context: AssessContext, explanation: Explanation, outcome: RegimeOutcome, flows: OutboundFlow[]): Option[] {
  const { book, asOf, profile } = context;
  const options: Option[] = [];
  if (outcome.mechanism === 'security_assessment') {
    options.push({
      id: 'security_assessment',
      title: 'CAC security assessment',
      available: true,
      detail: 'Filed through the provincial CAC to the national CAC.',
      citation: explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4' }),
      needsLegalReview: false,
    });
  }
  if (outcome.mechanism !== 'standard_contract_or_certification') return options;

  const sccInForce = isInForce(book, 'cn.cbdt.standard-contract-measures-2023', asOf);
  const sccEligibilityBelow = explanation.parameterIfInForce<number | null>('cbdt.scc.processedIndividualsBelow');
  const sccBlockedByProcessing = sccEligibilityBelow?.value != null && profile.organisation.individualsProcessed >= sccEligibilityBelow.value;
  options.push({
    id: 'standard_contract',
    title: 'CAC standard contract, filed with the provincial CAC',
    available: sccInForce && !sccBlockedByProcessing,
    detail: !sccInForce
      ? `Not yet available: the Standard Contract Measures take effect on ${getInstrument(book, 'cn.cbdt.standard-contract-measures-2023').effective}.`
      : sccBlockedByProcessing
        ? 'Not available: the handler processes PI of 1,000,000 or more individuals.'
        : 'Use the published contract unchanged; added clauses must not conflict with it.',
    citation: explanation.cite({ instrument: 'cn.cbdt.standard-contract-measures-2023', article: sccEligibilityBelow?.value != null ? '4' : null }),
    needsLegalReview: false,
  });
  const certificationMeasures = isInForce(book, 'cn.cbdt.certification-measures-2025', asOf);
  const certificationAnnouncement = isInForce(book, 'cn.cbdt.pi-certification-announcement-2022', asOf);
  options.push({
    id: 'certification',
    title: 'PI protection certification by an accredited certification body',
    available: certificationMeasures || certificationAnnouncement,
    detail: certificationMeasures
      ? 'Under the Certification Measures: not a CII operator, in the standard-contract band, and no important data in the PI provided.'
      : certificationAnnouncement
        ? `Under the 2022 certification announcement and its implementation rules (the Certification Measures take effect on ${getInstrument(book, 'cn.cbdt.certification-measures-2025').effective}).`
        : 'No certification route in force yet.',
    citation: explanation.cite({ instrument: certificationMeasures ? 'cn.cbdt.certification-measures-2025' : 'cn.cbdt.pi-certification-announcement-2022', article: null }),
    needsLegalReview: false,
  });
  if (!options.some((option) => option.available)) {
    explanation.review('No standard contract or certification route was in force on this date although PIPL Art. 38 required a mechanism.');
  }

  const city = profile.organisation.mainlandCity?.trim().toLowerCase() ?? null;
  const inGba = city != null && (GBA_MAINLAND_CITIES as readonly string[]).includes(city);
  for (const destination of ['HK', 'MO'] as const) {
    const gbaFlows = flows.filter((flow) => flow.destination === destination && !flow.importantData);
    if (gbaFlows.length === 0) continue;
    const instrument = destination === 'HK' ? 'cn.cbdt.gba-hk-guidelines-2023' : 'cn.cbdt.gba-macau-guidelines-2024';
    if (!isInForce(book, instrument, asOf)) continue;
    let detail = `For ${gbaFlows.map((flow) => flow.id).join(', ')} to ${destination === 'HK' ? 'Hong Kong' : 'Macau'}: both parties registered in the nine mainland GBA cities or in ${destination === 'HK' ? 'Hong Kong' : 'Macau'}; PIPIA first; filed within 10 working days (Guangdong CAC on the mainland side).`;
    if (destination === 'HK' && !explanation.parameter<boolean>('cbdt.gba.hongKongAllSectors').value) {
      // The date the pilot ends is the date the parameter turns true.
      const opens = context.book.parameters.get('cbdt.gba.hongKongAllSectors' satisfies ParameterId)?.values.find((value) => value.value === true)?.from;
      detail += ` The Hong Kong side is a pilot for banking, credit referencing and healthcare${opens ? ` until ${opens}` : ''}.`;
    }
    if (city == null) detail += ' Available only if the mainland entity is registered in one of the nine GBA cities: not stated.';
    options.push({
      id: 'gba_standard_contract',
      title: `Greater Bay Area standard contract (Mainland-${destination === 'HK' ? 'Hong Kong' : 'Macau'})`,
      available: inGba,
      detail,
      citation: explanation.cite({ instrument, article: null }),
      needsLegalReview: true,
    });
    if (inGba) explanation.review('The GBA standard contract is reported to drop the national volume thresholds and CIIO test; verify the Guidelines Arts. 3-9.');
  }
  return options;
}

function survivingDuties(explanation: Explanation): Obligation[] {
  const retention = explanation.number('cbdt.pipia.retentionYears');
  return [
    explanation.obligation('notice', 'Notice to individuals', "Tell individuals the recipient's name and contact details, the purposes, methods and PI categories, and how to exercise their rights against the recipient. Never exempted.", { instrument: 'cn.pipl', article: '39' }),
    explanation.obligation('separate_consent', 'Separate consent', 'Obtain separate consent (单独同意) for the transfer where consent is the lawful basis; another lawful basis (contract, HR, emergency) removes the consent but not the notice.', { instrument: 'cn.pipl', article: '39' }),
    explanation.obligation('pipia', 'PI protection impact assessment', `Carry out a PIPIA before providing PI abroad, and keep the report and processing records for at least ${retention.value} years.`, { instrument: 'cn.pipl', article: '55-56' }),
    explanation.obligation('recipient_protection', 'Recipient protection', "Ensure the recipient's processing meets the PIPL standard of protection.", { instrument: 'cn.pipl', article: '38' }),
    explanation.obligation('foreign_authorities', 'Requests from foreign authorities', 'Do not provide PI stored in the mainland to foreign judicial or law-enforcement bodies without approval of the competent authority.', { instrument: 'cn.pipl', article: '41' }),
  ];
}

function procedureFor(context: AssessContext, explanation: Explanation, mechanism: CbdtMechanism): Obligation[] {
  const { book, asOf } = context;
  const steps: Obligation[] = [];
  if (mechanism === 'security_assessment') {
    const selfAssessment = explanation.number('cbdt.assessment.selfAssessmentMaxAgeMonths');
    const completeness = explanation.number('cbdt.assessment.completenessCheckWorkingDays');
    const acceptance = explanation.number('cbdt.assessment.acceptanceWorkingDays');
    const review = explanation.number('cbdt.assessment.reviewWorkingDays');
    const reReview = explanation.number('cbdt.assessment.reReviewApplyWorkingDays');
    const validity = explanation.number('cbdt.assessment.validityYears');
    const renewal = explanation.number('cbdt.assessment.renewalWorkingDaysBeforeExpiry');
    const extension = explanation.parameter<number | null>('cbdt.assessment.extensionYears');
    steps.push(
      explanation.obligation('self_assessment', 'Outbound-risk self-assessment', `Complete it no more than ${selfAssessment.value} months before filing.`, { instrument: 'cn.cbdt.assessment-measures-2022', article: '5' }),
      explanation.obligation('filing', 'Filing and acceptance', `Provincial CAC completeness check within ${completeness.value} working days; CAC acceptance decision within ${acceptance.value} working days.`, { instrument: 'cn.cbdt.assessment-measures-2022', article: '7' }),
      explanation.obligation('assessment', 'Assessment', `${review.value} working days from the acceptance notice, extendable without a stated cap.`, { instrument: 'cn.cbdt.assessment-measures-2022', article: '12' }),
      explanation.obligation('re_review', 'Re-review', `May be requested within ${reReview.value} working days of the result; the re-review is final.`, { instrument: 'cn.cbdt.assessment-measures-2022', article: '13' }),
      explanation.obligation('validity', 'Validity and renewal', extension.value != null
        ? `Valid ${validity.value} years; apply for an extension within ${renewal.value} working days before expiry, which if approved adds ${extension.value} years.`
        : `Valid ${validity.value} years; re-file ${renewal.value} working days before expiry.`, validity.citation),
      explanation.obligation('refile_on_change', 'Re-filing on change', 'Re-file within the validity period when the purpose, method, scope or type of data, the recipient, the contract, control of the handler or the destination law changes.', { instrument: 'cn.cbdt.assessment-measures-2022', article: '14' }),
    );
    const growthCap = explanation.parameterIfInForce<number | null>('cbdt.assessment.extensionGrowthCapPercent');
    if (growthCap?.value != null) {
      steps.push(explanation.obligation('extension_growth_condition', 'Extension condition (reported)', `Extension is reportedly conditioned on the number of individuals growing by no more than ${growthCap.value}% over the next three years.`, growthCap.citation, true));
    }
  }
  if (mechanism === 'standard_contract_or_certification' && isInForce(book, 'cn.cbdt.standard-contract-measures-2023', asOf)) {
    const filing = explanation.number('cbdt.scc.filingWorkingDays');
    const review = explanation.number('cbdt.scc.reviewWorkingDays');
    steps.push(
      explanation.obligation('scc_filing', 'Standard contract filing', `File the contract and the PIPIA report with the provincial CAC within ${filing.value} working days of the contract's effective date; the filer must be a legal person (a group parent may file for members).`, filing.citation),
      explanation.obligation('scc_review', 'Provincial review', `The provincial CAC checks the materials within ${review.value} working days.`, review.citation, review.needsLegalReview),
    );
  }
  if (mechanism === 'standard_contract_or_certification' && isInForce(book, 'cn.cbdt.certification-measures-2025', asOf)) {
    const validity = explanation.number('cbdt.certification.validityYears');
    steps.push(explanation.obligation('certification_validity', 'Certificate validity', `A PI-export certificate is valid for ${validity.value} years.`, validity.citation));
  }
  return steps;
}

/** Transition periods for transfers that predate a regime, shown while they run. */
function graceNotes(context: AssessContext, explanation: Explanation): void {
  const { book, asOf } = context;
  const periods: Array<{ instrument: InstrumentId; parameter: ParameterId; what: string }> = [
    { instrument: 'cn.cbdt.assessment-measures-2022', parameter: 'cbdt.assessment.graceMonths', what: 'Transfers that predate the Assessment Measures' },
    { instrument: 'cn.cbdt.standard-contract-measures-2023', parameter: 'cbdt.scc.graceMonths', what: 'Transfers under contracts that predate the Standard Contract Measures' },
  ];
  for (const period of periods) {
    const start = getInstrument(book, period.instrument).effective;
    if (asOf < start) continue;
    // Read without recording: the citation is kept only when the period is still running.
    const months = numberParameter(book, period.parameter, asOf);
    const end = addMonths(start, months.value);
    if (asOf < end) explanation.step(`${period.what}?`, `Have ${months.value} months from ${start}, to ${end}, to comply.`, { citation: months.citation });
  }
}

/**
 * The route alone on the context's date: the regime in force decides the same flows, without the
 * options, duties and procedure that follow. `regimeCitation` is the regime assessCbdt cites first.
 */
export function cbdtRoute(context: AssessContext): { mechanism: CbdtMechanism; regimeCitation: Citation } {
  const explanation = new QuietExplanation(context);
  const formula = selectFormula(context.book, CBDT_FORMULAS, context.asOf);
  const regimeCitation = explanation.cite({ instrument: formula.instrument, article: null });
  return { mechanism: formula.evaluate(context, explanation, outboundFlows(context)).mechanism, regimeCitation };
}

export function assessCbdt(context: AssessContext): CbdtDetermination {
  const { book, asOf } = context;
  const explanation = new Explanation(context);
  const formula = selectFormula(book, CBDT_FORMULAS, asOf);
  const regimeInstrument = getInstrument(book, formula.instrument);
  explanation.step('Which regime governs on this date?', `${regimeInstrument.shortTitle}, in force since ${regimeInstrument.effective}.`, {
    citation: explanation.cite({ instrument: formula.instrument, article: null }),
  });
  const window = explanation.parameter<'since_previous_calendar_year_start' | 'calendar_year_to_date'>('cbdt.window');
  const start = windowStart(asOf, window.value);
  explanation.step('Counting window', `Distinct individuals since ${start} (${window.wording}); the profile's counts are read as the counts for this window.`, { citation: window.citation });

  const flows = outboundFlows(context);
  for (const flow of flows.filter((candidate) => candidate.implied)) {
    explanation.step(`System ${flow.fromSystem} is hosted outside the mainland and collects mainland PI`, `Its collection is an outbound flow; Landfall counts its ${formatCount(flow.nonSensitiveIndividuals)} registered users${flow.sensitiveIndividuals > 0 ? ' (all with sensitive PI)' : ''} as ${flow.id}.`, {
      citation: explanation.cite({ instrument: 'cn.pipl', article: '3' }),
    });
  }
  if (flows.some((flow) => flow.remoteAccess)) {
    explanation.step('Remote access from abroad', `${flows.filter((flow) => flow.remoteAccess).map((flow) => flow.id).join(', ')}: overseas query, retrieval or download of data stored in the mainland counts as providing it abroad.`, {
      citation: explanation.cite({ instrument: 'cn.cbdt.scc-filing-guide-v1-2023', article: null }),
    });
  }
  const regional = flows.filter((flow) => flow.destination === 'HK' || flow.destination === 'MO' || flow.destination === 'TW');
  if (regional.length > 0) {
    explanation.step('Transfers to Hong Kong, Macau or Taiwan', `${regional.map((flow) => flow.id).join(', ')} leave the mainland: they are outbound under PIPL like any other destination.`, {
      citation: explanation.cite({ instrument: 'cn.pipl', article: '38' }),
    });
  }

  graceNotes(context, explanation);
  const outcome = formula.evaluate(context, explanation, flows);
  const options = mechanismOptions(context, explanation, outcome, flows);
  const sectorEscalation = sectorTransferEscalation(context, explanation, outcome);
  const exemptions = outcome.treatments
    .filter((treatment) => treatment.treatment === 'exempt' && treatment.citation)
    .map((treatment) => ({ transfer: treatment.transfer, basis: treatment.reason, citation: treatment.citation! }));
  const duties = outcome.mechanism === 'none' ? [] : survivingDuties(explanation);
  if (outcome.mechanism === 'exempt' && duties.length > 0) {
    explanation.step('Duties that survive the exemption', 'Notice, separate consent (or another lawful basis) and the PIPIA still apply; the exemption removes only the filing or approval mechanism.', {
      citation: explanation.cite({ instrument: 'cn.pipl', article: '55' }),
    });
  }
  const procedure = procedureFor(context, explanation, outcome.mechanism);

  return {
    regime: { id: formula.instrument, title: regimeInstrument.shortTitle, effective: formula.effective },
    mechanism: outcome.mechanism,
    options,
    counted: {
      nonSensitiveIndividuals: outcome.counted.nonSensitive,
      sensitiveIndividuals: outcome.counted.sensitive,
      window: window.value,
      windowStart: start,
      transfers: outcome.counted.transfers,
      method: outcome.counted.method,
    },
    transfers: outcome.treatments,
    exemptions,
    duties,
    procedure,
    sectorEscalation,
    ...explanation.result(),
  };
}
