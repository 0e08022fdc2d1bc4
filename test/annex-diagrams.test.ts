// Issue 12, item 4: the annex draws the current setup, the proposed target and the data-flow
// model; the target never puts a system overseas that the determinations keep in the mainland;
// every label is whole and legible at print size (A4 at 100%, at least 9 pt); each flow keeps
// its channel, basis and approval; a huge profile draws a bounded diagram; the layout is the same
// every time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { diagrams } from '../src/core/annex/annex-diagrams.ts';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import type { Diagram, DerivedAnnex } from '../src/core/annex/annex-types.ts';
import type { Assessment } from '../src/core/assess/assessment-schema.ts';
import { diagramTable } from '../src/render/annex-parts.ts';
import { PRINT_HEIGHT, PRINT_WIDTH, layoutDiagram, type DiagramLayout } from '../src/render/diagram-layout.ts';
import { textWidth, wrapText } from '../src/render/diagram-text.ts';
import { annexView, derivedItems, renderAnnexMarkdown } from '../src/render/render-annex.ts';
import { renderAnnexDocx } from '../src/render/render-annex-docx.ts';
import { drawLayout, renderDiagramSvg } from '../src/render/render-diagram-svg.ts';
import { assess, book, profile, system, transfer } from './helpers.ts';

const EXAMPLES = readdirSync(join(import.meta.dirname, '..', 'examples')).filter((name) => name.endsWith('.yaml'));

