import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { AuthStore, hashPassword } from '../src/store/auth-store.ts';
import { openDatabase, type Database } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { book } from './helpers.ts';

const CALLERS = ['anonymous', 'non-member', 'viewer', 'editor', 'owner'] as const;
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

const automotive = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');

describe('authorisation table (docs/SECURITY.md)', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let engagementId: string;
  const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  const rows = table();

  beforeAll(async () => {
    db = await openDatabase();
    await migrate(db);
    const store = new WorkspaceStore(db, book);
    const auth = new AuthStore(db);
    const hash = await hashPassword('table test passphrase');
    const ids = {} as Record<Exclude<Caller, 'anonymous'>, string>;
    for (const caller of ['non-member', 'viewer', 'editor', 'owner'] as const) {
      ids[caller] = await store.createUser(`${caller}@example.com`, caller, hash);
      tokens[caller] = (await auth.createToken(ids[caller], 'table')).token;
    }
    engagementId = await store.createEngagement(ids.owner, 'Table', { organisation: { name: 'Table Co' }, systems: [{ id: 'app', hosting: 'mainland' }] }, null, '2026-11-22');
    await store.setMember(engagementId, ids.owner, 'viewer@example.com', 'viewer');
    await store.setMember(engagementId, ids.owner, 'editor@example.com', 'editor');
    app = createApp({ store, auth, today: () => '2026-11-22', secureCookies: false });
  });
  afterAll(async () => db.close());

  it('has a row for every route of the contract', () => {
    expect(rows.map((row) => `${row.method} ${row.route}`)).toEqual(expect.arrayContaining([
      'GET /api/engagements', 'POST /api/engagements', 'GET /api/engagements/:id', 'PUT /api/engagements/:id/profile', 'GET /api/engagements/:id/assessment',
      'GET /api/engagements/:id/annex', 'PATCH /api/engagements/:id/annex/items/:itemId', 'POST /api/engagements/:id/members', 'POST /api/tokens',
    ]));
  });

  /** A valid request for the route, built fresh so versions are current. */
  async function request(method: string, route: string, caller: Caller): Promise<Response> {
    const owner = { authorization: `Bearer ${tokens.owner}` };
    const engagement = (await (await app.request(`/api/engagements/${engagementId}`, { headers: owner })).json()) as { version: number };
    const items = ((await (await app.request(`/api/engagements/${engagementId}/annex`, { headers: owner })).json()) as { items: Array<{ id: string; version: number }> }).items;
    const path = route.replace(':id', engagementId).replace(':itemId', items[0]!.id).replace(':diagram', 'topology');
    const bodies: Record<string, unknown> = {
      'POST /api/engagements': { name: 'Created in the table test', profile: automotive },
      'POST /api/tokens': { name: 'table' },
      'PUT /api/engagements/:id/profile': { profile: { organisation: { name: 'Table Co' }, systems: [{ id: 'app', hosting: 'mainland' }] }, version: engagement.version },
      'PATCH /api/engagements/:id/annex/items/:itemId': { status: 'in_progress', version: items[0]!.version },
      'POST /api/engagements/:id/annex/items': { section: 'guardrail', title: 'Added in the table test', text: 'A rule the client set.' },
      'POST /api/engagements/:id/members': { email: 'non-member@example.com', role: 'viewer' },
      'POST /api/engagements/:id/preview': { profile: { organisation: { name: 'What-if Co' }, systems: [{ id: 'app', hosting: 'overseas' }] } },
    };
    const body = bodies[`${method} ${route}`];
    const headers: Record<string, string> = caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  }

  for (const row of table()) {
    for (const caller of CALLERS) {
      it(`${row.method} ${row.route} as ${caller} → ${row.expected[caller]}`, async () => {
        const response = await request(row.method, row.route, caller);
        expect(response.status).toBe(row.expected[caller]);
        if (row.route === '/api/engagements/:id/members' && caller === 'owner') {
          // Undo, so the non-member column stays a non-member for the cells that follow.
          await db.query("delete from memberships where user_id = (select id from users where email = 'non-member@example.com')");
        }
      });
    }
  }
});
