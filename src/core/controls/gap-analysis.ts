// Gap analysis of one system against GB/T 22239-2019 at a level: which items the firm's SOC 2 and
// ISO 27001 controls carry through the crosswalks, where the jurisdiction-anchored themes stop them,
// and what closing each gap takes.
import type { DefaultUse, Profile } from '../profile/normalise-profile.ts';
import type { Say } from '../assess/explanation.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { GapSummary } from '../assess/assessment-schema.ts';
import { CATEGORIES, EXTENSIONS, REPOSITIONINGS } from './controls-constants.ts';
import type { CatalogItem, CatalogLevel, CategoryKey, ControlsLibrary, ExtensionKey, Mapping, SourceFrameworkKey, Theme } from './controls-schema.ts';
import { CarryOverTally, carryOverFrom, categoryGroupSlot, classify, themeGroupSlot, type CarryOver, type CarryOverClass } from './carry-over.ts';
import { compareIds, compareNumeric } from '../id-order.ts';
import { candidatesWith } from '../list-lookup.ts';

export const GAP_STATUSES = ['covered', 'partial', 'evidence_needed', 'gap'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];
export type Remediation = 'none' | 'reposition' | 'add';

/** Equal or superset rows at or above this strength carry an item in full. */
export const FULL_COVERAGE_STRENGTH = 7;

export interface EvidenceLink {
  framework: SourceFrameworkKey;
  control: string;
  controlName: string;
  relationship: Mapping['relationship'];
  strength: number;
  rationale: string;
  /** What of the source control's evidence an assessor can be shown for this item. */
  reusableEvidence: string;
  /** Independently attested: an ISO 27001 certificate or a SOC 2 Type 2 report. */
  attested: boolean;
}

export interface GapItem {
  id: string;
  category: CategoryKey;
  extension: ExtensionKey | null;
  controlPoint: { key: string; zh: string; en: string };
  clause: string;
  summary: string;
  /** The summary in Chinese (the catalogue's summaryZh). */
  summaryZh: string;
  paraphrase: string;
  themes: Theme[];
  status: GapStatus;
  basis: string[];
  evidence: EvidenceLink[];
  remediation: Remediation;
  effortWeeks: { min: number; max: number };
  needsReview: boolean;
  reviewNote: string | null;
  /** How the item carries over: met as it stands, once repositioned, with evidence, by extending a control, or with a new one. */
  carryOver: CarryOverClass;
}

export interface CoverageCount {
  applicable: number;
  covered: number;
  partial: number;
  evidenceNeeded: number;
  gap: number;
  /** Covered items over applicable items, in percent. */
  fullPercent: number;
  /** Covered plus half of partial and evidence-needed items, over applicable items, in percent. */
  weightedPercent: number;
}

export interface ThemeGroup {
  theme: Theme;
  title: string;
  why: string;
  remediation: Exclude<Remediation, 'none'>;
  remediationDetail: string;
  effortWeeks: { min: number; max: number };
  items: string[];
  open: number;
}

export interface CategoryGroup {
  category: CategoryKey;
  zh: string;
  en: string;
  remediation: Record<Exclude<Remediation, 'none'>, string[]>;
  effortWeeks: { min: number; max: number };
}

export interface ExtensionScope {
  extension: ExtensionKey;
  zh: string;
  en: string;
  applies: boolean;
  reason: string;
}

export interface GapReport {
  systemId: string;
  systemName: string;
  level: CatalogLevel;
  levelSource: 'graded' | 'requested';
  extensions: ExtensionScope[];
  sources: string[];
  method: string[];
  coverage: { overall: CoverageCount; byCategory: Array<{ category: CategoryKey; zh: string; en: string } & CoverageCount>; byExtension: Array<{ extension: ExtensionKey | 'general' } & CoverageCount> };
  items: GapItem[];
  /** Cloud items the provider meets; listed, not counted. */
  inheritedFromProvider: Array<{ id: string; clause: string; summary: string; summaryZh: string }>;
  themes: ThemeGroup[];
  otherGaps: CategoryGroup[];
  evidenceMap: Array<{ framework: SourceFrameworkKey; control: string; controlName: string; attested: boolean; items: string[] }>;
  effortWeeks: { min: number; max: number };
  itemsNeedingReview: number;
  /** The answer to "how much carries over", with the practitioners' range beside it. */
  carryOver: CarryOver;
}

