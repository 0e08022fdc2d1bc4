// Incidents of an engagement with their audit trail. Each write is one transaction that locks the
// engagement's row first (lockEngagementRow, as every engagement write does), then the incident's,
// checks the version the caller read (optimistic concurrency), changes the incident, appends its
// event and writes the audit log (which moves the engagement's revision on). Rows are parsed
// through zod schemas when read: stored JSON is never cast to a type.
import { z } from 'zod';
import { INCIDENT_STATUSES, RECORDABLE_DUTIES, incidentFactsSchema, type IncidentRecordFacts, type IncidentStatus, type RecordableDuty } from '../core/incident/incident-record.ts';
import { audit, lockEngagementRow } from './audit-log.ts';
import type { Database, Queryable } from './database.ts';
import { LandfallError } from '../core/errors.ts';
import { ConflictError } from './workspace-store.ts';


const instant = z.union([z.date(), z.string()]).transform((value) => new Date(value).toISOString());

const incidentRowSchema = z.object({
  id: z.string(),
  engagement_id: z.string(),
  number: z.coerce.number().int(),
  title: z.string(),
  facts: incidentFactsSchema,
  status: z.enum(INCIDENT_STATUSES),
  version: z.coerce.number().int(),
  created_at: instant,
  updated_at: instant,
  closed_at: instant.nullable(),
}).transform((row) => ({
  id: row.id, engagementId: row.engagement_id, number: row.number, title: row.title, facts: row.facts, status: row.status, version: row.version,
  createdAt: row.created_at, updatedAt: row.updated_at, closedAt: row.closed_at,
}));
export type StoredIncident = z.output<typeof incidentRowSchema>;

const reportSchema = z.object({
  duty: z.enum(RECORDABLE_DUTIES),
  to: z.string(),
  madeAt: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReportMade = z.output<typeof reportSchema>;
const snapshotSchema = z.object({ title: z.string().optional(), facts: z.record(z.string(), z.unknown()).optional() });
const eventDetailSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('created'), detail: z.object({ title: z.string(), facts: incidentFactsSchema }) }),
  z.object({ kind: z.literal('facts_changed'), detail: z.object({ before: snapshotSchema, after: snapshotSchema }) }),
  z.object({ kind: z.literal('report_made'), detail: reportSchema }),
  z.object({ kind: z.literal('closed'), detail: z.object({ note: z.string().nullable() }) }),
]);
const actorSchema = z.object({ email: z.string(), name: z.string() }).nullable();
/** An event as the API returns it: when, by whom, and what (by kind). */
export const incidentEventSchema = z.intersection(z.object({ id: z.number().int(), at: z.string(), by: actorSchema }), eventDetailSchema);
const eventRowSchema = z.object({
  id: z.coerce.number().int(),
  kind: z.string(),
  detail: z.unknown(),
  at: instant,
  email: z.string().nullable(),
  name: z.string().nullable(),
}).transform((row, context) => {
  const parsed = eventDetailSchema.safeParse({ kind: row.kind, detail: row.detail });
  if (!parsed.success) {
    context.addIssue({ code: 'custom', message: `incident event ${row.id} does not match its schema` });
    return z.NEVER;
  }
  return incidentEventSchema.parse({ id: row.id, at: row.at, by: row.email == null ? null : { email: row.email, name: row.name ?? '' }, ...parsed.data });
});
export type IncidentEvent = z.output<typeof incidentEventSchema>;

const COLUMNS = 'id, engagement_id, number, title, facts, status, version, created_at, updated_at, closed_at';
const parseIncident = (row: unknown) => incidentRowSchema.parse(row);

/** The keys whose values differ, with each side's values: what a facts_changed event records. */
function changedParts(before: { title: string; facts: IncidentRecordFacts }, after: { title: string; facts: IncidentRecordFacts }) {
  const was: { title?: string; facts?: Record<string, unknown> } = {};
  const now: { title?: string; facts?: Record<string, unknown> } = {};
  if (before.title !== after.title) {
    was.title = before.title;
    now.title = after.title;
  }
  const keys = new Set([...Object.keys(before.facts), ...Object.keys(after.facts)]) as Set<keyof IncidentRecordFacts>;
  for (const key of keys) {
    const left = before.facts[key] ?? null;
    const right = after.facts[key] ?? null;
    if (JSON.stringify(left) === JSON.stringify(right)) continue;
    (was.facts ??= {})[key] = left;
    (now.facts ??= {})[key] = right;
  }
  return { before: was, after: now, changed: was.title !== undefined || was.facts !== undefined };
}

