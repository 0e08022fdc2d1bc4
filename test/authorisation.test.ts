import { readFileSync } from 'node:fs';
import { appContext } from '../src/app/context.ts';
import { createEngagement } from '../src/app/engagements.ts';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortfolioReviewWorker } from '../src/jobs/portfolio-review.ts';
import { createApp } from '../src/server/app.ts';
import { ReviewStore } from '../src/store/review-store.ts';
import { AuthStore, hashPassword } from '../src/store/auth-store.ts';
import { openDatabase, type Database } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { incidentFactsSchema } from '../src/core/incident/incident-record.ts';
import { migratedPglite } from './db-helpers.ts';
import { book } from './helpers.ts';

const CALLERS = ['anonymous', 'non-member', 'viewer', 'editor', 'owner', 'admin'] as const;
/** Routes that archive, restore or delete something run against an engagement of their own, made fresh per call. */
const ON_SCRATCH = new Set(['DELETE /api/engagements/:id/members/:userId', 'DELETE /api/engagements/:id/invitations/:invitationId', 'POST /api/engagements/:id/archive', 'POST /api/engagements/:id/restore', 'DELETE /api/engagements/:id']);
type Caller = (typeof CALLERS)[number];

/** The authorisation table of docs/SECURITY.md: the specification this test checks cell by cell. */
function table(): Array<{ method: string; route: string; expected: Record<Caller, number> }> {
  const text = readFileSync(join(import.meta.dirname, '..', 'docs', 'SECURITY.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) \//.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
      const [method, route] = cells[0]!.split(' ') as [string, string];
      return { method, route, expected: Object.fromEntries(CALLERS.map((caller, index) => [caller, Number(cells[index + 1])])) as Record<Caller, number> };
    });
}

const PASSWORD = 'table test passphrase';
const automotive = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');

