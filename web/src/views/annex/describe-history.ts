// Turns audit-log entries into sentences a person reads ("Edited the status of 'Transfer route'
// from Draft to Confirmed") and into field-level changes (status, title, statement: before → after).
// Pure; the History tab and each annex item's history use it.
import type { HistoryEntry } from '../../api.ts';
import { label } from '../../labels.ts';
import { categoryTitle, sectionInfo } from './annex-model.ts';

export type HistoryKind = 'profile' | 'items' | 'members' | 'other';

export const HISTORY_KINDS: ReadonlyArray<{ id: Exclude<HistoryKind, 'other'>; title: string }> = [
  { id: 'profile', title: 'Profile' },
  { id: 'items', title: 'Annex items' },
  { id: 'members', title: 'Members' },
];

export const ITEM_FIELDS = ['status', 'title', 'statement'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export interface FieldChange {
  field: ItemField;
  before: string;
  after: string;
}

type Row = Record<string, unknown>;

function record(value: unknown): Row | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : null;
}

function text(row: Row | null, key: string): string | undefined {
  const value = row?.[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const row = record(value);
  if (row) return `{${Object.keys(row).sort().map((key) => `${JSON.stringify(key)}:${stable(row[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function kindOf(entry: HistoryEntry): HistoryKind {
  if (entry.entity === 'annex_item') return 'items';
  if (entry.entity === 'membership' || entry.entity === 'invitation') return 'members';
  if (entry.entity === 'engagement' || entry.entity === 'annex') return 'profile';
  return 'other';
}

/** The status, title and statement that differ between an entry's before and after. */
export function fieldChanges(entry: HistoryEntry): FieldChange[] {
  const before = record(entry.before);
  const after = record(entry.after);
  if (!before || !after) return [];
  const changes: FieldChange[] = [];
  for (const field of ITEM_FIELDS) {
    const was = text(before, field);
    const now = text(after, field);
    if (was !== undefined && now !== undefined && was !== now) changes.push({ field, before: was, after: now });
  }
  return changes;
}

/** Whether a re-derivation changed what a person does not edit: basis, implication, category, system. */
export function derivedDataChanged(entry: HistoryEntry): boolean {
  const before = record(entry.before);
  const after = record(entry.after);
  return before != null && after != null && 'data' in after && stable(before.data) !== stable(after.data);
}

/** Whether a re-derivation brought back an item that had been superseded. */
export function restored(entry: HistoryEntry): boolean {
  return entry.action === 'rederive' && record(entry.before)?.superseded === true;
}

export function actorName(entry: HistoryEntry): string {
  return entry.by ? entry.by.name || entry.by.email : 'Landfall';
}

function quote(title: string): string {
  const chars = [...title.trim()];
  return `'${chars.length > 90 ? `${chars.slice(0, 89).join('').trimEnd()}…` : chars.join('')}'`;
}

function itemTitle(entry: HistoryEntry): string {
  return text(record(entry.after), 'title') ?? text(record(entry.before), 'title') ?? 'an item';
}

function listing(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function roleOf(value: unknown): string | undefined {
  return text(record(value), 'role');
}

/**
 * One sentence for an entry. `memberName` names the person a membership entry is about (the log
 * keeps their user id only); without a name the sentence says "a person".
 */
export function describeEntry(entry: HistoryEntry, memberName: (userId: string) => string | undefined = () => undefined): string {
  const after = record(entry.after);
  const title = itemTitle(entry);
  switch (entry.action) {
    case 'create': {
      const name = text(after, 'name');
      return `Created the engagement${name ? ` ${quote(name)}` : ''} with profile version ${text(after, 'profileVersion') ?? '1'}`;
    }
    case 'set_state': {
      const was = text(record(entry.before), 'documentState');
      const now = text(after, 'documentState') ?? 'another state';
      const open = Array.isArray(after?.unconfirmed) ? after.unconfirmed.length : 0;
      return `Set the annex to ${now}${was ? ` (was ${was})` : ''}${now === 'Final' && open > 0 ? ` with ${open} ${open === 1 ? 'item' : 'items'} unconfirmed` : ''}`;
    }
    case 'update_profile': {
      const number = text(after, 'profileVersion');
      return number ? `Saved profile version ${number} (re-assessed)` : 'Saved a new profile version (re-assessed)';
    }
    case 'rederive':
      return restored(entry) ? `Re-derived ${quote(title)} after re-assessment; it applies again` : `Re-derived ${quote(title)} after re-assessment`;
    case 'supersede':
      return `Superseded ${quote(title)}: no longer derived after re-assessment`;
    case 'add': {
      const section = text(after, 'section') ?? text(record(after?.data), 'section');
      const category = text(record(after?.data), 'category');
      const where = section === 'register' || section === undefined ? `the register${category ? ` (${categoryTitle(category)})` : ''}` : (sectionInfo(section)?.title ?? label(section));
      return `Added ${quote(title)} to ${where}`;
    }
    case 'edit': {
      const changes = fieldChanges(entry);
      const only = changes.length === 1 ? changes[0] : undefined;
      if (changes.length === 0) return `Saved ${quote(title)} without changes`;
      if (only?.field === 'status') return `Edited the status of ${quote(title)} from ${label(only.before)} to ${label(only.after)}`;
      if (only?.field === 'title') return `Renamed ${quote(only.before)} to ${quote(only.after)}`;
      return `Edited the ${listing(changes.map((change) => change.field))} of ${quote(title)}`;
    }
    case 'add_member': {
      const who = (entry.entityId && memberName(entry.entityId)) || 'a person';
      return `Added ${who} as ${roleOf(entry.after) ?? 'a member'}`;
    }
    case 'change_role': {
      const who = (entry.entityId && memberName(entry.entityId)) || 'a person';
      const was = roleOf(entry.before);
      const now = roleOf(entry.after);
      return was ? `Changed the role of ${who} from ${was} to ${now ?? 'another role'}` : `Changed the role of ${who} to ${now ?? 'another role'}`;
    }
    case 'remove_member': {
      const who = (entry.entityId && memberName(entry.entityId)) || text(record(entry.before), 'email') || 'a person';
      return `Removed ${who} (${roleOf(entry.before) ?? 'member'}) from the engagement`;
    }
    case 'invite':
      return `Invited ${text(after, 'email') ?? 'a person'} as ${roleOf(entry.after) ?? 'a member'}`;
    case 'change_invitation':
      return `Changed the invitation of ${text(after, 'email') ?? 'a person'} to ${roleOf(entry.after) ?? 'another role'}`;
    case 'cancel_invitation':
      return `Cancelled the invitation of ${text(record(entry.before), 'email') ?? 'a person'}`;
    case 'accept_invitation': {
      const who = (entry.entityId && memberName(entry.entityId)) || 'A person';
      return `${who} accepted the invitation and joined as ${roleOf(entry.after) ?? 'a member'}`;
    }
    case 'set_language': {
      const languages: Record<string, string> = { en: 'English', 'zh-CN': 'Chinese' };
      const was = text(record(entry.before), 'language');
      const now = text(after, 'language');
      return `Set the engagement's language to ${languages[now ?? ''] ?? now ?? 'another language'}${was ? ` (was ${languages[was] ?? was})` : ''}`;
    }
    case 'create_calendar_feed':
      return 'Made a subscription address for the obligations calendar';
    case 'rotate_calendar_feed':
      return 'Made a new subscription address for the obligations calendar; the one before stopped working';
    case 'revoke_calendar_feed':
      return 'Revoked the subscription address of the obligations calendar';
    case 'create_incident':
      return `Recorded incident ${text(after, 'number') ?? ''}: ${quote(text(after, 'title') ?? 'untitled')}`;
    case 'update_incident_facts': {
      const facts = Object.keys(record(after?.facts) ?? {});
      return `Changed the facts of an incident${facts.length > 0 ? ` (${listing(facts)})` : ''}${text(after, 'title') ? `, now titled ${quote(text(after, 'title')!)}` : ''}`;
    }
    case 'record_incident_report':
      return `Recorded the ${label(text(after, 'duty') ?? 'report')} of an incident as made`;
    case 'close_incident':
      return 'Closed an incident';
    case 'archive':
      return 'Archived the engagement (read-only)';
    case 'restore':
      return 'Restored the engagement from the archive';
    default: {
      const sentence = `${label(entry.action)} (${label(entry.entity)})`;
      return sentence.charAt(0).toUpperCase() + sentence.slice(1);
    }
  }
}

/** Whether two entries were written by one save (the same transaction, so the same time and person). */
export function sameSave(a: HistoryEntry, b: HistoryEntry): boolean {
  return a.at === b.at && a.by?.email === b.by?.email;
}