function example(name: string): { assessment: Assessment; annex: DerivedAnnex } {
  const parsed = parseProfileText(readFileSync(join(import.meta.dirname, '..', 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(name);
  const assessment = assess(parsed.value as Record<string, unknown>);
  return { assessment, annex: deriveAnnex(assessment, { integrations: book.integrations }) };
}

const diagramOf = (annex: DerivedAnnex, id: Diagram['id']) => annex.diagrams.find((diagram) => diagram.id === id)!;

/** The systems the target draws on the wrong side of the border: in the model, or in the drawing's geometry. */
function systemsDrawnOverseas(assessment: Assessment, target: Diagram, layout: DiagramLayout): string[] {
  const wrong: string[] = [];
  for (const system of assessment.systems) {
    if (system.hosting.recommendation !== 'mainland_required' && system.hosting.recommendation !== 'mainland_recommended') continue;
    const node = target.nodes.find((candidate) => candidate.id === `system:${system.id}`);
    if (!node || node.zone !== 'mainland') {
      wrong.push(system.id);
      continue;
    }
    const box = layout.nodes.find((placed) => placed.node.id === node.id);
    const zone = layout.zones.mainland!;
    if (box && !(box.x >= zone.x && box.y >= zone.y && box.x + box.width <= zone.x + zone.width && box.y + box.height <= zone.y + zone.height)) wrong.push(system.id);
  }
  return wrong;
}

/** The lines drawn inside each box, read back from the SVG, and the widest line against the box. */
function boxesOf(svg: string): Array<{ title: string; width: number; lines: Array<{ text: string; size: number; bold: boolean }> }> {
  const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<g><title>(.*?)<\/title><rect [^>]*width="([\d.]+)"[^>]*\/>((?:<text [^>]*>.*?<\/text>)*)<\/g>/g)].map((match) => ({
    title: unescape(match[1]!),
    width: Number(match[2]),
    lines: [...match[3]!.matchAll(/<text [^>]*font-size="(\d+)"([^>]*)>(.*?)<\/text>/g)].map((line) => ({ text: unescape(line[3]!), size: Number(line[1]), bold: line[2]!.includes('font-weight="700"') })),
  }));
}

describe('annex diagrams', () => {
  it('draws the current setup, the proposed target and the data-flow model, titled', () => {
    const { annex } = example('automotive-oem.yaml');
    expect(annex.diagrams.map((diagram) => [diagram.id, diagram.title])).toEqual([['topology', 'Current setup'], ['target', 'Proposed target architecture'], ['data_flow', 'Cross-border data-flow model']]);
    const current = diagramOf(annex, 'topology');
    // Today the portal runs overseas; the target moves it to the mainland region behind the ICP-filed domain and CDN.
    expect(current.nodes.find((node) => node.id === 'system:dealer-portal')!.zone).toBe('outside');
    const target = diagramOf(annex, 'target');
    expect(target.nodes.find((node) => node.id === 'system:dealer-portal')).toMatchObject({ zone: 'mainland', group: 'region' });
    expect(target.nodes.find((node) => node.kind === 'entry')!.detail).toContain('Dealer and customer portal');
    expect(target.edges).toContainEqual(expect.objectContaining({ from: 'entry:icp-cdn', to: 'system:dealer-portal' }));
    // Global services are replaced by the mainland alternatives the content names.
    expect(target.nodes.find((node) => node.id === 'service:amap')).toMatchObject({ zone: 'mainland', detail: 'replaces Google Maps Platform, Mapbox' });
    expect(target.nodes.some((node) => node.kind === 'service' && node.zone === 'outside')).toBe(false);
    // The outbound flows leave through the gateway, and only there.
    const crossing = target.edges.filter((edge) => edge.crossesBorder);
    expect(crossing.length).toBe(2);
    expect(crossing.every((edge) => edge.from === 'gateway:cross-border' && edge.mechanism)).toBe(true);
  });

  it.each(EXAMPLES)('%s: the target never draws a system overseas that must be hosted in the mainland', (name) => {
    const { assessment, annex } = example(name);
    const target = diagramOf(annex, 'target');
    const layout = layoutDiagram(target);
    expect(systemsDrawnOverseas(assessment, target, layout)).toEqual([]);
    // The check itself fails on a target that keeps such a system overseas.
    const bound = assessment.systems.find((system) => system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended');
    if (bound) {
      const wrong = { ...target, nodes: target.nodes.map((node) => (node.id === `system:${bound.id}` ? { ...node, zone: 'outside' as const, group: null } : node)) };
      expect(systemsDrawnOverseas(assessment, wrong, layoutDiagram(wrong))).toEqual([bound.id]);
    }
  });

  it.each(EXAMPLES)('%s: every label is drawn whole, inside its box, at 9 pt or more on an A4 page printed at full size', (name) => {
    const { annex } = example(name);
    for (const diagram of annex.diagrams) {
      const svg = renderDiagramSvg(diagram);
      const [width, height] = /width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);
      // Printed at its own size (DOCX and PDF), 1 px is 0.75 pt: 12 px is 9 pt.
      expect(width, diagram.id).toBeLessThanOrEqual(PRINT_WIDTH);
      expect(height, diagram.id).toBeLessThanOrEqual(PRINT_HEIGHT);
      expect(Math.min(...[...svg.matchAll(/font-size="(\d+)"/g)].map((match) => Number(match[1])))).toBeGreaterThanOrEqual(12);
      expect(svg).not.toContain('…');
      const boxes = boxesOf(svg);
      for (const node of diagram.nodes) {
        const box = boxes.find((candidate) => candidate.title === (node.detail ? `${node.label}: ${node.detail}` : node.label));
        if (!box) continue; // a service folded into its system's list box, checked below
        // Line breaks fall at spaces, after hyphens and between Chinese characters: the text read back without them is the whole text.
        const drawn = box.lines.map((line) => line.text).join('').replace(/\s+/g, '');
        expect(drawn, `${diagram.id}: ${node.label}`).toBe(`${node.label}${node.detail ?? ''}`.replace(/\s+/g, ''));
      }
      for (const box of boxes) {
        for (const line of box.lines) expect(textWidth(line.text, line.size, line.bold ? 'bold' : 'regular'), `${diagram.id}: ${line.text}`).toBeLessThanOrEqual(box.width - 16 + 0.01);
      }
      // The services a system uses are listed in full in its list box.
      if (diagram.id !== 'data_flow') {
        const text = boxes.flatMap((box) => box.lines.map((line) => line.text)).join('').replace(/\s+/g, '');
        for (const node of diagram.nodes.filter((candidate) => candidate.kind === 'service')) expect(text, node.label).toContain(node.label.replace(/\s+/g, ''));
      }
    }
  });

  it('wraps long and Chinese labels instead of cutting them, breaking between Chinese characters but never before closing punctuation', () => {
    const chinese = '智能网联汽车远程服务与管理平台，负责车辆数据的采集、存储和分析。';
    const wrapped = wrapText(chinese, 100, 13, 'bold');
    expect(wrapped.lines.length).toBeGreaterThan(2);
    expect(wrapped.lines.join('')).toBe(chinese);
    expect(wrapped.lines.every((line) => !/^[，。、]/.test(line))).toBe(true);
    expect(wrapped.lines.every((line) => textWidth(line, 13, 'bold') <= 100)).toBe(true);
    // Full width: thirteen ideographs at 13 px are 169 px, so they never fit a 150 px line.
    expect(textWidth('汽'.repeat(13), 13)).toBe(169);
    const latin = wrapText('Telematics-and-vehicle-engineering-data-platform for dealers', 90, 12);
    expect(latin.lines.join('').replace(/\s/g, '')).toBe('Telematics-and-vehicle-engineering-data-platformfordealers');
    expect(latin.shortened).toBe(false);

    const name = `Connected vehicle telematics, diagnostics and over-the-air update platform 车联网远程诊断与升级平台 (EU, CN and APAC)`;
    const annex = deriveAnnex(assess(profile({ systems: [system({ id: 'long', name, hosting: 'overseas', integrations: ['google_maps'] })] })));
    for (const diagram of annex.diagrams) {
      const svg = renderDiagramSvg(diagram);
      expect(svg, diagram.id).not.toContain('…');
      const box = boxesOf(svg).find((candidate) => candidate.title.startsWith(name));
      expect(box?.lines.map((line) => line.text).join(' ').replace(/\s+/g, ''), diagram.id).toContain(name.replace(/\s+/g, ''));
    }
  });

  it('keeps each flow\'s channel, legal basis and approval in the drawing and the table', () => {
    const { annex } = example('automotive-oem.yaml');
    const flows = diagramOf(annex, 'data_flow');
    expect(flows.edges.map((edge) => [edge.ref, edge.channel, edge.approval?.status])).toEqual([['F1', 'Transmission abroad', 'pending'], ['F2', 'Remote access from abroad', 'pending']]);
    for (const edge of flows.edges) {
      expect(edge.basis).toMatch(/PIPL Art\. 38/);
      expect(edge.approval!.needed).toMatch(/standard contract/i);
    }
    const svg = renderDiagramSvg(flows);
    expect(svg.match(/>Basis: /g)).toHaveLength(2);
    expect(svg.match(/>Approval: pending</g)).toHaveLength(2);
    const table = diagramTable(flows);
    expect(table.headers).toEqual(['Flow', 'From', 'To', 'What', 'Channel', 'Legal basis', 'Approval']);
    expect(table.rows.map((row) => row[5])).toEqual(flows.edges.map((edge) => edge.basis));
    const markdown = renderAnnexMarkdown(annexView(annex, derivedItems(annex), '2026-11-22'));
    expect(markdown).toContain('| F2 | Connected-car telematics platform | Example Motors GmbH (vehicle engineering) (DE) |');
    expect(markdown).toContain('Remote access from abroad');

    // Exempt flows say so, with the article they are exempt under.
    const ecommerce = diagramOf(example('consumer-ecommerce.yaml').annex, 'data_flow');
    const exempt = ecommerce.edges.find((edge) => edge.label.startsWith('Order fulfilment'))!;
    expect(exempt.approval).toMatchObject({ status: 'not_needed' });
    expect(exempt.basis).toMatch(/^Exempt: .*CBDT Provisions 2024 Art\. 5\(1\)/);
    // A security assessment is an approval to obtain.
    const fintech = diagramOf(example('fintech-cii.yaml').annex, 'data_flow');
    expect(fintech.edges.find((edge) => edge.label.startsWith('Fraud analytics'))!.approval).toMatchObject({ status: 'pending', needed: expect.stringMatching(/security assessment/i) });
  });

  it('draws a profile of a thousand systems as a bounded diagram with "+N more" boxes, the tables listing everything', () => {
    const systems = Array.from({ length: 1000 }, (_, index) => system({ id: `s${index}`, name: `System ${index} <&>`, hosting: index % 2 ? 'overseas' : 'mainland', integrations: ['google_maps', 'stripe'] }));
    const transfers = Array.from({ length: 40 }, (_, index) => transfer({ id: `t${index}`, fromSystem: `s${index}`, nonSensitiveIndividuals: 1000 }));
    // The diagrams alone (deriving the whole annex of a thousand systems is measured by bench/run-bench.ts, in its growth table).
    const drawn = diagrams(assess(profile({ systems, transfers })));
    for (const diagram of drawn) {
      const started = performance.now();
      const layout = layoutDiagram(diagram);
      expect(performance.now() - started, diagram.id).toBeLessThan(5000);
      const svg = drawLayout(diagram, layout);
      expect(svg.length, diagram.id).toBeLessThan(20_000);
      expect(layout.folded, diagram.id).toBeGreaterThan(0);
      expect(svg, diagram.id).toMatch(/\+\d+ more (systems|flows)/);
      expect(layout.width).toBeLessThanOrEqual(PRINT_WIDTH);
      expect(layout.height).toBeLessThanOrEqual(PRINT_HEIGHT);
      expect(svg).not.toContain('<&>');
      expect(diagramTable(diagram).rows.length).toBe(diagram.edges.length);
    }
    // Forty listed transfers and the collection into each overseas system that lists none.
    expect(diagramTable(drawn[2]!).rows).toHaveLength(40 + 480);
  });

  it('draws a handler-wide transfer from the users, and never an edge to a node the diagram lacks', () => {
    const annex = deriveAnnex(assess(profile({ transfers: [transfer({ fromSystem: null, nonSensitiveIndividuals: 150_000 })] })));
    const target = diagramOf(annex, 'target');
    expect(target.edges.find((edge) => edge.to === 'gateway:cross-border')!.from).toBe('users:mainland');
    expect(target.nodes.some((node) => node.id === 'users:mainland')).toBe(true);
    for (const diagram of annex.diagrams) {
      const svg = renderDiagramSvg(diagram);
      expect(svg, diagram.id).not.toMatch(/NaN|undefined/);
      const dangling = { ...diagram, edges: [...diagram.edges, { from: 'system:gone', to: diagram.nodes[0]!.id, label: 'x', crossesBorder: false, mechanism: null }] };
      expect(renderDiagramSvg(dangling), diagram.id).not.toMatch(/NaN|undefined/);
    }
  });

  it('lays out the same drawing every time', () => {
    const { annex } = example('automotive-oem.yaml');
    for (const diagram of annex.diagrams) expect(renderDiagramSvg(structuredClone(diagram))).toBe(renderDiagramSvg(diagram));
  });

  it('puts each drawing in the DOCX at its printed size, with its table', async () => {
    const { annex } = example('automotive-oem.yaml');
    const zip = await JSZip.loadAsync(await renderAnnexDocx(annexView(annex, derivedItems(annex), '2026-11-22')));
    const xml = await zip.file('word/document.xml')!.async('string');
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((match) => [Number(match[1]), Number(match[2])]);
    // 9,525 EMU per px: each drawing is placed at 1 px per px, so its 12 px labels print at 9 pt.
    const sizes = annex.diagrams.map((diagram) => /width="(\d+)" height="(\d+)"/.exec(renderDiagramSvg(diagram))!.slice(1).map(Number));
    expect(extents).toEqual(sizes.map(([width, height]) => [width! * 9525, height! * 9525]));
    expect(xml).toContain('Remote access from abroad');
    expect(xml).toContain('Legal basis');
  }, 60_000);

  it('draws frames stored before the target and the flow details existed', () => {
    const { annex } = example('automotive-oem.yaml');
    const old = annex.diagrams.filter((diagram) => diagram.id !== 'target').map((diagram) => ({
      ...diagram, caption: undefined, groups: undefined,
      edges: diagram.edges.map(({ ref: _ref, channel: _channel, basis: _basis, approval: _approval, ...edge }) => edge),
    }));
    for (const diagram of old) {
      const svg = renderDiagramSvg(diagram);
      expect(svg).toContain('中国大陆');
      expect(diagramTable(diagram).rows.length).toBe(diagram.edges.length);
    }
  });
});
