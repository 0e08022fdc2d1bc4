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

/** Whether a change touches an item. */
export function restsOn(item: ItemRef, change: Pick<DeterminationChange, 'path'>): boolean {
  const head = SYSTEM.exec(change.path);
  const system = head?.[1] ?? null;
  const rest = head ? change.path.slice(head[0].length) : change.path;
  const systems = systemsOf(item);
  // An item that lists systems rests on a system's change only when it names that system.
  if (system != null && systems.length > 0 && !systems.includes(system)) return false;
  // A system added or removed touches everything that names it.
  if (system != null && rest === '') return systems.includes(system);
  const duty = DUTY.exec(rest)?.[1] ?? '';
  const carrier = CARRIERS.find(([prefix]) => rest === prefix || rest.startsWith(`${prefix}.`) || rest.startsWith(`${prefix}[`));
  if (!carrier) return false;
  return carrier[1].some((prefix) => {
    const key = prefix.replace('{s}', system ?? '').replace('{d}', duty);
    return prefix.includes('{d}') && duty === '' ? false : item.key.startsWith(key);
  });
}

/** The changes, of substance, that an item rests on (citation-only changes never call for re-review). */
export function changesTouching(item: ItemRef, changes: readonly DeterminationChange[]): DeterminationChange[] {
  return changes.filter((change) => change.kind !== 'citation' && restsOn(item, change));
}
