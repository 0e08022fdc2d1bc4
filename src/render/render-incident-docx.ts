// The incident clock and its prefilled initial report as a Word document (docx library), the same
// parts as the Markdown (render-incident-report.ts). Every value is a plain text run, which the
// docx library writes as escaped XML text, so markup in a description stays text. Chinese
// documents use a CJK serif font on every run, as the filing packs do.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Locale } from '../i18n/messages.ts';
import { incidentDocument, type IncidentReportInput } from './render-incident-report.ts';

export async function renderIncidentDocx(input: IncidentReportInput, locale: Locale): Promise<Uint8Array> {
  const document = incidentDocument(input, locale);
  const eastAsia = locale === 'zh-CN' ? 'Noto Serif CJK SC' : 'Noto Sans CJK SC';
  const font = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia };
  const run = (text: string, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font, size: options.size ?? 22, ...(options.bold ? { bold: true } : {}) });
  const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240 }, children: [run(text, { bold: true, size: 28 })] });
  const bullet = (text: string) => new Paragraph({ bullet: { level: 0 }, children: [run(text)] });
  const cell = (text: string, width: number, bold = false) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(text, { bold })] })] });
  const table = (rows: string[][], widths: number[], header: boolean) => new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((cells, index) => new TableRow({ cantSplit: true, tableHeader: header && index === 0, children: cells.map((text, column) => cell(text, widths[column]!, (header && index === 0) || (!header && column === 0))) })),
  });
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(document.reportTitle, { bold: true, size: 36 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(document.heading, { size: 20 })] }),
    table(document.report, [30, 70], false),
    heading(document.reasonsHeading),
    table(document.summary, [30, 70], false),
    ...document.gradeReasons.map(bullet),
    heading(document.dutiesHeading),
    table([[...document.columns], ...document.duties.map((duty) => [duty.duty, duty.to, duty.due, duty.what, duty.basis])], [12, 20, 14, 34, 20], true),
    heading(document.notEvaluatedHeading),
    ...document.notEvaluated.map(bullet),
    ...(document.legalReview.length > 0 ? [heading(document.legalReviewHeading), ...document.legalReview.map(bullet)] : []),
  ];
  const file = new Document({ creator: 'Landfall', title: document.reportTitle, styles: { default: { document: { run: { font, size: 22 } } } }, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(file));
}
