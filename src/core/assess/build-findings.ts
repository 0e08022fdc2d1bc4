// Findings: the headline consequences of the determinations, ranked for the reader.
import { addDays } from '../law/dates.ts';
import { numberParameter, readParameter, type Citation } from '../law/law-book.ts';
import { cbdtRoute } from './assess-cbdt.ts';
import type { Assessment, Finding } from './assessment-schema.ts';
import { formatCount, type AssessContext, type Say } from './explanation.ts';
import { sharedAnswers } from './shared-answers.ts';
import { candidatesWith } from '../list-lookup.ts';

export type AssessmentCore = Omit<Assessment, 'rules' | 'findings' | 'openQuestions' | 'needsLegalReview'>;

/**
 * The messages a finding uses that carry no per-firm value (or only a value from a closed set, a
 * mechanism or a sector), formatted once per law day and formatter (kept as the day's shared
 * state, see SharedAnswers.state) and shared by every assessment written with it.
 */
class FindingTexts {
  private readonly keyed = new Map<string, Map<string, string>>();
  /** By the answer's trace, which a copy naming its system (assess-icp.ts, icpAnswer) shares with the answer. */
  private readonly icps = new WeakMap<IcpAnswer['trace'], IcpSummary>();
  private readonly localisations = new WeakMap<LocalisationAnswer, LocalisationSummary>();
  /** By the hosting answer's list of reasons, which every system given the shared answer shares. */
  private readonly hostingDetails = new WeakMap<readonly string[], string>();
  /** By the grade's trace, which every system given the shared grade (assess-profile.ts) shares with it. */
  private readonly mlpsDetails = new WeakMap<MlpsAnswer['trace'], string>();
  /** By the (frozen) duty, which the volume duties share between the assessments of a law day. */
  private readonly volumeDetails = new WeakMap<VolumeDuty, string>();

  constructor(readonly say: Say) {}

  get semicolon(): string {
    return this.plain('engine.findings.semicolon');
  }

  get listSeparator(): string {
    return this.plain('common.listSeparator');
  }

  /** The message `id` without values, formatted on first use. */
  plain(id: string): string {
    return this.keyedBy(id, '', '');
  }

  /*
   * The summaries below are kept by the answer itself (a weak key: the answer; for ICP and MLPS
   * its trace, which a system's copy shares with the answer; for hosting its reasons; for a volume
   * duty the duty, when frozen). Answers shared between the assessments of a law day
   * (shared-answers.ts) are never changed once made (their objects are frozen;
   * test/shared-answers.test.ts checks that no consumer changes their lists), so a summary made
   * from one holds for every assessment given it; any other answer is new to the assessment, so
   * its summary is made afresh.
   */

  /** What the findings say of an ICP answer, but for the system's name and audience. */
  icp(icp: IcpAnswer): IcpSummary {
    return keptBy(this.icps, icp.trace, this, icp, icpSummary);
  }

  /** What the findings say of a system's integrations, but for the system's name. */
  localisation(list: LocalisationAnswer): LocalisationSummary {
    return keptBy(this.localisations, list, this, list, localisationSummary);
  }

  /** What the hosting finding says: the answer's reasons run together. */
  hosting(hosting: SystemAnswer['hosting']): string {
    return keptBy(this.hostingDetails, hosting.reasons, this, hosting.reasons, hostingDetail);
  }

  /** What the MLPS finding of a grade at level 2 or above says, but for the system's name. */
  mlps(mlps: MlpsAnswer): string {
    return keptBy(this.mlpsDetails, mlps.trace, this, mlps, mlpsDetail);
  }

  /** What the finding of a volume duty says: its detail and threshold. */
  volume(duty: VolumeDuty): string {
    return Object.isFrozen(duty) ? keptBy(this.volumeDetails, duty, this, duty, volumeDetail) : volumeDetail(this, duty);
  }

