// What every annex format reads the same way: the view (frame, kept items, document state and the
// counts derived once), the order of the parts, and the wording of systems, owners, dates and
// statuses. Markdown, HTML, PDF, DOCX and XLSX all take their numbers and labels from here.
import { annexConfidence, annexCounts, unconfirmedItems, unresolvedSentence, type AnnexCounts } from '../core/annex/annex-counts.ts';
import { REGISTER_CATEGORIES, statusLabel, type DecisionRecord, type DerivedAnnex, type Diagram, type DocumentState, type QuestionDetail, type ActionDetail } from '../core/annex/annex-types.ts';
import type { StoredAnnexItem } from '../core/annex/merge-annex.ts';
import type { CitationOut } from '../core/assess/assessment-schema.ts';
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
}

export interface ViewOptions {
  state?: DocumentState;
  engagement?: string;
  branding?: Partial<Branding>;
}

/** The view of a kept annex, with the counts derived once from its items. */
export function buildView(annex: Omit<DerivedAnnex, 'items'>, items: StoredAnnexItem[], lastUpdated: string, options: ViewOptions = {}): AnnexView {
  const counts = annexCounts(items);
  const state = options.state ?? 'Draft';
  return {
    unconfirmedAtFinal: state === 'Final' ? unconfirmedItems(items).map((item) => item.title) : [],
    annex, items, lastUpdated, counts,
    documentState: state,
    engagement: options.engagement ?? annex.organisation,
    confidence: annexConfidence(counts),
    unresolved: unresolvedSentence(counts),
    branding: { consultancy: options.branding?.consultancy?.trim() || 'Landfall', logoPng: options.branding?.logoPng ?? null },
  };
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
  return ids.length === 0 ? 'All' : ids.map((id) => names.get(id) ?? id).join(', ');
}

export const ownerOf = (item: StoredAnnexItem) => (typeof item.data.owner === 'string' && item.data.owner ? item.data.owner : 'Unassigned');
export const dueOf = (item: StoredAnnexItem) => (typeof item.data.due === 'string' && item.data.due ? item.data.due : '–');
export const questionOf = (item: StoredAnnexItem) => item.data.question as QuestionDetail | undefined;
export const decisionOf = (item: StoredAnnexItem) => item.data.decision as DecisionRecord | undefined;
export const actionOf = (item: StoredAnnexItem) => item.data.action as ActionDetail | undefined;
export const heldNote = (item: StoredAnnexItem) => (item.data.statusHeld as { note?: string } | undefined)?.note ?? null;
/** An accepted regulatory-change review marked the item: what changed under it, until a person edits it. */
export const reviewNote = (item: StoredAnnexItem) => {
  const changes = (item.data.reReview as { changes?: Array<{ meaning: string }> } | undefined)?.changes ?? [];
  return changes.length === 0 ? null : `Re-review: ${changes.map((change) => change.meaning).join(' ')}`;
};
/** What the status cell adds to the status: the held status, then the re-review mark. */
export const statusNote = (item: StoredAnnexItem) => {
  const notes = [heldNote(item), reviewNote(item)].filter((note): note is string => note != null);
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
};

/** The register by category, the requirements that shape the architecture and the plan first. */
export function registerByCategory(view: AnnexView): Array<{ key: string; title: string; items: StoredAnnexItem[] }> {
  const register = inSection(view, 'register');
  return REGISTER_CATEGORIES.map((category) => ({
    key: category.key as string,
    title: category.title as string,
    items: register.filter((item) => item.data.category === category.key).sort((a, b) => Number(b.data.shapesArchitecture === true) - Number(a.data.shapesArchitecture === true)),
  })).filter((group) => group.items.length > 0);
}

/** The headline counts line, the same in every format. */
export function countsLine(counts: AnnexCounts): Array<[number, string]> {
  return [
    [counts.requirements, counts.requirements === 1 ? 'requirement' : 'requirements'],
    [counts.confirmed, 'confirmed'],
    [counts.pending, 'pending'],
    [counts.categories, counts.categories === 1 ? 'category' : 'categories'],
    [counts.openQuestions, counts.openQuestions === 1 ? 'open question' : 'open questions'],
    [counts.unconfirmedAssumptions, counts.unconfirmedAssumptions === 1 ? 'assumption to confirm' : 'assumptions to confirm'],
    [counts.decisionsNeeded, counts.decisionsNeeded === 1 ? 'decision needed' : 'decisions needed'],
  ];
}

