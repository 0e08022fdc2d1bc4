// Paths into the draft profile: reading and writing answers immutably, the formatPath form the
// server uses for problems, DOM ids, JSON comparison, and what the schema says about a field
// (its default and the reason Landfall gives for assuming it).
import './zod-config.ts';
import { z } from 'zod';
import { DEFAULT_REASON_KEY, profileSchema } from '../../../../src/core/profile/profile-schema.ts';
import { formatPath } from '../../../../src/core/profile/normalise-profile.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = ReadonlyArray<string | number>;

export { formatPath };

export const isObject = (value: unknown): value is JsonObject => value != null && typeof value === 'object' && !Array.isArray(value);

export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const part of path) {
    if (node == null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

export function has(root: unknown, path: Path): boolean {
  if (path.length === 0) return root !== undefined;
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1]!;
  return parent != null && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, key) && (parent as Record<string | number, unknown>)[key] !== undefined;
}

/**
 * A copy of `root` with `value` at `path`; `undefined` removes the key (an answer cleared back to
 * "not answered"). Missing objects on the way are created, seeded with `seed(prefix)` (the
 * schema default of a defaulted object such as `users`, so its siblings stay valid). Objects left
 * empty by a removal are removed too, except the organisation.
 */
export function setAt(root: Json, path: Path, value: Json | undefined, seed?: (prefix: Path) => Json | undefined): Json {
  if (path.length === 0) return value ?? {};
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...root] : [];
    if (rest.length === 0) {
      if (value === undefined) list.splice(head, 1);
      else list[head] = value;
      return list;
    }
    list[head] = setAt(list[head] ?? seedOr(seed, path.slice(0, 1), {}), rest, value, seed && ((prefix) => seed([head, ...prefix])));
    return list;
  }
  const object: JsonObject = isObject(root) ? { ...root } : {};
  if (rest.length === 0) {
    if (value === undefined) delete object[head];
    else object[head] = value;
    return object;
  }
  const child = object[head];
  const next = setAt(child !== undefined && child !== null ? child : seedOr(seed, [head], typeof rest[0] === 'number' ? [] : {}), rest, value, seed && ((prefix) => seed([head, ...prefix])));
  if (value === undefined && isObject(next) && Object.keys(next).length === 0 && head !== 'organisation') delete object[head];
  else object[head] = next;
  return object;
}

function seedOr(seed: ((prefix: Path) => Json | undefined) | undefined, prefix: Path, fallback: Json): Json {
  const seeded = seed?.(prefix);
  return seeded === undefined ? fallback : structuredClone(seeded);
}

/** `systems[0].hosting` → `systems[].hosting`: the key of a question whatever the item. */
export function patternOf(path: Path): string {
  return formatPath(path.map((part) => (typeof part === 'number' ? -1 : part))).replace(/\[-1\]/g, '[]');
}

/** A DOM id for a path: `intake-systems-0-hosting`. */
export function domId(path: Path | string): string {
  const key = typeof path === 'string' ? path : formatPath(path);
  return `intake-${key.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

/** JSON with sorted keys, so that two profiles that say the same thing compare equal. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const sameJson = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

/** The answers (leaf paths) in which two profiles differ. */
export function changedPaths(a: unknown, b: unknown, path: Array<string | number> = [], out: string[] = []): string[] {
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) changedPaths(a[key], b[key], [...path, key], out);
  } else if (Array.isArray(a) && Array.isArray(b) && path.length <= 1) {
    // Systems and transfers: compare item by item; lists of values compare whole.
    for (let index = 0; index < Math.max(a.length, b.length); index++) changedPaths(a[index], b[index], [...path, index], out);
  } else if (!sameJson(a, b)) out.push(formatPath(path));
  return out;
}

export interface FieldInfo {
  /** Why Landfall assumes the default (from `withDefault`), or the field's description. */
  reason: string | undefined;
  description: string | undefined;
  hasDefault: boolean;
  defaultValue: unknown;
  optional: boolean;
}

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let node = schema;
  for (;;) {
    const def = node._zod.def;
    if (def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'nullable') node = (def as z.core.$ZodDefaultDef).innerType;
    else return node;
  }
}

function schemaAt(path: Path): AnySchema | undefined {
  let node: AnySchema = profileSchema;
  for (const part of path) {
    const inner = unwrap(node);
    const def = inner._zod.def;
    if (typeof part === 'number') {
      if (def.type !== 'array') return undefined;
      node = (def as z.core.$ZodArrayDef).element;
    } else {
      if (def.type !== 'object') return undefined;
      const child = (def as z.core.$ZodObjectDef).shape[part];
      if (!child) return undefined;
      node = child;
    }
  }
  return node;
}

const infoCache = new Map<string, FieldInfo | undefined>();

/** What the schema says about the field at `path` (cached by question). */
export function fieldInfo(path: Path): FieldInfo | undefined {
  const key = patternOf(path);
  if (infoCache.has(key)) return infoCache.get(key);
  const schema = schemaAt(path.map((part) => (typeof part === 'number' ? 0 : part)));
  let info: FieldInfo | undefined;
  if (schema) {
    const meta = z.globalRegistry.get(schema as z.ZodType) as Record<string, unknown> | undefined;
    const def = schema._zod.def;
    const reason = meta?.[DEFAULT_REASON_KEY];
    // withDefault makes prefaults (parsed like given input); a plain default is read the same way.
    const defaulted = def.type === 'default' || def.type === 'prefault';
    info = {
      reason: typeof reason === 'string' ? reason : undefined,
      description: typeof meta?.description === 'string' ? meta.description : undefined,
      hasDefault: defaulted,
      defaultValue: defaulted ? structuredClone((def as z.core.$ZodDefaultDef).defaultValue) : undefined,
      optional: defaulted || def.type === 'optional',
    };
  }
  infoCache.set(key, info);
  return info;
}

/** The schema default to seed a missing object with, when it is a full object (users, impact). */
export function seedFor(prefix: Path): Json | undefined {
  const info = fieldInfo(prefix);
  return info?.hasDefault && isObject(info.defaultValue) ? (info.defaultValue as Json) : undefined;
}

/**
 * The profile with its keys in the schema's order (organisation first, then systems, ...), as
 * people write it; the database hands profiles back with their keys reordered. Unknown keys keep
 * their place after the known ones.
 */
export function canonical(value: Json, path: Array<string | number> = []): Json {
  if (Array.isArray(value)) return value.map((item, index) => canonical(item, [...path, index]));
  if (!isObject(value)) return value;
  const schema = schemaAt(path.map((part) => (typeof part === 'number' ? 0 : part)));
  const def = schema ? unwrap(schema)._zod.def : undefined;
  const order = def?.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
  const keys = [...order.filter((key) => key in value), ...Object.keys(value).filter((key) => !order.includes(key))];
  const out: JsonObject = {};
  for (const key of keys) out[key] = canonical(value[key]!, [...path, key]);
  return out;
}