  /** Sentences run together, one message a pair, as a reduce over them would. */
  sentences(items: readonly string[]): string {
    let text = items.length === 0 ? '' : items[0]!;
    for (let index = 1; index < items.length; index += 1) text = this.say('engine.findings.sentences', { first: text, second: items[index]! });
    return text;
  }

  /** The message `id` with its one value `name` set to `value` (from a closed set), formatted on first use. */
  keyedBy(id: string, name: string, value: string): string {
    let byValue = this.keyed.get(id);
    if (!byValue) {
      byValue = new Map();
      this.keyed.set(id, byValue);
    }
    let text = byValue.get(value);
    if (text === undefined) {
      text = name === '' ? this.say(id) : this.say(id, { [name]: value });
      byValue.set(value, text);
    }
    return text;
  }
}

/** What `map` keeps for `key`, made from `of` on first use (see FindingTexts on what keys may be). */
function keptBy<K extends object, A, V>(map: WeakMap<K, V>, key: K, texts: FindingTexts, of: A, make: (texts: FindingTexts, of: A) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make(texts, of);
    map.set(key, value);
  }
  return value;
}

const hostingDetail = (texts: FindingTexts, reasons: readonly string[]): string => texts.sentences(reasons);

function mlpsDetail({ say }: FindingTexts, mlps: MlpsAnswer): string {
  return mlps.level >= 3
    ? say('engine.findings.mlps.high.detail', { days: String(mlps.psbFilingDays), months: mlps.assessmentIntervalMonths ?? '-', crypto: mlps.commercialCryptoAssessment, applies: mlps.applies ? 'yes' : 'no', applicability: mlps.applicability })
    : say('engine.findings.mlps.level2.detail', { days: String(mlps.psbFilingDays), applies: mlps.applies ? 'yes' : 'no', applicability: mlps.applicability });
}

const volumeDetail = ({ say }: FindingTexts, duty: VolumeDuty): string => say('engine.findings.volume.detail', { detail: duty.detail, threshold: duty.threshold });

type SystemAnswer = AssessmentCore['systems'][number];
type IcpAnswer = SystemAnswer['icp'];
type LocalisationAnswer = SystemAnswer['localisation'];
type MlpsAnswer = SystemAnswer['mlps'];
type VolumeDuty = AssessmentCore['organisation']['piVolumeDuties'][number];

/** An ICP answer as its finding reads it, but for the system's name and audience. */
interface IcpSummary {
  /** Prerequisites not met. */
  readonly unmet: number;
  readonly detail: string;
  readonly basis: readonly Citation[];
  /** Whether an obligation is a sector pre-approval (which the timeline leaves out). */
  readonly preApproval: boolean;
}

function icpSummary(texts: FindingTexts, icp: IcpAnswer): IcpSummary {
  const { say, semicolon } = texts;
  let unmet = 0;
  let unmetText = '';
  for (const p of icp.prerequisites) {
    if (p.met === 'yes') continue;
    const title = say.locale === 'en' ? p.title.toLowerCase() : p.title;
    unmetText = unmet === 0 ? title : unmetText + semicolon + title;
    unmet += 1;
  }
  let preApproval = false;
  for (const o of icp.obligations) if (o.id.startsWith('pre_approval_')) preApproval = true;
  return {
    unmet,
    // Formatted only where the finding is made (an ICP requirement).
    detail: icp.requirement === 'none' ? '' : say('engine.findings.icp.detail', { requirement: icp.requirement, withUnmet: unmet > 0 ? 'yes' : 'no', unmet: unmetText }),
    basis: firstCitations(icp.citations, 2, (c) => c.instrument === 'cn.iis-measures'),
    preApproval,
  };
}

/** A system's integrations as the localisation findings read them, but for the system's name. */
interface LocalisationSummary {
  /** Integrations unavailable, degraded or restricted in the mainland. */
  readonly blocked: number;
  /** Whether one of them is unavailable or restricted. */
  readonly unusable: boolean;
  readonly blockedText: string;
  /** The maps finding's detail (the integrations with map findings, and the first one's first finding) and citations. */
  readonly maps: { readonly detail: string; readonly basis: readonly Citation[] } | null;
}

