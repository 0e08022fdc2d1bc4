import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } from '../src/render/render-annex.ts';
import { renderDiagramSvg } from '../src/render/render-diagram-svg.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const landfall = (...args: string[]) => spawnSync(process.execPath, ['bin/landfall.js', ...args], { encoding: 'utf8', cwd: join(import.meta.dirname, '..'), maxBuffer: 32 * 1024 * 1024 });

describe('annex documents', () => {
  const hostile = deriveAnnex(assess(profile({
    organisation: { name: '<script>alert(1)</script> 示例公司' },
    systems: [system({ id: 'portal', name: '<img src=x onerror=alert(1)> 门户', hosting: 'overseas' })],
    transfers: [transfer({ fromSystem: 'portal', nonSensitiveIndividuals: 150_000, recipient: '</svg><script>x</script>' })],
  })));

  it('draws both diagrams as SVG with every label escaped and Chinese text kept', () => {
    for (const diagram of hostile.diagrams) {
      const svg = renderDiagramSvg(diagram);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).not.toMatch(/<script|<img /);
      expect(svg).toContain('门户');
      expect(svg).toContain('中国大陆');
    }
    const flow = renderDiagramSvg(hostile.diagrams.find((diagram) => diagram.id === 'data_flow')!);
    expect(flow).toContain('#b3261e'); // a border-crossing flow is drawn
  });

  it('renders Markdown and print-ready HTML without executable profile text', () => {
    const view = annexView(hostile, derivedItems(hostile), '2026-11-22');
    const md = renderAnnexMarkdown(view);
    expect(md).toContain('\\<script\\>');
    const html = renderAnnexHtml(view);
    expect(html).not.toMatch(/<script>alert|<img src=x/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('@media print');
    expect(html).toContain('## Requirements register'.replace('## ', '<h2>').concat('</h2>'));
  });

  it('landfall annex writes the register workbook without a database', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'landfall-annex-')), 'annex.xlsx');
    const run = landfall('annex', 'examples/automotive-oem.yaml', '--format', 'xlsx', '--out', out, '--as-of', '2026-11-22');
    expect(run.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Register', 'Open questions', 'Guardrails', 'Decisions', 'Dependencies', 'Next actions']);
    const json = JSON.parse(landfall('annex', 'examples/automotive-oem.yaml', '--format', 'json', '--as-of', '2026-11-22').stdout) as { items: Array<{ section: string }> };
    expect(workbook.getWorksheet('Register')!.rowCount).toBe(json.items.filter((item) => item.section === 'register').length + 1);
  });
});
