// The workbench's two numbers: how much JavaScript it ships (initial and on demand, raw and gzip)
// and how long a live what-if takes (POST /preview over loopback, the call the intake makes on
// every change). Writes bench/results/web.json and bench/WEB.md. Run with `npm run bench:web`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { startServer } from '../src/server/serve.ts';

const ROOT = join(import.meta.dirname, '..');
const REQUESTS = 200;

interface Chunk { file: string; bytes: number; gzip: number; initial: boolean; messages?: string }

function buildAndMeasure(): Chunk[] {
  const outDir = mkdtempSync(join(tmpdir(), 'landfall-web-bench-'));
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[]; css?: string[] }>;
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    if (initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const css of chunk.css ?? []) initial.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  // The message catalogues' chunks (web/src/i18n/parts.ts): which locale and part each one is.
  const messages = new Map(Object.entries(manifest).flatMap(([key, chunk]) => {
    const found = /virtual:landfall\/messages\/([^/]+)\/(\w+)$/.exec(key);
    return found ? [[chunk.file, `${found[1]} ${found[2]}`] as const] : [];
  }));
  const chunks = readdirSync(join(outDir, 'assets')).map((name) => {
    const bytes = readFileSync(join(outDir, 'assets', name));
    const part = messages.get(`assets/${name}`);
    return { file: `assets/${name}`, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(`assets/${name}`), ...(part ? { messages: part } : {}) };
  });
  rmSync(outDir, { recursive: true, force: true });
  return chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.bytes - a.bytes);
}

async function previewLatency(): Promise<{ median: number; p95: number; max: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'landfall-web-bench-db-'));
  const password = 'bench passphrase, long enough';
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminEmail: 'bench@example.com', adminPassword: password, today: () => new Date().toISOString().slice(0, 10), log: () => {} });
  try {
    const login = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const list = (await (await fetch(`${server.url}/api/engagements`, { headers })).json()) as { engagements: Array<{ id: string; name: string }> };
    const automotive = list.engagements.find((engagement) => /Valmont|Automotive/i.test(engagement.name)) ?? list.engagements[0]!;
    const engagement = (await (await fetch(`${server.url}/api/engagements/${automotive.id}`, { headers })).json()) as { profile: { transfers: Array<{ nonSensitiveIndividuals?: number }> } };
    const times: number[] = [];
    for (let index = 0; index < REQUESTS; index += 1) {
      const profile = structuredClone(engagement.profile);
      if (profile.transfers[0]) profile.transfers[0].nonSensitiveIndividuals = 50_000 + index * 10_000; // every call a different what-if
      const started = performance.now();
      const response = await fetch(`${server.url}/api/engagements/${automotive.id}/preview`, { method: 'POST', headers, body: JSON.stringify({ profile }) });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`preview answered ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (quantile: number) => Math.round(times[Math.min(times.length - 1, Math.floor(quantile * times.length))]! * 10) / 10;
    return { median: at(0.5), p95: at(0.95), max: at(1) };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const chunks = buildAndMeasure();
const latency = await previewLatency();
const machine = `${cpus()[0]?.model.trim()} (${cpus().length} cores), ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`;
const sum = (list: Chunk[], key: 'bytes' | 'gzip') => list.reduce((total, chunk) => total + chunk[key], 0);
const initialJs = chunks.filter((chunk) => chunk.initial && chunk.file.endsWith('.js'));
const initialCss = chunks.filter((chunk) => chunk.initial && chunk.file.endsWith('.css'));
const lazy = chunks.filter((chunk) => !chunk.initial);

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'web.json'), `${JSON.stringify({ machine, chunks, previewMs: latency, requests: REQUESTS }, null, 2)}\n`);
writeFileSync(
  join(ROOT, 'bench', 'WEB.md'),
  [
    '# Workbench: bundle size and what-if latency',
    '',
    `Machine: ${machine}. Written by \`npm run bench:web\`.`,
    '',
    '## Shipped JavaScript and CSS',
    '',
    `- First load: JavaScript ${kib(sum(initialJs, 'bytes'))} (${kib(sum(initialJs, 'gzip'))} gzip), CSS ${kib(sum(initialCss, 'bytes'))} (${kib(sum(initialCss, 'gzip'))} gzip).`,
    `- On demand: ${kib(sum(lazy, 'bytes'))} (${kib(sum(lazy, 'gzip'))} gzip), loaded only when a view needs it: the engagement workspace, the review and the account pages (each when first opened), the intake (its form and the profile schema it validates with) and the YAML parser of its YAML view. Target (issue "The house rebuilt for speed"): first-load JavaScript at most 40 KB compressed.`,
    '- Messages (web/src/i18n): the English messages of the first page (shell, login, engagements list) ship inside the first load; Chinese loads only when chosen, and each language\'s other messages load with the views that need them (the intake\'s with the intake).',
    '- The browser test fails if the first-load JavaScript grows past 90 KiB gzip.',
    '',
    '| file | loaded | size | gzip |',
    '|---|---|---|---|',
    ...chunks.map((chunk) => `| ${chunk.file.replace(/-[A-Za-z0-9_-]{8}\./, '-[hash].')}${chunk.messages ? ` (messages: ${chunk.messages})` : ''} | ${chunk.initial ? 'first load' : 'on demand'} | ${kib(chunk.bytes)} | ${kib(chunk.gzip)} |`),
    '',
    '## Live what-if (the intake\'s preview)',
    '',
    `POST /api/engagements/:id/preview with the automotive example, a different transfer volume each call, ${REQUESTS} calls in sequence over loopback against \`landfall serve\` (PGlite): median ${latency.median} ms, p95 ${latency.p95} ms, max ${latency.max} ms. The intake waits 250 ms after the last keystroke before it asks, so an answer shows about ${Math.round(250 + latency.median)} ms after typing stops.`,
    '',
  ].join('\n'),
);
console.log(`first-load JS ${kib(sum(initialJs, 'gzip'))} gzip; preview median ${latency.median} ms, p95 ${latency.p95} ms`);
