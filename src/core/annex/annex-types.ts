// The engagement annex: what Landfall derives from an assessment for a consultant to keep, edit and
// hand over (PRODUCT.md, "The deliverable").
import type { CitationOut } from '../assess/assessment-schema.ts';

export const ANNEX_SECTIONS = ['register', 'guardrail', 'open_question', 'dependency', 'next_action', 'decision', 'assumption'] as const;
export type AnnexSection = (typeof ANNEX_SECTIONS)[number];

export const REGISTER_CATEGORIES = [
  { key: 'data_sovereignty', title: 'Data sovereignty' },
  { key: 'infrastructure', title: 'Infrastructure' },
  { key: 'integration', title: 'Integration' },
  { key: 'compliance', title: 'Compliance' },
  { key: 'operations', title: 'Operations' },
] as const;
export type RegisterCategory = (typeof REGISTER_CATEGORIES)[number]['key'];

export const ITEM_STATUSES = ['draft', 'decision_needed', 'in_progress', 'confirmed', 'open', 'resolved', 'proposed', 'accepted', 'superseded'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** What a reader sees for each status, in every format (never `decision_needed`). */
export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: 'Draft', decision_needed: 'Decision needed', in_progress: 'In progress', confirmed: 'Confirmed', open: 'Open', resolved: 'Resolved',
  proposed: 'Proposed', accepted: 'Accepted', superseded: 'Superseded',
};
export const statusLabel = (status: string): string => STATUS_LABELS[status as ItemStatus] ?? status.replaceAll('_', ' ');

/**
 * How urgent a status is: a re-assessment never moves a derived item to a less urgent status
 * silently (merge-annex.ts keeps the more urgent one and says so).
 */
export const STATUS_URGENCY: Record<ItemStatus, number> = {
  decision_needed: 5, open: 4, proposed: 4, in_progress: 3, draft: 2, accepted: 1, confirmed: 1, resolved: 1, superseded: 0,
};

/** The document states a consultant sets (PRODUCT.md: the annex header). */
export const DOCUMENT_STATES = ['Draft', 'Under review', 'Final'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** Who answers or does something: roles, not people, so a derived annex never guesses names. */
export const OWNER_ROLES = [
  'PRC legal counsel', 'Data protection officer', 'Security lead', 'Cloud architect', 'Product owner', 'China entity lead', 'Programme manager', 'Consultant',
] as const;

/** An open question's extra: what hangs on the answer and who gives it. */
export interface QuestionDetail {
  kind: 'fact' | 'legal_review';
  hangsOn: string;
}

/** An architecture decision record (context, options still legally open, recommendation). */
export interface DecisionRecord {
  context: string;
  options: Array<{ title: string; consequences: string }>;
  /** Options the determinations exclude, named only to say why they are not offered. */
  ruledOut: Array<{ title: string; reason: string }>;
  recommendation: { option: string; reason: string };
}

/** A next action's extra: when it starts and what it unblocks. */
export interface ActionDetail {
  start: string | null;
  unblocks: string[];
  criticalPath: boolean;
}

/** One item as derived from an assessment; `key` is stable across re-assessments. */
export interface AnnexItemDraft {
  key: string;
  section: AnnexSection;
  category: RegisterCategory | null;
  system: string | null;
  status: ItemStatus;
  title: string;
  statement: string;
  implication: string | null;
  basis: CitationOut[];
  needsLegalReview: boolean;
  /** Every system the item concerns (ids); `system` is set when it is exactly one. */
  systems?: string[];
  /** The role that answers or acts (OWNER_ROLES), and by when (ISO date). */
  owner?: string | null;
  due?: string | null;
  /** Register items that shape the architecture and the plan lead their category. */
  shapesArchitecture?: boolean;
  question?: QuestionDetail;
  decision?: DecisionRecord;
  action?: ActionDetail;
  /** A pointer for the reader: 'gaps' is the GB/T 22239 gap register. */
  link?: 'gaps' | null;
}

export const CONFIDENCE_RATINGS = ['Low', 'Low-Medium', 'Medium', 'Medium-High', 'High'] as const;
export type ConfidenceRating = (typeof CONFIDENCE_RATINGS)[number];

export interface DiagramNode {
  id: string;
  label: string;
  zone: 'mainland' | 'outside';
  kind: 'system' | 'recipient' | 'users' | 'service' | 'entry' | 'gateway';
  detail: string | null;
  /** Nodes drawn inside one labelled frame (the target's mainland cloud region). */
  group?: string | null;
}

/** A cross-border flow's approval: what must be in place before it runs, and whether it is recorded as done. */
export interface FlowApproval {
  status: 'not_needed' | 'pending';
  /** What is needed (the filing, certification or assessment), in words. */
  needed: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
  crossesBorder: boolean;
  /** For data flows: the mechanism or exemption the flow travels under. */
  mechanism: string | null;
  /** Data flows: a short reference (F1, F2...) shared by the drawing and the flow table. */
  ref?: string | null;
  /** Data flows: how the data leaves (a transmission, remote access from abroad, collection abroad). */
  channel?: string | null;
  /** Data flows: the legal basis, the mechanism with the articles it rests on. */
  basis?: string | null;
  approval?: FlowApproval | null;
}

export interface Diagram {
  /** `topology` is the current setup (the id is kept for stored annexes and links); `target` the proposed architecture. */
  id: 'topology' | 'target' | 'data_flow';
  title: string;
  /** What the drawing shows, in one sentence (absent on annexes stored before it). */
  caption?: string;
  state: 'draft' | 'reviewed';
  owner: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Names of the frames nodes are grouped in, by group id. */
  groups?: Record<string, string>;
}

/** The summary page: the headline determinations, the dates and the timeline. */
export interface AnnexSummary {
  asOf: string;
  contentVersion: string;
  engineVersion: string;
  route: string;
  cii: string;
  systems: Array<{ id: string; name: string; mlpsLevel: number; icp: string; hosting: string }>;
  timeline: {
    start: string;
    minMonths: number;
    maxMonths: number;
    readyBy: { earliest: string; latest: string };
    goLive: string | null;
    criticalPath: string[];
    tracks: Array<{ id: string; title: string; start: string; end: { earliest: string; latest: string }; months: { min: number; max: number }; critical: boolean; dependsOn: string[] }>;
  };
  /** SOC 2 / ISO 27001 carry-over in one sentence, when the assessment's gap summary gives one. */
  carryOver: string | null;
  notLegalAdvice: string;
}

export interface DerivedAnnex {
  title: string;
  organisation: string;
  asOf: string;
  framing: { why: string; informs: string; unresolved: string };
  items: AnnexItemDraft[];
  diagrams: Diagram[];
  confidence: { rating: ConfidenceRating; reason: string };
  /** Absent on annex frames stored before the summary page existed. */
  summary?: AnnexSummary;
}

/** The statuses an item of each section moves through (the status select offers these). */
export const SECTION_STATUSES: Record<AnnexSection, readonly ItemStatus[]> = {
  register: ['draft', 'decision_needed', 'in_progress', 'confirmed'],
  guardrail: ['draft', 'confirmed'],
  open_question: ['open', 'resolved'],
  assumption: ['draft', 'confirmed'],
  dependency: ['draft', 'in_progress', 'confirmed'],
  next_action: ['open', 'in_progress', 'resolved'],
  decision: ['proposed', 'decision_needed', 'accepted', 'superseded'],
};
