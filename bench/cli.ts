// Cold start of the CLI: `landfall assess examples/automotive-oem.yaml` (JSON to a pipe) against
// `node -e 0`, both run as fresh processes in the same run and alternated, so the ratio holds on a
// busy machine too; the alternated batch is repeated (LANDFALL_BENCH_CLI_REPEATS, default 3) and
// the median batch ratio is the figure, with the load average noted. The compiled CLI is built
// first (bin/landfall.js runs its esbuild bundle, dist/bundle). Writes bench/results/cli.json and bench/CLI.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.LANDFALL_BENCH_CLI_RUNS ?? 21);
const REPEATS = Number(process.env.LANDFALL_BENCH_CLI_REPEATS ?? 3);

execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'server'], { cwd: ROOT, stdio: 'inherit' });

function time(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const commands = {
  baseline: ['-e', '0'],
  assess: ['bin/landfall.js', 'assess', 'examples/automotive-oem.yaml', '--format', 'json'],
  help: ['bin/landfall.js', '--help'],
};
const loadBefore = loadavg();
time(commands.assess); // one warm-up for the file-system cache
const batches = Array.from({ length: REPEATS }, () => {
  const samples: Record<keyof typeof commands, number[]> = { baseline: [], assess: [], help: [] };
  for (let run = 0; run < RUNS; run += 1) for (const key of Object.keys(commands) as Array<keyof typeof commands>) samples[key].push(time(commands[key]));
  const baseline = median(samples.baseline);
  return {
    baselineMs: Number(baseline.toFixed(1)),
    assessMs: Number(median(samples.assess).toFixed(1)),
    assessRatio: Number((median(samples.assess) / baseline).toFixed(2)),
    helpMs: Number(median(samples.help).toFixed(1)),
    helpRatio: Number((median(samples.help) / baseline).toFixed(2)),
  };
});
const loadAfter = loadavg();
const middle = [...batches].sort((a, b) => a.assessRatio - b.assessRatio)[Math.floor(batches.length / 2)]!;
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version };
const load = { before: loadBefore.map((value) => Number(value.toFixed(2))), after: loadAfter.map((value) => Number(value.toFixed(2))) };
const result = {
  date: new Date().toISOString(),
  machine,
  load,
  method: `${REPEATS} batches of ${RUNS} fresh processes per command, the three commands alternated within a batch; each batch's median wall times and ratios, and the batch with the median assess ratio as the figure`,
  ...middle,
  assessTargetMet: middle.assessRatio <= 4,
  batches,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'cli.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(ROOT, 'bench', 'CLI.md'), `# CLI cold start

Recorded by \`npm run bench:cli\` on ${result.date.slice(0, 10)}; raw figures in \`bench/results/cli.json\`.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.
Load average (1, 5, 15 min) before the run ${load.before.join(', ')}, after it ${load.after.join(', ')}.
Method: ${result.method}.

| command | median | × \`node -e 0\` |
|---|---:|---:|
| \`node -e 0\` (baseline) | ${result.baselineMs} ms | 1 |
| \`landfall assess examples/automotive-oem.yaml --format json\` | ${result.assessMs} ms | ${result.assessRatio} |
| \`landfall --help\` | ${result.helpMs} ms | ${result.helpRatio} |

Every batch (assess ratio): ${batches.map((batch) => batch.assessRatio).join(', ')}.

Target (issue "The house rebuilt for speed"): assess at most 4× \`node -e 0\`: ${result.assessTargetMet ? 'met' : 'not met'} in this run.
`);
console.log(JSON.stringify(result, null, 2));