export interface GapInput {
  system: SystemProfile;
  level: CatalogLevel;
  levelSource: 'graded' | 'requested';
  controls: Profile['controls'];
  defaultsUsed: readonly DefaultUse[];
  /** Which practices the profile states (from defaultsUsed). */
  practicesGiven: PracticesGiven;
  /** Ids of the profile's transfers that are overseas remote access to this system. */
  remoteAccessFromAbroad: readonly string[];
}

/** Control ids in numeric order (A.5.2 before A.5.10). */
const compareControls = compareNumeric;

const SM_ALGORITHMS = ['SM2', 'SM3', 'SM4'] as const;
const OTHER_STATE_ALGORITHMS = ['SM9', 'ZUC', 'TLCP'];

export const STATUS_RANK: Record<GapStatus, number> = { covered: 0, partial: 1, evidence_needed: 2, gap: 3 };
export const worse = (a: GapStatus, b: GapStatus): GapStatus => (STATUS_RANK[a] >= STATUS_RANK[b] ? a : b);

/** Whether an MLPS extension applies to the system; `extensionScope` gives the reasons. */
export function extensionApplies(system: SystemProfile, extension: ExtensionKey): boolean {
  switch (extension) {
    case 'cloud':
      return system.cloudHosted;
    case 'mobile':
      return system.channels.some((channel) => channel === 'app' || channel === 'mini_program');
    case 'iot':
      return system.iot;
    case 'industrial_control':
      return system.industrialControl;
  }
}

function extensionScope(system: SystemProfile): ExtensionScope[] {
  const mobileChannels = system.channels.filter((channel) => channel === 'app' || channel === 'mini_program');
  // Why each extension applies, and why not.
  const reasons: Record<ExtensionKey, [string, string]> = {
    cloud: ['The system runs on a cloud platform: the cloud extension applies to the customer side (items the provider alone must meet are inherited, not counted).', 'The system does not run on a cloud platform (cloudHosted: false).'],
    mobile: [`The system is delivered through ${mobileChannels.join(' and ').replace('_', ' ')}: the mobile internet extension applies.`, 'No app or mini program channel.'],
    iot: ['The system manages sensing devices or gateways (iot: true).', 'No sensing devices or gateways (iot: false).'],
    industrial_control: ['The system is an industrial control system (industrialControl: true).', 'Not an industrial control system.'],
  };
  return EXTENSIONS.map((extension) => {
    const applies = extensionApplies(system, extension.key);
    return { extension: extension.key, zh: extension.zh, en: extension.en, applies, reason: reasons[extension.key][applies ? 0 : 1] };
  });
}

const PRACTICES = ['logsStoredInMainland', 'logRetentionMonths', 'cryptography', 'sourceCodeReview', 'personnelBackgroundChecks'] as const;
export type PracticesGiven = Readonly<Record<(typeof PRACTICES)[number], boolean>>;

/** Which practices the profile states, rather than leaving them to their defaults; one pass over the defaults. */
export function practicesGiven(defaultsUsed: readonly DefaultUse[]): PracticesGiven {
  const given = { logsStoredInMainland: true, logRetentionMonths: true, cryptography: true, sourceCodeReview: true, personnelBackgroundChecks: true };
  for (const use of defaultsUsed) {
    if (use.path === 'controls' || use.path === 'controls.practices') {
      for (const key of PRACTICES) given[key] = false;
    } else if (use.path.startsWith('controls.practices.')) {
      const key = use.path.slice('controls.practices.'.length);
      if (Object.hasOwn(given, key)) given[key as keyof typeof given] = false;
    }
  }
  return given;
}

export interface SourceState {
  framework: SourceFrameworkKey;
  implemented: (control: string) => boolean;
  attested: boolean;
}

