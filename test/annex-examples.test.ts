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
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } from '../src/render/render-annex.ts';
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
