// Issue 10, item 5: after the character check at the boundary, every text a profile can legally
// hold (C1 controls, line and paragraph separators, bidi marks, emoji, CJK, `]]>`, `&`, quotes...)
// must leave every renderer's output well-formed: the SVG diagrams and the DOCX's XML parse as XML
// (saxes, a conforming XML 1.0 parser), the XLSX reads back with exceljs with the text intact, the
// HTML keeps its structure, and the PDF prints. Fixed seed, bounded runs.
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { parse } from 'parse5';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { findInvalidCharacters, visible } from '../src/core/profile/invalid-characters.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown, type AnnexView } from '../src/render/render-annex.ts';
import { renderAnnexDocx } from '../src/render/render-annex-docx.ts';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { renderAnnexXlsx } from '../src/render/render-annex-xlsx.ts';
import { renderDiagramSvg } from '../src/render/render-diagram-svg.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const SEED = 20261201;
const SPECIAL = [']]>', '&amp;', '&', '<', '>', '"', "'", '\u0085', '\u009F', '\u2028', '\u2029', '\u202E', '\u200F', '\u200D', '👩🏽‍💻', '中文', '\t', '\r', '\n', '\r\n', '\u007F', '_x0041_', '<![CDATA[', '<?xml', '\uFEFF', '\uDBFF\uDFFF', '=1+1', '@SUM(A1)'];

/** Text a profile may hold: any code point, the special ones above, never what the boundary refuses. */
const legalText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...SPECIAL)), { minLength: 1, maxLength: 6 })
  .map((parts) => `x${visible(parts.join('')).replace(/\\u[0-9a-f]{4}/g, () => '')}`);

const texts = fc.record({
  organisation: legalText, city: legalText, zone: legalText, system: legalText, other: legalText, integration: legalText,
  category: legalText, recipient: legalText, crypto: legalText, title: legalText, statement: legalText,
});
type Texts = typeof texts extends fc.Arbitrary<infer T> ? T : never;

function viewOf(text: Texts, locale: 'en' | 'zh-CN' = 'en'): AnnexView {
  const input = profile({
    organisation: { name: text.organisation, mainlandCity: text.city, freeTradeZone: text.zone },
    systems: [system({ id: 'portal', name: text.system, hosting: 'overseas', integrations: [text.integration], dataCategories: [text.category] }), system({ id: 'shop', name: text.other })],
    transfers: [transfer({ fromSystem: 'portal', recipient: text.recipient, nonSensitiveIndividuals: 150_000 }), transfer({ id: 't2', fromSystem: 'portal', scenario: 'ftz_outside_negative_list' })],
    controls: { practices: { cryptography: [text.crypto] } },
  });
  expect(findInvalidCharacters(input)).toEqual([]);
  const annex = deriveAnnex(assess(input));
  const items = derivedItems(annex);
  items.push({ ...items[0]!, id: 'person-1', key: 'person.1', provenance: 'person', title: text.title, statement: text.statement });
  return annexView(annex, items, '2026-11-22', { locale });
}

/** The names of every element of an HTML document, as a parser reads it. */
function elementNames(html: string): string[] {
  const elements: string[] = [];
  const stack: unknown[] = [parse(html)];
  while (stack.length > 0) {
    const node = stack.pop() as { tagName?: string; childNodes?: unknown[] };
    if (node.tagName) elements.push(node.tagName);
    stack.push(...(node.childNodes ?? []));
  }
  return elements;
}

/** Throws unless `xml` is a well-formed XML document. */
function parseXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.write(xml).close();
  if (failure) throw failure;
}

