// Situation tests as data (the OpenFisca style): a file in content/tests/ holds a base profile and
// cases, each a date, the facts that differ from the base, and the determinations expected. A
// legal reviewer adds a case without writing TypeScript; `npm test` runs every case and
// `landfall check-content` checks every file's shape, reporting each problem with its path.
//
// Paths are dotted, with [n] for a list position and [id] for the element whose `id` (or, for
// transfer treatments, `transfer`) is that value: `systems[telematics].mlps.level`,
// `organisation.cbdt.transfers[crm-sync].treatment`, `transfers[0].nonSensitiveIndividuals`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeIssues, type Problem } from '../core/profile/normalise-profile.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const pathKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\[[A-Za-z0-9_-]+\])?(\.[A-Za-z][A-Za-z0-9]*(\[[A-Za-z0-9_-]+\])?)*$/, 'expected a path such as systems[app].mlps.level');

export const situationCaseSchema = z
  .object({
    name: z.string().min(1),
    asOf: isoDate,
    /** Facts that differ from the file's base profile, by path. */
    set: z.record(pathKey, z.unknown()).default({}),
    /** Expected values in the assessment, by path: scalars exactly, objects and lists as a partial match. */
    expect: z.record(pathKey, z.unknown()).refine((value) => Object.keys(value).length > 0, 'a case expects at least one value'),
  })
  .strict();

export const situationFileSchema = z
  .object({
    title: z.string().min(1),
    /** The instruments and articles the cases exercise, for the reader. */
    basis: z.string().min(1),
    profile: z.record(z.string(), z.unknown()),
    cases: z.array(situationCaseSchema).min(1),
  })
  .strict();

export type SituationCase = z.infer<typeof situationCaseSchema>;
export type SituationFile = z.infer<typeof situationFileSchema> & { file: string };

type Segment = { key: string; select: string | null };

function segments(path: string): Segment[] {
  return path.split('.').map((part) => {
    const match = /^([A-Za-z0-9]+)(?:\[([A-Za-z0-9_-]+)\])?$/.exec(part)!;
    return { key: match[1]!, select: match[2] ?? null };
  });
}

function pick(list: unknown[], select: string): { index: number; value: unknown } {
  if (/^\d+$/.test(select)) return { index: Number(select), value: list[Number(select)] };
  const index = list.findIndex((entry) => entry != null && typeof entry === 'object' && ((entry as { id?: unknown }).id === select || (entry as { transfer?: unknown }).transfer === select));
  return { index, value: index < 0 ? undefined : list[index] };
}

/** The value at a path, or undefined when any step is missing. */
export function valueAtPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const { key, select } of segments(path)) {
    if (node == null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
    if (select != null) {
      if (!Array.isArray(node)) return undefined;
      node = pick(node, select).value;
    }
  }
  return node;
}

/** A copy of the profile with the value set at the path (objects and list elements made as needed). */
export function withValueAt(profile: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(profile);
  let node: Record<string, unknown> = copy;
  const parts = segments(path);
  parts.forEach(({ key, select }, position) => {
    const last = position === parts.length - 1;
    if (select == null) {
      if (last) node[key] = structuredClone(value);
      else node = (node[key] ??= {}) as Record<string, unknown>;
      return;
    }
    const list = (node[key] ??= []) as unknown[];
    const found = pick(list, select);
    if (found.index < 0) throw new Error(`${path}: no element "${select}" in ${key}`);
    if (last) list[found.index] = structuredClone(value);
    else node = (list[found.index] ??= {}) as Record<string, unknown>;
  });
  return copy;
}

/** The profile of one case: the base with the case's facts set. */
export function caseProfile(file: SituationFile, entry: SituationCase): Record<string, unknown> {
  return Object.entries(entry.set).reduce((profile, [path, value]) => withValueAt(profile, path, value), file.profile);
}

/** Reads and checks every situation file; problems are listed with file and path. */
export function loadSituationTests(directory: string): { files: SituationFile[]; problems: Problem[] } {
  const files: SituationFile[] = [];
  const problems: Problem[] = [];
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.yaml')).sort();
  } catch {
    return { files, problems };
  }
  for (const name of names) {
    const relative = `tests/${name}`;
    let data: unknown;
    try {
      data = parseYaml(readFileSync(join(directory, name), 'utf8'));
    } catch (error) {
      problems.push({ path: relative, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const parsed = situationFileSchema.safeParse(data);
    if (!parsed.success) {
      for (const problem of describeIssues(parsed.error.issues, data)) problems.push({ path: `${relative}: ${problem.path}`, message: problem.message });
      continue;
    }
    const file = { ...parsed.data, file: relative };
    parsed.data.cases.forEach((entry, index) => {
      try {
        caseProfile(file, entry);
      } catch (error) {
        problems.push({ path: `${relative}: cases[${index}].set`, message: (error as Error).message });
      }
    });
    files.push(file);
  }
  return { files, problems };
}
