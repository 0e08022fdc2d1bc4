// Penalty exposure per determination: the fines the law in force on the assessment date sets if the
// duty is not met. Every figure is a dated parameter (content/parameters/penalties.yaml), so the
// same MLPS breach shows the 2017 Cybersecurity Law's figures before 2026-01-01 and the amended
// law's after. Ranges are what the text allows; where a penalty article routes a breach to another
// law, the item names that law's tiers instead.
import type { CbdtDetermination, CiiDetermination, ExposureDetermination, ExposureItem, IcpDetermination, MlpsDetermination, PenaltyTier } from './assessment-schema.ts';
import { getInstrument, readParameterIfInForce, type ParameterReading } from '../law/law-book.ts';
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
  const reading = readParameterIfInForce<Range | null>(context.book, id, context.asOf);
  if (!reading) return undefined;
  explanation.keep(reading.citation);
  if (reading.needsLegalReview) explanation.review(reading.note ?? `Parameter ${reading.id} is unconfirmed.`);
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

  /** A tier read from a fine parameter (a range, or null where the text sets none on this date). */
  add(id: ParameterId, condition: string, individualsId?: ParameterId): this {
    const reading = this.read(id);
    if (!reading) return this;
    const individuals = individualsId ? this.read(individualsId) : undefined;
    this.list.push({
      id,
      condition,
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

  /** A fine as a multiple of a sum (purchase amount, illegal gains). */
  multiple(id: ParameterId, condition: string): this {
    const reading = this.read(id);
    if (!reading) return this;
    this.list.push({ id, condition, organisation: null, turnoverPercentMax: null, turnoverAmountMax: null, multiple: reading.value, individuals: null, citation: reading.citation, wording: reading.wording ?? null, needsLegalReview: reading.needsLegalReview });
    return this;
  }

  /** PIPL Art. 66: the first tier on refusal to correct, and the serious tier with its two ceilings. */
  pipl(): this {
    this.add('penalty.pipl.refusesToCorrect', 'Breach of the PIPL, after an order to correct and a warning, on refusal to correct', 'penalty.pipl.refusesToCorrect.individuals');
    const amount = this.read('penalty.pipl.serious.amountMax') as ParameterReading<Range>; // in force since 2021-11-01, before any assessable date
    const percent = this.explanation.number('penalty.pipl.serious.turnoverPercentMax');
    const individuals = this.read('penalty.pipl.serious.individuals')!;
    const share = this.turnover == null ? null : Math.round((this.turnover * percent.value) / 100);
    if (share != null && amount.value.max > 0 && share > amount.value.max) {
      this.explanation.review(`PIPL Art. 66(2) gives the serious-case ceilings as alternatives (RMB ${formatCount(amount.value.max)}, or ${percent.value}% of the previous year's turnover, here RMB ${formatCount(share)}) without saying which prevails when the share of turnover is larger.`);
    }
    this.list.push({
      id: 'penalty.pipl.serious',
      condition: 'Serious cases (情节严重), imposed by a provincial-or-higher PI protection authority; suspension of the business and revocation of licences may follow',
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
    return this.add('penalty.csl.operator.initial', 'Order to correct and warning (a fine may come with the warning only under the amended law)')
      .add('penalty.csl.operator.refusesOrHarm', 'Refusal to correct, or harm to network security', 'penalty.csl.operator.refusesOrHarm.individuals')
      .cslHarm();
  }

  cslCii(): this {
    return this.add('penalty.csl.cii.initial', 'Order to correct and warning (a fine may come with the warning only under the amended law)')
      .add('penalty.csl.cii.refusesOrHarm', 'Refusal to correct, or harm to network security', 'penalty.csl.cii.refusesOrHarm.individuals')
      .cslHarm();
  }

  /** The serious-harm tiers the amended CSL added (null before 2026-01-01). */
  private cslHarm(): this {
    return this.add('penalty.csl.seriousHarm', 'Serious harm: a large data leak, or a CII losing part of its functions', 'penalty.csl.seriousHarm.individuals')
      .add('penalty.csl.especiallySeriousHarm', 'Especially serious harm: a CII losing its main functions', 'penalty.csl.especiallySeriousHarm.individuals');
  }

  dslSecurityDuties(): this {
    return this.add('penalty.dsl.securityDuties', 'Breach of the data-security duties (management system, risk monitoring, incident handling and reporting, risk assessments): with the order to correct and warning')
      .add('penalty.dsl.securityDuties.serious', 'Refusal to correct, or a large data leak or other serious consequence');
  }
}

function item(id: string, determination: string, title: string, detail: string, tiers: Tiers): ExposureItem {
  return { id, determination, title, detail, tiers: tiers.list };
}

export function assessExposure(context: AssessContext, input: ExposureInput): ExposureDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const turnover = profile.organisation.priorYearTurnoverRmb ?? null;
  const tiers = () => new Tiers(context, explanation, turnover);
  const items: ExposureItem[] = [];
  const isCiio = input.cii.status === 'notified';

  explanation.step('Which penalty articles are in force?', `Each fine below is the figure in force on the assessment date; the amended Cybersecurity Law (from ${getInstrument(context.book, 'cn.csl-2026').effective}) renumbers the penalty articles and raises most ranges.`, {
    citation: explanation.cite({ provision: 'csl.mlps-duties' }),
  });
  if (turnover == null) {
    explanation.step("Previous year's turnover", 'Not given (organisation.priorYearTurnoverRmb): the PIPL serious-case ceiling is shown both as RMB 50 million and as 5% of turnover.');
  } else {
    explanation.step("Previous year's turnover", `RMB ${formatCount(turnover)}: 5% is RMB ${formatCount(Math.round(turnover * 0.05))}.`, { facts: { priorYearTurnoverRmb: turnover } });
  }

  const { cbdt } = input;
  if (cbdt.mechanism !== 'none') {
    const export_ = tiers().pipl();
    const importantData = profile.transfers.some((transfer) => transfer.importantData);
    if (importantData) {
      export_.add('penalty.dsl.importantDataExport', 'Important data provided abroad without the security assessment: with the order to correct and warning')
        .add('penalty.dsl.importantDataExport.serious', 'Serious cases; suspension or revocation may follow', 'penalty.dsl.importantDataExport.seriousIndividuals');
    }
    if (isCiio) {
      const ciiExport = fine(context, explanation, 'penalty.csl.ciiExport')!;
      if (ciiExport.value != null) export_.add('penalty.csl.ciiExport', 'CII operator storing or providing PI or important data abroad in breach of localisation');
      else explanation.step('CII operator exporting in breach of localisation', 'The amended Cybersecurity Law sets no fine of its own and refers the breach to the PIPL (PI) and the DSL (important data), whose tiers are listed.', { citation: ciiExport.citation });
    }
    items.push(item('cbdt', 'organisation.cbdt', 'Outbound transfers without the required mechanism, consent or PIPIA', 'Providing PI abroad without the mechanism, separate consent or PIPIA the determination lists is punished under PIPL Art. 66.', export_));
  }

  if (input.cii.status !== 'not_indicated') {
    const cii = tiers().cslCii()
      .multiple('penalty.csl.ciiProcurementMultiple', 'Using network products or services that have not passed the security review, as a multiple of the purchase amount')
      .add('penalty.cii.incidentNotReported', 'Not reporting a major incident or threat to the protection work department and the public security organ, on refusal to correct or harm');
    items.push(item('cii', 'organisation.cii', isCiio ? 'CII operator duties' : 'CII operator duties, if the firm is designated', isCiio ? 'The extra duties of a CII operator (security organisation, background checks, annual assessment, procurement review, incident reporting).' : 'Shown because the firm is in a CII sector; the fines apply only once a protection work department notifies it.', cii));
  }

  if (input.piVolumeDuties.length > 0) {
    items.push(item('pi_volume_duties', 'organisation.piVolumeDuties', 'PI protection duties (officer, audits, representative, large platform)', 'Breaches of the PIPL duties the volume determination lists are punished under PIPL Art. 66.', tiers().pipl()));
  }

  if (input.networkData && input.networkData.duties.length > 0) {
    const data = tiers().add('penalty.ndsmr.general', 'Contracts with and records of recipients (NDSMR Art. 12) and the other duties NDSMR Art. 55 names, on refusal to correct or in serious cases');
    if (input.networkData.importantDataHandler) {
      data.add('penalty.ndsmr.importantData', 'Important-data duties (NDSMR Arts. 29(2), 30(2)-(3), 31, 32): with the order to correct and warning')
        .add('penalty.ndsmr.importantData.serious', 'Refusal to correct, or a large data leak');
    }
    data.dslSecurityDuties();
    explanation.review('NDSMR Art. 58 routes the duties its Arts. 55-57 do not name to the CSL, DSL or PIPL; which of them punishes each duty is a reading of the text, not stated per article.');
    items.push(item('network_data', 'organisation.networkData', 'Network data duties', 'NDSMR Art. 55 punishes the recipient contracts and records; the important-data duties fall under Art. 57; the security duties under DSL Art. 45 (through NDSMR Art. 58).', data));
  }

  for (const system of input.systems) {
    if (system.mlps.applies) {
      items.push(item(`mlps_${system.id}`, `systems[${system.id}].mlps`, `${system.name}: MLPS duties (grading, filing, protection measures, 6-month logs)`, isCiio ? 'Network-operator tiers; as a CII operator the firm also faces the CII tiers listed under organisation.cii.' : 'Network-operator tiers of the Cybersecurity Law.', tiers().cslOperator()));
    }
    if (system.icp.requirement === 'licence') {
      items.push(item(`icp_${system.id}`, `systems[${system.id}].icp`, `${system.name}: commercial service without an ICP licence`, 'Fine without illegal gains (or gains under RMB 50,000), or a multiple of the gains; serious cases, closure of the site.', tiers()
        .add('penalty.iis.unlicensedCommercial', 'Commercial internet information service without a licence, no illegal gains or gains under RMB 50,000')
        .multiple('penalty.iis.unlicensedCommercialGainsMultiple', 'The same, with illegal gains of RMB 50,000 or more')
        .add('penalty.iis.numberNotShown', 'Licence number not shown on the home page')));
    } else if (system.icp.requirement === 'filing') {
      items.push(item(`icp_${system.id}`, `systems[${system.id}].icp`, `${system.name}: non-commercial service without an ICP filing`, 'No fine for the missing filing itself: an order to correct within a time limit, and closure of the site on refusal.', tiers()
        .add('penalty.iis.unfiledNonCommercial', 'Non-commercial internet information service without the filing: order to correct; closure of the site on refusal')
        .add('penalty.iis.numberNotShown', 'Filing number not shown on the home page')));
    }
    const reporting = system.incidentReporting;
    if (reporting && reporting.duties.length > 0) {
      const incident = reporting.ciiRelated ? tiers().cslCii().add('penalty.cii.incidentNotReported', 'CII operator not reporting a major incident or threat, on refusal to correct or harm') : tiers().cslOperator();
      incident.dslSecurityDuties();
      items.push(item(`incident_reporting_${system.id}`, `systems[${system.id}].incidentReporting`, `${system.name}: incident plans and reporting`, 'The Incident Reporting Measures set no fine of their own (Art. 10): a missing or late report is punished under the Cybersecurity Law (incident-plan and reporting duty), the DSL (incident handling and reporting) and, for CII, the CII Regulations.', incident));
    }
  }
  return { turnoverRmb: turnover, items, ...explanation.result() };
}
