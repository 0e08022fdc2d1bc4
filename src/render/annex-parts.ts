// What every annex format reads the same way: the view (frame, kept items, document state and the
// counts derived once), the order of the parts, and the wording of systems, owners, dates and
// statuses. Markdown, HTML, PDF, DOCX and XLSX all take their numbers and labels from here.
import { annexConfidence, annexCounts, unconfirmedItems, unresolvedSentence, type AnnexCounts } from '../core/annex/annex-counts.ts';
import { REGISTER_CATEGORIES, statusLabel, type DecisionRecord, type DerivedAnnex, type Diagram, type DocumentState, type QuestionDetail, type ActionDetail } from '../core/annex/annex-types.ts';
import type { StoredAnnexItem } from '../core/annex/merge-annex.ts';
import type { CitationOut } from '../core/assess/assessment-schema.ts';
import { translator, type Locale, type Translate } from '../i18n/messages.ts';
import { pngSize } from './logo.ts';

export { statusLabel };

/** The consultancy a deliverable is branded with (a template setting; Landfall when unset). */
export interface Branding {
  consultancy: string;
  /** A PNG logo for the DOCX cover and header; none when unset. */
  logoPng?: Uint8Array | null;
}

export interface AnnexView {
  annex: Omit<DerivedAnnex, 'items'>;
  items: StoredAnnexItem[];
  documentState: DocumentState;
  lastUpdated: string;
  /** The engagement's name, for headers, footers and file names. */
  engagement: string;
  counts: AnnexCounts;
  confidence: { rating: string; reason: string };
  unresolved: string;
  branding: Branding;
  /** At Final: the items still unconfirmed, which every format lists. */
  unconfirmedAtFinal: string[];
  /** The language of the document's own words (headings, labels, statuses); the items' text is what the frame and items hold. */
  locale: Locale;
  /** The catalogue's messages in that language (content/messages/<locale>/annex.yaml). */
  t: Translate;
  /** Instrument ids to their official Chinese titles, for citations in a zh-CN document. */
  instrumentTitles: ReadonlyMap<string, string>;
}

export interface ViewOptions {
  state?: DocumentState;
  engagement?: string;
  branding?: Partial<Branding>;
  /** The document's language; English when unset. */
  locale?: Locale;
  /** Instrument ids to their Chinese titles (content/instruments.yaml `title.zh`), used when the locale is zh-CN. */
  instrumentTitles?: ReadonlyMap<string, string>;
}

/** Instrument ids to their Chinese titles (content/instruments.yaml `title.zh`), for a zh-CN document's citations. */
export function instrumentTitlesOf(book: { instruments: ReadonlyMap<string, { title: { zh?: string | null } }> }): Map<string, string> {
  const titles = new Map<string, string>();
  for (const [id, instrument] of book.instruments) if (instrument.title.zh) titles.set(id, instrument.title.zh);
  return titles;
}

/** The view of a kept annex, with the counts derived once from its items. */
export function buildView(annex: Omit<DerivedAnnex, 'items'>, items: StoredAnnexItem[], lastUpdated: string, options: ViewOptions = {}): AnnexView {
  const counts = annexCounts(items);
  const state = options.state ?? 'Draft';
  const locale = options.locale ?? 'en';
  const t = translator(locale);
  const confidence = annexConfidence(counts);
  return {
    unconfirmedAtFinal: state === 'Final' ? unconfirmedItems(items).map((item) => item.title) : [],
    annex, items, lastUpdated, counts,
    documentState: state,
    engagement: options.engagement ?? annex.organisation,
    // English keeps the core's sentences as they are; another language says the same counts in its own words.
    confidence: locale === 'en' ? confidence : { rating: t(`annex.confidence.${confidence.rating}`), reason: confidenceReason(counts, t) },
    unresolved: locale === 'en' ? unresolvedSentence(counts) : counts.unresolved === 0 ? t('annex.unresolved.none') : t('annex.unresolved.some', { decisions: counts.decisionsNeeded, questions: counts.openQuestions }),
    branding: { consultancy: options.branding?.consultancy?.trim() || 'Landfall', logoPng: options.branding?.logoPng ?? null },
    locale, t,
    instrumentTitles: options.instrumentTitles ?? new Map(),
  };
}

