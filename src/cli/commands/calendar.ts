// `landfall calendar`: the obligations calendar of a profile, as iCalendar, Markdown or JSON.
import { assessInput } from '../../app/assess.ts';
import { calendarOf } from '../../app/documents.ts';
import type { CalendarAnchors } from '../../core/calendar/obligations-calendar.ts';
import { isIsoDate } from '../../core/law/dates.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { cliEngineContext } from '../engine-context.ts';
import { LANG_ARG, OUT_ARG, chooseFormat, chooseLocale, defaultFormat, output, profileArgs, readProfileFile } from '../profile-args.ts';

const loadRenderCalendar = () => import('../../render/render-calendar.ts');
const FORMATS = ['ics', 'md', 'json'] as const;

export default defineLandfallCommand({
  meta: { name: 'calendar', description: 'The obligations calendar: MLPS assessments, PSB filings, PI audits, transfer validity and filing deadlines, sector reports, re-filing triggers.' },
  args: {
    ...profileArgs(FORMATS),
    'go-live': { type: 'string', description: 'The go-live date, when it differs from the plan (YYYY-MM-DD)' },
    'transfer-effective': { type: 'string', description: 'When the transfer mechanism took effect: CAC approval or the standard contract\'s effective date (YYYY-MM-DD)' },
    years: { type: 'string', description: 'How many years of recurring duties to list (default 3)', default: '3' },
    lang: { ...LANG_ARG, description: `Language of the calendar's duties and of the document around them (${LANG_ARG.description}); JSON too` },
    out: OUT_ARG,
  },
  async run(args, context) {
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    const locale = chooseLocale(args.lang);
    const problems = [
      ...(['go-live', 'transfer-effective'] as const).filter((key) => args[key] != null && !isIsoDate(args[key]!)).map((key) => ({ path: `--${key}`, message: `expected a date as YYYY-MM-DD; received "${args[key]}"` })),
      ...(/^(?:[1-9]|10)$/.test(args.years) ? [] : [{ path: '--years', message: `expected a whole number from 1 to 10; received "${args.years}"` }]),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems, 'arguments');
    const engine = await cliEngineContext(context);
    // Assessed in the calendar's language, so the duties it takes from the assessment read in it too.
    const assessment = assessInput(engine, readProfileFile(args.profile, context), args['as-of'] ?? engine.clock.today(), locale);
    const anchors: CalendarAnchors = { goLive: args['go-live'], transferEffective: args['transfer-effective'] };
    const calendar = calendarOf(engine, assessment, locale, anchors, Number(args.years));
    if (format === 'json') return output(`${JSON.stringify(calendar, null, 2)}\n`, args.out);
    const render = await loadRenderCalendar();
    return output(format === 'ics' ? render.renderCalendarIcs(calendar, { locale }) : render.renderCalendarMarkdown(calendar, locale), args.out);
  },
});
