// The per-engagement calendar feed tokens (migration 0011). The token is random (256 bits from the
// operating system), returned once when it is made and stored only as its SHA-256 digest, like
// API tokens; the audit log records that a feed was made or revoked, never the token or its digest.
import { createHash, randomBytes } from 'node:crypto';
import { audit, lockEngagementRow } from './audit-log.ts';
import type { Database } from './database.ts';
import { LandfallError } from '../core/errors.ts';
import { ARCHIVED_MESSAGE } from './membership-store.ts';
import { z } from 'zod';

/** The dates the calendar counts from, as stored (migration 0018); every one optional. */
export const storedAnchorsSchema = z
  .object({
    goLive: z.string().optional(),
    transferEffective: z.string().optional(),
    lastMlpsAssessment: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type StoredAnchors = z.infer<typeof storedAnchorsSchema>;

const parseAnchors = (value: unknown): StoredAnchors => storedAnchorsSchema.parse(typeof value === 'string' ? JSON.parse(value) : (value ?? {}));

/** The token's form: a prefix that says what it is, then 32 random bytes in base64url. */
export const FEED_TOKEN_PATTERN = /^lfcal_[A-Za-z0-9_-]{43}$/;
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CalendarFeedInfo {
  id: string;
  createdAt: string;
  createdBy: { email: string; name: string } | null;
}

export class CalendarFeedStore {
  constructor(private readonly db: Database) {}

  /** The live feed of an engagement (never its token), or null. */
  async live(engagementId: string): Promise<CalendarFeedInfo | null> {
    const { rows } = await this.db.query<{ id: string; created_at: Date; email: string | null; name: string | null }>(
      'select f.id, f.created_at, u.email, u.name from calendar_feeds f left join users u on u.id = f.created_by where f.engagement_id = $1 and f.revoked_at is null',
      [engagementId],
    );
    const row = rows[0];
    return row ? { id: row.id, createdAt: new Date(row.created_at).toISOString(), createdBy: row.email == null ? null : { email: row.email, name: row.name ?? '' } } : null;
  }

  /**
   * Makes the engagement's feed token, revoking the one before (a rotation). The engagement's row is
   * locked first, as every writer does, so two rotations at once leave exactly one live feed.
   */
  async create(engagementId: string, userId: string): Promise<CalendarFeedInfo & { token: string }> {
    const token = `lfcal_${randomBytes(32).toString('base64url')}`;
    return this.db.transaction(async (tx) => {
      if (!(await lockEngagementRow(tx, engagementId))) throw new LandfallError('not_found', 'No such engagement.');
      const { rows: [engagement] } = await tx.query<{ archived_at: Date | null }>('select archived_at from engagements where id = $1', [engagementId]);
      if (engagement!.archived_at != null) throw new LandfallError('archived', ARCHIVED_MESSAGE);
      const revoked = await tx.query<{ id: string }>('update calendar_feeds set revoked_at = now(), revoked_by = $2 where engagement_id = $1 and revoked_at is null returning id', [engagementId, userId]);
      const { rows } = await tx.query<{ id: string; created_at: Date }>('insert into calendar_feeds (engagement_id, token_hash, created_by) values ($1, $2, $3) returning id, created_at', [engagementId, digest(token), userId]);
      const created = rows[0]!;
      await audit(tx, { engagementId, userId, action: revoked.rows.length > 0 ? 'rotate_calendar_feed' : 'create_calendar_feed', entity: 'calendar_feed', entityId: created.id, before: revoked.rows[0] ? { feed: revoked.rows[0].id } : null, after: { feed: created.id } });
      const user = (await tx.query<{ email: string; name: string }>('select email, name from users where id = $1', [userId])).rows[0];
      return { id: created.id, createdAt: new Date(created.created_at).toISOString(), createdBy: user ?? null, token };
    });
  }

  /** Revokes the engagement's live feed; false when it has none. */
  async revoke(engagementId: string, userId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await lockEngagementRow(tx, engagementId))) throw new LandfallError('not_found', 'No such engagement.');
      const { rows } = await tx.query<{ id: string }>('update calendar_feeds set revoked_at = now(), revoked_by = $2 where engagement_id = $1 and revoked_at is null returning id', [engagementId, userId]);
      if (!rows[0]) return false;
      await audit(tx, { engagementId, userId, action: 'revoke_calendar_feed', entity: 'calendar_feed', entityId: rows[0].id, before: { feed: rows[0].id }, after: null });
      return true;
    });
  }

  /**
   * The engagement a feed token opens: the token must be live, its engagement active, and the
   * member who made it still a member (removing someone ends the feeds they made). Null otherwise,
   * and for anything that is not a token at all.
   */
  async engagementFor(token: string): Promise<string | null> {
    if (!FEED_TOKEN_PATTERN.test(token)) return null;
    const { rows } = await this.db.query<{ engagement_id: string }>(
      `select f.engagement_id from calendar_feeds f
         join engagements e on e.id = f.engagement_id and e.archived_at is null
         join memberships m on m.engagement_id = f.engagement_id and m.user_id = f.created_by
        where f.token_hash = $1 and f.revoked_at is null`,
      [digest(token)],
    );
    return rows[0]?.engagement_id ?? null;
  }

  /** The dates the engagement's calendar counts from, as an editor recorded them. */
  async anchors(engagementId: string): Promise<StoredAnchors> {
    const { rows } = await this.db.query<{ calendar_anchors: unknown }>('select calendar_anchors from engagements where id = $1', [engagementId]);
    if (!rows[0]) throw new LandfallError('not_found', 'No such engagement.');
    return parseAnchors(rows[0].calendar_anchors);
  }

  /** Replaces the recorded dates (audited, before and after); the engagement's row is locked first. */
  async setAnchors(engagementId: string, userId: string, anchors: StoredAnchors): Promise<StoredAnchors> {
    const next = storedAnchorsSchema.parse(anchors);
    return this.db.transaction(async (tx) => {
      if (!(await lockEngagementRow(tx, engagementId))) throw new LandfallError('not_found', 'No such engagement.');
      const { rows: [row] } = await tx.query<{ archived_at: Date | null; calendar_anchors: unknown }>('select archived_at, calendar_anchors from engagements where id = $1', [engagementId]);
      if (row!.archived_at != null) throw new LandfallError('archived', ARCHIVED_MESSAGE);
      const before = parseAnchors(row!.calendar_anchors);
      await tx.query('update engagements set calendar_anchors = $2 where id = $1', [engagementId, JSON.stringify(next)]);
      await audit(tx, { engagementId, userId, action: 'update', entity: 'calendar_anchors', entityId: null, before, after: next });
      return next;
    });
  }
}
