// Filing packs in words, in English or Chinese: the model from src/core/filings rendered through
// the message catalogues (src/i18n). Law titles use the instruments' official Chinese titles in
// zh-CN. Fields the profile cannot fill are marked for the consultant.
import type { DocumentLayout, LawBook } from '../core/law/content-schema.ts';
import type { CitationOut } from '../core/assess/assessment-schema.ts';
import type { Filled, MlpsGradingReport } from '../core/filings/mlps-grading.ts';
import type { StandardContractPack } from '../core/filings/standard-contract.ts';
import type { SecurityAssessmentPack } from '../core/filings/security-assessment.ts';
import type { MlpsFilingForm } from '../core/filings/mlps-filing.ts';
import type { PipiaReport } from '../core/filings/pipia.ts';
import type { FilingModel } from '../core/filings/draft-filing.ts';
import { addDays } from '../core/law/dates.ts';
import { catalogue, translator, type Locale, type Translate } from '../i18n/messages.ts';
import { escapeMarkdown } from './render-assessment-markdown.ts';

/** A citation in the output language: the official Chinese title in zh-CN, where the content has one. */
export function citationText(book: LawBook, citation: CitationOut, locale: Locale): string {
  const zh = locale === 'zh-CN' ? book.instruments.get(citation.instrument)?.title.zh : null;
  if (zh) return `《${zh}》${citation.article ? `第${citation.article}条` : ''}`;
  return `${citation.title}${citation.article ? ` Art. ${citation.article}` : ''}`;
}

const filled = (t: Translate, field: Filled<string>): string => ('value' in field ? field.value : t('common.toComplete', { what: t(field.toComplete, field.values) }));

export interface FilingDocument {
  title: string;
  subtitle: string;
  sections: Array<{ heading: string; rows: Array<[label: string, value: string]>; paragraphs: string[] }>;
  footer: string[];
  /** The Chinese page layout a regulator or standard sets for this kind (content/knowledge/document-layouts.yaml); null keeps Landfall's own. */
  layout?: DocumentLayout | null;
}

/** The layout the content gives a filing kind in Chinese; English documents keep Landfall's own layout. */
export function filingLayout(book: LawBook, kind: FilingModel['kind'], locale: Locale): DocumentLayout | null {
  if (locale !== 'zh-CN') return null;
  return [...book.documentLayouts.values()].find((layout) => layout.appliesTo.includes(kind)) ?? null;
}

