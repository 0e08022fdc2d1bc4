// One entry of the audit log: who did what to which entity, with the values before and after.
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

export async function audit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query('insert into audit_log (engagement_id, user_id, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6, $7)', [
    entry.engagementId, entry.userId, entry.action, entry.entity, entry.entityId,
    entry.before == null ? null : JSON.stringify(entry.before), entry.after == null ? null : JSON.stringify(entry.after),
  ]);
}