/** The source frameworks the firm brings; `method`, when given, receives a sentence on each. */
export function sourceStates(library: ControlsLibrary, controls: Profile['controls'], method?: string[]): SourceState[] {
  const states: SourceState[] = [];
  const iso = controls.iso27001;
  if (iso) {
    if (iso.edition === '2013') {
      method?.push('ISO/IEC 27001:2013 evidence is not mapped: the crosswalk is written against the 2022 Annex A. Restate the Statement of Applicability in 2022 ids to count it.');
    } else {
      const implemented = iso.implemented === 'all' ? null : new Set(iso.implemented);
      states.push({ framework: 'iso27001-2022', implemented: (control) => implemented == null || implemented.has(control), attested: iso.certified });
      const total = library.frameworks.get('iso27001-2022')?.controls.size ?? 0;
      method?.push(
        `ISO/IEC 27001:2022: ${implemented == null ? `all ${total} Annex A controls` : `${implemented.size} of ${total} Annex A controls`} implemented, ${iso.certified ? 'certified' : 'not certified (self-declared, so covered items need evidence)'}.`,
      );
    }
  }
  const soc2 = controls.soc2;
  if (soc2) {
    const categories = new Set(soc2.categories);
    const framework = library.frameworks.get('soc2-2017');
    states.push({
      framework: 'soc2-2017',
      // The common criteria (CC) are the security category and come with every SOC 2 report.
      implemented: (control) => {
        const category = framework?.controls.get(control)?.category ?? null;
        return category === 'security' || (category != null && categories.has(category));
      },
      attested: soc2.report === 'type2',
    });
    method?.push(
      `SOC 2 ${soc2.report === 'type2' ? 'Type 2' : 'Type 1 (design only, so covered items need evidence of operation)'} covering ${['security', ...soc2.categories.filter((category) => category !== 'security')].join(', ').replaceAll('_', ' ')}.`,
    );
  }
  if (states.length === 0) method?.push('No SOC 2 report and no ISO/IEC 27001:2022 implementation given: every item starts as a gap.');
  return states;
}

export interface Verdict {
  status: GapStatus;
  basis: string[];
  remediation: Remediation;
  /** Met by the hosting platform rather than by the firm. */
  inherited?: boolean;
}

function crosswalkVerdict(library: ControlsLibrary, item: CatalogItem, states: readonly SourceState[]): { verdict: Verdict; evidence: EvidenceLink[] } {
  const evidence: EvidenceLink[] = [];
  let anyMapping = false;
  for (const state of states) {
    const crosswalk = library.crosswalks.get(state.framework)?.get(item.id);
    const framework = library.frameworks.get(state.framework);
    for (const mapping of crosswalk?.mappings ?? []) {
      anyMapping = true;
      if (!state.implemented(mapping.source)) continue;
      evidence.push({
        framework: state.framework,
        control: mapping.source,
        controlName: framework?.controls.get(mapping.source)?.name ?? mapping.source,
        relationship: mapping.relationship,
        strength: mapping.strength,
        rationale: mapping.rationale,
        reusableEvidence: mapping.evidence,
        attested: state.attested,
      });
    }
  }
  evidence.sort((a, b) => b.strength - a.strength || compareControls(a.control, b.control));
  const full = evidence.filter((link) => (link.relationship === 'equal' || link.relationship === 'superset') && link.strength >= FULL_COVERAGE_STRENGTH);
  if (full.length > 0) {
    const attested = full.filter((link) => link.attested);
    if (attested.length > 0) {
      return { verdict: { status: 'covered', basis: [`Carried by ${attested.map((link) => link.control).join(', ')}.`], remediation: 'none' }, evidence };
    }
    return {
      verdict: {
        status: 'evidence_needed',
        basis: [`${full.map((link) => link.control).join(', ')} would carry it, but no certificate or Type 2 report attests ${full.length === 1 ? 'it' : 'them'}: show the assessor the operating evidence.`],
        remediation: 'reposition',
      },
      evidence,
    };
  }
  if (evidence.length > 0) {
    return {
      verdict: { status: 'partial', basis: [`Partly carried by ${evidence.map((link) => `${link.control} (${link.relationship}, ${link.strength}/10)`).join(', ')}; extend the control to the whole requirement.`], remediation: 'reposition' },
      evidence,
    };
  }
  const reasons = states.map((state) => library.crosswalks.get(state.framework)?.get(item.id)?.noEquivalent).filter((reason): reason is string => reason != null);
  const basis = anyMapping
    ? ['The source controls that map to it are not in the firm\'s scope.']
    : reasons.length > 0
      ? [`No equivalent: ${reasons[0]}`]
      : ['Nothing in the firm\'s SOC 2 / ISO 27001 scope maps to it.'];
  return { verdict: { status: 'gap', basis, remediation: 'add' }, evidence };
}

