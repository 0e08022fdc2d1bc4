// Load benchmark of the server: requests per second and p99 latency for reading an annex and for
// re-assessing a profile, driven from this process against a server running in a second process
// on loopback (PGlite, the demo engagements). Writes bench/results/load.json and bench/LOAD.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const ROOT = join(import.meta.dirname, '..');
const DURATION_SECONDS = Number(process.env.LANDFALL_LOAD_SECONDS ?? 10);
const REASSESS_PER_ENGAGEMENT = Number(process.env.LANDFALL_LOAD_REASSESS ?? 40);
const dataDir = mkdtempSync(join(tmpdir(), 'landfall-load-'));
const password = 'load benchmark passphrase';

const server = spawn(process.execPath, ['bin/landfall.js', 'serve', '--port', '0', '--data-dir', dataDir], {
  cwd: ROOT,
  env: { ...process.env, LANDFALL_ADMIN_EMAIL: 'load@example.com', LANDFALL_ADMIN_PASSWORD: password, DATABASE_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url: string = await new Promise((resolve, reject) => {
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /running at (http:\/\/[^\s]+)/.exec(output);
    if (match) resolve(match[1]!);
  });
  server.on('exit', () => reject(new Error(`server exited: ${output}`)));
});

try {
  const login = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'load@example.com', password }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const { token } = (await (await fetch(`${url}/api/tokens`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'load' }) })).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const engagements = ((await (await fetch(`${url}/api/engagements`, { headers: auth })).json()) as { engagements: Array<{ id: string; name: string }> }).engagements;
  const automotive = engagements.find((engagement) => engagement.name.includes('Example Motors'))!;

  // 1. Reading the annex of the automotive engagement (JSON), 10 connections.
  const read = await autocannon({ url: `${url}/api/engagements/${automotive.id}/annex`, headers: auth, connections: 10, duration: DURATION_SECONDS });
  if (read.non2xx > 0 || read.errors > 0) throw new Error(`annex reads failed: ${read.non2xx} non-2xx, ${read.errors} errors`);

  // 2. Re-assessing: every demo engagement gets a new profile version in turn (each a transaction
  // with a full assessment and annex merge); one sequential writer per engagement, all in parallel.
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    engagements.map(async (engagement) => {
      const current = (await (await fetch(`${url}/api/engagements/${engagement.id}`, { headers: auth })).json()) as { version: number; profile: Record<string, unknown> };
      let version = current.version;
      for (let index = 0; index < REASSESS_PER_ENGAGEMENT; index += 1) {
        const profile = { ...current.profile, plan: { start: `2027-01-${String(1 + (index % 28)).padStart(2, '0')}` } };
        const begin = performance.now();
        const response = await fetch(`${url}/api/engagements/${engagement.id}/profile`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ profile, version }) });
        latencies.push(performance.now() - begin);
        if (response.status !== 200) throw new Error(`re-assessment failed with ${response.status}: ${await response.text()}`);
        version = ((await response.json()) as { version: number }).version;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;

  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const result = {
    date: new Date().toISOString(),
    machine,
    server: 'landfall serve, one process, PGlite in a temporary folder, 6 demo engagements; load from a second process over loopback',
    annexRead: { route: 'GET /api/engagements/:id/annex (automotive example, JSON)', connections: 10, seconds: DURATION_SECONDS, requestsPerSecond: Math.round(read.requests.average), p50Ms: read.latency.p50, p99Ms: read.latency.p99, requests: read.requests.total },
    reassess: { route: 'PUT /api/engagements/:id/profile (new version, assessment, annex merge)', writers: engagements.length, requests: latencies.length, requestsPerSecond: Number((latencies.length / seconds).toFixed(1)), p50Ms: Number(percentile(50).toFixed(1)), p99Ms: Number(percentile(99).toFixed(1)) },
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'load.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench', 'LOAD.md'), `# Load benchmark

Recorded by \`npm run bench:load\` on ${result.date.slice(0, 10)}; raw figures in \`bench/results/load.json\`.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}. ${result.server}.

| workload | concurrency | requests | requests per second | p50 | p99 |
|---|---:|---:|---:|---:|---:|
| read an annex (JSON) | ${result.annexRead.connections} connections, ${DURATION_SECONDS} s | ${result.annexRead.requests} | ${result.annexRead.requestsPerSecond} | ${result.annexRead.p50Ms} ms | ${result.annexRead.p99Ms} ms |
| re-assess a profile | ${result.reassess.writers} sequential writers | ${result.reassess.requests} | ${result.reassess.requestsPerSecond} | ${result.reassess.p50Ms} ms | ${result.reassess.p99Ms} ms |
`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
