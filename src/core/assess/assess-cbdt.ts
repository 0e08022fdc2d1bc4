// Outbound transfer route for personal information (PIPL Art. 38), with one formula version per
// regime: the 2022 Assessment Measures (with the 2023 Standard Contract Measures from 2023-06-01)
// and the 2024 Provisions (with the Certification Measures from 2026-01-01).
import { addMonths } from '../law/dates.ts';
import { getInstrument, isInForce, lawDay, numberParameterOn, readParameterIfInForceOn, selectFormula, type Citation, type FormulaVersion } from '../law/law-book.ts';
import type { LawBook } from '../law/content-schema.ts';
import { GBA_MAINLAND_CITIES, type TransferProfile } from '../profile/profile-schema.ts';
import type { CbdtDetermination, CbdtMechanism, Obligation } from './assessment-schema.ts';
import { Explanation, formatCount, QuietExplanation, type AssessContext, type Say } from './explanation.ts';
import { LawDayBlocks, type DayBlocks } from './law-day-blocks.ts';
import { sectorTransferEscalation } from '../sectors/registry.ts';
import type { InstrumentId, ParameterId } from '../law/content-ids.ts';
import { findBy } from '../list-lookup.ts';

type Treatment = CbdtDetermination['transfers'][number];
type Option = CbdtDetermination['options'][number];

/** An outbound flow: a listed transfer, or collection into a system hosted outside the mainland. */
export interface OutboundFlow extends TransferProfile {
  /** Derived by Landfall (collection into a system hosted outside the mainland); absent on a listed transfer. */
  implied?: true;
}

const OUTSIDE_MAINLAND_HOSTING = new Set(['overseas', 'hong_kong', 'macau', 'taiwan']);
const HOSTING_DESTINATION: Record<string, string | null> = { hong_kong: 'HK', macau: 'MO', taiwan: 'TW', overseas: null };

/**
 * The flows the route is decided on. A system hosted outside the mainland that collects mainland
 * PI places that PI abroad as it collects it (PIPL Art. 3(2); the filing guides count it as
 * outbound). When the profile lists no transfer from such a system, Landfall adds one for its
 * registered users and says so. The listed transfers are the profile's own objects, not copies.
 */