describe('every renderer stays well-formed for any legal text', () => {
  it('SVG diagrams parse as XML; HTML and Markdown keep their structure', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const view = viewOf(text);
        for (const diagram of view.annex.diagrams) parseXml(renderDiagramSvg(diagram));
        const elements = elementNames(renderAnnexHtml(view));
        expect(elements.filter((name) => name === 'svg')).toHaveLength(3);
        expect(elements).not.toContain('script');
        expect(renderAnnexMarkdown(view)).toContain('## Requirements register');
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('the Chinese annex: SVG parses, HTML and Markdown keep their structure, the XLSX reads back', async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const view = viewOf(text, 'zh-CN');
        for (const diagram of view.annex.diagrams) parseXml(renderDiagramSvg(diagram, 'zh-CN'));
        const elements = elementNames(renderAnnexHtml(view));
        expect(elements.filter((name) => name === 'svg')).toHaveLength(3);
        expect(elements).not.toContain('script');
        expect(renderAnnexMarkdown(view)).toContain('## 要求清单');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await renderAnnexXlsx(view)) as unknown as ArrayBuffer);
        const register = workbook.getWorksheet('要求清单')!;
        const title = text.title.replace(/\r\n?/g, '\n');
        const person = register.getRows(2, register.rowCount - 1)!.find((row) => row.getCell(2).value === title && row.getCell(10).value === '是');
        expect(person).toBeDefined();
        expect(person!.getCell(7).value).toBe(text.statement.replace(/\r\n?/g, '\n'));
      }),
      { seed: SEED, numRuns: 10 },
    );
  }, 120_000);

  it('every XML part of the Chinese DOCX parses', async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const zip = await JSZip.loadAsync(await renderAnnexDocx(viewOf(text, 'zh-CN')));
        const parts = Object.keys(zip.files).filter((file) => /\.(xml|rels|svg)$/.test(file));
        for (const name of parts) parseXml(await zip.file(name)!.async('string'));
      }),
      { seed: SEED, numRuns: 1 },
    );
  }, 300_000);

  it('every XML part of the DOCX parses', async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const zip = await JSZip.loadAsync(await renderAnnexDocx(viewOf(text)));
        const parts = Object.keys(zip.files).filter((file) => /\.(xml|rels|svg)$/.test(file));
        expect(parts).toContain('word/document.xml');
        for (const name of parts) parseXml(await zip.file(name)!.async('string'));
      }),
      // Each run draws the three diagrams to PNG for the fallback, which is slow; three runs of eleven strings each.
      { seed: SEED, numRuns: 3 },
    );
  }, 300_000);

  it('the XLSX reads back with exceljs, the text intact', async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await renderAnnexXlsx(viewOf(text))) as unknown as ArrayBuffer);
        const register = workbook.getWorksheet('Register')!;
        // Line breaks come back as Excel's LF (see render-annex-xlsx.ts); every other character as written.
        const title = text.title.replace(/\r\n?/g, '\n');
        const person = register.getRows(2, register.rowCount - 1)!.find((row) => row.getCell(2).value === title && row.getCell(10).value === 'yes');
        expect(person).toBeDefined();
        expect(person!.getCell(7).value).toBe(text.statement.replace(/\r\n?/g, '\n'));
      }),
      { seed: SEED, numRuns: 15 },
    );
  }, 120_000);

  it.runIf(existsSync(CHROMIUM_PATH) || process.env.CI)('the PDF prints with every special text at once', async () => {
    const all = SPECIAL.join(' ');
    const view = viewOf({ organisation: all, city: all, zone: all, system: `x${all}`, other: all, integration: all, category: all, recipient: all, crypto: all, title: `x${all}`, statement: all });
    const { renderAnnexPdf } = await import('../src/render/render-annex-pdf.ts');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: await renderAnnexPdf(view), useSystemFonts: false }).promise;
    expect(pdf.numPages).toBeGreaterThan(1);
    // The Chinese annex prints too, its headings and the special text in it.
    const zh = viewOf({ organisation: all, city: all, zone: all, system: `x${all}`, other: all, integration: all, category: all, recipient: all, crypto: all, title: `x${all}`, statement: all }, 'zh-CN');
    const zhPdf = await getDocument({ data: await renderAnnexPdf(zh), useSystemFonts: false }).promise;
    expect(zhPdf.numPages).toBeGreaterThan(1);
    const first = await zhPdf.getPage(1);
    const words = (await first.getTextContent()).items.map((entry) => ('str' in entry ? entry.str : '')).join('');
    expect(words).toContain('摘要');
  }, 90_000);
});
