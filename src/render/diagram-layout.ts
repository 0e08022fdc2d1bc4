// Lays out an annex diagram with dagre (@dagrejs/dagre), left to right: the mainland zone first,
// the border, then what is outside the mainland. dagre was chosen over elkjs because its layout()
// is synchronous and deterministic: the renderers are synchronous (the HTML annex, the SVG route)
// and elkjs's layout() returns a Promise even in its bundled build, which runs the same Java-to-JS
// code on the calling thread. dagre is also a tenth of elkjs's size and enough for these layered
// drawings.
//
// Boxes are sized to their wrapped text (diagram-text.ts). The drawing is made for an A4 page at
// 100%: at most PRINT_WIDTH px wide (17 cm of text width at 96 px per inch) and PRINT_HEIGHT px
// tall, so its 12 px (9 pt) and 13 px labels print at that size. When the text does not fit, the
// boxes get narrower (the text wraps more); when the nodes do not fit, each column keeps its first
// ones and folds the rest into one "+N more" box (the tables beside the drawing list everything),
// so a profile with a thousand systems draws a bounded diagram.
import dagre from '@dagrejs/dagre';
import type { Diagram, DiagramEdge, DiagramNode } from '../core/annex/annex-types.ts';
import { translator, type Locale, type Translate } from '../i18n/messages.ts';
import { textWidth, wrapText, type Weight } from './diagram-text.ts';

export const PRINT_WIDTH = 640;
export const PRINT_HEIGHT = 880;
export const FONT_SIZE = { title: 15, zone: 13, name: 13, detail: 12, edge: 12 } as const;
export const LINE_HEIGHT = 1.3;
const PADDING = 8;
/** Room at the top of a zone for its name. */
const ZONE_LABEL = 22;
/** The narrowest drawing, so a small diagram's title and caption have room. */
const MIN_WIDTH = 420;
const MARGIN = 12;

export interface TextBlock {
  lines: string[];
  size: number;
  weight: Weight;
  colour: 'ink' | 'muted' | 'accent';
}

export interface PlacedNode {
  node: DiagramNode;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  blocks: TextBlock[];
  /** The full label and detail, for the tooltip (a box's text may end in an ellipsis only past maxLines). */
  tooltip: string;
}

export interface PlacedEdge {
  edge: DiagramEdge;
  points: Array<{ x: number; y: number }>;
  label: { x: number; y: number; width: number; height: number; blocks: TextBlock[] } | null;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** The dashed border line between the zones (null when a zone is empty), and the zones' rectangles. */
  border: { x1: number; y1: number; x2: number; y2: number } | null;
  zones: { mainland: Rect | null; outside: Rect | null };
  /** The title and caption, drawn from (12, 6). */
  heading: TextBlock[];
  groups: Array<{ id: string; title: string; x: number; y: number; width: number; height: number }>;
  /** Nodes and flows left out of the drawing (folded into "+N more" boxes). */
  folded: number;
}

interface Budget {
  /** The widest a box's text may be. */
  textWidth: number;
  /** The most boxes one column (left to right) or row (top to bottom) of a zone and kind shows before folding the rest. */
  perColumn: number;
  /** The most data flows drawn with their labels. */
  flows: number;
}

/**
 * The budgets tried, in order of preference. Left to right (the data flows: source, flow,
 * recipient) the page is narrow, so boxes get narrower; top to bottom (the architectures) the
 * rows are wide and the page tall, so wider boxes (fewer lines) are tried first.
 */
const BUDGETS: Record<'LR' | 'TB', Budget[]> = {
  LR: [
    { textWidth: 170, perColumn: 10, flows: 8 },
    { textWidth: 150, perColumn: 8, flows: 6 },
    { textWidth: 130, perColumn: 6, flows: 5 },
    { textWidth: 116, perColumn: 5, flows: 4 },
    { textWidth: 104, perColumn: 4, flows: 3 },
  ],
  TB: [
    { textWidth: 220, perColumn: 4, flows: 8 },
    { textWidth: 190, perColumn: 4, flows: 8 },
    { textWidth: 170, perColumn: 4, flows: 8 },
    { textWidth: 150, perColumn: 4, flows: 8 },
    { textWidth: 132, perColumn: 4, flows: 8 },
    { textWidth: 120, perColumn: 3, flows: 8 },
    { textWidth: 104, perColumn: 3, flows: 8 },
    { textWidth: 96, perColumn: 2, flows: 8 },
  ],
};

