// A regulatory-change review compares two assessments of the same firm (two dates, two content
// versions, or both) determination by determination, by stable id, never by text: the route, CII,
// per system the grade, ICP and hosting, every duty by its id, and the timeline's tracks. Each
// change says what kind it is, shows both sides with their citations, and says in one sentence
// what it means for the client. A change of article number alone (the Cybersecurity Law was
// renumbered on 2026-01-01) is its own kind, kept apart from changes of substance.
import type { DueDuty } from './due-in-window.ts';
import { formatCount, type Say } from '../assess/explanation.ts';
import type { Assessment, CitationOut, ExposureItem, Obligation, PenaltyTier, SystemAssessment, TimelineTrack } from '../assess/assessment-schema.ts';

export const CHANGE_KINDS = ['route', 'grade', 'icp', 'hosting', 'duty_added', 'duty_removed', 'deadline', 'penalty', 'citation', 'timeline', 'other'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeImpact = 'high' | 'medium' | 'low';

export interface DeterminationChange {
  /** Where in the assessment, by stable id: `systems[telematics].mlps.level`, `organisation.cbdt.duties[pipia]`. */
  path: string;
  kind: ChangeKind;
  impact: ChangeImpact;
  before: unknown;
  after: unknown;
  citations: { before: CitationOut[]; after: CitationOut[] };
  /** One sentence on what the change means for the client. */
  meaning: string;
}

export interface AssessmentReview {
  organisation: string;
  before: { asOf: string; contentVersion: string };
  after: { asOf: string; contentVersion: string };
  changes: DeterminationChange[];
  /** Duties of the obligations calendar dated inside the window (set by the caller: withDueDuties). */
  due?: DueDuty[] | undefined;
  /** Counts by kind, and the highest impact, for portfolio tables. */
  summary: { byKind: Record<ChangeKind, number>; substantive: number; citationOnly: number; highestImpact: ChangeImpact | null };
}

const IMPACT_RANK: Record<ChangeImpact, number> = { high: 0, medium: 1, low: 2 };

const MECHANISM_RANK: Record<string, number> = { none: 0, exempt: 1, standard_contract_or_certification: 2, security_assessment: 3 };
const HOSTING_RANK: Record<string, number> = { overseas: 0, overseas_with_transfer_mechanism: 1, mainland_recommended: 2, mainland_required: 3 };
const ICP_RANK: Record<string, number> = { none: 0, filing: 1, licence: 2 };

/** A citation in a sentence: the title, and the article in the language's way (Art. 38, 第38条). */
const citeText = (say: Say, citation: CitationOut): string => (citation.article ? say('engine.review.citeArticle', { title: citation.title, article: citation.article }) : citation.title);
const sameCitation = (a: CitationOut, b: CitationOut): boolean => a.instrument === b.instrument && a.article === b.article;
const numbers = (text: string): string => (text.match(/\d[\d,.]*/g) ?? []).join(' ');

class ChangeList {
  readonly changes: DeterminationChange[] = [];
  constructor(readonly say: Say) {}
  add(change: DeterminationChange): void {
    this.changes.push(change);
  }
}

/** Duties (obligations) compared by id: added, removed, renumbered, or changed in their figures. */
function diffObligations(list: ChangeList, path: string, where: string, before: readonly Obligation[], after: readonly Obligation[], impactAdded: ChangeImpact = 'medium'): void {
  const { say } = list;
  const old = new Map(before.map((duty) => [duty.id, duty]));
  const current = new Map(after.map((duty) => [duty.id, duty]));
  for (const duty of after) {
    const previous = old.get(duty.id);
    const at = `${path}[${duty.id}]`;
    if (!previous) {
      list.add({ path: at, kind: 'duty_added', impact: impactAdded, before: null, after: { title: duty.title, detail: duty.detail }, citations: { before: [], after: [duty.citation] }, meaning: say('engine.review.duty.added', { where, title: duty.title, citation: citeText(say, duty.citation), detail: duty.detail }) });
      continue;
    }
    if (previous.detail === duty.detail && previous.title === duty.title) {
      if (!sameCitation(previous.citation, duty.citation)) {
        list.add({ path: `${at}.citation`, kind: 'citation', impact: 'low', before: citeText(say, previous.citation), after: citeText(say, duty.citation), citations: { before: [previous.citation], after: [duty.citation] }, meaning: say('engine.review.duty.recited', { title: duty.title, where, citation: citeText(say, duty.citation), was: citeText(say, previous.citation) }) });
      }
      continue;
    }
    const figuresChanged = numbers(previous.detail) !== numbers(duty.detail);
    list.add({
      path: `${at}.detail`,
      kind: figuresChanged ? 'deadline' : 'other',
      impact: 'medium',
      before: previous.detail,
      after: duty.detail,
      citations: { before: [previous.citation], after: [duty.citation] },
      meaning: say(figuresChanged ? 'engine.review.duty.figures' : 'engine.review.duty.reworded', { title: duty.title, where, detail: duty.detail }),
    });
  }
  for (const duty of before) {
    if (current.has(duty.id)) continue;
    list.add({ path: `${path}[${duty.id}]`, kind: 'duty_removed', impact: 'low', before: { title: duty.title, detail: duty.detail }, after: null, citations: { before: [duty.citation], after: [] }, meaning: say('engine.review.duty.removed', { title: duty.title, where, citation: citeText(say, duty.citation) }) });
  }
}

function diffRoute(list: ChangeList, before: Assessment, after: Assessment): void {
  const { say } = list;
  const a = before.organisation.cbdt;
  const b = after.organisation.cbdt;
  const base = 'organisation.cbdt';
  if (a.mechanism !== b.mechanism) {
    const heavier = MECHANISM_RANK[b.mechanism]! > MECHANISM_RANK[a.mechanism]!;
    list.add({
      path: `${base}.mechanism`,
      kind: 'route',
      impact: heavier ? 'high' : 'medium',
      before: a.mechanism,
      after: b.mechanism,
      citations: { before: a.citations.filter((citation) => citation.instrument === a.regime.id).slice(0, 3), after: b.citations.filter((citation) => citation.instrument === b.regime.id).slice(0, 3) },
      meaning: say('engine.review.route.mechanism', {
        now: b.mechanism, was: a.mechanism, regime: b.regime.title, nonSensitive: formatCount(b.counted.nonSensitiveIndividuals), sensitive: formatCount(b.counted.sensitiveIndividuals),
        since: b.counted.windowStart, heavier: heavier ? 'yes' : 'no',
      }),
    });
  }
  if (a.regime.id !== b.regime.id) {
    list.add({ path: `${base}.regime`, kind: 'other', impact: a.mechanism === b.mechanism ? 'low' : 'medium', before: a.regime.title, after: b.regime.title, citations: { before: [], after: [] }, meaning: say('engine.review.route.regime', { now: b.regime.title, since: b.regime.effective, was: a.regime.title }) });
  }
  if (a.counted.window !== b.counted.window) {
    list.add({ path: `${base}.counted.window`, kind: 'other', impact: 'low', before: a.counted.window, after: b.counted.window, citations: { before: [], after: [] }, meaning: say('engine.review.route.window', { since: b.counted.windowStart, window: b.counted.window, was: a.counted.windowStart }) });
  }
  const oldTreatment = new Map(a.transfers.map((transfer) => [transfer.transfer, transfer]));
  for (const transfer of b.transfers) {
    const previous = oldTreatment.get(transfer.transfer);
    if (!previous || previous.treatment === transfer.treatment) continue;
    list.add({
      path: `${base}.transfers[${transfer.transfer}].treatment`,
      kind: 'route',
      impact: transfer.treatment === 'assessment_required' ? 'high' : 'medium',
      before: previous.treatment,
      after: transfer.treatment,
      citations: { before: previous.citation ? [previous.citation] : [], after: transfer.citation ? [transfer.citation] : [] },
      meaning: say('engine.review.route.treatment', { transfer: transfer.transfer, now: transfer.treatment, was: previous.treatment, reason: transfer.reason }),
    });
  }
  const oldOptions = new Map(a.options.map((option) => [option.id, option]));
  for (const option of b.options) {
    const previous = oldOptions.get(option.id);
    if (previous?.available === option.available) continue;
    list.add({ path: `${base}.options[${option.id}].available`, kind: 'other', impact: 'low', before: previous?.available ?? null, after: option.available, citations: { before: previous ? [previous.citation] : [], after: [option.citation] }, meaning: say('engine.review.route.option', { title: option.title, available: option.available ? 'yes' : 'no', detail: option.detail }) });
  }
  diffObligations(list, `${base}.duties`, '', a.duties, b.duties);
  diffObligations(list, `${base}.procedure`, say('engine.review.where.procedure'), a.procedure, b.procedure);
}

function diffOrganisation(list: ChangeList, before: Assessment, after: Assessment): void {
  const { say } = list;
  const a = before.organisation;
  const b = after.organisation;
  if (a.cii.status !== b.cii.status) {
    list.add({ path: 'organisation.cii.status', kind: 'other', impact: b.cii.status === 'notified' ? 'high' : 'medium', before: a.cii.status, after: b.cii.status, citations: { before: a.cii.citations.slice(0, 2), after: b.cii.citations.slice(0, 2) }, meaning: say('engine.review.cii', { now: b.cii.status, was: a.cii.status }) });
  }
  diffObligations(list, 'organisation.cii.obligations', say('engine.review.where.cii'), a.cii.obligations, b.cii.obligations);
  diffObligations(list, 'organisation.piVolumeDuties', '', a.piVolumeDuties, b.piVolumeDuties);
  const applying = (rules: Assessment['organisation']['sectorRules']) => rules.filter((rule) => rule.applies).map((rule) => ({ id: rule.id, title: rule.title, detail: rule.detail, citation: rule.citation, needsLegalReview: rule.needsLegalReview }));
  diffObligations(list, 'organisation.sectorRules', say('engine.review.where.sectorRule'), applying(a.sectorRules), applying(b.sectorRules));
}

function diffSystem(list: ChangeList, a: SystemAssessment, b: SystemAssessment): void {
  const { say } = list;
  const base = `systems[${b.id}]`;
  const where = say('engine.review.where.system', { name: b.name });
  if (a.mlps.level !== b.mlps.level) {
    list.add({ path: `${base}.mlps.level`, kind: 'grade', impact: b.mlps.level > a.mlps.level ? 'high' : 'medium', before: a.mlps.level, after: b.mlps.level, citations: { before: a.mlps.citations.slice(0, 2), after: b.mlps.citations.slice(0, 2) }, meaning: say('engine.review.grade', { name: b.name, now: b.mlps.level, was: a.mlps.level }) });
  }
  diffObligations(list, `${base}.mlps.obligations`, where, a.mlps.obligations, b.mlps.obligations);
  if (a.icp.requirement !== b.icp.requirement || a.icp.ediLicence !== b.icp.ediLicence) {
    const label = (icp: SystemAssessment['icp']) => say('engine.review.icpLabel', { requirement: icp.requirement, edi: icp.ediLicence ? 'yes' : 'no' });
    list.add({ path: `${base}.icp.requirement`, kind: 'icp', impact: ICP_RANK[b.icp.requirement]! > ICP_RANK[a.icp.requirement]! || (b.icp.ediLicence && !a.icp.ediLicence) ? 'high' : 'medium', before: label(a.icp), after: label(b.icp), citations: { before: a.icp.citations.slice(0, 2), after: b.icp.citations.slice(0, 2) }, meaning: say('engine.review.icp', { name: b.name, now: label(b.icp), was: label(a.icp) }) });
  }
  diffObligations(list, `${base}.icp.obligations`, where, a.icp.obligations, b.icp.obligations);
  if (a.hosting.recommendation !== b.hosting.recommendation) {
    list.add({ path: `${base}.hosting.recommendation`, kind: 'hosting', impact: HOSTING_RANK[b.hosting.recommendation]! > HOSTING_RANK[a.hosting.recommendation]! ? 'high' : 'medium', before: a.hosting.recommendation, after: b.hosting.recommendation, citations: { before: a.hosting.citations.slice(0, 2), after: b.hosting.citations.slice(0, 2) }, meaning: say('engine.review.hosting', { name: b.name, now: b.hosting.recommendation, was: a.hosting.recommendation, reason: b.hosting.reasons.at(-1) ?? '' }).trim() });
  }
  const applying = (rules: SystemAssessment['sectorRules']) => rules.filter((rule) => rule.applies).map((rule) => ({ id: rule.id, title: rule.title, detail: rule.detail, citation: rule.citation, needsLegalReview: rule.needsLegalReview }));
  diffObligations(list, `${base}.sectorRules`, where, applying(a.sectorRules), applying(b.sectorRules));
}

const range = (say: Say, value: { min: number; max: number }) => say(value.min > 0 ? 'engine.review.penalty.range' : 'engine.review.penalty.upTo', { min: formatCount(value.min), max: formatCount(value.max) });
/** A tier's figures in one phrase; the same figures give the same phrase, whatever the article. */
function figures(say: Say, tier: PenaltyTier): string {
  const parts = [
    tier.organisation ? say('engine.review.penalty.organisation', { range: range(say, tier.organisation), percent: tier.turnoverPercentMax ?? 'none' }) : null,
    tier.multiple ? say('engine.review.penalty.multiple', { min: tier.multiple.min, max: tier.multiple.max }) : null,
    tier.individuals ? say('engine.review.penalty.individuals', { range: range(say, tier.individuals) }) : null,
  ].filter((part): part is string => part != null);
  return say('engine.review.penalty.tier', { condition: tier.condition, figures: parts.length > 0 ? parts.join(say('engine.review.penalty.separator')) : say('engine.review.penalty.noFine') });
}
const citeAll = (say: Say, citations: readonly CitationOut[]) => [...new Set(citations.map((citation) => citeText(say, citation)))].join('; ');
const ceiling = (item: ExposureItem) => Math.max(0, ...item.tiers.map((tier) => tier.organisation?.max ?? 0));

/**
 * Penalty exposure, per determination: a change in the figures is substance (the amended
 * Cybersecurity Law raised its fines from 2026-01-01); the same figures under a new article number
 * are a citation change.
 */
function diffExposure(list: ChangeList, before: Assessment, after: Assessment): void {
  const { say } = list;
  const figuresOf = (tier: PenaltyTier) => figures(say, tier);
  const old = new Map((before.exposure?.items ?? []).map((item) => [item.id, item]));
  const current = new Set((after.exposure?.items ?? []).map((item) => item.id));
  for (const item of after.exposure?.items ?? []) {
    const previous = old.get(item.id);
    const path = `exposure[${item.id}]`;
    const now = item.tiers.map(figuresOf);
    const cites = item.tiers.map((tier) => tier.citation);
    if (!previous) {
      list.add({ path, kind: 'penalty', impact: 'medium', before: null, after: now, citations: { before: [], after: cites }, meaning: say('engine.review.penalty.added', { title: item.title, now: now.join('; '), citations: citeAll(say, cites) }) });
      continue;
    }
    const was = previous.tiers.map(figuresOf);
    const wasCites = previous.tiers.map((tier) => tier.citation);
    if (was.join('|') !== now.join('|')) {
      list.add({
        path, kind: 'penalty', impact: ceiling(item) > ceiling(previous) ? 'high' : 'medium', before: was, after: now, citations: { before: wasCites, after: cites },
        meaning: say('engine.review.penalty.changed', { title: item.title, citations: citeAll(say, cites), now: now.join('; '), was: was.join('; ') }),
      });
    } else if (wasCites.length !== cites.length || wasCites.some((citation, index) => !sameCitation(citation, cites[index]!))) {
      list.add({ path: `${path}.citation`, kind: 'citation', impact: 'low', before: citeAll(say, wasCites), after: citeAll(say, cites), citations: { before: wasCites, after: cites }, meaning: say('engine.review.penalty.recited', { title: item.title.toLowerCase(), citations: citeAll(say, cites) }) });
    }
  }
  for (const item of before.exposure?.items ?? []) {
    if (!current.has(item.id)) list.add({ path: `exposure[${item.id}]`, kind: 'penalty', impact: 'low', before: item.tiers.map(figuresOf), after: null, citations: { before: item.tiers.map((tier) => tier.citation), after: [] }, meaning: say('engine.review.penalty.removed', { title: item.title }) });
  }
}

function diffTimeline(list: ChangeList, before: Assessment, after: Assessment): void {
  const { say } = list;
  const a = before.timeline;
  const b = after.timeline;
  const old = new Map(a.tracks.map((track) => [track.id, track]));
  const current = new Map(b.tracks.map((track) => [track.id, track]));
  const range = (track: Pick<TimelineTrack, 'minMonths' | 'maxMonths'>) => say('engine.review.timeline.months', { min: track.minMonths, max: track.maxMonths });
  for (const track of b.tracks) {
    const previous = old.get(track.id);
    if (!previous) list.add({ path: `timeline.tracks[${track.id}]`, kind: 'timeline', impact: 'medium', before: null, after: range(track), citations: { before: [], after: track.basis.slice(0, 2) }, meaning: say('engine.review.timeline.added', { title: track.title, months: range(track) }) });
    else if (previous.minMonths !== track.minMonths || previous.maxMonths !== track.maxMonths) {
      list.add({ path: `timeline.tracks[${track.id}].months`, kind: 'timeline', impact: 'low', before: range(previous), after: range(track), citations: { before: previous.basis.slice(0, 2), after: track.basis.slice(0, 2) }, meaning: say('engine.review.timeline.changed', { title: track.title, months: range(track), was: range(previous) }) });
    }
  }
  for (const track of a.tracks) {
    if (!current.has(track.id)) list.add({ path: `timeline.tracks[${track.id}]`, kind: 'timeline', impact: 'low', before: range(track), after: null, citations: { before: track.basis.slice(0, 2), after: [] }, meaning: say('engine.review.timeline.removed', { title: track.title }) });
  }
  if (a.minMonths !== b.minMonths || a.maxMonths !== b.maxMonths || a.criticalPath.join() !== b.criticalPath.join()) {
    const path = (timeline: Assessment['timeline']) => timeline.criticalPath.join(' → ');
    const side = (timeline: Assessment['timeline']) => say('engine.review.timeline.side', { months: range(timeline), path: path(timeline) || 'none' });
    list.add({ path: 'timeline.months', kind: 'timeline', impact: b.maxMonths > a.maxMonths ? 'medium' : 'low', before: side(a), after: side(b), citations: { before: [], after: [] }, meaning: say('engine.review.timeline.entry', { months: range(b), path: path(b) || 'none', was: range(a) }) });
  }
  diffObligations(list, 'timeline.postLaunch', say('engine.review.where.afterLaunch'), a.postLaunch, b.postLaunch);
}

/** Every change between two assessments of one firm, substance first, then citation-only changes. */
export function diffAssessments(before: Assessment, after: Assessment, say: Say): AssessmentReview {
  const list = new ChangeList(say);
  diffRoute(list, before, after);
  diffOrganisation(list, before, after);
  const old = new Map(before.systems.map((system) => [system.id, system]));
  const current = new Set(after.systems.map((system) => system.id));
  for (const system of after.systems) {
    const previous = old.get(system.id);
    if (previous) diffSystem(list, previous, system);
    else list.add({ path: `systems[${system.id}]`, kind: 'other', impact: 'medium', before: null, after: system.name, citations: { before: [], after: [] }, meaning: say('engine.review.system.added', { name: system.name, level: system.mlps.level, icp: system.icp.requirement, hosting: system.hosting.recommendation }) });
  }
  for (const system of before.systems) {
    if (!current.has(system.id)) list.add({ path: `systems[${system.id}]`, kind: 'other', impact: 'low', before: system.name, after: null, citations: { before: [], after: [] }, meaning: say('engine.review.system.removed', { name: system.name }) });
  }
  diffTimeline(list, before, after);
  diffExposure(list, before, after);
  const changes = [...list.changes].sort((x, y) => Number(x.kind === 'citation') - Number(y.kind === 'citation') || IMPACT_RANK[x.impact] - IMPACT_RANK[y.impact]);
  const byKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
  for (const change of changes) byKind[change.kind] += 1;
  const substantive = changes.filter((change) => change.kind !== 'citation');
  return {
    organisation: after.profile.organisation,
    before: { asOf: before.asOf, contentVersion: before.contentVersion },
    after: { asOf: after.asOf, contentVersion: after.contentVersion },
    changes,
    summary: {
      byKind,
      substantive: substantive.length,
      citationOnly: changes.length - substantive.length,
      highestImpact: substantive.reduce<ChangeImpact | null>((best, change) => (best == null || IMPACT_RANK[change.impact] < IMPACT_RANK[best] ? change.impact : best), null),
    },
  };
}
