// The portfolio review as a workbook: one line per engagement (changes by kind, highest impact,
// whether it was accepted), and every change of every engagement on a second sheet, with human
// labels throughout.
import { CHANGE_KINDS, type AssessmentReview, type ChangeImpact } from '../core/review/diff-assessments.ts';
import type { ReviewResultRow, ReviewRun } from '../store/review-store.ts';
import { KIND_LABEL } from './render-review.ts';

const IMPACT_LABEL: Record<ChangeImpact, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const STATE_LABEL: Record<ReviewResultRow['state'], string> = { pending: 'Waiting', claimed: 'In progress', done: 'Reviewed', failed: 'Could not be reviewed' };
const AXIS_LABEL: Record<ReviewRun['axis'], string> = { date: 'Dates', content: 'Content versions', both: 'Dates and content versions' };

/** Text as a cell keeps it: a leading formula character neutralised. */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export interface PortfolioEntry {
  row: ReviewResultRow;
  review: AssessmentReview | null;
}

export async function renderPortfolioXlsx(run: ReviewRun, entries: readonly PortfolioEntry[]): Promise<Uint8Array> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Landfall';
  workbook.title = 'Portfolio regulatory-change review';

  const portfolio = workbook.addWorksheet('Portfolio');
  portfolio.columns = [
    { header: 'Engagement', key: 'engagement', width: 36 },
    { header: 'Review', key: 'state', width: 18 },
    { header: 'Changes in substance', key: 'substantive', width: 12 },
    { header: 'Citation only', key: 'citationOnly', width: 12 },
    { header: 'Highest impact', key: 'impact', width: 12 },
    ...CHANGE_KINDS.filter((kind) => kind !== 'citation').map((kind) => ({ header: KIND_LABEL[kind], key: kind, width: 12 })),
    { header: 'Accepted', key: 'accepted', width: 14 },
  ];
  for (const { row } of entries) {
    portfolio.addRow({
      engagement: text(row.engagement), state: STATE_LABEL[row.state], substantive: row.substantive ?? '', citationOnly: row.citationOnly ?? '',
      impact: row.highestImpact ? IMPACT_LABEL[row.highestImpact] : row.state === 'done' ? 'None' : '',
      ...Object.fromEntries(CHANGE_KINDS.filter((kind) => kind !== 'citation').map((kind) => [kind, row.byKind?.[kind] ?? ''])),
      accepted: row.acceptedAt ? row.acceptedAt.slice(0, 10) : '',
    });
  }

  const changes = workbook.addWorksheet('Changes');
  changes.columns = [
    { header: 'Engagement', key: 'engagement', width: 30 }, { header: 'Kind', key: 'kind', width: 18 }, { header: 'Impact', key: 'impact', width: 10 },
    { header: 'What it means', key: 'meaning', width: 80 }, { header: 'Basis before', key: 'before', width: 40 }, { header: 'Basis after', key: 'after', width: 40 },
  ];
  const cite = (citations: AssessmentReview['changes'][number]['citations']['before']) => citations.map((citation) => `${citation.title}${citation.article ? ` Art. ${citation.article}` : ''}`).join('; ');
  for (const { row, review } of entries) {
    for (const change of review?.changes ?? []) {
      changes.addRow({ engagement: text(row.engagement), kind: KIND_LABEL[change.kind], impact: IMPACT_LABEL[change.impact], meaning: text(change.meaning), before: cite(change.citations.before), after: cite(change.citations.after) });
    }
  }

  const about = workbook.addWorksheet('About');
  about.columns = [{ header: 'Review', key: 'what', width: 24 }, { header: '', key: 'value', width: 60 }];
  about.addRows([
    { what: 'Compared', value: AXIS_LABEL[run.axis] },
    { what: 'From', value: run.from ?? 'each engagement\'s stored assessment date' },
    { what: 'To', value: run.to },
    { what: 'Content version', value: run.afterContent },
    { what: 'Engagements', value: `${run.done} reviewed of ${run.total}${run.failed > 0 ? `, ${run.failed} could not be reviewed` : ''}` },
    { what: 'Note', value: 'Landfall is not legal advice; answers that rest on unconfirmed sources are flagged in each assessment.' },
  ]);

  for (const sheet of [portfolio, changes]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  }
  about.getColumn(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
