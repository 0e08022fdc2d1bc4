// Validates an entry profile, fills its defaults and records which defaults were relied on.
import { z } from 'zod';
import { DEFAULT_REASON_KEY, profileSchema, type ParsedProfile, type SystemProfile } from './profile-schema.ts';

export interface Problem {
  /** Path in the input, e.g. `systems[0].impact.businessInformation.degree`. */
  path: string;
  message: string;
}

export interface DefaultUse {
  path: string;
  value: unknown;
  reason: string;
}

export type Profile = Omit<ParsedProfile, 'organisation' | 'systems' | 'plan'> & {
  organisation: ParsedProfile['organisation'] & { individualsProcessed: number };
  systems: Array<SystemProfile & { name: string }>;
  plan: { start: string; goLive: string | null };
};

export type NormaliseResult =
  | { ok: true; profile: Profile; defaultsUsed: DefaultUse[] }
  | { ok: false; problems: Problem[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node == null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Turns zod issues into one problem per path, in words a consultant can act on. */
export function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>, input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const received = valueAt(input, issue.path);
    switch (issue.code) {
      case 'invalid_value':
        problems.push({
          path: formatPath(issue.path),
          message: `expected one of ${issue.values.map((v) => String(v)).join(', ')}; received ${describeValue(received)}`,
        });
        break;
      case 'invalid_type':
        problems.push({
          path: formatPath(issue.path),
          message: received === undefined ? `required (${issue.expected})` : `expected ${issue.expected}, received ${describeValue(received)}`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) problems.push({ path: formatPath([...issue.path, key]), message: 'unknown field' });
        break;
      case 'invalid_union':
        problems.push({ path: formatPath(issue.path), message: `${issue.message}; received ${describeValue(received)}` });
        break;
      default:
        problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}

/**
 * The schema's declared defaults as a tree, read from zod's definitions once: an object lists its
 * fields (a default with its reason, or a nested node), an array its element node. Fields with
 * neither are left out, since the walk has nothing to do there.
 */
type DefaultsNode =
  | { kind: 'object'; fields: DefaultsField[] }
  | { kind: 'array'; element: DefaultsNode };

interface DefaultsField {
  key: string;
  /** `.${key}`, the field's path below its parent's. */
  dotted: string;
  default: DeclaredDefault | null;
  child: DefaultsNode | null;
}

/**
 * A default the input relied on is reported with the value zod's definition gives. The definition
 * hands out a fresh (shallow) copy of an object or list on every read, so that is read each time; a
 * plain value is the same on every read and is kept.
 */
type DeclaredDefault = { reason: string } & ({ fresh: true; def: z.core.$ZodDefaultDef } | { fresh: false; value: unknown });

function declaredDefault(def: z.core.$ZodDefaultDef, reason: string): DeclaredDefault {
  const value: unknown = def.defaultValue;
  return value !== null && typeof value === 'object' ? { reason, fresh: true, def } : { reason, fresh: false, value };
}

function defaultsNode(schema: z.core.$ZodType): DefaultsNode | null {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const fields: DefaultsField[] = [];
      for (const [key, field] of Object.entries((def as z.core.$ZodObjectDef).shape)) {
        const fieldDef = field._zod.def;
        let declared: DeclaredDefault | null = null;
        if (fieldDef.type === 'default' || fieldDef.type === 'prefault') {
          const meta = z.globalRegistry.get(field as z.ZodType) as Record<string, unknown> | undefined;
          // A default without a reason is filled silently, but what is inside it is still walked when given.
          const reason = meta?.[DEFAULT_REASON_KEY];
          if (reason !== undefined) declared = declaredDefault(fieldDef as z.core.$ZodDefaultDef, String(reason));
        }
        const child = defaultsNode(field);
        if (declared || child) fields.push({ key, dotted: `.${key}`, default: declared, child });
      }
      return fields.length > 0 ? { kind: 'object', fields } : null;
    }
    case 'array': {
      const element = defaultsNode((def as z.core.$ZodArrayDef).element);
      return element ? { kind: 'array', element } : null;
    }
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return defaultsNode((def as z.core.$ZodDefaultDef).innerType);
    default:
      return null;
  }
}

/**
 * How many entries of a list (systems, transfers) keep their positions; a profile with more writes
 * the paths of the rest as it meets them.
 */
const INDEXES_KEPT = 64;

/**
 * A place in the profile, with its path (`systems[0].impact`) written once and kept. The path of
 * every default relied on is looked up in a map where the open questions are formatted
 * (build-open-questions.ts), and a path concatenated anew for each profile was hashed anew there
 * on every lookup; a kept one carries its hash. The positions below a field or an entry are made on
 * first use: fields as many as the schema has, entries up to INDEXES_KEPT per list.
 */
class PathPosition {
  private fields: Array<PathPosition | undefined> | undefined;
  private entries: Array<PathPosition | undefined> | undefined;

  constructor(
    readonly path: string,
    /** Whether the positions below are kept too (not below an entry past INDEXES_KEPT). */
    private readonly keeps: boolean,
  ) {}

  /** The position of field `index` (of `count`) of the object here. */
  field(index: number, count: number, field: DefaultsField): PathPosition {
    if (!this.keeps) return new PathPosition(this.path === '' ? field.key : this.path + field.dotted, false);
    const fields = (this.fields ??= new Array<PathPosition | undefined>(count).fill(undefined));
    return (fields[index] ??= new PathPosition(this.path === '' ? field.key : this.path + field.dotted, true));
  }

  /** The position of entry `index` of the list here. */
  entry(index: number): PathPosition {
    if (!this.keeps || index >= INDEXES_KEPT) return new PathPosition(`${this.path}[${index}]`, false);
    const entries = (this.entries ??= []);
    while (entries.length <= index) entries.push(undefined);
    return (entries[index] ??= new PathPosition(`${this.path}[${index}]`, true));
  }
}

/** Walks the defaults tree beside the raw input and lists every declared default the input did not override. */
function collectDefaults(node: DefaultsNode, raw: unknown, at: PathPosition, out: DefaultUse[]): void {
  if (node.kind === 'object') {
    if (raw == null || typeof raw !== 'object') return;
    const { fields } = node;
    for (let index = 0; index < fields.length; index += 1) {
      const field = fields[index]!;
      const fieldRaw = (raw as Record<string, unknown>)[field.key];
      const declared = field.default;
      if (declared && fieldRaw === undefined) {
        out.push({ path: at.field(index, fields.length, field).path, value: declared.fresh ? declared.def.defaultValue : declared.value, reason: declared.reason });
      } else if (field.child && fieldRaw != null && typeof fieldRaw === 'object') {
        collectDefaults(field.child, fieldRaw, at.field(index, fields.length, field), out);
      }
    }
    return;
  }
  if (!Array.isArray(raw)) return;
  for (let index = 0; index < raw.length; index += 1) collectDefaults(node.element, raw[index], at.entry(index), out);
}

const PROFILE_DEFAULTS = defaultsNode(profileSchema);
const PROFILE_ROOT = new PathPosition('', true);

const asRecord = (value: unknown): Record<string, unknown> =>
  value != null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Rules that span fields. They read the raw input defensively so that they run even when other
 * fields are invalid: a user sees every problem at once.
 */
function crossFieldProblems(input: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = asRecord(input);
  const systemIds = new Set<unknown>();
  asList(root.systems).forEach((system, index) => {
    const id = asRecord(system).id;
    if (typeof id === 'string' && systemIds.has(id)) problems.push({ path: `systems[${index}].id`, message: `duplicate system id "${id}"` });
    systemIds.add(id);
  });
  const freeTradeZone = asRecord(root.organisation).freeTradeZone;
  const transferIds = new Set<unknown>();
  asList(root.transfers).forEach((raw, index) => {
    const transfer = asRecord(raw);
    if (typeof transfer.id === 'string' && transferIds.has(transfer.id)) {
      problems.push({ path: `transfers[${index}].id`, message: `duplicate transfer id "${transfer.id}"` });
    }
    transferIds.add(transfer.id);
    if (typeof transfer.fromSystem === 'string' && !systemIds.has(transfer.fromSystem)) {
      problems.push({ path: `transfers[${index}].fromSystem`, message: `no system with id "${transfer.fromSystem}"` });
    }
    if (transfer.destination === 'CN') {
      problems.push({ path: `transfers[${index}].destination`, message: 'CN is the mainland itself; an outbound transfer goes elsewhere (HK, MO and TW count as outbound)' });
    }
    if (transfer.scenario === 'ftz_outside_negative_list' && (freeTradeZone == null || freeTradeZone === '')) {
      problems.push({ path: `transfers[${index}].scenario`, message: 'ftz_outside_negative_list needs organisation.freeTradeZone to name the free-trade zone' });
    }
  });
  const plan = asRecord(root.plan);
  if (typeof plan.start === 'string' && typeof plan.goLive === 'string' && plan.goLive < plan.start) {
    problems.push({ path: 'plan.goLive', message: 'goLive is before plan.start' });
  }
  return problems;
}

let compiledProfileSchema: typeof profileSchema | undefined;

/**
 * The profile schema as zod parses it here. zod's ahead-of-time compiled clone (`z.compile`) takes
 * valid input through one generated function and hands invalid input to the schema's own parser,
 * so the value and the issues are the schema's either way; it is about twice as fast on a valid
 * profile. Compiling costs some milliseconds (15 to 25), so it is done on first use, and not at
 * all where zod runs without its JIT (a CLI process, which validates one profile).
 */
function profileParser(): typeof profileSchema {
  if (z.config().jitless) return profileSchema;
  compiledProfileSchema ??= z.compile(profileSchema);
  return compiledProfileSchema;
}

/**
 * Validates and normalises a profile. `asOf` is the assessment date; it is the default plan start.
 * Defaults that depend on other fields (the individuals processed, the plan start) are derived
 * here and recorded like the declared ones.
 */
export function normaliseProfile(input: unknown, asOf: string): NormaliseResult {
  const parsed = profileParser().safeParse(input);
  const problems = [...(parsed.success ? [] : describeIssues(parsed.error.issues, input)), ...crossFieldProblems(input)];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const defaultsUsed: DefaultUse[] = [];
  if (PROFILE_DEFAULTS) collectDefaults(PROFILE_DEFAULTS, input, PROFILE_ROOT, defaultsUsed);
  // zod's output is built fresh for each parse and shared with nothing, so it is completed in place
  // (the lines below fill what `Profile` adds) rather than copied: copying the systems cost a fifth
  // of a normalisation. Assigning a field keeps its place among the keys when the input gave it and
  // adds it last when not, the order the spread with the field after it gave.
  const profile = parsed.data as ParsedProfile as Profile;

  if (profile.organisation.individualsProcessed === undefined) {
    let individualsProcessed = 0;
    for (const system of profile.systems) if (system.collectsMainlandPersonalInformation) individualsProcessed += system.users.registered;
    profile.organisation.individualsProcessed = individualsProcessed;
    defaultsUsed.push({
      path: 'organisation.individualsProcessed',
      value: individualsProcessed,
      reason: 'Not given; taken as the sum of registered users of the systems that collect mainland personal information (overlapping users are counted twice).',
    });
  }
  for (const system of profile.systems) system.name = system.name ?? system.id;
  let start = profile.plan.start as string | undefined;
  if (start === undefined) {
    start = asOf;
    defaultsUsed.push({ path: 'plan.start', value: asOf, reason: 'Plan start not given; the timeline starts on the assessment date.' });
  }
  // A new object: the plan's start comes first whether or not the input gave it.
  profile.plan = { start, goLive: profile.plan.goLive };
  return { ok: true, profile, defaultsUsed };
}