export class IncidentStore {
  constructor(private readonly db: Database) {}

  async create(engagementId: string, userId: string, input: { title: string; facts: IncidentRecordFacts }): Promise<StoredIncident> {
    const facts = incidentFactsSchema.parse(input.facts);
    return this.db.transaction(async (tx) => {
      if (!(await lockEngagementRow(tx, engagementId))) throw new LandfallError('not_found', 'no such engagement');
      const { rows } = await tx.query(
        `insert into incidents (engagement_id, number, title, facts, created_by)
         values ($1, (select coalesce(max(number), 0) + 1 from incidents where engagement_id = $1), $2, $3, $4)
         returning ${COLUMNS}`,
        [engagementId, input.title, JSON.stringify(facts), userId],
      );
      const incident = parseIncident(rows[0]);
      await this.append(tx, incident, userId, 'created', { title: incident.title, facts });
      await audit(tx, { engagementId, userId, action: 'create_incident', entity: 'incident', entityId: incident.id, before: null, after: { number: incident.number, title: incident.title } });
      return incident;
    });
  }

  /** The engagement's incidents, newest first. */
  async list(engagementId: string): Promise<StoredIncident[]> {
    const { rows } = await this.db.query(`select ${COLUMNS} from incidents where engagement_id = $1 order by number desc limit 1000`, [engagementId]);
    return rows.map(parseIncident);
  }

  /** One incident of the engagement; another engagement's incident is not found. */
  async get(engagementId: string, incidentId: string): Promise<StoredIncident> {
    const { rows } = await this.db.query(`select ${COLUMNS} from incidents where id = $1 and engagement_id = $2`, [incidentId, engagementId]);
    if (!rows[0]) throw new LandfallError('not_found', 'no such incident in this engagement');
    return parseIncident(rows[0]);
  }

  /** The reports recorded as made, by duty. */
  async reports(engagementId: string, incidentId: string): Promise<Array<ReportMade & { at: string; by: { email: string; name: string } | null }>> {
    return (await this.events(engagementId, incidentId)).flatMap((event) => (event.kind === 'report_made' ? [{ ...event.detail, at: event.at, by: event.by }] : []));
  }

  /** The reports recorded as made of every incident of the engagement, by incident (one query for the list). */
  async reportsByIncident(engagementId: string): Promise<Map<string, Array<ReportMade & { at: string; by: { email: string; name: string } | null }>>> {
    const { rows } = await this.db.query<{ incident_id: string }>(
      `select e.incident_id, e.id, e.kind, e.detail, e.at, u.email, u.name
         from incident_events e left join users u on u.id = e.actor_id
        where e.engagement_id = $1 and e.kind = 'report_made'
        order by e.id`,
      [engagementId],
    );
    const reports = new Map<string, Array<ReportMade & { at: string; by: { email: string; name: string } | null }>>();
    for (const row of rows) {
      const event = eventRowSchema.parse(row);
      if (event.kind !== 'report_made') continue;
      const list = reports.get(row.incident_id) ?? reports.set(row.incident_id, []).get(row.incident_id)!;
      list.push({ ...event.detail, at: event.at, by: event.by });
    }
    return reports;
  }

  /** Replaces the facts (and the title); records what changed, before and after. */
  async updateFacts(engagementId: string, incidentId: string, userId: string, input: { title?: string | undefined; facts: IncidentRecordFacts }, expectedVersion: number): Promise<StoredIncident> {
    const facts = incidentFactsSchema.parse(input.facts);
    return this.change(engagementId, incidentId, expectedVersion, async (tx, current) => {
      const title = input.title ?? current.title;
      const diff = changedParts(current, { title, facts });
      if (!diff.changed) return current;
      const { rows } = await tx.query(`update incidents set title = $2, facts = $3, version = version + 1, updated_at = now() where id = $1 returning ${COLUMNS}`, [incidentId, title, JSON.stringify(facts)]);
      const next = parseIncident(rows[0]);
      await this.append(tx, next, userId, 'facts_changed', { before: diff.before, after: diff.after });
      await audit(tx, { engagementId, userId, action: 'update_incident_facts', entity: 'incident', entityId: incidentId, before: diff.before, after: diff.after });
      return next;
    });
  }