export function themeVerdict(theme: Theme, input: GapInput): Verdict | null {
  const practices = input.controls.practices;
  const given = (key: keyof PracticesGiven) => input.practicesGiven[key];
  switch (theme) {
    case 'log_localisation_retention': {
      if (!given('logsStoredInMainland') && !given('logRetentionMonths')) {
        return { status: 'evidence_needed', basis: ['Where the logs are kept and for how long is not stated (controls.practices.logsStoredInMainland, logRetentionMonths).'], remediation: 'reposition' };
      }
      const problems: string[] = [];
      if (!practices.logsStoredInMainland) problems.push('logs are not kept in the mainland');
      if (practices.logRetentionMonths < 6) problems.push(`retention is ${practices.logRetentionMonths} months, under the 6 months the Cybersecurity Law requires`);
      return problems.length === 0
        ? { status: 'covered', basis: [`Logs are kept in the mainland for ${practices.logRetentionMonths} months.`], remediation: 'none' }
        : { status: 'gap', basis: [`Jurisdiction: ${problems.join('; ')}.`], remediation: 'reposition' };
    }
    case 'state_cryptography': {
      if (!given('cryptography')) return { status: 'evidence_needed', basis: ['The algorithms in use are not stated (controls.practices.cryptography).'], remediation: 'reposition' };
      const used = practices.cryptography.map((algorithm) => algorithm.toUpperCase());
      const sm = SM_ALGORITHMS.filter((algorithm) => used.some((entry) => entry.includes(algorithm)));
      const otherState = OTHER_STATE_ALGORITHMS.filter((algorithm) => used.some((entry) => entry.includes(algorithm)));
      if (sm.length === SM_ALGORITHMS.length) return { status: 'covered', basis: [`State-approved algorithms in use: ${[...sm, ...otherState].join(', ')}.`], remediation: 'none' };
      if (sm.length > 0 || otherState.length > 0) {
        return { status: 'partial', basis: [`Some state-approved algorithms in use (${[...sm, ...otherState].join(', ')}); missing ${SM_ALGORITHMS.filter((algorithm) => !sm.includes(algorithm)).join(', ')}.`], remediation: 'reposition' };
      }
      return {
        status: 'gap',
        basis: [`Jurisdiction: only international algorithms are in use (${practices.cryptography.join(', ') || 'none listed'}); the assessor expects SM2, SM3 and SM4.`],
        remediation: 'reposition',
      };
    }
    case 'source_code_review':
      if (!given('sourceCodeReview')) return { status: 'evidence_needed', basis: ['Whether delivered source code is reviewed is not stated (controls.practices.sourceCodeReview).'], remediation: 'add' };
      return practices.sourceCodeReview
        ? { status: 'covered', basis: ['Delivered source code is reviewed.'], remediation: 'none' }
        : { status: 'gap', basis: ['Jurisdiction: delivered source code is not reviewed for backdoors and covert channels.'], remediation: 'add' };
    case 'personnel_background_review':
      if (!given('personnelBackgroundChecks')) return { status: 'evidence_needed', basis: ['Whether staff are background-checked is not stated (controls.practices.personnelBackgroundChecks).'], remediation: 'reposition' };
      return practices.personnelBackgroundChecks
        ? { status: 'covered', basis: ['Staff in key posts are background-checked.'], remediation: 'none' }
        : { status: 'gap', basis: ['Jurisdiction: no background review of staff with access to the system.'], remediation: 'reposition' };
    case 'licensed_assessment_filing':
      return { status: 'gap', basis: ['Jurisdiction: grading, PSB filing and assessment by an MPS-recognised body are state procedures; no audit or certificate stands in for them.'], remediation: 'add' };
    case 'physical_environment_mainland':
      return physicalVerdict(input.system);
    case 'mainland_operations': {
      const remote = input.remoteAccessFromAbroad;
      if (remote.length > 0) {
        return { status: 'gap', basis: [`Jurisdiction: the profile lists overseas remote access to this system (${remote.join(', ')}); administration from abroad needs national rules to allow it.`], remediation: 'reposition' };
      }
      return { status: 'evidence_needed', basis: ['No overseas remote access is listed; show that the system is administered from the mainland.'], remediation: 'reposition' };
    }
    case 'domestic_cloud_provider':
      if (!input.system.cloudHosted) return null;
      return input.system.hosting === 'mainland'
        ? { status: 'evidence_needed', basis: ['Obtain the cloud platform\'s MLPS assessment at or above the system\'s level, and check the contract terms.'], remediation: 'reposition' }
        : { status: 'gap', basis: [`Jurisdiction: the system is hosted in ${input.system.hosting.replace('_', ' ')}; a mainland cloud platform assessed at the system's level is needed.`], remediation: 'reposition' };
    default:
      return null;
  }
}

