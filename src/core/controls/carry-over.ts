// The buyer's question, "how much of our SOC 2 / ISO 27001 carries over to MLPS?", answered per
// system and level. Every item in scope falls in one class: met by the existing controls as they
// stand; met once an existing control is repositioned in the mainland (the log store relocated, the
// keys re-issued under SM algorithms, the review run under the China entity); met once the operating
// evidence or a practice statement is shown; met by extending an existing control; or needing a new
// control. The gap register (gap-analysis.ts) and the direct summary (gap-summary.ts) both count
// through this file, so they agree by construction.
import { CATEGORIES, REPOSITIONINGS, THEMES } from './controls-constants.ts';
import type { CatalogLevel, ControlsLibrary, Repositioning, Theme } from './controls-schema.ts';
import type { Say } from '../assess/explanation.ts';

type Status = 'covered' | 'partial' | 'evidence_needed' | 'gap';
const RANK: Record<Status, number> = { covered: 0, partial: 1, evidence_needed: 2, gap: 3 };

export const CARRY_OVER_CLASSES = ['met', 'repositioned', 'evidence', 'extend', 'add'] as const;
export type CarryOverClass = (typeof CARRY_OVER_CLASSES)[number];

/** What a theme verdict contributes to settling an item (gap-analysis.ts Verdict). */
export interface SettlingVerdict {
  readonly status: Status;
  readonly inherited?: boolean;
}

/** A group of items not met as they stand: a jurisdiction theme, or a category's items outside the themes. */
export interface CarryOverGroup {
  kind: 'theme' | 'category';
  key: string;
  title: string;
  /** Items of the group in scope. */
  items: number;
  /** Of them, not met as they stand. */
  open: number;
  /** Of the open ones, met once an existing control is repositioned. */
  repositioned: number;
  /** Items of the group that the level below does not have (0 at level 1). */
  newAtLevel: number;
}

export interface CarryOver {
  applicable: number;
  /** Met by the existing controls (or the hosting platform) as they stand, attested. */
  metAsIs: number;
  /** Met once an existing control is repositioned in the mainland. */
  metOnceRepositioned: number;
  /** Met once operating evidence or a practice statement is shown. */
  evidenceNeeded: number;
  /** An existing control covers part of it and must be extended. */
  extendControl: number;
  /** Nothing in the firm's controls reaches it, or a state procedure: a new control. */
  newControl: number;
  /** The headline: metAsIs over applicable, in percent. */
  metAsIsPercent: number;
  /** metAsIs plus metOnceRepositioned over applicable, in percent. */
  onceRepositionedPercent: number;
  /** How much of the assessor's evidence the firm's attested SOC 2 / ISO artefacts supply: each item counts its strongest attested mapping's strength over 10. */
  evidenceReusePercent: number;
  /** Which figure answers "how much carries over". */
  headline: 'metAsIsPercent';
  /** The practitioners' estimate for this level, as cited content; null where none is quoted. */
  range: { min: number; max: number; confidence: string; needsReview: boolean; source: string } | null;
  /** Where the headline falls against the range. */
  position: 'below' | 'within' | 'above' | null;
  /** Items this level has that the level below lacks, and how many of them are met. */
  newAtLevel: { comparedWith: number; items: number; metAsIs: number; metOnceRepositioned: number } | null;
  /** Every group with open items, most open first: what pulls the figure down. */
  gaps: CarryOverGroup[];
  /** The answer in one sentence: the figure, the range and the three biggest gaps. */
  sentence: string;
}

/** Combines the crosswalk answer with the jurisdiction verdicts, as the register does: the first of the worst verdicts settles it. */
export function settle(crosswalk: Status, verdicts: readonly SettlingVerdict[]): Status {
  let settled: SettlingVerdict | null = null;
  for (const verdict of verdicts) if (settled == null || RANK[verdict.status] > RANK[settled.status]) settled = verdict;
  if (settled == null) return crosswalk;
  if (settled.status === 'covered') return settled.inherited || crosswalk !== 'gap' ? 'covered' : 'partial';
  const other: Status = crosswalk === 'covered' ? 'partial' : crosswalk;
  return RANK[settled.status] >= RANK[other] ? settled.status : other;
}

const REPAIRED: SettlingVerdict = Object.freeze({ status: 'covered' });

