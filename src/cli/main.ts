// The `landfall` command line, defined as data with citty. This is the only layer that reads
// argv, the environment, the clock and files, and that writes to stdout.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, runMain, type CommandDef } from 'citty';
import { z } from 'zod';
import { assessProfile } from '../core/assess/assess-profile.ts';
import { assessmentSchema } from '../core/assess/assessment-schema.ts';
import { profileSchema } from '../core/profile/profile-schema.ts';
import { lawBook } from '../content/load-content.ts';
import { parseProfileText } from '../content/parse-profile-text.ts';
import { renderAssessmentHtml } from '../render/render-assessment-html.ts';
import { renderAssessmentMarkdown } from '../render/render-assessment-markdown.ts';
import { checkContent } from './check-content.ts';
import { startServer } from '../server/serve.ts';
import { deriveAnnex } from '../core/annex/derive-annex.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } from '../render/render-annex.ts';
import { renderAnnexXlsx } from '../render/render-annex-xlsx.ts';
import { renderAnnexDocx } from '../render/render-annex-docx.ts';
import { renderAnnexPdf } from '../render/render-annex-pdf.ts';
import { gapsForProfile, type GapOptions } from '../core/controls/profile-gaps.ts';
import { renderGapsCsv, renderGapsMarkdown, renderGapsXlsx } from '../render/render-gaps.ts';
import { SOURCE_FRAMEWORKS } from '../core/controls/controls-schema.ts';
import { OSCAL_FILES, oscalCatalog, oscalFrameworkCatalog, oscalMapping } from '../render/export-oscal.ts';
import { cisoFrameworkLibrary, cisoMappingLibrary } from '../render/export-ciso-assistant.ts';
import { InvalidInputError, reportError } from './cli-errors.ts';

const ASSESS_FORMATS = ['json', 'md', 'html'] as const;

/** Today's date in the local time zone, as YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function readProfileFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InvalidInputError([{ path, message: `cannot read the profile: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], 'profile');
  }
  const parsed = parseProfileText(text, path);
  if (!parsed.ok) throw new InvalidInputError(parsed.problems, 'profile');
  return parsed.value;
}

/** Runs a command body and turns any error into its exit code and message. */
function guarded<T>(body: (args: T) => void | Promise<void>): (context: { args: T }) => Promise<void> {
  return async ({ args }) => {
    try {
      await body(args);
    } catch (error) {
      const report = reportError(error);
      process.stderr.write(`${report.message}\n`);
      process.exitCode = report.exitCode;
    }
  };
}

function chooseFormat<F extends string>(requested: string | undefined, formats: readonly F[], fallback: F, path = '--format'): F {
  const format = requested ?? fallback;
  if (!(formats as readonly string[]).includes(format)) {
    throw new InvalidInputError([{ path, message: `expected one of ${formats.join(', ')}; received "${format}"` }], 'arguments');
  }
  return format as F;
}

/** Writes text or bytes to --out (all or nothing: a temporary file renamed into place) or to stdout. */
function emit(output: string | Uint8Array, out: string | undefined): void {
  if (out == null) {
    process.stdout.write(output);
    return;
  }
  const temporary = `${out}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, output);
    renameSync(temporary, out);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InvalidInputError([{ path: '--out', message: `cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], 'arguments');
  }
  process.stderr.write(`landfall: wrote ${out}\n`);
}

/** The arguments every profile command takes: the profile, the date and the output format. */
function profileArgs(formats: readonly string[]) {
  return {
    profile: { type: 'positional', description: 'Profile file (YAML or JSON), or - for standard input', required: true },
    'as-of': { type: 'string', description: 'Evaluate the law as of this date (YYYY-MM-DD); default today' },
    format: { type: 'string', description: `Output format: ${formats.join(', ')} (default md on a terminal, json when piped)` },
  } as const;
}

const OUT_ARG = { type: 'string', description: 'Write to this file instead of standard output (required for binary formats on a terminal)' } as const;

/** Binary formats go to a file or a pipe, never to a terminal. */
function refuseBinaryOnTerminal(format: string, out: string | undefined): void {
  if (['xlsx', 'docx', 'pdf'].includes(format) && out == null && process.stdout.isTTY) {
    throw new InvalidInputError([{ path: '--out', message: `${format} is binary: give --out <file>.${format} or redirect standard output` }], 'arguments');
  }
}

const GAP_FORMATS = ['md', 'json', 'csv', 'xlsx'] as const;
const ANNEX_FORMATS = ['md', 'html', 'json', 'xlsx', 'docx', 'pdf'] as const;

