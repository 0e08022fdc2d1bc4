// The Chinese filing packs in Word take their page layout from content/knowledge/document-layouts.yaml:
// each DOCX is opened and its page, run fonts, sizes and line spacing are checked against the content,
// so a change to the content (or a renderer that ignores it) fails here. English keeps its own layout.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loadLawBook } from '../src/content/load-content.ts';
import { documentLayoutSchema, type DocumentLayout } from '../src/core/law/content-schema.ts';
import { landfall } from './cli-harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'landfall-filing-layout-'));
const book = loadLawBook();
const layoutOf = (kind: string): DocumentLayout => [...book.documentLayouts.values()].find((layout) => layout.appliesTo.includes(kind as never))!;

const CASES = [
  ['pipia', 'automotive-oem.yaml', []],
  ['standard-contract', 'automotive-oem.yaml', []],
  ['security-assessment', 'fintech-cii.yaml', []],
  ['mlps-grading', 'automotive-oem.yaml', ['--system', 'telematics']],
  ['mlps-filing', 'automotive-oem.yaml', ['--system', 'telematics']],
] as const;

async function openDocx(kind: string, file: string, extra: readonly string[], lang: string) {
  const out = join(scratch, `${kind}-${lang}.docx`);
  const run = await landfall('filing', kind, `examples/${file}`, ...extra, '--lang', lang, '--as-of', '2026-12-01', '--format', 'docx', '--out', out);
  expect(run.status, run.stderr).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(out));
  return { document: await zip.file('word/document.xml')!.async('string'), fonts: await zip.file('word/fontTable.xml')!.async('string') };
}

/** Each paragraph's properties and its runs' properties, in document order. */
function paragraphs(xml: string) {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map(([, inner]) => {
    const pPr = /<w:pPr>(.*?)<\/w:pPr>/s.exec(inner!)?.[1] ?? '';
    const runs = [...inner!.matchAll(/<w:r>\s*<w:rPr>(.*?)<\/w:rPr>\s*<w:t[^>]*>(.*?)<\/w:t>/gs)].map(([, rPr, text]) => ({
      eastAsia: /w:eastAsia="([^"]*)"/.exec(rPr!)?.[1],
      ascii: /w:ascii="([^"]*)"/.exec(rPr!)?.[1],
      size: Number(/<w:sz w:val="(\d+)"/.exec(rPr!)?.[1]),
      bold: /<w:b\/>|<w:b w:val="true"\/>/.test(rPr!),
      text: text!,
    }));
    return {
      style: /<w:pStyle w:val="([^"]*)"/.exec(pPr)?.[1] ?? null,
      line: /<w:spacing[^>]*w:line="(\d+)"[^>]*w:lineRule="exact"/.exec(pPr)?.[1] ?? null,
      firstLineChars: /w:firstLineChars="(\d+)"/.exec(pPr)?.[1] ?? null,
      runs,
    };
  });
}

