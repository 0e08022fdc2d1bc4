// Benchmark of profile parsing under the limits of parse-profile-text.ts: how long the worst
// texts of each shape take to parse on the main thread, and how long the event loop is blocked
// when the server parses them off the main thread (parse-profile-off-thread.ts) while a timer
// ticks. A realistic example profile is the baseline, measured in the same run. Writes
// bench/results/parse.json and bench/PARSE.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, stringify } from 'yaml';
import { PROFILE_TEXT_LIMITS, parseProfileText } from '../src/content/parse-profile-text.ts';
import { parseProfileTextOffThread } from '../src/content/parse-profile-off-thread.ts';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.LANDFALL_PARSE_RUNS ?? 7);
const BYTES = PROFILE_TEXT_LIMITS.bytes;

/** `unit` repeated to fill the byte limit between `head` and `tail`. */
const fill = (unit: string, head = '', tail = '') => head + unit.repeat(Math.floor((BYTES - head.length - tail.length) / unit.length)) + tail;
const example = readFileSync(join(ROOT, 'examples', 'automotive-oem.yaml'), 'utf8');
/** The example with its systems repeated (fresh ids) until the text is about 48 KB. */
const realisticLarge = (() => {
  const value = parse(example) as { systems: Array<Record<string, unknown>> };
  const systems = value.systems;
  for (let copy = 1; stringify(value, { aliasDuplicateObjects: false }).length < 48 * 1024; copy += 1) value.systems = [...value.systems, ...systems.map((system) => ({ ...system, id: `${String(system.id)}-${copy}` }))];
  return stringify(value, { aliasDuplicateObjects: false });
})();

const CASES: Array<{ name: string; text: string }> = [
  { name: 'example profile (automotive-oem.yaml)', text: example },
  { name: 'realistic 48 KB profile', text: realisticLarge },
  { name: 'flow sequence at the node limit', text: `a: [${Array(PROFILE_TEXT_LIMITS.nodes - 3).fill('1').join(',')}]` },
  { name: 'one mapping at the node limit', text: Array.from({ length: PROFILE_TEXT_LIMITS.nodes / 2 - 1 }, (_, index) => `k${index}: 1`).join('\n') },
  { name: '128 KB of unclosed flow brackets', text: fill('[') },
  { name: '128 KB of nested flow mappings', text: fill('{a: ') },
  { name: '128 KB of block sequence items', text: fill('- 1\n') },
  { name: '128 KB of long quoted scalars', text: fill(`- "${'x'.repeat(1000)}"\n`) },
  { name: '128 KB comment', text: fill('x', '# ') },
  { name: 'aliases at the limit, each to a 190-value list', text: `a: &a [${Array(190).fill('1').join(',')}]\nb: [${Array(PROFILE_TEXT_LIMITS.aliases).fill('*a').join(',')}]` },
  { name: 'alias bomb (refused)', text: ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n') },
];

function mainThread(text: string): { medianMs: number; maxMs: number; outcome: string } {
  const times: number[] = [];
  let outcome = '';
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    const result = parseProfileText(text, 'profile');
    times.push(performance.now() - start);
    outcome = result.ok ? 'parsed' : `${result.code}: ${result.problems[0]!.message.slice(0, 60)}`;
  }
  const measured = times.slice(1).sort((a, b) => a - b); // the first run warms the JIT
  return { medianMs: measured[Math.floor(measured.length / 2)]!, maxMs: measured.at(-1)!, outcome };
}

/** The longest the event loop waited while the worker parsed `text` RUNS times, and the median wall time of one parse. */
async function offThread(text: string): Promise<{ maxLoopDelayMs: number; offThreadMs: number }> {
  await parseProfileTextOffThread('a: 1'); // the worker is started and warm
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const times: number[] = [];
  delay.enable();
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    await parseProfileTextOffThread(text, { source: 'profile' });
    times.push(performance.now() - start);
  }
  delay.disable();
  return { maxLoopDelayMs: delay.max / 1e6, offThreadMs: times.sort((a, b) => a - b)[Math.floor(times.length / 2)]! };
}

/** The event loop's own jitter on this machine with nothing to do, over `ms`: the floor for the figures above. */
async function idleDelay(ms: number): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await sleep(ms);
  delay.disable();
  return delay.max / 1e6;
}

const rows = [];
for (const { name, text } of CASES) {
  const main = mainThread(text);
  const off = await offThread(text);
  rows.push({ name, bytes: Buffer.byteLength(text), ...main, ...off });
  process.stderr.write(`${name}: ${main.medianMs.toFixed(1)} ms median, ${main.maxMs.toFixed(1)} ms max on the main thread; ${off.offThreadMs.toFixed(1)} ms off it, ${off.maxLoopDelayMs.toFixed(1)} ms event-loop delay\n`);
}
const idleMs = await idleDelay(3_000);
const baseline = rows[0]!.medianMs;
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg().map((value) => value.toFixed(1)).join(' / ')} at the start of the run (the machine is shared)`;
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'parse.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, limits: PROFILE_TEXT_LIMITS, runs: RUNS, idleLoopDelayMs: idleMs, rows }, null, 2)}\n`);
const table = rows.map((row) => `| ${row.name} | ${row.bytes} | ${row.medianMs.toFixed(1)} ms | ${row.maxMs.toFixed(1)} ms | ${(row.medianMs / baseline).toFixed(1)}× | ${row.offThreadMs.toFixed(1)} ms | ${row.maxLoopDelayMs.toFixed(1)} ms | ${row.outcome} |`);
process.stdout.write(`${table.join('\n')}\n\nIdle event-loop delay (3 s, nothing running): ${idleMs.toFixed(1)} ms\n\nMachine: ${machine}\n`);
