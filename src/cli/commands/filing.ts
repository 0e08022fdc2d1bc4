// `landfall filing`: a document the client files, drafted from the profile and its assessment, in
// English or Chinese. Fields the profile cannot fill are marked for the consultant.
import { lawBook } from '../../content/load-content.ts';
import { AssessInputError, assessNormalised, checkAsOf } from '../../core/assess/assess-profile.ts';
import { FilingInputError, mlpsGradingReport } from '../../core/filings/mlps-grading.ts';
import { standardContractPack } from '../../core/filings/standard-contract.ts';
import { securityAssessmentPack } from '../../core/filings/security-assessment.ts';
import { mlpsFilingForm } from '../../core/filings/mlps-filing.ts';
import { pipiaReport } from '../../core/filings/pipia.ts';
import { isIsoDate } from '../../core/law/dates.ts';
import { normaliseProfile } from '../../core/profile/normalise-profile.ts';
import { LOCALES, isLocale } from '../../i18n/messages.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { OUT_ARG, chooseFormat, defaultFormat, output, readProfileFile, refuseBinaryOnTerminal } from '../profile-args.ts';

const loadRenderFiling = () => import('../../render/render-filing.ts');
const loadRenderFilingDocx = () => import('../../render/render-filing-docx.ts');
const KINDS = ['pipia', 'standard-contract', 'security-assessment', 'mlps-grading', 'mlps-filing'] as const;
type FilingModel = Parameters<Awaited<ReturnType<typeof loadRenderFiling>>['filingDocument']>[1];
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
    out: OUT_ARG,
  },
  async run(args, context) {
    const kind = chooseFormat(args.kind, KINDS, 'mlps-grading', 'kind');
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    refuseBinaryOnTerminal(format, args.out, context);
    if (!isLocale(args.lang)) throw new InvalidInputError([{ path: '--lang', message: `expected one of ${LOCALES.join(', ')}; received "${args.lang}"` }], 'arguments');
    const asOf = args['as-of'] ?? context.today();
    const dateProblems = checkAsOf(asOf);
    if (dateProblems.length > 0) throw new AssessInputError(dateProblems);
    const normalised = normaliseProfile(readProfileFile(args.profile, context), asOf);
    if (!normalised.ok) throw new AssessInputError(normalised.problems);
    const { profile } = normalised;
    const book = lawBook();
    const assessment = assessNormalised(book, profile, normalised.defaultsUsed, asOf);
    const systemId = () => {
      const id = args.system ?? (profile.systems.length === 1 ? profile.systems[0]!.id : undefined);
      if (id == null) throw new InvalidInputError([{ path: '--system', message: `the profile has ${profile.systems.length} systems; name one: ${profile.systems.map((system) => system.id).join(', ') || 'none'}` }], 'arguments');
      return id;
    };
    const effective = args['contract-effective'];
    if (effective != null && !isIsoDate(effective)) throw new InvalidInputError([{ path: '--contract-effective', message: `expected a date as YYYY-MM-DD; received "${effective}"` }], 'arguments');
    // Each kind: its model from the profile and the assessment, and the document that puts it in words.
    let model: FilingModel;
    try {
      model =
        kind === 'pipia' ? pipiaReport(book, profile, assessment)
        : kind === 'security-assessment' ? securityAssessmentPack(book, profile, assessment)
        : kind === 'standard-contract' ? standardContractPack(book, profile, assessment, { transferId: args.transfer, contractEffective: effective })
        : kind === 'mlps-filing' ? mlpsFilingForm(profile, assessment, systemId())
        : mlpsGradingReport(profile, assessment, systemId());
    } catch (error) {
      if (error instanceof FilingInputError) throw new InvalidInputError(error.problems, 'arguments');
      throw error;
    }
    if (format === 'json') return output(`${JSON.stringify({ ...model, lang: args.lang }, null, 2)}\n`, args.out);
    const render = await loadRenderFiling();
    const document = render.filingDocument(book, model, args.lang);
    if (format === 'docx') return output(await (await loadRenderFilingDocx()).renderFilingDocx(document, args.lang), args.out);
    return output(render.renderFilingMarkdown(document), args.out);
  },
});