function localisationSummary(texts: FindingTexts, list: LocalisationAnswer): LocalisationSummary {
  const { say, semicolon, listSeparator } = texts;
  let blocked = 0;
  let unusable = false;
  let blockedText = '';
  let mapNames = '';
  let firstMap: LocalisationAnswer[number] | undefined;
  for (const item of list) {
    const status = item.status;
    if (status === 'unavailable' || status === 'degraded' || status === 'restricted') {
      if (status !== 'degraded') unusable = true;
      const alternatives = firstNames(item.alternativeNames, 3, listSeparator) || texts.plain('engine.findings.localisation.noAlternative');
      const text = say('engine.findings.localisation.item', { name: item.name, status, alternatives });
      blockedText = blocked === 0 ? text : blockedText + semicolon + text;
      blocked += 1;
    }
    if (item.findings.length > 0) {
      mapNames = firstMap ? mapNames + listSeparator + item.name : item.name;
      firstMap ??= item;
    }
  }
  return { blocked, unusable, blockedText, maps: firstMap ? { detail: say('engine.findings.maps.detail', { names: mapNames, detail: firstMap.findings[0]!.detail }), basis: givenCitationsOf(firstMap.findings) } : null };
}

/** The first `max` of `names` joined by `separator`, as slice and join would write them (without the slice). */
function firstNames(names: readonly string[], max: number, separator: string): string {
  let out = '';
  for (let index = 0; index < names.length && index < max; index += 1) {
    const name = names[index] ?? ''; // join writes null and undefined as ''
    out = index === 0 ? name : out + separator + name;
  }
  return out;
}

/** `text` of each of `items`, joined by `separator` (as map and join would write them). */
function joinTexts<T>(items: readonly T[], separator: string, text: (item: T) => string): string {
  let out = '';
  for (let index = 0; index < items.length; index += 1) out = index === 0 ? text(items[index]!) : out + separator + text(items[index]!);
  return out;
}

/** Up to `max` of `citations` that `keep` accepts, in order. */
function firstCitations(citations: readonly Citation[], max: number, keep: (citation: Citation) => boolean): Citation[] {
  const out: Citation[] = [];
  for (let index = 0; index < citations.length && out.length < max; index += 1) {
    const citation = citations[index]!;
    if (keep(citation)) out.push(citation);
  }
  return out;
}

/** The citations of the first `max` of `entries`. */
function citationsOf(entries: ReadonlyArray<{ readonly citation: Citation }>, max: number): Citation[] {
  const out: Citation[] = [];
  for (let index = 0; index < entries.length && index < max; index += 1) out.push(entries[index]!.citation);
  return out;
}

/** The citations of `entries` that have one, up to `max`. */
function givenCitationsOf(entries: ReadonlyArray<{ readonly citation?: Citation | null | undefined }>, max = Infinity): Citation[] {
  const out: Citation[] = [];
  for (let index = 0; index < entries.length && out.length < max; index += 1) {
    const citation = entries[index]!.citation;
    if (citation != null) out.push(citation);
  }
  return out;
}

/** Whether a system's ICP obligations include a sector pre-approval (which the timeline leaves out). */
function hasPreApproval(texts: FindingTexts, systems: AssessmentCore['systems']): boolean {
  for (const system of systems) if (texts.icp(system.icp).preApproval) return true;
  return false;
}

