// The incident clock as a document: the grade and why, who must be told and by when (Beijing
// time), what was not checked, and the initial report prefilled from the engagement in the
// report's language (content/messages). Shared by `landfall incident` and the API's download;
// every piece of text from the facts or the profile is escaped here (Markdown) or set as plain
// text runs (DOCX, render-incident-docx.ts).
import type { IncidentAssessment, IncidentFacts } from '../core/incident/incident-clock.ts';
import type { DataClass } from '../core/incident/incident-record.ts';
import { translator, type Locale } from '../i18n/messages.ts';
import { escapeMarkdown, formatCitation } from './render-assessment-markdown.ts';

export interface IncidentReportInput {
  organisation: string;
  /** The incident's title when it is stored (the API's download), else null. */
  title: string | null;
  systemName: string | null;
  incident: IncidentAssessment;
  facts: IncidentFacts;
  /** What the stored facts add to the report; absent from the CLI. */
  description?: string | undefined;
  dataClasses?: readonly DataClass[] | undefined;
  serviceDisruptionHours?: number | undefined;
}

export interface IncidentDocument {
  heading: string;
  summary: string;
  gradeReasons: string[];
  duties: Array<{ duty: string; to: string; due: string; what: string; basis: string }>;
  notEvaluated: string[];
  reportTitle: string;
  report: Array<[label: string, value: string]>;
  legalReview: string[];
}

/** The initial report's rows, in the report's language; what the facts do not say is marked to complete. */
export function initialReportRows(input: IncidentReportInput, locale: Locale): Array<[string, string]> {
  const t = translator(locale);
  const todo = (id: string) => t('common.toComplete', { what: t(id) });
  const { incident, facts } = input;
  const description = input.description?.trim();
  return [
    [t('incident.report.unit'), todo('incident.todo.unit')],
    [t('incident.report.system'), input.systemName ?? todo('incident.report.system')],
    [t('incident.report.discovered'), incident.discoveredAt],
    [t('incident.report.type'), todo('incident.todo.type')],
    ...(description ? [[t('incident.report.description'), description] as [string, string]] : []),
    [t('incident.report.grade'), t(`incident.grade.${incident.grade}`)],
    [t('incident.report.impact'), t('incident.report.impactValue', { count: facts.piLeakedIndividuals, outage: facts.ciiOverallOutageHours ?? facts.ciiMainFunctionOutageHours ?? null, loss: facts.directLossRmb ?? null })],
    ...(input.dataClasses && input.dataClasses.length > 0 ? [[t('incident.report.dataClasses'), input.dataClasses.map((dataClass) => t(`incident.dataClass.${dataClass}`)).join(t('common.listSeparator'))] as [string, string]] : []),
    ...(input.serviceDisruptionHours != null ? [[t('incident.report.disruption'), t('incident.report.disruptionValue', { hours: input.serviceDisruptionHours })] as [string, string]] : []),
    [t('incident.report.measures'), todo('incident.todo.measures')],
    [t('incident.report.contact'), todo('incident.todo.contact')],
  ];
}

/** The document's parts as plain text, before any format's escaping. */
export function incidentDocument(input: IncidentReportInput, locale: Locale): IncidentDocument {
  const { incident } = input;
  return {
    heading: `Incident clock: ${input.organisation}${input.title ? `: ${input.title}` : ''}`,
    summary: `Discovered ${incident.discoveredAt} Beijing time. Grade: ${incident.grade.replaceAll('_', ' ')}${incident.reportable ? ' (reportable)' : ' (not reportable under the Measures)'}.`,
    gradeReasons: incident.gradeReasons,
    duties: incident.duties.map((duty) => ({ duty: duty.id.replaceAll('_', ' '), to: duty.to, due: duty.dueBy ?? '–', what: `${duty.detail}${duty.needsLegalReview ? ' ⚠ legal review' : ''}`, basis: formatCitation(duty.citation) })),
    notEvaluated: incident.notEvaluated,
    reportTitle: translator(locale)('incident.report.title'),
    report: initialReportRows(input, locale),
    legalReview: incident.legalReviewReasons,
  };
}

export function renderIncidentMarkdown(input: IncidentReportInput, locale: Locale): string {
  const document = incidentDocument(input, locale);
  const { incident } = input;
  const e = escapeMarkdown;
  const out = [
    `# ${e(document.heading)}`, '',
    `Discovered ${incident.discoveredAt} Beijing time. Grade: **${incident.grade.replaceAll('_', ' ')}**${incident.reportable ? ' (reportable)' : ' (not reportable under the Measures)'}.`, '',
    ...document.gradeReasons.map((reason) => `- ${e(reason)}`), '',
    '## Who must be told, and by when', '',
    '| Duty | To | Due (Beijing time) | What | Basis |', '|---|---|---|---|---|',
    ...document.duties.map((duty) => `| ${duty.duty} | ${e(duty.to)} | ${duty.due} | ${e(duty.what)} | ${e(duty.basis)} |`), '',
    '## Not checked against the facts', '', ...document.notEvaluated.map((line) => `- ${e(line)}`), '',
    `## ${e(document.reportTitle)}`, '', '| | |', '|---|---|', ...document.report.map(([label, value]) => `| ${e(label)} | ${e(value)} |`), '',
    ...(document.legalReview.length > 0 ? ['## Legal review', '', ...document.legalReview.map((reason) => `- ${e(reason)}`), ''] : []),
  ];
  return `${out.join('\n')}\n`;
}
