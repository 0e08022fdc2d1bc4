// Landfall's own prose in every output language: ICU MessageFormat catalogues in content/messages
// (en.yaml, zh-CN.yaml), formatted by FormatJS's intl-messageformat with the locale's plural and
// number rules. Messages are looked up by id with named values, never built by concatenation.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse as parseYaml } from 'yaml';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGES_DIR = fileURLToPath(new URL('../../content/messages/', import.meta.url));

export type MessageValues = Record<string, string | number | boolean | null | undefined>;
export type Translate = (id: string, values?: MessageValues) => string;

const catalogues = new Map<string, Readonly<Record<string, string>>>();

function readCatalogueFile(path: string, label: string, into: Record<string, string>): void {
  const data: unknown = parseYaml(readFileSync(path, 'utf8'));
  if (data == null || typeof data !== 'object' || Array.isArray(data) || Object.values(data).some((value) => typeof value !== 'string')) {
    throw new Error(`${label} must map message ids to strings`);
  }
  for (const [id, text] of Object.entries(data as Record<string, string>)) {
    if (id in into) throw new Error(`${label}: message "${id}" is defined twice in the catalogue`);
    into[id] = text;
  }
}

/** The YAML files of a locale's catalogue, in reading order. */
function catalogueFiles(directory: string, locale: Locale): string[] {
  const files = [`${directory}${locale}.yaml`];
  const areaDirectory = `${directory}${locale}/`;
  if (existsSync(areaDirectory)) for (const name of readdirSync(areaDirectory).filter((file) => file.endsWith('.yaml')).sort()) files.push(`${areaDirectory}${name}`);
  return files;
}

/**
 * The catalogue's files as they are on disk (name, size, inode, modification and change time), so
 * a cached copy is used only while no file has been touched: parsing the YAML costs every CLI run
 * some 80 ms, reading the cached JSON about one. The list itself, not a digest (which would load
 * node:crypto at every start).
 */
function catalogueSignature(files: readonly string[]): string {
  let signature = '';
  for (const file of files) {
    const stat = statSync(file, { bigint: true });
    signature += `${file}\0${stat.size}\0${stat.ino}\0${stat.mtimeNs}\0${stat.ctimeNs}\n`;
  }
  return signature;
}

/** Where a locale's parsed catalogue is cached (beside the built code; an optimisation only). */
const cacheFile = (locale: Locale) => fileURLToPath(new URL(`../../dist/messages-${locale}.json`, import.meta.url));

/** The parsed ICU trees of the messages that are not plain (see compilePlain), by id. */
type Trees = Record<string, MessageFormatElement[]>;

/** The trees kept in a cached catalogue beside its messages, so engineText need not parse them on every run. */
const cachedTrees = new WeakMap<object, Trees>();

function treesOf(messages: Readonly<Record<string, string>>): Trees {
  const trees: Trees = {};
  for (const [id, text] of Object.entries(messages)) {
    if (compilePlain(text)) continue;
    try {
      trees[id] = parse(text, { ignoreTag: true });
    } catch {
      // A malformed message is parsed, and throws, where it is used.
    }
  }
  return trees;
}

function readCachedCatalogue(file: string, signature: string): { messages: Record<string, string>; trees: Trees } | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { signature?: unknown; messages?: unknown; trees?: unknown };
    if (cached.signature !== signature || cached.messages == null || typeof cached.messages !== 'object' || cached.trees == null || typeof cached.trees !== 'object') return undefined;
    return { messages: cached.messages as Record<string, string>, trees: cached.trees as Trees };
  } catch {
    return undefined;
  }
}

function writeCachedCatalogue(file: string, signature: string, messages: Record<string, string>, trees: Trees): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ signature, messages, trees }));
    renameSync(temporary, file);
  } catch {
    // A read-only install parses the YAML each time; nothing else changes.
  }
}

/**
 * The catalogue of a locale: message id to ICU message text. It is `content/messages/<locale>.yaml`
 * and every `*.yaml` in `content/messages/<locale>/` (one file per area, so each area's messages sit
 * together); an id defined in two files is an error. This checkout's catalogues are cached as JSON
 * in dist/ while their files are untouched, with the parsed trees of the messages that are not plain.
 */
export function catalogue(locale: Locale, directory = MESSAGES_DIR): Readonly<Record<string, string>> {
  const key = `${directory}\0${locale}`;
  let found = catalogues.get(key);
  if (!found) {
    found = readCatalogue(directory, locale, directory === MESSAGES_DIR ? cacheFile(locale) : undefined);
    catalogues.set(key, found);
  }
  return found;
}

/** A locale's catalogue read from its files, or from `cacheAt` while the files are untouched (and written there otherwise). */
export function readCatalogue(directory: string, locale: Locale, cacheAt?: string): Readonly<Record<string, string>> {
  const files = catalogueFiles(directory, locale);
  const signature = cacheAt ? catalogueSignature(files) : '';
  const cached = cacheAt ? readCachedCatalogue(cacheAt, signature) : undefined;
  let messages = cached?.messages;
  let trees = cached?.trees;
  if (!messages) {
    messages = {};
    for (const file of files) readCatalogueFile(file, `content/messages/${file.slice(directory.length)}`, messages);
    if (cacheAt) {
      trees = treesOf(messages);
      writeCachedCatalogue(cacheAt, signature, messages, trees);
    }
  }
  const frozen = Object.freeze(messages);
  if (trees) cachedTrees.set(frozen, trees);
  return frozen;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** A translator for one locale; an unknown id is a programming error and throws. */
const translators = new Map<Locale, Translate>();

/** The translator of a locale, one per process (its compiled messages kept across calls). */
export function translator(locale: Locale): Translate {
  let found = translators.get(locale);
  if (!found) {
    found = makeTranslator(locale);
    translators.set(locale, found);
  }
  return found;
}

function makeTranslator(locale: Locale): Translate {
  const messages = catalogue(locale);
  const formats = new Map<string, IntlMessageFormat>();
  return (id, values = {}) => {
    let format = formats.get(id);
    if (!format) {
      const text = messages[id];
      if (text == null) throw new Error(`no message "${id}" in ${locale}`);
      format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
      formats.set(id, format);
    }
    const prepared = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value == null ? 'none' : typeof value === 'boolean' ? String(value) : value]));
    return String(format.format(prepared));
  };
}

