// `landfall annex`: the engagement annex of a profile, derived without a database.
import { lawBook } from '../../content/load-content.ts';
import { deriveAnnex } from '../../core/annex/derive-annex.ts';
import { assessProfile } from '../../core/assess/assess-profile.ts';
import { defineLandfallCommand } from '../command.ts';
import { OUT_ARG, chooseFormat, defaultFormat, output, profileArgs, readProfileFile, refuseBinaryOnTerminal } from '../profile-args.ts';

// Loaded only when the format or command needs them (TypeScript rewrites the .ts of a dynamic
// import only outside call arguments, so the loaders are declared here).
const loadRenderAnnex = () => import('../../render/render-annex.ts');
const loadRenderAnnexXlsx = () => import('../../render/render-annex-xlsx.ts');
const loadRenderAnnexDocx = () => import('../../render/render-annex-docx.ts');
const loadRenderAnnexPdf = () => import('../../render/render-annex-pdf.ts');

const FORMATS = ['md', 'html', 'json', 'xlsx', 'docx', 'pdf'] as const;

export default defineLandfallCommand({
  meta: { name: 'annex', description: 'The engagement annex of a profile, derived without a database: register, diagrams, questions, guardrails, decisions.' },
  args: { ...profileArgs(FORMATS), out: OUT_ARG },
  async run(args, context) {
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    refuseBinaryOnTerminal(format, args.out, context);
    const date = args['as-of'] ?? context.today();
    const book = lawBook();
    const annex = deriveAnnex(assessProfile(book, readProfileFile(args.profile, context), date), { integrations: book.integrations });
    if (format === 'json') return output(`${JSON.stringify({ ...annex }, null, 2)}\n`, args.out);
    // The renderers and their heavy libraries (docx, exceljs, playwright-core) load only when asked for.
    const { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } = await loadRenderAnnex();
    const view = annexView(annex, derivedItems(annex), date);
    if (format === 'md') return output(renderAnnexMarkdown(view), args.out);
    if (format === 'html') return output(renderAnnexHtml(view), args.out);
    if (format === 'xlsx') return output(await (await loadRenderAnnexXlsx()).renderAnnexXlsx(view), args.out);
    if (format === 'docx') return output(await (await loadRenderAnnexDocx()).renderAnnexDocx(view), args.out);
    const { closeSharedPdfPool, renderAnnexPdf } = await loadRenderAnnexPdf();
    // The command prints one PDF, so the browser goes with it and the process can exit.
    return output(await renderAnnexPdf(view).finally(closeSharedPdfPool), args.out);
  },
});
