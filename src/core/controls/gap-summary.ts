// The gap summary carried in every assessment (systems[].mlps.gaps), counted directly: the same
// statuses, themes and effort as the full register of gap-analysis.ts, without building its items'
// texts, basis lines, evidence links or evidence map. Every assessment of every system needs the
// summary; only `landfall gaps` needs the register. test/gap-summary.test.ts holds the two together.
import type { GapSummary } from '../assess/assessment-schema.ts';
import type { Say } from '../assess/explanation.ts';
import { deepFreeze } from '../deep-freeze.ts';
import { CarryOverTally, carryOverFrom, categoryGroupSlot, classify, themeGroupSlot, type CarryOver } from './carry-over.ts';
import { CATEGORIES, EXTENSIONS, REPOSITIONINGS, SOURCE_FRAMEWORKS, THEMES } from './controls-constants.ts';
import type { CatalogLevel, ControlsLibrary, Mapping, SourceFrameworkKey, Theme, ThemeDefinition } from './controls-schema.ts';
import {
  FULL_COVERAGE_STRENGTH,
  STATUS_RANK,
  addRange,
  coverageCount,
  extensionApplies,
  itemEffort,
  sourceStates,
  themeVerdict,
  worse,
  type GapInput,
  type GapStatus,
  type Remediation,
  type SourceState,
  type Verdict,
} from './gap-analysis.ts';
import { compareIds } from '../id-order.ts';

/** One catalogue item as the summary needs it, prepared once per library. */
interface PreparedItem {
  readonly index: number;
  readonly category: number;
  readonly kind: 'technical' | 'management';
  /** The item's themes, physical items anchored to the machine rooms as in the register. */
  readonly themes: readonly Theme[];
  /** Per theme of the item, its position in THEMES. */
  readonly verdictSlots: readonly number[];
  /** The distinct defined themes the item belongs to, by position. */
  readonly themeSlots: readonly number[];
  readonly needsReview: boolean;
  readonly mappings: Readonly<Record<SourceFrameworkKey, readonly Mapping[]>>;
  /** Bit l for each level l the item applies at: the level below lacks the item when its bit is clear. */
  readonly levelBits: number;
  /** Per theme of the item: whether the item's own repositioning settles it, and whether the theme is remedied by adding a control. */
  readonly repaired: readonly boolean[];
  readonly adds: readonly boolean[];
  /** The carry-over groups the item counts in (carry-over.ts): its defined themes, or its category outside them. */
  readonly groupSlots: readonly number[];
}

/** The crosswalk answer for one item under one set of source controls. */
interface CrosswalkAnswer {
  status: GapStatus;
  /** Strength of the strongest implemented mapping, 0 without one. */
  best: number;
  /** Strength of the strongest implemented mapping of an attested source, 0 without one. */
  reuse: number;
}

type Counted = Omit<GapSummary, 'detail' | 'carryOver'> & { items: number; carryOver: CarryOver };

/** What a set of source controls gives each catalogue item through the crosswalks; profiles with the same controls share it. */
export interface ControlsState {
  states: SourceState[];
  sources: string[];
  /** Crosswalk answers by item index, filled as items are met. */
  answers: Array<CrosswalkAnswer | undefined>;
  /** Summaries by level, extensions and theme verdicts: all a system's summary depends on besides these controls. */
  counted: Map<string, Counted>;
}

interface PreparedLibrary {
  readonly items: readonly PreparedItem[];
  readonly themes: readonly ThemeDefinition[];
  /** Each theme's place when themes are ordered by name, for the summary's sort. */
  readonly themeRank: readonly number[];
  /** Items counted at a level with a set of extensions (bit i for EXTENSIONS[i]), built on first use. */
  readonly lists: Map<number, readonly PreparedItem[]>;
  /** Crosswalk states by the firm's ISO 27001 and SOC 2 scope, the only controls the crosswalks read. */
  readonly byControls: Map<string, ControlsState>;
}

/** Distinct source-control scopes kept per library; a long run over many firms starts afresh past it. */
const CONTROLS_KEPT = 256;

