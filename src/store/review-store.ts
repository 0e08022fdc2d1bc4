// The portfolio review's records: runs, one result row per engagement (which is also the work
// queue), and the law books of past content versions. Workers claim rows with FOR UPDATE SKIP
// LOCKED and a lease, so several server processes on one PostgreSQL share a run without doing an
// engagement twice, and a run whose worker died resumes when its leases expire.
import type { AssessmentReview, ChangeImpact, ChangeKind } from '../core/review/diff-assessments.ts';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import type { Database } from './database.ts';
import { LandfallError } from '../core/errors.ts';
import { readAssessment, readProfile, StoredRecordError } from './records/index.ts';

export const REVIEW_AXES = ['date', 'content', 'both'] as const;
export type ReviewAxis = (typeof REVIEW_AXES)[number];
export type RunStatus = 'running' | 'done' | 'cancelled';
export type ResultState = 'pending' | 'claimed' | 'done' | 'failed';

export interface ReviewRun {
  id: string;
  axis: ReviewAxis;
  /** The earlier date; null on the content axis: each engagement's stored assessment date. */
  from: string | null;
  to: string;
  afterContent: string;
  status: RunStatus;
  total: number;
  done: number;
  failed: number;
  createdAt: string;
  finishedAt: string | null;
}

/** One engagement's line in the portfolio table. */
export interface ReviewResultRow {
  engagementId: string;
  engagement: string;
  state: ResultState;
  substantive: number | null;
  citationOnly: number | null;
  highestImpact: ChangeImpact | null;
  byKind: Record<ChangeKind, number> | null;
  error: string | null;
  acceptedAt: string | null;
}

/** A claimed row with what the worker needs to review it. */
export interface ClaimedReview {
  runId: string;
  engagementId: string;
  axis: ReviewAxis;
  from: string | null;
  to: string;
  /** The newest profile version's input; null when the engagement has none. */
  profile: unknown;
  /** The date and content version of the engagement's newest stored assessment. */
  storedAsOf: string | null;
  storedContent: string | null;
  /**
   * That assessment as it was made, on the axes that compare against it (content, both); the date
   * axis re-evaluates the profile on both dates and leaves it unread (it is the largest column).
   */
  stored: Assessment | null;
  /** Why the engagement's stored profile or assessment cannot be read; the row is then recorded as failed, not reviewed. */
  unreadable: string | null;
}

export interface CompletedReview {
  runId: string;
  engagementId: string;
  review: AssessmentReview;
}

/** How many rows a worker may fail on before the row is given up as failed. */
export const MAX_ATTEMPTS = 3;

const iso = (value: Date | string | null): string | null => (value == null ? null : new Date(value).toISOString());
/** Dates are read as text (`::text`), so both databases give YYYY-MM-DD without a time zone. */
const day = (value: string | null): string | null => (value == null ? null : value.slice(0, 10));

interface RunRow {
  id: string; axis: ReviewAxis; from_date: string | null; to_date: string; after_content: string; status: RunStatus;
  total: number; done: number; failed: number; created_at: Date; finished_at: Date | null;
}

const RUN_COLUMNS = 'id, axis, from_date::text as from_date, to_date::text as to_date, after_content, status, total, done, failed, created_at, finished_at';

function runFrom(row: RunRow): ReviewRun {
  return {
    id: row.id, axis: row.axis, from: day(row.from_date), to: day(row.to_date)!, afterContent: row.after_content, status: row.status,
    total: Number(row.total), done: Number(row.done), failed: Number(row.failed), createdAt: iso(row.created_at)!, finishedAt: iso(row.finished_at),
  };
}

export class ReviewStore {
  constructor(private readonly db: Database) {}

  /** Keeps a content version's law book (once per version); later reviews can load it back. */
  async keepContent(contentVersion: string, fingerprint: string, snapshot: string | (() => string)): Promise<void> {
    // Checked first, so a server start with a known version does not serialise and send the book.
    const known = await this.db.query('select 1 from content_snapshots where content_version = $1', [contentVersion]);
    if (known.rows.length > 0) return;
    const text = typeof snapshot === 'string' ? snapshot : snapshot();
    await this.db.query('insert into content_snapshots (content_version, fingerprint, snapshot) values ($1, $2, $3) on conflict (content_version) do nothing', [contentVersion, fingerprint, text]);
  }

