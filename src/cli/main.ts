// The `landfall` command line. Commands are defined as data (citty's argument definitions) in
// commands/<verb>.ts and loaded only when named, so `landfall assess` never loads the server, the
// database drivers, docx, exceljs or playwright-core. `runCli` parses, dispatches and turns every
// error into an exit code; it writes nothing to the process, so tests call it in process. Only
// `run` (the bin) touches argv, stdout, signals and the exit code.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parseArgs, renderUsage, type ArgsDef, type CommandDef } from 'citty';
import { LandfallError, exitCodeOf } from '../core/errors.ts';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, InvalidInputError, unknownArguments, type CliContext, type CommandResult, type Daemon, type LandfallCommand } from './command.ts';

export const VERSION = '0.1.0';

const COMMANDS: Record<string, { description: string; load: () => Promise<{ default: LandfallCommand }> }> = {
  serve: { description: 'Start the server: the workbench and the API, with PGlite or DATABASE_URL.', load: () => import('./commands/serve.ts') as never },
  assess: { description: 'Assess an entry profile as of a date.', load: () => import('./commands/assess.ts') as never },
  annex: { description: 'The engagement annex of a profile (md, html, json, xlsx, docx, pdf).', load: () => import('./commands/annex.ts') as never },
  gaps: { description: 'The GB/T 22239-2019 gap register of a profile.', load: () => import('./commands/gaps.ts') as never },
  export: { description: 'The catalogue and crosswalks as OSCAL or CISO Assistant libraries.', load: () => import('./commands/export.ts') as never },
  schema: { description: 'The JSON Schema of the profile or of the assessment.', load: () => import('./commands/schema.ts') as never },
  calendar: { description: 'The obligations calendar of a profile (ics, md, json).', load: () => import('./commands/calendar.ts') as never },
  filing: { description: 'Draft a filing document (mlps-grading) in en or zh-CN.', load: () => import('./commands/filing.ts') as never },
  incident: { description: 'The incident clock: grade, who to tell and by when, the initial report.', load: () => import('./commands/incident.ts') as never },
  review: { description: 'Regulatory-change review between two dates and/or two content versions.', load: () => import('./commands/review.ts') as never },
  'check-content': { description: 'Validate content/ and the code\'s references to it.', load: () => import('./commands/check-content.ts') as never },
};

const ROOT_META = { name: 'landfall', version: VERSION, description: 'China market-entry workbench: dated law as code, cited determinations, engagement deliverables.' };

export interface CliOutcome {
  exitCode: number;
  stdout: Array<string | Uint8Array>;
  stderr: string[];
  daemon?: Daemon;
}

/** Today's date in the local time zone, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  const two = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** Colour only for a person at a terminal who has not asked for none (https://no-color.org). */
export function wantsColour(env: CliContext['env'], isTerminal: boolean): boolean {
  return isTerminal && !env.NO_COLOR && env.TERM !== 'dumb';
}

function describeError(error: unknown): { exitCode: number; message: string } {
  // The exit code of a LandfallError comes from its code (core/errors.ts); input the caller can fix lists every problem.
  if (error instanceof LandfallError) {
    const exitCode = exitCodeOf(error.code);
    if (exitCode !== EXIT_INVALID_INPUT || !error.problems) return { exitCode, message: `landfall: ${error.message}` };
    const subject = error instanceof InvalidInputError ? error.subject : 'input';
    const lines = error.problems.map((problem) => `  ${problem.path}: ${problem.message}`);
    return { exitCode, message: `landfall: invalid ${subject} (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'})\n${lines.join('\n')}` };
  }
  return { exitCode: EXIT_FAILURE, message: `landfall: ${error instanceof Error ? error.message : String(error)}` };
}

