// Look-ups by a field in the lists one assessment reads again and again: a profile's systems and
// transfers, the transfer route's treatments. A profile holds a few systems, and scanning a short
// list costs less than building a Map for it; but a scan per system of a list that grows with the
// systems (the implied transfers grow with them) made a profile of a thousand systems quadratic.
// Past SHORT entries a list is indexed by the field once, on its first look-up, and the index is
// kept beside the list (a WeakMap keyed by the list, let go with it). The engine's lists are whole
// before they are read and are not changed afterwards; an index is made again if its list's length
// has changed since, so a list that has only grown is never answered from a stale index.

/** Lists up to this long are scanned; longer ones are indexed. */
const SHORT = 16;

interface FieldIndex {
  readonly length: number;
  /** The first entry with each value, as Array.prototype.find gives it. */
  readonly first: Map<unknown, unknown>;
  /** Every entry with each value, in the list's order. */
  readonly all: Map<unknown, unknown[]>;
}

const INDEXES = new WeakMap<readonly unknown[], Map<PropertyKey, FieldIndex>>();

function indexOf<T, K extends keyof T>(list: readonly T[], field: K): FieldIndex {
  let byField = INDEXES.get(list);
  if (!byField) {
    byField = new Map();
    INDEXES.set(list, byField);
  }
  const known = byField.get(field);
  if (known && known.length === list.length) return known;
  const first = new Map<unknown, unknown>();
  const all = new Map<unknown, unknown[]>();
  for (let index = 0; index < list.length; index += 1) {
    const entry = list[index]!;
    const value = entry[field];
    const group = all.get(value);
    if (group) group.push(entry);
    else {
      first.set(value, entry);
      all.set(value, [entry]);
    }
  }
  const made = { length: list.length, first, all };
  byField.set(field, made);
  return made;
}

/**
 * The first entry of `list` whose `field` is `value`, or undefined: `list.find` without a scan per
 * call of a long list. The value may be null or undefined (a handler-wide transfer's source
 * system): then it finds an entry whose field is that, which no id ever is.
 */
export function findBy<T, K extends keyof T>(list: readonly T[], field: K, value: T[K] | null | undefined): T | undefined {
  if (list.length <= SHORT) {
    for (let index = 0; index < list.length; index += 1) if (list[index]![field] === value) return list[index];
    return undefined;
  }
  return indexOf(list, field).first.get(value) as T | undefined;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * The entries of `list` that may have `value` in `field`: a short list whole, a long one's entries
 * with that value. Either way every entry with the value is among them, in the list's order, so a
 * caller that still checks the field (as a loop over the whole list did) reads the same entries.
 */
export function candidatesWith<T, K extends keyof T>(list: readonly T[], field: K, value: T[K]): readonly T[] {
  if (list.length <= SHORT) return list;
  return (indexOf(list, field).all.get(value) as T[] | undefined) ?? NONE;
}
