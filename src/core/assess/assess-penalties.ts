// Penalty exposure per determination: the fines the law in force on the assessment date sets if the
// duty is not met. Every figure is a dated parameter (content/parameters/penalties.yaml), so the
// same MLPS breach shows the 2017 Cybersecurity Law's figures before 2026-01-01 and the amended
// law's after. Ranges are what the text allows; where a penalty article routes a breach to another
// law, the item names that law's tiers instead.
import type { CbdtDetermination, CiiDetermination, ExposureDetermination, ExposureItem, IcpDetermination, MlpsDetermination, PenaltyTier } from './assessment-schema.ts';
import { getInstrument, lawDay, readParameterIfInForceOn, type ParameterReading } from '../law/law-book.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';
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

class Tiers {
  readonly list: PenaltyTier[] = [];
  constructor(
    private readonly context: AssessContext,
    private readonly explanation: Explanation,
    private readonly turnover: number | null,
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

  /** PIPL Art. 66: the first tier on refusal to correct, and the serious tier with its two ceilings. */
  pipl(): this {
    const { say } = this.explanation;
    this.add('penalty.pipl.refusesToCorrect', 'engine.penalties.condition.piplRefusesToCorrect', 'penalty.pipl.refusesToCorrect.individuals');
    const amount = this.read('penalty.pipl.serious.amountMax') as ParameterReading<Range>; // in force since 2021-11-01, before any assessable date
    const percent = this.explanation.number('penalty.pipl.serious.turnoverPercentMax');
    const individuals = this.read('penalty.pipl.serious.individuals')!;
    const share = this.turnover == null ? null : Math.round((this.turnover * percent.value) / 100);
    if (share != null && amount.value.max > 0 && share > amount.value.max) {
      this.explanation.review(say('engine.penalties.review.piplCeilings', { amount: formatCount(amount.value.max), percent: percent.value, share: formatCount(share) }));
    }
    this.list.push({
      id: 'penalty.pipl.serious',
      condition: say('engine.penalties.condition.piplSerious'),
      organisation: amount.value,
      turnoverPercentMax: percent.value,
      turnoverAmountMax: share,
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

function item(id: string, determination: string, title: string, detail: string, tiers: Tiers): ExposureItem {
  return { id, determination, title, detail, tiers: tiers.list };
}

export function assessExposure(context: AssessContext, input: ExposureInput): ExposureDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const turnover = profile.organisation.priorYearTurnoverRmb ?? null;
  const tiers = () => new Tiers(context, explanation, turnover);
  const items: ExposureItem[] = [];
  const isCiio = input.cii.status === 'notified';

  explanation.step(say('engine.penalties.step.inForce'), say('engine.penalties.result.inForce', { effective: getInstrument(context.book, 'cn.csl-2026').effective }), {
    citation: explanation.cite({ provision: 'csl.mlps-duties' }),
  });
  if (turnover == null) {
    explanation.step(say('engine.penalties.step.turnover'), say('engine.penalties.result.turnoverMissing'));
  } else {
    explanation.step(say('engine.penalties.step.turnover'), say('engine.penalties.result.turnover', { turnover: formatCount(turnover), share: formatCount(Math.round(turnover * 0.05)) }), { facts: { priorYearTurnoverRmb: turnover } });
  }

  const { cbdt } = input;
  if (cbdt.mechanism !== 'none') {
    const export_ = tiers().pipl();
    const importantData = profile.transfers.some((transfer) => transfer.importantData);
    if (importantData) {
      export_.add('penalty.dsl.importantDataExport', 'engine.penalties.condition.dslImportantDataExport')
        .add('penalty.dsl.importantDataExport.serious', 'engine.penalties.condition.dslImportantDataExportSerious', 'penalty.dsl.importantDataExport.seriousIndividuals');
    }
    if (isCiio) {
      const ciiExport = fine(context, explanation, 'penalty.csl.ciiExport')!;
      if (ciiExport.value != null) export_.add('penalty.csl.ciiExport', 'engine.penalties.condition.cslCiiExport');
      else explanation.step(say('engine.penalties.step.ciiExport'), say('engine.penalties.result.ciiExport'), { citation: ciiExport.citation });
    }
    items.push(item('cbdt', 'organisation.cbdt', say('engine.penalties.item.cbdt.title'), say('engine.penalties.item.cbdt.detail'), export_));
  }

  if (input.cii.status !== 'not_indicated') {
    const cii = tiers().cslCii()
      .multiple('penalty.csl.ciiProcurementMultiple', 'engine.penalties.condition.ciiProcurement')
      .add('penalty.cii.incidentNotReported', 'engine.penalties.condition.ciiIncidentNotReported');
    const notified = isCiio ? 'yes' : 'no';
    items.push(item('cii', 'organisation.cii', say('engine.penalties.item.cii.title', { notified }), say('engine.penalties.item.cii.detail', { notified }), cii));
  }

  if (input.piVolumeDuties.length > 0) {
    items.push(item('pi_volume_duties', 'organisation.piVolumeDuties', say('engine.penalties.item.volume.title'), say('engine.penalties.item.volume.detail'), tiers().pipl()));
  }

  if (input.networkData && input.networkData.duties.length > 0) {
    const data = tiers().add('penalty.ndsmr.general', 'engine.penalties.condition.ndsmrGeneral');
    if (input.networkData.importantDataHandler) {
      data.add('penalty.ndsmr.importantData', 'engine.penalties.condition.ndsmrImportantData')
        .add('penalty.ndsmr.importantData.serious', 'engine.penalties.condition.ndsmrImportantDataSerious');
    }
    data.dslSecurityDuties();
    explanation.review(say('engine.penalties.review.ndsmrRouting'));
    items.push(item('network_data', 'organisation.networkData', say('engine.penalties.item.networkData.title'), say('engine.penalties.item.networkData.detail'), data));
  }

  for (const system of input.systems) {
    if (system.mlps.applies) {
      items.push(item(`mlps_${system.id}`, `systems[${system.id}].mlps`, say('engine.penalties.item.mlps.title', { system: system.name }), say('engine.penalties.item.mlps.detail', { cii: isCiio ? 'yes' : 'no' }), tiers().cslOperator()));
    }
    if (system.icp.requirement === 'licence') {
      items.push(item(`icp_${system.id}`, `systems[${system.id}].icp`, say('engine.penalties.item.icpLicence.title', { system: system.name }), say('engine.penalties.item.icpLicence.detail'), tiers()
        .add('penalty.iis.unlicensedCommercial', 'engine.penalties.condition.iisUnlicensed')
        .multiple('penalty.iis.unlicensedCommercialGainsMultiple', 'engine.penalties.condition.iisUnlicensedGains')
        .add('penalty.iis.numberNotShown', 'engine.penalties.condition.iisLicenceNumberNotShown')));
    } else if (system.icp.requirement === 'filing') {
      items.push(item(`icp_${system.id}`, `systems[${system.id}].icp`, say('engine.penalties.item.icpFiling.title', { system: system.name }), say('engine.penalties.item.icpFiling.detail'), tiers()
        .add('penalty.iis.unfiledNonCommercial', 'engine.penalties.condition.iisUnfiled')
        .add('penalty.iis.numberNotShown', 'engine.penalties.condition.iisFilingNumberNotShown')));
    }
    const reporting = system.incidentReporting;
    if (reporting && reporting.duties.length > 0) {
      const incident = reporting.ciiRelated ? tiers().cslCii().add('penalty.cii.incidentNotReported', 'engine.penalties.condition.ciiIncidentNotReportedShort') : tiers().cslOperator();
      incident.dslSecurityDuties();
      items.push(item(`incident_reporting_${system.id}`, `systems[${system.id}].incidentReporting`, say('engine.penalties.item.incident.title', { system: system.name }), say('engine.penalties.item.incident.detail'), incident));
    }
  }
  return { turnoverRmb: turnover, items, ...explanation.result() };
}
