// What one profile version changed against the one before it, answer by answer: the field-level
// before and after that the History tab shows for a profile save. Systems and transfers are
// matched by their id, so a reordered or renamed list reads as what it is; lists of values
// (channels, sectors) compare whole. Pure; the store diffs the stored versions.
import { formatPath } from './normalise-profile.ts';

export interface ProfileChange {
  /** The answer's path in the newer version (the older one for a removed item), e.g. `systems[1].hosting`. */
  path: string;
  /** What the item is called, for a change inside a system or a transfer ("Dealer portal"). */
  subject: string | null;
  /** `null` when the answer was not given (Landfall assumed its default). */
  before: unknown;
  after: unknown;
}

/** Enough for any real profile save; a bulk paste beyond it is summarised by the count. */
export const PROFILE_CHANGE_LIMIT = 200;

type Part = string | number;
const isRecord = (value: unknown): value is Record<string, unknown> => value != null && typeof value === 'object' && !Array.isArray(value);

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).filter((key) => value[key] !== undefined).sort().map((key) => `${JSON.stringify(key)}:${stable(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function nameOf(item: unknown): string | null {
  if (!isRecord(item)) return null;
  if (typeof item.name === 'string' && item.name !== '') return item.name;
  return typeof item.id === 'string' ? item.id : null;
}

export function diffProfiles(before: unknown, after: unknown, limit = PROFILE_CHANGE_LIMIT): { changes: ProfileChange[]; total: number } {
  const changes: ProfileChange[] = [];
  let total = 0;
  const push = (path: readonly Part[], subject: string | null, was: unknown, now: unknown) => {
    total += 1;
    if (changes.length < limit) changes.push({ path: formatPath(path), subject, before: was ?? null, after: now ?? null });
  };
  const walk = (was: unknown, now: unknown, path: Part[], subject: string | null) => {
    if (isRecord(was) && isRecord(now)) {
      for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) walk(was[key], now[key], [...path, key], subject);
      return;
    }
    // Systems and transfers: items matched by id, then compared answer by answer.
    if (path.length === 1 && (path[0] === 'systems' || path[0] === 'transfers') && Array.isArray(was) && Array.isArray(now)) {
      const idOf = (item: unknown) => (isRecord(item) && typeof item.id === 'string' ? item.id : null);
      const older = new Map<string, unknown>();
      was.forEach((item, index) => older.set(idOf(item) ?? `#${index}`, item));
      const matched = new Set<string>();
      now.forEach((item, index) => {
        const key = idOf(item) ?? `#${index}`;
        const previous = older.get(key);
        if (previous === undefined) push([...path, index], nameOf(item), null, item);
        else {
          matched.add(key);
          walk(previous, item, [...path, index], nameOf(item) ?? nameOf(previous));
        }
      });
      was.forEach((item, index) => {
        const key = idOf(item) ?? `#${index}`;
        if (!matched.has(key)) push([...path, index], nameOf(item), item, null);
      });
      return;
    }
    if (stable(was) !== stable(now)) push(path, subject, was, now);
  };
  walk(before, after, [], null);
  return { changes, total };
}
