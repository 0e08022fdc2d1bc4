// The regulatory-change review as a Word memo (docx library): per firm, the changes in substance
// and the citation-only changes, each with what it means and the basis on both sides.
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DeterminationChange } from '../core/review/diff-assessments.ts';
import { KIND_LABEL, type ReviewEntry } from './render-review.ts';

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Noto Sans CJK SC' };
const run = (text: string, bold = false) => new TextRun({ text, bold, font: FONT, size: 18 });
const cell = (text: string, bold = false, width = 14) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(text, bold)] })] });
const cites = (change: DeterminationChange, side: 'before' | 'after') => change.citations[side].map((citation) => `${citation.title}${citation.article ? ` Art. ${citation.article}` : ''}`).join('; ') || '–';

function changeTable(changes: readonly DeterminationChange[]): Table {
  const header = new TableRow({ tableHeader: true, children: [cell('Kind', true, 12), cell('Impact', true, 8), cell('What it means', true, 44), cell('Basis before', true, 18), cell('Basis after', true, 18)] });
  const rows = changes.map((change) => new TableRow({ children: [cell(KIND_LABEL[change.kind], false, 12), cell(change.impact, false, 8), cell(change.meaning, false, 44), cell(cites(change, 'before'), false, 18), cell(cites(change, 'after'), false, 18)] }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

export async function renderReviewDocx(entries: readonly ReviewEntry[]): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: 'Regulatory-change review', font: FONT })] })];
  for (const { file, review } of entries) {
    const substance = review.changes.filter((change) => change.kind !== 'citation');
    const citationOnly = review.changes.filter((change) => change.kind === 'citation');
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: review.organisation, font: FONT })] }),
      new Paragraph({ children: [run(`Profile ${file}; from ${review.before.asOf} (content ${review.before.contentVersion}) to ${review.after.asOf} (content ${review.after.contentVersion}). ${substance.length} changes in substance, ${citationOnly.length} of citation only.`)] }),
    );
    if (review.changes.length === 0) children.push(new Paragraph({ children: [run('No determination changed.')] }));
    if (substance.length > 0) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'What changes for the client', font: FONT })] }), changeTable(substance));
    if (citationOnly.length > 0) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'Citations only (no change in what the firm must do)', font: FONT })] }), changeTable(citationOnly));
    if (review.due && review.due.length > 0) {
      const header = new TableRow({ tableHeader: true, children: [cell('Duty', true, 40), cell('System', true, 20), cell('Date', true, 20), cell('Basis', true, 20)] });
      const rows = review.due.map((duty) => new TableRow({ children: [cell(duty.title, false, 40), cell(duty.system ?? 'All', false, 20), cell(`${duty.dates.join(', ')}${duty.estimated ? ' (from the plan)' : ''}`, false, 20), cell(`${duty.citation.title}${duty.citation.article ? ` Art. ${duty.citation.article}` : ''}`, false, 20)] }));
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'Due in this period', font: FONT })] }), new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }));
    }
  }
  children.push(new Paragraph({ children: [run('Landfall is not legal advice; answers that rest on unconfirmed sources are flagged in the assessment.')] }));
  const document = new Document({ creator: 'Landfall', title: 'Regulatory-change review', styles: { default: { document: { run: { font: FONT, size: 20 } } } }, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}
