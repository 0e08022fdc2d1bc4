// `landfall assess`: the assessment of a profile as of a date, as JSON, Markdown or HTML.
import { assessInput } from '../../app/assess.ts';
import { defineLandfallCommand } from '../command.ts';
import { cliEngineContext } from '../engine-context.ts';
import { LANG_ARG, chooseFormat, chooseLocale, defaultFormat, profileArgs, readProfileFile } from '../profile-args.ts';

// Loaded only when the format or command needs them (TypeScript rewrites the .ts of a dynamic
// import only outside call arguments, so the loaders are declared here).
const loadRenderAssessmentMarkdown = () => import('../../render/render-assessment-markdown.ts');
const loadRenderAssessmentHtml = () => import('../../render/render-assessment-html.ts');

const FORMATS = ['json', 'md', 'html'] as const;

export default defineLandfallCommand({
  meta: { name: 'assess', description: 'Assess an entry profile as of a date: transfer route, CII, MLPS, ICP, hosting, localisation, sector rules, timeline.' },
  args: {
    ...profileArgs(FORMATS),
    lang: { ...LANG_ARG, description: `Language of the assessment's prose and of the report around it (${LANG_ARG.description}); JSON too` },
  },
  async run(args, context) {
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    const locale = chooseLocale(args.lang);
    const engine = await cliEngineContext(context);
    const assessment = assessInput(engine, readProfileFile(args.profile, context), args['as-of'] ?? engine.clock.today(), locale);
    if (format === 'json') return { exitCode: 0, stdout: `${JSON.stringify(assessment, null, 2)}\n` };
    if (format === 'md') return { exitCode: 0, stdout: (await loadRenderAssessmentMarkdown()).renderAssessmentMarkdown(assessment, locale) };
    const { renderAssessmentHtml } = await loadRenderAssessmentHtml();
    return { exitCode: 0, stdout: renderAssessmentHtml(assessment, locale) };
  },
});
