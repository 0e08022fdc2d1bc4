// The regulatory-change review as a Word memo (docx library): per firm, the changes in substance
// and the citation-only changes, each with what it means and the basis on both sides.
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DeterminationChange } from '../core/review/diff-assessments.ts';
import { citesIn, kindLabel, type ReviewEntry } from './render-review.ts';
import { translator, type Locale, type Translate } from '../i18n/messages.ts';

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Noto Sans CJK SC' };
const run = (text: string, bold = false) => new TextRun({ text, bold, font: FONT, size: 18 });
const cell = (text: string, bold = false, width = 14) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(text, bold)] })] });

function changeTable(t: Translate, changes: readonly DeterminationChange[]): Table {
  const header = new TableRow({ tableHeader: true, children: [cell(t('review.column.kind'), true, 12), cell(t('review.column.impact'), true, 8), cell(t('review.column.meaning'), true, 44), cell(t('review.column.basisBefore'), true, 18), cell(t('review.column.basisAfter'), true, 18)] });
  const rows = changes.map((change) => new TableRow({ children: [cell(kindLabel(t, change.kind), false, 12), cell(t('review.impactRaw', { impact: change.impact }), false, 8), cell(change.meaning, false, 44), cell(citesIn(t, change.citations.before), false, 18), cell(citesIn(t, change.citations.after), false, 18)] }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

export async function renderReviewDocx(entries: readonly ReviewEntry[], locale: Locale = 'en'): Promise<Uint8Array> {
  const t = translator(locale);
  const title = t('review.title');
  const children: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: title, font: FONT })] })];
  for (const { file, review } of entries) {
    const substance = review.changes.filter((change) => change.kind !== 'citation');
    const citationOnly = review.changes.filter((change) => change.kind === 'citation');
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: review.organisation, font: FONT })] }),
      new Paragraph({ children: [run(t('review.docx.profileLine', { file, from: review.before.asOf, fromContent: review.before.contentVersion, to: review.after.asOf, toContent: review.after.contentVersion, substance: substance.length, citationOnly: citationOnly.length }))] }),
    );
    if (review.changes.length === 0) children.push(new Paragraph({ children: [run(t('review.noChange'))] }));
    if (substance.length > 0) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: t('review.section.substance'), font: FONT })] }), changeTable(t, substance));
    if (citationOnly.length > 0) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: t('review.section.citations'), font: FONT })] }), changeTable(t, citationOnly));
    if (review.due && review.due.length > 0) {
      const header = new TableRow({ tableHeader: true, children: [cell(t('review.column.duty'), true, 40), cell(t('review.column.system'), true, 20), cell(t('review.column.date'), true, 20), cell(t('review.column.basis'), true, 20)] });
      const rows = review.due.map((duty) => new TableRow({ children: [cell(duty.title, false, 40), cell(duty.system ?? t('review.all'), false, 20), cell(`${duty.dates.join(', ')}${duty.estimated ? t('review.fromPlan') : ''}`, false, 20), cell(citesIn(t, [duty.citation]), false, 20)] }));
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: t('review.section.due'), font: FONT })] }), new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }));
    }
  }
  children.push(new Paragraph({ children: [run(t('review.disclaimer'))] }));
  const document = new Document({ creator: 'Landfall', title, styles: { default: { document: { run: { font: FONT, size: 20 } } } }, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}
