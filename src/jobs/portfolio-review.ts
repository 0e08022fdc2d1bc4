// The portfolio review as background work. A run is queued as one row per engagement
// (ReviewStore.createRun); workers in any server process claim rows in batches, review each
// engagement and record the result with the run's progress. Nothing is held in memory between
// batches, so a killed process loses at most its current batch, which another worker (or the same
// one after a restart) claims again when the lease expires.
//
// Why the database's own row locks and not a job library: the queue must run on embedded PGlite
// as well as on a PostgreSQL server, and the maintained PostgreSQL job libraries (pg-boss,
// graphile-worker) need a server (LISTEN/NOTIFY on a pool, their own schema installer, several
// connections). FOR UPDATE SKIP LOCKED with a lease is all a review needs: docs/ARCHITECTURE.md.
import { randomBytes } from 'node:crypto';
import { restoreLawBook } from '../content/law-book-snapshot.ts';
import { assessProfile } from '../core/assess/assess-profile.ts';
import { engineText } from '../i18n/messages.ts';
import { describeError } from '../core/errors.ts';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import type { LawBook } from '../core/law/content-schema.ts';
import { diffAssessments, type AssessmentReview } from '../core/review/diff-assessments.ts';
import { withDueDuties } from '../core/review/due-in-window.ts';
import type { ClaimedReview, CompletedReview, ReviewStore } from '../store/review-store.ts';

export interface ReviewWorkerOptions {
  store: ReviewStore;
  /** The content the server runs with: the later side of every review. */
  lawBook: LawBook;
  /** Names this worker in claims; unique per process by default. */
  workerId?: string;
  batchSize?: number;
  /** How long a claim holds before another worker may take the rows over. */
  leaseMs?: number;
  log?: (line: string) => void;
}

/**
 * One engagement's review. The date axis evaluates the current content on both dates; the content
 * axis sets the stored assessment (made with the content of its day) against the current content
 * on the same date; both axes together compare the stored assessment, or, when a date is given and
 * the earlier content is kept, that content on the earlier date, with the current content on `to`.
 */
export function reviewEngagement(claim: Pick<ClaimedReview, 'axis' | 'from' | 'to' | 'profile' | 'stored' | 'storedAsOf'>, current: LawBook, earlier: LawBook | undefined): AssessmentReview {
  const { axis, from, to, profile } = claim;
  if (claim.storedAsOf == null) throw new Error('the engagement has no assessment');
  const compare = (before: Assessment, after: Assessment) => withDueDuties(current, diffAssessments(before, after, engineText()), after, engineText());
  if (axis === 'date') return compare(assessProfile(current, profile, from ?? claim.storedAsOf, engineText()), assessProfile(current, profile, to, engineText()));
  const stored = claim.stored;
  if (stored == null) throw new Error('the engagement has no stored assessment');
  if (axis === 'content') return compare(stored, assessProfile(current, profile, stored.asOf, engineText()));
  const before: Assessment = from != null && earlier ? assessProfile(earlier, profile, from, engineText()) : stored;
  return compare(before, assessProfile(current, profile, to, engineText()));
}

export class PortfolioReviewWorker {
  readonly workerId: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly log: (line: string) => void;
  private readonly books = new Map<string, Promise<LawBook | undefined>>();
  private draining: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: ReviewWorkerOptions) {
    this.workerId = options.workerId ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.batchSize = options.batchSize ?? 250;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.log = options.log ?? ((line) => process.stderr.write(`landfall: ${line}\n`));
  }

  /** Works until no row is left to claim; returns how many engagements this call reviewed. */
  drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      let reviewed = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            if (this.stopped) return reviewed;
            const batch = await this.options.store.claim(this.workerId, this.batchSize, this.leaseMs);
            if (batch.length === 0) break;
            reviewed += await this.process(batch);
          }
        } while (this.again && !this.stopped);
        return reviewed;
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /** Polls for work every `intervalMs` (runs started by other processes, expired leases). */
  start(intervalMs = 2_000): void {
    this.stopped = false;
    const tick = () => {
      this.drain()
        .catch((error: unknown) => this.log(`portfolio review: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs).unref();
        });
    };
    tick();
  }

  /** Wakes the worker now (a run was just queued). */
  poke(): void {
    if (this.stopped) return;
    this.drain().catch((error: unknown) => this.log(`portfolio review: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Stops after the current batch; its rows are recorded before this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining?.catch(() => undefined);
  }

  private async process(batch: ClaimedReview[]): Promise<number> {
    const completed: CompletedReview[] = [];
    const failures: Array<{ runId: string; engagementId: string; error: string }> = [];
    for (const claim of batch) {
      try {
        if (claim.unreadable != null) throw new Error(claim.unreadable);
        const earlier = claim.axis === 'both' && claim.from != null && claim.storedContent != null ? await this.book(claim.storedContent) : undefined;
        completed.push({ runId: claim.runId, engagementId: claim.engagementId, review: reviewEngagement(claim, this.options.lawBook, earlier) });
      } catch (error) {
        failures.push({ runId: claim.runId, engagementId: claim.engagementId, error: describeError(error) });
      }
    }
    await this.options.store.complete(this.workerId, completed, failures);
    return completed.length;
  }

  /** The law book of a content version: the current one, or one kept in the store. */
  private book(contentVersion: string): Promise<LawBook | undefined> {
    if (contentVersion === this.options.lawBook.contentVersion) return Promise.resolve(this.options.lawBook);
    let book = this.books.get(contentVersion);
    if (!book) {
      book = this.options.store.content(contentVersion).then((kept) => (kept ? restoreLawBook(kept.snapshot, kept.fingerprint) : undefined));
      this.books.set(contentVersion, book);
    }
    return book;
  }
}
