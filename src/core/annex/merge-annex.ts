// Re-assessment without losing a person's work: derived items update, fields a person edited keep
// the person's value, items a person added stay, and derived items no longer derived are marked
// superseded, never deleted. Pure: returns the changes for the store to apply in one transaction.
import { STATUS_URGENCY, statusLabel, type AnnexItemDraft, type ItemStatus } from './annex-types.ts';

/** The editable fields of an item; a person's edit of one pins it. */
export const EDITABLE_FIELDS = ['status', 'title', 'statement'] as const;
/** Editable fields kept in the item's data: its owner (a role or a name) and its due date. */
export const EDITABLE_DATA_FIELDS = ['owner', 'due'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number] | (typeof EDITABLE_DATA_FIELDS)[number];

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
  const data: Record<string, unknown> = {
    section: draft.section, category: draft.category, system: draft.system, systems: draft.systems ?? (draft.system ? [draft.system] : []),
    implication: draft.implication, basis: draft.basis, needsLegalReview: draft.needsLegalReview, owner: draft.owner ?? null, due: draft.due ?? null,
  };
  if (draft.shapesArchitecture) data.shapesArchitecture = true;
  if (draft.question) data.question = draft.question;
  if (draft.decision) data.decision = draft.decision;
  if (draft.action) data.action = draft.action;
  if (draft.link) data.link = draft.link;
  return data;
}

const urgency = (status: string) => STATUS_URGENCY[status as ItemStatus] ?? 0;

/** A re-review mark (an accepted regulatory-change review) stays through re-derivation until a person edits the item. */
function keepMarks(stored: StoredAnnexItem, data: Record<string, unknown>): Record<string, unknown> {
  return stored.data.reReview == null ? data : { ...data, reReview: stored.data.reReview };
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
    const data = draftData(draft);
    for (const field of EDITABLE_DATA_FIELDS) if (pinned.has(field)) data[field] = stored.data[field] ?? null;
    // A re-assessment never lowers an item's urgency silently: the more urgent status stays, and
    // the item says what the re-assessment would have set.
    let status = pinned.has('status') ? stored.status : draft.status;
    if (!pinned.has('status') && !stored.superseded && urgency(draft.status) < urgency(stored.status)) {
      status = stored.status;
      data.statusHeld = { derived: draft.status, note: `The re-assessment would set ${statusLabel(draft.status)}; ${statusLabel(stored.status)} is kept until a person changes it.` };
    }
    const after = {
      key: stored.key,
      provenance: stored.provenance,
      status,
      title: pinned.has('title') ? stored.title : draft.title,
      statement: pinned.has('statement') ? stored.statement : draft.statement,
      data: keepMarks(stored, data),
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

/** The fields of a derived item's data that are the derivation's words (in the language it was derived in). */
const WORDED_DATA = ['implication', 'basis', 'question', 'decision', 'action'] as const;

/**
 * The kept items in the words of an annex derived in another language: a derived item takes the
 * title, statement and worded data of the draft with its key, except the fields a person edited;
 * its status, owner, due date, notes and marks stay as kept (they belong to the item, whatever the
 * language). Items a person added, and items no longer derived, stay as written.
 */
export function inDerivedWords(items: readonly StoredAnnexItem[], drafts: readonly AnnexItemDraft[]): StoredAnnexItem[] {
  const byKey = new Map(drafts.map((draft) => [draft.key, draft]));
  return items.map((item) => {
    const draft = item.provenance === 'derived' && !item.superseded ? byKey.get(item.key) : undefined;
    if (!draft) return item;
    const edited = new Set<string>(item.editedFields);
    const worded = draftData(draft);
    const data = { ...item.data };
    for (const field of WORDED_DATA) if (field in worded) data[field] = worded[field];
    return { ...item, title: edited.has('title') ? item.title : draft.title, statement: edited.has('statement') ? item.statement : draft.statement, data };
  });
}
