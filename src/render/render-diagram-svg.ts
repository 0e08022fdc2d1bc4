// Draws an annex diagram as SVG from its dagre layout (diagram-layout.ts): the title and caption,
// the mainland zone and the zone outside it with the dashed border between them, each box sized to
// its wrapped text, and the edges, those crossing the border in the accent colour. Sized for an A4
// page at 100% (labels at 12-13 px, 9-10 pt), vector, so it stays crisp in HTML, PDF and DOCX.
// Every text drawn comes from the profile or Landfall and is escaped.
import type { Diagram } from '../core/annex/annex-types.ts';
import { translator, type Locale } from '../i18n/messages.ts';
import { FONT_SIZE, LINE_HEIGHT, layoutDiagram, type DiagramLayout, type PlacedNode, type TextBlock } from './diagram-layout.ts';

const FONT = "'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const COLOUR = { ink: '#1a1a1a', muted: '#4a4a4a', accent: '#a3221b', edge: '#555555' } as const;
const FILL: Record<PlacedNode['node']['kind'], string> = {
  system: '#ffffff', service: '#f1f1f5', users: '#eef6ee', recipient: '#fff3e8', entry: '#e8f0fb', gateway: '#fdf0d8',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Text blocks as one <text> per line, from (x, y) at the top-left of the first line. */
function textLines(blocks: readonly TextBlock[], x: number, y: number, anchor: 'start' | 'middle' = 'start'): string {
  const out: string[] = [];
  let baseline = y;
  for (const block of blocks) {
    for (const line of block.lines) {
      baseline += block.size * LINE_HEIGHT;
      out.push(`<text x="${round(x)}" y="${round(baseline - block.size * 0.3)}" font-size="${block.size}"${block.weight === 'bold' ? ' font-weight="700"' : ''} fill="${COLOUR[block.colour]}"${anchor === 'middle' ? ' text-anchor="middle"' : ''}>${escapeXml(line)}</text>`);
    }
  }
  return out.join('');
}

/** A path through dagre's points, smoothed through the midpoints. */
function pathOf(points: ReadonlyArray<{ x: number; y: number }>): string {
  if (points.length < 2) return '';
  const [first, ...rest] = points;
  if (rest.length === 1) return `M${round(first!.x)},${round(first!.y)} L${round(rest[0]!.x)},${round(rest[0]!.y)}`;
  const parts = [`M${round(first!.x)},${round(first!.y)}`];
  for (let index = 1; index < points.length - 1; index += 1) {
    const point = points[index]!;
    const next = points[index + 1]!;
    const end = index === points.length - 2 ? next : { x: (point.x + next.x) / 2, y: (point.y + next.y) / 2 };
    parts.push(`Q${round(point.x)},${round(point.y)} ${round(end.x)},${round(end.y)}`);
  }
  return parts.join(' ');
}

/** The diagram as SVG; its own words (zone names, "+N more", approvals) in `locale`. */
export function renderDiagramSvg(diagram: Diagram, locale: Locale = 'en'): string {
  return drawLayout(diagram, layoutDiagram(diagram, locale), locale);
}

export function drawLayout(diagram: Diagram, layout: DiagramLayout, locale: Locale = 'en'): string {
  const t = translator(locale);
  const { width, height } = layout;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${FONT}" role="img" aria-label="${escapeXml(diagram.title)}">`,
    `<title>${escapeXml(diagram.title)}</title>`,
    diagram.caption ? `<desc>${escapeXml(diagram.caption)}</desc>` : '',
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker>',
    '<marker id="arrow-border" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#a3221b"/></marker></defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    textLines(layout.heading, 12, 4),
  ];
  const { mainland, outside } = layout.zones;
  if (mainland) {
    out.push(`<rect x="${round(mainland.x)}" y="${round(mainland.y)}" width="${round(mainland.width)}" height="${round(mainland.height)}" rx="8" fill="#f4f7fb" stroke="#9db2cf"/>`);
    out.push(textLines([{ lines: [t('annex.diagram.zone.mainland')], size: FONT_SIZE.zone, weight: 'bold', colour: 'ink' }], mainland.x + 8, mainland.y + 1));
  }
  if (outside) {
    out.push(`<rect x="${round(outside.x)}" y="${round(outside.y)}" width="${round(outside.width)}" height="${round(outside.height)}" rx="8" fill="#fbf6f2" stroke="#d1b39b"/>`);
    out.push(textLines([{ lines: [t('annex.diagram.zone.outside')], size: FONT_SIZE.zone, weight: 'bold', colour: 'ink' }], outside.x + 8, outside.y + 1));
  }
  const { border } = layout;
  if (border) out.push(`<line x1="${round(border.x1)}" y1="${round(border.y1)}" x2="${round(border.x2)}" y2="${round(border.y2)}" stroke="#a3221b" stroke-dasharray="6 5"/>`);
  for (const group of layout.groups) {
    out.push(`<rect x="${round(group.x)}" y="${round(group.y)}" width="${round(group.width)}" height="${round(group.height)}" rx="8" fill="none" stroke="#5b7bb0" stroke-dasharray="3 3"/>`);
    out.push(textLines([{ lines: [group.title], size: FONT_SIZE.detail, weight: 'bold', colour: 'muted' }], group.x + 6, group.y + 1));
  }
  for (const placed of layout.edges) {
    const { edge } = placed;
    const colour = edge.crossesBorder ? COLOUR.accent : COLOUR.edge;
    const tooltip = [edge.ref, edge.label, edge.channel, edge.basis ?? edge.mechanism, edge.approval ? t('annex.diagram.approval', { status: edge.approval.status, needed: edge.approval.needed }) : null].filter(Boolean).join(' · ');
    out.push(`<g><title>${escapeXml(tooltip)}</title><path d="${pathOf(placed.points)}" fill="none" stroke="${colour}" stroke-width="1.6" marker-end="url(#${edge.crossesBorder ? 'arrow-border' : 'arrow'})"/></g>`);
  }
  // Labels after every edge, so no line crosses a label's text.
  for (const placed of layout.edges) {
    if (!placed.label) continue;
    const { label } = placed;
    out.push(`<rect x="${round(label.x)}" y="${round(label.y)}" width="${round(label.width)}" height="${round(label.height)}" rx="4" fill="#ffffff" fill-opacity="0.94" stroke="${placed.edge.crossesBorder ? '#e3b4b0' : '#cccccc'}"/>`);
    out.push(textLines(label.blocks, label.x + 4, label.y + 3));
  }
  for (const placed of layout.nodes) {
    out.push(`<g><title>${escapeXml(placed.tooltip)}</title><rect x="${round(placed.x)}" y="${round(placed.y)}" width="${round(placed.width)}" height="${round(placed.height)}" rx="6" fill="${FILL[placed.node.kind]}" stroke="#4a4a4a"${placed.node.id.startsWith('more:') ? ' stroke-dasharray="4 3"' : ''}/>${textLines(placed.blocks, placed.x + 8, placed.y + 8)}</g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
