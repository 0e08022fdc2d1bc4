// The annex as a Word document (docx library): a cover with the consultancy's name and logo, the
// summary page, a table of contents, header and footer with the engagement, the document state and
// a page-number field, the register as tables whose columns fit their content, headings kept with
// what follows, and the diagrams as SVG with a PNG fallback (rasterised by sharp) for readers
// without SVG support, each at its printed size and followed by its table. An East Asian font is set on every run so Chinese text renders.
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageBreak, PageNumber, Paragraph, Table, TableCell, TableOfContents, TableRow, TextRun, WidthType,
} from 'docx';
import type { StoredAnnexItem } from '../core/annex/merge-annex.ts';
import {
  actionOf, citationText, countsText, diagramState, diagramTable, finalNote, basisText, logoBox, decisionOf, dueOf, edited, inSection, monthsText, ownerOf, questionOf, registerByCategory, roleText, sectionTitle, stateText,
  statusNote, statusText, summaryRows, systemNames, systemsOf, type AnnexView,
} from './annex-parts.ts';
import { formatCitation } from './render-assessment-markdown.ts';
import { isWide } from './diagram-text.ts';
import { renderDiagramSvg } from './render-diagram-svg.ts';

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Noto Sans CJK SC' };
/** The text width of an A4 page with 2 cm margins, in twentieths of a point (DXA). */
const TEXT_WIDTH = 9638;

const text = (value: string, options: { bold?: boolean; size?: number; italics?: boolean; color?: string } = {}) => new TextRun({ text: value, font: FONT, ...options });
const paragraph = (value: string, options: { bold?: boolean; italics?: boolean; keepNext?: boolean } = {}) =>
  new Paragraph({ keepNext: options.keepNext ?? false, children: [text(value, { ...(options.bold ? { bold: true } : {}), ...(options.italics ? { italics: true } : {}) })] });
/** Headings stay with the paragraph after them, so none is stranded at a page foot. */
const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, keepNext: true, keepLines: true, children: [text(value)] });
const labelledWith = (colon: string, label: string, value: string) => new Paragraph({ keepNext: false, children: [text(`${label}${colon}`, { bold: true }), text(value)] });

function cell(value: string, width: number, bold = false): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ children: [text(value, { bold, size: 18 })] })] });
}

/**
 * A table whose column widths follow their content: each column gets a share of the page width
 * in proportion to the longest text it holds (capped, so one long statement does not squeeze
 * the status column), never less than a floor.
 */
function fittedTable(headers: string[], rows: string[][], options: { floor?: number; cap?: number; wide?: boolean } = {}): Table {
  const floor = options.floor ?? 900;
  const cap = options.cap ?? 60;
  // A Chinese document measures CJK characters as two half-width units; English keeps its measure.
  const measure = options.wide ? displayLength : (value: string) => value.length;
  const weights = headers.map((header, column) => Math.max(measure(header), ...rows.map((row) => Math.min(cap, longestWordRun(row[column] ?? '', measure)))));
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  let widths = weights.map((weight) => Math.max(floor, Math.round((weight / total) * TEXT_WIDTH)));
  const scale = TEXT_WIDTH / widths.reduce((sum, width) => sum + width, 0);
  widths = widths.map((width) => Math.floor(width * scale));
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((title, column) => cell(title, widths[column]!, true)) });
  const body = rows.map((row) => new TableRow({ cantSplit: false, children: row.map((value, column) => cell(value, widths[column]!)) }));
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...body] });
}

/** Text length in half-width units: a CJK character or full-width form counts as two (diagram-text.ts's isWide), so Chinese columns get their share. */
function displayLength(value: string): number {
  let length = 0;
  for (const char of value) length += isWide(char.codePointAt(0)!) ? 2 : 1;
  return length;
}

/** A column's need: the text length, with long cells counted as wrapped (a statement is wide, a date is not). */
function longestWordRun(value: string, measure: (value: string) => number): number {
  const length = measure(value);
  return length <= 24 ? length : Math.min(length, 24 + Math.sqrt(length) * 3);
}

