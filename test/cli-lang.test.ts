// `--lang` on the document commands: the annex and the gap register in Chinese or English, and a
// clear error for any other language or an unknown option.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { landfall } from './cli-harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'landfall-lang-'));

describe('landfall annex --lang', () => {
  it('writes the annex in Chinese with --lang zh-CN and in English by default or with --lang en', async () => {
    const zh = await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'md', '--lang', 'zh-CN', '--as-of', '2026-12-01');
    expect(zh.status).toBe(0);
    for (const heading of ['## 摘要', '## 要求清单', '## 架构图', '## 待解答问题']) expect(zh.stdout).toContain(heading);
    for (const heading of ['## Summary', '## Requirements register', '## Architecture diagrams', '## Open questions']) expect(zh.stdout).not.toContain(heading);
    const english = await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'md', '--as-of', '2026-12-01');
    const explicit = await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'md', '--lang', 'en', '--as-of', '2026-12-01');
    expect(english.stdout).toContain('## Requirements register');
    expect(explicit.stdout).toBe(english.stdout);
    const html = await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'html', '--lang', 'zh-CN', '--as-of', '2026-12-01');
    expect(html.stdout).toContain('<html lang="zh-CN">');
  });

  it('writes a Chinese DOCX and XLSX', async () => {
    const xlsxPath = join(scratch, 'annex.xlsx');
    expect((await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'xlsx', '--lang', 'zh-CN', '--out', xlsxPath)).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    expect(workbook.worksheets.map((sheet) => sheet.name).slice(0, 3)).toEqual(['摘要', '要求清单', '时间表']);
    const docxPath = join(scratch, 'annex.docx');
    expect((await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'docx', '--lang', 'zh-CN', '--out', docxPath)).status).toBe(0);
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(readFileSync(docxPath))).file('word/document.xml')!.async('string');
    expect(xml).toContain('要求清单');
    expect(xml).not.toContain('>Requirements register<');
  });

  it('refuses another language, naming the ones there are, and an unknown option', async () => {
    const run = await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'md', '--lang', 'fr');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--lang: expected one of en, zh-CN; received "fr"');
    const unknown = await landfall('annex', 'examples/b2b-saas.yaml', '--format', 'md', '--language', 'zh-CN');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--language: unknown option');
  });
});

describe('landfall gaps --lang', () => {
  it('writes the register in Chinese: the catalogue\'s Chinese summaries and control point names', async () => {
    const md = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'md', '--system', 'telematics', '--lang', 'zh-CN');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# GB/T 22239-2019 差距清单：Example Motors GmbH');
    expect(md.stdout).toContain('| 8.1.4.1 a) | `CE-IA-01` | 身份鉴别 | 用户身份标识唯一，鉴别信息复杂并定期更换 |');
    for (const heading of ['### Coverage', '### Register', '### Gaps by jurisdiction theme']) expect(md.stdout).not.toContain(heading);
    const csv = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'csv', '--lang', 'zh-CN');
    const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    const row = rows.find((entry) => entry['条目'] === 'CE-IA-01')!;
    expect(row['控制点']).toBe('身份鉴别');
    expect(row['要求概述']).toBe('用户身份标识唯一，鉴别信息复杂并定期更换');
    expect(row['类别']).toBe('安全计算环境');
    const out = join(scratch, 'gaps.xlsx');
    expect((await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'xlsx', '--lang', 'zh-CN', '--out', out)).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('差距明细')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('要求概述');
    const summaries = new Set<string>();
    sheet.eachRow((line) => summaries.add(String(line.getCell(header.indexOf('要求概述') + 1).value)));
    expect(summaries.has('用户身份标识唯一，鉴别信息复杂并定期更换')).toBe(true);
    expect(workbook.worksheets.map((entry) => entry.name)).toEqual(['差距明细', '覆盖情况', '可沿用情况', '主题', '证据']);
    expect((workbook.getWorksheet('覆盖情况')!.getRow(1).values as unknown[]).slice(1)).toContain('适用条目数');
  });

  it('keeps English by default and refuses another language', async () => {
    const md = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'md', '--system', 'telematics');
    expect(md.stdout).toContain('### Register');
    const run = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'md', '--lang', 'de');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--lang: expected one of en, zh-CN; received "de"');
  });
});
