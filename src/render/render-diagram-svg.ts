// Draws an annex diagram as SVG: two zones side by side (the mainland and outside it), the nodes
// of each zone stacked in its column, and the edges between them, those crossing the border in the
// accent colour with the mechanism they travel under. Vector, so it scales in HTML, PDF and DOCX.
import type { Diagram, DiagramNode } from '../core/annex/annex-types.ts';

const WIDTH = 960;
const ZONE_WIDTH = 360;
const NODE_WIDTH = 300;
const NODE_HEIGHT = 52;
const GAP = 26;
const TOP = 70;
const LEFT_X = 30;
const RIGHT_X = WIDTH - 30 - ZONE_WIDTH;
const FONT = "'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

function clip(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

export function renderDiagramSvg(diagram: Diagram): string {
  const zones = { mainland: diagram.nodes.filter((node) => node.zone === 'mainland'), outside: diagram.nodes.filter((node) => node.zone === 'outside') };
  const rows = Math.max(zones.mainland.length, zones.outside.length, 1);
  const height = TOP + rows * (NODE_HEIGHT + GAP) + 40;
  const position = new Map<string, { x: number; y: number }>();
  (['mainland', 'outside'] as const).forEach((zone) => {
    const x = (zone === 'mainland' ? LEFT_X : RIGHT_X) + (ZONE_WIDTH - NODE_WIDTH) / 2;
    zones[zone].forEach((node, index) => position.set(node.id, { x, y: TOP + index * (NODE_HEIGHT + GAP) }));
  });
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="${FONT}" role="img" aria-label="${escapeXml(diagram.title)}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>',
    '<marker id="arrow-border" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b3261e"/></marker></defs>',
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<rect x="${LEFT_X}" y="20" width="${ZONE_WIDTH}" height="${height - 40}" rx="10" fill="#f4f7fb" stroke="#9db2cf"/>`,
    `<text x="${LEFT_X + 14}" y="44" font-size="15" font-weight="700" fill="#22324a">Mainland China 中国大陆</text>`,
    `<rect x="${RIGHT_X}" y="20" width="${ZONE_WIDTH}" height="${height - 40}" rx="10" fill="#fbf6f2" stroke="#d1b39b"/>`,
    `<text x="${RIGHT_X + 14}" y="44" font-size="15" font-weight="700" fill="#4a3322">Outside the mainland 境外</text>`,
    `<line x1="${WIDTH / 2}" y1="20" x2="${WIDTH / 2}" y2="${height - 20}" stroke="#b3261e" stroke-dasharray="6 5"/>`,
  );
  diagram.edges.forEach((edge, index) => {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) return;
    const colour = edge.crossesBorder ? '#b3261e' : '#555';
    const y1 = from.y + NODE_HEIGHT / 2;
    const y2 = to.y + NODE_HEIGHT / 2 + ((index % 3) - 1) * 6;
    let path: string;
    let labelX: number;
    let anchor: 'start' | 'middle' | 'end';
    if (from.x === to.x) {
      // Both ends in one zone: loop through the gap between the zones, never off the canvas.
      const mainlandSide = from.x < WIDTH / 2;
      const edgeX = mainlandSide ? from.x + NODE_WIDTH : from.x;
      const bulge = mainlandSide ? edgeX + 44 : edgeX - 44;
      path = `M${edgeX},${y1} C${bulge},${y1} ${bulge},${y2} ${edgeX},${y2}`;
      labelX = mainlandSide ? bulge + 4 : bulge - 4;
      anchor = mainlandSide ? 'start' : 'end';
    } else {
      const fromRight = from.x < to.x;
      const x1 = fromRight ? from.x + NODE_WIDTH : from.x;
      const x2 = fromRight ? to.x : to.x + NODE_WIDTH;
      path = `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
      labelX = (x1 + x2) / 2;
      anchor = 'middle';
    }
    // Topology edges speak for themselves; flows carry their label and mechanism.
    const labelled = diagram.id === 'data_flow' || edge.mechanism != null;
    const label = clip(edge.mechanism ? `${edge.label} · ${edge.mechanism}` : edge.label, 40);
    out.push(
      `<g><title>${escapeXml(edge.mechanism ? `${edge.label} (${edge.mechanism})` : edge.label)}</title><path d="${path}" fill="none" stroke="${colour}" stroke-width="1.6" marker-end="url(#${edge.crossesBorder ? 'arrow-border' : 'arrow'})"/>`,
      labelled ? `<text x="${labelX}" y="${(y1 + y2) / 2 - 4}" font-size="10" text-anchor="${anchor}" fill="${colour}">${escapeXml(label)}</text>` : '',
      '</g>',
    );
  });
  for (const node of diagram.nodes) {
    const at = position.get(node.id);
    if (!at) continue;
    out.push(nodeSvg(node, at.x, at.y));
  }
  out.push('</svg>');
  return out.join('\n');
}

function nodeSvg(node: DiagramNode, x: number, y: number): string {
  const fill = node.kind === 'system' ? '#ffffff' : node.kind === 'recipient' ? '#fff3e8' : node.kind === 'users' ? '#eef6ee' : '#f1f1f5';
  return [
    `<g><title>${escapeXml(node.detail ? `${node.label}: ${node.detail}` : node.label)}</title>`,
    `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${fill}" stroke="#4a4a4a"/>`,
    `<text x="${x + 12}" y="${y + 21}" font-size="13" font-weight="600" fill="#1a1a1a">${escapeXml(clip(node.label, 40))}</text>`,
    node.detail ? `<text x="${x + 12}" y="${y + 39}" font-size="10" fill="#555">${escapeXml(clip(node.detail, 52))}</text>` : '',
    '</g>',
  ].join('');
}
