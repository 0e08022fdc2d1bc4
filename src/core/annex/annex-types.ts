// The engagement annex: what Landfall derives from an assessment for a consultant to keep, edit and
// hand over (PRODUCT.md, "The deliverable").
import type { CitationOut } from '../assess/assessment-schema.ts';

export const ANNEX_SECTIONS = ['register', 'guardrail', 'open_question', 'dependency', 'next_action', 'decision'] as const;
export type AnnexSection = (typeof ANNEX_SECTIONS)[number];

export const REGISTER_CATEGORIES = [
  { key: 'data_sovereignty', title: 'Data sovereignty' },
  { key: 'infrastructure', title: 'Infrastructure' },
  { key: 'integration', title: 'Integration' },
  { key: 'compliance', title: 'Compliance' },
  { key: 'operations', title: 'Operations' },
] as const;
export type RegisterCategory = (typeof REGISTER_CATEGORIES)[number]['key'];

export const ITEM_STATUSES = ['draft', 'decision_needed', 'in_progress', 'confirmed', 'open', 'resolved'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

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
}

export const CONFIDENCE_RATINGS = ['Low', 'Low-Medium', 'Medium', 'Medium-High', 'High'] as const;
export type ConfidenceRating = (typeof CONFIDENCE_RATINGS)[number];

export interface DiagramNode {
  id: string;
  label: string;
  zone: 'mainland' | 'outside';
  kind: 'system' | 'recipient' | 'users' | 'service';
  detail: string | null;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
  crossesBorder: boolean;
  /** For data flows: the mechanism or exemption the flow travels under. */
  mechanism: string | null;
}

export interface Diagram {
  id: 'topology' | 'data_flow';
  title: string;
  state: 'draft' | 'reviewed';
  owner: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export interface DerivedAnnex {
  title: string;
  organisation: string;
  asOf: string;
  framing: { why: string; informs: string; unresolved: string };
  items: AnnexItemDraft[];
  diagrams: Diagram[];
  confidence: { rating: ConfidenceRating; reason: string };
}
