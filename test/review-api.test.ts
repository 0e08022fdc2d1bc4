// The portfolio review through the API: start a run, follow it to done, read the portfolio table
// and one engagement's changes, download the memo (DOCX, Markdown) and the portfolio workbook,
// and the refusals (bad dates, someone else's run).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { apiHarness } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotive = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
const saas = readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.yaml'), 'utf8');

describe.each(DATABASES)('portfolio review API on $name', ({ options: makeOptions }) => {
  const { login, call, worker } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['other@example.com', 'Otto']]);

  it('runs a review from 2023-06-15 to 2026-12-01 over every engagement and serves its results', async () => {
    const owner = await login('owner@example.com');
    for (const [name, profile] of [['Example Motors China', automotive], ['SaaS China', saas]] as const) {
      expect((await call(owner, 'POST', '/api/engagements', { name, profile })).status).toBe(201);
    }
    const started = await call(owner, 'POST', '/api/reviews', { axis: 'date', from: '2023-06-15', to: '2026-12-01' });
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: string; total: number; status: string };
    expect(run.total).toBe(2);
    await worker().drain();
    const progress = (await (await call(owner, 'GET', `/api/reviews/${run.id}`)).json()) as { review: { status: string; done: number }; engagements: Array<{ engagementId: string; engagement: string; state: string; substantive: number; byKind: Record<string, number> }> };
    expect(progress.review).toMatchObject({ status: 'done', done: 2 });
    const motors = progress.engagements.find((row) => row.engagement === 'Example Motors China')!;
    expect(motors.state).toBe('done');
    expect(motors.substantive).toBeGreaterThan(0);
    expect(motors.byKind.route).toBeGreaterThan(0);

    const one = (await (await call(owner, 'GET', `/api/reviews/${run.id}/engagements/${motors.engagementId}`)).json()) as { review: { changes: Array<{ kind: string; meaning: string }> } };
    expect(one.review.changes.some((change) => change.kind === 'route' && /security assessment|standard contract|exempt/i.test(change.meaning))).toBe(true);

    const memo = await call(owner, 'GET', `/api/reviews/${run.id}/engagements/${motors.engagementId}?format=docx`);
    expect(memo.status).toBe(200);
    expect(memo.headers.get('content-disposition')).toBe('attachment; filename="example-motors-china-regulatory-change-review-2026-12-01.docx"');
    const documentXml = await (await JSZip.loadAsync(await memo.arrayBuffer())).file('word/document.xml')!.async('string');
    expect(documentXml).toContain('Regulatory-change review');
    expect(documentXml).toContain('What changes for the client');

    const markdown = await call(owner, 'GET', `/api/reviews/${run.id}/engagements/${motors.engagementId}?format=md`);
    expect(await markdown.text()).toMatch(/Transfer route/);

    // The memo's own words in Chinese; the changes read as the review wrote them.
    const chineseMemo = await call(owner, 'GET', `/api/reviews/${run.id}/engagements/${motors.engagementId}?format=md&lang=zh-CN`);
    expect(chineseMemo.headers.get('content-disposition')).toBe('attachment; filename="example-motors-china-regulatory-change-review-2026-12-01-zh-CN.md"');
    const chineseText = await chineseMemo.text();
    expect(chineseText).toContain('# 法规变化复核');
    expect(chineseText).toContain('| 类别 | 影响 | 含义 |');
    expect(chineseText).not.toContain('What changes for the client');
    expect((await call(owner, 'GET', `/api/reviews/${run.id}/engagements/${motors.engagementId}?format=md&lang=fr`)).status).toBe(400);
    const chineseBook = new (await import('exceljs')).default.Workbook();
    await chineseBook.xlsx.load(await (await call(owner, 'GET', `/api/reviews/${run.id}/portfolio?lang=zh-CN`)).arrayBuffer());
    expect(chineseBook.worksheets.map((sheet) => sheet.name)).toEqual(['项目组合', '变化明细', '说明']);
    expect(chineseBook.getWorksheet('项目组合')!.getRow(1).getCell(1).value).toBe('项目');

    const workbook = await call(owner, 'GET', `/api/reviews/${run.id}/portfolio`);
    expect(workbook.status).toBe(200);
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    await book.xlsx.load(await workbook.arrayBuffer());
    const portfolio = book.getWorksheet('Portfolio')!;
    expect(portfolio.getRow(1).getCell(1).value).toBe('Engagement');
    const names = [2, 3].map((row) => portfolio.getRow(row).getCell(1).value);
    expect(names).toEqual(expect.arrayContaining(['Example Motors China', 'SaaS China']));
    expect(portfolio.autoFilter).toBeTruthy();
    const changes = book.getWorksheet('Changes')!;
    expect(changes.rowCount).toBeGreaterThan(2);
    // Human labels, never the machine kinds.
    const kinds = new Set<string>();
    changes.eachRow((row, index) => { if (index > 1) kinds.add(String(row.getCell(2).value)); });
    expect([...kinds].every((kind) => !kind.includes('_'))).toBe(true);
  });

  it('refuses dates out of order and a date axis without a start, listing each problem', async () => {
    const owner = await login('owner@example.com');
    const backwards = await call(owner, 'POST', '/api/reviews', { axis: 'date', from: '2026-12-01', to: '2023-06-15' });
    expect(backwards.status).toBe(422);
    expect(((await backwards.json()) as { error: { problems: Array<{ path: string }> } }).error.problems.map((problem) => problem.path)).toEqual(['from']);
    const missing = await call(owner, 'POST', '/api/reviews', { axis: 'date', to: '2026-12-01' });
    expect(missing.status).toBe(422);
    const notADate = await call(owner, 'POST', '/api/reviews', { axis: 'date', from: '2026-02-30', to: '2026-12-01' });
    expect(notADate.status).toBe(400);
  });

  it('hides a run from everyone but its creator', async () => {
    const owner = await login('owner@example.com');
    const other = await login('other@example.com');
    const run = (await (await call(owner, 'POST', '/api/reviews', { axis: 'content', to: '2026-11-22' })).json()) as { id: string };
    expect((await call(other, 'GET', `/api/reviews/${run.id}`)).status).toBe(404);
    expect((await call(other, 'GET', `/api/reviews/${run.id}/portfolio`)).status).toBe(404);
    expect(((await (await call(other, 'GET', '/api/reviews')).json()) as { reviews: unknown[] }).reviews).toEqual([]);
  });
});

