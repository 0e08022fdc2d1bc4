// The server's read paths against a bare baseline measured in the same run: reading an annex
// (JSON) from `landfall serve` beside a bare Node `http` server sending the same bytes, the
// engagement list, and both at 100, 1,000 and 10,000 engagements; then the first page's JavaScript
// as it goes over the wire (compressed). The server runs compiled (dist/) in its own process, on
// PGlite in a temporary folder; the load comes from this process over loopback (autocannon).
// Writes bench/results/server.json and bench/SERVER.md. Run with `npm run bench:server`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appContext } from '../src/app/context.ts';
import { createEngagement } from '../src/app/engagements.ts';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { lawBook } from '../src/content/load-content.ts';
import { listExamples } from '../src/server/examples.ts';
import { hashPassword } from '../src/store/auth-store.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';

const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.LANDFALL_BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const SIZES = (process.env.LANDFALL_BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const EMAIL = 'bench@example.com';
const PASSWORD = 'server benchmark passphrase';
/** Extra flags for the Landfall server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under the load. */
const SERVER_NODE_ARGS = (process.env.LANDFALL_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const TARGETS = { ratio: 0.25, annexP99Ms: 50, listP50Ms: 100, firstPageJsBytes: 40 * 1000 };

const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');
const loadAtStart = load();
spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });

// ---- the data: one account, the six examples as templates, cloned in SQL up to each size ----
const dataDir = mkdtempSync(join(tmpdir(), 'landfall-server-bench-'));
const templates: string[] = [];
let engagements = 0;

async function grow(target: number): Promise<void> {
  const db = await openDatabase({ dataDir, log: () => {} });
  try {
    await migrate(db);
    const store = new WorkspaceStore(db, lawBook());
    let owner = (await db.query<{ id: string }>('select id from users where email = $1', [EMAIL])).rows[0]?.id;
    if (!owner) {
      owner = await store.createUser(EMAIL, 'Bench', await hashPassword(PASSWORD), { isAdmin: true });
      for (const example of listExamples()) templates.push(await createEngagement(appContext(store, { today: () => '2026-12-01' }), { userId: owner, name: `Template: ${example.organisation}`, input: example.value, sourceText: example.text }));
      engagements = templates.length;
    }
    // Clones of the templates in batches: engagement, membership, profile version, assessment, annex items.
    const BATCH = 500;
    while (engagements < target) {
      const from = engagements + 1;
      const to = Math.min(target, engagements + BATCH);
      await db.transaction(async (tx) => {
        await tx.query(`create temp table clones on commit drop as
          select g, gen_random_uuid() as eid, gen_random_uuid() as pid, gen_random_uuid() as aid, ($3::uuid[])[1 + g % array_length($3::uuid[], 1)] as template
            from generate_series($1::int, $2::int) g`, [from, to, templates]);
        await tx.query(`insert into engagements (id, name, client, version, created_by, created_at, updated_at, headline)
          select c.eid, 'Clone ' || c.g || ' of ' || e.name, e.client, 1, e.created_by, now() - c.g * interval '1 minute', now() - c.g * interval '1 minute', e.headline
            from clones c join engagements e on e.id = c.template`);
        await tx.query("insert into memberships (engagement_id, user_id, role) select eid, $1, 'owner' from clones", [owner]);
        await tx.query(`insert into profile_versions (id, engagement_id, number, profile, source_text, created_by)
          select c.pid, c.eid, 1, p.profile, p.source_text, p.created_by from clones c join profile_versions p on p.engagement_id = c.template`);
        await tx.query(`insert into assessments (id, engagement_id, profile_version_id, as_of, content_version, engine_version, result, annex, created_by)
          select c.aid, c.eid, c.pid, a.as_of, a.content_version, a.engine_version, a.result, a.annex, a.created_by from clones c join assessments a on a.engagement_id = c.template`);
        await tx.query(`insert into annex_items (engagement_id, key, section, provenance, status, title, statement, data, edited_fields, superseded, version, assessment_id, updated_by)
          select c.eid, i.key, i.section, i.provenance, i.status, i.title, i.statement, i.data, i.edited_fields, i.superseded, i.version, c.aid, i.updated_by from clones c join annex_items i on i.engagement_id = c.template`);
      });
      engagements = to;
    }
    await db.query('analyze');
  } finally {
    await db.close();
  }
}