/** Physical items: met by the machine rooms that host the system, which must be in the mainland. */
function physicalVerdict(system: SystemProfile): Verdict | null {
  if (system.hosting !== 'mainland') {
    return {
      status: 'gap',
      basis: [`Jurisdiction: the system is hosted in ${system.hosting.replace('_', ' ')}; the machine rooms of a mainland system are in the mainland.${system.cloudHosted ? ' On a mainland cloud region this item is met by the provider.' : ''}`],
      remediation: 'reposition',
    };
  }
  if (system.cloudHosted) {
    return { status: 'covered', basis: ['Inherited: met by the mainland cloud platform, whose own MLPS assessment is the evidence.'], remediation: 'none', inherited: true };
  }
  return null;
}

/**
 * Rough effort for an open item outside the themes: a gap takes the "add" range; a partial item the
 * "reposition" range scaled by what the best mapping leaves to do (strength 6 leaves 40%); an
 * evidence-only item a quarter of the reposition range.
 */
export function itemEffort(library: ControlsLibrary, status: GapStatus, remediation: Remediation, kind: 'technical' | 'management', bestStrength: number): { min: number; max: number } {
  const base = library.itemEffort[remediation === 'add' ? 'add' : 'reposition'][kind];
  if (status === 'gap' || remediation === 'add') return { ...base };
  const factor = status === 'evidence_needed' ? 0.25 : Math.max(0.1, 1 - bestStrength / 10);
  return { min: round(base.min * factor), max: round(base.max * factor) };
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function count(items: readonly GapItem[]): CoverageCount {
  let covered = 0;
  let partial = 0;
  let evidenceNeeded = 0;
  let gap = 0;
  for (const item of items) {
    if (item.status === 'covered') covered += 1;
    else if (item.status === 'partial') partial += 1;
    else if (item.status === 'evidence_needed') evidenceNeeded += 1;
    else gap += 1;
  }
  return coverageCount(covered, partial, evidenceNeeded, gap);
}

/** The coverage figures from the four tallies. */
export function coverageCount(covered: number, partial: number, evidenceNeeded: number, gap: number): CoverageCount {
  const applicable = covered + partial + evidenceNeeded + gap;
  const percent = (value: number) => (applicable === 0 ? 0 : round((value / applicable) * 100));
  return { applicable, covered, partial, evidenceNeeded, gap, fullPercent: percent(covered), weightedPercent: percent(covered + (partial + evidenceNeeded) / 2) };
}

export function addRange(a: { min: number; max: number }, b: { min: number; max: number }): { min: number; max: number } {
  return { min: round(a.min + b.min), max: round(a.max + b.max) };
}

/** Runs the gap analysis of one system at one level. Pure: the same library and input give the same report. */
/** `say` writes the register's prose (the carry-over sentence) in the output language. */
export function analyseGaps(library: ControlsLibrary, input: GapInput, say: Say): GapReport {
  const { system, level } = input;
  const method: string[] = [];
  const states = sourceStates(library, input.controls, method);
  const extensions = extensionScope(system);
  const applying = new Set(extensions.filter((scope) => scope.applies).map((scope) => scope.extension));
  method.push(
    `Each item takes the strongest mapping from an implemented source control: equal or superset at strength ${FULL_COVERAGE_STRENGTH}/10 or more covers it, anything weaker is partial, nothing is a gap. Jurisdiction-anchored themes are then settled from the profile's practices and hosting, and the worse of the two answers stands.`,
    'Coverage is given twice: covered items only, and covered plus half of partial and evidence-needed items.',
    'Carry-over sorts every item once: met as it stands; met once an existing control is repositioned in the mainland (log store relocated, keys re-issued under SM algorithms, the review run under the China entity); met once evidence is shown; met by extending a control; or a new control. The share met as it stands answers "how much carries over".',
  );
  const tally = new CarryOverTally();
  const categoryIndex = new Map<string, number>(CATEGORIES.map((category, index) => [category.key, index]));

  const inheritedFromProvider: GapReport['inheritedFromProvider'] = [];
  const items: GapItem[] = [];
  for (const item of library.items) {
    const clause = item.clauses[level];
    if (clause == null) continue;
    if (item.extension != null && !applying.has(item.extension)) continue;
    if (item.cloudRole === 'provider') {
      inheritedFromProvider.push({ id: item.id, clause, summary: item.summary, summaryZh: item.summaryZh });
      continue;
    }
    // Physical items are all anchored to where the machine rooms are, tagged or not.
    const themes: Theme[] = item.category === 'physical_environment' && !item.themes.includes('physical_environment_mainland') ? [...item.themes, 'physical_environment_mainland'] : [...item.themes];
    const { verdict, evidence } = crosswalkVerdict(library, item, states);
    let status = verdict.status;
    let remediation = verdict.remediation;
    const basis = [...verdict.basis];
    const jurisdiction: Verdict[] = [];
    const perTheme: Array<Verdict | null> = [];
    for (const theme of themes) {
      const themed = themeVerdict(theme, input);
      perTheme.push(themed);
      if (themed) jurisdiction.push(themed);
    }
    if (jurisdiction.length > 0) {
      // The jurisdiction part of the item is settled by a practice or hosting fact. Met by
      // inheritance (the provider's machine rooms), the item is covered outright; met by a practice,
      // the rest of the item still needs a mapped control; not met, the item is at best that answer.
      const settled = jurisdiction.reduce((a, b) => (STATUS_RANK[a.status] >= STATUS_RANK[b.status] ? a : b));
      if (settled.status === 'covered') {
        status = settled.inherited || verdict.status !== 'gap' ? 'covered' : 'partial';
      } else {
        status = worse(settled.status, verdict.status === 'covered' ? 'partial' : verdict.status);
        remediation = settled.remediation;
      }
      basis.push(...jurisdiction.flatMap((entry) => entry.basis));
    }
    const repaired = new Set<Theme>(item.repositioning.map((key) => REPOSITIONINGS[key].theme));
    const carryOver = classify(
      status,
      verdict.status,
      perTheme,
      themes.map((theme) => repaired.has(theme)),
      themes.map((theme) => library.themes.get(theme)?.remediation === 'add'),
    );
    const reuse = evidence.reduce((best, link) => (link.attested && link.strength > best ? link.strength : best), 0);
    const defined = [...new Set(themes.filter((theme) => library.themes.has(theme)))];
    tally.add(carryOver, reuse, level > 1 && item.clauses[(level - 1) as CatalogLevel] == null, themes.length > 0 ? defined.map(themeGroupSlot) : [categoryGroupSlot(categoryIndex.get(item.category) ?? 0)]);
    const kind = CATEGORIES.find((category) => category.key === item.category)?.kind ?? 'technical';
    const effortWeeks = status === 'covered' || themes.length > 0 ? { min: 0, max: 0 } : itemEffort(library, status, remediation, kind, evidence[0]?.strength ?? 0);
    items.push({
      id: item.id,
      category: item.category,
      extension: item.extension,
      controlPoint: { ...item.controlPoint },
      clause,
      summary: item.summary,
      summaryZh: item.summaryZh,
      paraphrase: item.paraphrase,
      themes,
      status,
      basis,
      evidence,
      remediation: status === 'covered' ? 'none' : remediation === 'none' ? 'reposition' : remediation,
      effortWeeks,
      needsReview: item.needsReview,
      reviewNote: item.reviewNote,
      carryOver,
    });
  }

  const themes: ThemeGroup[] = [];
  for (const definition of library.themes.values()) {
    const members = items.filter((item) => item.themes.includes(definition.theme));
    if (members.length === 0) continue;
    const open = members.filter((item) => item.status !== 'covered').length;
    themes.push({
      theme: definition.theme,
      title: definition.title,
      why: definition.why.trim(),
      remediation: definition.remediation,
      remediationDetail: definition.remediationDetail.trim(),
      effortWeeks: open === 0 ? { min: 0, max: 0 } : { ...definition.effortWeeks },
      items: members.map((item) => item.id),
      open,
    });
  }
  themes.sort((a, b) => b.open - a.open || compareIds(a.theme, b.theme));

  const otherGaps: CategoryGroup[] = [];
  for (const category of CATEGORIES) {
    const open = items.filter((item) => item.category === category.key && item.status !== 'covered' && item.themes.length === 0);
    if (open.length === 0) continue;
    otherGaps.push({
      category: category.key,
      zh: category.zh,
      en: category.en,
      remediation: {
        reposition: open.filter((item) => item.remediation === 'reposition').map((item) => item.id),
        add: open.filter((item) => item.remediation === 'add').map((item) => item.id),
      },
      effortWeeks: open.reduce((sum, item) => addRange(sum, item.effortWeeks), { min: 0, max: 0 }),
    });
  }

  const evidenceByControl = new Map<string, GapReport['evidenceMap'][number]>();
  for (const item of items) {
    for (const link of item.evidence) {
      const key = `${link.framework}|${link.control}`;
      const entry = evidenceByControl.get(key) ?? { framework: link.framework, control: link.control, controlName: link.controlName, attested: link.attested, items: [] };
      entry.items.push(item.id);
      evidenceByControl.set(key, entry);
    }
  }
  const evidenceMap = [...evidenceByControl.values()].sort(
    (a, b) => (a.framework < b.framework ? -1 : a.framework > b.framework ? 1 : compareControls(a.control, b.control)),
  );

  const byCategory = CATEGORIES.map((category) => ({ category: category.key, zh: category.zh, en: category.en, ...count(items.filter((item) => item.category === category.key)) })).filter(
    (entry) => entry.applicable > 0,
  );
  const byExtension = [
    { extension: 'general' as const, ...count(items.filter((item) => item.extension == null)) },
    ...EXTENSIONS.filter((extension) => applying.has(extension.key)).map((extension) => ({ extension: extension.key, ...count(items.filter((item) => item.extension === extension.key)) })),
  ];
  const effortWeeks = [...themes.map((theme) => theme.effortWeeks), ...otherGaps.map((group) => group.effortWeeks)].reduce(addRange, { min: 0, max: 0 });

  return {
    systemId: system.id,
    systemName: system.name ?? system.id,
    level,
    levelSource: input.levelSource,
    extensions,
    sources: states.map((state) => state.framework),
    method,
    coverage: { overall: count(items), byCategory, byExtension },
    items,
    inheritedFromProvider,
    themes,
    otherGaps,
    evidenceMap,
    effortWeeks,
    itemsNeedingReview: items.filter((item) => item.needsReview).length,
    carryOver: carryOverFrom(library, level, states.map((state) => state.framework), tally, say),
  };
}

/** Builds the gap input of one system from a normalised profile. */
export function gapInput(
  profile: Profile,
  system: SystemProfile,
  defaultsUsed: readonly DefaultUse[],
  level: CatalogLevel,
  levelSource: GapInput['levelSource'],
  given: PracticesGiven = practicesGiven(defaultsUsed),
): GapInput {
  const remoteAccessFromAbroad = candidatesWith(profile.transfers, 'fromSystem', system.id).filter((transfer) => transfer.remoteAccess && transfer.fromSystem === system.id).map((transfer) => transfer.id);
  return { system, level, levelSource, controls: profile.controls, defaultsUsed, practicesGiven: given, remoteAccessFromAbroad };
}

/** The short form carried in the assessment (systems[].mlps.gaps). */
export function summariseGaps(report: GapReport): GapSummary {
  return {
    level: report.level,
    extensions: report.extensions.filter((scope) => scope.applies).map((scope) => scope.extension),
    sources: [...report.sources],
    coverage: { ...report.coverage.overall },
    byCategory: report.coverage.byCategory.map(({ category, zh, en: _en, ...counts }) => ({ category, zh, ...counts })),
    themes: report.themes.map((theme) => ({ theme: theme.theme, title: theme.title, open: theme.open, items: theme.items.length, remediation: theme.remediation, effortWeeks: { ...theme.effortWeeks } })),
    effortWeeks: { ...report.effortWeeks },
    itemsNeedingReview: report.itemsNeedingReview,
    detail: `${report.items.length} GB/T 22239-2019 items at level ${report.level}; run \`landfall gaps <profile> --system ${report.systemId}\` for the full register.`,
    carryOver: copyCarryOver(report.carryOver),
  };
}

/** A deep copy of a carry-over answer, so summaries never share objects with the register or a cache. */
export function copyCarryOver(answer: CarryOver): CarryOver {
  return {
    ...answer,
    range: answer.range ? { ...answer.range } : null,
    newAtLevel: answer.newAtLevel ? { ...answer.newAtLevel } : null,
    gaps: answer.gaps.map((group) => ({ ...group })),
  };
}

/** Catalogue levels run 1-4; level 5 has no requirements in the 2019 standard. */
export function isCatalogLevel(level: number): level is CatalogLevel {
  return level === 1 || level === 2 || level === 3 || level === 4;
}
