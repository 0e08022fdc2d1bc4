import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CBDT_MECHANISMS, assessmentSchema } from '../src/core/assess/assessment-schema.ts';
import { GAP_STATUSES } from '../src/core/controls/gap-analysis.ts';
import { profileGapsSchema } from '../src/core/controls/gap-report-schema.ts';
import { apiHarness } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(DATABASES)('API on $name', ({ options: makeOptions }) => {
  const { request, login, call } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['viewer@example.com', 'Vic'], ['stranger@example.com', 'Sam']]);

  it('logs in, creates an engagement from YAML, edits an item, re-assesses with the edit kept', async () => {
    const owner = await login('owner@example.com');
    const created = await call(owner, 'POST', '/api/engagements', { name: 'Example Motors', profile: automotiveYaml });
    expect(created.status).toBe(201);
    const engagement = (await created.json()) as Json;
    expect(engagement).toMatchObject({ role: 'owner', version: 1, profileVersion: 1 });
    expect(engagement.assessment.headline.transferRoute).toBe('standard_contract_or_certification');

    const annex = (await (await call(owner, 'GET', `/api/engagements/${engagement.id}/annex`)).json()) as Json;
    const route = annex.items.find((item: Json) => item.key === 'org.cbdt.route');
    const edited = await call(owner, 'PATCH', `/api/engagements/${engagement.id}/annex/items/${route.id}`, { status: 'confirmed', text: 'Standard contract, agreed 2026-11-20.', version: route.version });
    expect(edited.status).toBe(200);
    const stale = await call(owner, 'PATCH', `/api/engagements/${engagement.id}/annex/items/${route.id}`, { status: 'draft', version: route.version });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Json).error.code).toBe('stale_version');

    const added = await call(owner, 'POST', `/api/engagements/${engagement.id}/annex/items`, { section: 'register', category: 'infrastructure', title: 'Client prefers the Shanghai region', text: 'Stated at the kick-off; confirm latency to Beijing users.' });
    expect(added.status).toBe(201);
    const addedItem = (await added.json()) as Json;
    expect(addedItem.provenance).toBe('person');
    const changed = automotiveYaml.replace('nonSensitiveIndividuals: 120000', 'nonSensitiveIndividuals: 90000');
    expect(changed).not.toBe(automotiveYaml);
    const updated = await call(owner, 'PUT', `/api/engagements/${engagement.id}/profile`, { profile: changed, version: 1 });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as Json).version).toBe(2);
    const after = (await (await call(owner, 'GET', `/api/engagements/${engagement.id}/annex`)).json()) as Json;
    const kept = after.items.find((item: Json) => item.id === route.id);
    expect(kept).toMatchObject({ status: 'confirmed', statement: 'Standard contract, agreed 2026-11-20.' });
    expect(after.items.find((item: Json) => item.id === addedItem.id)).toMatchObject({ title: 'Client prefers the Shanghai region', superseded: false, version: 1 });
    expect((await call(owner, 'PUT', `/api/engagements/${engagement.id}/profile`, { profile: changed, version: 1 })).status).toBe(409);

    const md = await call(owner, 'GET', `/api/engagements/${engagement.id}/annex?format=md`);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const text = await md.text();
    expect(text).toContain('## Requirements register');
    expect(text).toContain('Standard contract, agreed 2026-11-20.');
    const html = await (await call(owner, 'GET', `/api/engagements/${engagement.id}/annex?format=html`)).text();
    expect(html.match(/<svg /g)).toHaveLength(3); // the current setup, the target and the data flows
    const xlsx = await call(owner, 'GET', `/api/engagements/${engagement.id}/annex?format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const docx = await call(owner, 'GET', `/api/engagements/${engagement.id}/annex?format=docx`);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const { default: JSZip } = await import('jszip');
    const documentXml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string');
    expect(documentXml).toContain('Standard contract, agreed 2026-11-20.');
    if (existsSync(CHROMIUM_PATH) || process.env.CI) {
      const pdf = await call(owner, 'GET', `/api/engagements/${engagement.id}/annex?format=pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const dated = (await (await call(owner, 'GET', `/api/engagements/${engagement.id}/assessment?asOf=2023-06-15`)).json()) as Json;
    expect(dated.organisation.cbdt.regime.id).toBe('cn.cbdt.assessment-measures-2022');
    // The prose in another language: the same determinations in Chinese; an unknown language is a 400 naming lang.
    const chinese = (await (await call(owner, 'GET', `/api/engagements/${engagement.id}/assessment?asOf=2023-06-15&lang=zh-CN`)).json()) as Json;
    expect(chinese.organisation.cbdt.regime.id).toBe('cn.cbdt.assessment-measures-2022');
    expect(chinese.organisation.cbdt.trace[0].step).toMatch(/[\u4e00-\u9fff]/);
    for (const refused of [
      await call(owner, 'GET', `/api/engagements/${engagement.id}/assessment?lang=fr`),
      await call(owner, 'POST', `/api/engagements/${engagement.id}/preview`, { profile: { organisation: { name: 'What-if Co' }, systems: [{ id: 'app' }] }, lang: 'fr' }),
    ]) {
      expect(refused.status).toBe(400);
      expect(JSON.stringify(((await refused.json()) as Json).error.problems)).toContain('lang');
    }
  });

  it('lists path-level problems with 422 for an invalid profile and keeps nothing', async () => {
    const owner = await login('owner@example.com');
    const before = ((await (await call(owner, 'GET', '/api/engagements')).json()) as Json).engagements.length;
    const response = await call(owner, 'POST', '/api/engagements', { name: 'Broken', profile: { organisation: { name: 'X' }, systems: [{ id: 'Bad Id', hosting: 'moon' }] } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as Json;
    expect(body.error.code).toBe('invalid_profile');
    expect(body.error.problems.map((problem: Json) => problem.path)).toEqual(expect.arrayContaining(['systems[0].id', 'systems[0].hosting']));
    expect(((await (await call(owner, 'GET', '/api/engagements')).json()) as Json).engagements.length).toBe(before);
  });

  it('enforces authentication, membership, roles and CSRF', async () => {
    const owner = await login('owner@example.com');
    const id = ((await (await call(owner, 'POST', '/api/engagements', { name: 'Roles', profile: automotiveYaml })).json()) as Json).id as string;
    expect((await call(null, 'GET', `/api/engagements/${id}`)).status).toBe(401);
    const stranger = await login('stranger@example.com');
    expect((await call(stranger, 'GET', `/api/engagements/${id}`)).status).toBe(404);
    expect((await call(owner, 'POST', `/api/engagements/${id}/members`, { email: 'viewer@example.com', role: 'viewer' })).status).toBe(200);
    const viewer = await login('viewer@example.com');
    expect((await call(viewer, 'GET', `/api/engagements/${id}/annex`)).status).toBe(200);
    const items = ((await (await call(viewer, 'GET', `/api/engagements/${id}/annex`)).json()) as Json).items;
    const denied = await call(viewer, 'PATCH', `/api/engagements/${id}/annex/items/${items[0].id}`, { status: 'confirmed', version: items[0].version });
    expect(denied.status).toBe(403);
    expect((await call(viewer, 'POST', `/api/engagements/${id}/members`, { email: 'stranger@example.com', role: 'owner' })).status).toBe(403);
    const noCsrf = await request(`/api/engagements/${id}/annex/items/${items[0].id}`, { method: 'PATCH', headers: { cookie: owner.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'confirmed', version: items[0].version }) });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as Json).error.code).toBe('csrf');
  });

  it('accepts an API token instead of a session, without CSRF', async () => {
    const owner = await login('owner@example.com');
    const token = ((await (await call(owner, 'POST', '/api/tokens', { name: 'ci' })).json()) as Json).token as string;
    const list = await request('/api/engagements', { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    const created = await request('/api/engagements', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Via token', profile: automotiveYaml }) });
    expect(created.status).toBe(201);
    expect((await request('/api/engagements', { headers: { authorization: 'Bearer lf_wrong' } })).status).toBe(401);
  });

  it('refuses bad logins, oversized and malformed bodies, and sets security headers', async () => {
    const bad = await request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@example.com', password: 'nope' }) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('x-content-type-options')).toBe('nosniff');
    expect(bad.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const owner = await login('owner@example.com');
    const huge = await call(owner, 'POST', '/api/engagements', { name: 'Huge', profile: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const malformed = await request('/api/engagements', { method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' }, body: '{not json' });
    expect(malformed.status).toBe(400);
    const wrongShape = await call(owner, 'POST', '/api/engagements', { profile: {} });
    expect(wrongShape.status).toBe(400);
    expect(((await wrongShape.json()) as Json).error.problems[0].path).toBe('name');
  });

  it('publishes an OpenAPI document with the contract routes', async () => {
    const document = (await (await request('/api/openapi.json')).json()) as Json;
    expect(document.openapi).toBe('3.1.0');
    for (const path of ['/api/session', '/api/tokens', '/api/engagements', '/api/engagements/{id}', '/api/engagements/{id}/profile', '/api/engagements/{id}/assessment', '/api/engagements/{id}/annex', '/api/engagements/{id}/annex/items/{itemId}', '/api/engagements/{id}/members',
      '/api/engagements/{id}/members/{userId}', '/api/engagements/{id}/invitations/{invitationId}', '/api/engagements/{id}/archive', '/api/engagements/{id}/restore', '/api/users']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });

  it('describes the assessment and the gap register by their real schemas, and what is returned matches them', async () => {
    const document = (await (await request('/api/openapi.json')).json()) as Json;
    const reference = { $ref: '#/components/schemas/Assessment' };
    expect(document.paths['/api/engagements/{id}/assessment'].get.responses['200'].content['application/json'].schema).toEqual(reference);
    expect(document.paths['/api/engagements/{id}/preview'].post.responses['200'].content['application/json'].schema).toEqual(reference);
    const assessment = document.components.schemas.Assessment;
    expect(assessment.required).toEqual(expect.arrayContaining(['schemaVersion', 'asOf', 'organisation', 'systems', 'timeline', 'exposure', 'needsLegalReview']));
    expect(assessment.properties.organisation.properties.cbdt.properties.mechanism.enum).toEqual([...CBDT_MECHANISMS]);
    const owner = await login('owner@example.com');
    const created = await call(owner, 'POST', '/api/engagements', { name: 'Schema check', profile: { organisation: { name: 'Schema Co' }, systems: [{ id: 'app', hosting: 'overseas' }] } });
    const { id } = (await created.json()) as Json;
    const returned = await (await call(owner, 'GET', `/api/engagements/${id}/assessment`)).json();
    expect(assessmentSchema.safeParse(returned).success).toBe(true);
    const gaps = document.paths['/api/engagements/{id}/gaps'].get.responses['200'].content['application/json'].schema;
    expect(gaps).toEqual({ $ref: '#/components/schemas/ProfileGaps' });
    expect(document.components.schemas.ProfileGaps.properties.systems.items.properties.items.items.properties.status.enum).toEqual([...GAP_STATUSES]);
    const register = await (await call(owner, 'GET', `/api/engagements/${id}/gaps`)).json();
    expect(profileGapsSchema.safeParse(register).success).toBe(true);
  });
});
