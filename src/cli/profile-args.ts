// What the profile commands (assess, annex, gaps) share: their arguments, reading the profile,
// choosing the format, and where binary output may go.
import { readFileSync } from 'node:fs';
import { parseProfileText } from '../content/parse-profile-text.ts';
import { LOCALES, isLocale, type Locale } from '../i18n/messages.ts';
import { InvalidInputError, type CliContext, type CommandResult } from './command.ts';

export function profileArgs(formats: readonly string[]) {
  return {
    profile: { type: 'positional', description: 'Profile file (YAML or JSON), or - for standard input', required: true },
    'as-of': { type: 'string', description: 'Evaluate the law as of this date (YYYY-MM-DD); default today' },
    format: { type: 'string', description: `Output format: ${formats.join(', ')} (default md on a terminal, json when piped)` },
  } as const;
}

/** `--lang`: the language of a document (its own words, and the engine's prose where it has it). */
export const LANG_ARG = { type: 'string', description: `Language: ${LOCALES.join(', ')} (default en)`, default: 'en' } as const;

/** The --lang value as a locale; anything else is an error naming the languages there are. */
export function chooseLocale(requested: string | undefined): Locale {
  const lang = requested ?? 'en';
  if (!isLocale(lang)) throw new InvalidInputError([{ path: '--lang', message: `expected one of ${LOCALES.join(', ')}; received "${lang}"` }], 'arguments');
  return lang;
}

export const OUT_ARG = {
  type: 'string',
  alias: 'o',
  description: 'Write to this file instead of standard output (required for binary formats on a terminal)',
} as const;

export function readProfileFile(path: string, context: CliContext): unknown {
  let text: string;
  try {
    text = path === '-' ? context.readStdin() : readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError([{ path, message: `cannot read the profile: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], 'profile');
  }
  const parsed = parseProfileText(text, path);
  if (!parsed.ok) throw new InvalidInputError(parsed.problems, 'profile');
  return parsed.value;
}

export function chooseFormat<F extends string>(requested: string | undefined, formats: readonly F[], fallback: F, path = '--format'): F {
  const format = requested ?? fallback;
  if (!(formats as readonly string[]).includes(format)) {
    throw new InvalidInputError([{ path, message: `expected one of ${formats.join(', ')}; received "${format}"` }], 'arguments');
  }
  return format as F;
}

/** The default format of a profile command: Markdown for a person at a terminal, JSON for a pipe. */
export const defaultFormat = (context: CliContext): 'md' | 'json' => (context.stdoutIsTerminal ? 'md' : 'json');

/** Binary formats go to a file or a pipe, never to a terminal. */
export function refuseBinaryOnTerminal(format: string, out: string | undefined, context: CliContext): void {
  if (['xlsx', 'docx', 'pdf'].includes(format) && out == null && context.stdoutIsTerminal) {
    throw new InvalidInputError([{ path: '--out', message: `${format} is binary: give --out <file>.${format} or redirect standard output` }], 'arguments');
  }
}

/** The output to standard output, or to the --out file. */
export function output(data: string | Uint8Array, out: string | undefined): CommandResult {
  return out == null ? { exitCode: 0, stdout: data } : { exitCode: 0, files: [{ path: out, data }] };
}