const PREPARED = new WeakMap<ControlsLibrary, PreparedLibrary>();
const NO_MAPPINGS: readonly Mapping[] = [];
const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((category, index) => [category.key, index]));

function prepare(library: ControlsLibrary): PreparedLibrary {
  const cached = PREPARED.get(library);
  if (cached) return cached;
  const themes = [...library.themes.values()];
  const slotOf = new Map(themes.map((definition, index) => [definition.theme, index]));
  const byName = themes.map((definition, index) => ({ theme: definition.theme, index })).sort((a, b) => compareIds(a.theme, b.theme));
  const themeRank: number[] = [];
  byName.forEach((entry, rank) => {
    themeRank[entry.index] = rank;
  });
  const items = library.items.map((item, index): PreparedItem => {
    const category = CATEGORY_INDEX.get(item.category) ?? -1;
    const itemThemes: Theme[] = item.category === 'physical_environment' && !item.themes.includes('physical_environment_mainland') ? [...item.themes, 'physical_environment_mainland'] : [...item.themes];
    const mappings = {} as Record<SourceFrameworkKey, readonly Mapping[]>;
    for (const framework of SOURCE_FRAMEWORKS) mappings[framework] = library.crosswalks.get(framework)?.get(item.id)?.mappings ?? NO_MAPPINGS;
    const repairedThemes = new Set<Theme>(item.repositioning.map((key) => REPOSITIONINGS[key].theme));
    let levelBits = 0;
    for (const level of item.levels) levelBits |= 1 << level;
    const definedThemes = [...new Set(itemThemes.filter((theme) => library.themes.has(theme)))];
    return {
      index,
      category,
      kind: CATEGORIES[category]?.kind ?? 'technical',
      themes: itemThemes,
      verdictSlots: itemThemes.map((theme) => THEMES.indexOf(theme)),
      themeSlots: [...new Set(itemThemes.map((theme) => slotOf.get(theme) ?? -1))].filter((slot) => slot >= 0),
      needsReview: item.needsReview,
      mappings,
      levelBits,
      repaired: itemThemes.map((theme) => repairedThemes.has(theme)),
      adds: itemThemes.map((theme) => library.themes.get(theme)?.remediation === 'add'),
      groupSlots: itemThemes.length > 0 ? definedThemes.map(themeGroupSlot) : [categoryGroupSlot(category)],
    };
  });
  const prepared: PreparedLibrary = { items, themes, themeRank, lists: new Map(), byControls: new Map() };
  PREPARED.set(library, prepared);
  return prepared;
}

function itemsAt(library: ControlsLibrary, prepared: PreparedLibrary, level: CatalogLevel, extensions: number): readonly PreparedItem[] {
  const key = level * 16 + extensions;
  let list = prepared.lists.get(key);
  if (list) return list;
  const chosen: PreparedItem[] = [];
  library.items.forEach((item, index) => {
    if (item.clauses[level] == null) return;
    if (item.extension != null && (extensions & (1 << EXTENSIONS.findIndex((extension) => extension.key === item.extension))) === 0) return;
    // Items the cloud provider alone meets are listed in the register as inherited, not counted.
    if (item.cloudRole === 'provider') return;
    chosen.push(prepared.items[index]!);
  });
  list = chosen;
  prepared.lists.set(key, list);
  return list;
}

/** The crosswalk state of one profile's controls, to pass to gapSummary for each of its systems. */
export function controlsState(library: ControlsLibrary, controls: GapInput['controls']): ControlsState {
  const prepared = prepare(library);
  const key = JSON.stringify([controls.iso27001 ?? null, controls.soc2 ?? null]);
  let state = prepared.byControls.get(key);
  if (!state) {
    const states = sourceStates(library, controls);
    state = { states, sources: states.map((entry) => entry.framework), answers: [], counted: new Map() };
    if (prepared.byControls.size >= CONTROLS_KEPT) prepared.byControls.clear();
    prepared.byControls.set(key, state);
  }
  return state;
}

