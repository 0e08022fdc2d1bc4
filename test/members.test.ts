// Managing who works on an engagement, and its life: removing members, the last-owner rule under
// concurrent demotions, invitations that do not reveal which addresses have accounts, accounts made
// by administrators, archiving and restoring, and a hard delete whose record survives it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.ts';
import { bundledMigrations, migrate } from '../src/store/migrate.ts';
import { MembershipStore } from '../src/store/membership-store.ts';
import { LandfallError } from '../src/core/errors.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(DATABASES)('members and engagement life on $name', ({ options: makeOptions }) => {
  const { login, call, db } = apiHarness(makeOptions, [
    ['olga@example.com', 'Olga'], ['omar@example.com', 'Omar'], ['erin@example.com', 'Erin'], ['vic@example.com', 'Vic'], ['stranger@example.com', 'Stranger'],
    ['ada@example.com', 'Ada', { isAdmin: true }],
  ]);
  const userId = async (email: string) => (await db().query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
  const json = async (response: Response) => (await response.json()) as Json;

  /** An engagement owned by Olga with the given members added directly (their invitations accepted). */
  async function engagement(members: Record<string, 'owner' | 'editor' | 'viewer'> = {}): Promise<{ id: string; olga: Session; sessions: Record<string, Session> }> {
    const olga = await login('olga@example.com');
    const id = (await json(await call(olga, 'POST', '/api/engagements', { name: `Life ${Math.random().toString(36).slice(2)}`, profile: automotiveYaml }))).id as string;
    const sessions: Record<string, Session> = {};
    for (const [email, role] of Object.entries(members)) {
      expect((await json(await call(olga, 'POST', `/api/engagements/${id}/members`, { email, role }))).outcome).toBe('invited');
      sessions[email] = await login(email);
    }
    return { id, olga, sessions };
  }
  const owners = async (id: string) => (await db().query<{ n: number }>("select count(*)::int as n from memberships where engagement_id = $1 and role = 'owner'", [id])).rows[0]!.n;

  it('lets an owner remove a member, audit-logged, and the removed member loses access', async () => {
    const { id, olga, sessions } = await engagement({ 'vic@example.com': 'viewer' });
    const vic = await userId('vic@example.com');
    expect((await call(sessions['vic@example.com']!, 'GET', `/api/engagements/${id}`)).status).toBe(200);
    expect((await call(sessions['vic@example.com']!, 'DELETE', `/api/engagements/${id}/members/${await userId('olga@example.com')}`)).status).toBe(403);
    expect((await call(olga, 'DELETE', `/api/engagements/${id}/members/${vic}`)).status).toBe(204);
    expect((await call(sessions['vic@example.com']!, 'GET', `/api/engagements/${id}`)).status).toBe(404);
    const again = await call(olga, 'DELETE', `/api/engagements/${id}/members/${vic}`);
    expect(again.status).toBe(404);
    expect((await json(again)).error.code).toBe('not_found');
    const history = (await json(await call(olga, 'GET', `/api/engagements/${id}/history`))).entries as Json[];
    expect(history[0]).toMatchObject({ action: 'remove_member', entity: 'membership', entityId: vic, by: { email: 'olga@example.com' }, before: { email: 'vic@example.com', role: 'viewer' }, after: null });
  });

  it('keeps the last owner: no demoting or removing them, with a clear code and message', async () => {
    const { id, olga } = await engagement({ 'erin@example.com': 'editor' });
    const demote = await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'olga@example.com', role: 'editor' });
    expect(demote.status).toBe(409);
    expect((await json(demote)).error).toEqual({ code: 'last_owner', message: 'Olga is the only owner of this engagement and cannot be demoted. Make someone else an owner first.' });
    const remove = await call(olga, 'DELETE', `/api/engagements/${id}/members/${await userId('olga@example.com')}`);
    expect(remove.status).toBe(409);
    expect((await json(remove)).error.code).toBe('last_owner');
    expect(await owners(id)).toBe(1);
    // With a second owner, the first may step down.
    expect((await json(await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'erin@example.com', role: 'owner' }))).outcome).toBe('role_changed');
    expect((await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'olga@example.com', role: 'viewer' })).status).toBe(200);
    expect(await owners(id)).toBe(1);
  });

  it('never leaves an engagement ownerless when two owners demote or remove each other at once', async () => {
    const memberships = new MembershipStore(db());
    const [olgaId, omarId] = [await userId('olga@example.com'), await userId('omar@example.com')];
    for (let round = 0; round < 8; round += 1) {
      const { id } = await engagement({ 'omar@example.com': 'owner' });
      // Straight at the store, so both changes pass the role check and meet in their transactions.
      const results = await Promise.allSettled(round % 2 === 0
        ? [memberships.invite(id, olgaId, 'omar@example.com', 'editor'), memberships.invite(id, omarId, 'olga@example.com', 'viewer')]
        : [memberships.removeMember(id, olgaId, omarId), memberships.removeMember(id, omarId, olgaId)]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((result) => result.status === 'rejected')!.reason as LandfallError;
      expect(refused).toBeInstanceOf(LandfallError);
      expect(refused.code).toBe('last_owner');
      expect(await owners(id)).toBe(1);
    }
    // And through the API: one wins, the other is refused (by its role check or the rule), never both.
    const { id, olga, sessions } = await engagement({ 'omar@example.com': 'owner' });
    const responses = await Promise.all([
      call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'omar@example.com', role: 'editor' }),
      call(sessions['omar@example.com']!, 'POST', `/api/engagements/${id}/members`, { email: 'olga@example.com', role: 'editor' }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, expect.any(Number)]);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(await owners(id)).toBe(1);
  });

  it('answers an owner who is not an administrator the same for an address with an account and one without', async () => {
    const { id, olga } = await engagement();
    const users = async () => (await db().query<{ n: number }>('select count(*)::int as n from users')).rows[0]!.n;
    const before = await users();
    const existing = await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'stranger@example.com', role: 'viewer' });
    // createAccount was how owners used to make accounts; it is ignored now.
    const missing = await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'nobody@example.com', role: 'viewer', createAccount: true, name: 'Nobody' });
    expect(await users()).toBe(before);
    expect(missing.status).toBe(existing.status);
    expect(missing.headers.get('content-type')).toBe(existing.headers.get('content-type'));
    const [a, b] = [await json(existing), await json(missing)];
    const comparable = (body: Json, email: string) => JSON.parse(JSON.stringify(body).replaceAll(email, '<email>').replace(/"id":"[0-9a-f-]{36}"/, '"id":"<id>"').replace(/"invitedAt":"[^"]+"/, '"invitedAt":"<at>"'));
    expect(comparable(b, 'nobody@example.com')).toEqual(comparable(a, 'stranger@example.com'));
    expect(a).toMatchObject({ outcome: 'invited', invitation: { email: 'stranger@example.com', role: 'viewer', invitedBy: { email: 'olga@example.com', name: 'Olga' } } });
    expect(a.invitation).not.toHaveProperty('hasAccount');

    const list = (await json(await call(olga, 'GET', `/api/engagements/${id}/members`))).invitations as Json[];
    expect(list.map((invitation) => invitation.email)).toEqual(['stranger@example.com', 'nobody@example.com']);
    expect(comparable(list[1]!, 'nobody@example.com')).toEqual(comparable(list[0]!, 'stranger@example.com'));
    expect(list.every((invitation) => !('hasAccount' in invitation))).toBe(true);

    // Nor does account creation tell a non-administrator anything.
    const [taken, free] = await Promise.all([call(olga, 'POST', '/api/users', { email: 'stranger@example.com', name: 'S' }), call(olga, 'POST', '/api/users', { email: 'free@example.com', name: 'F' })]);
    expect([taken.status, free.status]).toEqual([403, 403]);
    expect(await json(taken)).toEqual(await json(free));
  });

  it('shows an administrator which invited addresses have accounts, and lets only them create accounts', async () => {
    const ada = await login('ada@example.com');
    const id = (await json(await call(ada, 'POST', '/api/engagements', { name: 'Admin owned', profile: automotiveYaml }))).id as string;
    await call(ada, 'POST', `/api/engagements/${id}/members`, { email: 'stranger@example.com', role: 'editor' });
    await call(ada, 'POST', `/api/engagements/${id}/members`, { email: 'newcomer@example.com', role: 'viewer' });
    const list = (await json(await call(ada, 'GET', `/api/engagements/${id}/members`))).invitations as Json[];
    expect(list.map((invitation) => [invitation.email, invitation.hasAccount])).toEqual([['stranger@example.com', true], ['newcomer@example.com', false]]);
    const created = await call(ada, 'POST', '/api/users', { email: 'Newcomer@Example.com', name: 'Nia' });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(body.account).toMatchObject({ email: 'newcomer@example.com', name: 'Nia', isAdmin: false });
    const nia = await login('newcomer@example.com', body.oneTimePassword);
    // The one-time password is changed first; nothing else opens before that.
    expect((await call(nia, 'POST', '/api/session/password', { currentPassword: body.oneTimePassword, newPassword: 'chosen by Nia herself' })).status).toBe(200);
    expect((await json(await call(nia, 'GET', `/api/engagements/${id}`))).role).toBe('viewer');
    const accounts = (await json(await call(ada, 'GET', '/api/users'))).accounts as Json[];
    expect(accounts.find((account) => account.email === 'ada@example.com')!.isAdmin).toBe(true);
    expect((await call(nia, 'GET', '/api/users')).status).toBe(403);
    expect((await json(await call(nia, 'GET', '/api/session'))).user.isAdmin).toBe(false);
    expect((await json(await call(ada, 'GET', '/api/session'))).user.isAdmin).toBe(true);
  });

  it('turns an invitation into a membership at the next login, audit-logged; a cancelled one never does', async () => {
    const { id, olga } = await engagement();
    const invitation = (await json(await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'erin@example.com', role: 'editor' }))).invitation as Json;
    expect((await json(await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'erin@example.com', role: 'viewer' }))).outcome).toBe('invitation_updated');
    expect((await call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'vic@example.com', role: 'viewer' })).status).toBe(200);
    const vicInvitation = ((await json(await call(olga, 'GET', `/api/engagements/${id}/members`))).invitations as Json[]).find((candidate) => candidate.email === 'vic@example.com')!;
    expect((await call(olga, 'DELETE', `/api/engagements/${id}/invitations/${vicInvitation.id}`)).status).toBe(204);
    const erin = await login('erin@example.com');
    expect((await json(await call(erin, 'GET', `/api/engagements/${id}`))).role).toBe('viewer');
    const vic = await login('vic@example.com');
    expect((await call(vic, 'GET', `/api/engagements/${id}`)).status).toBe(404);
    const listed = await json(await call(olga, 'GET', `/api/engagements/${id}/members`));
    expect(listed.invitations).toEqual([]);
    const history = (await json(await call(olga, 'GET', `/api/engagements/${id}/history`))).entries as Json[];
    expect(history.map((entry) => entry.action).slice(0, 5)).toEqual(['accept_invitation', 'cancel_invitation', 'invite', 'change_invitation', 'invite']);
    expect(history[0]).toMatchObject({ by: { email: 'erin@example.com' }, after: { role: 'viewer', invitation: invitation.id } });
  });

  it('archives and restores an engagement: left out of the list, read-only, owner only', async () => {
    const { id, olga, sessions } = await engagement({ 'erin@example.com': 'editor' });
    const erin = sessions['erin@example.com']!;
    expect((await call(erin, 'POST', `/api/engagements/${id}/archive`)).status).toBe(403);
    const archived = await call(olga, 'POST', `/api/engagements/${id}/archive`);
    expect(archived.status).toBe(200);
    expect((await json(archived)).archivedAt).toEqual(expect.any(String));
    const active = (await json(await call(olga, 'GET', '/api/engagements'))).engagements as Json[];
    expect(active.map((row) => row.id)).not.toContain(id);
    const inArchive = (await json(await call(olga, 'GET', '/api/engagements?archived=true'))).engagements as Json[];
    expect(inArchive.find((row) => row.id === id)?.archivedAt).toEqual(expect.any(String));
    expect(inArchive.every((row) => row.archivedAt != null)).toBe(true);

    const engagementNow = await json(await call(erin, 'GET', `/api/engagements/${id}`));
    const item = ((await json(await call(erin, 'GET', `/api/engagements/${id}/annex`))).items as Json[])[0]!;
    const writes = await Promise.all([
      call(erin, 'PUT', `/api/engagements/${id}/profile`, { profile: automotiveYaml, version: engagementNow.version }),
      call(erin, 'PATCH', `/api/engagements/${id}/annex/items/${item.id}`, { status: 'confirmed', version: item.version }),
      call(erin, 'POST', `/api/engagements/${id}/annex/items`, { section: 'guardrail', title: 'Late', text: 'Too late.' }),
      call(olga, 'POST', `/api/engagements/${id}/members`, { email: 'vic@example.com', role: 'viewer' }),
      call(olga, 'DELETE', `/api/engagements/${id}/members/${await userId('erin@example.com')}`),
      call(olga, 'POST', `/api/engagements/${id}/archive`),
    ]);
    for (const write of writes) {
      expect(write.status).toBe(409);
      expect((await json(write)).error.code).toBe('archived');
    }
    expect((await call(erin, 'POST', `/api/engagements/${id}/preview`, { profile: automotiveYaml })).status).toBe(200);
    expect((await call(erin, 'GET', `/api/engagements/${id}/annex?format=md`)).status).toBe(200);
    expect((await call(erin, 'POST', `/api/engagements/${id}/restore`)).status).toBe(403);
    const restored = await call(olga, 'POST', `/api/engagements/${id}/restore`);
    expect(restored.status).toBe(200);
    expect((await json(restored)).archivedAt).toBeNull();
    expect((await json(await call(olga, 'POST', `/api/engagements/${id}/restore`))).error.code).toBe('not_archived');
    expect((await call(erin, 'PATCH', `/api/engagements/${id}/annex/items/${item.id}`, { status: 'confirmed', version: item.version })).status).toBe(200);
    expect(((await json(await call(olga, 'GET', '/api/engagements'))).engagements as Json[]).map((row) => row.id)).toContain(id);
    const actions = ((await json(await call(olga, 'GET', `/api/engagements/${id}/history`))).entries as Json[]).map((entry) => entry.action);
    expect(actions.slice(1, 3)).toEqual(['restore', 'archive']);
  });

  it('deletes only an archived engagement, only for an owner who repeats its name, and keeps the record', async () => {
    const { id, olga, sessions } = await engagement({ 'omar@example.com': 'owner', 'erin@example.com': 'editor' });
    const { name } = await json(await call(olga, 'GET', `/api/engagements/${id}`));
    const notArchived = await call(olga, 'DELETE', `/api/engagements/${id}`, { name });
    expect(notArchived.status).toBe(409);
    expect((await json(notArchived)).error.code).toBe('not_archived');
    await call(olga, 'POST', `/api/engagements/${id}/archive`);
    const wrongName = await call(olga, 'DELETE', `/api/engagements/${id}`, { name: `${name} ` });
    expect(wrongName.status).toBe(422);
    expect((await json(wrongName)).error.code).toBe('name_mismatch');
    expect((await call(olga, 'DELETE', `/api/engagements/${id}`)).status).toBe(400);
    expect((await call(sessions['erin@example.com']!, 'DELETE', `/api/engagements/${id}`, { name })).status).toBe(403);
    expect((await call(olga, 'GET', `/api/engagements/${id}`)).status).toBe(200);

    expect((await call(sessions['omar@example.com']!, 'DELETE', `/api/engagements/${id}`, { name })).status).toBe(204);
    expect((await call(olga, 'GET', `/api/engagements/${id}`)).status).toBe(404);
    const left = await db().query<{ n: number }>('select count(*)::int as n from audit_log where engagement_id = $1', [id]);
    expect(left.rows[0]!.n).toBe(0);
    const record = await db().query<{ action: string; user_id: string; engagement_id: string | null; before: Json }>("select action, user_id, engagement_id, before from audit_log where entity = 'engagement' and entity_id = $1 and action = 'delete'", [id]);
    expect(record.rows).toEqual([{
      action: 'delete', user_id: await userId('omar@example.com'), engagement_id: null,
      before: { name, client: 'Example Motors GmbH', version: 1, archivedAt: expect.any(String), members: [{ email: 'erin@example.com', role: 'editor' }, { email: 'olga@example.com', role: 'owner' }, { email: 'omar@example.com', role: 'owner' }] },
    }]);
  });
});

describe.each(DATABASES)('the administrator migration on $name', ({ fresh: makeOptions }) => {
  it('makes the oldest account, the one the first start created, the administrator', async () => {
    const options = makeOptions();
    const db = await openDatabase(options);
    try {
      const all = bundledMigrations();
      const index = all.findIndex((migration) => migration.id.startsWith('0005_members_'));
      await migrate(db, all.slice(0, index));
      await db.query("insert into users (email, name, password_hash, created_at) values ('first@example.com', 'Administrator', 'x', now() - interval '1 day'), ('later@example.com', 'Later', 'x', now())");
      await migrate(db);
      const { rows } = await db.query<{ email: string; is_admin: boolean }>('select email, is_admin from users order by email');
      expect(rows).toEqual([{ email: 'first@example.com', is_admin: true }, { email: 'later@example.com', is_admin: false }]);
    } finally {
      await dropSchema(db, options);
    }
  });
});
