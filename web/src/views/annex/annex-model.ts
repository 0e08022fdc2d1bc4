// The annex as the workbench shows it: its sections, the register's categories and filters, and
// the pure helpers the views share (which section an item is in, merging saved items into a
// fetched annex, the names of systems).
import { ITEM_STATUSES, REGISTER_CATEGORIES, SECTION_STATUSES, type AnnexSection } from '../../../../src/core/annex/annex-types.ts';
import type { AnnexItem, Diagram } from '../../api.ts';
import { label } from '../../labels.ts';
import { t } from '../../i18n/i18n.ts';

export { ITEM_STATUSES, REGISTER_CATEGORIES, SECTION_STATUSES };
export type { AnnexSection };

export interface SectionInfo {
  id: AnnexSection;
  /** The heading of the section's block. */
  title: string;
  /** The shorter name in the sub-navigation and the add form. */
  nav: string;
  anchor: string;
  intro: string;
  /** Status a new item of this section starts with. */
  defaultStatus: string;
}

const SECTION_DEFAULTS: ReadonlyArray<{ id: AnnexSection; defaultStatus: string }> = [
  { id: 'register', defaultStatus: 'draft' },
  { id: 'guardrail', defaultStatus: 'draft' },
  { id: 'open_question', defaultStatus: 'open' },
  { id: 'assumption', defaultStatus: 'draft' },
  { id: 'dependency', defaultStatus: 'draft' },
  { id: 'next_action', defaultStatus: 'open' },
  { id: 'decision', defaultStatus: 'proposed' },
];

/** The sections in order; their words are the messages `annex.section.<id>.title`, `.nav` and `.intro`, read in the current language. */
export const SECTIONS: readonly SectionInfo[] = SECTION_DEFAULTS.map(({ id, defaultStatus }) => ({
  id,
  defaultStatus,
  anchor: `annex-${id}`,
  get title() { return t(`annex.section.${id}.title`); },
  get nav() { return t(`annex.section.${id}.nav`); },
  get intro() { return t(`annex.section.${id}.intro`); },
}));

export const DIAGRAMS_ANCHOR = 'annex-diagrams';

export function sectionOf(item: AnnexItem): AnnexSection {
  const section = item.data.section;
  return SECTIONS.some((candidate) => candidate.id === section) ? (section as AnnexSection) : 'register';
}

export function sectionInfo(section: string): SectionInfo | undefined {
  return SECTIONS.find((candidate) => candidate.id === section);
}

export function categoryTitle(category: string | null | undefined): string {
  return REGISTER_CATEGORIES.some((candidate) => candidate.key === category) ? label(category!) : t('annex.uncategorised');
}

/**
 * The fetched items with the ones saved or added on this page since: a saved item replaces the
 * fetched one only while it is newer, so a re-fetch after someone else's change always wins.
 */
export function mergeItems(fetched: readonly AnnexItem[], saved: Readonly<Record<string, AnnexItem>>): AnnexItem[] {
  const seen = new Set<string>();
  const merged = fetched.map((item) => {
    seen.add(item.id);
    const mine = saved[item.id];
    return mine && mine.version > item.version ? mine : item;
  });
  for (const item of Object.values(saved)) if (!seen.has(item.id)) merged.push(item);
  return merged;
}

/**
 * System ids to their names, from the diagrams' system nodes (`system:<id>`); a system no longer in
 * the profile (its items superseded) is named from its register titles ("<name>: hosting").
 */
export function systemNames(diagrams: readonly Diagram[], items: readonly AnnexItem[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const diagram of diagrams) {
    for (const node of diagram.nodes) if (node.id.startsWith('system:')) names.set(node.id.slice('system:'.length), node.label);
  }
  for (const item of items) {
    const system = item.data.system;
    if (!system || names.has(system) || sectionOf(item) !== 'register' || item.provenance !== 'derived' || item.editedFields.includes('title')) continue;
    const prefix = /^(.+?): /.exec(item.title)?.[1];
    if (prefix) names.set(system, prefix);
  }
  return names;
}

export interface RegisterFilters {
  status: string;
  category: string;
  /** A system id, '' for any, or ORGANISATION_WIDE for items about no one system. */
  system: string;
  search: string;
  legalReview: boolean;
  showSuperseded: boolean;
}

export const ORGANISATION_WIDE = '(organisation)';
export const NO_FILTERS: RegisterFilters = { status: '', category: '', system: '', search: '', legalReview: false, showSuperseded: false };

export function filtersActive(filters: RegisterFilters): boolean {
  return filters.status !== '' || filters.category !== '' || filters.system !== '' || filters.search.trim() !== '' || filters.legalReview;
}

export function matchesFilters(item: AnnexItem, filters: RegisterFilters): boolean {
  if (item.superseded && !filters.showSuperseded) return false;
  if (filters.status && item.status !== filters.status) return false;
  if (filters.category && (item.data.category ?? '') !== filters.category) return false;
  const systems = item.data.systems ?? (item.data.system ? [item.data.system] : []);
  if (filters.system === ORGANISATION_WIDE ? systems.length > 0 : filters.system !== '' && !systems.includes(filters.system)) return false;
  if (filters.legalReview && !item.data.needsLegalReview) return false;
  const words = filters.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const haystack = `${item.title}\n${item.statement}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

export function confidenceTone(rating: string): string {
  return rating === 'High' || rating === 'Medium-High' ? 'good' : rating === 'Medium' ? 'info' : rating === 'Low-Medium' ? 'warn' : 'bad';
}

export function documentStateTone(state: string): string {
  return state === 'Final' ? 'good' : state === 'Under review' ? 'info' : 'neutral';
}

/** The statuses the select offers an item: its section's, and its current one if that is another. */
export function statusesFor(item: AnnexItem): readonly string[] {
  const own = SECTION_STATUSES[sectionOf(item)];
  return own.includes(item.status as never) ? own : [item.status, ...own];
}

/** A file name for a download: the server's `<engagement-slug>-china-architecture-<date>`, or the annex title as a slug. */
export function downloadName(title: string, extension: string, fileBase?: string): string {
  if (fileBase) return `${fileBase}.${extension}`;
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'annex';
  return `${slug}.${extension}`;
}

/**
 * Keys that step a closed select's value in Chromium and Firefox, firing a change on each press:
 * a select that saves (an item's status, the document state) only chooses on them and saves on
 * Enter, on leaving the select, or on a pick from the open list.
 */
export const STEP_KEYS: ReadonlySet<string> = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