describe.each(DATABASES)('accepting a review on $name', ({ options: makeOptions }) => {
  const { login, call, worker } = apiHarness(makeOptions, [['owner@example.com', 'Olga']]);

  it('re-assesses the engagement, marks the items resting on a change, keeps people\'s edits, and accepts once', async () => {
    const owner = await login('owner@example.com');
    const created = (await (await call(owner, 'POST', '/api/engagements', { name: 'Example Motors China', profile: automotive })).json()) as { id: string };
    const id = created.id;
    type Item = { id: string; key: string; title: string; version: number; editedFields: string[]; data: { reReview?: { runId: string; changes: Array<{ kind: string; meaning: string }> } } };
    const annex = async () => ((await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as { items: Item[] }).items;
    // A person's edit before the review: it survives the re-assessment.
    const route = (await annex()).find((item) => item.key === 'org.cbdt.route')!;
    expect((await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${route.id}`, { title: 'Our transfer route (agreed with the client)', version: route.version })).status).toBe(200);

    const run = (await (await call(owner, 'POST', '/api/reviews', { axis: 'date', from: '2023-06-15', to: '2026-12-01' })).json()) as { id: string };
    await worker().drain();
    const before = (await (await call(owner, 'GET', `/api/engagements/${id}`)).json()) as { version: number };
    const accepted = await call(owner, 'POST', `/api/reviews/${run.id}/engagements/${id}/accept`);
    expect(accepted.status).toBe(200);
    const body = (await accepted.json()) as { version: number; marked: number; acceptedAt: string };
    expect(body.version).toBe(before.version + 1);
    expect(body.marked).toBeGreaterThan(0);

    const items = await annex();
    const marked = items.filter((item) => item.data.reReview);
    expect(marked).toHaveLength(body.marked);
    const routeAfter = items.find((item) => item.key === 'org.cbdt.route')!;
    expect(routeAfter.title).toBe('Our transfer route (agreed with the client)');
    expect(routeAfter.data.reReview?.runId).toBe(run.id);
    expect(routeAfter.data.reReview?.changes.some((change) => change.kind === 'route')).toBe(true);
    // The engagement now stands on the review's later date.
    const assessment = (await (await call(owner, 'GET', `/api/engagements/${id}/assessment`)).json()) as { asOf: string };
    expect(assessment.asOf).toBe('2026-12-01');
    // The table shows it accepted, and a second accept is refused.
    const table = (await (await call(owner, 'GET', `/api/reviews/${run.id}`)).json()) as { engagements: Array<{ engagementId: string; acceptedAt: string | null }> };
    expect(table.engagements.find((row) => row.engagementId === id)!.acceptedAt).toBe(body.acceptedAt);
    expect((await call(owner, 'POST', `/api/reviews/${run.id}/engagements/${id}/accept`)).status).toBe(409);
    // The mark travels into the deliverables.
    expect(await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`)).text()).toContain('Re-review: ');
    // A person editing a marked item clears its mark.
    const edited = await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${routeAfter.id}`, { status: 'in_progress', version: routeAfter.version });
    expect(((await edited.json()) as Item).data.reReview).toBeUndefined();
    // History records the acceptance.
    const history = (await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as { entries: Array<{ action: string }> };
    expect(history.entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['accept_review', 're_review']));
  });
});
