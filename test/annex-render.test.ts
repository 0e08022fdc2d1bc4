import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { landfall } from './cli-harness.ts';
import { describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } from '../src/render/render-annex.ts';
import { renderDiagramSvg } from '../src/render/render-diagram-svg.ts';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { assess, profile, system, transfer } from './helpers.ts';


describe('annex documents', () => {
  const hostile = deriveAnnex(assess(profile({
    organisation: { name: '<script>alert(1)</script> 示例公司' },
    systems: [system({ id: 'portal', name: '<img src=x onerror=alert(1)> 门户', hosting: 'overseas' })],
    transfers: [transfer({ fromSystem: 'portal', nonSensitiveIndividuals: 150_000, recipient: '</svg><script>x</script>' })],
  })));

  it('draws the current, target and data-flow diagrams as SVG with every label escaped and Chinese text kept', async () => {
    expect(hostile.diagrams.map((diagram) => diagram.id)).toEqual(['topology', 'target', 'data_flow']);
    for (const diagram of hostile.diagrams) {
      const svg = renderDiagramSvg(diagram);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).not.toMatch(/<script|<img /);
      expect(svg).toContain('门户');
      expect(svg).toContain('中国大陆');
    }
    const flow = renderDiagramSvg(hostile.diagrams.find((diagram) => diagram.id === 'data_flow')!);
    expect(flow).toContain('marker-end="url(#arrow-border)"'); // a border-crossing flow is drawn
  });

  it('renders Markdown and print-ready HTML without executable profile text', async () => {
    const view = annexView(hostile, derivedItems(hostile), '2026-11-22');
    const md = renderAnnexMarkdown(view);
    expect(md).toContain('\\<script\\>');
    const html = renderAnnexHtml(view);
    expect(html).not.toMatch(/<script>alert|<img src=x/);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('@media print');
    expect(html).toMatch(/<h2 id="part-\d+">Requirements register<\/h2>/);
    // Landmarks: a banner, the contents as navigation, the main part and a footer.
    for (const landmark of ['<header class="doc">', '<nav aria-label="Contents">', '<main>', '<footer class="doc">']) expect(html).toContain(landmark);
  });

  it('landfall annex writes the register workbook without a database', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'landfall-annex-')), 'annex.xlsx');
    const run = await landfall('annex', 'examples/automotive-oem.yaml', '--format', 'xlsx', '--out', out, '--as-of', '2026-11-22');
    expect(run.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Register', 'Timeline', 'Open questions', 'Assumptions', 'Guardrails', 'Dependencies', 'Decisions (ADRs)', 'Next actions', 'Lists']);
    const json = JSON.parse((await landfall('annex', 'examples/automotive-oem.yaml', '--format', 'json', '--as-of', '2026-11-22')).stdout) as { items: Array<{ section: string }> };
    const register = workbook.getWorksheet('Register')!;
    expect(register.rowCount).toBe(json.items.filter((item) => item.section === 'register').length + 1);
    // Human labels, a filter and a frozen header, and validation on status, owner and due date.
    const header = (register.getRow(1).values as string[]).filter(Boolean);
    expect(header).toEqual(['Category', 'Requirement', 'Status', 'Owner', 'Due', 'Systems', 'Statement', 'Implication', 'Basis', 'Edited by a person']);
    const statuses = new Set<string>();
    register.getColumn(3).eachCell((cell, row) => (row > 1 ? statuses.add(String(cell.value)) : undefined));
    expect([...statuses].every((status) => ['Draft', 'Decision needed', 'In progress', 'Confirmed'].includes(status))).toBe(true);
    expect(register.autoFilter).toBeTruthy();
    expect(register.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(register.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
    expect(register.getCell('D2').dataValidation).toMatchObject({ type: 'list' });
    expect(register.getCell('E2').dataValidation).toMatchObject({ type: 'date' });
    expect(register.getCell('E2').value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('annex deliverables', () => {
  const annex = deriveAnnex(assess(profile({
    organisation: { name: '示例汽车有限公司 Example Motors' },
    systems: [system({ id: 'portal', name: '经销商门户 Dealer portal', hosting: 'overseas' })],
    transfers: [transfer({ fromSystem: 'portal', nonSensitiveIndividuals: 150_000 })],
  })));
  const view = annexView(annex, derivedItems(annex), '2026-11-22');

  it('writes a DOCX with the register, Chinese text and the diagrams as SVG with a PNG fallback', async () => {
    const { renderAnnexDocx } = await import('../src/render/render-annex-docx.ts');
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(await renderAnnexDocx(view));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Requirements register');
    expect(xml).toContain('经销商门户 Dealer portal');
    expect(xml).toContain('w:eastAsia="Noto Sans CJK SC"');
    // A table of contents, headings kept with what follows, and a footer with a page-number field.
    expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    expect(xml).toContain('<w:keepNext/>');
    const footers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
    expect(footers.some((footer) => /PAGE/.test(footer) && footer.includes('Draft'))).toBe(true);
    const headers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/header\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
    expect(headers.some((header) => header.includes('示例汽车有限公司 Example Motors'))).toBe(true);
    // Column widths follow the content: the statement column is wider than the due-date column.
    const grid = /<w:tblGrid>(.*?)<\/w:tblGrid>/.exec(xml.slice(xml.indexOf('Requirements register')))![1]!;
    const widths = [...grid.matchAll(/w:w="(\d+)"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(7);
    expect(widths[5]!).toBeGreaterThan(widths[4]! * 2);
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media.filter((name) => name.endsWith('.svg'))).toHaveLength(3);
    expect(media.filter((name) => name.endsWith('.png'))).toHaveLength(3);
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('image/svg+xml');
  });

  it.runIf(existsSync(CHROMIUM_PATH) || process.env.CI)('prints a PDF whose text holds the register and the Chinese names', async () => {
    const { renderAnnexPdf } = await import('../src/render/render-annex-pdf.ts');
    const bytes = await renderAnnexPdf(view);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: bytes, useSystemFonts: false }).promise;
    let raw = '';
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      raw += content.items.map((item) => ('str' in item ? item.str : '')).join('');
    }
    // Chromium maps some CJK glyphs of the Noto CJK fonts to their Kangxi-radical twins in the
    // PDF's text layer (户 extracts as ⼾); NFKC folds those back. The printed glyphs are right.
    const text = raw.normalize('NFKC');
    expect(text).toContain('Requirements register');
    expect(text).toContain('经销商');
    expect(text).toContain('Hosting:');
    expect(text).toContain('Summary');
    expect(text).toContain('Mainland China 中国大陆'); // drawn inside the vector diagram
    // The target's boxes and a flow's approval are printed as text, not as an image (wrapped, so compared without spaces).
    const compact = text.replace(/\s+/g, '');
    expect(compact).toContain('Cross-borderintegrationgateway');
    expect(compact).toContain('Approval:pending');
    // Tagged, with an outline from the headings, and a footer with the state and the page number.
    expect((await pdf.getMarkInfo())?.Marked).toBe(true);
    expect((await pdf.getOutline())?.length ?? 0).toBeGreaterThan(0);
    expect(text).toMatch(/Draft · page 1 of \d+/);
  }, 60_000);
});
