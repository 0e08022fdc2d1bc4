// The portfolio review as a job on the database: a run queues every engagement the user can edit,
// workers claim rows with SKIP LOCKED (two workers never review one engagement twice), a run whose
// worker died resumes when the lease expires, failures are retried then recorded, and results are
// only readable by people who can edit the engagement.
import { readFileSync } from 'node:fs';
import { appContext } from '../src/app/context.ts';
import { createEngagement } from '../src/app/engagements.ts';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseLawBook } from '../src/content/law-book-snapshot.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { PortfolioReviewWorker, reviewEngagement } from '../src/jobs/portfolio-review.ts';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { ReviewStore } from '../src/store/review-store.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { DATABASES, dropSchema } from './db-helpers.ts';
import { book } from './helpers.ts';

const EXAMPLES = ['automotive-oem.yaml', 'b2b-saas.yaml', 'consumer-ecommerce.yaml', 'fintech-cii.yaml', 'mobile-game.yaml', 'multinational-hr.yaml'];
function example(name: string): Record<string, unknown> {
  const parsed = parseProfileText(readFileSync(join(import.meta.dirname, '..', 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(name);
  return parsed.value as Record<string, unknown>;
}

describe.each(DATABASES)('portfolio review on $name', ({ options: makeOptions }) => {
  let db: Database;
  let options: OpenOptions;
  let store: WorkspaceStore;
  let reviews: ReviewStore;
  let consultant: string;
  let viewerOnly: string;
  const engagements: string[] = [];
  beforeAll(async () => {
    options = makeOptions();
    db = await openDatabase(options);
    await migrate(db);
    store = new WorkspaceStore(db, book);
    reviews = new ReviewStore(db);
    consultant = await store.createUser('consultant@example.com', 'Consultant', 'unused');
    viewerOnly = await store.createUser('viewer@example.com', 'Viewer', 'unused');
    for (const name of EXAMPLES) {
      const id = await createEngagement(appContext(store, { today: () => '2023-06-15' }), { userId: consultant, name: name, input: example(name), sourceText: null });
      await store.setMember(id, consultant, 'viewer@example.com', 'viewer');
      engagements.push(id);
    }
  }, 120_000);
  afterAll(async () => dropSchema(db, options));

  it('reviews every editable engagement from 2023-06-15 to 2026-12-01 and records the transfer-route changes', async () => {
    const run = await reviews.createRun(consultant, { axis: 'date', from: '2023-06-15', to: '2026-12-01', afterContent: book.contentVersion });
    expect(run).toMatchObject({ status: 'running', total: EXAMPLES.length, done: 0 });
    const worker = new PortfolioReviewWorker({ store: reviews, lawBook: book, batchSize: 4 });
    expect(await worker.drain()).toBe(EXAMPLES.length);
    expect(await reviews.run(run.id, consultant)).toMatchObject({ status: 'done', done: EXAMPLES.length, failed: 0 });
    const { rows } = await reviews.results(run.id, consultant);
    expect(rows).toHaveLength(EXAMPLES.length);
    expect(rows.every((row) => row.state === 'done' && row.substantive != null)).toBe(true);
    // The 2024 Provisions changed routes: at least one engagement's route changed, with its reason.
    const routeChanges = rows.filter((row) => (row.byKind?.route ?? 0) > 0);
    expect(routeChanges.map((row) => row.engagement)).toContain('automotive-oem.yaml');
    const motors = routeChanges.find((row) => row.engagement === 'automotive-oem.yaml')!;
    const one = await reviews.result(run.id, motors.engagementId, consultant);
    const route = one.review!.changes.find((change) => change.path === 'organisation.cbdt.mechanism')!;
    expect(route.meaning.length).toBeGreaterThan(20);
    expect(route.citations.after.length).toBeGreaterThan(0);
    // The stored result is exactly the review the engine gives for that engagement.
    const latest = await store.latest(motors.engagementId);
    expect(one.review).toEqual(JSON.parse(JSON.stringify(reviewEngagement({ axis: 'date', from: '2023-06-15', to: '2026-12-01', profile: latest.profile, stored: null, storedAsOf: latest.assessment.asOf }, book, undefined))));
  });

  it('on one date with one content version finds nothing', async () => {
    const run = await reviews.createRun(consultant, { axis: 'content', from: null, to: '2023-06-15', afterContent: book.contentVersion });
    await new PortfolioReviewWorker({ store: reviews, lawBook: book }).drain();
    const { rows } = await reviews.results(run.id, consultant);
    expect(rows.map((row) => [row.state, row.substantive, row.citationOnly])).toEqual(EXAMPLES.map(() => ['done', 0, 0]));
  });

  it('shares a run between two workers without reviewing an engagement twice', async () => {
    const run = await reviews.createRun(consultant, { axis: 'date', from: '2025-12-15', to: '2026-01-15', afterContent: book.contentVersion });
    const claimed: string[] = [];
    const spy = (inner: ReviewStore): ReviewStore => Object.assign(Object.create(inner) as ReviewStore, {
      claim: async (...args: Parameters<ReviewStore['claim']>) => {
        const batch = await inner.claim(...args);
        claimed.push(...batch.map((row) => row.engagementId));
        return batch;
      },
    });
    const a = new PortfolioReviewWorker({ store: spy(reviews), lawBook: book, batchSize: 1, workerId: 'a' });
    const b = new PortfolioReviewWorker({ store: spy(reviews), lawBook: book, batchSize: 1, workerId: 'b' });
    const [doneA, doneB] = await Promise.all([a.drain(), b.drain()]);
    expect(doneA + doneB).toBe(EXAMPLES.length);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(await reviews.run(run.id, consultant)).toMatchObject({ status: 'done', done: EXAMPLES.length });
    // The Cybersecurity Law renumbering shows as citation changes.
    const { rows } = await reviews.results(run.id, consultant);
    expect(rows.some((row) => (row.citationOnly ?? 0) > 0)).toBe(true);
  });

  it('resumes a run whose worker stopped mid-way once its lease expires', async () => {
    const run = await reviews.createRun(consultant, { axis: 'date', from: '2023-06-15', to: '2026-12-01', afterContent: book.contentVersion });
    // A worker claims two rows and dies before recording them.
    const lost = await reviews.claim('dead-worker', 2, 1);
    expect(lost).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const worker = new PortfolioReviewWorker({ store: reviews, lawBook: book, workerId: 'restarted' });
    expect(await worker.drain()).toBe(EXAMPLES.length);
    // The dead worker's late write is refused: its rows belong to the new claim now.
    await reviews.complete('dead-worker', lost.map((claim) => ({ runId: claim.runId, engagementId: claim.engagementId, review: { ...reviewEngagement(claim, book, undefined), organisation: 'stale' } })));
    expect(await reviews.run(run.id, consultant)).toMatchObject({ status: 'done', done: EXAMPLES.length, failed: 0 });
    const one = await reviews.result(run.id, lost[0]!.engagementId, consultant);
    expect(one.review!.organisation).not.toBe('stale');
  });

  it('retries a failing engagement, then records the failure without stopping the run', async () => {
    const run = await reviews.createRun(consultant, { axis: 'date', from: '2023-06-15', to: '2026-12-01', afterContent: book.contentVersion });
    const broken = engagements[0]!;
    // A stored assessment whose shape the engine cannot read (an unmigrated record, say).
    const failing = Object.assign(Object.create(reviews) as ReviewStore, {
      claim: async (...args: Parameters<ReviewStore['claim']>) => (await reviews.claim(...args)).map((row) => (row.engagementId === broken ? { ...row, profile: { organisation: 'not a profile' } } : row)),
    });
    const worker = new PortfolioReviewWorker({ store: failing, lawBook: book, leaseMs: 60_000 });
    await worker.drain();
    const status = await reviews.run(run.id, consultant);
    expect(status).toMatchObject({ status: 'done', done: EXAMPLES.length - 1, failed: 1 });
    const row = await reviews.result(run.id, broken, consultant);
    expect(row.row.state).toBe('failed');
    expect(row.row.error).toBeTruthy();
  });

  it('shows a run only to its creator and results only to editors of the engagement', async () => {
    const run = await reviews.createRun(consultant, { axis: 'date', from: '2023-06-15', to: '2026-12-01', afterContent: book.contentVersion });
    await expect(reviews.run(run.id, viewerOnly)).rejects.toThrow('no such review');
    await expect(reviews.result(run.id, engagements[0]!, viewerOnly)).rejects.toThrow();
    // A viewer's own run covers nothing: viewers cannot act on a review.
    expect(await reviews.createRun(viewerOnly, { axis: 'date', from: '2023-06-15', to: '2026-12-01', afterContent: book.contentVersion })).toMatchObject({ total: 0, status: 'done' });
    await reviews.cancel(run.id, consultant);
    expect(await new PortfolioReviewWorker({ store: reviews, lawBook: book }).drain()).toBe(0);
  });

  it('keeps past content versions loadable and uses one on the two-axis review', async () => {
    await reviews.keepContent(book.contentVersion, book.contentVersion, serialiseLawBook(book, book.contentVersion));
    await reviews.keepContent(book.contentVersion, 'other', 'ignored: the first copy of a version stays');
    const kept = await reviews.content(book.contentVersion);
    expect(kept?.fingerprint).toBe(book.contentVersion);
    const run = await reviews.createRun(consultant, { axis: 'both', from: '2025-12-15', to: '2026-01-15', afterContent: book.contentVersion });
    await new PortfolioReviewWorker({ store: reviews, lawBook: book }).drain();
    expect(await reviews.run(run.id, consultant)).toMatchObject({ status: 'done', done: EXAMPLES.length, failed: 0 });
    const { rows } = await reviews.results(run.id, consultant);
    expect(rows.some((row) => (row.citationOnly ?? 0) > 0)).toBe(true);
  });
});