/** The crosswalk verdict's status (gap-analysis.ts crosswalkVerdict) without its evidence and basis. */
function crosswalkAnswer(item: PreparedItem, states: readonly SourceState[]): CrosswalkAnswer {
  let best = 0;
  let reuse = 0;
  let any = false;
  let full = false;
  let attested = false;
  for (const state of states) {
    for (const mapping of item.mappings[state.framework]) {
      if (!state.implemented(mapping.source)) continue;
      any = true;
      if (mapping.strength > best) best = mapping.strength;
      if (state.attested && mapping.strength > reuse) reuse = mapping.strength;
      if ((mapping.relationship === 'equal' || mapping.relationship === 'superset') && mapping.strength >= FULL_COVERAGE_STRENGTH) {
        full = true;
        if (state.attested) attested = true;
      }
    }
  }
  return { status: attested ? 'covered' : full ? 'evidence_needed' : any ? 'partial' : 'gap', best, reuse };
}

const CROSSWALK_REMEDIATION: Record<GapStatus, Remediation> = { covered: 'none', partial: 'reposition', evidence_needed: 'reposition', gap: 'add' };

/**
 * The gap summary of one system; equal to summariseGaps(analyseGaps(library, input)). `controls`
 * must come from controlsState for the same library and input.controls.
 */
/** `say` writes the summary's prose in the assessment's language; in zh-CN the themes carry their Chinese titles. */
export function gapSummary(library: ControlsLibrary, input: GapInput, say: Say, controls: ControlsState = controlsState(library, input.controls)): GapSummary {
  const { locale } = say;
  const { system, level } = input;
  let extensionBits = 0;
  for (let index = 0; index < EXTENSIONS.length; index += 1) if (extensionApplies(system, EXTENSIONS[index]!.key)) extensionBits |= 1 << index;
  // A theme's verdict depends on the system and the profile, not on the item: settle each once.
  const verdicts: Array<Verdict | null> = [];
  let key = `${locale === 'en' ? '' : locale}|${level}|${extensionBits}|`;
  for (const theme of THEMES) {
    const verdict = themeVerdict(theme, input);
    verdicts.push(verdict);
    key += verdict == null ? '-' : verdict.inherited ? `${STATUS_RANK[verdict.status]}i` : STATUS_RANK[verdict.status];
  }
  let counted = controls.counted.get(key);
  if (!counted) {
    // Frozen: every system with this level, these extensions and these verdicts shares its parts.
    counted = deepFreeze(count(library, input, controls, extensionBits, verdicts, say));
    controls.counted.set(key, counted);
  }
  return {
    level: counted.level,
    extensions: counted.extensions,
    sources: counted.sources,
    coverage: counted.coverage,
    byCategory: counted.byCategory,
    themes: counted.themes,
    effortWeeks: counted.effortWeeks,
    itemsNeedingReview: counted.itemsNeedingReview,
    detail: say('engine.gaps.detail', { items: counted.items, level, system: system.id }),
    carryOver: counted.carryOver,
  };
}