export function mlpsGradingDocument(book: LawBook, report: MlpsGradingReport, locale: Locale): FilingDocument {
  const t = translator(locale);
  const level = (value: number) => t(`level.${value}`);
  const grade = (sub: MlpsGradingReport['businessInformation']): Array<[string, string]> => [
    [t('filing.mlpsGrading.field.object'), t(`impact.object.${sub.object}`)],
    [t('filing.mlpsGrading.field.degree'), t(`impact.degree.${sub.degree}`)],
    [t('filing.mlpsGrading.field.subLevel'), level(sub.level)],
  ];
  const reason = (sub: MlpsGradingReport['businessInformation']) => t('filing.mlpsGrading.reason', { object: t(`impact.object.${sub.object}`), degree: t(`impact.degree.${sub.degree}`), level: level(sub.level) });
  const footer = [t('filing.mlpsGrading.basis', { citations: report.basis.map((citation) => citationText(book, citation, locale)).join(locale === 'zh-CN' ? '；' : '; ') })];
  if (report.legalReviewReasons.length > 0) footer.push(t('filing.mlpsGrading.review', { reasons: report.legalReviewReasons.join(' ') }));
  footer.push(t('common.notLegalAdvice', { asOf: report.asOf }));
  return {
    title: t('filing.mlpsGrading.title', { system: report.system.name }),
    subtitle: t('filing.mlpsGrading.subtitle'),
    sections: [
      {
        heading: t('filing.mlpsGrading.section.object'),
        rows: [
          [t('filing.mlpsGrading.field.system'), report.system.name],
          [t('filing.mlpsGrading.field.operator'), filled(t, report.operator)],
          [t('filing.mlpsGrading.field.purpose'), filled(t, report.purpose)],
          [t('filing.mlpsGrading.field.users'), t('filing.mlpsGrading.field.usersValue', { audience: report.users.audience, registered: report.users.registered, active: report.users.monthlyActive })],
          [t('filing.mlpsGrading.field.channels'), report.channels.map((channel) => t(`channel.${channel}`)).join(t('common.listSeparator'))],
          [t('filing.mlpsGrading.field.hosting'), t('filing.mlpsGrading.field.hostingValue', { hosting: report.hosting.location, cloud: report.hosting.cloud })],
          [t('filing.mlpsGrading.field.data'), t('filing.mlpsGrading.field.dataValue', { sensitive: report.data.sensitive.length > 0 ? report.data.sensitive.map((category) => t(`sensitivePi.${category}`)).join(t('common.listSeparator')) : 'none', important: report.data.important })],
          [t('filing.mlpsGrading.field.topology'), filled(t, report.topology)],
          [t('filing.mlpsGrading.field.responsible'), filled(t, report.responsible)],
        ],
        paragraphs: [],
      },
      { heading: t('filing.mlpsGrading.section.business'), rows: grade(report.businessInformation), paragraphs: [reason(report.businessInformation)] },
      { heading: t('filing.mlpsGrading.section.service'), rows: grade(report.systemService), paragraphs: [reason(report.systemService)] },
      { heading: t('filing.mlpsGrading.section.result'), rows: [], paragraphs: [t('filing.mlpsGrading.result', { level: level(report.level) })] },
      { heading: t('filing.mlpsGrading.section.next'), rows: [], paragraphs: [t('filing.mlpsGrading.next.review', { expert: report.expertReview }), t('filing.mlpsGrading.next.filing', { days: report.psbFilingDays })] },
    ],
    footer,
  };
}

