// Penalty exposure per determination: the fines the law in force on the assessment date sets if the
// duty is not met. Every figure is a dated parameter (content/parameters/penalties.yaml), so the
// same MLPS breach shows the 2017 Cybersecurity Law's figures before 2026-01-01 and the amended
// law's after. Ranges are what the text allows; where a penalty article routes a breach to another
// law, the item names that law's tiers instead.
import type { CbdtDetermination, CiiDetermination, ExposureDetermination, ExposureItem, IcpDetermination, MlpsDetermination, PenaltyTier, TraceStep } from './assessment-schema.ts';
import { getInstrument, lawDay, readParameterIfInForceOn, type Citation, type ParameterReading } from '../law/law-book.ts';
import { Explanation, formatCount, type AssessContext, type Say } from './explanation.ts';
import { sharedAnswers } from './shared-answers.ts';
import type { ParameterId } from '../law/content-ids.ts';

type Range = { min: number; max: number };

/** What the exposure reads from the other determinations: only what decides which fines apply. */
export interface ExposureInput {
  readonly cbdt: Pick<CbdtDetermination, 'mechanism' | 'transfers'>;
  readonly cii: Pick<CiiDetermination, 'status'>;
  readonly piVolumeDuties: ReadonlyArray<{ readonly id: string }>;
  readonly systems: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly mlps: Pick<MlpsDetermination, 'applies' | 'level'>;
    readonly icp: Pick<IcpDetermination, 'requirement'>;
    readonly incidentReporting?: { readonly ciiRelated: boolean; readonly duties: ReadonlyArray<unknown> };
  }>;
  readonly networkData?: { readonly duties: ReadonlyArray<{ readonly id: string }>; readonly importantDataHandler: boolean };
}

/** A fine parameter on the assessment date (a range, or null where the text sets none), kept as a citation. */
function fine(context: AssessContext, explanation: Explanation, id: ParameterId): ParameterReading<Range | null> | undefined {
  const reading = readParameterIfInForceOn<Range | null>(lawDay(context.book, context.asOf, context.say.locale), id);
  if (!reading) return undefined;
  explanation.keep(reading.citation);
  if (reading.needsLegalReview) explanation.review(reading.note ?? context.say('engine.review.parameterUnconfirmed', { id: reading.id }));
  return reading;
}

/**
 * The penalty tiers of the law on one date. Nothing here depends on the firm but the PIPL's
 * turnover ceiling, which `applyPipl` works out as each assessment uses the PIPL tiers.
 */
class Tiers {
  readonly list: PenaltyTier[] = [];
  constructor(
    private readonly context: AssessContext,
    private readonly explanation: Explanation,
  ) {}

  /** The fine in force; a tier whose instrument is not in force yet is left out. */
  private read(id: ParameterId): ParameterReading<Range | null> | undefined {
    return fine(this.context, this.explanation, id);
  }

  /** A tier read from a fine parameter (a range, or null where the text sets none on this date); `condition` is its message id. */
  add(id: ParameterId, condition: string, individualsId?: ParameterId): this {
    const reading = this.read(id);
    if (!reading) return this;
    const individuals = individualsId ? this.read(individualsId) : undefined;
    this.list.push({
      id,
      condition: this.explanation.say(condition),
      organisation: reading.value,
      turnoverPercentMax: null,
      turnoverAmountMax: null,
      multiple: null,
      individuals: individuals?.value ?? null,
      citation: reading.citation,
      wording: reading.wording ?? null,
      needsLegalReview: reading.needsLegalReview || (individuals?.needsLegalReview ?? false),
    });
    return this;
  }

  /** A fine as a multiple of a sum (purchase amount, illegal gains); `condition` is its message id. */
  multiple(id: ParameterId, condition: string): this {
    const reading = this.read(id);
    if (!reading) return this;
    this.list.push({ id, condition: this.explanation.say(condition), organisation: null, turnoverPercentMax: null, turnoverAmountMax: null, multiple: reading.value, individuals: null, citation: reading.citation, wording: reading.wording ?? null, needsLegalReview: reading.needsLegalReview });
    return this;
  }