describe('authorisation table (docs/SECURITY.md)', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let engagementId: string;
  /** A portfolio review the owner started. */
  let runId: string;
  let worker: PortfolioReviewWorker;
  let store: WorkspaceStore;
  let auth: AuthStore;
  let hash: string;
  const ids = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  const profile = { organisation: { name: 'Table Co' }, systems: [{ id: 'app', hosting: 'mainland' }] };
  let created = 0;
  const rows = table();

  beforeAll(async () => {
    db = await openDatabase(migratedPglite());
    await migrate(db);
    store = new WorkspaceStore(db, book);
    auth = new AuthStore(db);
    hash = await hashPassword(PASSWORD);
    for (const caller of ['non-member', 'viewer', 'editor', 'owner', 'admin'] as const) {
      ids[caller] = await store.createUser(`${caller}@example.com`, caller, hash, { isAdmin: caller === 'admin' });
      tokens[caller] = (await auth.createToken(ids[caller], 'table')).token;
    }
    engagementId = await scratchEngagement('Table');
    // A logo, so its route has something to serve.
    await store.branding.set(ids.admin, { consultancy: 'Table Advisory', logoPng: await sharp({ create: { width: 4, height: 2, channels: 3, background: '#0f3d5e' } }).png().toBuffer() });
    const reviews = new ReviewStore(db);
    runId = (await reviews.createRun(ids.owner, { axis: 'date', from: '2023-06-15', to: '2026-11-22', afterContent: book.contentVersion })).id;
    worker = new PortfolioReviewWorker({ store: reviews, lawBook: book });
    await worker.drain();
    app = createApp({ store, auth, today: () => '2026-11-22', secureCookies: false, reviews: { store: reviews, worker, contentVersion: book.contentVersion }, now: () => Date.parse('2026-11-22T12:00:00Z') });
  });

  /** An engagement with the table's owner, editor and viewer. */
  async function scratchEngagement(name: string): Promise<string> {
    const id = await createEngagement(appContext(store, { today: () => '2026-11-22' }), { userId: ids.owner, name: name, input: profile, sourceText: null });
    await store.setMember(id, ids.owner, 'viewer@example.com', 'viewer');
    await store.setMember(id, ids.owner, 'editor@example.com', 'editor');
    return id;
  }
  afterAll(async () => {
    await worker.stop();
    await db.close();
  });

  it('has a row for every route of the contract', () => {
    expect(rows.map((row) => `${row.method} ${row.route}`)).toEqual(expect.arrayContaining([
      'GET /api/engagements', 'POST /api/engagements', 'GET /api/engagements/:id', 'PUT /api/engagements/:id/profile', 'GET /api/engagements/:id/assessment',
      'GET /api/engagements/:id/annex', 'PATCH /api/engagements/:id/annex/items/:itemId', 'POST /api/engagements/:id/members', 'POST /api/tokens',
      'DELETE /api/engagements/:id/members/:userId', 'POST /api/engagements/:id/archive', 'POST /api/engagements/:id/restore', 'DELETE /api/engagements/:id', 'POST /api/users', 'GET /api/users',
      'POST /api/session/password', 'GET /api/tokens', 'DELETE /api/tokens/:tokenId',
    ]));
  });

  it('has a row for every route the OpenAPI document describes', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    // Logging in is the one route everyone may call, with credentials rather than a role.
    expect(rows.map((row) => `${row.method} ${row.route}`)).toEqual(expect.arrayContaining(described.filter((route) => route !== 'POST /api/session')));
  });

  /** A valid request for the route, built fresh so versions are current. */
  async function request(method: string, route: string, caller: Caller): Promise<Response> {
    const key = `${method} ${route}`;
    const id = ON_SCRATCH.has(key) ? await scratchEngagement(`Scratch ${(created += 1)}`) : engagementId;
    if (key === 'POST /api/engagements/:id/restore' || key === 'DELETE /api/engagements/:id') await store.memberships.archive(id, ids.owner);
    // A calendar feed is made fresh for each cell that reads or revokes one (editors and owners rotate it in other cells).
    const feedFile = key === 'GET /api/calendar-feeds/:file' ? `${(await store.calendarFeeds.create(id, ids.owner)).token}.ics` : '';
    if (key === 'DELETE /api/engagements/:id/calendar-feed') await store.calendarFeeds.create(id, ids.owner);
    const invitation = key === 'DELETE /api/engagements/:id/invitations/:invitationId' ? await store.memberships.invite(id, ids.owner, 'invited@example.com', 'viewer') : null;
    const owner = { authorization: `Bearer ${tokens.owner}` };
    const engagement = (await (await app.request(`/api/engagements/${id}`, { headers: owner })).json()) as { name: string; version: number };
    const items = ((await (await app.request(`/api/engagements/${id}/annex`, { headers: owner })).json()) as { items: Array<{ id: string; version: number }> }).items;
    // Each caller revokes a token of their own, made for the cell.
    // Each cell on an incident of its own, so one caller's closing leaves the next caller an open one.
    const incidentFacts = { discoveredAt: '2026-11-20T10:00', piLeakedIndividuals: 1_200_000 };
    const incident = route.includes(':incidentId') ? await store.incidents.create(id, ids.owner, { title: 'Table incident', facts: incidentFactsSchema.parse(incidentFacts) }) : null;
    const ownToken = route.includes(':tokenId') && caller !== 'anonymous' ? (await auth.createToken(ids[caller], 'to revoke')).id : '00000000-0000-4000-8000-000000000000';
    const path = route
      .replace(':id', id).replace(':itemId', items[0]!.id).replace(':diagram', 'topology').replace(':userId', ids.viewer)
      .replace(':invitationId', invitation?.outcome === 'invited' ? invitation.invitation.id : '').replace(':tokenId', ownToken)
      .replace(':runId', runId).replace(':engagementId', engagementId).replace(':incidentId', incident?.id ?? '').replace(':file', feedFile).replace(':kind', 'mlps-grading').replace(':locale', 'zh-CN');
    const bodies: Record<string, unknown> = {
      'POST /api/engagements': { name: 'Created in the table test', profile: automotive },
      'POST /api/tokens': { name: 'table' },
      'POST /api/session/password': { currentPassword: PASSWORD, newPassword: 'a changed table passphrase' },
      'PUT /api/engagements/:id/profile': { profile, version: engagement.version },
      'PATCH /api/engagements/:id/annex/items/:itemId': { status: 'in_progress', version: items[0]!.version },
      'POST /api/engagements/:id/annex/items': { section: 'guardrail', title: 'Added in the table test', text: 'A rule the client set.' },
      'PUT /api/engagements/:id/annex/state': { state: 'Under review' },
      'PUT /api/engagements/:id/language': { language: 'zh-CN' },
      'POST /api/engagements/:id/members': { email: 'non-member@example.com', role: 'viewer' },
      'POST /api/engagements/:id/preview': { profile: { organisation: { name: 'What-if Co' }, systems: [{ id: 'app', hosting: 'overseas' }] } },
      'DELETE /api/engagements/:id': { name: engagement.name },
      'POST /api/reviews': { axis: 'date', from: '2023-06-15', to: '2026-11-22' },
      'PUT /api/settings/branding': { consultancy: 'Table Advisory' },
      'PUT /api/engagements/:id/calendar/anchors': { goLive: '2027-03-01' },
      'POST /api/engagements/:id/incidents': { title: 'Made in the table test', facts: incidentFacts },
      'POST /api/engagements/:id/incidents/preview': { facts: incidentFacts },
      'PUT /api/engagements/:id/incidents/:incidentId/facts': { facts: { ...incidentFacts, piLeakedIndividuals: 10 }, version: 1 },
      'POST /api/engagements/:id/incidents/:incidentId/reports': { duty: 'initial_report', madeAt: '2026-11-20T12:00' },
      'POST /api/engagements/:id/incidents/:incidentId/close': {},
      'POST /api/users': { email: `account-${(created += 1)}@example.com`, name: 'Made in the table test' },
    };
    const body = bodies[key];
    const headers: Record<string, string> = caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` };
    // A filing template is sent as the DOCX itself.
    if (key === 'PUT /api/settings/filing-templates/:locale') {
      headers['content-type'] = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      return app.request(path, { method, headers, body: Buffer.from(await filingTemplate()) });
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    return app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  }

  let template: Promise<Uint8Array> | undefined;
  const filingTemplate = () =>
    (template ??= Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('Table Advisory')] }), new Paragraph({ children: [new TextRun('{{filing}}')] })] }] })).then((buffer) => new Uint8Array(buffer)));

  for (const row of table()) {
    for (const caller of CALLERS) {
      it(`${row.method} ${row.route} as ${caller} → ${row.expected[caller]}`, async () => {
        const response = await request(row.method, row.route, caller);
        expect(response.status).toBe(row.expected[caller]);
        if (row.route === '/api/engagements/:id/members' && caller === 'owner') {
          // Undo, so the non-member column stays a non-member for the cells that follow.
          await db.query("delete from invitations where email = 'non-member@example.com'");
        }
        if (row.route === '/api/session/password' && caller !== 'anonymous') await db.query('update users set password_hash = $1 where id = $2', [hash, ids[caller]]);
      });
    }
  }
});