/** Writes a file whole: a temporary file renamed into place, so a failure leaves no partial file. */
function writeWhole(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InvalidInputError([{ path: '--out', message: `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], 'arguments');
  }
}

async function usage(command: LandfallCommand | null, colour: boolean): Promise<string> {
  const definition: CommandDef = command
    ? { meta: command.meta, args: command.args }
    : { meta: ROOT_META, subCommands: Object.fromEntries(Object.entries(COMMANDS).map(([name, entry]) => [name, { meta: { name, description: entry.description } }])) };
  const text = await renderUsage(definition, command ? { meta: ROOT_META } : undefined);
  return `${colour ? text : stripVTControlCharacters(text)}\n`;
}

/** Runs one command line; never exits the process or writes to it. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<CliOutcome> {
  const outcome: CliOutcome = { exitCode: 0, stdout: [], stderr: [] };
  const colour = wantsColour(context.env, context.stdoutIsTerminal);
  const [name, ...rest] = argv;
  const wantsHelp = (args: readonly string[]) => args.some((arg) => arg === '--help' || arg === '-h');
  if (name == null || name === '--help' || name === '-h') {
    (name == null ? outcome.stderr : outcome.stdout).push(await usage(null, colour));
    outcome.exitCode = name == null ? EXIT_INVALID_INPUT : 0;
    return outcome;
  }
  if (name === '--version' || name === '-v') {
    outcome.stdout.push(`${VERSION}\n`);
    return outcome;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    outcome.stderr.push(`landfall: unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ')}\n`);
    outcome.exitCode = EXIT_INVALID_INPUT;
    return outcome;
  }
  const command = (await entry.load()).default;
  if (wantsHelp(rest)) {
    outcome.stdout.push(await usage(command, colour));
    return outcome;
  }
  try {
    const unknown = unknownArguments(rest, command.args, command.variadic);
    if (unknown.length > 0) throw new InvalidInputError(unknown, 'arguments');
    const args = parseArgs(rest as string[], command.args as ArgsDef);
    const missing = Object.entries(command.args)
      .filter(([key, definition]) => definition.required === true && definition.default === undefined && (args as Record<string, unknown>)[key] == null)
      .map(([key, definition]) => ({ path: definition.type === 'positional' ? key : `--${key}`, message: 'required' }));
    if (missing.length > 0) throw new InvalidInputError(missing, 'arguments');
    const result: CommandResult = await command.run(args as never, context);
    for (const file of result.files ?? []) {
      writeWhole(file.path, file.data);
      context.log(`landfall: wrote ${file.path}`);
    }
    if (result.stdout != null) outcome.stdout.push(result.stdout);
    outcome.exitCode = result.exitCode;
    if (result.daemon) outcome.daemon = result.daemon;
  } catch (error) {
    const report = describeError(error);
    outcome.stderr.push(`${report.message}\n`);
    outcome.exitCode = report.exitCode;
  }
  return outcome;
}

/**
 * A one-shot command exits as soon as its output is written. Letting the event loop run dry
 * instead would also wait for V8's background work on the run's code (optimising compilation,
 * concurrent marking), some milliseconds of every run that change nothing.
 */
function exitWhenWritten(code: number): void {
  let pending = 2;
  const written = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}

/** The bin: the process's argv, streams, signals and exit code. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // `landfall assess ... | head` closes the pipe early: stop quietly instead of throwing EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const context: CliContext = {
    stdoutIsTerminal: process.stdout.isTTY === true,
    env: process.env,
    today,
    readStdin: () => readFileSync(0, 'utf8'),
    log: (line) => process.stderr.write(`${line}\n`),
    print: (line) => process.stdout.write(`${line}\n`),
  };
  const outcome = await runCli(argv, context);
  for (const chunk of outcome.stdout) process.stdout.write(chunk);
  for (const chunk of outcome.stderr) process.stderr.write(chunk);
  process.exitCode = outcome.exitCode;
  const daemon = outcome.daemon;
  if (!daemon) {
    exitWhenWritten(outcome.exitCode);
    return;
  }
  const stop = (signal: string) => {
    process.stdout.write(`${signal}: shutting down\n`);
    daemon.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`landfall: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