  /**
   * PIPL Art. 66: the first tier on refusal to correct, and the serious tier with its two ceilings
   * (the share of turnover left null: `applyPipl` sets it, and flags a share above the amount).
   */
  pipl(): this {
    const { say } = this.explanation;
    this.add('penalty.pipl.refusesToCorrect', 'engine.penalties.condition.piplRefusesToCorrect', 'penalty.pipl.refusesToCorrect.individuals');
    const amount = this.read('penalty.pipl.serious.amountMax') as ParameterReading<Range>; // in force since 2021-11-01, before any assessable date
    const percent = this.explanation.number('penalty.pipl.serious.turnoverPercentMax');
    const individuals = this.read('penalty.pipl.serious.individuals')!;
    this.list.push({
      id: PIPL_SERIOUS,
      condition: say('engine.penalties.condition.piplSerious'),
      organisation: amount.value,
      turnoverPercentMax: percent.value,
      turnoverAmountMax: null,
      multiple: null,
      individuals: individuals.value,
      citation: amount.citation,
      wording: amount.wording ?? null,
      needsLegalReview: true,
    });
    return this;
  }

  /** CSL network-operator tiers: the MLPS and incident-plan duties (CSL_2017 Art. 59 / CSL_2026 Art. 61). */
  cslOperator(): this {
    return this.add('penalty.csl.operator.initial', 'engine.penalties.condition.cslInitial')
      .add('penalty.csl.operator.refusesOrHarm', 'engine.penalties.condition.cslRefusesOrHarm', 'penalty.csl.operator.refusesOrHarm.individuals')
      .cslHarm();
  }

  cslCii(): this {
    return this.add('penalty.csl.cii.initial', 'engine.penalties.condition.cslInitial')
      .add('penalty.csl.cii.refusesOrHarm', 'engine.penalties.condition.cslRefusesOrHarm', 'penalty.csl.cii.refusesOrHarm.individuals')
      .cslHarm();
  }

  /** The serious-harm tiers the amended CSL added (null before 2026-01-01). */
  private cslHarm(): this {
    return this.add('penalty.csl.seriousHarm', 'engine.penalties.condition.cslSeriousHarm', 'penalty.csl.seriousHarm.individuals')
      .add('penalty.csl.especiallySeriousHarm', 'engine.penalties.condition.cslEspeciallySeriousHarm', 'penalty.csl.especiallySeriousHarm.individuals');
  }

  dslSecurityDuties(): this {
    return this.add('penalty.dsl.securityDuties', 'engine.penalties.condition.dslSecurityDuties')
      .add('penalty.dsl.securityDuties.serious', 'engine.penalties.condition.dslSecurityDutiesSerious');
  }
}

const PIPL_SERIOUS = 'penalty.pipl.serious';

/**
 * What a run of Tiers calls leaves behind on one law day: its tiers, and the citations, review
 * reasons and trace steps it adds to the explanation (each citation and reason once, as the
 * explanation keeps them). The same for every firm, so worked out once per law day and language
 * and applied to each assessment's explanation: applying the citations in that order leaves an
 * explanation's list as the calls themselves would, since a citation kept again only replaces
 * the entry of its article.
 */
interface Segment {
  readonly tiers: readonly PenaltyTier[];
  readonly citations: readonly Citation[];
  readonly reviews: readonly string[];
  readonly trace: readonly TraceStep[];
}

type Make = (tiers: Tiers, explanation: Explanation, context: AssessContext) => void;

/**
 * The explanation a sequence of segments leaves, as Explanation would keep it: the citations (each
 * article once, the last kept), the review reasons (each once) and the steps. It depends on the
 * sequence alone, so it is worked out once per sequence; `ceilingAt` is where the PIPL ceiling's
 * review (the firm's own) goes: after the reasons of the first PIPL segment.
 */
