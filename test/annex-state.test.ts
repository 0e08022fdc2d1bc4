// The annex's document state is the consultant's: an editor sets it, Final asks for confirmation
// and lists what is still unconfirmed, the change is in the history, and every export and the
// JSON say the same state. Owner and due date are editable and survive re-assessment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(DATABASES)('annex document state on $name', ({ options: makeOptions }) => {
  const { request, login, call } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['viewer@example.com', 'Vic']]);
  const created = async (session: Session) => ((await (await call(session, 'POST', '/api/engagements', { name: 'Demo: Example Motors GmbH', profile: automotiveYaml })).json()) as Json).id as string;
  const annex = async (session: Session, id: string) => (await (await call(session, 'GET', `/api/engagements/${id}/annex`)).json()) as Json;

  it('is set by an editor, asks to confirm Final with the unconfirmed items, and is the same in the JSON and every export', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    expect((await annex(owner, id)).documentState).toBe('Draft');

    const review = await call(owner, 'PUT', `/api/engagements/${id}/annex/state`, { state: 'Under review' });
    expect(review.status).toBe(200);
    expect(((await review.json()) as Json).documentState).toBe('Under review');

    const unconfirmed = await call(owner, 'PUT', `/api/engagements/${id}/annex/state`, { state: 'Final' });
    expect(unconfirmed.status).toBe(409);
    const refusal = (await unconfirmed.json()) as Json;
    expect(refusal.error.code).toBe('confirm_final');
    expect(refusal.error.problems.length).toBeGreaterThan(0);
    expect((await annex(owner, id)).documentState).toBe('Under review');

    const final = await call(owner, 'PUT', `/api/engagements/${id}/annex/state`, { state: 'Final', confirm: true });
    expect(final.status).toBe(200);
    const body = (await final.json()) as Json;
    expect(body.unconfirmed.length).toBe(refusal.error.problems.length);

    const json = await annex(owner, id);
    expect(json.documentState).toBe('Final');
    const md = await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`)).text();
    expect(md).toContain('**Final**');
    expect(md).toContain(`Marked Final with ${body.unconfirmed.length} items still unconfirmed`);
    const html = await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=html`)).text();
    expect(html).toContain('<span class="state">Final</span>');
    const docxResponse = await call(owner, 'GET', `/api/engagements/${id}/annex?format=docx`);
    expect(docxResponse.headers.get('content-disposition')).toMatch(/filename="example-motors-china-architecture-\d{4}-\d{2}-\d{2}\.docx"/);
    const zip = await JSZip.loadAsync(await docxResponse.arrayBuffer());
    const footers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
    expect(footers.some((footer) => footer.includes('Final'))).toBe(true);
    const xlsxResponse = await call(owner, 'GET', `/api/engagements/${id}/annex?format=xlsx`);
    expect(xlsxResponse.headers.get('content-disposition')).toMatch(/example-motors-china-architecture-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxResponse.arrayBuffer());
    expect(workbook.getWorksheet('Summary')!.getCell('B2').value).toBe('Final');
    expect((await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`)).headers.get('content-disposition')).toMatch(/\.md"$/);

    // The counts the JSON gives are the ones the Markdown prints.
    expect(md).toContain(`**${json.counts.openQuestions}** open question`);
    expect(md).toContain(`**${json.counts.requirements}** requirements`);

    const history = (await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as Json;
    const entries = (history.entries ?? history) as Json[];
    const states = entries.filter((entry) => entry.action === 'set_state');
    expect(states.map((entry) => entry.after.documentState)).toEqual(['Final', 'Under review']);
    expect(states[0]!.after.unconfirmed.length).toBe(body.unconfirmed.length);
  });

  it('downloads the gap register as XLSX and CSV, named after the engagement', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    const csv = await call(owner, 'GET', `/api/engagements/${id}/gaps?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/filename="example-motors-gap-register-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    const xlsx = await call(owner, 'GET', `/api/engagements/${id}/gaps?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    expect((await call(owner, 'GET', `/api/engagements/${id}/gaps?format=pdf`)).status).toBe(400);
  });

  it('refuses a viewer, and an unknown state with its path', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    await call(owner, 'POST', `/api/engagements/${id}/members`, { email: 'viewer@example.com', role: 'viewer' });
    const viewer = await login('viewer@example.com');
    expect((await call(viewer, 'PUT', `/api/engagements/${id}/annex/state`, { state: 'Under review' })).status).toBe(403);
    const bad = await call(owner, 'PUT', `/api/engagements/${id}/annex/state`, { state: 'Done' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('state');
    void request;
  });

  it('keeps an owner and a due date a person set through re-assessment', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    const route = ((await annex(owner, id)).items as Json[]).find((item) => item.key === 'org.cbdt.route')!;
    expect(route.data.owner).toBe('Data protection officer');
    const edited = await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${route.id}`, { owner: 'Li Wei (DPO)', due: '2027-02-01', version: route.version });
    expect(edited.status).toBe(200);
    expect((await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${route.id}`, { due: '1 Feb', version: route.version + 1 })).status).toBe(400);
    await call(owner, 'PUT', `/api/engagements/${id}/profile`, { profile: automotiveYaml.replace('nonSensitiveIndividuals: 120000', 'nonSensitiveIndividuals: 130000'), version: 1 });
    const after = ((await annex(owner, id)).items as Json[]).find((item) => item.key === 'org.cbdt.route')!;
    expect(after.data.owner).toBe('Li Wei (DPO)');
    expect(after.data.due).toBe('2027-02-01');
    expect(after.editedFields).toEqual(expect.arrayContaining(['owner', 'due']));
  });
});
