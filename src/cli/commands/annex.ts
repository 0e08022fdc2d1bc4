// `landfall annex`: the engagement annex of a profile, derived without a database.
import { assessAndDerive } from '../../app/annex.ts';
import { isLandfallError } from '../../core/errors.ts';
import { readFileSync } from 'node:fs';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { cliEngineContext } from '../engine-context.ts';
import { instrumentTitlesOf, type Branding } from '../../render/annex-parts.ts';
import { LANG_ARG, OUT_ARG, chooseFormat, chooseLocale, defaultFormat, output, profileArgs, readProfileFile, refuseBinaryOnTerminal } from '../profile-args.ts';

// Loaded only when the format or command needs them (TypeScript rewrites the .ts of a dynamic
// import only outside call arguments, so the loaders are declared here).
const loadRenderAnnex = () => import('../../render/render-annex.ts');
const loadRenderAnnexXlsx = () => import('../../render/render-annex-xlsx.ts');
const loadRenderAnnexDocx = () => import('../../render/render-annex-docx.ts');
const loadRenderAnnexPdf = () => import('../../render/render-annex-pdf.ts');

const FORMATS = ['md', 'html', 'json', 'xlsx', 'docx', 'pdf'] as const;

/** The consultancy's name and logo from --consultancy and --logo (the server keeps them as a setting). */
async function brandingFrom(consultancy: string | undefined, logo: string | undefined): Promise<Partial<Branding>> {
  const problems: Array<{ path: string; message: string }> = [];
  const name = consultancy?.trim();
  if (consultancy != null && (!name || name.length > 120 || /\p{Cc}/u.test(name))) problems.push({ path: '--consultancy', message: 'expected a name of 1 to 120 characters on one line' });
  let logoPng: Uint8Array | null = null;
  if (logo != null) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = readFileSync(logo);
    } catch (error) {
      problems.push({ path: '--logo', message: `cannot read the logo: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    }
    if (bytes) {
      const { normaliseLogo } = await import('../../render/logo.ts');
      try {
        logoPng = await normaliseLogo(bytes, '--logo');
      } catch (error) {
        if (!isLandfallError(error, 'invalid_request') || !error.problems) throw error;
        problems.push(...error.problems);
      }
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems, 'arguments');
  return { ...(name ? { consultancy: name } : {}), logoPng };
}

export default defineLandfallCommand({
  meta: { name: 'annex', description: 'The engagement annex of a profile, derived without a database: register, diagrams, questions, guardrails, decisions.' },
  args: {
    ...profileArgs(FORMATS),
    out: OUT_ARG,
    lang: { ...LANG_ARG, description: `Language of the annex: its headings and labels, and the engine's prose (${LANG_ARG.description})` },
    consultancy: { type: 'string', description: 'The consultancy named on the cover and in the running header (default Landfall)' },
    logo: { type: 'string', description: 'A PNG, JPEG or WebP logo for the cover (re-encoded as a PNG of at most 800 x 300 pixels)' },
  },
  async run(args, context) {
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    const locale = chooseLocale(args.lang);
    refuseBinaryOnTerminal(format, args.out, context);
    const engine = await cliEngineContext(context);
    const date = args['as-of'] ?? engine.clock.today();
    const book = engine.lawBook;
    const { annex } = assessAndDerive(engine, readProfileFile(args.profile, context), date, locale);
    if (format === 'json') return output(`${JSON.stringify({ ...annex }, null, 2)}\n`, args.out);
    // The renderers and their heavy libraries (docx, exceljs, playwright-core) load only when asked for.
    const { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } = await loadRenderAnnex();
    const view = annexView(annex, derivedItems(annex), date, { branding: await brandingFrom(args.consultancy, args.logo), locale, instrumentTitles: instrumentTitlesOf(book) });
    if (format === 'md') return output(renderAnnexMarkdown(view), args.out);
    if (format === 'html') return output(renderAnnexHtml(view), args.out);
    if (format === 'xlsx') return output(await (await loadRenderAnnexXlsx()).renderAnnexXlsx(view), args.out);
    if (format === 'docx') return output(await (await loadRenderAnnexDocx()).renderAnnexDocx(view), args.out);
    const { closeSharedPdfPool, renderAnnexPdf } = await loadRenderAnnexPdf();
    // The command prints one PDF, so the browser goes with it and the process can exit.
    return output(await renderAnnexPdf(view).finally(closeSharedPdfPool), args.out);
  },
});