interface Explained {
  readonly citations: readonly Citation[];
  readonly reviews: readonly string[];
  readonly trace: readonly TraceStep[];
  readonly ceilingAt: number;
}

/** A sequence of segments, as a node of the tree of every sequence seen: its explanation once worked out. */
class Sequence {
  readonly next = new Map<Make, Sequence>();
  explained: Explained | undefined;
}

/** Sequences kept per law day and formatter; past this many the tree starts afresh (a bound on memory, however many systems a profile lists). */
const SEQUENCES_KEPT = 4096;

/** What assessExposure keeps per law day and formatter (the tiers' conditions are prose), as the day's shared state (SharedAnswers.state). */
class ExposurePlans {
  readonly segments = new Map<Make, Segment>();
  root = new Sequence();
  sequences = 0;

  /** The segment `make` makes, worked out on first use. */
  segment(context: AssessContext, make: Make): Segment {
    let segment = this.segments.get(make);
    if (!segment) {
      const recorded = new Explanation(context);
      const tiers = new Tiers(context, recorded);
      make(tiers, recorded, context);
      const result = recorded.result();
      // The tiers are shared by every assessment given them, so frozen (as shared answers are).
      for (const tier of tiers.list) Object.freeze(tier);
      segment = { tiers: tiers.list, citations: result.citations, reviews: result.legalReviewReasons, trace: result.trace };
      this.segments.set(make, segment);
    }
    return segment;
  }

  /** The sequence `sequence` followed by `make`. */
  after(sequence: Sequence, make: Make): Sequence {
    let next = sequence.next.get(make);
    if (!next) {
      if (this.sequences >= SEQUENCES_KEPT) {
        this.root = new Sequence();
        this.sequences = 0;
      }
      next = new Sequence();
      sequence.next.set(make, next);
      this.sequences += 1;
    }
    return next;
  }

  /** The explanation of the segments `applied`, in order. */
  explain(context: AssessContext, applied: readonly Make[]): Explained {
    const recorded = new Explanation(context);
    const reviews: string[] = [];
    const trace: TraceStep[] = [];
    let ceilingAt = -1;
    for (const make of applied) {
      const segment = this.segment(context, make);
      for (const citation of segment.citations) recorded.keep(citation);
      for (const reason of segment.reviews) if (!reviews.includes(reason)) reviews.push(reason);
      for (const step of segment.trace) trace.push(step);
      if (make === PIPL && ceilingAt < 0) ceilingAt = reviews.length;
    }
    return { citations: recorded.result().citations, reviews, trace, ceilingAt };
  }
}

/** A copy of a step, as each explanation makes its own steps. */
function copyStep(step: TraceStep): TraceStep {
  const entry: TraceStep = { step: step.step, result: step.result };
  if (step.facts) entry.facts = step.facts;
  if (step.citation) entry.citation = step.citation;
  return entry;
}

/**
 * The exposure's explanation as it is built: the segments applied so far (their tiers go to the
 * items' lists), and the firm's own parts, the turnover step and the PIPL ceiling's review.
 */
class ExposureExplanation {
  private sequence: Sequence;
  private readonly applied: Make[] = [];
  private ceiling: string | undefined;

  constructor(
    private readonly context: AssessContext,
    private readonly plans: ExposurePlans,
  ) {
    this.sequence = plans.root;
  }

  /** Adds the tiers of the segment `make` to `list`. */
  apply(make: Make, list: PenaltyTier[]): void {
    const segment = this.plans.segment(this.context, make);
    for (const tier of segment.tiers) list.push(tier);
    this.applied.push(make);
    this.sequence = this.plans.after(this.sequence, make);
  }