export function renderFilingMarkdown(document: FilingDocument): string {
  const e = escapeMarkdown;
  const out = [`# ${e(document.title)}`, '', e(document.subtitle), ''];
  for (const section of document.sections) {
    out.push(`## ${e(section.heading)}`, '');
    if (section.rows.length > 0) {
      out.push('| | |', '|---|---|');
      for (const [label, value] of section.rows) out.push(`| ${e(label)} | ${e(value)} |`);
      out.push('');
    }
    for (const paragraph of section.paragraphs) out.push(e(paragraph), '');
  }
  for (const line of document.footer) out.push(`_${e(line)}_`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** A data-category tag in words, where the catalogue knows it; a free tag is shown as written. */
function categoryText(t: Translate, messages: (id: string) => boolean, tag: string): string {
  return messages(`dataCategory.${tag}`) ? t(`dataCategory.${tag}`) : tag;
}

export function standardContractDocument(book: LawBook, pack: StandardContractPack, locale: Locale): FilingDocument {
  const t = translator(locale);
  const known = (id: string) => id in catalogue(locale);
  const separator = t('common.listSeparator');
  const region = new Intl.DisplayNames([locale], { type: 'region' });
  const sections: FilingDocument['sections'] = [
    { heading: t('filing.scc.filer'), rows: [[t('filing.scc.filer'), t('common.toComplete', { what: t('filing.todo.filer') })]], paragraphs: [] },
  ];
  for (const transfer of pack.transfers) {
    const categories = 'value' in transfer.categories ? transfer.categories.value.map((tag) => categoryText(t, known, tag)).join(separator) : filled(t, transfer.categories as Filled<string>);
    const location = 'value' in transfer.storageLocation ? `${region.of(transfer.storageLocation.value) ?? transfer.storageLocation.value} (${transfer.storageLocation.value})` : filled(t, transfer.storageLocation);
    sections.push({
      heading: t('filing.scc.section.annex', { transfer: transfer.transfer }),
      rows: [
        [t('filing.scc.field.recipient'), filled(t, transfer.recipient)],
        [t('filing.scc.field.purpose'), filled(t, transfer.purpose)],
        [t('filing.scc.field.method'), filled(t, transfer.method)],
        [t('filing.scc.field.scale'), t('filing.scc.field.scaleValue', { nonSensitive: transfer.scale.nonSensitiveIndividuals, sensitive: transfer.scale.sensitiveIndividuals })],
        [t('filing.scc.field.categories'), categories],
        [t('filing.scc.field.sensitive'), transfer.sensitiveCategories.length > 0 ? transfer.sensitiveCategories.map((category) => t(`sensitivePi.${category}`)).join(separator) : t('filing.scc.none')],
        [t('filing.scc.field.onward'), filled(t, transfer.onwardRecipients)],
        [t('filing.scc.field.transferMethod'), t('filing.scc.transferMethod', { method: transfer.transferMethod })],
        [t('filing.scc.field.retention'), filled(t, transfer.retention)],
        [t('filing.scc.field.location'), location],
      ],
      paragraphs: [],
    });
  }
  sections.push({ heading: t('filing.scc.section.materials'), rows: [], paragraphs: pack.materials.map((material, index) => `${index + 1}. ${t(`filing.scc.material.${material.id}`)}`) });
  const deadline = pack.filing.deadline;
  const deadlineLines = [t('filing.scc.deadline.rule', { days: pack.filing.workingDays })];
  if (deadline && pack.filing.effective) {
    deadlineLines.push(t('filing.scc.deadline.date', { effective: pack.filing.effective, deadline: deadline.date, crossed: deadline.holidaysCrossed.length > 0 ? deadline.holidaysCrossed.map((holiday) => (locale === 'zh-CN' ? holiday.zh : holiday.name)).join(separator) : null }));
    if (!deadline.withinKnownCalendar) deadlineLines.push(t('filing.scc.deadline.beyond', { year: String(deadline.lastKnownYear ?? '') }));
  } else deadlineLines.push(t('filing.scc.deadline.unknown'));
  sections.push({ heading: t('filing.scc.section.deadline'), rows: [], paragraphs: deadlineLines });
  const citations = [...pack.basis, pack.filing.citation].map((citation) => citationText(book, citation, locale));
  return {
    title: t('filing.scc.title', { handler: pack.handler.name }),
    subtitle: t('filing.scc.subtitle'),
    sections,
    footer: [t('filing.mlpsGrading.basis', { citations: [...new Set(citations)].join(locale === 'zh-CN' ? '；' : '; ') }), t('common.notLegalAdvice', { asOf: pack.asOf })],
  };
}

export function securityAssessmentDocument(book: LawBook, pack: SecurityAssessmentPack, locale: Locale): FilingDocument {
  const t = translator(locale);
  const region = new Intl.DisplayNames([locale], { type: 'region' });
  const numbered = (ids: readonly string[]) => ids.map((id, index) => `${index + 1}. ${t(`filing.sa.material.${id}`)}`);
  const citations = [...pack.basis, pack.selfAssessment.citation, pack.validity.citation, pack.refileOn].map((citation) => citationText(book, citation, locale));
  return {
    title: t('filing.sa.title', { handler: pack.handler }),
    subtitle: t('filing.sa.subtitle'),
    sections: [
      { heading: t('filing.sa.section.transfers'), rows: [], paragraphs: pack.transfers.map((transfer) => t('filing.sa.transfer', { transfer: transfer.transfer, nonSensitive: transfer.nonSensitiveIndividuals, sensitive: transfer.sensitiveIndividuals, destination: transfer.destination ? region.of(transfer.destination) ?? transfer.destination : t('common.toComplete', { what: t('filing.todo.storageLocation') }), important: transfer.importantData, reason: locale === 'en' ? transfer.reason : '' }).trim()) },
      { heading: t('filing.sa.section.materials'), rows: [], paragraphs: numbered(pack.materials) },
      { heading: t('filing.sa.section.guide'), rows: [], paragraphs: numbered(pack.guideMaterials) },
      { heading: t('filing.sa.section.self'), rows: [], paragraphs: [t('filing.sa.self.age', { months: pack.selfAssessment.maxAgeMonths }), ...pack.selfAssessment.matters.map((matter, index) => `${index + 1}. ${t(`filing.sa.matter.${matter}`)}`)] },
      { heading: t('filing.sa.section.after'), rows: [], paragraphs: [t('filing.sa.validity', { years: pack.validity.years, days: pack.validity.renewalWorkingDays, extension: pack.validity.extensionYears }), t('filing.sa.refile')] },
    ],
    footer: [
      t('filing.mlpsGrading.basis', { citations: [...new Set(citations)].join(locale === 'zh-CN' ? '；' : '; ') }),
      ...(pack.selfAssessment.needsLegalReview ? [t('filing.sa.review')] : []),
      t('common.notLegalAdvice', { asOf: pack.asOf }),
    ],
  };
}

export function mlpsFilingDocument(book: LawBook, form: MlpsFilingForm, locale: Locale): FilingDocument {
  const t = translator(locale);
  const known = (id: string) => id in catalogue(locale);
  const grading = mlpsGradingDocument(book, form.grading, locale);
  const level = (value: number) => t(`level.${value}`);
  const due = form.deadline.goLive ? addDays(form.deadline.goLive, form.deadline.days) : null;
  return {
    title: t('filing.mf.title', { system: form.grading.system.name }),
    subtitle: t('filing.mf.subtitle'),
    sections: [
      {
        heading: t('filing.mf.section.unit'),
        rows: [
          [t('filing.mf.field.unit'), filled(t, form.unit.name)],
          [t('filing.mf.field.creditCode'), filled(t, form.unit.creditCode)],
          [t('filing.mf.field.address'), filled(t, form.unit.address)],
          [t('filing.mf.field.responsible'), filled(t, form.unit.responsible)],
          [t('filing.mf.field.sector'), form.unit.sectorsOrDepartment.map((sector) => (known(`sector.${sector}`) ? t(`sector.${sector}`) : sector)).join(t('common.listSeparator')) || '–'],
        ],
        paragraphs: [],
      },
      { heading: t('filing.mf.section.object'), rows: grading.sections[0]!.rows, paragraphs: [] },
      {
        heading: t('filing.mf.section.grade'),
        rows: [
          [t('filing.mf.field.businessLevel'), level(form.grading.businessInformation.level)],
          [t('filing.mf.field.serviceLevel'), level(form.grading.systemService.level)],
          [t('filing.mf.field.level'), level(form.grading.level)],
          [t('filing.mf.field.expertReview'), t('filing.mf.expertReview')],
        ],
        paragraphs: [],
      },
      ...(form.materials.length > 0 ? [{ heading: t('filing.mf.section.materials'), rows: [], paragraphs: form.materials.map((id, index) => `${index + 1}. ${t(`filing.mf.material.${id}`)}`) }] : []),
      { heading: t('filing.mf.section.deadline'), rows: [], paragraphs: [t('filing.mf.deadline', { from: form.deadline.from, days: form.deadline.days, goLive: form.deadline.goLive, due })] },
    ],
    footer: [t('filing.mlpsGrading.basis', { citations: [...new Set([...form.grading.basis, form.deadline.citation].map((citation) => citationText(book, citation, locale)))].join(locale === 'zh-CN' ? '；' : '; ') }), t('common.notLegalAdvice', { asOf: form.asOf })],
  };
}

export function pipiaDocument(book: LawBook, report: PipiaReport, locale: Locale): FilingDocument {
  const t = translator(locale);
  const known = (id: string) => id in catalogue(locale);
  const separator = t('common.listSeparator');
  const region = new Intl.DisplayNames([locale], { type: 'region' });
  const todo = (id: string) => t('common.toComplete', { what: t(id) });
  const sensitiveText = (categories: readonly string[]) => categories.map((category) => t(`sensitivePi.${category}`)).join(separator);
  const sections: FilingDocument['sections'] = [
    { heading: t('filing.pipia.section.cases'), rows: report.cases.map((entry) => [t(`filing.pipia.case.${entry.id}`), t('filing.pipia.applies', { applies: entry.applies })]), paragraphs: [] },
    {
      heading: t('filing.pipia.section.scope'),
      rows: [
        [t('filing.pipia.field.purpose'), t('filing.pipia.purposeValue')],
        ...report.systems.map((system): [string, string] => [t('filing.pipia.field.scope'), t('filing.pipia.systemValue', { name: system.name, registered: system.registered, sensitive: system.sensitive.length > 0 ? sensitiveText(system.sensitive) : 'none' })]),
        [t('filing.pipia.field.method'), todo('filing.todo.pipiaMethod')],
      ],
      paragraphs: [],
    },
  ];
  for (const transfer of report.transfers) {
    sections.push({
      heading: t('filing.pipia.section.transfer', { transfer: transfer.transfer }),
      rows: [
        [t('filing.pipia.field.recipient'), filled(t, transfer.recipient)],
        [t('filing.pipia.field.country'), transfer.destination ? `${region.of(transfer.destination) ?? transfer.destination} (${transfer.destination})` : todo('filing.todo.storageLocation')],
        [t('filing.pipia.field.environment'), todo('filing.todo.environment')],
        [t('filing.pipia.field.obligations'), t('filing.pipia.obligationsValue')],
        [t('filing.pipia.field.data'), t('filing.pipia.dataValue', { nonSensitive: transfer.scale.nonSensitiveIndividuals, sensitiveCount: transfer.scale.sensitiveIndividuals, sensitive: sensitiveText(transfer.sensitiveCategories) || 'none', categories: transfer.categories.map((tag) => (known(`dataCategory.${tag}`) ? t(`dataCategory.${tag}`) : tag)).join(separator) || todo('filing.todo.categories'), remote: transfer.remoteAccess })],
        [t('filing.pipia.field.risks'), transfer.riskFactors.length > 0 ? transfer.riskFactors.map((factor) => t(`filing.pipia.risk.${factor}`)).join(separator) : t('filing.pipia.noRiskFactor')],
      ],
      paragraphs: [],
    });
  }
  sections.push(
    { heading: t('filing.pipia.section.measures'), rows: [[t('filing.pipia.field.cryptography'), report.cryptography.join(', ') || '–']], paragraphs: [todo('filing.todo.measures')] },
    { heading: t('filing.pipia.section.conclusion'), rows: [], paragraphs: [todo('filing.todo.conclusion'), t('filing.pipia.retention', { years: report.retentionYears })] },
  );
  return {
    title: t('filing.pipia.title', { handler: report.handler }),
    subtitle: t('filing.pipia.subtitle'),
    sections,
    footer: [t('filing.mlpsGrading.basis', { citations: report.basis.map((citation) => citationText(book, citation, locale)).join(locale === 'zh-CN' ? '；' : '; ') }), t('common.notLegalAdvice', { asOf: report.asOf })],
  };
}

export type { FilingModel } from '../core/filings/draft-filing.ts';

/** The document of any filing model, by its kind. */
export function filingDocument(book: LawBook, model: FilingModel, locale: Locale): FilingDocument {
  return { ...filingText(book, model, locale), layout: filingLayout(book, model.kind, locale) };
}

function filingText(book: LawBook, model: FilingModel, locale: Locale): FilingDocument {
  switch (model.kind) {
    case 'pipia': return pipiaDocument(book, model, locale);
    case 'standard-contract': return standardContractDocument(book, model, locale);
    case 'security-assessment': return securityAssessmentDocument(book, model, locale);
    case 'mlps-filing': return mlpsFilingDocument(book, model, locale);
    case 'mlps-grading': return mlpsGradingDocument(book, model, locale);
  }
}
