// The portfolio review at scale: 10,000 engagements (the generated portfolio, each stored with its
// profile and assessment as the workbench stores them) reviewed from 2023-06-15 to 2026-12-01 as a
// background job on embedded PGlite (or the server in LANDFALL_BENCH_DATABASE_URL). Beside it, in
// the same run, the engine alone doing the same reviews in memory: the ratio is what the job's
// queue, reads and writes cost on top of the law. Writes bench/results/review.json and
// bench/REVIEW.md. Run with `npm run bench:review` (part of `npm run bench`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { engineText } from '../src/i18n/messages.ts';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lawBook } from '../src/content/load-content.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { PortfolioReviewWorker, reviewEngagement } from '../src/jobs/portfolio-review.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { ReviewStore } from '../src/store/review-store.ts';
import { generatePortfolio } from './portfolio.ts';

const ROOT = join(import.meta.dirname, '..');
const COUNT = Number(process.env.LANDFALL_BENCH_ENGAGEMENTS ?? 10_000);
const FROM = '2023-06-15';
const TO = '2026-12-01';
const TARGET_SECONDS = 60;
const book = lawBook();
const url = process.env.LANDFALL_BENCH_DATABASE_URL;
const load = { before: loadavg().map((value) => Math.round(value * 100) / 100), after: [] as number[] };

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

const profiles = generatePortfolio(COUNT);
const db = await openDatabase(url ? { url, schema: `landfall_bench_${process.pid}` } : {});
await migrate(db);
const userId = (await db.query<{ id: string }>("insert into users (email, name, password_hash) values ('bench@example.com', 'Bench', 'unused') returning id")).rows[0]!.id;

// Setup (not timed): every engagement as the workbench stores it, in batches.
const setupStart = performance.now();
let storedBytes = 0;
for (let start = 0; start < COUNT; start += 250) {
  const rows = profiles.slice(start, start + 250).map((profile, offset) => {
    const assessment = assessProfile(book, profile, FROM, engineText());
    const result = JSON.stringify(assessment);
    storedBytes += result.length;
    return { name: `Engagement ${start + offset + 1}`, profile, result: JSON.parse(result) as unknown, content: book.contentVersion, engine: assessment.engineVersion };
  });
  await db.transaction(async (tx) => {
    await tx.query(
      `with input as (select * from jsonb_to_recordset($2::jsonb) as x(name text, profile jsonb, result jsonb, content text, engine text)),
            e as (insert into engagements (name, created_by) select name, $1 from input returning id, name),
            m as (insert into memberships (engagement_id, user_id, role) select id, $1, 'owner' from e),
            p as (insert into profile_versions (engagement_id, number, profile, created_by)
                  select e.id, 1, input.profile, $1 from e join input using (name) returning id, engagement_id)
       insert into assessments (engagement_id, profile_version_id, as_of, content_version, engine_version, result, created_by)
       select p.engagement_id, p.id, $3::date, input.content, input.engine, input.result, $1
         from p join e on e.id = p.engagement_id join input using (name)`,
      [userId, JSON.stringify(rows), FROM],
    );
  });
}
const setupSeconds = (performance.now() - setupStart) / 1000;

// Baseline: the engine alone, the same reviews in memory.
const engineCpu = process.cpuUsage();
const engineWall = performance.now();
let changes = 0;
for (const profile of profiles) changes += reviewEngagement({ axis: 'date', from: FROM, to: TO, profile, stored: null, storedAsOf: FROM }, book, undefined).changes.length;
const engine = { wallSeconds: (performance.now() - engineWall) / 1000, cpuSeconds: cpuSeconds(engineCpu) };

// The job: queue the run, then one worker drains it.
const store = new ReviewStore(db);
const jobCpu = process.cpuUsage();
const jobWall = performance.now();
const run = await store.createRun(userId, { axis: 'date', from: FROM, to: TO, afterContent: book.contentVersion });
const reviewed = await new PortfolioReviewWorker({ store, lawBook: book }).drain();
const job = { wallSeconds: (performance.now() - jobWall) / 1000, cpuSeconds: cpuSeconds(jobCpu) };
const status = await store.run(run.id, userId);
if (status.status !== 'done' || status.done !== COUNT || reviewed !== COUNT) throw new Error(`the run did not finish: ${JSON.stringify(status)}`);
const storedChanges = (await db.query<{ n: string }>('select sum(substantive + citation_only)::text as n from review_results where run_id = $1', [run.id])).rows[0]!.n;
if (Number(storedChanges) !== changes) throw new Error(`the job recorded ${storedChanges} changes, the engine ${changes}`);
if (url) await db.query(`drop schema landfall_bench_${process.pid} cascade`);
await db.close();
load.after = loadavg().map((value) => Math.round(value * 100) / 100);

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version };
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
const result = {
  machine, load, database: url ? 'PostgreSQL server' : 'PGlite (in memory)', engagements: COUNT, from: FROM, to: TO,
  storedAssessmentMiB: round(storedBytes / 2 ** 20, 1), setupSeconds: round(setupSeconds, 1), changes,
  engine: { ...engine, perSecond: Math.round(COUNT / engine.wallSeconds) },
  job: { ...job, perSecond: Math.round(COUNT / job.wallSeconds) },
  ratio: round(job.wallSeconds / engine.wallSeconds), targetSeconds: TARGET_SECONDS, met: job.wallSeconds < TARGET_SECONDS,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'review.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(ROOT, 'bench', 'REVIEW.md'), `# Portfolio review at scale

\`npm run bench:review\`: ${COUNT.toLocaleString('en')} engagements of the generated portfolio (bench/portfolio.ts), each stored with
its profile and its assessment as of ${FROM} (${result.storedAssessmentMiB} MiB of assessments), reviewed on the date axis from ${FROM}
to ${TO} as a background job on ${result.database}: the run queued in one transaction, one worker claiming
batches with FOR UPDATE SKIP LOCKED, each batch's results and progress written in one transaction. Beside it,
measured in the same run, the engine alone doing the same reviews in memory (two assessments and a diff each).

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.
Load average (1, 5, 15 min) before the run ${load.before.join(', ')}, after it ${load.after.join(', ')}${load.before[0]! > machine.cores ? ' — the machine was busy with other work, so wall times are high' : ''}.

| what | wall time | CPU time (this process) | engagements per second |
|---|---|---|---|
| the engine alone, in memory | ${round(engine.wallSeconds)} s | ${round(engine.cpuSeconds)} s | ${result.engine.perSecond.toLocaleString('en')} |
| the review job, queue to done | ${round(job.wallSeconds)} s | ${round(job.cpuSeconds)} s | ${result.job.perSecond.toLocaleString('en')} |

The job takes ${result.ratio}× the engine's time; target: under ${TARGET_SECONDS} s for ${COUNT.toLocaleString('en')} engagements — ${result.met ? 'met' : 'not met'}.
Both found the same ${changes.toLocaleString('en')} changes (the bench checks it). Setup (storing the engagements, not timed): ${result.setupSeconds} s.
`);
console.log(JSON.stringify(result, null, 2));
