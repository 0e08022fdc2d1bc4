// Which annex items rest on which determinations, so that accepting a regulatory-change review can
// mark for re-review exactly the items a change touches. A change names its determination by path
// (`organisation.cbdt.mechanism`, `systems[telematics].mlps.level`, `organisation.volume.duties[pi-officer]`,
// `timeline.tracks[icp]`); an annex item by its key (`org.cbdt.route`, `mlps.level-3`, `hosting.mainland_required`,
// `guardrail.icp-before-launch`, …) and the systems it concerns.
import type { DeterminationChange } from './diff-assessments.ts';

export interface ItemRef {
  key: string;
  data: { system?: unknown; systems?: unknown };
}

/**
 * Where each kind of determination shows in the annex: the change's path prefix (systems' paths
 * without their `systems[id]` head), and the item keys carrying it, in the current key scheme and the
 * earlier per-system one. `{s}` is the change's system, `{d}` its duty id.
 */
const CARRIERS: ReadonlyArray<readonly [pathPrefix: string, keyPrefixes: readonly string[]]> = [
  ['organisation.cbdt', ['org.cbdt', 'decision.transfer', 'action.decision.transfer', 'guardrail.transfer-channels', 'integration.']],
  ['organisation.cii', ['org.cii']],
  ['organisation.piVolumeDuties', ['org.volume.{d}']],
  ['organisation.sectorRules', ['sector.{d}']],
  ['mlps', ['mlps.', 'guardrail.state-cryptography', 'system.{s}.mlps', 'system.{s}.gap.']],
  ['icp', ['icp.', 'guardrail.icp-before-launch', 'system.{s}.icp']],
  ['hosting', ['hosting.', 'decision.hosting', 'action.decision.hosting', 'guardrail.mainland-hosting', 'system.{s}.hosting']],
  ['sectorRules', ['sector.{d}', 'system.{s}.sector.{d}']],
  ['timeline.postLaunch', ['org.post-launch.{d}']],
  ['timeline', ['dependency.', 'action.start.']],
];

const SYSTEM = /^systems\[([^\]]+)\]\.?/;
const DUTY = /\[([^\]]+)\](?:\.\w+)*$/;

const systemsOf = (item: ItemRef): string[] => {
  const listed = Array.isArray(item.data.systems) ? item.data.systems.filter((value): value is string => typeof value === 'string') : [];
  return typeof item.data.system === 'string' && !listed.includes(item.data.system) ? [...listed, item.data.system] : listed;
};

/** A change as the items are matched against it: read once, however many items are asked about. */
interface ReadChange {
  /** Its place in the review's list, which the changes an item rests on keep. */
  readonly index: number;
  readonly change: DeterminationChange;
  /** The system of a `systems[id]…` path, or null for the organisation's determinations. */
  readonly system: string | null;
  /** Whether the change adds or removes the system itself (the path is `systems[id]` alone). */
  readonly wholeSystem: boolean;
  /** The item key prefixes that carry the determination, with the system and duty put in. */
  readonly keys: readonly string[];
}

function readChange(change: Pick<DeterminationChange, 'path'>): Omit<ReadChange, 'index' | 'change'> {
  const head = SYSTEM.exec(change.path);
  const system = head?.[1] ?? null;
  const rest = head ? change.path.slice(head[0].length) : change.path;
  const duty = DUTY.exec(rest)?.[1] ?? '';
  const carrier = CARRIERS.find(([prefix]) => rest === prefix || rest.startsWith(`${prefix}.`) || rest.startsWith(`${prefix}[`));
  const keys = (carrier?.[1] ?? []).filter((prefix) => !(prefix.includes('{d}') && duty === '')).map((prefix) => prefix.replace('{s}', system ?? '').replace('{d}', duty));
  return { system, wholeSystem: system != null && rest === '', keys };
}

function touches(item: ItemRef, systems: readonly string[], read: Omit<ReadChange, 'index' | 'change'>): boolean {
  const { system } = read;
  // An item that lists systems rests on a system's change only when it names that system.
  if (system != null && systems.length > 0 && !systems.includes(system)) return false;
  // A system added or removed touches everything that names it.
  if (read.wholeSystem) return systems.includes(system!);
  for (const key of read.keys) if (item.key.startsWith(key)) return true;
  return false;
}

/** Whether a change touches an item. */
export function restsOn(item: ItemRef, change: Pick<DeterminationChange, 'path'>): boolean {
  return touches(item, systemsOf(item), readChange(change));
}

/**
 * A review's changes of substance (citation-only changes never call for re-review), each read
 * once, and grouped by the system they concern: an item that names systems can rest only on the
 * organisation's changes and on those of its systems, so accepting a review of an engagement of
 * many systems does not match every item against every change (a thousand systems made that
 * some ten million matches, seconds inside the accepting transaction).
 */
interface ReadChanges {
  /** The length of the list read: a list that has grown since is read again. */
  readonly length: number;
  readonly all: readonly ReadChange[];
  readonly organisation: readonly ReadChange[];
  readonly bySystem: ReadonlyMap<string, readonly ReadChange[]>;
}

const READ = new WeakMap<readonly DeterminationChange[], ReadChanges>();

function readChanges(changes: readonly DeterminationChange[]): ReadChanges {
  let read = READ.get(changes);
  if (read && read.length === changes.length) return read;
  const all: ReadChange[] = [];
  const organisation: ReadChange[] = [];
  const bySystem = new Map<string, ReadChange[]>();
  changes.forEach((change, index) => {
    if (change.kind === 'citation') return;
    const one: ReadChange = { index, change, ...readChange(change) };
    all.push(one);
    if (one.system == null) organisation.push(one);
    else {
      const list = bySystem.get(one.system);
      if (list) list.push(one);
      else bySystem.set(one.system, [one]);
    }
  });
  read = { length: changes.length, all, organisation, bySystem };
  READ.set(changes, read);
  return read;
}

/** The changes, of substance, that an item rests on, in the review's order. */
export function changesTouching(item: ItemRef, changes: readonly DeterminationChange[]): DeterminationChange[] {
  const read = readChanges(changes);
  const systems = systemsOf(item);
  let candidates: readonly ReadChange[];
  if (systems.length === 0) candidates = read.all;
  else {
    const gathered = [...read.organisation];
    for (const system of new Set(systems)) gathered.push(...(read.bySystem.get(system) ?? []));
    candidates = gathered.sort((a, b) => a.index - b.index);
  }
  const touching: DeterminationChange[] = [];
  for (const candidate of candidates) if (touches(item, systems, candidate)) touching.push(candidate.change);
  return touching;
}
