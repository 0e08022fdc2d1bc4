// Issue 10, item 1: a replacement string given to String.prototype.replace expands `$&`, `$\``,
// `$'`, `$1` and `$<name>`, so a system named 'S' + '$`'.repeat(100) once made the HTML annex
// hundreds of megabytes. The annex of a profile whose text fields carry such patterns must be
// about as large as the annex of a profile whose text fields are as long but benign.
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown, type AnnexView } from '../src/render/render-annex.ts';
import { renderAnnexDocx } from '../src/render/render-annex-docx.ts';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { renderAnnexXlsx } from '../src/render/render-annex-xlsx.ts';
import { renderDiagramSvg } from '../src/render/render-diagram-svg.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const PATTERNS = ['$`', "$'", '$&', '$1', '$$', '$<a>'];

/** An annex whose every user text field is `text(field)`, plus a person's item. */
function annexOf(text: (field: string) => string, locale: 'en' | 'zh-CN' = 'en'): AnnexView {
  const annex = deriveAnnex(assess(profile({
    organisation: { name: text('organisation') },
    systems: [system({ id: 'portal', name: text('system'), hosting: 'overseas', integrations: [text('integration')] }), system({ id: 'shop', name: text('shop') })],
    transfers: [transfer({ fromSystem: 'portal', recipient: text('recipient'), nonSensitiveIndividuals: 150_000 })],
  })));
  const items = derivedItems(annex);
  items.push({ ...items[0]!, id: 'person-1', key: 'person.1', provenance: 'person', title: text('title'), statement: text('statement') });
  return annexView(annex, items, '2026-11-22', { locale });
}

// Each pattern repeated to 201 characters, against benign text of the same length.
const hostile = annexOf((field) => `S${PATTERNS[field.length % PATTERNS.length]!.repeat(100).slice(0, 200)}`);
const benign = annexOf(() => `S${'ab'.repeat(100)}`);
const RATIO = 1.5;
const hostileZh = annexOf((field) => `S${PATTERNS[field.length % PATTERNS.length]!.repeat(100).slice(0, 200)}`, 'zh-CN');
const benignZh = annexOf(() => `S${'ab'.repeat(100)}`, 'zh-CN');

describe('annex size is linear in the profile, whatever its text holds', () => {
  it('HTML and Markdown', () => {
    expect(renderAnnexHtml(hostile).length).toBeLessThan(renderAnnexHtml(benign).length * RATIO);
    expect(renderAnnexMarkdown(hostile).length).toBeLessThan(renderAnnexMarkdown(benign).length * RATIO);
  });

  it('SVG diagrams', () => {
    const size = (view: AnnexView) => view.annex.diagrams.reduce((sum, diagram) => sum + renderDiagramSvg(diagram).length, 0);
    expect(size(hostile)).toBeLessThan(size(benign) * RATIO);
  });

  it('DOCX and XLSX', async () => {
    expect((await renderAnnexDocx(hostile)).byteLength).toBeLessThan((await renderAnnexDocx(benign)).byteLength * RATIO);
    const xlsx = await renderAnnexXlsx(hostile);
    expect(xlsx.byteLength).toBeLessThan((await renderAnnexXlsx(benign)).byteLength * RATIO);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const titles = workbook.getWorksheet('Register')!.getColumn('B').values;
    expect(titles).toContain(hostile.items.at(-1)!.title); // the text is kept as written, not expanded
  });

  it('the Chinese annex: HTML, Markdown, SVG, DOCX and XLSX', async () => {
    expect(renderAnnexMarkdown(hostileZh)).toContain('## 要求清单');
    expect(renderAnnexHtml(hostileZh).length).toBeLessThan(renderAnnexHtml(benignZh).length * RATIO);
    expect(renderAnnexMarkdown(hostileZh).length).toBeLessThan(renderAnnexMarkdown(benignZh).length * RATIO);
    const size = (view: AnnexView) => view.annex.diagrams.reduce((sum, diagram) => sum + renderDiagramSvg(diagram, 'zh-CN').length, 0);
    expect(size(hostileZh)).toBeLessThan(size(benignZh) * RATIO);
    expect((await renderAnnexDocx(hostileZh)).byteLength).toBeLessThan((await renderAnnexDocx(benignZh)).byteLength * RATIO);
    const xlsx = await renderAnnexXlsx(hostileZh);
    expect(xlsx.byteLength).toBeLessThan((await renderAnnexXlsx(benignZh)).byteLength * RATIO);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('要求清单')!.getColumn('B').values).toContain(hostileZh.items.at(-1)!.title);
  });

  it.runIf(existsSync(CHROMIUM_PATH) || process.env.CI)('PDF', async () => {
    // Printing a runaway HTML file would take minutes; the HTML is checked first.
    expect(renderAnnexHtml(hostile).length).toBeLessThan(renderAnnexHtml(benign).length * RATIO);
    const { renderAnnexPdf } = await import('../src/render/render-annex-pdf.ts');
    const [hostilePdf, benignPdf] = [await renderAnnexPdf(hostile), await renderAnnexPdf(benign)];
    expect(hostilePdf.byteLength).toBeLessThan(benignPdf.byteLength * RATIO);
  }, 120_000);
});