/** A box of the drawing: a node of the diagram, or a list of the services one system uses in one zone. */
export interface LayoutNode extends DiagramNode {
  items?: Array<{ label: string; detail: string | null }>;
}

/**
 * Top to bottom, the services a system uses in one zone are one box listing them, so a system
 * with ten integrations adds one box to its row rather than ten.
 */
function groupServices(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[], t: Translate): { nodes: LayoutNode[]; edges: DiagramEdge[] } {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const lists = new Map<string, LayoutNode>();
  const out: DiagramEdge[] = [];
  for (const edge of edges) {
    const service = byId.get(edge.to);
    const source = byId.get(edge.from);
    if (service?.kind !== 'service' || source?.kind !== 'system') {
      out.push(edge);
      continue;
    }
    const id = `services:${source.id}:${service.zone}`;
    let list = lists.get(id);
    if (!list) {
      list = { id, label: t(service.zone === 'mainland' ? 'annex.diagram.servicesMainland' : 'annex.diagram.servicesGlobal'), zone: service.zone, kind: 'service', detail: null, items: [] };
      lists.set(id, list);
      out.push({ ...edge, to: id });
    }
    if (!list.items!.some((item) => item.label === service.label)) list.items!.push({ label: service.label, detail: service.detail });
  }
  const grouped = new Set(edges.filter((edge) => byId.get(edge.to)?.kind === 'service' && byId.get(edge.from)?.kind === 'system').map((edge) => edge.to));
  return { nodes: [...nodes.filter((node) => !(node.kind === 'service' && grouped.has(node.id))), ...lists.values()], edges: out };
}