const annexCommand = defineCommand({
  meta: { name: 'annex', description: 'The engagement annex of a profile, derived without a database: register, diagrams, questions, guardrails, decisions.' },
  args: { ...profileArgs(ANNEX_FORMATS), out: OUT_ARG },
  run: guarded(async (args: { profile: string; 'as-of'?: string; format?: string; out?: string }) => {
    const format = chooseFormat(args.format, ANNEX_FORMATS, process.stdout.isTTY ? 'md' : 'json');
    refuseBinaryOnTerminal(format, args.out);
    const date = args['as-of'] ?? today();
    const assessment = assessProfile(lawBook(), readProfileFile(args.profile), date);
    const annex = deriveAnnex(assessment);
    const view = annexView(annex, derivedItems(annex), date);
    const output =
      format === 'json' ? `${JSON.stringify({ ...annex }, null, 2)}\n`
      : format === 'html' ? renderAnnexHtml(view)
      : format === 'xlsx' ? await renderAnnexXlsx(view)
      : format === 'docx' ? await renderAnnexDocx(view)
      : format === 'pdf' ? await renderAnnexPdf(view)
      : renderAnnexMarkdown(view);
    emit(output, args.out);
  }),
});
const EXPORT_KINDS = ['oscal', 'ciso-assistant'] as const;

/** The files an export writes, by name. Pure apart from the date passed in. */
export function exportFiles(kind: (typeof EXPORT_KINDS)[number], date: string, libraryVersion: number): Map<string, string> {
  const library = lawBook().controls;
  const files = new Map<string, string>();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  if (kind === 'oscal') {
    const meta = { lastModified: `${date}T00:00:00Z`, version: `content-${lawBook().contentVersion}` };
    files.set(OSCAL_FILES['gbt22239-2019'], json(oscalCatalog(library, meta)));
    for (const key of SOURCE_FRAMEWORKS) {
      files.set(OSCAL_FILES[key], json(oscalFrameworkCatalog(library, key, meta)));
      files.set(`landfall-mapping-${key}--gbt22239-2019.json`, json(oscalMapping(library, key, meta)));
    }
  } else {
    const meta = { version: libraryVersion, publicationDate: date };
    files.set('gbt22239-2019.yaml', cisoFrameworkLibrary(library, meta));
    for (const key of SOURCE_FRAMEWORKS) files.set(`mapping-${key}-to-gbt22239-2019.yaml`, cisoMappingLibrary(library, key, meta));
  }
  return files;
}

const exportCommand = defineCommand({
  meta: { name: 'export', description: 'Export the GB/T 22239-2019 catalogue and the crosswalks as OSCAL 1.2 (catalog + mapping JSON) or as CISO Assistant libraries (YAML).' },
  args: {
    kind: { type: 'positional', description: `What to export: ${EXPORT_KINDS.join(', ')}`, required: true },
    out: { type: 'string', description: 'Directory to write the files into (created if missing)', required: true },
    'library-version': { type: 'string', description: 'CISO Assistant library version (a whole number; raise it for each release you import)', default: '1' },
  },
  run: guarded((args: { kind: string; out: string; 'library-version': string }) => {
    const kind = chooseFormat(args.kind, EXPORT_KINDS, 'oscal', 'kind');
    const libraryVersion = Number(args['library-version']);
    if (!Number.isInteger(libraryVersion) || libraryVersion < 1) {
      throw new InvalidInputError([{ path: '--library-version', message: `expected a whole number of 1 or more; received "${args['library-version']}"` }], 'arguments');
    }
    const files = exportFiles(kind, today(), libraryVersion);
    mkdirSync(args.out, { recursive: true });
    for (const [name, text] of files) emit(text, join(args.out, name));
  }),
});

const gaps = defineCommand({
  meta: { name: 'gaps', description: 'GB/T 22239-2019 gap register: how far the profile\'s SOC 2 / ISO 27001 controls carry at each system\'s MLPS level.' },
  args: {
    ...profileArgs(GAP_FORMATS),
    level: { type: 'string', description: 'Analyse at this MLPS level (1-4) instead of the graded one' },
    system: { type: 'string', description: 'Only this system (its id)' },
    out: OUT_ARG,
  },
  run: guarded(async (args: { profile: string; level?: string; system?: string; 'as-of'?: string; format?: string; out?: string }) => {
    const format = chooseFormat(args.format, GAP_FORMATS, process.stdout.isTTY ? 'md' : 'json');
    refuseBinaryOnTerminal(format, args.out);
    let level: number | undefined;
    if (args.level != null) {
      level = Number(args.level);
      if (!Number.isInteger(level)) throw new InvalidInputError([{ path: '--level', message: `expected a level from 1 to 4; received "${args.level}"` }], 'arguments');
    }
    const input = readProfileFile(args.profile);
    const options: GapOptions = {};
    if (level != null) options.level = level;
    if (args.system != null) options.systemId = args.system;
    const register = gapsForProfile(lawBook(), input, args['as-of'] ?? today(), options);
    const output =
      format === 'json' ? `${JSON.stringify(register, null, 2)}\n` : format === 'csv' ? renderGapsCsv(register) : format === 'xlsx' ? await renderGapsXlsx(register) : renderGapsMarkdown(register);
    emit(output, args.out);
  }),
});

