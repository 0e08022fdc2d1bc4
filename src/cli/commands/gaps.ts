// `landfall gaps`: the GB/T 22239-2019 gap register of a profile's systems.
import { gapsForInput } from '../../app/documents.ts';
import type { GapOptions } from '../../core/controls/profile-gaps.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { cliEngineContext } from '../engine-context.ts';
import { LANG_ARG, OUT_ARG, chooseFormat, chooseLocale, defaultFormat, output, profileArgs, readProfileFile, refuseBinaryOnTerminal } from '../profile-args.ts';

// Loaded only when the format or command needs them (TypeScript rewrites the .ts of a dynamic
// import only outside call arguments, so the loaders are declared here).
const loadRenderGaps = () => import('../../render/render-gaps.ts');

const FORMATS = ['md', 'json', 'csv', 'xlsx'] as const;

export default defineLandfallCommand({
  meta: { name: 'gaps', description: "GB/T 22239-2019 gap register: how far the profile's SOC 2 / ISO 27001 controls carry at each system's MLPS level." },
  args: {
    ...profileArgs(FORMATS),
    level: { type: 'string', description: 'Analyse at this MLPS level (1-4) instead of the graded one' },
    system: { type: 'string', description: 'Only this system (its id)' },
    out: OUT_ARG,
    lang: { ...LANG_ARG, description: `Language of the register's headings, labels and item summaries (${LANG_ARG.description}); JSON carries both` },
  },
  async run(args, context) {
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    const locale = chooseLocale(args.lang);
    refuseBinaryOnTerminal(format, args.out, context);
    const options: GapOptions = {};
    if (args.level != null) {
      const level = Number(args.level);
      if (!Number.isInteger(level)) throw new InvalidInputError([{ path: '--level', message: `expected a level from 1 to 4; received "${args.level}"` }], 'arguments');
      options.level = level;
    }
    if (args.system != null) options.systemId = args.system;
    const engine = await cliEngineContext(context);
    const register = gapsForInput(engine, readProfileFile(args.profile, context), args['as-of'] ?? engine.clock.today(), options, locale);
    if (format === 'json') return output(`${JSON.stringify(register, null, 2)}\n`, args.out);
    const render = await loadRenderGaps();
    if (format === 'csv') return output(render.renderGapsCsv(register, locale), args.out);
    if (format === 'xlsx') return output(await render.renderGapsXlsx(register, locale), args.out);
    return output(render.renderGapsMarkdown(register, locale), args.out);
  },
});
