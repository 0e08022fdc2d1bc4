// The portfolio review as a workbook: one line per engagement (changes by kind, highest impact,
// whether it was accepted), and every change of every engagement on a second sheet, with human
// labels throughout.
import { CHANGE_KINDS, type AssessmentReview, type ChangeImpact } from '../core/review/diff-assessments.ts';
import type { ReviewResultRow, ReviewRun } from '../store/review-store.ts';
import { citesIn, kindLabel } from './render-review.ts';
import { translator, type Locale } from '../i18n/messages.ts';

/** Text as a cell keeps it: a leading formula character neutralised. */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export interface PortfolioEntry {
  row: ReviewResultRow;
  review: AssessmentReview | null;
}

/** The portfolio review as a workbook, its own words in `locale` (the changes speak the language they were made in). */
export async function renderPortfolioXlsx(run: ReviewRun, entries: readonly PortfolioEntry[], locale: Locale = 'en'): Promise<Uint8Array> {
  const t = translator(locale);
  const impactLabel = (impact: ChangeImpact) => t('review.impact', { impact });
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Landfall';
  workbook.title = t('review.xlsx.title');

  const portfolio = workbook.addWorksheet(t('review.xlsx.sheet.portfolio'));
  portfolio.columns = [
    { header: t('review.column.engagement'), key: 'engagement', width: 36 },
    { header: t('review.column.review'), key: 'state', width: 18 },
    { header: t('review.column.substantive'), key: 'substantive', width: 12 },
    { header: t('review.column.citationOnly'), key: 'citationOnly', width: 12 },
    { header: t('review.column.highestImpact'), key: 'impact', width: 12 },
    ...CHANGE_KINDS.filter((kind) => kind !== 'citation').map((kind) => ({ header: kindLabel(t, kind), key: kind, width: 12 })),
    { header: t('review.column.accepted'), key: 'accepted', width: 14 },
  ];
  for (const { row } of entries) {
    portfolio.addRow({
      engagement: text(row.engagement), state: t('review.xlsx.state', { state: row.state }), substantive: row.substantive ?? '', citationOnly: row.citationOnly ?? '',
      impact: row.highestImpact ? impactLabel(row.highestImpact) : row.state === 'done' ? t('review.none') : '',
      ...Object.fromEntries(CHANGE_KINDS.filter((kind) => kind !== 'citation').map((kind) => [kind, row.byKind?.[kind] ?? ''])),
      accepted: row.acceptedAt ? row.acceptedAt.slice(0, 10) : '',
    });
  }

  const changes = workbook.addWorksheet(t('review.xlsx.sheet.changes'));
  changes.columns = [
    { header: t('review.column.engagement'), key: 'engagement', width: 30 }, { header: t('review.column.kind'), key: 'kind', width: 18 }, { header: t('review.column.impact'), key: 'impact', width: 10 },
    { header: t('review.column.meaning'), key: 'meaning', width: 80 }, { header: t('review.column.basisBefore'), key: 'before', width: 40 }, { header: t('review.column.basisAfter'), key: 'after', width: 40 },
  ];
  const cite = (citations: AssessmentReview['changes'][number]['citations']['before']) => (citations.length === 0 ? '' : text(citesIn(t, citations)));
  for (const { row, review } of entries) {
    for (const change of review?.changes ?? []) {
      changes.addRow({ engagement: text(row.engagement), kind: kindLabel(t, change.kind), impact: impactLabel(change.impact), meaning: text(change.meaning), before: cite(change.citations.before), after: cite(change.citations.after) });
    }
  }

  const about = workbook.addWorksheet(t('review.xlsx.sheet.about'));
  about.columns = [{ header: t('review.column.review'), key: 'what', width: 24 }, { header: '', key: 'value', width: 60 }];
  about.addRows([
    { what: t('review.xlsx.about.compared'), value: t('review.xlsx.axis', { axis: run.axis }) },
    { what: t('review.xlsx.about.from'), value: run.from ?? t('review.xlsx.about.fromStored') },
    { what: t('review.xlsx.about.to'), value: run.to },
    { what: t('review.xlsx.about.content'), value: run.afterContent },
    { what: t('review.xlsx.about.engagements'), value: t('review.xlsx.about.engagementsValue', { done: run.done, total: run.total, failed: run.failed }) },
    { what: t('review.xlsx.about.note'), value: t('review.xlsx.about.noteValue') },
  ]);

  for (const sheet of [portfolio, changes]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  }
  about.getColumn(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