const assess = defineCommand({
  meta: { name: 'assess', description: 'Assess an entry profile as of a date: transfer route, CII, MLPS, ICP, hosting, localisation, sector rules, timeline.' },
  args: profileArgs(ASSESS_FORMATS),
  run: guarded((args: { profile: string; 'as-of'?: string; format?: string }) => {
    const format = chooseFormat(args.format, ASSESS_FORMATS, process.stdout.isTTY ? 'md' : 'json');
    const input = readProfileFile(args.profile);
    const assessment = assessProfile(lawBook(), input, args['as-of'] ?? today());
    const output = format === 'json' ? `${JSON.stringify(assessment, null, 2)}\n` : format === 'html' ? renderAssessmentHtml(assessment) : renderAssessmentMarkdown(assessment);
    process.stdout.write(output);
  }),
});

const serveCommand = defineCommand({
  meta: { name: 'serve', description: 'Start the Landfall server: the API under /api with an embedded database (PGlite) or DATABASE_URL; examples loaded as demo engagements on first start.' },
  args: {
    port: { type: 'string', description: 'Port (default $PORT or 4310; 0 picks a free one)' },
    host: { type: 'string', description: 'Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)' },
    'data-dir': { type: 'string', description: 'PGlite data folder when DATABASE_URL is not set (default $LANDFALL_DATA_DIR or ./.landfall-data)' },
  },
  run: guarded(async (args: { port?: string; host?: string; 'data-dir'?: string }) => {
    const port = Number(args.port ?? process.env.PORT ?? 4310);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidInputError([{ path: '--port', message: `expected a port number; received "${args.port}"` }], 'arguments');
    const running = await startServer({
      port,
      host: args.host ?? process.env.LANDFALL_HOST ?? '127.0.0.1',
      databaseUrl: process.env.DATABASE_URL,
      dataDir: args['data-dir'] ?? process.env.LANDFALL_DATA_DIR ?? '.landfall-data',
      adminEmail: process.env.LANDFALL_ADMIN_EMAIL,
      adminPassword: process.env.LANDFALL_ADMIN_PASSWORD,
      today,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const stop = (signal: string) => {
      process.stdout.write(`${signal}: shutting down\n`);
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`landfall: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  }),
});

const SCHEMAS = { profile: () => z.toJSONSchema(profileSchema, { io: 'input', target: 'draft-2020-12' }), assessment: () => z.toJSONSchema(assessmentSchema, { io: 'output', target: 'draft-2020-12' }) };

const schema = defineCommand({
  meta: { name: 'schema', description: 'Print the JSON Schema of the entry profile or of the assessment.' },
  args: { which: { type: 'positional', description: 'profile or assessment', required: true } },
  run: guarded((args: { which: string }) => {
    const make = SCHEMAS[args.which as keyof typeof SCHEMAS];
    if (!make) throw new InvalidInputError([{ path: 'which', message: `expected one of profile, assessment; received "${args.which}"` }], 'arguments');
    const document = { $id: `https://landfall.dev/schema/${args.which}-v1.json`, title: args.which === 'profile' ? 'Landfall entry profile, schemaVersion 1' : 'Landfall assessment, schemaVersion 1', ...make() };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }),
});

const checkContentCommand = defineCommand({
  meta: { name: 'check-content', description: 'Validate content/ (instruments, parameters, provisions, knowledge) and every reference to it in the code.' },
  run: guarded(() => {
    const summary = checkContent();
    process.stdout.write(`${summary}\n`);
  }),
});

export const main: CommandDef = defineCommand({
  meta: { name: 'landfall', version: '0.1.0', description: 'China market-entry workbench: dated law as code, cited determinations, engagement deliverables.' },
  subCommands: { serve: serveCommand, assess, annex: annexCommand, gaps, export: exportCommand, schema, 'check-content': checkContentCommand },
});

export function run(): Promise<void> {
  return runMain(main);
}
