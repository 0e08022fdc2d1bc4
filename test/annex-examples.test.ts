// Every example's annex, in every text format, reads as a client deliverable: no schema path
// (systems[0].…, organisation.…), no internal item key, no stub decision, and the counts derived
// once appear the same in the JSON, the Markdown and the HTML.
import { readFileSync, readdirSync } from 'node:fs';
import { engineText } from '../src/i18n/messages.ts';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { instrumentTitlesOf } from '../src/render/annex-parts.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } from '../src/render/render-annex.ts';
import { renderAnnexDocx } from '../src/render/render-annex-docx.ts';
import { renderAnnexXlsx } from '../src/render/render-annex-xlsx.ts';
import { book } from './helpers.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
/** What must never reach a client: schema paths, the derivation's own keys, stubs. */
const LEAKS = [/\b(systems|transfers|integrations)\[\d+\]/, /\borganisation\.[a-z]/, /\bcontrols\.(soc2|iso27001|practices)/, /to be recorded/i, /Landfall assumed \{/, /\bdecision_needed\b/, /\bmainland_required\b/];

async function xlsxText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\n');
}

describe('the examples\' annexes', () => {
  for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'))) {
    it(`${file}: no schema path, internal key or stub in any text format, and one set of counts`, async () => {
      const annex = deriveAnnex(assessProfile(book, parseYaml(readFileSync(join(EXAMPLES, file), 'utf8')), '2026-12-01', engineText()), { integrations: book.integrations });
      const view = annexView(annex, derivedItems(annex), '2026-12-01');
      const markdown = renderAnnexMarkdown(view);
      const html = renderAnnexHtml(view);
      const xlsx = await xlsxText(await renderAnnexXlsx(view));
      const keys = new Set(view.items.map((item) => item.key));
      for (const [format, text] of [['Markdown', markdown], ['HTML', html], ['XLSX', xlsx]] as const) {
        for (const leak of LEAKS) expect(text, `${format} matches ${leak}`).not.toMatch(leak);
        const visible = format === 'HTML' ? text.replace(/<[^>]+>/g, ' ') : text;
        for (const key of keys) if (key.includes('.') && key.length > 12) expect(visible.includes(key), `${format} shows the key ${key}`).toBe(false);
      }
      for (const item of view.items.filter((entry) => entry.data.section === 'decision')) expect(`${item.title} ${item.statement}`).not.toMatch(/to be recorded|TBD/i);
      const { counts } = view;
      const line = `${counts.openQuestions} open question${counts.openQuestions === 1 ? '' : 's'}`;
      expect(markdown).toContain(line);
      expect(html).toContain(line);
      expect(view.items.filter((item) => item.data.section === 'open_question' && item.status === 'open')).toHaveLength(counts.openQuestions);
    });
  }
});

/** The words of a DOCX's body, header and footers, as the existing DOCX tests read them (the XML parts' text runs). */
async function docxText(bytes: Uint8Array): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name));
  const xml = (await Promise.all(parts.map((name) => zip.file(name)!.async('string')))).join('\n');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")).join('\n');
}

/** The English chrome a Chinese annex must not carry: its headings, table headers and labels. */
const ENGLISH_CHROME = [
  'Summary', 'Why this matters', 'What this informs', 'What remains unresolved', 'Requirements register', 'Architecture diagrams', 'Open questions', 'Assumptions', 'Guardrails',
  'Decisions (ADRs)', 'Dependencies', 'Next actions', 'Contents', 'Determination', 'Requirement', 'Statement', 'What hangs on it', 'Who answers', 'Options still legally open', 'Recommendation',
  'Document state', 'Last updated', 'Law as of', 'Content version', 'prepared by', 'Critical path', 'Transfer route', 'Unassigned', 'Decision needed', 'Crosses the border', 'Legal basis',
];
const CHINESE_HEADINGS = ['摘要', '要求清单', '架构图', '为何重要', '尚待解决的事项'];