  /**
   * The PIPL tiers with the firm's share of turnover: the serious tier's second ceiling, flagged for
   * review where it exceeds the fixed amount (which of the two applies is for the regulator).
   */
  pipl(list: PenaltyTier[], turnover: number | null): void {
    const from = list.length;
    this.apply(PIPL, list);
    if (turnover == null) return;
    for (let index = from; index < list.length; index += 1) {
      const tier = list[index]!;
      if (tier.id !== PIPL_SERIOUS) continue;
      const amount = tier.organisation!;
      const share = Math.round((turnover * tier.turnoverPercentMax!) / 100);
      if (amount.max > 0 && share > amount.max) {
        this.ceiling ??= this.context.say('engine.penalties.review.piplCeilings', { amount: formatCount(amount.max), percent: tier.turnoverPercentMax!, share: formatCount(share) });
      }
      list[index] = copyTier(tier, share);
    }
  }

  /** The explanation's parts, with `turnoverStep` second (after the law in force), as the determination carries them. */
  result(turnoverStep: TraceStep) {
    const sequence = this.sequence;
    const explained = (sequence.explained ??= this.plans.explain(this.context, this.applied));
    const trace: TraceStep[] = [];
    explained.trace.forEach((step, index) => {
      trace.push(copyStep(step));
      if (index === 0) trace.push(turnoverStep);
    });
    if (trace.length === 0) trace.push(turnoverStep);
    let reviews = explained.reviews.slice();
    const ceiling = this.ceiling;
    if (ceiling !== undefined && explained.ceilingAt >= 0) {
      // As Explanation.review would have added it after the first PIPL segment: once, and before any later reason.
      const before = reviews.slice(0, explained.ceilingAt);
      if (!before.includes(ceiling)) {
        before.push(ceiling);
        for (const reason of reviews.slice(explained.ceilingAt)) if (reason !== ceiling) before.push(reason);
        reviews = before;
      }
    }
    return { trace, citations: explained.citations.slice(), needsLegalReview: reviews.length > 0, legalReviewReasons: reviews };
  }
}

/** A tier of a segment with the firm's share of turnover set: the assessment's own object. */
function copyTier(tier: PenaltyTier, turnoverAmountMax: number | null): PenaltyTier {
  return {
    id: tier.id,
    condition: tier.condition,
    organisation: tier.organisation,
    turnoverPercentMax: tier.turnoverPercentMax,
    turnoverAmountMax,
    multiple: tier.multiple,
    individuals: tier.individuals,
    citation: tier.citation,
    wording: tier.wording,
    needsLegalReview: tier.needsLegalReview,
  };
}

