// The annex as a Word document (docx library): headings, the register as tables per category,
// the diagrams as SVG with a PNG fallback (rasterised by sharp) for readers without SVG support,
// and an East Asian font set on every run so Chinese text renders in Word and LibreOffice.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { REGISTER_CATEGORIES } from '../core/annex/annex-types.ts';
import type { StoredAnnexItem } from '../core/annex/merge-annex.ts';
import type { CitationOut } from '../core/assess/assessment-schema.ts';
import type { AnnexView } from './render-annex.ts';
import { formatCitation } from './render-assessment-markdown.ts';
import { renderDiagramSvg } from './render-diagram-svg.ts';

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Noto Sans CJK SC' };
const STATUS_LABEL: Record<string, string> = { draft: 'Draft', decision_needed: 'Decision needed', in_progress: 'In progress', confirmed: 'Confirmed', open: 'Open', resolved: 'Resolved' };
const section = (item: StoredAnnexItem) => (item.data.section as string | undefined) ?? 'register';

const text = (value: string, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text: value, font: FONT, ...options });
const paragraph = (value: string, options: { bold?: boolean } = {}) => new Paragraph({ children: [text(value, options)] });
const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [text(value)] });

function cell(value: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [text(value, { bold, size: 18 })] })] });
}

function registerTable(items: StoredAnnexItem[]): Table {
  const header = new TableRow({ tableHeader: true, children: ['Requirement', 'Status', 'Statement', 'Basis', 'Implication'].map((title) => cell(title, true)) });
  const rows = items.map(
    (item) =>
      new TableRow({
        children: [
          cell(`${item.title}${item.provenance === 'person' || item.editedFields.length > 0 ? ' ✎' : ''}`),
          cell(STATUS_LABEL[item.status] ?? item.status),
          cell(item.statement),
          cell(((item.data.basis as CitationOut[] | undefined) ?? []).map(formatCitation).join('; ') || '–'),
          cell(String(item.data.implication ?? '') || '–'),
        ],
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

/**
 * The PNG fallback of a diagram at twice its size. sharp (librsvg, with fonts found through
 * fontconfig and kept open by the process) is used rather than resvg: resvg lays out every text
 * with a Noto CJK face at about 1.8 CPU-seconds per diagram, even with a single font file loaded,
 * and blocks the event loop while it does; sharp takes some 50 ms on libuv's thread pool.
 */
export async function rasteriseSvg(svg: string): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg, 'utf8'), { density: 144 }).png().toBuffer();
}

async function diagramImage(svg: string): Promise<ImageRun> {
  const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 960);
  const height = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 600);
  const png = await rasteriseSvg(svg);
  const displayWidth = 620;
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(svg, 'utf8'),
    fallback: { type: 'png', data: png },
    transformation: { width: displayWidth, height: Math.round((height / width) * displayWidth) },
  });
}

export async function renderAnnexDocx(view: AnnexView): Promise<Uint8Array> {
  const { annex } = view;
  const live = view.items.filter((item) => !item.superseded);
  const register = live.filter((item) => section(item) === 'register');
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(annex.title)] }),
    paragraph(`State: ${view.documentState} · last updated ${view.lastUpdated} · law as of ${annex.asOf}`),
    heading('Why this matters', HeadingLevel.HEADING_2), paragraph(annex.framing.why),
    heading('What this informs', HeadingLevel.HEADING_2), paragraph(annex.framing.informs),
    heading('What remains unresolved', HeadingLevel.HEADING_2), paragraph(annex.framing.unresolved),
    paragraph(`${register.length} requirements · ${register.filter((item) => item.status === 'confirmed').length} confirmed · ${register.filter((item) => item.status !== 'confirmed').length} pending · ${live.filter((item) => section(item) === 'open_question' && item.status === 'open').length} open questions`, { bold: true }),
    heading('Requirements register', HeadingLevel.HEADING_1),
  ];
  for (const category of REGISTER_CATEGORIES) {
    const members = register.filter((item) => item.data.category === category.key);
    if (members.length === 0) continue;
    children.push(heading(category.title, HeadingLevel.HEADING_2), registerTable(members));
  }
  children.push(heading('Architecture diagrams', HeadingLevel.HEADING_1));
  const images = await Promise.all(annex.diagrams.map((diagram) => diagramImage(renderDiagramSvg(diagram))));
  annex.diagrams.forEach((diagram, index) => {
    children.push(heading(diagram.title, HeadingLevel.HEADING_2), paragraph(`State: ${diagram.state} · owner: ${diagram.owner}`));
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [images[index]!] }));
  });
  const list = (title: string, name: string, numbered = false) => {
    const members = live.filter((item) => section(item) === name);
    if (members.length === 0) return;
    children.push(heading(title, HeadingLevel.HEADING_1));
    members.forEach((item, index) =>
      children.push(new Paragraph({ bullet: { level: 0 }, children: [text(`${numbered ? `Q${index + 1} ` : ''}${item.title}`, { bold: true }), text(` (${STATUS_LABEL[item.status] ?? item.status}): ${item.statement}`)] })),
    );
  };
  list('Open questions', 'open_question', true);
  list('Guardrails', 'guardrail');
  list('Decisions supported', 'decision');
  list('Dependencies', 'dependency');
  list('Next actions', 'next_action');
  children.push(heading('Confidence', HeadingLevel.HEADING_1), new Paragraph({ children: [text(annex.confidence.rating, { bold: true }), text(`: ${annex.confidence.reason}`)] }));
  const document = new Document({
    creator: 'Landfall',
    title: annex.title,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