export function buildFindings(context: AssessContext, assessment: AssessmentCore): Finding[] {
  const { profile, book, asOf, say } = context;
  const texts = sharedAnswers(context).state('finding texts', () => new FindingTexts(say));
  const semicolon = texts.semicolon;
  // Findings by severity, each in the order added: ranked by concatenation, as a stable sort would.
  const high: Finding[] = [];
  const medium: Finding[] = [];
  const low: Finding[] = [];
  const info: Finding[] = [];
  const add = (finding: Finding) => {
    const severity = finding.severity;
    (severity === 'high' ? high : severity === 'medium' ? medium : severity === 'low' ? low : info).push(finding);
  };
  const { cbdt, cii } = assessment.organisation;
  const { timeline } = assessment;
  const transfers = cbdt.transfers;

  if (cbdt.mechanism === 'security_assessment' || cbdt.mechanism === 'standard_contract_or_certification') {
    let required = 0;
    let requiredText = '';
    for (const t of transfers) {
      if (t.treatment !== 'assessment_required') continue;
      requiredText = required === 0 ? t.transfer : `${requiredText}, ${t.transfer}`;
      required += 1;
    }
    const regimeId = cbdt.regime.id;
    add({
      id: `cbdt.${cbdt.mechanism}`,
      severity: cbdt.mechanism === 'security_assessment' ? 'high' : 'medium',
      title: texts.keyedBy('engine.findings.cbdt.route.title', 'mechanism', cbdt.mechanism),
      detail: say('engine.findings.cbdt.route.detail', {
        regime: cbdt.regime.title,
        nonSensitive: formatCount(cbdt.counted.nonSensitiveIndividuals),
        sensitive: formatCount(cbdt.counted.sensitiveIndividuals),
        windowStart: cbdt.counted.windowStart,
        required: required > 0 ? 'yes' : 'no',
        transfers: requiredText,
      }),
      system: null,
      basis: firstCitations(cbdt.citations, 3, (citation) => citation.instrument === regimeId),
      needsLegalReview: cbdt.needsLegalReview,
    });
  } else if (cbdt.mechanism === 'exempt') {
    const items: string[] = [];
    for (const e of cbdt.exemptions) items.push(say('engine.findings.cbdt.exempt.item', { transfer: e.transfer, basis: e.basis }));
    add({ id: 'cbdt.exempt', severity: 'info', title: texts.plain('engine.findings.cbdt.exempt.title'), detail: texts.sentences(items) || texts.plain('engine.findings.cbdt.exempt.none'), system: null, basis: citationsOf(cbdt.duties, 2), needsLegalReview: cbdt.needsLegalReview });
  }
  if (cbdt.sectorEscalation) {
    add({ id: 'cbdt.sector-escalation', severity: 'high', title: texts.plain('engine.findings.cbdt.escalation.title'), detail: cbdt.sectorEscalation.reason, system: null, basis: [cbdt.sectorEscalation.citation], needsLegalReview: true });
  }

  // Say where the superseded 2022 thresholds would answer differently: public pages still quote them.
  const provisions = book.instruments.get('cn.cbdt.provisions-2024');
  if (provisions && asOf >= provisions.effective) {
    const before = addDays(provisions.effective, -1); // the last day of the 2022 thresholds
    const old = cbdtRoute({ book, asOf: before, profile, say });
    if (old.mechanism !== cbdt.mechanism) {
      // The superseded triggers as the parameters give them on that day.
      const oldAll = numberParameter(book, 'cbdt.assessment.nonSensitiveAtLeast', before).value;
      const oldSensitive = numberParameter(book, 'cbdt.assessment.sensitiveAtLeast', before).value;
      const oldProcessed = readParameter<number | null>(book, 'cbdt.assessment.processedIndividualsAtLeast', before).value;
      add({
        id: 'cbdt.superseded-thresholds',
        severity: 'info',
        title: texts.plain('engine.findings.cbdt.superseded.title'),
        detail: say('engine.findings.cbdt.superseded.detail', {
          before,
          all: formatCount(oldAll),
          sensitive: formatCount(oldSensitive),
          withProcessed: oldProcessed != null ? 'yes' : 'no',
          processed: oldProcessed != null ? formatCount(oldProcessed) : '',
          old: texts.keyedBy('engine.findings.mechanism', 'mechanism', old.mechanism),
          effective: provisions.effective,
          current: texts.keyedBy('engine.findings.mechanism', 'mechanism', cbdt.mechanism),
        }),
        system: null,
        basis: [cbdt.citations.find((c) => c.instrument === 'cn.cbdt.provisions-2024') ?? old.regimeCitation],
        needsLegalReview: false,
      });
    }
  }

  for (const system of profile.systems) {
    if (system.hosting === 'mainland' || !system.collectsMainlandPersonalInformation) continue;
    let declared = 0;
    let total = 0;
    for (const t of candidatesWith(transfers, 'fromSystem', system.id)) {
      if (t.fromSystem !== system.id || t.implied) continue;
      declared += 1;
      total += t.nonSensitiveIndividuals;
    }
    if (declared === 0) continue;
    if (system.users.registered > total) {
      add({ id: `cbdt.understated.${system.id}`, severity: 'medium', title: say('engine.findings.cbdt.understated.title', { system: system.name }), detail: say('engine.findings.cbdt.understated.detail', { registered: formatCount(system.users.registered), total: formatCount(total) }), system: system.id, basis: firstCitations(cbdt.citations, 1, (c) => c.instrument === 'cn.pipl'), needsLegalReview: false });
    }
  }

  for (const system of profile.systems) {
    if (system.sensitivePersonalInformation.length === 0) continue;
    // The declared, in-scope transfers from the system that count no sensitive PI.
    let withoutSensitive = 0;
    let withoutSensitiveText = '';
    for (const t of candidatesWith(transfers, 'fromSystem', system.id)) {
      if (t.fromSystem !== system.id || t.implied || t.treatment === 'out_of_scope' || t.sensitiveIndividuals !== 0) continue;
      withoutSensitiveText = withoutSensitive === 0 ? t.transfer : `${withoutSensitiveText}, ${t.transfer}`;
      withoutSensitive += 1;
    }
    if (withoutSensitive > 0) {
      const regimeId = cbdt.regime.id;
      const categories = joinTexts(system.sensitivePersonalInformation, texts.listSeparator, (category) => texts.keyedBy('engine.findings.cbdt.sensitiveCount.category', 'category', category));
      add({ id: `cbdt.sensitive-count.${system.id}`, severity: 'medium', title: say('engine.findings.cbdt.sensitiveCount.title', { system: system.name, categories }), detail: say('engine.findings.cbdt.sensitiveCount.detail', { transfers: withoutSensitiveText }), system: system.id, basis: firstCitations(cbdt.citations, 2, (c) => c.instrument === 'cn.pipl' || c.instrument === regimeId), needsLegalReview: false });
    }
  }

  if (timeline.criticalPath.length > 0 && hasPreApproval(texts, assessment.systems)) {
    add({ id: 'timeline.pre-approval-excluded', severity: 'medium', title: texts.plain('engine.findings.timeline.preApproval.title'), detail: texts.plain('engine.findings.timeline.preApproval.detail'), system: null, basis: [], needsLegalReview: false });
  }

  if (cii.status !== 'not_indicated') {
    add({ id: `cii.${cii.status}`, severity: cii.status === 'notified' ? 'high' : 'medium', title: cii.status === 'notified' ? texts.plain('engine.findings.cii.notified.title') : say('engine.findings.cii.candidate.title', { sectors: joinTexts(cii.sectors, texts.listSeparator, (sector) => texts.keyedBy('engine.cii.sector', 'sector', sector)) }), detail: joinTexts(cii.obligations, semicolon, (o) => o.title), system: null, basis: citationsOf(cii.obligations, 3), needsLegalReview: cii.needsLegalReview });
  }
  for (const duty of assessment.organisation.piVolumeDuties) {
    add({ id: `volume.${duty.id}`, severity: duty.id === 'pi_regular_compliance_audit' || duty.id === 'pi_ordered_audit' ? 'low' : 'medium', title: duty.title, detail: texts.volume(duty), system: null, basis: [duty.citation], needsLegalReview: duty.needsLegalReview });
  }

  const systems = assessment.systems;
  for (let index = 0; index < systems.length; index += 1) {
    const system = systems[index]!;
    // The assessment lists the systems in the profile's order.
    const listed = profile.systems[index];
    const source = listed && listed.id === system.id ? listed : profile.systems.find((candidate) => candidate.id === system.id)!;
    const { mlps, icp, hosting } = system;
    if (mlps.level >= 3) {
      add({ id: `mlps.level${mlps.level}.${system.id}`, severity: 'high', title: say('engine.findings.mlps.title', { system: system.name, level: mlps.level }), detail: texts.mlps(mlps), system: system.id, basis: citationsOf(mlps.obligations, 3), needsLegalReview: mlps.needsLegalReview });
    } else if (mlps.level === 2) {
      add({ id: `mlps.level2.${system.id}`, severity: 'low', title: say('engine.findings.mlps.title', { system: system.name, level: 2 }), detail: texts.mlps(mlps), system: system.id, basis: citationsOf(mlps.obligations, 2), needsLegalReview: false });
    }
    if (icp.requirement !== 'none') {
      const { unmet, detail, basis } = texts.icp(icp);
      add({ id: `icp.${icp.requirement}.${system.id}`, severity: unmet > 0 && source.audience === 'consumers' ? 'high' : 'medium', title: say('engine.findings.icp.title', { system: system.name, requirement: icp.requirement, edi: icp.ediLicence ? 'yes' : 'no' }), detail, system: system.id, basis: basis.slice(), needsLegalReview: icp.needsLegalReview });
    }
    if (hosting.recommendation === 'mainland_required' || hosting.recommendation === 'mainland_recommended') {
      const moving = source.hosting !== 'mainland';
      add({ id: `hosting.${hosting.recommendation}.${system.id}`, severity: hosting.recommendation === 'mainland_required' && moving ? 'high' : 'medium', title: say('engine.findings.hosting.title', { system: system.name, required: hosting.recommendation === 'mainland_required' ? 'yes' : 'no', moving: moving ? 'yes' : 'no', hosting: source.hosting }), detail: texts.hosting(hosting), system: system.id, basis: givenCitationsOf(hosting.path, 3), needsLegalReview: hosting.needsLegalReview });
    }
    const { blocked, unusable, blockedText, maps } = texts.localisation(system.localisation);
    if (blocked > 0) {
      add({ id: `localisation.${system.id}`, severity: unusable ? 'medium' : 'low', title: say('engine.findings.localisation.title', { system: system.name, count: blocked }), detail: blockedText, system: system.id, basis: [], needsLegalReview: false });
    }
    if (maps) {
      add({ id: `localisation.maps.${system.id}`, severity: 'high', title: say('engine.findings.maps.title', { system: system.name }), detail: maps.detail, system: system.id, basis: maps.basis.slice(), needsLegalReview: false });
    }
    if (source.importantData === 'suspected') {
      add({ id: `important-data.suspected.${system.id}`, severity: 'medium', title: say('engine.findings.importantData.title', { system: system.name }), detail: texts.plain('engine.findings.importantData.detail'), system: system.id, basis: firstCitations(hosting.citations, Infinity, (c) => c.instrument === 'cn.std.gbt-43697-2024'), needsLegalReview: false });
    }
  }

  if (timeline.goLive && timeline.tracks.length > 0 && timeline.goLive < timeline.readyBy.latest) {
    add({ id: 'timeline.go-live-at-risk', severity: timeline.goLive < timeline.readyBy.earliest ? 'high' : 'medium', title: say('engine.findings.goLive.title', { goLive: timeline.goLive, before: timeline.goLive < timeline.readyBy.earliest ? 'yes' : 'no' }), detail: say('engine.findings.goLive.detail', { path: timeline.criticalPath.join(' → '), earliest: timeline.readyBy.earliest, latest: timeline.readyBy.latest, minMonths: timeline.minMonths, maxMonths: timeline.maxMonths, start: timeline.start }), system: null, basis: [], needsLegalReview: false });
  }
  for (const finding of medium) high.push(finding);
  for (const finding of low) high.push(finding);
  for (const finding of info) high.push(finding);
  return high;
}