// The segments, each a function so that it is its own key.
const IN_FORCE: Make = (_tiers, explanation, context) => {
  const { say } = explanation;
  explanation.step(say('engine.penalties.step.inForce'), say('engine.penalties.result.inForce', { effective: getInstrument(context.book, 'cn.csl-2026').effective }), {
    citation: explanation.cite({ provision: 'csl.mlps-duties' }),
  });
};
const PIPL: Make = (tiers) => tiers.pipl();
const IMPORTANT_DATA_EXPORT: Make = (tiers) => {
  tiers.add('penalty.dsl.importantDataExport', 'engine.penalties.condition.dslImportantDataExport')
    .add('penalty.dsl.importantDataExport.serious', 'engine.penalties.condition.dslImportantDataExportSerious', 'penalty.dsl.importantDataExport.seriousIndividuals');
};
const CII_EXPORT: Make = (tiers, explanation, context) => {
  const { say } = explanation;
  const ciiExport = fine(context, explanation, 'penalty.csl.ciiExport')!;
  if (ciiExport.value != null) tiers.add('penalty.csl.ciiExport', 'engine.penalties.condition.cslCiiExport');
  else explanation.step(say('engine.penalties.step.ciiExport'), say('engine.penalties.result.ciiExport'), { citation: ciiExport.citation });
};
const CII: Make = (tiers) => {
  tiers.cslCii()
    .multiple('penalty.csl.ciiProcurementMultiple', 'engine.penalties.condition.ciiProcurement')
    .add('penalty.cii.incidentNotReported', 'engine.penalties.condition.ciiIncidentNotReported');
};
const NETWORK_DATA: Make = (tiers, explanation) => {
  tiers.add('penalty.ndsmr.general', 'engine.penalties.condition.ndsmrGeneral').dslSecurityDuties();
  explanation.review(explanation.say('engine.penalties.review.ndsmrRouting'));
};
const NETWORK_IMPORTANT_DATA: Make = (tiers, explanation) => {
  tiers.add('penalty.ndsmr.general', 'engine.penalties.condition.ndsmrGeneral')
    .add('penalty.ndsmr.importantData', 'engine.penalties.condition.ndsmrImportantData')
    .add('penalty.ndsmr.importantData.serious', 'engine.penalties.condition.ndsmrImportantDataSerious')
    .dslSecurityDuties();
  explanation.review(explanation.say('engine.penalties.review.ndsmrRouting'));
};
const CSL_OPERATOR: Make = (tiers) => tiers.cslOperator();
const ICP_LICENCE: Make = (tiers) => {
  tiers.add('penalty.iis.unlicensedCommercial', 'engine.penalties.condition.iisUnlicensed')
    .multiple('penalty.iis.unlicensedCommercialGainsMultiple', 'engine.penalties.condition.iisUnlicensedGains')
    .add('penalty.iis.numberNotShown', 'engine.penalties.condition.iisLicenceNumberNotShown');
};
const ICP_FILING: Make = (tiers) => {
  tiers.add('penalty.iis.unfiledNonCommercial', 'engine.penalties.condition.iisUnfiled')
    .add('penalty.iis.numberNotShown', 'engine.penalties.condition.iisFilingNumberNotShown');
};
const INCIDENT_CII: Make = (tiers) => {
  tiers.cslCii().add('penalty.cii.incidentNotReported', 'engine.penalties.condition.ciiIncidentNotReportedShort').dslSecurityDuties();
};
const INCIDENT_OPERATOR: Make = (tiers) => {
  tiers.cslOperator().dslSecurityDuties();
};

/** The items' messages without per-firm values (or with one yes/no value), formatted once per formatter (language). */
const ITEM_TEXTS = new WeakMap<Say, Map<string, Map<string, string>>>();

function itemText(say: Say, id: string, name = '', value = ''): string {
  let texts = ITEM_TEXTS.get(say);
  if (!texts) {
    texts = new Map();
    ITEM_TEXTS.set(say, texts);
  }
  let byValue = texts.get(id);
  if (!byValue) {
    byValue = new Map();
    texts.set(id, byValue);
  }
  let text = byValue.get(value);
  if (text === undefined) {
    text = name === '' ? say(id) : say(id, { [name]: value });
    byValue.set(value, text);
  }
  return text;
}

function item(id: string, determination: string, title: string, detail: string, tiers: PenaltyTier[]): ExposureItem {
  return { id, determination, title, detail, tiers };
}