const engineFormatters = new Map<Locale, Translate & { readonly locale: Locale }>();

export type Compiled = (values: Readonly<Record<string, unknown>>) => string;

/** A value as intl-messageformat prints a plain argument, after the translator's own mapping. */
function argumentText(name: string, values: Readonly<Record<string, unknown>>): string {
  const value = values[name];
  // Strings, the usual value, are returned as they are; `in` is asked only when the value is missing.
  if (typeof value === 'string') return value;
  if (value === undefined && !(name in values)) throw new Error(`the message needs a value for "${name}"`);
  return value == null ? 'none' : String(value);
}

/**
 * A message compiled once into a function that concatenates its parts: literals, plain arguments
 * and selects, which are all the engine's messages use. The engine formats some four hundred
 * sentences per assessment, and interpreting each message's tree on every call (as
 * IntlMessageFormat does) cost a quarter of an assessment. Anything else (plural, number, date,
 * tags) returns null, and the message goes through IntlMessageFormat as before.
 */
export function compileElements(elements: readonly MessageFormatElement[]): Compiled | null {
  const parts: Array<string | Compiled> = [];
  for (const element of elements) {
    if (element.type === TYPE.literal) {
      const last = parts.at(-1);
      if (typeof last === 'string') parts[parts.length - 1] = last + element.value;
      else parts.push(element.value);
    } else if (element.type === TYPE.argument) {
      const name = element.value;
      parts.push((values) => argumentText(name, values));
    } else if (element.type === TYPE.select) {
      const name = element.value;
      const options = new Map<string, Compiled>();
      for (const [key, option] of Object.entries(element.options)) {
        const compiled = compileElements(option.value);
        if (!compiled) return null;
        options.set(key, compiled);
      }
      const other = options.get('other');
      parts.push((values) => {
        const chosen = options.get(argumentText(name, values)) ?? other;
        if (!chosen) throw new Error(`no option for "${name}" and no "other"`);
        return chosen(values);
      });
    } else {
      return null;
    }
  }
  if (parts.length === 0) return () => '';
  if (parts.length === 1) {
    const only = parts[0]!;
    return typeof only === 'string' ? () => only : only;
  }
  return (values) => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : part(values);
    return out;
  };
}

const NO_VALUES: Readonly<Record<string, unknown>> = Object.freeze({});

/** A plain argument (`{name}`) and anything else ICU would read as syntax (a brace, a quote). */
const PLAIN_ARGUMENT = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const ICU_SYNTAX = /[{}']/;

/**
 * A message of literal text and plain `{name}` arguments only (no quote, no other brace), compiled
 * without the ICU parser into what compileElements makes of its parse; undefined for anything else.
 * Most of the engine's messages are such, and parsing them cost every CLI run some milliseconds.
 */
export function compilePlain(text: string): Compiled | undefined {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLAIN_ARGUMENT)) {
    literals.push(text.slice(last, match.index));
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  literals.push(text.slice(last));
  if (literals.some((literal) => ICU_SYNTAX.test(literal))) return undefined;
  if (names.length === 0) return () => text;
  // One, two and three arguments (nearly every message) are concatenated without a loop.
  const [a, b, c] = names as [string, string?, string?];
  const [l0, l1, l2, l3] = literals as [string, string, string?, string?];
  if (names.length === 1) return (values) => l0 + argumentText(a, values) + l1;
  if (names.length === 2) return (values) => l0 + argumentText(a, values) + l1 + argumentText(b!, values) + l2!;
  if (names.length === 3) return (values) => l0 + argumentText(a, values) + l1 + argumentText(b!, values) + l2! + argumentText(c!, values) + l3!;
  return (values) => {
    let out = literals[0]!;
    for (let index = 0; index < names.length; index += 1) out += argumentText(names[index]!, values) + literals[index + 1]!;
    return out;
  };
}

/**
 * The formatter the engine writes its prose with (core's `Say`), one per locale and process. The
 * English catalogue holds the engine's English sentences exactly as the assessment JSON carries them.
 * Messages are compiled on first use (see compileElements); the output is the translator's.
 */
export function engineText(locale: Locale = 'en'): Translate & { readonly locale: Locale } {
  let found = engineFormatters.get(locale);
  if (!found) {
    const messages = catalogue(locale);
    const general = translator(locale);
    const compiled = new Map<string, Compiled | null>();
    const trees = cachedTrees.get(messages);
    const say: Translate = (id, values) => {
      let format = compiled.get(id);
      if (format === undefined) {
        const text = messages[id];
        if (text == null) throw new Error(`no message "${id}" in ${locale}`);
        format = compilePlain(text) ?? compileElements((trees && Object.hasOwn(trees, id) ? trees[id] : undefined) ?? parse(text, { ignoreTag: true }));
        compiled.set(id, format);
      }
      return format ? format(values ?? NO_VALUES) : general(id, values);
    };
    found = Object.assign(say, { locale });
    engineFormatters.set(locale, found);
  }
  return found;
}