  async content(contentVersion: string): Promise<{ fingerprint: string; snapshot: string } | undefined> {
    const { rows } = await this.db.query<{ fingerprint: string; snapshot: string }>('select fingerprint, snapshot from content_snapshots where content_version = $1', [contentVersion]);
    return rows[0];
  }

  /**
   * A run over every active engagement the user may edit (owner or editor), queued in one
   * transaction: the run and all its rows exist, or nothing does.
   */
  async createRun(userId: string, request: { axis: ReviewAxis; from: string | null; to: string; afterContent: string }): Promise<ReviewRun> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<RunRow>(
        `insert into review_runs (created_by, axis, from_date, to_date, after_content, total)
         values ($1, $2, $3, $4, $5, (select count(*) from memberships m join engagements e on e.id = m.engagement_id
                                       where m.user_id = $1 and m.role in ('owner', 'editor') and e.archived_at is null))
         returning ${RUN_COLUMNS}`,
        [userId, request.axis, request.from, request.to, request.afterContent],
      );
      const run = rows[0]!;
      await tx.query(
        `insert into review_results (run_id, engagement_id)
         select $1, m.engagement_id from memberships m join engagements e on e.id = m.engagement_id
          where m.user_id = $2 and m.role in ('owner', 'editor') and e.archived_at is null`,
        [run.id, userId],
      );
      if (Number(run.total) === 0) {
        const done = await tx.query<RunRow>(`update review_runs set status = 'done', finished_at = now() where id = $1 returning ${RUN_COLUMNS}`, [run.id]);
        return runFrom(done.rows[0]!);
      }
      return runFrom(run);
    });
  }

  /**
   * Claims up to `limit` rows for `workerId`: pending ones, and claimed ones whose lease has run out
   * (their worker stopped). The lease is renewed by completing the batch within `leaseMs`.
   */
  async claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedReview[]> {
    const claimed = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ run_id: string; engagement_id: string }>(
        `update review_results r
            set state = 'claimed', claimed_by = $1, claimed_until = now() + make_interval(secs => $3::double precision / 1000), attempts = r.attempts + 1
           from (select q.run_id, q.engagement_id from review_results q join review_runs run on run.id = q.run_id
                  where run.status = 'running' and (q.state = 'pending' or (q.state = 'claimed' and q.claimed_until < now()))
                  order by q.run_id, q.engagement_id
                  limit $2
                  for update of q skip locked) pick
          where r.run_id = pick.run_id and r.engagement_id = pick.engagement_id
          returning r.run_id, r.engagement_id`,
        [workerId, limit, leaseMs],
      );
      return rows;
    });
    if (claimed.length === 0) return [];
    const { rows } = await this.db.query<{ run_id: string; engagement_id: string; axis: ReviewAxis; from_date: string | null; to_date: string; profile: unknown; profile_record: number | null; as_of: string | null; content_version: string | null; assessment_id: string | null; result: unknown; result_record: number | null; profile_number: number | null }>(
      `select r.run_id, r.engagement_id, run.axis, run.from_date::text as from_date, run.to_date::text as to_date,
              latest.profile, latest.profile_record, latest.profile_number, latest.as_of, latest.content_version, latest.assessment_id, latest.result_record, case when run.axis = 'date' then null else latest.result end as result
         from review_results r
         join review_runs run on run.id = r.run_id
         left join lateral (
           select p.profile, p.record_version as profile_record, p.number as profile_number, a.as_of::text as as_of, a.content_version, a.id as assessment_id, a.result, a.record_version as result_record
             from profile_versions p join assessments a on a.profile_version_id = p.id
            where p.engagement_id = r.engagement_id order by p.number desc, a.created_at desc limit 1
         ) latest on true
        where r.claimed_by = $1 and r.state = 'claimed' and (r.run_id, r.engagement_id) in (select * from unnest($2::uuid[], $3::uuid[]))`,
      [workerId, claimed.map((row) => row.run_id), claimed.map((row) => row.engagement_id)],
    );
    return rows.map((row) => {
      const claim = { runId: row.run_id, engagementId: row.engagement_id, axis: row.axis, from: day(row.from_date), to: day(row.to_date)!, storedAsOf: day(row.as_of), storedContent: row.content_version };
      try {
        const profile = row.profile == null ? null : readProfile(row.profile, row.profile_record ?? 1, `profile_versions ${row.engagement_id}#${row.profile_number}: profile`);
        const stored = row.result == null ? null : readAssessment(row.result, row.result_record ?? 1, `assessments ${row.assessment_id}: result`);
        return { ...claim, profile, stored, unreadable: null };
      } catch (error) {
        if (!(error instanceof StoredRecordError)) throw error;
        return { ...claim, profile: null, stored: null, unreadable: error.message };
      }
    });
  }

  /**
   * Records a batch: results written and each run's progress counted in one transaction. A row
   * another worker has reclaimed meanwhile (this worker's lease ran out) is not overwritten.
   */
  async complete(workerId: string, completed: readonly CompletedReview[], failures: ReadonlyArray<{ runId: string; engagementId: string; error: string }> = []): Promise<void> {
    if (completed.length === 0 && failures.length === 0) return;
    await this.db.transaction(async (tx) => {
      const done = completed.length === 0 ? [] : (await tx.query<{ run_id: string }>(
        `update review_results r
            set state = 'done', review = x.review, substantive = x.substantive, citation_only = x.citation_only, highest_impact = x.highest_impact,
                by_kind = x.by_kind, error = null, claimed_by = null, claimed_until = null
           from jsonb_to_recordset($2::jsonb) as x(run_id uuid, engagement_id uuid, review jsonb, substantive int, citation_only int, highest_impact text, by_kind jsonb)
          where r.run_id = x.run_id and r.engagement_id = x.engagement_id and r.claimed_by = $1 and r.state = 'claimed'
          returning r.run_id`,
        [workerId, JSON.stringify(completed.map(({ runId, engagementId, review }) => ({
          run_id: runId, engagement_id: engagementId, review, substantive: review.summary.substantive, citation_only: review.summary.citationOnly,
          highest_impact: review.summary.highestImpact, by_kind: review.summary.byKind,
        })))],
      )).rows;
      // A failure goes back to the queue until it has been tried MAX_ATTEMPTS times.
      const failed = failures.length === 0 ? [] : (await tx.query<{ run_id: string; state: ResultState }>(
        `update review_results r
            set state = case when r.attempts >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end, error = x.error, claimed_by = null, claimed_until = null
           from jsonb_to_recordset($2::jsonb) as x(run_id uuid, engagement_id uuid, error text)
          where r.run_id = x.run_id and r.engagement_id = x.engagement_id and r.claimed_by = $1 and r.state = 'claimed'
          returning r.run_id, r.state`,
        [workerId, JSON.stringify(failures.map(({ runId, engagementId, error }) => ({ run_id: runId, engagement_id: engagementId, error: error.slice(0, 2000) })))],
      )).rows;
      const counts = new Map<string, { done: number; failed: number }>();
      const count = (runId: string) => counts.get(runId) ?? counts.set(runId, { done: 0, failed: 0 }).get(runId)!;
      for (const row of done) count(row.run_id).done += 1;
      for (const row of failed) if (row.state === 'failed') count(row.run_id).failed += 1;
      for (const [runId, { done: doneCount, failed: failedCount }] of counts) {
        await tx.query(
          `update review_runs set done = done + $2, failed = failed + $3,
                  status = case when done + $2 + failed + $3 >= total then 'done' else status end,
                  finished_at = case when done + $2 + failed + $3 >= total then now() else finished_at end
            where id = $1 and status = 'running'`,
          [runId, doneCount, failedCount],
        );
      }
    });
  }

  /** The runs a user started, newest first. */
  async runs(userId: string, limit = 20): Promise<ReviewRun[]> {
    const { rows } = await this.db.query<RunRow>(`select ${RUN_COLUMNS} from review_runs where created_by = $1 order by created_at desc limit $2`, [userId, limit]);
    return rows.map(runFrom);
  }

  /** A run the user started; others' runs are not found. */
  async run(runId: string, userId: string): Promise<ReviewRun> {
    const { rows } = await this.db.query<RunRow>(`select ${RUN_COLUMNS} from review_runs where id = $1 and created_by = $2`, [runId, userId]);
    if (!rows[0]) throw new LandfallError('not_found', 'no such review');
    return runFrom(rows[0]);
  }

  async cancel(runId: string, userId: string): Promise<ReviewRun> {
    await this.run(runId, userId);
    const { rows } = await this.db.query<RunRow>(`update review_runs set status = 'cancelled', finished_at = now() where id = $1 and status = 'running' returning ${RUN_COLUMNS}`, [runId]);
    return rows[0] ? runFrom(rows[0]) : this.run(runId, userId);
  }

  /**
   * The portfolio table of a run, highest impact first, only for engagements the user can still
   * edit; `after` is the cursor (the last engagement id of the previous page).
   */
  async results(runId: string, userId: string, options: { after?: string | undefined; limit?: number } = {}): Promise<{ rows: ReviewResultRow[]; nextCursor: string | null }> {
    await this.run(runId, userId);
    const limit = options.limit ?? 200;
    const { rows } = await this.db.query<{ engagement_id: string; name: string; state: ResultState; substantive: number | null; citation_only: number | null; highest_impact: ChangeImpact | null; by_kind: Record<ChangeKind, number> | null; error: string | null; accepted_at: Date | null }>(
      `select r.engagement_id, e.name, r.state, r.substantive, r.citation_only, r.highest_impact, r.by_kind, r.error, r.accepted_at
         from review_results r
         join engagements e on e.id = r.engagement_id
         join memberships m on m.engagement_id = r.engagement_id and m.user_id = $2 and m.role in ('owner', 'editor')
        where r.run_id = $1 and ($3::uuid is null or r.engagement_id > $3::uuid)
        order by r.engagement_id
        limit $4`,
      [runId, userId, options.after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit).map((row) => ({
      engagementId: row.engagement_id, engagement: row.name, state: row.state, substantive: row.substantive, citationOnly: row.citation_only,
      highestImpact: row.highest_impact, byKind: row.by_kind, error: row.error, acceptedAt: iso(row.accepted_at),
    }));
    return { rows: page, nextCursor: rows.length > limit ? page[page.length - 1]!.engagementId : null };
  }

  /** One engagement's review in a run, if the user can edit the engagement. */
  async result(runId: string, engagementId: string, userId: string): Promise<{ row: ReviewResultRow; review: AssessmentReview | null }> {
    await this.run(runId, userId);
    const { rows } = await this.db.query<{ name: string; state: ResultState; substantive: number | null; citation_only: number | null; highest_impact: ChangeImpact | null; by_kind: Record<ChangeKind, number> | null; error: string | null; accepted_at: Date | null; review: AssessmentReview | null }>(
      `select e.name, r.state, r.substantive, r.citation_only, r.highest_impact, r.by_kind, r.error, r.accepted_at, r.review
         from review_results r
         join engagements e on e.id = r.engagement_id
         join memberships m on m.engagement_id = r.engagement_id and m.user_id = $3 and m.role in ('owner', 'editor')
        where r.run_id = $1 and r.engagement_id = $2`,
      [runId, engagementId, userId],
    );
    const row = rows[0];
    if (!row) throw new LandfallError('not_found', 'no such engagement in this review');
    return {
      row: {
        engagementId, engagement: row.name, state: row.state, substantive: row.substantive, citationOnly: row.citation_only, highestImpact: row.highest_impact,
        byKind: row.by_kind, error: row.error, acceptedAt: iso(row.accepted_at),
      },
      review: row.review,
    };
  }
}