// ---- the two servers ----
async function started(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode != null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const startLandfall = async () => {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, 'bin/landfall.js', 'serve', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return { child, url: await started(child, /running at (http:\/\/[^\s]+)/) };
};

/** A bare Node http server answering every request with these bytes and this type. */
const startBare = async (file: string, type: string) => {
  const source = `const http = require('node:http'); const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': ${JSON.stringify(type)}, 'content-length': body.length }); res.end(body); });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  return { child, url: await started(child, /listening on (http:\/\/[^\s]+)/) };
};

interface Run { requestsPerSecond: number; p50Ms: number; p99Ms: number; requests: number; errors: number; non2xx: number }
async function hammer(url: string, headers: Record<string, string>, seconds = SECONDS): Promise<Run> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
  return { requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}
/** 304s count as successes here: autocannon counts only 2xx. */
async function hammerRevalidation(url: string, headers: Record<string, string>): Promise<Run & { notModified: number }> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: Math.max(3, Math.round(SECONDS / 2)) });
  const notModified = (result.statusCodeStats as Record<string, { count: number }> | undefined)?.['304']?.count ?? 0;
  return { requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, errors: result.errors + result.timeouts, non2xx: result.non2xx - notModified, notModified };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(1));
};

/** Bytes as they cross the wire (no decompression), for an Accept-Encoding. */
function wireBytes(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: Buffer; encoding: string | null }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), encoding: (res.headers['content-encoding'] as string | undefined) ?? null }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sizes: Array<{ engagements: number; annex: Run; bare: Run; ratio: number; revalidate: Run & { notModified: number }; list: Run; walk: { pages: number; p50Ms: number; p99Ms: number; firstMs: number; lastMs: number }; compressedAnnex: { bytes: number; br: number } }> = [];
let firstPage: { js: Array<{ file: string; bytes: number; wire: number; encoding: string | null }>; jsWire: number; jsRaw: number; css: number; html: number } | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'landfall-server-bench-bytes-'));

try {
  for (const size of SIZES) {
    const seedStart = performance.now();
    await grow(size);
    console.log(`${size} engagements seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const server = await startLandfall();
    try {
      const login = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const auth = { cookie };
      const automotive = templates[0]!;
      const annexUrl = `${server.url}/api/engagements/${automotive}/annex`;
      const plain = await wireBytes(annexUrl, auth);
      if (plain.status !== 200) throw new Error(`annex answered ${plain.status}`);
      const compressed = await wireBytes(annexUrl, { ...auth, 'accept-encoding': 'br' });
      const file = join(scratch, 'annex.json');
      writeFileSync(file, plain.bytes);

      const annex = await hammer(annexUrl, auth);
      const bare = await startBare(file, 'application/json');
      let bareRun: Run;
      try {
        bareRun = await hammer(bare.url, {});
      } finally {
        await stop(bare.child);
      }
      const etag = (await fetch(annexUrl, { headers: auth })).headers.get('etag')!;
      const revalidate = await hammerRevalidation(annexUrl, { ...auth, 'if-none-match': etag });
      const list = await hammer(`${server.url}/api/engagements`, auth);

      // A walk through every page in sequence: the cost of a page does not grow with its depth.
      const times: number[] = [];
      let cursor: string | null = null;
      let seen = 0;
      do {
        const begin = performance.now();
        const response = await fetch(`${server.url}/api/engagements?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: auth });
        const page = (await response.json()) as { engagements: unknown[]; nextCursor: string | null };
        times.push(performance.now() - begin);
        seen += page.engagements.length;
        cursor = page.nextCursor;
      } while (cursor);
      if (seen !== engagements) throw new Error(`the walk saw ${seen} of ${engagements} engagements`);

      sizes.push({
        engagements, annex, bare: bareRun, ratio: Number((annex.requestsPerSecond / bareRun.requestsPerSecond).toFixed(3)), revalidate, list,
        walk: { pages: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), firstMs: Number(times[0]!.toFixed(1)), lastMs: Number(times.at(-1)!.toFixed(1)) },
        compressedAnnex: { bytes: plain.bytes.length, br: compressed.encoding === 'br' ? compressed.bytes.length : plain.bytes.length },
      });
      console.log(JSON.stringify(sizes.at(-1)));

      if (size === SIZES.at(-1)) {
        // The first page as a browser that accepts brotli and gzip gets it.
        const accept = { 'accept-encoding': 'br, gzip' };
        const index = await wireBytes(`${server.url}/`, accept);
        const html = index.encoding === 'br' ? (await import('node:zlib')).brotliDecompressSync(index.bytes).toString() : index.bytes.toString();
        const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);
        const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);
        const js = await Promise.all([...new Set(scripts)].map(async (path) => {
          const wire = await wireBytes(`${server.url}${path}`, accept);
          const raw = await wireBytes(`${server.url}${path}`, {});
          return { file: path.replace(/-[A-Za-z0-9_-]{8}\./, '-[hash].'), bytes: raw.bytes.length, wire: wire.bytes.length, encoding: wire.encoding };
        }));
        const css = (await Promise.all(styles.map((path) => wireBytes(`${server.url}${path}`, accept)))).reduce((sum, response) => sum + response.bytes.length, 0);
        firstPage = { js, jsWire: js.reduce((sum, chunk) => sum + chunk.wire, 0), jsRaw: js.reduce((sum, chunk) => sum + chunk.bytes, 0), css, html: index.bytes.length };
      }
    } finally {
      await stop(server.child);
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}

const machine = { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version };
const loadAtEnd = load();
const largest = sizes.at(-1)!;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const worstAnnexP99 = Math.max(...sizes.map((row) => row.annex.p99Ms));
const annexErrors = sizes.reduce((sum, row) => sum + row.annex.errors + row.annex.non2xx, 0);
const minRatio = Math.min(...sizes.map((row) => row.ratio));
const result = { date: new Date().toISOString(), machine, loadAverage: { start: loadAtStart, end: loadAtEnd }, seconds: SECONDS, connections: CONNECTIONS, sizes, firstPage, targets: TARGETS };
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'server.json'), `${JSON.stringify(result, null, 2)}\n`);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
writeFileSync(join(ROOT, 'bench', 'SERVER.md'), [
  '# Server: annex reads, the engagement list, and the first page over the wire',
  '',
  `Recorded by \`npm run bench:server\` on ${result.date.slice(0, 10)}; raw figures in \`bench/results/server.json\`.`,
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}. Load average (1, 5, 15 min) ${loadAtStart} at the start and ${loadAtEnd} at the end: the machine is shared, so the figures that matter are the ratios, measured side by side in this run.`,
  '',
  `Method: \`landfall serve\` compiled (dist/), one process, PGlite in a temporary folder; the six examples as engagements, cloned in SQL (engagement, membership, profile version, assessment, annex items) up to each size; one account that is a member of all of them, logged in with a session cookie. Load from this process over loopback with autocannon, ${CONNECTIONS} connections, ${SECONDS} s a run. The bare baseline is a Node \`http\` server in its own process answering every request with the very bytes of the annex (read from Landfall first), run right after Landfall's run at each size.`,
  '',
  '## Annex read (JSON, automotive example)',
  '',
  '| engagements | Landfall req/s | bare `http` req/s | ratio | p50 | p99 | errors | body | brotli |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...sizes.map((row) => `| ${row.engagements} | ${row.annex.requestsPerSecond} | ${row.bare.requestsPerSecond} | **${(row.ratio * 100).toFixed(1)}%** | ${row.annex.p50Ms} ms | ${row.annex.p99Ms} ms | ${row.annex.errors + row.annex.non2xx} | ${kib(row.compressedAnnex.bytes)} | ${kib(row.compressedAnnex.br)} |`),
  '',
  `Targets: at least ${TARGETS.ratio * 100}% of the bare server (${met(minRatio >= TARGETS.ratio)}: lowest ${(minRatio * 100).toFixed(1)}%), p99 under ${TARGETS.annexP99Ms} ms (${met(worstAnnexP99 < TARGETS.annexP99Ms)}: worst ${worstAnnexP99} ms), no errors (${met(annexErrors === 0)}: ${annexErrors}).`,
  '',
  'Revalidation (If-None-Match with the current ETag, answered 304 after the membership check):',
  '',
  '| engagements | req/s | p50 | p99 | 304s |',
  '|---:|---:|---:|---:|---:|',
  ...sizes.map((row) => `| ${row.engagements} | ${row.revalidate.requestsPerSecond} | ${row.revalidate.p50Ms} ms | ${row.revalidate.p99Ms} ms | ${row.revalidate.notModified} |`),
  '',
  '## Engagement list (`GET /api/engagements`, first page of 50)',
  '',
  '| engagements | req/s | p50 | p99 | errors | walk: pages | page p50 | page p99 | first page | last page |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...sizes.map((row) => `| ${row.engagements} | ${row.list.requestsPerSecond} | ${row.list.p50Ms} ms | ${row.list.p99Ms} ms | ${row.list.errors + row.list.non2xx} | ${row.walk.pages} | ${row.walk.p50Ms} ms | ${row.walk.p99Ms} ms | ${row.walk.firstMs} ms | ${row.walk.lastMs} ms |`),
  '',
  `The walk reads every page in sequence by its cursor (one request at a time). Target: under ${TARGETS.listP50Ms} ms p50 with ${largest.engagements} engagements (${met(largest.list.p50Ms < TARGETS.listP50Ms)}: ${largest.list.p50Ms} ms under ${CONNECTIONS} concurrent connections, ${largest.walk.p50Ms} ms one at a time).`,
  '',
  '## First page over the wire',
  '',
  firstPage
    ? `Asked for with \`Accept-Encoding: br, gzip\`: the JavaScript of the first load is ${kib(firstPage.jsWire)} (${firstPage.jsWire} bytes) on the wire, ${kib(firstPage.jsRaw)} uncompressed; CSS ${kib(firstPage.css)}, index.html ${firstPage.html} bytes. Target: at most 40 KB of JavaScript, compressed (${met(firstPage.jsWire <= TARGETS.firstPageJsBytes)}).`
    : 'Not measured.',
  '',
  ...(firstPage ? ['| file | encoding | size | on the wire |', '|---|---|---:|---:|', ...firstPage.js.map((chunk) => `| ${chunk.file} | ${chunk.encoding ?? 'none'} | ${kib(chunk.bytes)} | ${kib(chunk.wire)} |`), ''] : []),
].join('\n'));
console.log(readFileSync(join(ROOT, 'bench', 'SERVER.md'), 'utf8'));
