// The validated law book as one JSON file. Validating content/ with zod and parsing its YAML takes
// a few hundred milliseconds, which every CLI run and server start would pay; the snapshot is
// written once (by the build, or by the first load after content changed) and read back with
// JSON.parse. It is keyed by a fingerprint of every YAML file under content/, so an edited file
// is never served from a stale snapshot. The snapshot is an optimisation only: a missing,
// corrupt, foreign or unwritable one falls back to the validating loader.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { HolidayYear, Instrument, Integration, LawBook, Parameter, Provision } from '../core/law/content-schema.ts';
import type { CatalogItem, ControlsLibrary, ItemCrosswalk, SourceControl, SourceFramework, SourceFrameworkKey, Theme, ThemeDefinition } from '../core/controls/controls-schema.ts';

/** Raise when the shape written below changes, so older snapshots are ignored. */
const SNAPSHOT_FORMAT = 3;

interface SnapshotFile {
  format: number;
  fingerprint: string;
  contentVersion: string;
  instruments: Instrument[];
  parameters: Parameter[];
  provisions: Provision[];
  integrations: Integration[];
  holidays: HolidayYear[];
  controls: {
    items: CatalogItem[];
    frameworks: Array<Omit<SourceFramework, 'controls'> & { controls: SourceControl[] }>;
    crosswalks: Array<[SourceFrameworkKey, Array<[string, ItemCrosswalk]>]>;
    themes: ThemeDefinition[];
    itemEffort: ControlsLibrary['itemEffort'];
    carryOverRange: ControlsLibrary['carryOverRange'];
  };
}

function yamlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return entry.name.endsWith('.yaml') ? [path] : [];
    })
    .sort();
}

/** A digest of every YAML file under the content folder: names and texts. */
export function contentFingerprint(contentDir: string): string {
  const digest = createHash('sha256');
  for (const file of yamlFiles(contentDir)) digest.update(relative(contentDir, file)).update('\0').update(readFileSync(file)).update('\0');
  return digest.digest('hex');
}

export function serialiseLawBook(book: LawBook, fingerprint: string): string {
  const controls = book.controls;
  const snapshot: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    fingerprint,
    contentVersion: book.contentVersion,
    instruments: [...book.instruments.values()],
    parameters: [...book.parameters.values()],
    provisions: [...book.provisions.values()],
    integrations: [...book.integrations.values()],
    holidays: [...book.holidays.values()],
    controls: {
      items: [...controls.items],
      frameworks: [...controls.frameworks.values()].map((framework) => ({ ...framework, controls: [...framework.controls.values()] })),
      crosswalks: [...controls.crosswalks.entries()].map(([key, crosswalk]) => [key, [...crosswalk.entries()]]),
      themes: [...controls.themes.values()],
      itemEffort: controls.itemEffort,
      carryOverRange: controls.carryOverRange,
    },
  };
  return JSON.stringify(snapshot);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const byId = <T extends { id: string }>(entries: T[]): Map<string, T> => new Map(entries.map((entry) => [entry.id, deepFreeze(entry)]));

/** The law book a snapshot holds, or undefined when the text is not a snapshot of this fingerprint. */
export function restoreLawBook(text: string, fingerprint: string): LawBook | undefined {
  let snapshot: SnapshotFile;
  try {
    snapshot = JSON.parse(text) as SnapshotFile;
  } catch {
    return undefined;
  }
  if (snapshot?.format !== SNAPSHOT_FORMAT || snapshot.fingerprint !== fingerprint) return undefined;
  const items = deepFreeze(snapshot.controls.items);
  const controls: ControlsLibrary = Object.freeze({
    items,
    itemsById: new Map(items.map((item) => [item.id, item])),
    frameworks: new Map(
      snapshot.controls.frameworks.map((framework) => [
        framework.key,
        Object.freeze({ ...framework, controls: byId(framework.controls) }),
      ]),
    ),
    crosswalks: new Map(snapshot.controls.crosswalks.map(([key, rows]) => [key, new Map(rows.map(([itemId, crosswalk]) => [itemId, deepFreeze(crosswalk)]))])),
    themes: new Map<Theme, ThemeDefinition>(snapshot.controls.themes.map((theme) => [theme.theme, deepFreeze(theme)])),
    itemEffort: deepFreeze(snapshot.controls.itemEffort),
    carryOverRange: deepFreeze(snapshot.controls.carryOverRange ?? null),
  });
  return Object.freeze({
    contentVersion: snapshot.contentVersion,
    instruments: byId(snapshot.instruments),
    parameters: byId(snapshot.parameters),
    provisions: byId(snapshot.provisions),
    integrations: byId(snapshot.integrations),
    holidays: new Map(snapshot.holidays.map((calendar) => [calendar.year, deepFreeze(calendar)])),
    controls,
  });
}

export function readSnapshot(file: string, fingerprint: string): LawBook | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return restoreLawBook(text, fingerprint);
}

/** Writes the snapshot whole (temporary file, then rename); a read-only install simply skips it. */
export function writeSnapshot(file: string, book: LawBook, fingerprint: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, serialiseLawBook(book, fingerprint));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