export function assessExposure(context: AssessContext, input: ExposureInput): ExposureDetermination {
  const { profile, say } = context;
  const explanation = new ExposureExplanation(context, sharedAnswers(context).state('exposure plans', () => new ExposurePlans()));
  const turnover = profile.organisation.priorYearTurnoverRmb ?? null;
  const items: ExposureItem[] = [];
  const isCiio = input.cii.status === 'notified';

  explanation.apply(IN_FORCE, []);
  const turnoverStep: TraceStep =
    turnover == null
      ? { step: itemText(say, 'engine.penalties.step.turnover'), result: itemText(say, 'engine.penalties.result.turnoverMissing') }
      : { step: itemText(say, 'engine.penalties.step.turnover'), result: say('engine.penalties.result.turnover', { turnover: formatCount(turnover), share: formatCount(Math.round(turnover * 0.05)) }), facts: { priorYearTurnoverRmb: turnover } };

  if (input.cbdt.mechanism !== 'none') {
    const tiers: PenaltyTier[] = [];
    explanation.pipl(tiers, turnover);
    if (profile.transfers.some((transfer) => transfer.importantData)) explanation.apply(IMPORTANT_DATA_EXPORT, tiers);
    if (isCiio) explanation.apply(CII_EXPORT, tiers);
    items.push(item('cbdt', 'organisation.cbdt', itemText(say, 'engine.penalties.item.cbdt.title'), itemText(say, 'engine.penalties.item.cbdt.detail'), tiers));
  }

  if (input.cii.status !== 'not_indicated') {
    const tiers: PenaltyTier[] = [];
    explanation.apply(CII, tiers);
    const notified = isCiio ? 'yes' : 'no';
    items.push(item('cii', 'organisation.cii', itemText(say, 'engine.penalties.item.cii.title', 'notified', notified), itemText(say, 'engine.penalties.item.cii.detail', 'notified', notified), tiers));
  }

  if (input.piVolumeDuties.length > 0) {
    const tiers: PenaltyTier[] = [];
    explanation.pipl(tiers, turnover);
    items.push(item('pi_volume_duties', 'organisation.piVolumeDuties', itemText(say, 'engine.penalties.item.volume.title'), itemText(say, 'engine.penalties.item.volume.detail'), tiers));
  }

  if (input.networkData && input.networkData.duties.length > 0) {
    const tiers: PenaltyTier[] = [];
    explanation.apply(input.networkData.importantDataHandler ? NETWORK_IMPORTANT_DATA : NETWORK_DATA, tiers);
    items.push(item('network_data', 'organisation.networkData', itemText(say, 'engine.penalties.item.networkData.title'), itemText(say, 'engine.penalties.item.networkData.detail'), tiers));
  }

  const cii = isCiio ? 'yes' : 'no';
  for (const system of input.systems) {
    if (system.mlps.applies) {
      const tiers: PenaltyTier[] = [];
      explanation.apply(CSL_OPERATOR, tiers);
      items.push(item(`mlps_${system.id}`, `systems[${system.id}].mlps`, say('engine.penalties.item.mlps.title', { system: system.name }), itemText(say, 'engine.penalties.item.mlps.detail', 'cii', cii), tiers));
    }
    if (system.icp.requirement === 'licence') {
      const tiers: PenaltyTier[] = [];
      explanation.apply(ICP_LICENCE, tiers);
      items.push(item(`icp_${system.id}`, `systems[${system.id}].icp`, say('engine.penalties.item.icpLicence.title', { system: system.name }), itemText(say, 'engine.penalties.item.icpLicence.detail'), tiers));
    } else if (system.icp.requirement === 'filing') {
      const tiers: PenaltyTier[] = [];
      explanation.apply(ICP_FILING, tiers);
      items.push(item(`icp_${system.id}`, `systems[${system.id}].icp`, say('engine.penalties.item.icpFiling.title', { system: system.name }), itemText(say, 'engine.penalties.item.icpFiling.detail'), tiers));
    }
    const reporting = system.incidentReporting;
    if (reporting && reporting.duties.length > 0) {
      const tiers: PenaltyTier[] = [];
      explanation.apply(reporting.ciiRelated ? INCIDENT_CII : INCIDENT_OPERATOR, tiers);
      items.push(item(`incident_reporting_${system.id}`, `systems[${system.id}].incidentReporting`, say('engine.penalties.item.incident.title', { system: system.name }), itemText(say, 'engine.penalties.item.incident.detail'), tiers));
    }
  }
  const { trace, citations, needsLegalReview, legalReviewReasons } = explanation.result(turnoverStep);
  return { turnoverRmb: turnover, items, trace, citations, needsLegalReview, legalReviewReasons };
}