/**
 * The PNG fallback of a diagram at twice its size. sharp (librsvg, with fonts found through
 * fontconfig and kept open by the process) is used rather than resvg: resvg lays out every text
 * with a Noto CJK face at about 1.8 CPU-seconds per diagram, even with a single font file loaded,
 * and blocks the event loop while it does; sharp takes some 50 ms on libuv's thread pool.
 */
export async function rasteriseSvg(svg: string): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg, 'utf8'), { density: 192 }).png().toBuffer();
}

async function diagramImage(svg: string): Promise<ImageRun> {
  const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 640);
  const height = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 600);
  const png = await rasteriseSvg(svg);
  // At its own size: the drawing is made for the text width of the page (17 cm, about 642 px at
  // 96 px per inch) and 880 px of its height, so its 12 px labels print at 9 pt. One that does
  // not fit (diagram-layout.ts could not fold it small enough) is scaled down to the page.
  const scale = Math.min(1, 642 / width, 900 / height);
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(svg, 'utf8'),
    fallback: { type: 'png', data: png },
    transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
  });
}

const basis = (view: AnnexView, item: StoredAnnexItem) => basisText(item, (citation) => citationText(view, citation, formatCitation)) || '–';

export async function renderAnnexDocx(view: AnnexView): Promise<Uint8Array> {
  const { annex, t } = view;
  const names = systemNames(view);
  const statusLabel = (status: string) => statusText(view, status);
  const owner = (item: StoredAnnexItem) => ownerOf(item, view);
  const columns = (...ids: string[]) => ids.map((id) => t(`annex.column.${id}`));
  const separator = t('common.listSeparator');
  const labelled = (label: string, value: string) => labelledWith(t('annex.colon'), label, value);
  const wide = view.locale !== 'en';
  const children: Array<Paragraph | Table | TableOfContents> = [];

  // Cover.
  const logo = logoBox(view, 240, 90);
  if (logo && view.branding.logoPng) {
    children.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: Buffer.from(view.branding.logoPng), transformation: logo, altText: { name: 'Logo', title: view.branding.consultancy, description: t('annex.docx.logo', { consultancy: view.branding.consultancy }) } })] }));
  }
  children.push(
    new Paragraph({ spacing: { before: 2400 }, children: [text(view.branding.consultancy, { size: 28, color: '44546A' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(annex.title)] }),
    paragraph(view.engagement),
    labelled(t('annex.label.documentState'), stateText(view)),
    labelled(t('annex.label.lastUpdated'), view.lastUpdated),
    labelled(t('annex.label.lawAsOf'), annex.asOf),
    labelled(t('annex.label.contentVersion'), annex.summary?.contentVersion ?? '–'),
    new Paragraph({ spacing: { before: 600 }, children: [text(annex.summary?.notLegalAdvice ?? t('annex.notLegalAdvice'), { italics: true })] }),
    new Paragraph({ children: [new PageBreak()] }),
  );

  // Summary page.
  children.push(heading(t('annex.heading.summary'), HeadingLevel.HEADING_1));
  children.push(fittedTable(columns('determination', 'answer'), summaryRows(view).map(([label, value]) => [label, value]), { wide }));
  children.push(paragraph(countsText(view), { bold: true }));
  children.push(new Paragraph({ children: [text(t('annex.docx.confidence', { rating: view.confidence.rating }), { bold: true }), text(view.confidence.reason)] }));
  if (finalNote(view)) children.push(paragraph(finalNote(view)!));
  children.push(heading(t('annex.heading.why'), HeadingLevel.HEADING_2), paragraph(annex.framing.why));
  children.push(heading(t('annex.heading.informs'), HeadingLevel.HEADING_2), paragraph(annex.framing.informs));
  children.push(heading(t('annex.heading.unresolved'), HeadingLevel.HEADING_2), paragraph(view.unresolved));
  children.push(new Paragraph({ children: [new PageBreak()] }));

  // Contents: filled in from the headings; Word refreshes the page numbers when it opens the file.
  children.push(paragraph(t('annex.heading.contents'), { bold: true, keepNext: true }), new TableOfContents(t('annex.heading.contents'), { hyperlink: true, headingStyleRange: '1-2' }), new Paragraph({ children: [new PageBreak()] }));

  children.push(heading(t('annex.heading.register'), HeadingLevel.HEADING_1));
  for (const category of registerByCategory(view)) {
    children.push(heading(category.title, HeadingLevel.HEADING_2));
    children.push(fittedTable(
      columns('requirement', 'status', 'systems', 'owner', 'due', 'statement', 'basis'),
      category.items.map((item) => [
        `${item.title}${edited(item) ? ' ✎' : ''}`, `${statusLabel(item.status)}${statusNote(item, view)}`, systemsOf(view, item, names), owner(item), dueOf(item),
        `${item.statement}${item.data.implication ? `${t('annex.sentenceGap')}${String(item.data.implication)}` : ''}`, basis(view, item),
      ]),
      { wide },
    ));
  }

  const timeline = annex.summary?.timeline;
  if (timeline && timeline.tracks.length > 0) {
    children.push(heading(t('annex.heading.timeline'), HeadingLevel.HEADING_1));
    children.push(paragraph(t('annex.timeline.line', { months: monthsText(view, timeline.minMonths, timeline.maxMonths), start: timeline.start, path: timeline.criticalPath.join(' → ') }), { keepNext: true }));
    children.push(fittedTable(columns('track', 'starts', 'ends', 'months', 'after', 'criticalPath'), timeline.tracks.map((track) => [
      track.title, track.start, t('annex.timeline.ends', { earliest: track.end.earliest, latest: track.end.latest }), track.months.min === track.months.max ? `${track.months.min}` : `${track.months.min}-${track.months.max}`, track.dependsOn.join(separator) || '–', t(track.critical ? 'annex.yes' : 'annex.no'),
    ]), { wide }));
  }

  children.push(heading(t('annex.heading.diagrams'), HeadingLevel.HEADING_1));
  const images = await Promise.all(annex.diagrams.map((diagram) => diagramImage(renderDiagramSvg(diagram, view.locale))));
  annex.diagrams.forEach((diagram, index) => {
    children.push(heading(diagram.title, HeadingLevel.HEADING_2), paragraph(t('annex.diagram.state', { state: diagramState(view, diagram.state), owner: roleText(view, diagram.owner) }), { keepNext: true }));
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [images[index]!] }));
    const table = diagramTable(diagram, t);
    if (table.rows.length > 0) children.push(fittedTable(table.headers, table.rows, { floor: 700, wide }));
  });

  const questions = inSection(view, 'open_question');
  if (questions.length > 0) {
    children.push(heading(sectionTitle(view, 'open_question'), HeadingLevel.HEADING_1));
    questions.forEach((item, index) => {
      children.push(new Paragraph({ keepNext: true, children: [text(t('annex.question.title', { number: String(index + 1), title: item.title }), { bold: true }), text(t('annex.statusAfter', { status: statusLabel(item.status) }))] }));
      const hangs = questionOf(item)?.hangsOn ?? (item.data.implication as string | null);
      if (hangs) children.push(new Paragraph({ keepNext: true, children: [text(t('annex.docx.label', { label: t('annex.question.hangsOn') }), { bold: true }), text(hangs)] }));
      children.push(new Paragraph({ keepNext: true, children: [text(t('annex.docx.label', { label: t('annex.question.who') }), { bold: true }), text(t('annex.question.whoValue', { owner: owner(item), due: dueOf(item) }))] }), paragraph(item.statement));
    });
  }
  const assumptions = inSection(view, 'assumption');
  if (assumptions.length > 0) {
    children.push(heading(sectionTitle(view, 'assumption'), HeadingLevel.HEADING_1), paragraph(t('annex.assumptions.intro')));
    for (const item of assumptions) children.push(new Paragraph({ bullet: { level: 0 }, children: [text(item.title, { bold: true }), text(t('annex.docx.entryRest', { status: statusLabel(item.status), statement: item.statement }))] }));
  }
  const guardrails = inSection(view, 'guardrail');
  if (guardrails.length > 0) {
    children.push(heading(sectionTitle(view, 'guardrail'), HeadingLevel.HEADING_1));
    for (const item of guardrails) children.push(new Paragraph({ bullet: { level: 0 }, children: [text(item.title, { bold: true }), text(t('annex.docx.entryRest', { status: statusLabel(item.status), statement: item.statement }))] }));
  }
  const decisions = inSection(view, 'decision');
  if (decisions.length > 0) {
    children.push(heading(sectionTitle(view, 'decision'), HeadingLevel.HEADING_1));
    decisions.forEach((item, index) => {
      const record = decisionOf(item);
      children.push(heading(t('annex.adr.title', { number: String(index + 1), title: item.title }), HeadingLevel.HEADING_2), paragraph(t('annex.adrStatus', { status: statusLabel(item.status), owner: owner(item), due: dueOf(item) }), { keepNext: true }));
      if (!record) {
        children.push(paragraph(item.statement));
        return;
      }
      children.push(labelled(t('annex.adr.context'), record.context), paragraph(t('annex.adr.options'), { bold: true, keepNext: true }));
      const colon = t('annex.colon');
      for (const option of record.options) children.push(new Paragraph({ bullet: { level: 0 }, children: [text(option.title, { bold: true }), text(`${colon}${option.consequences}`)] }));
      if (record.ruledOut.length > 0) children.push(labelled(t('annex.adr.ruledOut'), `${record.ruledOut.map((entry) => `${entry.title}${colon}${entry.reason}`).join(t('annex.noteSeparator'))}${t('annex.period')}`));
      children.push(labelled(t('annex.adr.recommendation'), `${record.recommendation.option}${t('annex.period')}${t('annex.sentenceGap')}${record.recommendation.reason}`));
      if (edited(item)) children.push(labelled(t('annex.adr.recorded'), item.statement));
    });
  }
  const dependencies = inSection(view, 'dependency');
  if (dependencies.length > 0) {
    children.push(heading(sectionTitle(view, 'dependency'), HeadingLevel.HEADING_1));
    for (const item of dependencies) children.push(new Paragraph({ bullet: { level: 0 }, children: [text(item.title, { bold: true }), text(`${t('annex.colon')}${item.statement}${item.data.implication ? `${t('annex.sentenceGap')}${String(item.data.implication)}` : ''}`)] }));
  }
  const actions = inSection(view, 'next_action');
  if (actions.length > 0) {
    children.push(heading(sectionTitle(view, 'next_action'), HeadingLevel.HEADING_1), paragraph(t('annex.actions.intro'), { keepNext: true }));
    children.push(fittedTable(columns('number', 'action', 'owner', 'starts', 'unblocks', 'status'), actions.map((item, index) => {
      const action = actionOf(item);
      return [`${index + 1}`, `${item.title}${action?.criticalPath ? t('annex.actions.critical') : ''}${t('annex.colon')}${item.statement}`, owner(item), action?.start ?? dueOf(item), (action?.unblocks ?? []).join(separator) || '–', statusLabel(item.status)];
    }), { floor: 500, wide }));
  }
  const superseded = view.items.filter((item) => item.superseded);
  if (superseded.length > 0) {
    children.push(heading(t('annex.heading.superseded'), HeadingLevel.HEADING_1), paragraph(t('annex.superseded.intro')));
    for (const item of superseded) children.push(new Paragraph({ bullet: { level: 0 }, children: [text(`${item.title}${t('annex.colon')}${item.statement}`)] }));
  }

  const running = `${view.engagement} · ${annex.title.replace(/[:：].*$/, '')} · ${stateText(view)}`;
  const document = new Document({
    creator: view.branding.consultancy,
    title: annex.title,
    description: t('annex.docx.description', { state: stateText(view), asOf: annex.asOf }),
    features: { updateFields: true },
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } }, titlePage: true },
      headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(`${view.branding.consultancy} · ${running}`, { size: 16, color: '555555' })] })] }) },
      footers: {
        default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: 16, children: [t('annex.footer.before', { engagement: view.engagement, state: stateText(view) }), PageNumber.CURRENT, t('annex.footer.of'), PageNumber.TOTAL_PAGES, t('annex.footer.after')].filter((part) => part !== '') })] })] }),
        first: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`${stateText(view)} · ${view.lastUpdated}`, { size: 16, color: '555555' })] })] }),
      },
      children,
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
