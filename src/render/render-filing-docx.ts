// A filing pack as a Word document (docx library): title, sections with two-column tables and
// paragraphs, the basis and the "not legal advice" line. Chinese documents use a CJK serif font
// on every run so they render the same in Word, WPS and LibreOffice.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Locale } from '../i18n/messages.ts';
import type { FilingDocument } from './render-filing.ts';

export async function renderFilingDocx(document: FilingDocument, locale: Locale): Promise<Uint8Array> {
  const eastAsia = locale === 'zh-CN' ? 'Noto Serif CJK SC' : 'Noto Sans CJK SC';
  const font = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia };
  const run = (text: string, options: { bold?: boolean; size?: number; italics?: boolean } = {}) => new TextRun({ text, font, size: options.size ?? 22, ...(options.bold ? { bold: true } : {}), ...(options.italics ? { italics: true } : {}) });
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(document.title, { bold: true, size: 36 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(document.subtitle, { size: 20 })] }),
  ];
  for (const section of document.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [run(section.heading, { bold: true, size: 28 })] }));
    if (section.rows.length > 0) {
      children.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: section.rows.map(([label, value]) => new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(label, { bold: true })] })] }),
            new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(value)] })] }),
          ],
        })),
      }));
    }
    for (const paragraph of section.paragraphs) children.push(new Paragraph({ spacing: { before: 120 }, children: [run(paragraph)] }));
  }
  for (const line of document.footer) children.push(new Paragraph({ spacing: { before: 240 }, children: [run(line, { italics: true, size: 18 })] }));
  const file = new Document({ creator: 'Landfall', title: document.title, styles: { default: { document: { run: { font, size: 22 } } } }, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(file));
}
