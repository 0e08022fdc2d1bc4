// `landfall incident`: the incident clock without a database. From the facts known so far: the
// grade, whether and to whom the incident is reported, the deadlines in Beijing time from the
// moment of discovery, and the initial report prefilled from the profile (en or zh-CN).
import { invalidProfile } from '../../core/input-errors.ts';
import { isLandfallError } from '../../core/errors.ts';
import { OPERATOR_TYPES, assessIncident, type IncidentFacts, type OperatorType } from '../../core/incident/incident-clock.ts';
import { normaliseProfile } from '../../core/profile/normalise-profile.ts';
import { LOCALES, engineText, isLocale } from '../../i18n/messages.ts';
import { initialReportRows, renderIncidentMarkdown } from '../../render/render-incident-report.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { cliEngineContext } from '../engine-context.ts';
import { chooseFormat, defaultFormat, readProfileFile } from '../profile-args.ts';

const FORMATS = ['md', 'json'] as const;
/** The option that carries each fact, for error paths. */
const OPTION_OF: Record<string, string> = {
  discoveredAt: '--discovered', handlingEndedAt: '--handling-ended', piLeakedIndividuals: '--pi-leaked',
  ciiOverallOutageHours: '--cii-outage-hours', ciiMainFunctionOutageHours: '--cii-main-outage-hours', directLossRmb: '--loss-rmb',
};

function count(value: string | undefined, path: string): number | undefined {
  if (value == null) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidInputError([{ path, message: `expected a number of zero or more; received "${value}"` }], 'arguments');
  return parsed;
}

export default defineLandfallCommand({
  meta: { name: 'incident', description: 'Incident clock: grade an incident, who must be told and by when (Beijing time), and the initial report prefilled.' },
  args: {
    profile: { type: 'positional', description: 'Profile file (YAML or JSON) of the engagement', required: true },
    discovered: { type: 'string', description: 'When the incident was discovered (2026-12-01T09:30 is Beijing time; add Z or an offset otherwise)', required: true },
    'pi-leaked': { type: 'string', description: 'Citizens whose personal information leaked or may have (default 0)', default: '0' },
    'cii-outage-hours': { type: 'string', description: 'Hours the CII\'s overall operation was interrupted' },
    'cii-main-outage-hours': { type: 'string', description: 'Hours the CII\'s main functions were interrupted' },
    'loss-rmb': { type: 'string', description: 'Direct economic loss in RMB' },
    'handling-ended': { type: 'string', description: 'When handling ended, if it has (for the summary report\'s deadline)' },
    operator: { type: 'string', description: `Who operates the system: ${OPERATOR_TYPES.join(', ')} (default cii_operator for a notified CII operator, else other)` },
    system: { type: 'string', description: 'The system affected (its id)' },
    lang: { type: 'string', description: `Language of the prefilled report: ${LOCALES.join(', ')} (default en)`, default: 'en' },
    format: { type: 'string', description: `Output format: ${FORMATS.join(', ')} (default md on a terminal, json when piped)` },
  },
  async run(args, context) {
    const format = chooseFormat(args.format, FORMATS, defaultFormat(context));
    if (!isLocale(args.lang)) throw new InvalidInputError([{ path: '--lang', message: `expected one of ${LOCALES.join(', ')}; received "${args.lang}"` }], 'arguments');
    const engine = await cliEngineContext(context);
    const normalised = normaliseProfile(readProfileFile(args.profile, context), engine.clock.today());
    if (!normalised.ok) throw invalidProfile(normalised.problems);
    const { profile } = normalised;
    const system = args.system == null ? null : profile.systems.find((candidate) => candidate.id === args.system);
    if (args.system != null && !system) throw new InvalidInputError([{ path: '--system', message: `no system "${args.system}"; systems: ${profile.systems.map((candidate) => candidate.id).join(', ')}` }], 'arguments');
    const operatorType = (args.operator ?? (profile.organisation.ciiNotified ? 'cii_operator' : 'other')) as OperatorType;
    if (!(OPERATOR_TYPES as readonly string[]).includes(operatorType)) throw new InvalidInputError([{ path: '--operator', message: `expected one of ${OPERATOR_TYPES.join(', ')}; received "${operatorType}"` }], 'arguments');
    const facts: IncidentFacts = {
      discoveredAt: args.discovered,
      operatorType,
      piLeakedIndividuals: count(args['pi-leaked'], '--pi-leaked') ?? 0,
      ciiOverallOutageHours: count(args['cii-outage-hours'], '--cii-outage-hours'),
      ciiMainFunctionOutageHours: count(args['cii-main-outage-hours'], '--cii-main-outage-hours'),
      directLossRmb: count(args['loss-rmb'], '--loss-rmb'),
      handlingEndedAt: args['handling-ended'],
    };
    let incident;
    try {
      incident = assessIncident(engine.lawBook, facts, engineText(args.lang));
    } catch (error) {
      if (isLandfallError(error, 'invalid_facts')) throw new InvalidInputError((error.problems ?? []).map((problem) => ({ ...problem, path: OPTION_OF[problem.path] ?? problem.path })), 'arguments');
      throw error;
    }
    const input = { organisation: profile.organisation.name, title: null, systemName: system?.name ?? null, incident, facts };
    if (format === 'json') return { exitCode: 0, stdout: `${JSON.stringify({ organisation: profile.organisation.name, ...incident, initialReport: Object.fromEntries(initialReportRows(input, args.lang)) }, null, 2)}\n` };
    return { exitCode: 0, stdout: renderIncidentMarkdown(input, args.lang) };
  },
});
