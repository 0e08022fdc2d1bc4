// Turns audit-log entries into sentences a person reads ("Edited the status of 'Transfer route'
// from Draft to Confirmed") and into field-level changes (status, title, statement: before → after).
// Pure; the History tab and each annex item's history use it.
import type { HistoryEntry } from '../../api.ts';
import { label } from '../../labels.ts';
import { categoryTitle, sectionInfo } from './annex-model.ts';
import { currentLocale, hasMessage, t } from '../../i18n/i18n.ts';

export type HistoryKind = 'profile' | 'items' | 'members' | 'other';

/** The filters of the History tab; their names are the messages `history.kind.<id>`. */
export const HISTORY_KINDS: ReadonlyArray<{ id: Exclude<HistoryKind, 'other'>; readonly title: string }> = (['profile', 'items', 'members'] as const).map((id) => ({
  id,
  get title() { return t(`history.kind.${id}`); },
}));

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
  return t('describe.quote', { title: chars.length > 90 ? `${chars.slice(0, 89).join('').trimEnd()}…` : chars.join('') });
}

function itemTitle(entry: HistoryEntry): string {
  return text(record(entry.after), 'title') ?? text(record(entry.before), 'title') ?? t('describe.anItem');
}

function listing(words: string[]): string {
  return new Intl.ListFormat(currentLocale() === 'en' ? 'en-GB' : currentLocale(), { type: 'conjunction' }).format(words);
}

function roleOf(value: unknown): string | undefined {
  const role = text(record(value), 'role');
  return role === undefined ? undefined : label(role).toLowerCase();
}

const LANGUAGE_NAMES = new Set(['en', 'zh-CN']);
const languageName = (language: string | undefined) => (language && LANGUAGE_NAMES.has(language) ? t(`describe.language.${language}`) : language);

/**
 * One sentence for an entry, in the current language (messages `describe.*`). `memberName` names
 * the person a membership entry is about (the log keeps their user id only); without a name the
 * sentence says "a person".
 */
export function describeEntry(entry: HistoryEntry, memberName: (userId: string) => string | undefined = () => undefined): string {
  const after = record(entry.after);
  const title = itemTitle(entry);
  const aPerson = t('describe.aPerson');
  const aMember = t('describe.aMember');
  switch (entry.action) {
    case 'create': {
      const name = text(after, 'name');
      return t('describe.create', { name: name ? quote(name) : undefined, version: text(after, 'profileVersion') ?? '1' });
    }
    case 'set_state': {
      const was = text(record(entry.before), 'documentState');
      const now = text(after, 'documentState');
      const open = Array.isArray(after?.unconfirmed) ? after.unconfirmed.length : 0;
      const state = (value: string) => (hasMessage(`annex.state.${value}`) ? t(`annex.state.${value}`) : value);
      return t('describe.setState', { now: now ? state(now) : t('describe.anotherState'), was: was ? state(was) : undefined, open: now === 'Final' ? open : 0 });
    }
    case 'update_profile': {
      const number = text(after, 'profileVersion');
      return number ? t('describe.updateProfile', { version: number }) : t('describe.updateProfileNew');
    }
    case 'rederive':
      return t(restored(entry) ? 'describe.rederiveRestored' : 'describe.rederive', { title: quote(title) });
    case 'supersede':
      return t('describe.supersede', { title: quote(title) });
    case 'add': {
      const section = text(after, 'section') ?? text(record(after?.data), 'section');
      const category = text(record(after?.data), 'category');
      const where = section === 'register' || section === undefined ? (category ? t('describe.registerCategory', { category: categoryTitle(category) }) : t('addItem.theRegister')) : (sectionInfo(section)?.title ?? label(section));
      return t('describe.add', { title: quote(title), where });
    }
    case 'edit': {
      const changes = fieldChanges(entry);
      const only = changes.length === 1 ? changes[0] : undefined;
      if (changes.length === 0) return t('describe.editNone', { title: quote(title) });
      if (only?.field === 'status') return t('describe.editStatus', { title: quote(title), before: label(only.before), after: label(only.after) });
      if (only?.field === 'title') return t('describe.rename', { before: quote(only.before), after: quote(only.after) });
      return t('describe.editFields', { fields: listing(changes.map((change) => t(`item.field.${change.field}`))), title: quote(title) });
    }
    case 'add_member': {
      const who = (entry.entityId && memberName(entry.entityId)) || aPerson;
      return t('describe.addMember', { who, role: roleOf(entry.after) ?? aMember });
    }
    case 'change_role': {
      const who = (entry.entityId && memberName(entry.entityId)) || aPerson;
      const was = roleOf(entry.before);
      const now = roleOf(entry.after) ?? t('describe.anotherRole');
      return was ? t('describe.changeRoleFrom', { who, was, now }) : t('describe.changeRole', { who, now });
    }
    case 'remove_member': {
      const who = (entry.entityId && memberName(entry.entityId)) || text(record(entry.before), 'email') || aPerson;
      return t('describe.removeMember', { who, role: roleOf(entry.before) ?? t('describe.member') });
    }
    case 'invite':
      return t('describe.invite', { email: text(after, 'email') ?? aPerson, role: roleOf(entry.after) ?? aMember });
    case 'change_invitation':
      return t('describe.changeInvitation', { email: text(after, 'email') ?? aPerson, role: roleOf(entry.after) ?? t('describe.anotherRole') });
    case 'cancel_invitation':
      return t('describe.cancelInvitation', { email: text(record(entry.before), 'email') ?? aPerson });
    case 'accept_invitation': {
      const who = (entry.entityId && memberName(entry.entityId)) || t('describe.aPersonStart');
      return t('describe.acceptInvitation', { who, role: roleOf(entry.after) ?? aMember });
    }
    case 'set_language': {
      const was = text(record(entry.before), 'language');
      const now = text(after, 'language');
      return t('describe.setLanguage', { now: languageName(now) ?? t('describe.anotherLanguage'), was: languageName(was) });
    }
    case 'create_calendar_feed':
      return t('describe.createFeed');
    case 'rotate_calendar_feed':
      return t('describe.rotateFeed');
    case 'revoke_calendar_feed':
      return t('describe.revokeFeed');
    case 'create_incident':
      return t('describe.createIncident', { number: text(after, 'number') ?? '', title: quote(text(after, 'title') ?? t('describe.untitled')) });
    case 'update_incident_facts': {
      const facts = Object.keys(record(after?.facts) ?? {});
      const retitled = text(after, 'title');
      return t('describe.updateIncident', { facts: facts.length > 0 ? listing(facts) : undefined, title: retitled ? quote(retitled) : undefined });
    }
    case 'record_incident_report':
      return t('describe.recordReport', { duty: label(text(after, 'duty') ?? 'report') });
    case 'close_incident':
      return t('describe.closeIncident');
    case 'archive':
      return t('describe.archive');
    case 'restore':
      return t('describe.restore');
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
