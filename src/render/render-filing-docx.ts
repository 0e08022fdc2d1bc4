// A filing pack as a Word document (docx library): title, sections with two-column tables and
// paragraphs, the basis and the "not legal advice" line. A Chinese document whose kind has a layout
// in content/knowledge/document-layouts.yaml (the CAC's report template, GB/T 9704-2012) takes its
// paper, margins, fonts, sizes and fixed line spacing from there; the fonts are named as Word and WPS
// know them (FangSong, SimHei, KaiTi) with the Noto CJK family as their alternative in the font
// table, so the document renders where those fonts are missing. Other documents keep Landfall's own
// layout, a CJK font on every run so they render the same in Word, WPS and LibreOffice.
import { AlignmentType, Document, HeadingLevel, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';
import type { DocumentLayout } from '../core/law/content-schema.ts';
import type { Locale } from '../i18n/messages.ts';
import type { FilingDocument } from './render-filing.ts';

type RunStyle = { bold?: boolean; size?: number; italics?: boolean };
type Run = (text: string, style?: RunStyle) => TextRun;

export async function renderFilingDocx(document: FilingDocument, locale: Locale): Promise<Uint8Array> {
  const body = filingBody(document, locale);
  const file = new Document({ creator: 'Landfall', title: document.title, styles: { default: { document: { run: body.defaultRun } } }, sections: [{ ...(body.page ? { properties: { page: body.page } } : {}), children: body.children }] });
  const layout = document.layout;
  return new Uint8Array(await Packer.toBuffer(file, false, layout ? [{ path: 'word/fontTable.xml', data: fontTableXml(layout) }] : []));
}

interface FilingBody {
  children: Array<Paragraph | Table>;
  defaultRun: { font: IRunOptions['font']; size: number };
  page: { size: typeof A4_TWIPS; margin: { top: number; bottom: number; left: number; right: number } } | null;
}

/** The document's paragraphs and tables, in the layout of its kind in Chinese or Landfall's own; also what a consultancy template receives. */
export function filingBody(document: FilingDocument, locale: Locale): FilingBody {
  if (document.layout) return layoutBody(document, document.layout);
  const eastAsia = locale === 'zh-CN' ? 'Noto Serif CJK SC' : 'Noto Sans CJK SC';
  const font = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia };
  const run: Run = (text, options = {}) => new TextRun({ text, font, size: options.size ?? 22, ...(options.bold ? { bold: true } : {}), ...(options.italics ? { italics: true } : {}) });
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(document.title, { bold: true, size: 36 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(document.subtitle, { size: 20 })] }),
  ];
  for (const section of document.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [run(section.heading, { bold: true, size: 28 })] }));
    if (section.rows.length > 0) children.push(rowsTable(section.rows, run, () => ({})));
    for (const paragraph of section.paragraphs) children.push(new Paragraph({ spacing: { before: 120 }, children: [run(paragraph)] }));
  }
  for (const line of document.footer) children.push(new Paragraph({ spacing: { before: 240 }, children: [run(line, { italics: true, size: 18 })] }));
  return { children, defaultRun: { font, size: 22 }, page: null };
}

function rowsTable(rows: ReadonlyArray<readonly [string, string]>, run: Run, spacing: () => { spacing?: { line: number; lineRule: (typeof LineRuleType)[keyof typeof LineRuleType] } }): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(([label, value]) => new TableRow({
      cantSplit: true,
      children: [
        new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [new Paragraph({ ...spacing(), children: [run(label, { bold: true })] })] }),
        new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: [new Paragraph({ ...spacing(), children: [run(value)] })] }),
      ],
    })),
  });
}

const TWIPS_PER_MM = 1440 / 25.4;
const A4_TWIPS = { width: 11906, height: 16838 };
const halfPoints = (points: number) => Math.round(points * 2);

function layoutBody(document: FilingDocument, layout: DocumentLayout): FilingBody {
  const { body } = layout;
  const heading = layout.headings.find((entry) => entry.level === 1) ?? { font: body.font, bold: true };
  const fonts = (eastAsia: string): IRunOptions['font'] => ({ ascii: body.latinFont, hAnsi: body.latinFont, cs: body.latinFont, eastAsia });
  const runIn = (eastAsia: string): Run => (text, style = {}) => new TextRun({ text, font: fonts(eastAsia), size: halfPoints(style.size ?? body.sizePt), ...(style.bold ? { bold: true } : {}) });
  const run = runIn(body.font.name);
  // 行距固定值: an exact line pitch, in twentieths of a point.
  const exact = () => ({ spacing: { line: Math.round(body.lineSpacingPt * 20), lineRule: LineRuleType.EXACT } });
  const indent = { firstLineChars: body.firstLineIndentChars * 100, firstLine: Math.round(body.firstLineIndentChars * body.sizePt * 20) };
  const title = layout.documentTitle;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { line: Math.round(title.sizePt * 1.5 * 20), lineRule: LineRuleType.EXACT }, children: [runIn(title.font.name)(document.title, { size: title.sizePt })] }),
    new Paragraph({ ...exact(), alignment: AlignmentType.CENTER, children: [run(document.subtitle)] }),
  ];
  for (const section of document.sections) {
    children.push(new Paragraph({ ...exact(), heading: HeadingLevel.HEADING_1, keepNext: true, children: [runIn(heading.font.name)(section.heading, { bold: heading.bold })] }));
    if (section.rows.length > 0) children.push(rowsTable(section.rows, run, exact));
    for (const paragraph of section.paragraphs) children.push(new Paragraph({ ...exact(), indent, children: [run(paragraph)] }));
  }
  for (const line of document.footer) children.push(new Paragraph({ ...exact(), indent, children: [run(line)] }));
  const margin = layout.page.marginsMm;
  const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
  return {
    children,
    defaultRun: { font: fonts(body.font.name), size: halfPoints(body.sizePt) },
    page: { size: A4_TWIPS, margin: { top: twips(margin.top), bottom: twips(margin.bottom), left: twips(margin.left), right: twips(margin.right) } },
  };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The font table: each CJK font the layout names, with its Noto CJK alternative (ECMA-376 §17.8.3.1 altName) and the GB2312 character set. */
export function fontTableXml(layout: DocumentLayout): string {
  const cjk = new Map<string, string>();
  for (const font of [layout.body.font, layout.documentTitle.font, ...layout.headings.map((entry) => entry.font)]) if (!cjk.has(font.name)) cjk.set(font.name, font.fallback);
  const entries = [...cjk].map(([name, fallback]) => `<w:font w:name="${escapeXml(name)}"><w:altName w:val="${escapeXml(fallback)}"/><w:charset w:val="86"/><w:family w:val="auto"/></w:font>`);
  entries.push(`<w:font w:name="${escapeXml(layout.body.latinFont)}"><w:charset w:val="00"/><w:family w:val="roman"/></w:font>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries.join('')}</w:fonts>`;
}
