// Re-assessment without losing a person's work: derived items update, fields a person edited keep
// the person's value, items a person added stay, and derived items no longer derived are marked
// superseded, never deleted. Pure: returns the changes for the store to apply in one transaction.
import type { AnnexItemDraft } from './annex-types.ts';

/** The editable fields of an item; a person's edit of one pins it. */
export const EDITABLE_FIELDS = ['status', 'title', 'statement'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface StoredAnnexItem {
  id: string;
  key: string;
  provenance: 'derived' | 'person';
  status: string;
  title: string;
  statement: string;
  data: Record<string, unknown>;
  editedFields: EditableField[];
  superseded: boolean;
  version: number;
}

export interface AnnexChanges {
  insert: AnnexItemDraft[];
  update: Array<{ id: string; before: StoredAnnexItem; after: Omit<StoredAnnexItem, 'id' | 'version'>; draft: AnnexItemDraft }>;
  supersede: StoredAnnexItem[];
}

/** The non-editable part of a derived item, kept as data. */
export function draftData(draft: AnnexItemDraft): Record<string, unknown> {
  return { section: draft.section, category: draft.category, system: draft.system, implication: draft.implication, basis: draft.basis, needsLegalReview: draft.needsLegalReview };
}

export function mergeAnnex(existing: readonly StoredAnnexItem[], derived: readonly AnnexItemDraft[]): AnnexChanges {
  const byKey = new Map(existing.map((stored) => [stored.key, stored]));
  const derivedKeys = new Set(derived.map((draft) => draft.key));
  const changes: AnnexChanges = { insert: [], update: [], supersede: [] };
  for (const draft of derived) {
    const stored = byKey.get(draft.key);
    if (!stored) {
      changes.insert.push(draft);
      continue;
    }
    if (stored.provenance === 'person') continue;
    const pinned = new Set(stored.editedFields);
    const after = {
      key: stored.key,
      provenance: stored.provenance,
      status: pinned.has('status') ? stored.status : draft.status,
      title: pinned.has('title') ? stored.title : draft.title,
      statement: pinned.has('statement') ? stored.statement : draft.statement,
      data: draftData(draft),
      editedFields: stored.editedFields,
      superseded: false,
    };
    const changed =
      after.status !== stored.status || after.title !== stored.title || after.statement !== stored.statement || stored.superseded || JSON.stringify(after.data) !== JSON.stringify(stored.data);
    if (changed) changes.update.push({ id: stored.id, before: stored, after, draft });
  }
  for (const stored of existing) {
    if (stored.provenance === 'derived' && !stored.superseded && !derivedKeys.has(stored.key)) changes.supersede.push(stored);
  }
  return changes;
}