export function outboundFlows(context: AssessContext): readonly OutboundFlow[] {
  const { profile } = context;
  let flows: OutboundFlow[] | undefined;
  for (const system of profile.systems) {
    if (!OUTSIDE_MAINLAND_HOSTING.has(system.hosting) || !system.collectsMainlandPersonalInformation || !system.servesMainlandUsers) continue;
    if (findBy(profile.transfers, 'fromSystem', system.id) !== undefined) continue;
    const individuals = system.users.registered;
    flows ??= profile.transfers.slice();
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
  return flows ?? profile.transfers;
}

export interface RegimeOutcome {
  mechanism: CbdtMechanism;
  treatments: Treatment[];
  counted: { nonSensitive: number; sensitive: number; transfers: string[]; method: string };
}

/** `day` holds what the formula works out once per law day (its sentences that name only the day's thresholds). */
type Evaluate = (context: AssessContext, explanation: Explanation, flows: readonly OutboundFlow[], day: DayBlocks) => RegimeOutcome;

function windowStart(asOf: string, window: string): string {
  const year = Number(asOf.slice(0, 4));
  return window === 'calendar_year_to_date' ? `${year}-01-01` : `${year - 1}-01-01`;
}

/**
 * A flow's treatment, its fields in the schema's order. Written out rather than spread from the
 * flow: a spread per flow cost more than the rule that decides the treatment.
 */
function treated(flow: OutboundFlow, treatment: Treatment['treatment'], reason: string, citation?: Citation): Treatment {
  const entry: Treatment = {
    transfer: flow.id,
    fromSystem: flow.fromSystem ?? null,
    destination: flow.destination,
    implied: flow.implied === true,
    recipient: flow.recipient ?? null,
    remoteAccess: flow.remoteAccess,
    nonSensitiveIndividuals: flow.nonSensitiveIndividuals,
    sensitiveIndividuals: flow.sensitiveIndividuals,
    treatment,
    reason,
  };
  if (citation) entry.citation = citation;
  return entry;
}

const sumOf = (flows: Treatment[], key: 'nonSensitiveIndividuals' | 'sensitiveIndividuals') =>
  flows.reduce((total, flow) => total + flow[key], 0);

/** 2022 Assessment Measures Art. 4; below its triggers every PI export needs an Art. 38 mechanism. */
const evaluate2022: Evaluate = (context, explanation, flows) => {
  const { profile } = context;
  const { say } = explanation;
  const isCiio = profile.organisation.ciiNotified;
  const treatments: Treatment[] = [];
  for (const flow of flows) {
    const hasPi = flow.nonSensitiveIndividuals + flow.sensitiveIndividuals > 0 || flow.scenario !== 'no_personal_information';
    const system = findBy(profile.systems, 'id', flow.fromSystem);
    if (flow.importantData) {
      treatments.push(treated(flow, 'assessment_required', say('engine.cbdt.reason.importantData2022'), explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(1)' })));
    } else if (system?.importantData === 'suspected') {
      explanation.review(say('engine.cbdt.review.suspectedImportant2022', { transfer: flow.id }));
      treatments.push(treated(flow, 'assessment_required', say('engine.cbdt.reason.suspectedImportant2022', { system: system.id }), explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(1)' })));
    } else if (flow.scenario === 'no_personal_information' && !hasPi) {
      treatments.push(treated(flow, 'out_of_scope', say('engine.cbdt.reason.noPersonalInformation2022'), explanation.cite({ instrument: 'cn.pipl', article: '38' })));
    } else if (isCiio) {
      treatments.push(treated(flow, 'assessment_required', say('engine.cbdt.reason.cii2022'), explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(2)' })));
    } else {
      treatments.push(treated(flow, 'counted', say('engine.cbdt.reason.counted2022', { scenario: flow.scenario })));
      if (flow.scenario === 'foreign_data_in_transit') {
        explanation.review(say('engine.cbdt.review.transit2022', { transfer: flow.id }));
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
  explanation.step(say('engine.cbdt.step.required2022'), required.length > 0 ? say('engine.cbdt.result.assessmentRequired', { transfers: required.map((t) => t.transfer).join(', ') }) : say('engine.cbdt.no'), {
    citation: explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4(1)-(2)' }),
  });
  if (required.length > 0) mechanism = 'security_assessment';

  const processed = profile.organisation.individualsProcessed;
  if (processedTrigger.value != null && anyPi) {
    const hit = processed >= processedTrigger.value;
    explanation.step(say('engine.cbdt.step.processed2022', { trigger: formatCount(processedTrigger.value), wording: String(processedTrigger.wording) }), say('engine.cbdt.result.processed2022', { processed: formatCount(processed), hit: hit ? 'yes' : 'no' }), {
      citation: processedTrigger.citation,
      facts: { individualsProcessed: processed },
    });
    if (hit) mechanism = 'security_assessment';
  }
  const volumeHit = allIndividuals >= allTrigger.value || sensitive >= sensitiveTrigger.value;
  explanation.step(
    say('engine.cbdt.step.volume2022', { all: formatCount(allTrigger.value), sensitive: formatCount(sensitiveTrigger.value) }),
    say('engine.cbdt.result.volume2022', { all: formatCount(allIndividuals), sensitive: formatCount(sensitive), hit: volumeHit ? 'yes' : 'no' }),
    { citation: allTrigger.citation, facts: { nonSensitive, sensitive } },
  );
  if (volumeHit) mechanism = 'security_assessment';
  if (mechanism === 'standard_contract_or_certification') {
    explanation.step(say('engine.cbdt.step.mechanism2022'), say('engine.cbdt.result.mechanism2022'), {
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
      method: say('engine.cbdt.method2022'),
    },
  };
};

/** 2024 Provisions: the decision table of fact base §1.4, in its order. */
const evaluate2024: Evaluate = (context, explanation, flows, day) => {
  const { profile } = context;
  const { say } = explanation;
  const isCiio = profile.organisation.ciiNotified;
  const treatments: Treatment[] = [];
  const provisions = 'cn.cbdt.provisions-2024';
  for (const flow of flows) {
    const hasPi = flow.nonSensitiveIndividuals + flow.sensitiveIndividuals > 0;
    if (flow.scenario === 'no_personal_information' && !flow.importantData && !hasPi) {
      treatments.push(treated(flow, 'exempt', say('engine.cbdt.reason.noPersonalInformation2024'), explanation.cite({ instrument: provisions, article: '3' })));
    } else if (flow.scenario === 'foreign_data_in_transit' && !flow.importantData) {
      treatments.push(treated(flow, 'exempt', say('engine.cbdt.reason.transit2024'), explanation.cite({ instrument: provisions, article: '4' })));
    } else if (flow.scenario === 'ftz_outside_negative_list') {
      explanation.review(say('engine.cbdt.review.freeTradeZone', { transfer: flow.id, zone: String(profile.organisation.freeTradeZone) }));
      treatments.push(treated(flow, 'exempt', say('engine.cbdt.reason.freeTradeZone', { zone: String(profile.organisation.freeTradeZone) }), explanation.cite({ instrument: provisions, article: '6' })));
    } else if (flow.importantData) {
      treatments.push(treated(flow, 'assessment_required', say('engine.cbdt.reason.importantData2024'), explanation.cite({ instrument: provisions, article: '7' })));
    } else if (flow.scenario === 'contract_with_individual' || flow.scenario === 'cross_border_hr' || flow.scenario === 'emergency') {
      const clause = { contract_with_individual: '5(1)', cross_border_hr: '5(2)', emergency: '5(3)' }[flow.scenario];
      if (isCiio) explanation.review(say('engine.cbdt.review.ciiScenario', { transfer: flow.id }));
      explanation.review(say('engine.cbdt.review.strictlyNecessary', { transfer: flow.id }));
      treatments.push(treated(flow, 'exempt', say('engine.cbdt.reason.scenario', { scenario: flow.scenario }), explanation.cite({ instrument: provisions, article: clause })));
    } else if (isCiio && hasPi) {
      treatments.push(treated(flow, 'assessment_required', say('engine.cbdt.reason.cii2024'), explanation.cite({ instrument: provisions, article: '7(1)' })));
    } else {
      treatments.push(treated(flow, 'counted', say('engine.cbdt.reason.counted')));
    }
  }
  const exempt = treatments.filter((treatment) => treatment.treatment === 'exempt');
  explanation.step(say('engine.cbdt.step.exemptions2024'), exempt.length > 0 ? say('engine.cbdt.result.exemptions2024', { transfers: exempt.map((t) => t.transfer).join(', ') }) : say('engine.cbdt.none'), {
    citation: explanation.cite({ instrument: provisions, article: '3-6' }),
  });
  const required = treatments.filter((treatment) => treatment.treatment === 'assessment_required');
  explanation.step(say('engine.cbdt.step.required2024'), required.length > 0 ? say('engine.cbdt.result.assessmentRequired', { transfers: required.map((t) => t.transfer).join(', ') }) : say('engine.cbdt.no'), {
    citation: explanation.cite({ instrument: provisions, article: '7' }),
    facts: { ciiNotified: isCiio },
  });

  const counted = treatments.filter((treatment) => treatment.treatment === 'counted');
  const nonSensitive = sumOf(counted, 'nonSensitiveIndividuals');
  const sensitive = sumOf(counted, 'sensitiveIndividuals');
  const assessmentNonSensitive = explanation.number('cbdt.assessment.nonSensitiveAtLeast');
  const assessmentSensitive = explanation.number('cbdt.assessment.sensitiveAtLeast');
  const contractFloor = explanation.number('cbdt.contract.nonSensitiveAtLeast');
  // The steps' sentences that name only the thresholds, written once per law day.
  const text = day.run(explanation, 'thresholds 2024', () => ({
    volume: say('engine.cbdt.step.volume2024', { nonSensitive: formatCount(assessmentNonSensitive.value), sensitive: formatCount(assessmentSensitive.value) }),
    band: say('engine.cbdt.step.band2024', { floor: formatCount(contractFloor.value), ceiling: formatCount(assessmentNonSensitive.value - 1), sensitive: formatCount(assessmentSensitive.value) }),
    belowBand: say('engine.cbdt.step.belowBand2024', { floor: formatCount(contractFloor.value) }),
  }));

  let mechanism: CbdtMechanism;
  if (treatments.length === 0) mechanism = 'none';
  else if (required.length > 0) mechanism = 'security_assessment';
  else mechanism = 'exempt';

  const volumeAssessment = nonSensitive >= assessmentNonSensitive.value || sensitive >= assessmentSensitive.value;
  explanation.step(
    text.volume,
    say('engine.cbdt.result.volume2024', { nonSensitive: formatCount(nonSensitive), sensitive: formatCount(sensitive), hit: volumeAssessment ? 'yes' : 'no' }),
    { citation: assessmentNonSensitive.citation, facts: { nonSensitive, sensitive } },
  );
  if (volumeAssessment) mechanism = 'security_assessment';
  else if (mechanism !== 'security_assessment') {
    const band = sensitive >= 1 || nonSensitive >= contractFloor.value;
    explanation.step(
      text.band,
      band ? say('engine.cbdt.result.band2024') : say('engine.cbdt.no'),
      { citation: contractFloor.citation },
    );
    if (band) mechanism = 'standard_contract_or_certification';
    else if (counted.length > 0) {
      explanation.step(
        text.belowBand,
        say('engine.cbdt.result.belowBand2024'),
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
      method: say('engine.cbdt.method2024'),
    },
  };
};

const CBDT_FORMULAS: ReadonlyArray<FormulaVersion<Evaluate>> = [
  { instrument: 'cn.cbdt.assessment-measures-2022', evaluate: evaluate2022 },
  { instrument: 'cn.cbdt.provisions-2024', evaluate: evaluate2024 },
];

/** The steps and duties of the route that read nothing of the profile, worked out once per law day. */
const BLOCKS = new LawDayBlocks('cbdt blocks');

/** An array of the assessment's own holding the day's shared (frozen) items. */
const own = <T>(items: readonly T[]): T[] => items.slice();

/** The regime in force by law book and date (selectFormula once per date, not per assessment). */
const REGIMES = new WeakMap<LawBook, Map<string, FormulaVersion<Evaluate> & { effective: string }>>();
const REGIME_DATES_KEPT = 512;

function regimeOn(book: LawBook, asOf: string): FormulaVersion<Evaluate> & { effective: string } {
  let byDate = REGIMES.get(book);
  if (!byDate) {
    byDate = new Map();
    REGIMES.set(book, byDate);
  }
  let formula = byDate.get(asOf);
  if (!formula) {
    formula = selectFormula(book, CBDT_FORMULAS, asOf);
    if (byDate.size >= REGIME_DATES_KEPT) byDate.clear();
    byDate.set(asOf, formula);
  }
  return formula;
}

/** A formatter that writes nothing, by locale: for a route worked out for its value alone, whose sentences nobody reads. */
const SILENT = new Map<string, Say>();

function silentSay(locale: string): Say {
  let say = SILENT.get(locale);
  if (!say) {
    say = Object.assign(() => '', { locale });
    SILENT.set(locale, say);
  }
  return say;
}

/** The security assessment, the one route of that mechanism. */
function securityAssessmentOptions(explanation: Explanation): Option[] {
  const { say } = explanation;
  return [{
    id: 'security_assessment',
    title: say('engine.cbdt.option.securityAssessment.title'),
    available: true,
    detail: say('engine.cbdt.option.securityAssessment.detail'),
    citation: explanation.cite({ instrument: 'cn.cbdt.assessment-measures-2022', article: '4' }),
    needsLegalReview: false,
  }];
}

/**
 * The standard contract and certification, when either may be used. `sccBlockedByProcessing`:
 * the handler processes at least the individuals below which the standard contract is open
 * (worked out by the caller, which reads the profile).
 */
function contractOptions(context: AssessContext, explanation: Explanation, sccBlockedByProcessing: boolean): Option[] {
  const { book, asOf } = context;
  const { say } = explanation;
  const options: Option[] = [];
  const sccInForce = isInForce(book, 'cn.cbdt.standard-contract-measures-2023', asOf);
  const sccEligibilityBelow = explanation.parameterIfInForce<number | null>('cbdt.scc.processedIndividualsBelow');
  options.push({
    id: 'standard_contract',
    title: say('engine.cbdt.option.standardContract.title'),
    available: sccInForce && !sccBlockedByProcessing,
    detail: !sccInForce
      ? say('engine.cbdt.option.standardContract.detail.notInForce', { effective: getInstrument(book, 'cn.cbdt.standard-contract-measures-2023').effective })
      : sccBlockedByProcessing
        ? say('engine.cbdt.option.standardContract.detail.blocked')
        : say('engine.cbdt.option.standardContract.detail.available'),
    citation: explanation.cite({ instrument: 'cn.cbdt.standard-contract-measures-2023', article: sccEligibilityBelow?.value != null ? '4' : null }),
    needsLegalReview: false,
  });
  const certificationMeasures = isInForce(book, 'cn.cbdt.certification-measures-2025', asOf);
  const certificationAnnouncement = isInForce(book, 'cn.cbdt.pi-certification-announcement-2022', asOf);
  options.push({
    id: 'certification',
    title: say('engine.cbdt.option.certification.title'),
    available: certificationMeasures || certificationAnnouncement,
    detail: certificationMeasures
      ? say('engine.cbdt.option.certification.detail.measures')
      : certificationAnnouncement
        ? say('engine.cbdt.option.certification.detail.announcement', { effective: getInstrument(book, 'cn.cbdt.certification-measures-2025').effective })
        : say('engine.cbdt.option.certification.detail.none'),
    citation: explanation.cite({ instrument: certificationMeasures ? 'cn.cbdt.certification-measures-2025' : 'cn.cbdt.pi-certification-announcement-2022', article: null }),
    needsLegalReview: false,
  });
  if (!options.some((option) => option.available)) {
    explanation.review(say('engine.cbdt.review.noRoute'));
  }
  return options;
}

function mechanismOptions(context: AssessContext, explanation: Explanation, day: DayBlocks, outcome: RegimeOutcome, flows: readonly OutboundFlow[]): Option[] {
  const { book, asOf, profile } = context;
  const { say } = explanation;
  if (outcome.mechanism === 'security_assessment') return own(day.run(explanation, 'options security_assessment', securityAssessmentOptions));
  if (outcome.mechanism !== 'standard_contract_or_certification') return [];

  // Read here without recording (the block records the reading): only this reads the profile.
  const sccEligibilityBelow = readParameterIfInForceOn<number | null>(lawDay(book, asOf, say.locale), 'cbdt.scc.processedIndividualsBelow');
  const sccBlockedByProcessing = sccEligibilityBelow?.value != null && profile.organisation.individualsProcessed >= sccEligibilityBelow.value;
  const options = own(day.run(explanation, sccBlockedByProcessing ? 'options contract blocked' : 'options contract', (recording) => contractOptions(context, recording, sccBlockedByProcessing)));

  const city = profile.organisation.mainlandCity?.trim().toLowerCase() ?? null;
  const inGba = city != null && (GBA_MAINLAND_CITIES as readonly string[]).includes(city);
  for (const destination of ['HK', 'MO'] as const) {
    const gbaFlows = flows.filter((flow) => flow.destination === destination && !flow.importantData);
    if (gbaFlows.length === 0) continue;
    const instrument = destination === 'HK' ? 'cn.cbdt.gba-hk-guidelines-2023' : 'cn.cbdt.gba-macau-guidelines-2024';
    if (!isInForce(book, instrument, asOf)) continue;
    let pilot = 'no';
    let opens: string | undefined;
    if (destination === 'HK' && !explanation.parameter<boolean>('cbdt.gba.hongKongAllSectors').value) {
      // The date the pilot ends is the date the parameter turns true.
      pilot = 'yes';
      opens = context.book.parameters.get('cbdt.gba.hongKongAllSectors' satisfies ParameterId)?.values.find((value) => value.value === true)?.from;
    }
    const detail = say('engine.cbdt.option.gba.detail', { transfers: gbaFlows.map((flow) => flow.id).join(', '), destination, pilot, opens: opens || 'none', cityUnknown: city == null ? 'yes' : 'no' });
    options.push({
      id: 'gba_standard_contract',
      title: say('engine.cbdt.option.gba.title', { destination }),
      available: inGba,
      detail,
      citation: explanation.cite({ instrument, article: null }),
      needsLegalReview: true,
    });
    if (inGba) explanation.review(say('engine.cbdt.review.gba'));
  }
  return options;
}

function survivingDuties(explanation: Explanation): Obligation[] {
  const { say } = explanation;
  const retention = explanation.number('cbdt.pipia.retentionYears');
  return [
    explanation.obligation('notice', say('engine.cbdt.duty.notice.title'), say('engine.cbdt.duty.notice.detail'), { instrument: 'cn.pipl', article: '39' }),
    explanation.obligation('separate_consent', say('engine.cbdt.duty.separateConsent.title'), say('engine.cbdt.duty.separateConsent.detail'), { instrument: 'cn.pipl', article: '39' }),
    explanation.obligation('pipia', say('engine.cbdt.duty.pipia.title'), say('engine.cbdt.duty.pipia.detail', { years: retention.value }), { instrument: 'cn.pipl', article: '55-56' }),
    explanation.obligation('recipient_protection', say('engine.cbdt.duty.recipientProtection.title'), say('engine.cbdt.duty.recipientProtection.detail'), { instrument: 'cn.pipl', article: '38' }),
    explanation.obligation('foreign_authorities', say('engine.cbdt.duty.foreignAuthorities.title'), say('engine.cbdt.duty.foreignAuthorities.detail'), { instrument: 'cn.pipl', article: '41' }),
  ];
}

function procedureFor(context: AssessContext, explanation: Explanation, mechanism: CbdtMechanism): Obligation[] {
  const { book, asOf } = context;
  const { say } = explanation;
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
      explanation.obligation('self_assessment', say('engine.cbdt.procedure.selfAssessment.title'), say('engine.cbdt.procedure.selfAssessment.detail', { months: selfAssessment.value }), { instrument: 'cn.cbdt.assessment-measures-2022', article: '5' }),
      explanation.obligation('filing', say('engine.cbdt.procedure.filing.title'), say('engine.cbdt.procedure.filing.detail', { completeness: completeness.value, acceptance: acceptance.value }), { instrument: 'cn.cbdt.assessment-measures-2022', article: '7' }),
      explanation.obligation('assessment', say('engine.cbdt.procedure.assessment.title'), say('engine.cbdt.procedure.assessment.detail', { days: review.value }), { instrument: 'cn.cbdt.assessment-measures-2022', article: '12' }),
      explanation.obligation('re_review', say('engine.cbdt.procedure.reReview.title'), say('engine.cbdt.procedure.reReview.detail', { days: reReview.value }), { instrument: 'cn.cbdt.assessment-measures-2022', article: '13' }),
      explanation.obligation('validity', say('engine.cbdt.procedure.validity.title'), extension.value != null
        ? say('engine.cbdt.procedure.validity.detail.extension', { years: validity.value, days: renewal.value, extension: extension.value })
        : say('engine.cbdt.procedure.validity.detail.refile', { years: validity.value, days: renewal.value }), validity.citation),
      explanation.obligation('refile_on_change', say('engine.cbdt.procedure.refileOnChange.title'), say('engine.cbdt.procedure.refileOnChange.detail'), { instrument: 'cn.cbdt.assessment-measures-2022', article: '14' }),
    );
    const growthCap = explanation.parameterIfInForce<number | null>('cbdt.assessment.extensionGrowthCapPercent');
    if (growthCap?.value != null) {
      steps.push(explanation.obligation('extension_growth_condition', say('engine.cbdt.procedure.extensionGrowth.title'), say('engine.cbdt.procedure.extensionGrowth.detail', { percent: growthCap.value }), growthCap.citation, true));
    }
  }
  if (mechanism === 'standard_contract_or_certification' && isInForce(book, 'cn.cbdt.standard-contract-measures-2023', asOf)) {
    const filing = explanation.number('cbdt.scc.filingWorkingDays');
    const review = explanation.number('cbdt.scc.reviewWorkingDays');
    steps.push(
      explanation.obligation('scc_filing', say('engine.cbdt.procedure.sccFiling.title'), say('engine.cbdt.procedure.sccFiling.detail', { days: filing.value }), filing.citation),
      explanation.obligation('scc_review', say('engine.cbdt.procedure.sccReview.title'), say('engine.cbdt.procedure.sccReview.detail', { days: review.value }), review.citation, review.needsLegalReview),
    );
  }
  if (mechanism === 'standard_contract_or_certification' && isInForce(book, 'cn.cbdt.certification-measures-2025', asOf)) {
    const validity = explanation.number('cbdt.certification.validityYears');
    steps.push(explanation.obligation('certification_validity', say('engine.cbdt.procedure.certificationValidity.title'), say('engine.cbdt.procedure.certificationValidity.detail', { years: validity.value }), validity.citation));
  }
  return steps;
}

/** Transition periods for transfers that predate a regime, shown while they run. */
function graceNotes(context: AssessContext, explanation: Explanation): void {
  const { book, asOf } = context;
  const periods: Array<{ instrument: InstrumentId; parameter: ParameterId; period: 'assessment' | 'scc' }> = [
    { instrument: 'cn.cbdt.assessment-measures-2022', parameter: 'cbdt.assessment.graceMonths', period: 'assessment' },
    { instrument: 'cn.cbdt.standard-contract-measures-2023', parameter: 'cbdt.scc.graceMonths', period: 'scc' },
  ];
  for (const period of periods) {
    const start = getInstrument(book, period.instrument).effective;
    if (asOf < start) continue;
    // Read without recording: the citation is kept only when the period is still running.
    const months = numberParameterOn(lawDay(book, asOf, context.say.locale), period.parameter);
    const end = addMonths(start, months.value);
    if (asOf < end) explanation.step(explanation.say('engine.cbdt.step.grace', { period: period.period }), explanation.say('engine.cbdt.result.grace', { months: months.value, start, end }), { citation: months.citation });
  }
}

/**
 * The route alone on the context's date: the regime in force decides the same flows, without the
 * options, duties and procedure that follow. `regimeCitation` is the regime assessCbdt cites first.
 */
export function cbdtRoute(context: AssessContext): { mechanism: CbdtMechanism; regimeCitation: Citation } {
  // Only the mechanism is read: the explanation keeps nothing and the sentences are not written.
  const quiet: AssessContext = { book: context.book, asOf: context.asOf, profile: context.profile, say: silentSay(context.say.locale) };
  const explanation = new QuietExplanation(quiet);
  const formula = regimeOn(context.book, context.asOf);
  const regimeCitation = explanation.cite({ instrument: formula.instrument, article: null });
  return { mechanism: formula.evaluate(context, explanation, outboundFlows(context), BLOCKS.on(quiet)).mechanism, regimeCitation };
}

/** The regime in force and the counting window: the first two steps, the same for every profile of a law day. */
function regimeAndWindow(context: AssessContext, explanation: Explanation) {
  const { book, asOf } = context;
  const { say } = explanation;
  const formula = regimeOn(book, asOf);
  const regimeInstrument = getInstrument(book, formula.instrument);
  const regimeTitle = say.locale === 'zh-CN' ? (regimeInstrument.title.zh ?? regimeInstrument.shortTitle) : regimeInstrument.shortTitle;
  explanation.step(say('engine.cbdt.step.regime'), say('engine.cbdt.result.regime', { title: regimeTitle, effective: regimeInstrument.effective }), {
    citation: explanation.cite({ instrument: formula.instrument, article: null }),
  });
  const window = explanation.parameter<'since_previous_calendar_year_start' | 'calendar_year_to_date'>('cbdt.window');
  const start = windowStart(asOf, window.value);
  explanation.step(say('engine.cbdt.step.window'), say('engine.cbdt.result.window', { start, wording: String(window.wording) }), { citation: window.citation });
  return { formula, regimeTitle, window: window.value, start };
}

export function assessCbdt(context: AssessContext): CbdtDetermination {
  const explanation = new Explanation(context);
  const { say } = explanation;
  // The steps and duties that read nothing of the profile are worked out once per law day (BLOCKS).
  const day = BLOCKS.on(context);
  const { formula, regimeTitle, window, start } = day.run(explanation, 'regime', (recording) => regimeAndWindow(context, recording));

  const flows = outboundFlows(context);
  for (const flow of flows.filter((candidate) => candidate.implied)) {
    explanation.step(say('engine.cbdt.step.implied', { system: String(flow.fromSystem) }), say('engine.cbdt.result.implied', { individuals: formatCount(flow.nonSensitiveIndividuals), sensitive: flow.sensitiveIndividuals > 0 ? 'yes' : 'no', transfer: flow.id }), {
      citation: explanation.cite({ instrument: 'cn.pipl', article: '3' }),
    });
  }
  if (flows.some((flow) => flow.remoteAccess)) {
    explanation.step(say('engine.cbdt.step.remoteAccess'), say('engine.cbdt.result.remoteAccess', { transfers: flows.filter((flow) => flow.remoteAccess).map((flow) => flow.id).join(', ') }), {
      citation: explanation.cite({ instrument: 'cn.cbdt.scc-filing-guide-v1-2023', article: null }),
    });
  }
  const regional = flows.filter((flow) => flow.destination === 'HK' || flow.destination === 'MO' || flow.destination === 'TW');
  if (regional.length > 0) {
    explanation.step(say('engine.cbdt.step.regional'), say('engine.cbdt.result.regional', { transfers: regional.map((flow) => flow.id).join(', ') }), {
      citation: explanation.cite({ instrument: 'cn.pipl', article: '38' }),
    });
  }

  day.run(explanation, 'grace', (recording) => graceNotes(context, recording));
  const outcome = formula.evaluate(context, explanation, flows, day);
  const options = mechanismOptions(context, explanation, day, outcome, flows);
  const sectorEscalation = sectorTransferEscalation(context, explanation, outcome);
  const exemptions = outcome.treatments
    .filter((treatment) => treatment.treatment === 'exempt' && treatment.citation)
    .map((treatment) => ({ transfer: treatment.transfer, basis: treatment.reason, citation: treatment.citation! }));
  const duties = outcome.mechanism === 'none' ? [] : own(day.run(explanation, 'duties', survivingDuties));
  if (outcome.mechanism === 'exempt' && duties.length > 0) {
    explanation.step(say('engine.cbdt.step.survivingDuties'), say('engine.cbdt.result.survivingDuties'), {
      citation: explanation.cite({ instrument: 'cn.pipl', article: '55' }),
    });
  }
  // Keyed by the mechanism itself.
  const procedure = own(day.run(explanation, outcome.mechanism, (recording) => procedureFor(context, recording, outcome.mechanism)));
  const explained = explanation.result();

  return {
    regime: { id: formula.instrument, title: regimeTitle, effective: formula.effective },
    mechanism: outcome.mechanism,
    options,
    counted: {
      nonSensitiveIndividuals: outcome.counted.nonSensitive,
      sensitiveIndividuals: outcome.counted.sensitive,
      window,
      windowStart: start,
      transfers: outcome.counted.transfers,
      method: outcome.counted.method,
    },
    transfers: outcome.treatments,
    exemptions,
    duties,
    procedure,
    sectorEscalation,
    trace: explained.trace,
    citations: explained.citations,
    needsLegalReview: explained.needsLegalReview,
    legalReviewReasons: explained.legalReviewReasons,
  };
}
