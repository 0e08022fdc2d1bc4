// Stored incidents: created whole with their first event, facts changes recorded before and after,
// reports recorded once, closing final, every write one transaction under the engagement's lock,
// the event log append-only, rows parsed (never cast) when read, and another engagement's incident
// not found.
import { beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../src/app/context.ts';
import { createEngagement } from '../src/app/engagements.ts';
import { ZodError } from 'zod';
import { incidentFactsSchema } from '../src/core/incident/incident-record.ts';
import type { Database } from '../src/store/database.ts';
import { IncidentStore } from '../src/store/incident-store.ts';
import { ConflictError, type WorkspaceStore } from '../src/store/workspace-store.ts';
import { DATABASES } from './db-helpers.ts';
import { storeOn } from './store-harness.ts';

const profile = { organisation: { name: 'Incident Co' }, systems: [{ id: 'shop', hosting: 'mainland' }] };
const facts = (extra: Record<string, unknown> = {}) => incidentFactsSchema.parse({ discoveredAt: '2026-12-01T09:30', piLeakedIndividuals: 1_200_000, dataClasses: ['personal_information'], systemId: 'shop', ...extra });
const count = async (db: Database, sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n;

describe.each(DATABASES)('incident store on $name', ({ options: makeOptions }) => {
  const on = storeOn(makeOptions);
  let db: Database;
  let store: WorkspaceStore;
  let userId: string;
  let engagementId: string;
  beforeAll(async () => {
    ({ db, store } = on);
    userId = await store.createUser('responder@example.com', 'Rita Responder', 'hash-not-used-here');
    engagementId = await createEngagement(appContext(store, { today: () => '2026-11-22' }), { userId: userId, name: 'Incidents', input: profile, sourceText: null });
  });

  it('creates an incident with its first event and an audit entry, and moves the engagement revision on', async () => {
    const revision = async () => (await store.memberships.access(engagementId, userId))!.revision;
    const before = await revision();
    const first = await store.incidents.create(engagementId, userId, { title: 'Order database exposed', facts: facts() });
    const second = await store.incidents.create(engagementId, userId, { title: 'Second', facts: facts({ piLeakedIndividuals: 0 }) });
    expect(first).toMatchObject({ number: 1, status: 'open', version: 1, title: 'Order database exposed', facts: { piLeakedIndividuals: 1_200_000, ciiInvolved: false, description: '' } });
    expect(second.number).toBe(2);
    expect(await revision()).toBe(before + 2);
    const events = await store.incidents.events(engagementId, first.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'created', by: { email: 'responder@example.com', name: 'Rita Responder' }, detail: { title: 'Order database exposed', facts: { discoveredAt: '2026-12-01T09:30' } } });
    expect((await store.auditTrail(engagementId)).filter((entry) => entry.entity === 'incident').map((entry) => entry.action)).toEqual(['create_incident', 'create_incident']);
    expect((await store.incidents.list(engagementId)).map((incident) => incident.number)).toEqual([2, 1]);
  });

  it('records a facts change with only what changed, before and after, and refuses a stale version writing nothing', async () => {
    const incident = await store.incidents.create(engagementId, userId, { title: 'Leak', facts: facts() });
    const changed = await store.incidents.updateFacts(engagementId, incident.id, userId, { title: 'Leak of order data', facts: facts({ piLeakedIndividuals: 12_000_000, description: 'Found by a researcher.' }) }, 1);
    expect(changed).toMatchObject({ version: 2, title: 'Leak of order data', facts: { piLeakedIndividuals: 12_000_000 } });
    const events = await store.incidents.events(engagementId, incident.id);
    expect(events.map((event) => event.kind)).toEqual(['created', 'facts_changed']);
    expect(events[1]!.detail).toEqual({
      before: { title: 'Leak', facts: { piLeakedIndividuals: 1_200_000, description: '' } },
      after: { title: 'Leak of order data', facts: { piLeakedIndividuals: 12_000_000, description: 'Found by a researcher.' } },
    });
    // The same facts again change nothing and add no event.
    expect((await store.incidents.updateFacts(engagementId, incident.id, userId, { facts: changed.facts }, 2)).version).toBe(2);
    await expect(store.incidents.updateFacts(engagementId, incident.id, userId, { facts: facts() }, 1)).rejects.toBeInstanceOf(ConflictError);
    expect((await store.incidents.get(engagementId, incident.id)).facts.piLeakedIndividuals).toBe(12_000_000);
    expect(await count(db, 'incident_events where incident_id = $1', [incident.id])).toBe(2);
  });

  it('records each report once with when it was made, marks the incident reported, and keeps a closed incident closed', async () => {
    const incident = await store.incidents.create(engagementId, userId, { title: 'Ransomware', facts: facts() });
    const reported = await store.incidents.recordReport(engagementId, incident.id, userId, { duty: 'initial_report', to: 'the provincial CAC where it is located', madeAt: '2026-12-01T03:10:00Z', reference: 'CAC-2026-77' }, 1);
    expect(reported).toMatchObject({ status: 'reported', version: 2 });
    await expect(store.incidents.recordReport(engagementId, incident.id, userId, { duty: 'initial_report', to: 'x', madeAt: '2026-12-01T03:20:00Z' }, 2)).rejects.toMatchObject({ code: 'already_recorded' });
    expect(await store.incidents.reports(engagementId, incident.id)).toEqual([expect.objectContaining({ duty: 'initial_report', madeAt: '2026-12-01T03:10:00.000Z', reference: 'CAC-2026-77', note: null, by: { email: 'responder@example.com', name: 'Rita Responder' } })]);
    const closed = await store.incidents.close(engagementId, incident.id, userId, 'Contained and reported.', 2);
    expect(closed).toMatchObject({ status: 'closed', version: 3 });
    expect(closed.closedAt).not.toBeNull();
    for (const attempt of [
      () => store.incidents.updateFacts(engagementId, incident.id, userId, { facts: facts({ piLeakedIndividuals: 1 }) }, 3),
      () => store.incidents.recordReport(engagementId, incident.id, userId, { duty: 'notify_affected', to: 'people', madeAt: '2026-12-02T00:00:00Z' }, 3),
      () => store.incidents.close(engagementId, incident.id, userId, null, 3),
    ]) await expect(attempt()).rejects.toMatchObject({ code: 'incident_closed' });
    expect((await store.incidents.events(engagementId, incident.id)).map((event) => event.kind)).toEqual(['created', 'report_made', 'closed']);
  });

  it('writes nothing when a write fails part-way (the audit insert fails after the incident and its event)', async () => {
    const failing: Database = {
      ...db,
      transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => (sql.startsWith('insert into audit_log') ? Promise.reject(new Error('disk full')) : tx.query(sql, params)) })),
    };
    const broken = new IncidentStore(failing);
    const incidents = await count(db, 'incidents');
    const events = await count(db, 'incident_events');
    await expect(broken.create(engagementId, userId, { title: 'Never stored', facts: facts() })).rejects.toThrow('disk full');
    const existing = (await store.incidents.list(engagementId)).find((incident) => incident.status !== 'closed')!;
    await expect(broken.close(engagementId, existing.id, userId, null, existing.version)).rejects.toThrow('disk full');
    expect(await count(db, 'incidents')).toBe(incidents);
    expect(await count(db, 'incident_events')).toBe(events);
    expect((await store.incidents.get(engagementId, existing.id)).status).toBe(existing.status);
  });

  it('lets one of two concurrent changes of the same version through and refuses the other, with one event', async () => {
    const incident = await store.incidents.create(engagementId, userId, { title: 'Race', facts: facts() });
    const results = await Promise.allSettled([
      store.incidents.updateFacts(engagementId, incident.id, userId, { facts: facts({ piLeakedIndividuals: 5 }) }, 1),
      store.incidents.recordReport(engagementId, incident.id, userId, { duty: 'initial_report', to: 'the provincial CAC', madeAt: '2026-12-01T02:00:00Z' }, 1),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
    expect((await store.incidents.get(engagementId, incident.id)).version).toBe(2);
    expect(await count(db, 'incident_events where incident_id = $1', [incident.id])).toBe(2);
    const reports = await store.incidents.reportsByIncident(engagementId);
    expect(reports.get(incident.id)?.length ?? 0).toBe(results[1]!.status === 'fulfilled' ? 1 : 0);
  });

  it('keeps the event log append-only: an update of an event changes nothing', async () => {
    const incident = await store.incidents.create(engagementId, userId, { title: 'Tamper test', facts: facts() });
    await db.query(`update incident_events set detail = '{"title":"rewritten"}'::jsonb, kind = 'closed' where incident_id = $1`, [incident.id]);
    expect(await store.incidents.events(engagementId, incident.id)).toEqual([expect.objectContaining({ kind: 'created', detail: expect.objectContaining({ title: 'Tamper test' }) })]);
  });

  it('does not find another engagement\'s incident, by any method', async () => {
    const other = await createEngagement(appContext(store, { today: () => '2026-11-22' }), { userId: userId, name: 'Other', input: profile, sourceText: null });
    const incident = await store.incidents.create(engagementId, userId, { title: 'Mine', facts: facts() });
    await expect(store.incidents.get(other, incident.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.incidents.updateFacts(other, incident.id, userId, { facts: facts() }, 1)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.incidents.close(other, incident.id, userId, null, 1)).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.incidents.events(other, incident.id)).toEqual([]);
    expect(await store.incidents.list(other)).toEqual([]);
  });

  it('parses stored rows: facts that no longer match the schema are refused, not cast', async () => {
    const incident = await store.incidents.create(engagementId, userId, { title: 'Corrupted', facts: facts() });
    await db.query(`update incidents set facts = '{"discoveredAt": 5}'::jsonb where id = $1`, [incident.id]);
    await expect(store.incidents.get(engagementId, incident.id)).rejects.toBeInstanceOf(ZodError);
    await db.query('delete from incidents where id = $1', [incident.id]);
  });

  it('goes with its engagement when the engagement is deleted', async () => {
    const doomed = await createEngagement(appContext(store, { today: () => '2026-11-22' }), { userId: userId, name: 'Doomed', input: profile, sourceText: null });
    await store.incidents.create(doomed, userId, { title: 'Goes too', facts: facts() });
    await store.memberships.archive(doomed, userId);
    await store.memberships.deleteEngagement(doomed, userId, 'Doomed');
    expect(await count(db, 'incidents where engagement_id = $1', [doomed])).toBe(0);
    expect(await count(db, 'incident_events where engagement_id = $1', [doomed])).toBe(0);
  });
});