describe('the examples\' annexes in Chinese', () => {
  for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'))) {
    it(`${file}: Chinese headings and labels in Markdown, HTML, XLSX and DOCX, no English chrome, the same open questions, no schema path or key`, async () => {
      const profile = parseYaml(readFileSync(join(EXAMPLES, file), 'utf8'));
      const english = deriveAnnex(assessProfile(book, profile, '2026-12-01', engineText('en')), { integrations: book.integrations });
      const annex = deriveAnnex(assessProfile(book, profile, '2026-12-01', engineText('zh-CN')), { integrations: book.integrations, say: engineText('zh-CN') });
      const englishView = annexView(english, derivedItems(english), '2026-12-01');
      const view = annexView(annex, derivedItems(annex), '2026-12-01', { locale: 'zh-CN', instrumentTitles: instrumentTitlesOf(book) });
      const markdown = renderAnnexMarkdown(view);
      const html = renderAnnexHtml(view);
      const xlsx = await xlsxText(await renderAnnexXlsx(view));
      const docx = await docxText(await renderAnnexDocx(view));
      const headings = (text: string, marker: RegExp) => text.split('\n').filter((line) => marker.test(line)).join('\n');
      const chrome: Record<string, string> = {
        // The document's own lines: headings, table header rows, labels and bylines (not the items' text, which is the engine's).
        Markdown: [headings(markdown, /^#{1,4} /), ...markdown.split('\n').filter((line, index, lines) => lines[index + 1]?.startsWith('|---')), headings(markdown, /^\*\*(?!Q)/), headings(markdown, /^- (What|Who)/)].join('\n'),
        HTML: [...html.matchAll(/<(h[1-4]|th|title|nav)[^>]*>(.*?)<\/\1>/gs)].map((match) => match[2]).join('\n'),
        XLSX: xlsx,
        DOCX: docx,
      };
      expect(html).toContain('<html lang="zh-CN">');
      for (const heading of CHINESE_HEADINGS) {
        expect(markdown, `Markdown heading ${heading}`).toContain(`## ${heading}`);
        expect(html, `HTML heading ${heading}`).toContain(heading);
        expect(docx, `DOCX heading ${heading}`).toContain(heading);
      }
      expect(xlsx).toContain('判定事项');
      for (const [format, text] of Object.entries(chrome)) {
        const lines = text.split('\n');
        for (const word of ENGLISH_CHROME) expect(lines.filter((line) => line === word || line.startsWith(`${word} `) || line.startsWith(`${word}:`) || line.startsWith(`## ${word}`) || line.startsWith(`### ${word}`) || line.includes(`| ${word} |`)), `${format} shows "${word}"`).toEqual([]);
      }
      for (const [format, text] of [['Markdown', markdown], ['HTML', html], ['XLSX', xlsx], ['DOCX', docx]] as const) {
        for (const leak of LEAKS) expect(text, `${format} matches ${leak}`).not.toMatch(leak);
        const visible = format === 'HTML' ? text.replace(/<[^>]+>/g, ' ') : text;
        for (const key of new Set(view.items.map((item) => item.key))) if (key.includes('.') && key.length > 12) expect(visible.includes(key), `${format} shows the key ${key}`).toBe(false);
      }
      // The same open questions as the English annex, counted once and shown the same in every format.
      expect(view.counts).toEqual(englishView.counts);
      const line = `${view.counts.openQuestions} 个待解答问题`;
      expect(markdown).toContain(line);
      expect(html).toContain(line);
      expect(docx).toContain(line);
      expect(markdown.match(/^\*\*问题\d+：/gm) ?? []).toHaveLength(view.items.filter((item) => item.data.section === 'open_question' && !item.superseded).length);
      expect(view.items.map((item) => item.key)).toEqual(englishView.items.map((item) => item.key));
    });
  }
});

describe('ids in words', () => {
  it('keep acronyms as letters and the rest as a sentence', async () => {
    const { humanise } = await import('../src/core/annex/annex-text.ts');
    expect(humanise('crm-sync')).toBe('CRM sync');
    expect(humanise('telematics-engineering-access')).toBe('Telematics engineering access');
    expect(humanise('hr_export')).toBe('HR export');
    expect(humanise('freeTradeZone')).toBe('Free trade zone');
    expect(humanise('ev-remote-service')).toBe('EV remote service');
  });
});
