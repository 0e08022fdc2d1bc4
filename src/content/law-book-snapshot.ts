// The validated law book as one JSON file. Validating content/ with zod and parsing its YAML takes
// a few hundred milliseconds, which every CLI run and server start would pay; the snapshot is
// written once (by the build, or by the first load after content changed) and read back with
// JSON.parse. It is keyed by a fingerprint of every YAML file under content/, so an edited file
// is never served from a stale snapshot. The snapshot is an optimisation only: a missing,
// corrupt, foreign or unwritable one falls back to the validating loader.
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { DocumentLayout, HolidayYear, Instrument, Integration, LawBook, LegalTables, Parameter, Provision } from '../core/law/content-schema.ts';
import type { CatalogItem, ControlsLibrary, ItemCrosswalk, SourceControl, SourceFramework, SourceFrameworkKey, Theme, ThemeDefinition } from '../core/controls/controls-schema.ts';

/** Raise when the shape written below changes, so older snapshots are ignored. */
const SNAPSHOT_FORMAT = 7;

interface SnapshotFile {
  format: number;
  fingerprint: string;
  /** The content files' names and inode states when the snapshot was made (see contentSignature). */
  signature?: string;
  contentVersion: string;
  horizon?: string | null;
  instruments: Instrument[];
  parameters: Parameter[];
  provisions: Provision[];
  integrations: Integration[];
  holidays: HolidayYear[];
  documentLayouts: DocumentLayout[];
  tables: LegalTables;
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

// node:crypto is loaded only to fingerprint the texts, which a start with a current snapshot never does.
const require = createRequire(import.meta.url);
const sha256 = () => (require('node:crypto') as typeof Crypto).createHash('sha256');

/** A digest of every YAML file under the content folder: names and texts. */
export function contentFingerprint(contentDir: string): string {
  const digest = sha256();
  for (const file of yamlFiles(contentDir)) digest.update(relative(contentDir, file)).update('\0').update(readFileSync(file)).update('\0');
  return digest.digest('hex');
}

/**
 * The state of every YAML file under the content folder without reading it: name, size, inode,
 * modification and change times. Any write to a file, or a file added, removed or renamed, changes
 * its change time (which no tool can set back), so an unchanged signature means unchanged files
 * and the snapshot is used without hashing the texts. Taken before the texts are read. It is the
 * list itself, not a digest of it: comparing some kilobytes costs nothing, hashing them loaded
 * node:crypto at every start.
 */
export function contentSignature(contentDir: string): string {
  let signature = '';
  for (const file of yamlFiles(contentDir)) {
    const stat = statSync(file, { bigint: true });
    signature += `${relative(contentDir, file)}\0${stat.size}\0${stat.ino}\0${stat.mtimeNs}\0${stat.ctimeNs}\n`;
  }
  return signature;
}

export function serialiseLawBook(book: LawBook, fingerprint: string, signature?: string): string {
  const controls = book.controls;
  const snapshot: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    fingerprint,
    ...(signature ? { signature } : {}),
    contentVersion: book.contentVersion,
    horizon: book.horizon ?? null,
    instruments: [...book.instruments.values()],
    parameters: [...book.parameters.values()],
    provisions: [...book.provisions.values()],
    integrations: [...book.integrations.values()],
    holidays: [...book.holidays.values()],
    documentLayouts: [...book.documentLayouts.values()],
    tables: book.tables,
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
    if (Array.isArray(value)) for (const child of value) deepFreeze(child);
    else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

const byId = <T extends { id: string }>(entries: T[]): Map<string, T> => new Map(entries.map((entry) => [entry.id, deepFreeze(entry)]));

/** The law book a snapshot holds, or undefined when the text is not a snapshot of this fingerprint. */
export function restoreLawBook(text: string, fingerprint: string): LawBook | undefined {
  const snapshot = parseSnapshot(text);
  return snapshot && snapshot.fingerprint === fingerprint ? lawBookOf(snapshot) : undefined;
}

function parseSnapshot(text: string): SnapshotFile | undefined {
  let snapshot: SnapshotFile;
  try {
    snapshot = JSON.parse(text) as SnapshotFile;
  } catch {
    return undefined;
  }
  return snapshot?.format === SNAPSHOT_FORMAT ? snapshot : undefined;
}

function lawBookOf(snapshot: SnapshotFile): LawBook {
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
    horizon: snapshot.horizon ?? null,
    instruments: byId(snapshot.instruments),
    parameters: byId(snapshot.parameters),
    provisions: byId(snapshot.provisions),
    integrations: byId(snapshot.integrations),
    holidays: new Map(snapshot.holidays.map((calendar) => [calendar.year, deepFreeze(calendar)])),
    documentLayouts: new Map(snapshot.documentLayouts.map((layout) => [layout.id, deepFreeze(layout)])),
    controls,
    tables: deepFreeze(snapshot.tables),
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

/**
 * The law book of the snapshot file when it was made from the content folder as it is: by the
 * files' signature when they are untouched since, otherwise by the fingerprint of their texts (a
 * fresh checkout of the same files; the snapshot is then rewritten with the new signature).
 * Undefined when the content differs or there is no usable snapshot.
 */
export function readCurrentSnapshot(file: string, contentDir: string): { book: LawBook | undefined; fingerprint: () => string; signature: string } {
  const signature = contentSignature(contentDir);
  let fingerprint: string | undefined;
  const fingerprintOnce = () => (fingerprint ??= contentFingerprint(contentDir));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { book: undefined, fingerprint: fingerprintOnce, signature };
  }
  const snapshot = parseSnapshot(text);
  if (!snapshot) return { book: undefined, fingerprint: fingerprintOnce, signature };
  if (snapshot.signature === signature) return { book: lawBookOf(snapshot), fingerprint: fingerprintOnce, signature };
  if (snapshot.fingerprint !== fingerprintOnce()) return { book: undefined, fingerprint: fingerprintOnce, signature };
  const book = lawBookOf(snapshot);
  writeSnapshot(file, book, fingerprintOnce(), signature);
  return { book, fingerprint: fingerprintOnce, signature };
}

/** Writes the snapshot whole (temporary file, then rename); a read-only install simply skips it. */
export function writeSnapshot(file: string, book: LawBook, fingerprint: string, signature?: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, serialiseLawBook(book, fingerprint, signature));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
