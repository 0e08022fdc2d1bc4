// The incident clock through the API: an incident recorded with its grade and deadlines counted on
// the server's clock, invalid facts refused with every problem and its path, viewers reading but
// never writing, another engagement's incident not found, reports recorded once and closing final,
// the event log, the prefilled report in both languages and formats, and the attacks guarded
// against (markup in a description, a forged system, a report from the future).
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const profile = { organisation: { name: 'Clock Co' }, systems: [{ id: 'shop', name: 'Web shop', hosting: 'mainland', servesMainlandUsers: true }] };
/** 12:30 Beijing time on 2026-12-01: an hour after the incident below is discovered. */
let now = Date.parse('2026-12-01T04:30:00Z');
const facts = (extra: Record<string, unknown> = {}) => ({ discoveredAt: '2026-12-01T11:30', piLeakedIndividuals: 1_200_000, systemId: 'shop', dataClasses: ['personal_information'], ...extra });

interface Deadline { duty: string; dueBy: string | null; dueAt: string | null; remainingSeconds: number | null; overdue: boolean; made: { late: boolean; madeAtBeijing: string } | null }
interface Incident { id: string; number: number; status: string; version: number; assessment: { grade: string; reportable: boolean; operatorType: string }; clock: { now: string; nowBeijing: string; timeZone: string }; deadlines: Deadline[]; system: { id: string; name: string } | null }
type ErrorBody = { error: { code: string; problems?: Array<{ path: string; message: string }> } };

