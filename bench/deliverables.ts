// Deliverable export times: the DOCX and PDF annex of examples/automotive-oem.yaml, each the median
// of several runs after a warm-up, beside `node -e 0` measured in the same run as the baseline.
// The PDF is measured warm through the pooled browser, cold (the export that launches it), and
// the old way (a browser launched and closed for one export) for comparison.
// Writes bench/results/deliverables.json and bench/DELIVERABLES.md. Run with `npm run bench:deliverables`.
import { spawnSync } from 'node:child_process';
import { engineText } from '../src/i18n/messages.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { lawBook } from '../src/content/load-content.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { CHROMIUM_FLAGS, PdfPool } from '../src/render/pdf-browser-pool.ts';
import { renderAnnexDocx } from '../src/render/render-annex-docx.ts';
import { annexView, derivedItems, renderAnnexHtml } from '../src/render/render-annex.ts';
import { CHROMIUM_PATH, renderAnnexPdf } from '../src/render/render-annex-pdf.ts';

const ROOT = join(import.meta.dirname, '..');
const AS_OF = '2026-11-22';
const ROUNDS = Number(process.env.LANDFALL_BENCH_ROUNDS ?? 7);
const EXAMPLE = 'automotive-oem.yaml';

interface Timing {
  medianMs: number;
  cpuMedianMs: number;
  runsMs: number[];
}

const round = (value: number) => Math.round(value * 10) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One warm-up, then ROUNDS timed runs; CPU time covers every thread of this process. */
async function time(work: () => unknown, rounds = ROUNDS): Promise<Timing> {
  await work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await work();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { medianMs: round(median(wall)), cpuMedianMs: round(median(cpu)), runsMs: wall.map(round) };
}

const parsed = parseProfileText(readFileSync(join(ROOT, 'examples', EXAMPLE), 'utf8'), EXAMPLE);
if (!parsed.ok) throw new Error(`${EXAMPLE} is invalid`);
const annex = deriveAnnex(assessProfile(lawBook(), parsed.value, AS_OF, engineText()));
const view = annexView(annex, derivedItems(annex), AS_OF);
const loadBefore = loadavg();

const nodeBaseline = await time(() => {
  const run = spawnSync(process.execPath, ['-e', '0']);
  if (run.status !== 0) throw new Error('node -e 0 failed');
});

const docx = await time(() => renderAnnexDocx(view));

const pool = new PdfPool({ executablePath: CHROMIUM_PATH, concurrency: 1, queueLimit: 0, timeoutMs: 60_000 });
const coldStarted = performance.now();
await renderAnnexPdf(view, pool);
const pdfColdMs = round(performance.now() - coldStarted);
const pdfWarm = await time(() => renderAnnexPdf(view, pool));
await pool.close();

// The way before the pool: a browser launched, used for one page and closed, per export.
const html = renderAnnexHtml(view);
const pdfPerExport = await time(async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await browser.close();
  }
}, Math.min(ROUNDS, 5));

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version };
const load = { before: loadBefore.map(round), after: loadavg().map(round) };
const ratio = (timing: Timing) => round(timing.medianMs / nodeBaseline.medianMs);
const result = {
  date: new Date().toISOString(),
  machine,
  loadAverage: load,
  method: `median of ${ROUNDS} timed runs after one warm-up (the per-export browser: ${Math.min(ROUNDS, 5)}); wall time, with the CPU time of this process (every thread) beside it; the annex of examples/${EXAMPLE} as of ${AS_OF}, assessed and derived once before timing`,
  baseline: { what: 'node -e 0 (spawned)', ...nodeBaseline },
  docx: { ...docx, ratioToNode: ratio(docx), targetMs: 500 },
  pdfWarm: { ...pdfWarm, ratioToNode: ratio(pdfWarm), targetMs: 700 },
  pdfCold: { ms: pdfColdMs, what: 'the first export through a new pool, launching Chromium' },
  pdfBrowserPerExport: { ...pdfPerExport, ratioToNode: ratio(pdfPerExport) },
};

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'deliverables.json'), `${JSON.stringify(result, null, 2)}\n`);
const row = (what: string, timing: Timing, target: string) => `| ${what} | ${timing.medianMs} ms | ${timing.cpuMedianMs} ms | ${ratio(timing)}× | ${target} |`;
writeFileSync(join(ROOT, 'bench', 'DELIVERABLES.md'), `# Deliverable export times

Recorded by \`npm run bench\` (\`bench/deliverables.ts\`) on ${result.date.slice(0, 10)}; raw figures in \`bench/results/deliverables.json\`.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.
Load average (1, 5, 15 min) before the run ${load.before.join(', ')}, after it ${load.after.join(', ')}${load.before[0]! > machine.cores ? ' — the machine was busy with other work, so these figures are high; ratios to `node -e 0` are steadier than the milliseconds' : ''}.
Method: ${result.method}.

| export | wall time (median) | CPU time (median) | × \`node -e 0\` | target |
|---|---:|---:|---:|---|
| \`node -e 0\` (baseline) | ${nodeBaseline.medianMs} ms | ${nodeBaseline.cpuMedianMs} ms | 1× | |
${row('DOCX annex (diagram PNGs by sharp)', docx, '< 500 ms')}
${row('PDF annex, warm (pooled browser, a page per export)', pdfWarm, '< 700 ms')}
| PDF annex, cold (the export that launches the browser) | ${pdfColdMs} ms | | ${round(pdfColdMs / nodeBaseline.medianMs)}× | |
${row('PDF annex, a browser launched per export (the old way)', pdfPerExport, '')}
`);
console.log(JSON.stringify({ nodeMs: nodeBaseline.medianMs, docxMs: docx.medianMs, pdfWarmMs: pdfWarm.medianMs, pdfColdMs, pdfPerExportMs: pdfPerExport.medianMs, load, machine }, null, 2));