/** Keeps the first `budget.perColumn` nodes of each zone and kind, folding the rest into one box. */
function fold(diagram: Diagram, source: { nodes: LayoutNode[]; edges: DiagramEdge[] }, budget: Budget, t: Translate): { nodes: LayoutNode[]; edges: DiagramEdge[]; folded: number } {
  // An edge to a node the diagram does not hold (a stored frame edited by hand) is not drawn.
  const known = new Set(source.nodes.map((node) => node.id));
  let edges = source.edges.filter((edge) => known.has(edge.from) && known.has(edge.to));
  let folded = 0;
  const notes: LayoutNode[] = [];
  if (diagram.id === 'data_flow' && edges.length > budget.flows) {
    folded += edges.length - budget.flows;
    notes.push({ id: 'more:flows', label: t('annex.diagram.moreFlows', { count: String(edges.length - budget.flows) }), zone: 'mainland', kind: 'system', detail: t('annex.diagram.listedBelow') });
    edges = edges.slice(0, budget.flows);
  }
  const used = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
  const candidates = diagram.id === 'data_flow' ? source.nodes.filter((node) => used.has(node.id)) : source.nodes;
  const columns = new Map<string, LayoutNode[]>();
  for (const node of candidates) {
    // Service lists fold with the system they belong to.
    const key = node.id.startsWith('services:') ? `${node.zone}:services` : `${node.zone}:${node.kind}`;
    const column = columns.get(key);
    if (column) column.push(node);
    else columns.set(key, [node]);
  }
  const replaced = new Map<string, string>();
  const kept: LayoutNode[] = [];
  for (const [key, nodes] of columns) {
    if (nodes.length <= budget.perColumn) {
      kept.push(...nodes);
      continue;
    }
    const shown = nodes.slice(0, budget.perColumn - 1);
    const rest = nodes.slice(budget.perColumn - 1);
    const more: LayoutNode = { id: `more:${key}`, label: t('annex.diagram.more', { count: rest.length, shown: String(rest.length), kind: rest[0]!.kind }), zone: rest[0]!.zone, kind: rest[0]!.kind, detail: t('annex.diagram.listedBelow'), group: rest[0]!.group ?? null };
    kept.push(...shown, more);
    for (const node of rest) replaced.set(node.id, more.id);
    folded += rest.length;
  }
  // A folded system's service lists go with it.
  for (const node of [...kept]) {
    const owner = /^services:(.*):(mainland|outside)$/.exec(node.id)?.[1];
    if (owner && replaced.has(owner)) {
      kept.splice(kept.indexOf(node), 1);
      replaced.set(node.id, replaced.get(owner)!);
    }
  }
  const seen = new Set<string>();
  const keptEdges: DiagramEdge[] = [];
  for (const edge of edges) {
    const from = replaced.get(edge.from) ?? edge.from;
    const to = replaced.get(edge.to) ?? edge.to;
    if (from === to) continue;
    const key = `${from}>${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    keptEdges.push(from === edge.from && to === edge.to ? edge : { ...edge, from, to, label: edge.label, mechanism: edge.mechanism });
  }
  return { nodes: [...kept, ...notes], edges: keptEdges, folded };
}

function nodeBlocks(node: LayoutNode, width: number): TextBlock[] {
  const name = wrapText(node.label, width, FONT_SIZE.name, 'bold', 8);
  const blocks: TextBlock[] = [{ lines: name.lines, size: FONT_SIZE.name, weight: 'bold', colour: 'ink' }];
  if (node.detail) blocks.push({ lines: wrapText(node.detail, width, FONT_SIZE.detail, 'regular', 8).lines, size: FONT_SIZE.detail, weight: 'regular', colour: 'muted' });
  // A list box names each service on its own line; what it replaces is in the table beside the drawing.
  for (const item of node.items ?? []) blocks.push({ lines: wrapText(`• ${item.label}`, width, FONT_SIZE.detail, 'regular', 6).lines, size: FONT_SIZE.detail, weight: 'regular', colour: 'ink' });
  return blocks;
}

/** The text an edge carries on the drawing: a data flow's reference, channel, basis and approval; a labelled crossing's mechanism. */
function edgeBlocks(diagram: Diagram, edge: DiagramEdge, width: number, t: Translate): TextBlock[] | null {
  if (diagram.id === 'data_flow') {
    const detail = [edge.channel ? t('annex.diagram.edge.channel', { channel: edge.channel }) : null, edge.mechanism ? t('annex.diagram.edge.basis', { basis: edge.mechanism }) : null, edge.approval ? t('annex.diagram.edge.approval', { status: edge.approval.status }) : null].filter((line): line is string => line != null);
    return [
      { lines: wrapText(`${edge.ref ? `${edge.ref}: ` : ''}${edge.label}`, width, FONT_SIZE.edge, 'bold', 8).lines, size: FONT_SIZE.edge, weight: 'bold', colour: 'accent' },
      ...detail.map((line): TextBlock => ({ lines: wrapText(line, width, FONT_SIZE.edge, 'regular', 8).lines, size: FONT_SIZE.edge, weight: 'regular', colour: 'ink' })),
    ];
  }
  if (!edge.mechanism) return null;
  return [
    { lines: wrapText(edge.label, width, FONT_SIZE.edge, 'bold', 8).lines, size: FONT_SIZE.edge, weight: 'bold', colour: 'accent' },
    { lines: wrapText(t('annex.diagram.edge.under', { mechanism: edge.mechanism }), width, FONT_SIZE.edge, 'regular', 8).lines, size: FONT_SIZE.edge, weight: 'regular', colour: 'ink' },
  ];
}

export const blockHeight = (blocks: readonly TextBlock[]) => blocks.reduce((sum, block) => sum + block.lines.length * block.size * LINE_HEIGHT, 0);
const blockWidth = (blocks: readonly TextBlock[]) => Math.max(0, ...blocks.flatMap((block) => block.lines.map((line) => textWidth(line, block.size, block.weight))));

function attempt(diagram: Diagram, direction: 'LR' | 'TB', budget: Budget, t: Translate): DiagramLayout {
  const source = direction === 'TB' ? groupServices(diagram.nodes, diagram.edges, t) : { nodes: diagram.nodes, edges: diagram.edges };
  const { nodes, edges, folded } = fold(diagram, source, budget, t);
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: direction, nodesep: 14, ranksep: direction === 'TB' ? 30 : 34, edgesep: 10, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const sizes = new Map<string, { width: number; height: number; blocks: TextBlock[] }>();
  for (const node of nodes) {
    const blocks = nodeBlocks(node, budget.textWidth);
    const size = { width: Math.ceil(Math.max(72, blockWidth(blocks)) + 2 * PADDING), height: Math.ceil(blockHeight(blocks) + 2 * PADDING), blocks };
    sizes.set(node.id, size);
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  const labels = new Map<string, TextBlock[]>();
  edges.forEach((edge, index) => {
    const blocks = direction === 'LR' ? edgeBlocks(diagram, edge, diagram.id === 'data_flow' ? Math.max(budget.textWidth, 150) : budget.textWidth, t) : null;
    const name = `e${index}`;
    const label = blocks ? { width: Math.ceil(blockWidth(blocks) + 2 * 4), height: Math.ceil(blockHeight(blocks) + 2 * 3), labelpos: 'c' as const } : {};
    if (blocks) labels.set(name, blocks);
    graph.setEdge(edge.from, edge.to, { ...label, minlen: 1, weight: edge.crossesBorder ? 1 : 2 }, name);
  });
  // The border: every mainland node ranks before it and every outside node after it, so the
  // zones never interleave. Edges into it are twice as long as edges out of it, so a crossing
  // edge's label (placed halfway along the edge) stays on the mainland side.
  const mainland = nodes.filter((node) => node.zone === 'mainland');
  const outside = nodes.filter((node) => node.zone === 'outside');
  if (mainland.length > 0 && outside.length > 0) {
    graph.setNode('border', { width: 0, height: 0 });
    const mainlandSinks = mainland.filter((node) => !edges.some((edge) => edge.from === node.id && nodes.find((other) => other.id === edge.to)?.zone === 'mainland'));
    const outsideSources = outside.filter((node) => !edges.some((edge) => edge.to === node.id && nodes.find((other) => other.id === edge.from)?.zone === 'outside'));
    for (const node of mainlandSinks) graph.setEdge(node.id, 'border', { minlen: 2, weight: 0 }, `b-${node.id}`);
    for (const node of outsideSources) graph.setEdge('border', node.id, { minlen: 1, weight: 0 }, `b-${node.id}`);
  }
  // The gateway keeps to the right of the service lists in its row, so the flows leave from the side, not through a list.
  const gateway = nodes.find((node) => node.kind === 'gateway');
  const constraints = gateway ? nodes.filter((node) => node.kind === 'service' && node.zone === gateway.zone).map((node) => ({ left: node.id, right: gateway.id })) : [];
  dagre.layout(graph, { constraints });

  // The title and caption above the zones, wrapped to the drawing's width.
  const drawingWidth = Math.max(MIN_WIDTH, Math.ceil(graph.graph().width ?? 0));
  const heading: TextBlock[] = [
    { lines: wrapText(diagram.title, drawingWidth - 24, FONT_SIZE.title, 'bold', 2).lines, size: FONT_SIZE.title, weight: 'bold', colour: 'ink' },
    ...(diagram.caption ? [{ lines: wrapText(diagram.caption, drawingWidth - 24, FONT_SIZE.detail, 'regular', 4).lines, size: FONT_SIZE.detail, weight: 'regular', colour: 'muted' } satisfies TextBlock] : []),
  ];
  const zoneTop = Math.ceil(6 + blockHeight(heading) + 8);
  const top = zoneTop + ZONE_LABEL;
  const placed: PlacedNode[] = nodes.map((node) => {
    const at = graph.node(node.id);
    const size = sizes.get(node.id)!;
    return { node, x: at.x! - size.width / 2, y: top + at.y! - size.height / 2, width: size.width, height: size.height, blocks: size.blocks, tooltip: node.detail ? `${node.label}: ${node.detail}` : node.label };
  });
  const placedEdges: PlacedEdge[] = edges.map((edge, index) => {
    const name = `e${index}`;
    const at = graph.edge(edge.from, edge.to, name);
    const blocks = labels.get(name);
    return {
      edge,
      points: (at.points ?? []).map((point: { x: number; y: number }) => ({ x: point.x, y: top + point.y })),
      label: blocks && at.x != null && at.y != null ? { x: at.x - (at.width ?? 0) / 2, y: top + at.y - (at.height ?? 0) / 2, width: at.width ?? 0, height: at.height ?? 0, blocks } : null,
    };
  });
  // The zones: left and right of a vertical border (left to right), above and below a horizontal one (top to bottom).
  const graphLabel = graph.graph();
  const along = direction === 'LR' ? { start: (rect: Rect) => rect.x, end: (rect: Rect) => rect.x + rect.width } : { start: (rect: Rect) => rect.y, end: (rect: Rect) => rect.y + rect.height };
  const mainlandBoxes: Rect[] = [...placed.filter((entry) => entry.node.zone === 'mainland'), ...placedEdges.filter((entry) => entry.edge.crossesBorder && entry.label).map((entry) => entry.label!)];
  const outsideBoxes: Rect[] = placed.filter((entry) => entry.node.zone === 'outside');
  const extent = (boxes: Rect[]) => (boxes.length === 0 ? null : { start: Math.min(...boxes.map(along.start)), end: Math.max(...boxes.map(along.end)) });
  const mainlandExtent = extent(mainlandBoxes);
  const outsideExtent = extent(outsideBoxes);
  const width = Math.ceil(Math.max(drawingWidth, ...placed.map((entry) => entry.x + entry.width + MARGIN)));
  const height = Math.ceil(Math.max(top + (graphLabel.height ?? 0), ...placed.map((entry) => entry.y + entry.height + MARGIN)));
  const cut = mainlandExtent && outsideExtent ? (mainlandExtent.end + outsideExtent.start) / 2 : null;
  let zones: DiagramLayout['zones'];
  let border: DiagramLayout['border'] = null;
  if (direction === 'LR') {
    const split = cut ?? (mainlandExtent ? width : 0);
    zones = {
      mainland: mainlandExtent ? { x: 2, y: zoneTop, width: split - 6, height: height - zoneTop - 4 } : null,
      outside: outsideExtent ? { x: split + 4, y: zoneTop, width: width - split - 6, height: height - zoneTop - 4 } : null,
    };
    if (cut != null) border = { x1: cut, y1: zoneTop, x2: cut, y2: height - 4 };
  } else {
    const split = cut ?? (mainlandExtent ? height : zoneTop);
    zones = {
      mainland: mainlandExtent ? { x: 2, y: zoneTop, width: width - 4, height: split - zoneTop - 3 } : null,
      outside: outsideExtent ? { x: 2, y: split + 3, width: width - 4, height: height - split - 7 } : null,
    };
    if (cut != null) border = { x1: 2, y1: cut, x2: width - 2, y2: cut };
  }
  // A group's frame is drawn only where it holds its nodes and nothing else.
  const groups: DiagramLayout['groups'] = [];
  for (const [id, title] of Object.entries(diagram.groups ?? {})) {
    const members = placed.filter((entry) => entry.node.group === id);
    if (members.length === 0) continue;
    const frame = { x: Math.min(...members.map((entry) => entry.x)) - 6, y: Math.min(...members.map((entry) => entry.y)) - 22, right: Math.max(...members.map((entry) => entry.x + entry.width)) + 6, bottom: Math.max(...members.map((entry) => entry.y + entry.height)) + 6 };
    const intrudes = placed.some((entry) => entry.node.group !== id && entry.x < frame.right && entry.x + entry.width > frame.x && entry.y < frame.bottom && entry.y + entry.height > frame.y);
    if (!intrudes && frame.y > zoneTop + ZONE_LABEL - 4) groups.push({ id, title, x: frame.x, y: frame.y, width: frame.right - frame.x, height: frame.bottom - frame.y });
  }
  return { width, height, heading, nodes: placed, edges: placedEdges, border, zones, groups, folded };
}

/**
 * The layout of the first budget that fits the printed page. When none does, the one that needs
 * the least shrinking to fit (the renderers scale it down; its labels print smaller than 9 pt).
 */
/** The layout of a diagram, its own words ("+3 more systems", the service lists) in `locale`. */
export function layoutDiagram(diagram: Diagram, locale: Locale = 'en'): DiagramLayout {
  const t = translator(locale);
  // The data flows read left to right (source, flow, recipient); the architectures top to bottom.
  const direction = diagram.id === 'data_flow' ? 'LR' : 'TB';
  const budgets = BUDGETS[direction];
  let best: { layout: DiagramLayout; shrink: number } | null = null;
  for (let index = 0; index < budgets.length; index += 1) {
    const budget = budgets[index]!;
    const layout = attempt(diagram, direction, budget, t);
    const shrink = Math.max(layout.width / PRINT_WIDTH, layout.height / PRINT_HEIGHT);
    if (shrink <= 1) return layout;
    if (!best || shrink < best.shrink - 0.01) best = { layout, shrink };
    // Too wide by a margin: the row's width follows its boxes' width, so skip the budgets whose
    // boxes are still too wide rather than laying each of them out.
    if (layout.width > PRINT_WIDTH && layout.height <= PRINT_HEIGHT) {
      const enough = ((budget.textWidth + 2 * PADDING) * PRINT_WIDTH) / layout.width - 2 * PADDING;
      while (index + 2 < budgets.length && budgets[index + 1]!.textWidth > enough && budgets[index + 1]!.perColumn === budget.perColumn) index += 1;
    }
  }
  return best!.layout;
}