describe('the Chinese filing packs take their layout from the content', () => {
  it.each(CASES)('%s in zh-CN: page, fonts, sizes and fixed line spacing from the layout', async (kind, file, extra) => {
    const layout = layoutOf(kind);
    expect(layout, `a layout for ${kind}`).toBeDefined();
    const { document, fonts } = await openDocx(kind, file, extra, 'zh-CN');
    const mm = (value: number) => String(Math.round((value * 1440) / 25.4));
    const margin = /<w:pgMar ([^>]*)\/>/.exec(document)![1]!;
    for (const side of ['top', 'bottom', 'left', 'right'] as const) expect(margin).toContain(`w:${side}="${mm(layout.page.marginsMm[side])}"`);
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');

    const all = paragraphs(document);
    const title = all.find((paragraph) => paragraph.style === 'Title')!;
    expect(title.runs[0]).toMatchObject({ eastAsia: layout.documentTitle.font.name, size: layout.documentTitle.sizePt * 2 });
    const heading = layout.headings.find((entry) => entry.level === 1)!;
    const headings = all.filter((paragraph) => paragraph.style === 'Heading1');
    expect(headings.length).toBeGreaterThan(2);
    for (const paragraph of headings) {
      expect(paragraph.line).toBe(String(Math.round(layout.body.lineSpacingPt * 20)));
      expect(paragraph.runs[0]).toMatchObject({ eastAsia: heading.font.name, ascii: layout.body.latinFont, size: layout.body.sizePt * 2, bold: heading.bold });
    }
    const bodyParagraphs = all.filter((paragraph) => paragraph.style === null && paragraph.runs.length > 0);
    expect(bodyParagraphs.length).toBeGreaterThan(3);
    for (const paragraph of bodyParagraphs) {
      expect(paragraph.line, paragraph.runs[0]?.text).toBe(String(Math.round(layout.body.lineSpacingPt * 20)));
      for (const run of paragraph.runs) expect(run).toMatchObject({ eastAsia: layout.body.font.name, ascii: layout.body.latinFont, size: layout.body.sizePt * 2 });
    }
    // Running text is indented by the layout's characters; table cells are not.
    expect(bodyParagraphs.some((paragraph) => paragraph.firstLineChars === String(layout.body.firstLineIndentChars * 100))).toBe(true);
    // The named fonts fall back to the Noto CJK fonts the machine has (fontTable altName).
    expect(fonts).toContain(`<w:font w:name="${layout.body.font.name}"><w:altName w:val="${layout.body.font.fallback}"/>`);
    expect(fonts).toContain(`<w:font w:name="${heading.font.name}"><w:altName w:val="${heading.font.fallback}"/>`);
  });

  it('sets the CAC template\'s 四号仿宋 at a fixed 26 pt for the self-assessment, and GB/T 9704\'s 三号仿宋 for the MLPS grading report', async () => {
    const security = paragraphs((await openDocx('security-assessment', 'fintech-cii.yaml', [], 'zh-CN')).document);
    expect(security.some((paragraph) => paragraph.line === '520' && paragraph.runs.some((run) => run.eastAsia === 'FangSong' && run.size === 28))).toBe(true);
    const grading = paragraphs((await openDocx('mlps-grading', 'automotive-oem.yaml', ['--system', 'telematics'], 'zh-CN')).document);
    expect(grading.some((paragraph) => paragraph.runs.some((run) => run.eastAsia === 'FangSong' && run.size === 32))).toBe(true);
  });

  it('keeps Landfall\'s own layout in English', async () => {
    const { document } = await openDocx('mlps-grading', 'automotive-oem.yaml', ['--system', 'telematics'], 'en');
    expect(document).not.toContain('FangSong');
    expect(document).not.toContain('w:lineRule="exact"');
    expect(document).toContain('w:eastAsia="Noto Sans CJK SC"');
  });

  it('flags every layout resting on an unconfirmed value, and the schema refuses one that is not flagged', () => {
    for (const layout of book.documentLayouts.values()) {
      if ([layout.page, layout.body].some((block) => block.confidence === 'unconfirmed')) expect(layout.needsLegalReview, layout.id).toBe(true);
      for (const block of [layout.page, layout.body]) if (block.confidence !== 'unconfirmed') expect(block.sources.length, layout.id).toBeGreaterThan(0);
    }
    const sample = book.documentLayouts.get('cn.cac.pipia-report')!;
    const unflagged = documentLayoutSchema.safeParse({ ...sample, needsLegalReview: false });
    expect(unflagged.success).toBe(false);
    expect(unflagged.error!.issues.map((issue) => issue.path.join('.'))).toContain('needsLegalReview');
    const unsourced = documentLayoutSchema.safeParse({ ...sample, body: { ...sample.body, confidence: 'secondary', sources: [] } });
    expect(unsourced.error!.issues.map((issue) => issue.path.join('.'))).toContain('body.sources');
  });
});
