// `landfall filing`: a document the client files, drafted from the profile and its assessment, in
// English or Chinese. Fields the profile cannot fill are marked for the consultant.
import { assessWithProfile } from '../../app/assess.ts';
import { checkAsOf } from '../../core/assess/assess-profile.ts';
import { invalidProfile } from '../../core/input-errors.ts';
import { FILING_KINDS, draftFiling, type FilingModel } from '../../core/filings/draft-filing.ts';
import { isLandfallError } from '../../core/errors.ts';
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';
import { isIsoDate } from '../../core/law/dates.ts';
import { LOCALES, isLocale } from '../../i18n/messages.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { cliEngineContext } from '../engine-context.ts';
import { OUT_ARG, chooseFormat, defaultFormat, output, readProfileFile, refuseBinaryOnTerminal } from '../profile-args.ts';

const loadRenderFiling = () => import('../../render/render-filing.ts');
const loadRenderFilingDocx = () => import('../../render/render-filing-docx.ts');
const loadFilingTemplate = () => import('../../render/filing-template.ts');
const KINDS = FILING_KINDS;
const FORMATS = ['md', 'json', 'docx'] as const;

export default defineLandfallCommand({
  meta: { name: 'filing', description: 'Draft a filing document from a profile, in en or zh-CN: pipia (the PI protection impact assessment report, a section per transfer), mlps-grading (the MLPS grading report of one system), mlps-filing (its filing form, level 2+), standard-contract (Annex I of each transfer, the materials, the filing deadline in working days), security-assessment (the declaration\'s materials, the self-assessment outline, validity and extension).' },
  args: {
    kind: { type: 'positional', description: `What to draft: ${KINDS.join(', ')}`, required: true },
    profile: { type: 'positional', description: 'Profile file (YAML or JSON), or - for standard input', required: true },
    system: { type: 'string', description: 'mlps-grading: the system (its id); required when the profile has more than one' },
    transfer: { type: 'string', description: 'standard-contract: only this transfer (its id); default every counted transfer' },
    'contract-effective': { type: 'string', description: 'standard-contract: the contract\'s effective date (YYYY-MM-DD), to compute the filing deadline in working days' },
    lang: { type: 'string', description: `Language: ${LOCALES.join(', ')} (default en)`, default: 'en' },
    'as-of': { type: 'string', description: 'Evaluate the law as of this date (YYYY-MM-DD); default today' },
    format: { type: 'string', description: `Output format: ${FORMATS.join(', ')} (default md on a terminal, json when piped)` },
    template: { type: 'string', description: 'docx: the consultancy\'s Word template (.docx, at most 5 MiB, no macros): its header, footer, styles and page, with the pack where it says {{filing}} and the title where it says {{title}}' },
    out: OUT_ARG,
  },
  async run(args, context) {
    const kind = chooseFormat(args.kind, KINDS, 'mlps-grading', 'kind');
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    refuseBinaryOnTerminal(format, args.out, context);
    if (args.template != null && format !== 'docx') throw new InvalidInputError([{ path: '--template', message: `a template is for --format docx; received --format ${format}` }], 'arguments');
    const template = args.template == null ? null : await readTemplate(args.template);
    if (!isLocale(args.lang)) throw new InvalidInputError([{ path: '--lang', message: `expected one of ${LOCALES.join(', ')}; received "${args.lang}"` }], 'arguments');
    const engine = await cliEngineContext(context);
    const asOf = args['as-of'] ?? engine.clock.today();
    // The date is checked before the profile is read, so a wrong date is the one error.
    const dateProblems = checkAsOf(asOf);
    if (dateProblems.length > 0) throw invalidProfile(dateProblems);
    const book = engine.lawBook;
    // Assessed in the pack's language, so the duties and reasons it borrows read in that language too.
    const { profile, assessment } = assessWithProfile(engine, readProfileFile(args.profile, context), asOf, args.lang);
    const effective = args['contract-effective'];
    if (effective != null && !isIsoDate(effective)) throw new InvalidInputError([{ path: '--contract-effective', message: `expected a date as YYYY-MM-DD; received "${effective}"` }], 'arguments');
    // Each kind: its model from the profile and the assessment, and the document that puts it in words.
    let model: FilingModel;
    try {
      model = draftFiling(book, profile, assessment, { kind, systemId: args.system, transferId: args.transfer, contractEffective: effective });
    } catch (error) {
      if (isLandfallError(error, 'filing_not_applicable')) throw new InvalidInputError(error.problems ?? [], 'arguments');
      throw error;
    }
    if (format === 'json') return output(`${JSON.stringify({ ...model, lang: args.lang }, null, 2)}\n`, args.out);
    const render = await loadRenderFiling();
    const document = render.filingDocument(book, model, args.lang);
    if (format === 'docx' && template) return output(await (await loadFilingTemplate()).renderFilingDocxInTemplate(document, args.lang, template), args.out);
    if (format === 'docx') return output(await (await loadRenderFilingDocx()).renderFilingDocx(document, args.lang), args.out);
    return output(render.renderFilingMarkdown(document), args.out);
  },
});

/** The template's bytes, read only when it is within the size bound, and checked before the pack is drafted. */
async function readTemplate(path: string): Promise<Uint8Array> {
  const { TEMPLATE_MAX_BYTES, checkFilingTemplate } = await loadFilingTemplate();
  let bytes: Uint8Array;
  let descriptor: number | null = null;
  try {
    descriptor = openSync(path, 'r');
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new InvalidInputError([{ path: '--template', message: `${path} is not a file` }], 'arguments');
    const size = stats.size;
    if (size > TEMPLATE_MAX_BYTES) throw new InvalidInputError([{ path: '--template', message: `${path} is ${size} bytes; a template may have at most ${TEMPLATE_MAX_BYTES}` }], 'arguments');
    bytes = new Uint8Array(size);
    for (let read = 0; read < size;) {
      const count = readSync(descriptor, bytes, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError([{ path: '--template', message: `cannot read the template: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], 'arguments');
  } finally {
    if (descriptor != null) closeSync(descriptor);
  }
  const problems = await checkFilingTemplate(bytes, '--template');
  if (problems.length > 0) throw new InvalidInputError(problems, 'arguments');
  return bytes;
}
