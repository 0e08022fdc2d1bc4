// The incident clock as a document: the grade and why, who must be told and by when (Beijing
// time), what was not checked, and the initial report prefilled from the engagement in the
// report's language (content/messages). Shared by `landfall incident` and the API's download;
// every piece of text from the facts or the profile is escaped here (Markdown) or set as plain
// text runs (DOCX, render-incident-docx.ts).
import type { IncidentAssessment, IncidentFacts, ReportDuty } from '../core/incident/incident-clock.ts';
import type { DataClass } from '../core/incident/incident-record.ts';
import { translator, type Locale, type Translate } from '../i18n/messages.ts';
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
  /** Between a label and its value: `: ` or `：`. */
  separator: string;
  /** Labelled lines under the heading: discovered, grade. */
  summary: Array<[label: string, value: string]>;
  reasonsHeading: string;
  gradeReasons: string[];
  dutiesHeading: string;
  columns: [duty: string, to: string, due: string, what: string, basis: string];
  duties: Array<{ duty: string; to: string; due: string; what: string; basis: string }>;
  notEvaluatedHeading: string;
  notEvaluated: string[];
  reportTitle: string;
  report: Array<[label: string, value: string]>;
  legalReviewHeading: string;
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

/** What one duty asks, in the report's language, from the limit its parameter sets. */
function dutyText(t: Translate, duty: ReportDuty): { to: string; what: string } {
  const to = t(`incident.to.${duty.recipient}`);
  if (duty.recipient === 'competent_authorities') return { to, what: t('incident.what.initial_report_before_measures') };
  if (duty.id === 'summary_report') return { to: t('incident.to.sameChannel', { to }), what: t('incident.what.summary_report', { days: duty.within.days ?? null, pending: duty.dueBy == null }) };
  return { to, what: t(`incident.what.${duty.id}`, { hours: duty.within.hours ?? null }) };
}

/**
 * The document's parts as plain text in the report's language, before any format's escaping. The
 * grade's reasons, what was not checked and the legal-review notes are the clock's, written in the
 * language it was given; the basis of each duty is cited in the report's (《…》第 4 条 in Chinese).
 */
export function incidentDocument(input: IncidentReportInput, locale: Locale): IncidentDocument {
  const { incident } = input;
  const t = translator(locale);
  const separator = locale === 'zh-CN' ? '：' : ': ';
  return {
    heading: `${t('incident.doc.title', { organisation: input.organisation })}${input.title ? `${separator}${input.title}` : ''}`,
    separator,
    summary: [
      [t('incident.report.discovered'), incident.discoveredAt],
      [t('incident.report.grade'), t('incident.doc.gradeValue', { grade: t(`incident.grade.${incident.grade}`), reportable: t('incident.doc.reportable', { reportable: incident.reportable }) })],
    ],
    reasonsHeading: t('incident.doc.reasons'),
    gradeReasons: incident.gradeReasons,
    dutiesHeading: t('incident.doc.duties'),
    columns: [t('incident.doc.column.duty'), t('incident.doc.column.to'), t('incident.doc.column.due'), t('incident.doc.column.what'), t('incident.doc.column.basis')],
    duties: incident.duties.map((duty) => {
      const text = dutyText(t, duty);
      return { duty: t(`incident.duty.${duty.id}`), to: text.to, due: duty.dueBy ?? t('incident.doc.noLimit'), what: `${text.what}${duty.needsLegalReview ? ` ${t('incident.doc.legalReviewMark')}` : ''}`, basis: formatCitation(duty.citation, locale) };
    }),
    notEvaluatedHeading: t('incident.doc.notEvaluated'),
    notEvaluated: incident.notEvaluated,
    reportTitle: t('incident.report.title'),
    report: initialReportRows(input, locale),
    legalReviewHeading: t('incident.doc.legalReview'),
    legalReview: incident.legalReviewReasons,
  };
}

export function renderIncidentMarkdown(input: IncidentReportInput, locale: Locale): string {
  const document = incidentDocument(input, locale);
  const e = escapeMarkdown;
  const out = [
    `# ${e(document.heading)}`, '',
    ...document.summary.map(([label, value]) => `- **${e(label)}**${document.separator}${e(value)}`), '',
    `## ${e(document.reasonsHeading)}`, '',
    ...document.gradeReasons.map((reason) => `- ${e(reason)}`), '',
    `## ${e(document.dutiesHeading)}`, '',
    `| ${document.columns.map(e).join(' | ')} |`, '|---|---|---|---|---|',
    ...document.duties.map((duty) => `| ${e(duty.duty)} | ${e(duty.to)} | ${e(duty.due)} | ${e(duty.what)} | ${e(duty.basis)} |`), '',
    `## ${e(document.notEvaluatedHeading)}`, '', ...document.notEvaluated.map((line) => `- ${e(line)}`), '',
    `## ${e(document.reportTitle)}`, '', '| | |', '|---|---|', ...document.report.map(([label, value]) => `| ${e(label)} | ${e(value)} |`), '',
    ...(document.legalReview.length > 0 ? [`## ${e(document.legalReviewHeading)}`, '', ...document.legalReview.map((reason) => `- ${e(reason)}`), ''] : []),
  ];
  return `${out.join('\n')}\n`;
}