/** The line a Final annex carries when items are still unconfirmed. */
export function finalNote(view: AnnexView): string | null {
  const open = view.unconfirmedAtFinal;
  return open.length === 0 ? null : `Marked Final with ${open.length} ${open.length === 1 ? 'item' : 'items'} still unconfirmed: ${open.join('; ')}.`;
}

/** The rows of the summary page's headline table. */
export function summaryRows(view: AnnexView): Array<[string, string]> {
  const summary = view.annex.summary;
  if (!summary) return [['Law as of', view.annex.asOf]];
  const { timeline } = summary;
  return [
    ['Transfer route', summary.route],
    ['Critical information infrastructure', summary.cii],
    ...summary.systems.map((system): [string, string] => [system.name, `MLPS level ${system.mlpsLevel}; ${system.icp}; ${system.hosting}`]),
    ['Timeline', timeline.tracks.length === 0 ? 'No regulatory track before launch.' : `${timeline.minMonths === timeline.maxMonths ? timeline.minMonths : `${timeline.minMonths} to ${timeline.maxMonths}`} months from ${timeline.start}; ready between ${timeline.readyBy.earliest} and ${timeline.readyBy.latest}${timeline.goLive ? ` (target go-live ${timeline.goLive})` : ''}`],
    ['Critical path', timeline.criticalPath.join(' → ') || '–'],
    ...(summary.carryOver ? [['SOC 2 / ISO 27001 carry-over', summary.carryOver] as [string, string]] : []),
    ['Law as of', summary.asOf],
    ['Content version', summary.contentVersion],
  ];
}

/**
 * The table beside a diagram, the same in every format: the data flows with their channel, legal
 * basis and approval; the architectures' connections with what each end is. It lists every edge,
 * including those a large profile's drawing folds into "+N more".
 */
export function diagramTable(diagram: Diagram): { headers: string[]; rows: string[][] } {
  const nodes = new Map(diagram.nodes.map((node) => [node.id, node]));
  const name = (id: string) => nodes.get(id)?.label ?? id;
  if (diagram.id === 'data_flow') {
    return {
      headers: ['Flow', 'From', 'To', 'What', 'Channel', 'Legal basis', 'Approval'],
      rows: diagram.edges.map((edge) => [
        edge.ref ?? '–', name(edge.from), name(edge.to), edge.label, edge.channel ?? '–', edge.basis ?? edge.mechanism ?? '–',
        edge.approval ? `${edge.approval.status === 'pending' ? 'Pending' : 'Not needed'}: ${edge.approval.needed}` : '–',
      ]),
    };
  }
  const described = (id: string) => {
    const node = nodes.get(id);
    return node?.detail && node.kind !== 'system' ? `${node.label} (${node.detail})` : name(id);
  };
  return {
    headers: ['From', 'To', 'What', 'Crosses the border', 'Under'],
    rows: diagram.edges.map((edge) => [name(edge.from), described(edge.to), edge.label, edge.crossesBorder ? 'yes' : 'no', edge.mechanism ?? '–']),
  };
}

export const SECTION_TITLES: Record<string, string> = {
  open_question: 'Open questions', assumption: 'Assumptions', guardrail: 'Guardrails', decision: 'Decisions (ADRs)', dependency: 'Dependencies', next_action: 'Next actions',
};

const LEGAL_FORMS = /\b(gmbh|ag|se|sa|sas|sarl|s\.?a\.?|b\.?v\.?|n\.?v\.?|oy|ab|as|a\/s|spa|s\.?p\.?a\.?|srl|pte|ltd|limited|inc|incorporated|corp|corporation|llc|plc|co|kg|kgaa|holdings?)\b\.?/gi;

/** `Example Motors GmbH` to `example-motors`: the client's name without its legal form. */
export function engagementSlug(name: string): string {
  const plain = name.replace(/^demo:\s*/i, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const withoutForm = plain.replace(LEGAL_FORMS, ' ');
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '');
  return slug(withoutForm) || slug(plain) || 'engagement';
}

/** `<engagement-slug>-china-architecture-<date>.<ext>`, the same for every format. */
export function annexFileName(name: string, date: string, extension: string): string {
  return `${engagementSlug(name)}-china-architecture-${date.slice(0, 10)}.${extension}`;
}