describe.each(DATABASES)('incident API on $name', ({ options: makeOptions }) => {
  const { login, call } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['viewer@example.com', 'Vera'], ['editor@example.com', 'Ed'], ['stranger@example.com', 'Sam']], { now: () => now });

  async function engagement(owner: Session, name: string): Promise<string> {
    const created = await call(owner, 'POST', '/api/engagements', { name, profile });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    for (const [email, role] of [['viewer@example.com', 'viewer'], ['editor@example.com', 'editor']]) expect((await call(owner, 'POST', `/api/engagements/${id}/members`, { email, role })).status).toBe(200);
    return id;
  }
  const create = async (session: Session, id: string, body: unknown) => call(session, 'POST', `/api/engagements/${id}/incidents`, body);

  it('records an incident with its grade, who must be told, and deadlines counted down on the server\'s clock in Beijing time', async () => {
    now = Date.parse('2026-12-01T04:30:00Z');
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Clock');
    const response = await create(owner, id, { title: 'Order database exposed', facts: facts() });
    expect(response.status).toBe(201);
    const incident = (await response.json()) as Incident;
    expect(incident).toMatchObject({ number: 1, status: 'open', version: 1, system: { id: 'shop', name: 'Web shop' }, assessment: { grade: 'relatively_major', reportable: true, operatorType: 'other' } });
    expect(incident.clock).toEqual({ now: '2026-12-01T04:30:00.000Z', nowBeijing: '2026-12-01 12:30', timeZone: 'Asia/Shanghai' });
    const initial = incident.deadlines.find((deadline) => deadline.duty === 'initial_report')!;
    expect(initial).toMatchObject({ dueBy: '2026-12-01 15:30', dueAt: '2026-12-01T07:30:00.000Z', remainingSeconds: 3 * 3600, overdue: false, made: null });

    now = Date.parse('2026-12-01T08:00:00Z');
    const later = (await (await call(owner, 'GET', `/api/engagements/${id}/incidents/${incident.id}`)).json()) as Incident;
    expect(later.deadlines.find((deadline) => deadline.duty === 'initial_report')).toMatchObject({ remainingSeconds: -1800, overdue: true });
    const list = (await (await call(owner, 'GET', `/api/engagements/${id}/incidents`)).json()) as { incidents: Array<{ id: string; grade: string; next: Deadline | null }> };
    expect(list.incidents).toEqual([expect.objectContaining({ id: incident.id, grade: 'relatively_major', next: expect.objectContaining({ duty: 'initial_report', overdue: true }) })]);

    const preview = await call(owner, 'POST', `/api/engagements/${id}/incidents/preview`, { facts: facts({ piLeakedIndividuals: 10_000_000 }) });
    expect(((await preview.json()) as Incident).assessment.grade).toBe('major');
    expect((await (await call(owner, 'GET', `/api/engagements/${id}/incidents`)).json() as { incidents: unknown[] }).incidents).toHaveLength(1);
  });

  it('writes the grade reasons, duties and review reasons in Chinese with ?lang=zh-CN, the same grade and deadlines as in English', async () => {
    now = Date.parse('2026-12-01T04:30:00Z');
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Clock in Chinese');
    type Prose = Omit<Incident, 'assessment' | 'deadlines'> & { assessment: Incident['assessment'] & { grade: string; gradeReasons: string[]; notEvaluated: string[]; legalReviewReasons: string[] }; deadlines: Array<Deadline & { to: string; detail: string }> };
    const created = await call(owner, 'POST', `/api/engagements/${id}/incidents?lang=zh-CN`, { title: 'Order database exposed', facts: facts() });
    expect(created.status).toBe(201);
    const chinese = (await created.json()) as Prose;
    const english = (await (await call(owner, 'GET', `/api/engagements/${id}/incidents/${chinese.id}`)).json()) as Prose;
    const read = (await (await call(owner, 'GET', `/api/engagements/${id}/incidents/${chinese.id}?lang=zh-CN`)).json()) as Prose;
    expect(read.assessment).toEqual(chinese.assessment);
    expect(english.assessment.gradeReasons[0]).toMatch(/^Personal information of 1,200,000 citizens leaked/);
    const CJK = /[\u4e00-\u9fff]/;
    const ENGLISH_RUN = /\b[A-Za-z][a-z]+(?:[ ,;:-]+[A-Za-z][a-z]+){2,}\b/;
    for (const text of [...read.assessment.gradeReasons, ...read.assessment.notEvaluated, ...read.assessment.legalReviewReasons, ...read.deadlines.flatMap((deadline) => [deadline.to, deadline.detail])]) {
      expect(text).toMatch(CJK);
      expect(text).not.toMatch(ENGLISH_RUN);
    }
    // The language changes the words, never the answer.
    const answer = (incident: Prose) => [incident.assessment.grade, incident.assessment.reportable, incident.deadlines.map((deadline) => [deadline.duty, deadline.dueBy, deadline.dueAt, deadline.remainingSeconds])];
    expect(answer(read)).toEqual(answer(english));
    const list = (await (await call(owner, 'GET', `/api/engagements/${id}/incidents?lang=zh-CN`)).json()) as { incidents: Array<{ next: { detail: string } | null }> };
    expect(list.incidents[0]!.next!.detail).toMatch(CJK);
    const preview = (await (await call(owner, 'POST', `/api/engagements/${id}/incidents/preview?lang=zh-CN`, { facts: facts({ piLeakedIndividuals: 10_000_000 }) })).json()) as Prose;
    expect(preview.assessment.grade).toBe('major');
    expect(preview.assessment.gradeReasons.join('')).toMatch(CJK);
    const previewEnglish = (await (await call(owner, 'POST', `/api/engagements/${id}/incidents/preview`, { facts: facts({ piLeakedIndividuals: 10_000_000 }) })).json()) as Prose;
    expect(previewEnglish.assessment.gradeReasons[0]).toMatch(/^Personal information of 10,000,000 citizens/);
    for (const [method, path, body] of [['GET', `/api/engagements/${id}/incidents/${chinese.id}?lang=fr`, undefined], ['GET', `/api/engagements/${id}/incidents?lang=zh`, undefined], ['POST', `/api/engagements/${id}/incidents/preview?lang=EN`, { facts: facts() }]] as const) {
      const bad = await call(owner, method, path, body);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.problems!.map((problem) => problem.path)).toEqual(['lang']);
    }
  });

  it('refuses invalid facts with 400 and every problem with its path, and stores nothing', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Validation');
    const shape = await create(owner, id, { title: '', facts: { discoveredAt: 'soon', piLeakedIndividuals: -1.5, dataClasses: ['gossip'], directLossRmb: 'lots', extra: true } });
    expect(shape.status).toBe(400);
    const paths = ((await shape.json()) as ErrorBody).error.problems!.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'facts.discoveredAt', 'facts.piLeakedIndividuals', 'facts.dataClasses.0', 'facts.directLossRmb', 'facts']));
    const rules = await create(owner, id, { title: 'Rules', facts: facts({ ciiOverallOutageHours: 7, handlingEndedAt: '2026-12-01T08:00' }) });
    expect(rules.status).toBe(400);
    expect(((await rules.json()) as ErrorBody).error.problems!.map((problem) => problem.path).sort()).toEqual(['facts.ciiOverallOutageHours', 'facts.handlingEndedAt']);
    const system = await create(owner, id, { title: 'Forged system', facts: facts({ systemId: 'payroll' }) });
    expect(system.status).toBe(400);
    expect((await system.json()) as ErrorBody).toMatchObject({ error: { code: 'invalid_facts', problems: [{ path: 'facts.systemId' }] } });
    const notJson = await call(owner, 'POST', `/api/engagements/${id}/incidents`, undefined, { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect((await (await call(owner, 'GET', `/api/engagements/${id}/incidents`)).json() as { incidents: unknown[] }).incidents).toEqual([]);
  });

  it('lets viewers read everything and write nothing, and hides incidents from non-members and from other engagements', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Roles');
    const other = await engagement(owner, 'Another engagement');
    // Logged in after the invitations, which a login accepts.
    const viewer = await login('viewer@example.com');
    const stranger = await login('stranger@example.com');
    const incident = (await (await create(owner, id, { title: 'Roles', facts: facts() })).json()) as Incident;
    const path = `/api/engagements/${id}/incidents/${incident.id}`;
    expect((await create(viewer, id, { title: 'Viewer', facts: facts() })).status).toBe(403);
    expect((await call(viewer, 'PUT', `${path}/facts`, { facts: facts(), version: 1 })).status).toBe(403);
    expect((await call(viewer, 'POST', `${path}/reports`, { duty: 'initial_report', madeAt: '2026-12-01T12:00' })).status).toBe(403);
    expect((await call(viewer, 'POST', `${path}/close`, {})).status).toBe(403);
    for (const read of [path, `${path}/events`, `${path}/report?lang=zh-CN`, `/api/engagements/${id}/incidents`]) expect((await call(viewer, 'GET', read)).status).toBe(200);
    expect((await call(viewer, 'POST', `/api/engagements/${id}/incidents/preview`, { facts: facts() })).status).toBe(200);
    for (const read of [path, `${path}/events`, `${path}/report`]) expect((await call(stranger, 'GET', read)).status).toBe(404);
    // The owner of both engagements still cannot reach this incident through the other one.
    for (const [method, suffix, body] of [['GET', '', undefined], ['GET', '/events', undefined], ['GET', '/report', undefined], ['PUT', '/facts', { facts: facts(), version: 1 }], ['POST', '/close', {}], ['POST', '/reports', { duty: 'initial_report', madeAt: '2026-12-01T12:00' }]] as const) {
      expect((await call(owner, method, `/api/engagements/${other}/incidents/${incident.id}${suffix}`, body)).status, `${method} ${suffix}`).toBe(404);
    }
    expect((await call(owner, 'GET', path)).status).toBe(200);
  });

  it('records each report once with when it was made, closes for good, refuses stale versions, and logs every event with who and when', async () => {
    now = Date.parse('2026-12-01T06:00:00Z');
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Lifecycle');
    const editor = await login('editor@example.com');
    const incident = (await (await create(editor, id, { title: 'Ransomware', facts: facts() })).json()) as Incident;
    const path = `/api/engagements/${id}/incidents/${incident.id}`;
    const changed = await call(editor, 'PUT', `${path}/facts`, { facts: facts({ piLeakedIndividuals: 12_000_000 }), version: 1 });
    expect(((await changed.json()) as Incident).assessment.grade).toBe('major');
    expect((await call(editor, 'PUT', `${path}/facts`, { facts: facts(), version: 1 })).status).toBe(409);

    const future = await call(editor, 'POST', `${path}/reports`, { duty: 'initial_report', madeAt: '2026-12-01T16:00' });
    expect((await future.json()) as ErrorBody).toMatchObject({ error: { code: 'invalid_facts', problems: [{ path: 'madeAt' }] } });
    const early = await call(editor, 'POST', `${path}/reports`, { duty: 'initial_report', madeAt: '2026-12-01T11:00' });
    expect(early.status).toBe(400);
    const escalation = await call(editor, 'POST', `${path}/reports`, { duty: 'escalation', madeAt: '2026-12-01T13:00' });
    expect(((await escalation.json()) as ErrorBody).error.problems![0]!.path).toBe('duty');

    const reported = await call(editor, 'POST', `${path}/reports`, { duty: 'initial_report', madeAt: '2026-12-01T13:45', reference: 'SH-CAC-0042' });
    expect(reported.status).toBe(200);
    const body = (await reported.json()) as Incident;
    expect(body.status).toBe('reported');
    expect(body.deadlines.find((deadline) => deadline.duty === 'initial_report')).toMatchObject({ overdue: false, made: { madeAtBeijing: '2026-12-01 13:45', late: false } });
    expect(((await (await call(editor, 'POST', `${path}/reports`, { duty: 'initial_report', madeAt: '2026-12-01T13:50' })).json()) as ErrorBody).error.code).toBe('already_recorded');

    expect((await call(owner, 'POST', `${path}/close`, { note: 'Contained.' })).status).toBe(200);
    const afterClose = await call(editor, 'PUT', `${path}/facts`, { facts: facts(), version: 4 });
    expect(afterClose.status).toBe(409);
    expect(((await afterClose.json()) as ErrorBody).error.code).toBe('incident_closed');

    const events = ((await (await call(owner, 'GET', `${path}/events`)).json()) as { events: Array<{ kind: string; by: { email: string }; at: string; detail: Record<string, unknown> }> }).events;
    expect(events.map((event) => [event.kind, event.by.email])).toEqual([['created', 'editor@example.com'], ['facts_changed', 'editor@example.com'], ['report_made', 'editor@example.com'], ['closed', 'owner@example.com']]);
    expect(events[1]!.detail).toEqual({ before: { facts: { piLeakedIndividuals: 1_200_000 } }, after: { facts: { piLeakedIndividuals: 12_000_000 } } });
    expect(events[2]!.detail).toMatchObject({ duty: 'initial_report', madeAt: '2026-12-01T05:45:00.000Z', reference: 'SH-CAC-0042', to: 'the provincial CAC where it is located' });
    const history = ((await (await call(owner, 'GET', `/api/engagements/${id}/history?entityId=${incident.id}`)).json()) as { entries: Array<{ action: string }> }).entries;
    expect(history.map((entry) => entry.action)).toEqual(['close_incident', 'record_incident_report', 'update_incident_facts', 'create_incident']);
  });

  it('downloads the prefilled initial report in English and Chinese, as Markdown and DOCX, with markup in the facts kept as text', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Report');
    const description = '<script>alert(1)</script> | **bold** [link](javascript:alert(1))\nsecond line';
    const incident = (await (await create(owner, id, { title: '<img src=x onerror=alert(1)>', facts: facts({ description, dataClasses: ['personal_information', 'important_data'], serviceDisruptionHours: 5 }) })).json()) as Incident;
    const path = `/api/engagements/${id}/incidents/${incident.id}/report`;

    const english = await call(owner, 'GET', `${path}?lang=en&format=md`);
    expect(english.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(english.headers.get('content-disposition')).toBe('attachment; filename="clock-incident-1-initial-report-en.md"');
    const markdown = await english.text();
    expect(markdown).toContain('Initial cybersecurity incident report');
    expect(markdown).toContain('| System affected | Web shop |');
    expect(markdown).toContain('| Data affected | personal information, important data |');
    expect(markdown).toContain('| Service disruption | 5 hours |');
    expect(markdown).toContain('2026-12-01 15:30');
    expect(markdown).not.toMatch(/(?<!\\)<(script|img)|\nsecond line|(?<!\\)\*\*bold/);
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\> \\| \\*\\*bold\\*\\*');

    const chinese = await (await call(owner, 'GET', `${path}?lang=zh-CN`)).text();
    expect(chinese).toContain('网络安全事件初次报告');
    expect(chinese).toContain('较大网络安全事件');
    expect(chinese).toContain('| 涉及的数据 | 个人信息、重要数据 |');
    expect(chinese).toContain('## 报告对象与时限');
    expect(chinese).toContain('| 初次报告 | 属地省级网信部门 | 2026-12-01 15:30 |');
    expect(chinese).toContain('《国家网络安全事件报告管理办法》第 4 条（cn.incident-reporting-measures-2025，自 2025-11-01 起施行）');
    expect(chinese).toContain('《个人信息保护法》第 57 条');
    expect(chinese).not.toMatch(/Art\. \d|, from \d/);
    // The grade's reasons and the limbs not evaluated come from the clock in the report's language.
    expect(chinese).toContain('低于人民币 1 亿元的直接经济损失');
    expect(chinese).not.toMatch(/citizens leaked|None of the criteria|Direct economic loss below/);
    expect(markdown).toContain('Direct economic loss below RMB 100 million');

    for (const [lang, expected] of [['en', 'Initial cybersecurity incident report'], ['zh-CN', '网络安全事件初次报告']] as const) {
      const docx = await call(owner, 'GET', `${path}?lang=${lang}&format=docx`);
      expect(docx.status).toBe(200);
      expect(docx.headers.get('content-disposition')).toBe(`attachment; filename="clock-incident-1-initial-report-${lang}.docx"`);
      const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string');
      expect(xml).toContain(expected);
      expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(xml).not.toMatch(/<script|<img/);
    }
    expect((await call(owner, 'GET', `${path}?lang=fr`)).status).toBe(400);
  });

  it('bounds what a description can do: over 5,000 characters is refused, and the report grows by a small multiple of it at most', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Bounds');
    const tooLong = await create(owner, id, { title: 'Too long', facts: facts({ description: 'x'.repeat(5001) }) });
    expect(((await tooLong.json()) as ErrorBody).error.problems!.map((problem) => problem.path)).toEqual(['facts.description']);
    const plain = (await (await create(owner, id, { title: 'Plain', facts: facts({ description: 'x' }) })).json()) as Incident;
    const hostile = (await (await create(owner, id, { title: 'Hostile', facts: facts({ description: '<|*_`\\'.repeat(833) }) })).json()) as Incident;
    const size = async (incident: Incident, format: string) => (await (await call(owner, 'GET', `/api/engagements/${id}/incidents/${incident.id}/report?format=${format}`)).arrayBuffer()).byteLength;
    expect(await size(hostile, 'md') - (await size(plain, 'md'))).toBeLessThan(2 * 5000);
    expect(await size(hostile, 'docx') - (await size(plain, 'docx'))).toBeLessThan(6 * 5000);
  });

  it('refuses writes on an archived engagement and describes every route in the OpenAPI document', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Archived');
    const incident = (await (await create(owner, id, { title: 'Before archiving', facts: facts() })).json()) as Incident;
    expect((await call(owner, 'POST', `/api/engagements/${id}/archive`)).status).toBe(200);
    expect((await create(owner, id, { title: 'After', facts: facts() })).status).toBe(409);
    expect((await call(owner, 'POST', `/api/engagements/${id}/incidents/${incident.id}/close`, {})).status).toBe(409);
    expect((await call(owner, 'GET', `/api/engagements/${id}/incidents/${incident.id}`)).status).toBe(200);

    const document = (await (await call(null, 'GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(Object.keys(document.paths).filter((path) => path.includes('/incidents')).sort()).toEqual([
      '/api/engagements/{id}/incidents', '/api/engagements/{id}/incidents/preview', '/api/engagements/{id}/incidents/{incidentId}', '/api/engagements/{id}/incidents/{incidentId}/close',
      '/api/engagements/{id}/incidents/{incidentId}/events', '/api/engagements/{id}/incidents/{incidentId}/facts', '/api/engagements/{id}/incidents/{incidentId}/report', '/api/engagements/{id}/incidents/{incidentId}/reports',
    ]);
    expect(Object.keys(document.components.schemas.Incident!.properties!)).toEqual(expect.arrayContaining(['assessment', 'deadlines', 'clock', 'facts', 'status', 'version']));
    expect(Object.keys(document.components.schemas.CreateIncident!.properties!)).toEqual(['title', 'facts']);
  });
});
