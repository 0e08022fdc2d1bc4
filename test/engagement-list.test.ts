// The engagement list: a page at a time by cursor, newest first; a walk neither repeats nor skips
// an engagement when others are created meanwhile; archived engagements are listed apart; each
// caller sees only the engagements they are a member of, whatever cursor they send; the headline
// is the stored column, backfilled by its migration from the latest assessment.
import { describe, expect, it } from 'vitest';
import { engineText } from '../src/i18n/messages.ts';
import { openDatabase } from '../src/store/database.ts';
import { bundledMigrations, migrate } from '../src/store/migrate.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { headlineOf } from '../src/store/workspace-store.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';
import { book, profile, system } from './helpers.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(DATABASES)('engagement list on $name', ({ options: makeOptions, fresh }) => {
  const { login, call } = apiHarness(makeOptions, [['lena@example.com', 'Lena'], ['max@example.com', 'Max'], ['vera@example.com', 'Vera']]);
  const json = async (response: Response) => (await response.json()) as Json;

  const create = async (session: Session, name: string) => {
    const response = await call(session, 'POST', '/api/engagements', { name, profile: profile({ organisation: { name } }) });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await json(response)).id as string;
  };

  /** Every page from the first, following nextCursor. */
  const walk = async (session: Session, query = '') => {
    const pages: Json[][] = [];
    let cursor: string | null = null;
    do {
      const response = await call(session, 'GET', `/api/engagements?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      const body = await json(response);
      pages.push(body.engagements as Json[]);
      cursor = body.nextCursor as string | null;
    } while (cursor != null && pages.length < 50);
    return pages;
  };

  it('pages newest first by cursor, each engagement once, the last page without a cursor', async () => {
    const lena = await login('lena@example.com');
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push(await create(lena, `Paged ${index}`));
    const pages = await walk(lena);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((row) => row.id)).toEqual([...ids].reverse());
    const all = await json(await call(lena, 'GET', '/api/engagements'));
    expect(all.engagements.map((row: Json) => row.id)).toEqual([...ids].reverse());
    expect(all.nextCursor).toBeNull();
    // The headline is the one of the engagement's assessment.
    const first = all.engagements.at(-1) as Json;
    expect(first.headline).toMatchObject({ organisation: 'Paged 0', systems: 1, highestMlps: 2, asOf: '2026-11-22' });
  });

  it('keeps a walk whole while engagements are created and updated under it', async () => {
    const max = await login('max@example.com');
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push(await create(max, `Stable ${index}`));
    const first = await json(await call(max, 'GET', '/api/engagements?limit=2'));
    expect(first.engagements.map((row: Json) => row.id)).toEqual([ids[4], ids[3]]);
    // Two new engagements, created after the first page was read, go before it, not into the next pages.
    const added = [await create(max, 'Stable new 1'), await create(max, 'Stable new 2')];
    const rest: string[] = [];
    let cursor = first.nextCursor as string | null;
    while (cursor) {
      const page = await json(await call(max, 'GET', `/api/engagements?limit=2&cursor=${encodeURIComponent(cursor)}`));
      rest.push(...page.engagements.map((row: Json) => row.id as string));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual([ids[2], ids[1], ids[0]]);
    const fresh = await json(await call(max, 'GET', '/api/engagements?limit=2'));
    expect(fresh.engagements.map((row: Json) => row.id)).toEqual([...added].reverse());

    // A re-assessed engagement moves to the front with its new headline.
    const current = await json(await call(max, 'GET', `/api/engagements/${ids[0]}`));
    const updated = await call(max, 'PUT', `/api/engagements/${ids[0]}/profile`, {
      version: current.version,
      profile: profile({ organisation: { name: 'Stable 0, renamed' }, systems: [system(), system({ id: 'portal', name: 'Portal' })] }),
    });
    expect(updated.status, await updated.clone().text()).toBe(200);
    const front = (await json(await call(max, 'GET', '/api/engagements?limit=1'))).engagements[0] as Json;
    expect(front.id).toBe(ids[0]);
    expect(front.headline.organisation).toBe('Stable 0, renamed');
    expect(front.headline.systems).toBe(2);
  });

  it('lists archived engagements apart, paged the same way', async () => {
    const vera = await login('vera@example.com');
    const ids: string[] = [];
    for (let index = 0; index < 4; index += 1) ids.push(await create(vera, `Archive ${index}`));
    for (const id of [ids[0], ids[2]]) expect((await call(vera, 'POST', `/api/engagements/${id}/archive`)).status).toBe(200);
    expect((await walk(vera)).flat().map((row) => row.id)).toEqual([ids[3], ids[1]]);
    const archived = await walk(vera, '&archived=true');
    expect(archived.flat().map((row) => row.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(archived.flat().every((row) => row.archivedAt != null)).toBe(true);
  });

  it('shows each caller only their own engagements, with their role, whatever cursor they send', async () => {
    const lena = await login('lena@example.com');
    const max = await login('max@example.com');
    const shared = await create(lena, 'Shared with Max');
    expect((await call(lena, 'POST', `/api/engagements/${shared}/members`, { email: 'max@example.com', role: 'viewer' })).status).toBe(200);
    const maxAgain = await login('max@example.com'); // the invitation becomes a membership at login
    const lenaIds = new Set((await walk(lena)).flat().map((row) => row.id));
    const maxRows = (await walk(maxAgain)).flat();
    expect(maxRows.find((row) => row.id === shared)?.role).toBe('viewer');
    expect(maxRows.filter((row) => lenaIds.has(row.id)).map((row) => row.id)).toEqual([shared]);
    // Lena's cursor in Max's hands is only a position: it yields Max's engagements older than it.
    const lenaPage = await json(await call(lena, 'GET', '/api/engagements?limit=1'));
    const fromLenaCursor = await json(await call(max, 'GET', `/api/engagements?limit=200&cursor=${encodeURIComponent(lenaPage.nextCursor)}`));
    expect(fromLenaCursor.engagements.every((row: Json) => !lenaIds.has(row.id) || row.id === shared)).toBe(true);
  });

  it('refuses a cursor it did not give out and a page size out of range, with the path', async () => {
    const lena = await login('lena@example.com');
    for (const query of ['cursor=nonsense', `cursor=${Buffer.from('2026-01-01T00:00:00.000000Z|not-a-uuid').toString('base64url')}`, 'limit=0', 'limit=201', 'limit=ten']) {
      const response = await call(lena, 'GET', `/api/engagements?${query}`);
      expect(response.status, query).toBe(400);
      const problems = (await json(response)).error.problems as Json[];
      expect(problems.map((problem) => problem.path), query).toContain(query.split('=')[0]);
    }
  });

  it('backfills the headline of engagements made before the column', async () => {
    const options = fresh();
    const db = await openDatabase(options);
    try {
      await migrate(db, bundledMigrations().filter((migration) => migration.id < '0007'));
      const input = profile({ organisation: { name: 'Before the column' } });
      const assessment = assessProfile(book, input, '2026-11-22', engineText());
      const user = (await db.query<{ id: string }>("insert into users (email, name, password_hash) values ('old@example.com', 'Old', 'x') returning id")).rows[0]!.id;
      const engagement = (await db.query<{ id: string }>("insert into engagements (name, client, created_by) values ('Old', 'Before the column', $1) returning id", [user])).rows[0]!.id;
      const version = (await db.query<{ id: string }>('insert into profile_versions (engagement_id, number, profile) values ($1, 1, $2) returning id', [engagement, JSON.stringify(input)])).rows[0]!.id;
      await db.query("insert into assessments (engagement_id, profile_version_id, as_of, content_version, engine_version, result) values ($1, $2, '2026-11-22', 'c', 'e', $3)", [engagement, version, JSON.stringify(assessment)]);
      await migrate(db);
      const { rows } = await db.query<{ headline: unknown; revision: string }>('select headline, revision from engagements where id = $1', [engagement]);
      expect(rows[0]!.headline).toEqual(headlineOf(assessment));
      expect(Number(rows[0]!.revision)).toBe(1);
    } finally {
      await dropSchema(db, options);
    }
  });
});