function confidenceReason(counts: AnnexCounts, t: Translate): string {
  const score = counts.openQuestions + counts.legalReviewQuestions + Math.ceil(counts.unconfirmedAssumptions / 2);
  if (score === 0) return t('annex.confidence.reason.none');
  return t('annex.confidence.reason.some', { questions: counts.openQuestions, legal: counts.legalReviewQuestions, assumptions: counts.unconfirmedAssumptions });
}

/** The document state in the view's language (the states themselves stay Draft, Under review, Final). */
export const stateText = (view: AnnexView, state: string = view.documentState) => view.t(`annex.state.${state.replace(' ', '_')}`);

/** A status in words, in the view's language (never `decision_needed`). */
export function statusText(view: AnnexView, status: string): string {
  if (view.locale === 'en') return statusLabel(status);
  return (STATUS_IDS as readonly string[]).includes(status) ? view.t(`annex.status.${status}`) : status.replaceAll('_', ' ');
}
const STATUS_IDS = ['draft', 'decision_needed', 'in_progress', 'confirmed', 'open', 'resolved', 'proposed', 'accepted', 'superseded'] as const;

/** The owner roles a derived annex assigns, by message id; a person's own name stays as written. */
const ROLE_IDS: Record<string, string> = {
  'PRC legal counsel': 'prcCounsel', 'Data protection officer': 'dpo', 'Security lead': 'securityLead', 'Cloud architect': 'cloudArchitect', 'Product owner': 'productOwner',
  'China entity lead': 'chinaEntityLead', 'Programme manager': 'programmeManager', Consultant: 'consultant', 'Landfall (derived)': 'landfallDerived',
};
export const roleText = (view: AnnexView, role: string) => (view.locale !== 'en' && ROLE_IDS[role] ? view.t(`annex.role.${ROLE_IDS[role]}`) : role);

/** A citation in words: as the assessment gives it in English; in Chinese with the instrument's official Chinese title. */
export function citationText(view: AnnexView, citation: CitationOut, english: (citation: CitationOut) => string): string {
  if (view.locale === 'en') return english(citation);
  const title = view.instrumentTitles.get(citation.instrument) ?? citation.title;
  if (citation.instrument === 'practice') return view.t('annex.citation.practice', { title, url: citation.url ?? null });
  const article = citation.article ? (/^\d/.test(citation.article) ? view.t('annex.citation.article', { article: citation.article }) : ` ${citation.article}`) : '';
  return view.t('annex.citation.text', { title, article, effective: citation.effective, unconfirmed: citation.confidence === 'unconfirmed' ? 'yes' : 'no' });
}

