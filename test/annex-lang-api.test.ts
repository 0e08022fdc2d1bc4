// The annex and gap-register downloads in a language: ?lang=en|zh-CN, defaulting to the
// engagement's language; an unknown language is a 400 naming the parameter (never a 500); the
// kept Markdown and HTML are cached and tagged per language; a person's status, owner and edited
// text are the item's in every language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotive = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pathsOf = async (response: Response) => ((await response.json()) as { error: { problems?: Array<{ path: string; message: string }> } }).error.problems;

describe.each(DATABASES.filter((database) => database.name === 'PGlite'))('annex and gap register downloads by language on $name', ({ options }) => {
  const { login, call } = apiHarness(options, [['owner@example.com', 'Olga']]);

  async function engagement(owner: Session): Promise<string> {
    const created = await call(owner, 'POST', '/api/engagements', { name: 'Lang Motors', profile: automotive });
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: string }).id;
  }

  it('serves the annex in Chinese on ?lang=zh-CN, in the engagement\'s language otherwise, each language with its own tag', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner);
    const zh = await call(owner, 'GET', `/api/engagements/${id}/annex?format=md&lang=zh-CN`);
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-disposition')).toMatch(/^attachment; filename="example-motors-china-architecture-\d{4}-\d{2}-\d{2}-zh-CN\.md"$/);
    const zhText = await zh.text();
    for (const heading of ['## 摘要', '## 要求清单', '## 架构图', '## 待解答问题']) expect(zhText).toContain(heading);
    expect(zhText).not.toContain('## Requirements register');
    const en = await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`);
    expect(en.headers.get('content-disposition')).toMatch(/china-architecture-\d{4}-\d{2}-\d{2}\.md"$/);
    expect(await en.text()).toContain('## Requirements register');
    // Separate bodies and tags: neither language's tag answers 304 for the other.
    const zhTag = zh.headers.get('etag')!;
    const enTag = en.headers.get('etag')!;
    expect(zhTag).not.toBe(enTag);
    expect((await call(owner, 'GET', `/api/engagements/${id}/annex?format=md&lang=zh-CN`, undefined, { 'if-none-match': zhTag })).status).toBe(304);
    const crossed = await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`, undefined, { 'if-none-match': zhTag });
    expect(crossed.status).toBe(200);
    expect(await crossed.text()).toContain('## Requirements register');
    expect((await call(owner, 'GET', `/api/engagements/${id}/annex?format=md&lang=zh-CN`, undefined, { 'if-none-match': enTag })).status).toBe(200);
    const html = await call(owner, 'GET', `/api/engagements/${id}/annex?format=html&lang=zh-CN`);
    expect(await html.text()).toContain('<html lang="zh-CN">');

    // The engagement's language is the downloads' default; JSON stays English unless asked.
    expect((await call(owner, 'PUT', `/api/engagements/${id}/language`, { language: 'zh-CN' })).status).toBe(200);
    expect(await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`)).text()).toContain('## 要求清单');
    expect(await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=md&lang=en`)).text()).toContain('## Requirements register');
    expect(((await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as Json).title).toMatch(/^China architecture annex/);
    for (const format of ['xlsx', 'docx']) {
      const download = await call(owner, 'GET', `/api/engagements/${id}/annex?format=${format}`);
      expect(download.status, format).toBe(200);
      expect(download.headers.get('content-disposition'), format).toContain(`-zh-CN.${format}"`);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=xlsx`)).arrayBuffer());
    expect(workbook.worksheets[0]!.name).toBe('摘要');
    const svg = await (await call(owner, 'GET', `/api/engagements/${id}/annex/diagrams/data_flow?lang=zh-CN`)).text();
    expect(svg).toContain('中国大陆');
    expect(svg).not.toContain('Mainland China');
  });

  it('keeps a person\'s status, owner and edited title on the item in every language', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner);
    const items = ((await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as Json).items as Json[];
    const item = items.find((candidate) => candidate.provenance === 'derived' && candidate.data.section === 'guardrail')!;
    const other = items.find((candidate) => candidate.provenance === 'derived' && candidate.data.section === 'guardrail' && candidate.id !== item.id)!;
    expect((await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${item.id}`, { status: 'confirmed', owner: 'Mei Lin', version: item.version })).status).toBe(200);
    expect((await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${other.id}`, { title: 'Client wording kept', version: other.version })).status).toBe(200);
    const zh = await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=md&lang=zh-CN`)).text();
    const guardrails = zh.slice(zh.indexOf('## 约束红线'));
    expect(guardrails).toMatch(/（已确认）/);
    expect(guardrails).toContain('**Client wording kept**');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=xlsx&lang=zh-CN`)).arrayBuffer());
    const rows: string[][] = [];
    workbook.getWorksheet('约束红线')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows.some((row) => row.includes('已确认') && row.includes('Mei Lin'))).toBe(true);
    // The items keep their ids and versions whatever the language.
    const zhItems = ((await (await call(owner, 'GET', `/api/engagements/${id}/annex?lang=zh-CN`)).json()) as Json).items as Json[];
    expect(zhItems.map((entry) => entry.id).sort()).toEqual(items.map((entry) => entry.id).sort());
    expect(zhItems.find((entry) => entry.id === item.id)).toMatchObject({ status: 'confirmed', data: expect.objectContaining({ owner: 'Mei Lin' }) });
  });

  it('refuses an unknown language with a 400 naming lang, never a 500', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner);
    for (const path of ['annex?format=md&lang=fr', 'annex?format=docx&lang=zh', 'annex?lang=EN', 'annex/diagrams/target?lang=de', 'gaps?format=csv&lang=fr', 'gaps?lang=zh_CN']) {
      const response = await call(owner, 'GET', `/api/engagements/${id}/${path}`);
      expect(response.status, path).toBe(400);
      const problems = await pathsOf(response);
      expect(problems?.map((problem) => problem.path), path).toEqual(['lang']);
      expect(problems?.[0]?.message, path).toMatch(/en.*zh-CN/);
    }
  });

  it('serves the gap register in Chinese: the catalogue\'s Chinese summaries and control point names', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner);
    const csv = await call(owner, 'GET', `/api/engagements/${id}/gaps?format=csv&lang=zh-CN&system=telematics`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/gap-register-\d{4}-\d{2}-\d{2}-zh-CN\.csv"$/);
    const rows = parse(await csv.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((row) => row['条目'] === 'CE-IA-01')).toMatchObject({ 控制点: '身份鉴别', 要求概述: '用户身份标识唯一，鉴别信息复杂并定期更换' });
    const english = parse(await (await call(owner, 'GET', `/api/engagements/${id}/gaps?format=csv&system=telematics`)).text(), { columns: true }) as Array<Record<string, string>>;
    expect(english.find((row) => row.item === 'CE-IA-01')?.summary).toBe('Unique user IDs, complex and rotated credentials');
    const xlsx = await call(owner, 'GET', `/api/engagements/${id}/gaps?format=xlsx&lang=zh-CN`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.getWorksheet('差距明细')).toBeDefined();
    const json = (await (await call(owner, 'GET', `/api/engagements/${id}/gaps?system=telematics`)).json()) as Json;
    expect(json.systems[0].items.find((entry: Json) => entry.id === 'CE-IA-01').summaryZh).toBe('用户身份标识唯一，鉴别信息复杂并定期更换');
  });
});