/** The themes an item's repositionings settle. */
export function repairedThemes(repositioning: readonly Repositioning[]): Theme[] {
  return repositioning.map((key) => REPOSITIONINGS[key].theme);
}

/**
 * The class of one item. `verdicts` are the item's theme verdicts (null where a theme has none) in
 * the item's theme order; `repaired[i]` says whether the item's own repositioning settles theme i;
 * `adds[i]` whether theme i is remedied by adding a control.
 */
export function classify(status: Status, crosswalk: Status, verdicts: ReadonlyArray<SettlingVerdict | null>, repaired: readonly boolean[], adds: readonly boolean[]): CarryOverClass {
  if (status === 'covered') return 'met';
  const after: SettlingVerdict[] = [];
  let blockedByAdd = false;
  verdicts.forEach((verdict, index) => {
    if (verdict == null) return;
    // Repositioning mends a practice the profile says is anchored abroad; where the profile is
    // silent (evidence needed), the item waits for the evidence instead.
    if (repaired[index] && (verdict.status === 'gap' || verdict.status === 'partial')) after.push(REPAIRED);
    else {
      after.push(verdict);
      if (verdict.status !== 'covered' && adds[index]) blockedByAdd = true;
    }
  });
  const repositioned = settle(crosswalk, after);
  if (repositioned === 'covered') return 'repositioned';
  if (repositioned === 'evidence_needed') return 'evidence';
  if (repositioned === 'partial') return 'extend';
  return crosswalk === 'gap' || blockedByAdd ? 'add' : 'extend';
}

/** Counts items into a carry-over answer; `groupSlot` numbers themes 0.. and categories after them. */
export class CarryOverTally {
  readonly classes = [0, 0, 0, 0, 0];
  reuse = 0;
  newItems = 0;
  newMet = 0;
  newRepositioned = 0;
  readonly groupItems: number[];
  readonly groupOpen: number[];
  readonly groupRepositioned: number[];
  readonly groupNew: number[];

  constructor() {
    const slots = THEMES.length + CATEGORIES.length;
    this.groupItems = new Array<number>(slots).fill(0);
    this.groupOpen = new Array<number>(slots).fill(0);
    this.groupRepositioned = new Array<number>(slots).fill(0);
    this.groupNew = new Array<number>(slots).fill(0);
  }

  /** One item: its class, its strongest attested mapping's strength (0 without), whether the level below lacks it, and its groups. */
  add(kind: CarryOverClass, reuseStrength: number, isNew: boolean, groups: readonly number[]): void {
    const index = CARRY_OVER_CLASSES.indexOf(kind);
    this.classes[index] = this.classes[index]! + 1;
    this.reuse += reuseStrength >= 10 ? 1 : reuseStrength / 10;
    if (isNew) {
      this.newItems += 1;
      if (kind === 'met') this.newMet += 1;
      if (kind === 'repositioned') this.newRepositioned += 1;
    }
    for (const slot of groups) {
      this.groupItems[slot] = this.groupItems[slot]! + 1;
      if (isNew) this.groupNew[slot] = this.groupNew[slot]! + 1;
      if (kind !== 'met') {
        this.groupOpen[slot] = this.groupOpen[slot]! + 1;
        if (kind === 'repositioned') this.groupRepositioned[slot] = this.groupRepositioned[slot]! + 1;
      }
    }
  }
}

/** The group slot of a theme (its place in THEMES) or of a category's unthemed items (after the themes). */
export const themeGroupSlot = (theme: Theme): number => THEMES.indexOf(theme);
export const categoryGroupSlot = (categoryIndex: number): number => THEMES.length + categoryIndex;

const FRAMEWORK_NAME: Record<string, string> = { 'iso27001-2022': 'ISO 27001', 'soc2-2017': 'SOC 2' };
const percent = (value: number, total: number) => (total === 0 ? 0 : Math.round((value / total) * 1000) / 10);

