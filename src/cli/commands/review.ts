// `landfall review`: the regulatory-change review of one or more profiles, without a database. Two
// axes, alone or together: the date (the same content on --from and --to: rules coming into force)
// and the content (an earlier content folder, --content-before, against this checkout's: new
// knowledge). Exit 0 whether or not anything changed.
import { existsSync } from 'node:fs';
import { reviewInput } from '../../app/documents.ts';
import { LOCALES, isLocale } from '../../i18n/messages.ts';
import { isIsoDate } from '../../core/law/dates.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { cliEngineContext } from '../engine-context.ts';
import { OUT_ARG, chooseFormat, defaultFormat, output, readProfileFile, refuseBinaryOnTerminal } from '../profile-args.ts';

// The validating content loader, only for an earlier content folder (--content-before).
const loadContent = () => import('../../content/load-content.ts');
const loadRenderReview = () => import('../../render/render-review.ts');
const loadRenderReviewDocx = () => import('../../render/render-review-docx.ts');
const FORMATS = ['md', 'json', 'docx'] as const;

export default defineLandfallCommand({
  meta: { name: 'review', description: 'Regulatory-change review: what changed in each profile\'s determinations between two dates and/or two content versions, and why.' },
  args: {
    profiles: { type: 'positional', description: 'Profile files (YAML or JSON)', required: true },
    from: { type: 'string', description: 'The earlier date (YYYY-MM-DD); default --to (then --content-before is needed)' },
    to: { type: 'string', description: 'The later date (YYYY-MM-DD); default today' },
    'content-before': { type: 'string', description: 'A content/ folder of an earlier release to compare against this checkout\'s content' },
    format: { type: 'string', description: `Output format: ${FORMATS.join(', ')} (default md on a terminal, json when piped)` },
    lang: { type: 'string', description: `Language of the memo and of the changes it lists: ${LOCALES.join(', ')} (default en)`, default: 'en' },
    out: OUT_ARG,
  },
  variadic: true,
  async run(args, context) {
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    refuseBinaryOnTerminal(format, args.out, context);
    const engine = await cliEngineContext(context);
    const to = args.to ?? engine.clock.today();
    const from = args.from ?? to;
    const problems = [
      ...(isIsoDate(to) ? [] : [{ path: '--to', message: `expected a date as YYYY-MM-DD; received "${to}"` }]),
      ...(isIsoDate(from) ? [] : [{ path: '--from', message: `expected a date as YYYY-MM-DD; received "${from}"` }]),
      ...(isIsoDate(from) && isIsoDate(to) && from > to ? [{ path: '--from', message: `${from} is after --to ${to}` }] : []),
      ...(from === to && args['content-before'] == null ? [{ path: '--from', message: 'give --from (an earlier date), --content-before (an earlier content folder), or both' }] : []),
      ...(args['content-before'] != null && !existsSync(args['content-before']) ? [{ path: '--content-before', message: `no such folder: ${args['content-before']}` }] : []),
      ...(isLocale(args.lang) ? [] : [{ path: '--lang', message: `expected one of ${LOCALES.join(', ')}; received "${args.lang}"` }]),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems, 'arguments');
    const before = args['content-before'] != null ? (await loadContent()).loadLawBook(args['content-before']) : engine.lawBook;
    const locale = isLocale(args.lang) ? args.lang : 'en';
    // Both sides are assessed in the memo's language, so the changes read in it too.
    const files = args._.map(String);
    const entries = files.map((file) => ({ file, review: reviewInput(engine, readProfileFile(file, context), { from, to, before }, locale) }));
    if (format === 'json') return output(`${JSON.stringify({ reviews: entries.map(({ file, review }) => ({ file, ...review })) }, null, 2)}\n`, args.out);
    if (format === 'docx') return output(await (await loadRenderReviewDocx()).renderReviewDocx(entries, locale), args.out);
    return output((await loadRenderReview()).renderReviewMarkdown(entries, locale), args.out);
  },
});