/** The logo's size within a box of `width` × `height`, keeping its aspect ratio; null without a logo. */
export function logoBox(view: AnnexView, width: number, height: number): { width: number; height: number } | null {
  const logo = view.branding.logoPng;
  if (!logo || logo.byteLength === 0) return null;
  const size = pngSize(logo) ?? { width, height };
  const scale = Math.min(width / size.width, height / size.height, 1);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

export const sectionOf = (item: StoredAnnexItem) => (item.data.section as string | undefined) ?? 'register';
export const live = (view: AnnexView) => view.items.filter((item) => !item.superseded);
export const inSection = (view: AnnexView, section: string) => live(view).filter((item) => sectionOf(item) === section);
export const basisOf = (item: StoredAnnexItem) => (item.data.basis as CitationOut[] | undefined) ?? [];
/** The basis in words: the citations, and the basis a person gave an item they added. */
export function basisText(item: StoredAnnexItem, format: (citation: CitationOut) => string): string {
  const given = typeof item.data.basisText === 'string' && item.data.basisText ? [item.data.basisText] : [];
  return [...basisOf(item).map(format), ...given].join('; ');
}
export const edited = (item: StoredAnnexItem) => item.provenance === 'person' || item.editedFields.length > 0;

/** System ids to names, from the summary page (or the diagrams of frames stored before it). */
export function systemNames(view: AnnexView): Map<string, string> {
  const names = new Map<string, string>();
  for (const system of view.annex.summary?.systems ?? []) names.set(system.id, system.name);
  for (const diagram of view.annex.diagrams) for (const node of diagram.nodes) if (node.id.startsWith('system:') && !names.has(node.id.slice(7))) names.set(node.id.slice(7), node.label);
  return names;
}

export function systemsOf(view: AnnexView, item: StoredAnnexItem, names = systemNames(view)): string {
  const ids = (item.data.systems as string[] | undefined) ?? (item.data.system ? [item.data.system as string] : []);
  return ids.length === 0 ? view.t('annex.systems.all') : ids.map((id) => names.get(id) ?? id).join(view.t('common.listSeparator'));
}

export const ownerOf = (item: StoredAnnexItem, view?: AnnexView) => (typeof item.data.owner === 'string' && item.data.owner ? (view ? roleText(view, item.data.owner) : item.data.owner) : view ? view.t('annex.owner.unassigned') : 'Unassigned');
export const dueOf = (item: StoredAnnexItem) => (typeof item.data.due === 'string' && item.data.due ? item.data.due : '–');
export const questionOf = (item: StoredAnnexItem) => item.data.question as QuestionDetail | undefined;
export const decisionOf = (item: StoredAnnexItem) => item.data.decision as DecisionRecord | undefined;
export const actionOf = (item: StoredAnnexItem) => item.data.action as ActionDetail | undefined;
export const heldNote = (item: StoredAnnexItem, view?: AnnexView) => {
  const held = item.data.statusHeld as { derived?: string; note?: string } | undefined;
  if (view && view.locale !== 'en' && held?.derived) return view.t('annex.statusHeld', { derived: statusText(view, held.derived), kept: statusText(view, item.status) });
  return held?.note ?? null;
};
/** An accepted regulatory-change review marked the item: what changed under it, until a person edits it. */
export const reviewNote = (item: StoredAnnexItem, view?: AnnexView) => {
  const changes = (item.data.reReview as { changes?: Array<{ meaning: string }> } | undefined)?.changes ?? [];
  return changes.length === 0 ? null : view ? view.t('annex.reReview', { changes: changes.map((change) => change.meaning).join(' ') }) : `Re-review: ${changes.map((change) => change.meaning).join(' ')}`;
};
/** What the status cell adds to the status: the held status, then the re-review mark. */
export const statusNote = (item: StoredAnnexItem, view?: AnnexView) => {
  const notes = [heldNote(item, view), reviewNote(item, view)].filter((note): note is string => note != null);
  return notes.length === 0 ? '' : view ? view.t('annex.statusNote', { notes: notes.join(view.t('annex.noteSeparator')) }) : ` (${notes.join('; ')})`;
};

/** The register by category, the requirements that shape the architecture and the plan first. */
export function registerByCategory(view: AnnexView): Array<{ key: string; title: string; items: StoredAnnexItem[] }> {
  const register = inSection(view, 'register');
  return REGISTER_CATEGORIES.map((category) => ({
    key: category.key as string,
    title: view.t(`annex.category.${category.key}`),
    items: register.filter((item) => item.data.category === category.key).sort((a, b) => Number(b.data.shapesArchitecture === true) - Number(a.data.shapesArchitecture === true)),
  })).filter((group) => group.items.length > 0);
}

/** The headline counts line, the same in every format. */
export function countsLine(counts: AnnexCounts, t: Translate = translator('en')): Array<[number, string]> {
  const label = (id: string, count: number): [number, string] => [count, t(`annex.counts.${id}`, { count })];
  return [
    label('requirements', counts.requirements), label('confirmed', counts.confirmed), label('pending', counts.pending), label('categories', counts.categories),
    label('openQuestions', counts.openQuestions), label('assumptions', counts.unconfirmedAssumptions), label('decisions', counts.decisionsNeeded),
  ];
}

/** The counts line as text: `**3** open questions · ...` (bold marks for Markdown) or plain. */
export function countsText(view: AnnexView, mark = ''): string {
  return countsLine(view.counts, view.t).map(([count, label]) => view.t('annex.counts.entry', { count: `${mark}${count}${mark}`, label })).join(' · ');
}

/** The line a Final annex carries when items are still unconfirmed. */
export function finalNote(view: AnnexView): string | null {
  const open = view.unconfirmedAtFinal;
  return open.length === 0 ? null : view.t('annex.finalNote', { count: open.length, shown: String(open.length), items: open.join(view.t('annex.noteSeparator')) });
}

/** The rows of the summary page's headline table. */
export function summaryRows(view: AnnexView): Array<[string, string]> {
  const { t } = view;
  const summary = view.annex.summary;
  if (!summary) return [[t('annex.label.lawAsOf'), view.annex.asOf]];
  const { timeline } = summary;
  return [
    [t('annex.summary.route'), summary.route],
    [t('annex.summary.cii'), summary.cii],
    ...summary.systems.map((system): [string, string] => [system.name, t('annex.summary.system', { level: system.mlpsLevel, icp: system.icp, hosting: system.hosting })]),
    [t('annex.summary.timeline'), timeline.tracks.length === 0 ? t('annex.summary.noTrack') : t('annex.summary.timelineValue', { months: monthsText(view, timeline.minMonths, timeline.maxMonths), start: timeline.start, earliest: timeline.readyBy.earliest, latest: timeline.readyBy.latest, goLive: timeline.goLive })],
    [t('annex.summary.criticalPath'), timeline.criticalPath.join(' → ') || '–'],
    ...(summary.carryOver ? [[t('annex.summary.carryOver'), summary.carryOver] as [string, string]] : []),
    [t('annex.label.lawAsOf'), summary.asOf],
    [t('annex.label.contentVersion'), summary.contentVersion],
  ];
}

/** `3` or `3 to 5` (months), as the summary and the timeline say it. */
export const monthsText = (view: AnnexView, min: number, max: number) => (min === max ? `${min}` : view.t('annex.range', { min: String(min), max: String(max) }));

/**
 * The table beside a diagram, the same in every format: the data flows with their channel, legal
 * basis and approval; the architectures' connections with what each end is. It lists every edge,
 * including those a large profile's drawing folds into "+N more".
 */
export function diagramTable(diagram: Diagram, t: Translate = translator('en')): { headers: string[]; rows: string[][] } {
  const nodes = new Map(diagram.nodes.map((node) => [node.id, node]));
  const name = (id: string) => nodes.get(id)?.label ?? id;
  const header = (...ids: string[]) => ids.map((id) => t(`annex.diagram.column.${id}`));
  if (diagram.id === 'data_flow') {
    return {
      headers: header('flow', 'from', 'to', 'what', 'channel', 'legalBasis', 'approval'),
      rows: diagram.edges.map((edge) => [
        edge.ref ?? '–', name(edge.from), name(edge.to), edge.label, edge.channel ?? '–', edge.basis ?? edge.mechanism ?? '–',
        edge.approval ? approvalText(edge.approval, t) : '–',
      ]),
    };
  }
  const described = (id: string) => {
    const node = nodes.get(id);
    return node?.detail && node.kind !== 'system' ? t('annex.diagram.described', { label: node.label, detail: node.detail }) : name(id);
  };
  return {
    headers: header('from', 'to', 'what', 'crossesBorder', 'under'),
    rows: diagram.edges.map((edge) => [name(edge.from), described(edge.to), edge.label, t(edge.crossesBorder ? 'annex.yes' : 'annex.no'), edge.mechanism ?? '–']),
  };
}

/** A flow's approval in words: `Pending: the filing` or `Not needed: ...`. */
export const approvalText = (approval: { status: 'not_needed' | 'pending'; needed: string }, t: Translate = translator('en')) => t('annex.diagram.approval', { status: approval.status, needed: approval.needed });

export const SECTION_TITLES: Record<string, string> = {
  open_question: 'Open questions', assumption: 'Assumptions', guardrail: 'Guardrails', decision: 'Decisions (ADRs)', dependency: 'Dependencies', next_action: 'Next actions',
};
/** A diagram's state (draft, reviewed) in the view's language. */
export const diagramState = (view: AnnexView, state: string) => (state === 'draft' || state === 'reviewed' ? view.t(`annex.diagram.stateValue.${state}`) : state);
/** A part's title in the view's language. */
export const sectionTitle = (view: AnnexView, section: string) => view.t(`annex.section.${section}`);

const LEGAL_FORMS = /\b(gmbh|ag|se|sa|sas|sarl|s\.?a\.?|b\.?v\.?|n\.?v\.?|oy|ab|as|a\/s|spa|s\.?p\.?a\.?|srl|pte|ltd|limited|inc|incorporated|corp|corporation|llc|plc|co|kg|kgaa|holdings?)\b\.?/gi;

/** `Example Motors GmbH` to `example-motors`: the client's name without its legal form. */
export function engagementSlug(name: string): string {
  const plain = name.replace(/^demo:\s*/i, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const withoutForm = plain.replace(LEGAL_FORMS, ' ');
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '');
  return slug(withoutForm) || slug(plain) || 'engagement';
}

/** `<engagement-slug>-china-architecture-<date>.<ext>`, the same for every format; a language other than English is named before the extension. */
export function annexFileName(name: string, date: string, extension: string, locale: Locale = 'en'): string {
  return `${engagementSlug(name)}-china-architecture-${date.slice(0, 10)}${locale === 'en' ? '' : `-${locale}`}.${extension}`;
}