function count(library: ControlsLibrary, input: GapInput, controls: ControlsState, extensionBits: number, verdicts: ReadonlyArray<Verdict | null>, say: Say): Counted {
  const { locale } = say;
  const prepared = prepare(library);
  const { level } = input;
  const items = itemsAt(library, prepared, level, extensionBits);
  const categories = CATEGORIES.length;
  const tally = new Array<number>(categories * 4).fill(0); // covered, partial, evidence needed, gap per category
  const otherOpen = new Array<number>(categories).fill(0);
  const otherEffort = CATEGORIES.map(() => ({ min: 0, max: 0 }));
  const members = new Array<number>(prepared.themes.length).fill(0);
  const open = new Array<number>(prepared.themes.length).fill(0);
  let needingReview = 0;
  const carried = new CarryOverTally();
  const below = level > 1 ? 1 << (level - 1) : 0;
  const itemVerdicts: Array<Verdict | null> = [];

  for (const item of items) {
    let answer = controls.answers[item.index];
    if (!answer) {
      answer = crosswalkAnswer(item, controls.states);
      controls.answers[item.index] = answer;
    }
    let status = answer.status;
    // The jurisdiction part, as in analyseGaps: the first of the worst theme verdicts settles it.
    let settled: Verdict | null = null;
    for (const slot of item.verdictSlots) {
      const verdict = verdicts[slot] ?? null;
      if (verdict && (settled == null || STATUS_RANK[verdict.status] > STATUS_RANK[settled.status])) settled = verdict;
    }
    if (settled) {
      if (settled.status === 'covered') status = settled.inherited || answer.status !== 'gap' ? 'covered' : 'partial';
      else status = worse(settled.status, answer.status === 'covered' ? 'partial' : answer.status);
    }
    // Carry-over: the class the register gives the item (carry-over.ts classify).
    itemVerdicts.length = 0;
    if (status !== 'covered') for (const slot of item.verdictSlots) itemVerdicts.push(verdicts[slot] ?? null);
    carried.add(classify(status, answer.status, itemVerdicts, item.repaired, item.adds), answer.reuse, below !== 0 && (item.levelBits & below) === 0, item.groupSlots);
    const cell = item.category * 4 + STATUS_RANK[status];
    tally[cell] = tally[cell]! + 1;
    if (item.needsReview) needingReview += 1;
    for (const slot of item.themeSlots) {
      members[slot] = members[slot]! + 1;
      if (status !== 'covered') open[slot] = open[slot]! + 1;
    }
    if (status !== 'covered' && item.themes.length === 0) {
      otherOpen[item.category] = otherOpen[item.category]! + 1;
      otherEffort[item.category] = addRange(otherEffort[item.category]!, itemEffort(library, status, CROSSWALK_REMEDIATION[answer.status], item.kind, answer.best));
    }
  }

  let covered = 0;
  let partial = 0;
  let evidenceNeeded = 0;
  let gap = 0;
  const byCategory: GapSummary['byCategory'] = [];
  for (let index = 0; index < categories; index += 1) {
    const base = index * 4;
    const counts = coverageCount(tally[base]!, tally[base + 1]!, tally[base + 2]!, tally[base + 3]!);
    covered += counts.covered;
    partial += counts.partial;
    evidenceNeeded += counts.evidenceNeeded;
    gap += counts.gap;
    if (counts.applicable > 0) byCategory.push({ category: CATEGORIES[index]!.key, zh: CATEGORIES[index]!.zh, ...counts });
  }

  const themes: Array<GapSummary['themes'][number] & { rank: number }> = [];
  prepared.themes.forEach((definition, slot) => {
    if (members[slot] === 0) return;
    themes.push({
      theme: definition.theme,
      title: locale === 'zh-CN' ? (definition.zh?.title ?? definition.title) : definition.title,
      open: open[slot]!,
      items: members[slot]!,
      remediation: definition.remediation,
      effortWeeks: open[slot] === 0 ? { min: 0, max: 0 } : { ...definition.effortWeeks },
      rank: prepared.themeRank[slot]!,
    });
  });
  themes.sort((a, b) => b.open - a.open || a.rank - b.rank);
  let effortWeeks = { min: 0, max: 0 };
  for (const theme of themes) effortWeeks = addRange(effortWeeks, theme.effortWeeks);
  for (let index = 0; index < categories; index += 1) if (otherOpen[index]! > 0) effortWeeks = addRange(effortWeeks, otherEffort[index]!);

  const extensions: string[] = [];
  EXTENSIONS.forEach((extension, index) => {
    if ((extensionBits & (1 << index)) !== 0) extensions.push(extension.key);
  });
  return {
    level,
    extensions,
    sources: controls.sources,
    coverage: coverageCount(covered, partial, evidenceNeeded, gap),
    byCategory,
    themes: themes.map(({ rank: _rank, ...theme }) => theme),
    effortWeeks,
    itemsNeedingReview: needingReview,
    items: items.length,
    carryOver: carryOverFrom(library, level, controls.sources, carried, say),
  };
}
