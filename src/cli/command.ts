// What a command is: citty's argument definitions (which drive parsing, help and the check for
// unknown options) and a `run` that computes its result. Commands never write to stdout or exit;
// the runner in main.ts does, so every command is tested in process.
import type { ArgsDef, CommandMeta, ParsedArgs } from 'citty';
import type { Problem } from '../core/profile/normalise-profile.ts';
import { LandfallError } from '../core/errors.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID_INPUT = 2;

/** What a command may use of the outside world; main passes the real one, tests their own. */
export interface CliContext {
  readonly stdoutIsTerminal: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Today's date (YYYY-MM-DD) in the local time zone. */
  today(): string;
  /** Standard input, for a profile given as `-`. */
  readStdin(): string;
  /** Progress and notes for a person (stderr); never the command's output. */
  log(line: string): void;
  /** A line of output written at once, for long-running commands such as serve. */
  print(line: string): void;
}

/** A file to write whole (a temporary file renamed into place). */
export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/** A server or other long-running work that main keeps alive until a signal stops it. */
export interface Daemon {
  close(): Promise<void>;
}

export interface CommandResult {
  exitCode: number;
  stdout?: string | Uint8Array;
  files?: OutputFile[];
  daemon?: Daemon;
}

export interface LandfallCommand<A extends ArgsDef = ArgsDef> {
  meta: CommandMeta;
  args: A;
  /** The last positional argument takes any number of values (`review PROFILE...`). */
  variadic?: boolean;
  run(args: ParsedArgs<A>, context: CliContext): Promise<CommandResult> | CommandResult;
}

export function defineLandfallCommand<const A extends ArgsDef>(command: LandfallCommand<A>): LandfallCommand<A> {
  return command;
}

/** Input the user can fix (arguments, settings, a profile file): every problem is listed with its path, and the exit code is 2. */
export class InvalidInputError extends LandfallError {
  override readonly name = 'InvalidInputError';
  override readonly problems: Problem[];
  constructor(
    problems: Problem[],
    readonly subject = 'input',
  ) {
    super('invalid_input', `invalid ${subject}`, { problems });
    this.problems = problems;
  }
}

const toArray = <T>(value: T | T[] | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

/**
 * Options and arguments the command does not define. citty accepts any flag silently, so a typo
 * (`--data` for `--data-dir`) would change nothing and say nothing; this lists each one instead.
 */
export function unknownArguments(rawArgs: readonly string[], args: ArgsDef, variadic = false): Problem[] {
  const names = new Map<string, { type?: string | undefined }>();
  let positionals = 0;
  for (const [name, definition] of Object.entries(args)) {
    if (definition.type === 'positional') {
      positionals += 1;
      continue;
    }
    names.set(name, definition);
    for (const alias of toArray((definition as { alias?: string | string[] }).alias)) names.set(alias, definition);
  }
  const problems: Problem[] = [];
  let seenPositionals = 0;
  for (let index = 0; index < rawArgs.length; index += 1) {
    const token = rawArgs[index]!;
    if (token === '--') {
      seenPositionals += rawArgs.length - index - 1;
      break;
    }
    if (token.startsWith('-') && token !== '-') {
      const [flag, inline] = token.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
      const definition = names.get(flag) ?? (flag.startsWith('no-') ? names.get(flag.slice(3)) : undefined);
      if (!definition || (flag.startsWith('no-') && !names.has(flag) && definition.type !== 'boolean')) {
        problems.push({ path: `--${flag}`, message: `unknown option; the options are ${[...new Set([...names.keys()].filter((name) => name.length > 1))].map((name) => `--${name}`).join(', ') || 'none'}` });
        continue;
      }
      if (definition.type !== 'boolean' && inline === undefined) index += 1;
      continue;
    }
    seenPositionals += 1;
  }
  if (seenPositionals > positionals && !variadic) problems.push({ path: '(arguments)', message: `expected ${positionals === 0 ? 'no' : `at most ${positionals}`} positional argument${positionals === 1 ? '' : 's'}; received ${seenPositionals}` });
  return problems;
}
