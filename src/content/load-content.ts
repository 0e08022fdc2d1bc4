// Reads content/ (the law and the knowledge files), validates every file against its schema and
// every cross-reference, and hands core a frozen LawBook.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import {
  holidayYearSchema,
  documentLayoutSchema,
  horizonSchema,
  instrumentSchema,
  integrationSchema,
  mlpsGradingMatrixSchema,
  openingPilotAreasSchema,
  sectorListsSchema,
  parameterSchema,
  provisionSchema,
  type CitationRef,
  type LawBook,
} from '../core/law/content-schema.ts';
import { describeIssues, type Problem } from '../core/profile/normalise-profile.ts';
import { loadControls } from './load-controls.ts';
import { ParsedYamlCache } from './parsed-yaml-cache.ts';
import { writeSnapshot } from './law-book-snapshot.ts';
import { CONTENT_DIR, SNAPSHOT_FILE, keepLawBook, snapshotState } from './current-law-book.ts';
import { invalidContent } from '../core/input-errors.ts';


export { CONTENT_DIR, SNAPSHOT_FILE };

interface ReadFile {
  relative: string;
  text: string;
}

function readYamlFile<T>(file: ReadFile, schema: z.ZodType<T>, problems: Problem[], cache?: ParsedYamlCache): T | undefined {
  let data: unknown;
  try {
    data = cache ? cache.parse(file.text) : parseYaml(file.text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    problems.push({ path: file.relative, message: `not valid YAML${where}: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const problem of describeIssues(parsed.error.issues, data)) problems.push({ path: `${file.relative}: ${problem.path}`, message: problem.message });
    return undefined;
  }
  return parsed.data;
}

function readYamlList<T>(file: ReadFile, schema: z.ZodType<T>, problems: Problem[], cache?: ParsedYamlCache): T[] {
  return readYamlFile(file, z.array(schema), problems, cache) ?? [];
}

function listYaml(contentDir: string, directory: string): string[] {
  return readdirSync(join(contentDir, directory)).filter((name) => name.endsWith('.yaml')).sort().map((name) => `${directory}/${name}`);
}

/**
 * Loads and checks a content folder (this checkout's content/ unless another is given, such as an
 * earlier release's for a review on the content axis). Throws invalid_content listing every problem.
 */
export function loadLawBook(contentDir: string = CONTENT_DIR): LawBook {
  const problems: Problem[] = [];
  const cache = new ParsedYamlCache();
  const files = new Map<string, ReadFile>();
  const read = (relative: string): ReadFile => {
    const file = { relative, text: readFileSync(join(contentDir, relative), 'utf8') };
    files.set(relative, file);
    return file;
  };
  const instruments = readYamlList(read('instruments.yaml'), instrumentSchema, problems, cache);
  const provisions = readYamlList(read('provisions.yaml'), provisionSchema, problems, cache);
  const parameters = listYaml(contentDir, 'parameters').flatMap((relative) => readYamlList(read(relative), parameterSchema, problems, cache));
  const integrations = readYamlList(read('knowledge/integrations.yaml'), integrationSchema, problems, cache);
  const holidays = listYaml(contentDir, 'knowledge/holidays').flatMap((relative) => {
    const calendar = readYamlFile(read(relative), holidayYearSchema, problems, cache);
    if (calendar && relative !== `knowledge/holidays/${calendar.year}.yaml`) problems.push({ path: relative, message: `holds year ${calendar.year}; name the file ${calendar.year}.yaml` });
    return calendar ? [calendar] : [];
  });
  const documentLayouts = existsSync(join(contentDir, 'knowledge/document-layouts.yaml')) ? readYamlList(read('knowledge/document-layouts.yaml'), documentLayoutSchema, problems, cache) : [];
  const layoutKinds = new Map<string, string>();
  for (const layout of documentLayouts) {
    for (const kind of layout.appliesTo) {
      const other = layoutKinds.get(kind);
      if (other != null) problems.push({ path: `knowledge/document-layouts.yaml: ${layout.id}.appliesTo`, message: `${kind} already has the layout ${other}` });
      layoutKinds.set(kind, layout.id);
    }
  }
  // An earlier release's content may predate content/tables/ (the tables were code then, with the
  // same values): such a folder reads the tables of this checkout.
  const tablesDir = existsSync(join(contentDir, 'tables')) ? contentDir : CONTENT_DIR;
  const readTable = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const relative = `tables/${name}`;
    const file = tablesDir === contentDir ? read(relative) : { relative, text: readFileSync(join(tablesDir, relative), 'utf8') };
    return readYamlFile(file, schema, problems, cache);
  };
  const mlpsGradingMatrix = readTable('mlps-grading-matrix.yaml', mlpsGradingMatrixSchema);
  const sectorLists = readTable('sector-lists.yaml', sectorListsSchema);
  const openingPilotAreas = readTable('opening-pilot-areas.yaml', openingPilotAreasSchema);
  const horizon = existsSync(join(contentDir, 'horizon.yaml')) ? (readYamlFile(read('horizon.yaml'), horizonSchema, problems, cache)?.horizon ?? null) : null;
  const controls = loadControls(contentDir, (relative, schema) => readYamlFile(read(relative), schema, problems, cache), problems);
  cache.save();

  const instrumentIds = new Set<string>();
  for (const instrument of instruments) {
    if (instrumentIds.has(instrument.id)) problems.push({ path: `instruments.yaml: ${instrument.id}`, message: 'duplicate id' });
    instrumentIds.add(instrument.id);
  }
  for (const instrument of instruments) {
    for (const other of [instrument.supersededBy, ...instrument.amendedBy]) {
      if (other != null && !instrumentIds.has(other)) problems.push({ path: `instruments.yaml: ${instrument.id}`, message: `refers to unknown instrument "${other}"` });
    }
    if (instrument.ceased != null && instrument.ceased < instrument.effective) problems.push({ path: `instruments.yaml: ${instrument.id}.ceased`, message: 'ceases before it takes effect' });
  }
  const provisionIds = new Set(provisions.map((provision) => provision.id));
  for (const provision of provisions) {
    for (const version of provision.versions) {
      if (!instrumentIds.has(version.instrument)) problems.push({ path: `provisions.yaml: ${provision.id}`, message: `unknown instrument "${version.instrument}"` });
    }
  }
  const checkRef = (where: string, ref: CitationRef) => {
    if (ref.instrument != null && !instrumentIds.has(ref.instrument)) problems.push({ path: where, message: `unknown instrument "${ref.instrument}"` });
    if (ref.provision != null && !provisionIds.has(ref.provision)) problems.push({ path: where, message: `unknown provision "${ref.provision}"` });
  };
  const parameterIds = new Set<string>();
  for (const parameter of parameters) {
    if (parameterIds.has(parameter.id)) problems.push({ path: `parameters: ${parameter.id}`, message: 'duplicate id' });
    parameterIds.add(parameter.id);
    parameter.values.forEach((value, index) => checkRef(`parameters: ${parameter.id}.values[${index}].citation`, value.citation));
  }
  for (const theme of controls.themes.values()) {
    theme.citations.forEach((ref, index) => checkRef(`catalogs/gbt22239-2019/themes.yaml: ${theme.theme}.citations[${index}]`, ref));
  }
  if (mlpsGradingMatrix) checkRef('tables/mlps-grading-matrix.yaml: citation', mlpsGradingMatrix.citation);
  if (sectorLists) for (const [name, list] of Object.entries(sectorLists)) checkRef(`tables/sector-lists.yaml: ${name}.citation`, list.citation);
  if (openingPilotAreas) checkRef('tables/opening-pilot-areas.yaml: citation', openingPilotAreas.citation);
  const integrationIds = new Set<string>();
  for (const integration of integrations) {
    if (integrationIds.has(integration.id)) problems.push({ path: `knowledge/integrations.yaml: ${integration.id}`, message: 'duplicate id' });
    integrationIds.add(integration.id);
  }
  if (problems.length > 0 || !mlpsGradingMatrix || !sectorLists || !openingPilotAreas) throw invalidContent(problems);

  const digest = createHash('sha256');
  for (const [relative, file] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) digest.update(relative).update('\0').update(file.text);
  return Object.freeze({
    contentVersion: digest.digest('hex').slice(0, 12),
    horizon,
    instruments: new Map(instruments.map((instrument) => [instrument.id, Object.freeze(instrument)])),
    parameters: new Map(parameters.map((parameter) => [parameter.id, Object.freeze(parameter)])),
    provisions: new Map(provisions.map((provision) => [provision.id, Object.freeze(provision)])),
    integrations: new Map(integrations.map((integration) => [integration.id, Object.freeze(integration)])),
    holidays: new Map(holidays.map((calendar) => [calendar.year, Object.freeze(calendar)])),
    documentLayouts: new Map(documentLayouts.map((layout) => [layout.id, Object.freeze(layout)])),
    controls,
    tables: deepFreeze({ mlpsGradingMatrix, sectorLists, openingPilotAreas }),
  });
}

function deepFreeze<T>(value: T): T {
  if (value != null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The law book of this checkout, loaded once per process: from the snapshot when it was made from
 * the same content files, otherwise validated afresh (and the snapshot rewritten).
 */
export function lawBook(): LawBook {
  const current = snapshotState();
  if (current.book) return current.book;
  const fingerprint = current.fingerprint();
  const book = loadLawBook();
  writeSnapshot(SNAPSHOT_FILE, book, fingerprint, current.signature);
  return keepLawBook(book);
}