/** The carry-over answer from a tally. */
export function carryOverFrom(library: ControlsLibrary, level: CatalogLevel, sources: readonly string[], tally: CarryOverTally, say: Say): CarryOver {
  const chinese = say.locale === 'zh-CN';
  const [met, repositioned, evidence, extend, add] = tally.classes as [number, number, number, number, number];
  const applicable = met + repositioned + evidence + extend + add;
  const gaps: Array<CarryOverGroup & { order: number }> = [];
  for (let slot = 0; slot < tally.groupItems.length; slot += 1) {
    if (tally.groupOpen[slot] === 0) continue;
    const isTheme = slot < THEMES.length;
    const theme = isTheme ? THEMES[slot]! : null;
    const category = isTheme ? null : CATEGORIES[slot - THEMES.length]!;
    gaps.push({
      kind: isTheme ? 'theme' : 'category',
      key: theme ?? category!.key,
      title: theme ? themeTitle(library, theme, chinese) : say('engine.carryOver.otherItems', { category: chinese ? category!.zh : category!.en.toLowerCase() }),
      items: tally.groupItems[slot]!,
      open: tally.groupOpen[slot]!,
      repositioned: tally.groupRepositioned[slot]!,
      newAtLevel: tally.groupNew[slot]!,
      order: slot,
    });
  }
  gaps.sort((a, b) => b.open - a.open || a.order - b.order);
  const quoted = library.carryOverRange?.ranges.find((entry) => entry.level === level) ?? null;
  const range = quoted && library.carryOverRange
    ? { min: quoted.min, max: quoted.max, confidence: library.carryOverRange.confidence, needsReview: library.carryOverRange.needsReview, source: library.carryOverRange.source.trim() }
    : null;
  const metAsIsPercent = percent(met, applicable);
  const answer: CarryOver = {
    applicable,
    metAsIs: met,
    metOnceRepositioned: repositioned,
    evidenceNeeded: evidence,
    extendControl: extend,
    newControl: add,
    metAsIsPercent,
    onceRepositionedPercent: percent(met + repositioned, applicable),
    evidenceReusePercent: percent(tally.reuse, applicable),
    headline: 'metAsIsPercent',
    range,
    position: range == null ? null : metAsIsPercent < range.min ? 'below' : metAsIsPercent > range.max ? 'above' : 'within',
    newAtLevel: level > 1 ? { comparedWith: level - 1, items: tally.newItems, metAsIs: tally.newMet, metOnceRepositioned: tally.newRepositioned } : null,
    gaps: gaps.map(({ order: _order, ...group }) => group),
    sentence: '',
  };
  answer.sentence = carryOverSentence(answer, level, sources, say);
  return answer;
}

/** A theme's title in the output language (its Chinese title in zh-CN where content has one). */
function themeTitle(library: ControlsLibrary, theme: Theme, chinese: boolean): string {
  const definition = library.themes.get(theme);
  if (!definition) return theme;
  return chinese ? (definition.zh?.title ?? definition.title) : definition.title;
}

/** A list of two or three phrases joined as the language joins them ("a, b and c"). */
function joinPhrases(say: Say, phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? '';
  let joined = phrases[0]!;
  for (let index = 1; index < phrases.length - 1; index += 1) joined = say('engine.list.comma', { head: joined, item: phrases[index]! });
  return say('engine.list.and', { head: joined, last: phrases[phrases.length - 1]! });
}

/** "At level 2, 18% of the 135 items carry over from ISO 27001 and SOC 2 as they stand ..." */
export function carryOverSentence(answer: CarryOver, level: number, sources: readonly string[], say: Say): string {
  const names = sources.map((source) => FRAMEWORK_NAME[source] ?? source);
  const metAsIs = Math.round(answer.metAsIsPercent);
  const what =
    names.length > 0
      ? say('engine.carryOver.what.sources', { metAsIs, applicable: answer.applicable, names: joinPhrases(say, names), repositioned: Math.round(answer.onceRepositionedPercent) })
      : say('engine.carryOver.what.none', { metAsIs, applicable: answer.applicable });
  const range = answer.range ? say('engine.carryOver.range.quoted', { min: answer.range.min, max: answer.range.max, level }) : say('engine.carryOver.range.none', { level });
  const top = answer.gaps.slice(0, 3).map((group, index) => say(index === 0 ? 'engine.carryOver.gap.first' : 'engine.carryOver.gap.other', { title: lowerFirst(group.title), open: group.open, items: group.items }));
  const gaps = top.length === 0 ? say('engine.carryOver.gaps.none') : say('engine.carryOver.gaps.some', { list: joinPhrases(say, top) });
  return say('engine.carryOver.sentence', { level, what, range, gaps });
}

/** Lower-cases a title's first letter unless its first word is an acronym (PSB, SM2). */
function lowerFirst(title: string): string {
  const first = title.split(' ')[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}