  /** Records a report (or the notice to the people affected) as made; the initial report marks the incident reported. */
  async recordReport(engagementId: string, incidentId: string, userId: string, report: { duty: RecordableDuty; to: string; madeAt: string; reference?: string | null | undefined; note?: string | null | undefined }, expectedVersion: number): Promise<StoredIncident> {
    const detail = reportSchema.parse({ duty: report.duty, to: report.to, madeAt: new Date(report.madeAt).toISOString(), reference: report.reference ?? null, note: report.note ?? null });
    return this.change(engagementId, incidentId, expectedVersion, async (tx, current) => {
      const { rows: earlier } = await tx.query<{ at: Date }>(`select at from incident_events where incident_id = $1 and kind = 'report_made' and detail->>'duty' = $2`, [incidentId, detail.duty]);
      if (earlier.length > 0) throw new LandfallError('already_recorded', `The ${detail.duty.replaceAll('_', ' ')} is already recorded as made.`);
      const status: IncidentStatus = detail.duty === 'initial_report' ? 'reported' : current.status;
      const { rows } = await tx.query(`update incidents set status = $2, version = version + 1, updated_at = now() where id = $1 returning ${COLUMNS}`, [incidentId, status]);
      const next = parseIncident(rows[0]);
      await this.append(tx, next, userId, 'report_made', detail);
      await audit(tx, { engagementId, userId, action: 'record_incident_report', entity: 'incident', entityId: incidentId, before: { status: current.status }, after: { status, ...detail } });
      return next;
    });
  }

  async close(engagementId: string, incidentId: string, userId: string, note: string | null, expectedVersion: number): Promise<StoredIncident> {
    return this.change(engagementId, incidentId, expectedVersion, async (tx, current) => {
      const { rows } = await tx.query(`update incidents set status = 'closed', version = version + 1, updated_at = now(), closed_at = now() where id = $1 returning ${COLUMNS}`, [incidentId]);
      const next = parseIncident(rows[0]);
      await this.append(tx, next, userId, 'closed', { note });
      await audit(tx, { engagementId, userId, action: 'close_incident', entity: 'incident', entityId: incidentId, before: { status: current.status }, after: { status: 'closed', note } });
      return next;
    });
  }

  /** The incident's events, oldest first. */
  async events(engagementId: string, incidentId: string): Promise<IncidentEvent[]> {
    const { rows } = await this.db.query(
      `select e.id, e.kind, e.detail, e.at, u.email, u.name
         from incident_events e left join users u on u.id = e.actor_id
        where e.incident_id = $1 and e.engagement_id = $2
        order by e.id`,
      [incidentId, engagementId],
    );
    return rows.map((row) => eventRowSchema.parse(row));
  }

  /** One change of an open incident, under the engagement's and the incident's row locks. */
  private async change(engagementId: string, incidentId: string, expectedVersion: number, work: (tx: Queryable, current: StoredIncident) => Promise<StoredIncident>): Promise<StoredIncident> {
    return this.db.transaction(async (tx) => {
      if (!(await lockEngagementRow(tx, engagementId))) throw new LandfallError('not_found', 'no such engagement');
      const { rows } = await tx.query(`select ${COLUMNS} from incidents where id = $1 and engagement_id = $2 for update`, [incidentId, engagementId]);
      if (!rows[0]) throw new LandfallError('not_found', 'no such incident in this engagement');
      const current = parseIncident(rows[0]);
      if (current.version !== expectedVersion) throw new ConflictError(current.version);
      if (current.status === 'closed') throw new LandfallError('incident_closed', `Incident ${current.number} is closed; it no longer changes.`);
      return work(tx, current);
    });
  }

  private async append(tx: Queryable, incident: StoredIncident, userId: string, kind: IncidentEvent['kind'], detail: unknown): Promise<void> {
    await tx.query('insert into incident_events (incident_id, engagement_id, kind, actor_id, detail) values ($1, $2, $3, $4, $5)', [incident.id, incident.engagementId, kind, userId, JSON.stringify(detail)]);
  }
}
