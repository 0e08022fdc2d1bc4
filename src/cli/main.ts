// The `landfall` command line, defined as data with citty. This is the only layer that reads
// argv, the environment, the clock and files, and that writes to stdout.
import { readFileSync } from 'node:fs';
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
function guarded<T>(body: (args: T) => void): (context: { args: T }) => void {
  return ({ args }) => {
    try {
      body(args);
    } catch (error) {
      const report = reportError(error);
      process.stderr.write(`${report.message}\n`);
      process.exitCode = report.exitCode;
    }
  };
}

const assess = defineCommand({
  meta: { name: 'assess', description: 'Assess an entry profile as of a date: transfer route, CII, MLPS, ICP, hosting, localisation, sector rules, timeline.' },
  args: {
    profile: { type: 'positional', description: 'Profile file (YAML or JSON), or - for standard input', required: true },
    'as-of': { type: 'string', description: 'Evaluate the law as of this date (YYYY-MM-DD); default today' },
    format: { type: 'string', description: `Output format: ${ASSESS_FORMATS.join(', ')} (default md on a terminal, json when piped)` },
  },
  run: guarded((args: { profile: string; 'as-of'?: string; format?: string }) => {
    const format = args.format ?? (process.stdout.isTTY ? 'md' : 'json');
    if (!(ASSESS_FORMATS as readonly string[]).includes(format)) {
      throw new InvalidInputError([{ path: '--format', message: `expected one of ${ASSESS_FORMATS.join(', ')}; received "${format}"` }], 'arguments');
    }
    const input = readProfileFile(args.profile);
    const assessment = assessProfile(lawBook(), input, args['as-of'] ?? today());
    const output = format === 'json' ? `${JSON.stringify(assessment, null, 2)}\n` : format === 'html' ? renderAssessmentHtml(assessment) : renderAssessmentMarkdown(assessment);
    process.stdout.write(output);
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
  subCommands: { assess, schema, 'check-content': checkContentCommand },
});

export function run(): Promise<void> {
  return runMain(main);
}
