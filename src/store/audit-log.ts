// One entry of the audit log: who did what to which entity, with the values before and after.
// Every change to an engagement is audited, so the entry also moves the engagement's `revision`
// on (once per transaction): responses derived from an engagement (the annex) are cached and
// tagged by that revision, and no write can change what they show without changing it. A write
// transaction locks the engagement's row before any row of its parts (lockEngagementRow), so
// this update never waits on a lock while holding one that another writer needs first.
import type { Queryable } from './database.ts';

export interface AuditEntry {
  /** Null for changes outside any engagement (accounts) and for the record of a deleted engagement. */
  engagementId: string | null;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The engagements whose revision each open transaction has already moved on. */
const revised = new WeakMap<Queryable, Set<string>>();
/**
 * Changes of who has access change nothing an engagement shows (access is checked on every
 * request, never cached), so they leave the revision alone; an invitation accepted at login
 * then takes no engagement lock after its invitation row's. A calendar feed token is access too:
 * making or revoking one changes nothing the engagement shows.
 */
const ACCESS_ENTITIES = new Set(['membership', 'invitation', 'calendar_feed']);

export async function audit(tx: Queryable, entry: AuditEntry): Promise<void> {
  if (entry.engagementId != null && !ACCESS_ENTITIES.has(entry.entity)) {
    const done = revised.get(tx) ?? new Set<string>();
    revised.set(tx, done);
    if (!done.has(entry.engagementId)) {
      done.add(entry.engagementId);
      await tx.query('update engagements set revision = revision + 1 where id = $1', [entry.engagementId]);
    }
  }
  await tx.query('insert into audit_log (engagement_id, user_id, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6, $7)', [
    entry.engagementId, entry.userId, entry.action, entry.entity, entry.entityId,
    entry.before == null ? null : JSON.stringify(entry.before), entry.after == null ? null : JSON.stringify(entry.after),
  ]);
}

/** Locks an engagement's row for a change to it or its parts; false when there is no such engagement. */
export async function lockEngagementRow(tx: Queryable, engagementId: string): Promise<boolean> {
  const { rows } = await tx.query('select 1 from engagements where id = $1 for update', [engagementId]);
  return rows.length === 1;
}
