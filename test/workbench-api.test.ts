// The routes the web workbench needs beyond the contract: the current session, examples,
// what-if previews, history, invitations and new accounts, the gap register, diagrams, and the
// serving of the built workbench itself.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { serveWorkbench } from '../src/server/workbench.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(DATABASES)('workbench routes on $name', ({ options: makeOptions }) => {
  const { request, login, call } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['viewer@example.com', 'Vic'], ['admin@example.com', 'Ada', { isAdmin: true }]]);
  const created = async (session: Session) => ((await (await call(session, 'POST', '/api/engagements', { name: 'Workbench', profile: automotiveYaml })).json()) as Json).id as string;

  it('gives the workbench its user and CSRF token after a reload, and nothing without a session', async () => {
    const owner = await login('owner@example.com');
    const response = await request('/api/session', { headers: { cookie: owner.cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { email: 'owner@example.com', name: 'Olga' }, csrfToken: owner.csrf });
    expect((await request('/api/session')).status).toBe(401);
  });

  it('lists engagements with the headline of their latest assessment', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    await call(owner, 'PUT', `/api/engagements/${id}/profile`, { profile: automotiveYaml.replace('nonSensitiveIndividuals: 120000', 'nonSensitiveIndividuals: 1200000'), version: 1 });
    const listed = (((await (await call(owner, 'GET', '/api/engagements')).json()) as Json).engagements as Json[]).find((engagement) => engagement.id === id)!;
    expect(listed.headline).toEqual({ organisation: 'Example Motors GmbH', asOf: '2026-11-22', transferRoute: 'security_assessment', cii: 'not_indicated', systems: 3, highestMlps: 3, needsLegalReview: true });
  });

  it('lists the examples with their text', async () => {
    const owner = await login('owner@example.com');
    const examples = ((await (await call(owner, 'GET', '/api/examples')).json()) as Json).examples as Json[];
    expect(examples.map((example) => example.id)).toContain('automotive-oem');
    const automotive = examples.find((example) => example.id === 'automotive-oem')!;
    expect(automotive.text).toBe(automotiveYaml);
    expect(automotive.sectors).toContain('automotive');
    expect(automotive).not.toHaveProperty('value');
  });

  it('previews a what-if without storing anything, and lists problems for an invalid draft', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    const historyBefore = ((await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as Json).entries.length;
    const small = automotiveYaml.replace('nonSensitiveIndividuals: 120000', 'nonSensitiveIndividuals: 1000').replace(/nonSensitiveIndividuals: 300000/g, 'nonSensitiveIndividuals: 1000');
    const saved = (await (await call(owner, 'GET', `/api/engagements/${id}/assessment`)).json()) as Json;
    const bigger = automotiveYaml.replace('nonSensitiveIndividuals: 120000', 'nonSensitiveIndividuals: 1200000');
    const preview = await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: bigger });
    expect(preview.status).toBe(200);
    const what = (await preview.json()) as Json;
    expect(saved.organisation.cbdt.mechanism).toBe('standard_contract_or_certification');
    expect(what.organisation.cbdt.mechanism).toBe('security_assessment');
    expect(small).not.toBe(automotiveYaml);
    const dated = (await (await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: automotiveYaml, asOf: '2023-06-15' })).json()) as Json;
    expect(dated.asOf).toBe('2023-06-15');
    expect(dated.organisation.cbdt.regime.id).toBe('cn.cbdt.assessment-measures-2022');

    const engagement = (await (await call(owner, 'GET', `/api/engagements/${id}`)).json()) as Json;
    expect(engagement).toMatchObject({ version: 1, profileVersion: 1 });
    expect(((await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as Json).entries).toHaveLength(historyBefore);

    const invalid = await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: { organisation: { name: 'X' }, transfers: [{ id: 't', nonSensitiveIndividuals: -5 }] } });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as Json).error.problems.map((problem: Json) => problem.path)).toContain('transfers[0].nonSensitiveIndividuals');
    const badDate = await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: automotiveYaml, asOf: '2023-13-45x' });
    expect(badDate.status).toBe(400);
  });

  it('keeps the history of an item with who changed what', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    const annex = (await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as Json;
    const item = annex.items.find((candidate: Json) => candidate.key === 'org.cbdt.route');
    await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${item.id}`, { status: 'confirmed', version: item.version });
    const entries = ((await (await call(owner, 'GET', `/api/engagements/${id}/history?entityId=${item.id}`)).json()) as Json).entries as Json[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'edit', entity: 'annex_item', entityId: item.id, by: { email: 'owner@example.com', name: 'Olga' } });
    expect(entries[0]!.before.status).toBe(item.status);
    expect(entries[0]!.after.status).toBe('confirmed');
    const all = ((await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as Json).entries as Json[];
    expect(all[0]!.action).toBe('edit');
    expect(all.at(-1)!.action).toBe('create');
  });

  it('shows what a profile save changed, answer by answer, from the stored versions', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    const changed = automotiveYaml.replace('nonSensitiveIndividuals: 120000', 'nonSensitiveIndividuals: 1200000');
    expect(changed).not.toBe(automotiveYaml);
    expect((await call(owner, 'PUT', `/api/engagements/${id}/profile`, { profile: changed, version: 1 })).status).toBe(200);
    const entries = ((await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as Json).entries as Json[];
    const save = entries.find((entry) => entry.action === 'update_profile')!;
    expect(save.profileChanges).toEqual({ total: 1, changes: [{ path: 'transfers[0].nonSensitiveIndividuals', subject: 'crm-sync', before: 120000, after: 1200000 }] });
    // The first version has nothing before it.
    expect(entries.find((entry) => entry.action === 'create')!.profileChanges).toBeUndefined();
  });

  it('invites a new person, whose account an administrator creates, and the invitation becomes a membership at login', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    const invited = (await (await call(owner, 'POST', `/api/engagements/${id}/members`, { email: 'Client@Example.com', role: 'viewer' })).json()) as Json;
    expect(invited).toMatchObject({ outcome: 'invited', invitation: { email: 'client@example.com', role: 'viewer', invitedBy: { email: 'owner@example.com' } } });
    const admin = await login('admin@example.com');
    const account = await call(admin, 'POST', '/api/users', { email: 'client@example.com', name: 'Chen' });
    expect(account.status).toBe(201);
    const { oneTimePassword } = (await account.json()) as Json;
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await call(admin, 'POST', '/api/users', { email: 'client@example.com', name: 'Chen again' })).status).toBe(409);
    const client = await login('client@example.com', oneTimePassword);
    // A one-time password opens nothing until the client chooses their own.
    expect((await call(client, 'GET', `/api/engagements/${id}`)).status).toBe(403);
    expect((await call(client, 'POST', '/api/session/password', { currentPassword: oneTimePassword, newPassword: 'chosen by the client' })).status).toBe(200);
    expect((await call(client, 'GET', `/api/engagements/${id}`)).status).toBe(200);
    const listed = (await (await call(client, 'GET', `/api/engagements/${id}/members`)).json()) as Json;
    expect(listed.members.map((member: Json) => [member.email, member.role])).toEqual([['owner@example.com', 'owner'], ['client@example.com', 'viewer']]);
    expect(listed.invitations).toEqual([]);
    const changed = (await (await call(owner, 'POST', `/api/engagements/${id}/members`, { email: 'client@example.com', role: 'editor' })).json()) as Json;
    expect(changed).toMatchObject({ outcome: 'role_changed', member: { email: 'client@example.com', name: 'Chen', role: 'editor' } });
  });

  it('serves the gap register and the diagrams the annex exports', async () => {
    const owner = await login('owner@example.com');
    const id = await created(owner);
    const gaps = (await (await call(owner, 'GET', `/api/engagements/${id}/gaps`)).json()) as Json;
    expect(gaps.systems.length).toBeGreaterThan(0);
    expect(gaps.systems[0].items.length).toBeGreaterThan(100);
    const one = (await (await call(owner, 'GET', `/api/engagements/${id}/gaps?system=telematics`)).json()) as Json;
    expect(one.systems.map((system: Json) => system.systemId)).toEqual(['telematics']);
    const unknown = await call(owner, 'GET', `/api/engagements/${id}/gaps?system=nope`);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as Json).error.problems[0].path).toBe('--system');

    const svg = await call(owner, 'GET', `/api/engagements/${id}/annex/diagrams/data_flow`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const html = await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=html`)).text();
    expect(html).toContain(await svg.text());
    expect((await call(owner, 'GET', `/api/engagements/${id}/annex/diagrams/other`)).status).toBe(400);
  });

  it('answers unknown API paths with a JSON 404, not the workbench page', async () => {
    const owner = await login('owner@example.com');
    const response = await call(owner, 'GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(((await response.json()) as Json).error.code).toBe('not_found');
  });
});

describe('serving the built workbench', () => {
  it('serves index.html for app paths, hashed assets with long caching, a missing asset as 404, and says when it is not built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'landfall-web-'));
    const built = new Hono();
    serveWorkbench(built, dir);
    const missing = await built.request('/e/123/annex');
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('npm run build:web');

    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Landfall</title><div id="app"></div>');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const page = await built.request('/e/123/annex');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const asset = await built.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // A chunk of an older build is a 404 that nothing caches, not index.html cached for a year.
    const gone = await built.request('/assets/index-old999.js');
    expect(gone.status).toBe(404);
    expect(await gone.text()).not.toContain('<div id="app">');
    expect(gone.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd']) {
      expect(await (await built.request(path)).text()).not.toContain('root:');
    }
  });
});
