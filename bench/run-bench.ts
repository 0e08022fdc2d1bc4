// Assessment throughput: the examples, a generated portfolio of 10,000 profiles, and how the cost of
// one assessment, and of the annex derived from it, grows with the systems in the profile. Rates
// are per CPU-second of this process (process.cpuUsage), so other work on the machine does not
// count against them; a baseline measured in the same run (serialising the same assessments) gives
// a ratio that travels between machines.
// Writes bench/results/assess.json and bench/RESULTS.md. Run with `npm run bench`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import type { Assessment } from '../src/core/assess/assessment-schema.ts';
import { generatePortfolio } from './portfolio.ts';
import type * as Api from '../src/index.ts';
import type * as GapAnalysis from '../src/core/controls/gap-analysis.ts';
import type * as Normalise from '../src/core/profile/normalise-profile.ts';
import type * as Shared from '../src/core/assess/shared-answers.ts';
import type * as Messages from '../src/i18n/messages.ts';

const ROOT = join(import.meta.dirname, '..');
const AS_OF = '2026-11-22';
const ROUNDS = Number(process.env.LANDFALL_BENCH_ROUNDS ?? 7);
// The portfolio's rate is the target's: more rounds, so that a burst of work by the machine's
// neighbours (a shared cloud host's, seen to halve a round's rate for some seconds) moves the median less.
const PORTFOLIO_ROUNDS = Number(process.env.LANDFALL_BENCH_PORTFOLIO_ROUNDS ?? 11);
const TARGET_PER_CPU_SECOND = 10_000;
const GROWTH_SYSTEMS = [1, 10, 100, 1000];

// The engine is measured as users run it: the compiled package's API (dist/index.js, what
// `import { assess } from 'landfall'` loads), built first when a source is newer than the build.
// The modules the API does not export (the full register's parts, the shared answers' reset) are
// the same compiled files, so they act on the same module state. Types come from the sources.
execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'server'], { cwd: ROOT, stdio: 'inherit' });
const compiled = <T>(path: string): Promise<T> => import(pathToFileURL(join(ROOT, 'dist', path)).href) as Promise<T>;
const api = await compiled<typeof Api>('index.js');
const { analyseGaps, gapInput, isCatalogLevel } = await compiled<typeof GapAnalysis>('core/controls/gap-analysis.js');
const { normaliseProfile } = await compiled<typeof Normalise>('core/profile/normalise-profile.js');
const { forgetSharedAnswers } = await compiled<typeof Shared>('core/assess/shared-answers.js');
const { engineText } = await compiled<typeof Messages>('i18n/messages.js');
const book = await api.loadLawBook();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

interface Rate {
  /** Median over the timed rounds, per CPU-second. */
  perCpuSecond: number;
  /** Median over the timed rounds, per wall-clock second (shared machine: for reference only). */
  perWallSecond: number;
  rounds: number[];
}

/** Runs `work` over `items` `repeat` times a round; one warm-up round for the JIT, then ROUNDS timed rounds. */
function measure<T>(items: readonly T[], repeat: number, work: (item: T) => unknown, rounds = ROUNDS): Rate {
  const perCpu: number[] = [];
  const perWall: number[] = [];
  for (let round = 0; round < rounds + 1; round += 1) {
    // Each round starts with no shared answers: what one firm's assessment leaves for the next is
    // counted within a round only, never carried from the round before.
    forgetSharedAnswers();
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let r = 0; r < repeat; r += 1) for (const item of items) work(item);
    const seconds = cpuSeconds(cpu);
    const wallSeconds = (performance.now() - wall) / 1000;
    if (round > 0) {
      perCpu.push((items.length * repeat) / seconds);
      perWall.push((items.length * repeat) / wallSeconds);
    }
  }
  return { perCpuSecond: median(perCpu), perWallSecond: median(perWall), rounds: perCpu.map(Math.round) };
}

const exampleFiles = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml')).sort();
const examples = exampleFiles.map((name) => {
  const parsed = parseProfileText(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} is invalid`);
  return parsed.value;
});
const portfolioSize = Number(process.env.LANDFALL_BENCH_PORTFOLIO ?? 10_000);
const portfolio = generatePortfolio(portfolioSize);
const assess = (profile: unknown) => api.assess(profile, { asOf: AS_OF, lawBook: book });

const exampleResult = measure(examples, 200, assess);
const gapsResult = measure(examples, 20, (profile) => api.analyseGaps(profile, { asOf: AS_OF, lawBook: book }));
const portfolioResult = measure(portfolio, 1, assess, PORTFOLIO_ROUNDS);

// Baseline in the same run: serialising the same assessments, the least any consumer does with them.
const assessments: Assessment[] = portfolio.map(assess);
const outputBytes = assessments.reduce((sum, assessment) => sum + JSON.stringify(assessment).length, 0);
const serialiseResult = measure(assessments, 1, (assessment) => JSON.stringify(assessment));

// What the gap summary used to cost: the full register of every portfolio system at its graded level.
const registerInputs = portfolio.flatMap((profile, index) => {
  const normalised = normaliseProfile(profile, AS_OF);
  if (!normalised.ok) throw new Error(`portfolio profile ${index} is invalid`);
  return normalised.profile.systems.flatMap((system, s) => {
    const level = assessments[index]!.systems[s]!.mlps.level;
    return isCatalogLevel(level) ? [gapInput(normalised.profile, system, normalised.defaultsUsed, level, 'graded')] : [];
  });
});
const registerSample = registerInputs.slice(0, 2_000);
const registerResult = measure(registerSample, 1, (input) => analyseGaps(book.controls, input, engineText()), 3);

// Growth: one profile with 1, 10, 100 and 1,000 systems (drawn as in the portfolio).
const growth = GROWTH_SYSTEMS.map((systems) => {
  const profiles = generatePortfolio(1, { seed: 1000 + systems, systemsPerProfile: systems });
  const repeat = Math.max(1, Math.round(400 / systems));
  const rate = measure(profiles, repeat, assess, 5);
  const msPerAssessment = 1000 / rate.perCpuSecond;
  // The annex derived from the profile's assessment (register, guardrails, questions, decisions,
  // diagrams): what a profile update costs after the assessment, and what grew with the square of
  // the systems before its prose named the ids it holds rather than trying every id of the profile.
  const assessment = assess(profiles[0]);
  const annexRate = measure([assessment], Math.max(1, Math.round(100 / systems)), (one) => api.deriveAnnex(one as Assessment), 5);
  const msPerAnnex = 1000 / annexRate.perCpuSecond;
  return {
    systems,
    cpuMsPerAssessment: Number(msPerAssessment.toFixed(3)),
    cpuMicrosecondsPerSystem: Math.round((msPerAssessment * 1000) / systems),
    rounds: rate.rounds,
    cpuMsPerAnnex: Number(msPerAnnex.toFixed(3)),
    annexCpuMicrosecondsPerSystem: Math.round((msPerAnnex * 1000) / systems),
    annexRounds: annexRate.rounds,
  };
});

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
  loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
};
const portfolioRate = Math.round(portfolioResult.perCpuSecond);
const result = {
  date: new Date().toISOString(),
  asOf: AS_OF,
  contentVersion: book.contentVersion,
  machine,
  method: `median of ${ROUNDS} timed rounds after one warm-up round (the portfolio: ${PORTFOLIO_ROUNDS} rounds; growth: 5; full registers: 3); the compiled package (dist/index.js: assess and analyseGaps of the programmatic API); single process, single thread; rates per CPU-second of the process (user plus system time from process.cpuUsage, which includes the garbage collector's helper threads), wall-clock rates beside them for reference; validation, normalisation and every determination (the GB/T 22239 gap summary of every system included) counted; content loaded once; every round starts with no shared answers (src/core/assess/shared-answers.ts), so what one firm's assessment leaves for the next counts only within the round`,
  examples: { profiles: examples.length, files: exampleFiles, assessmentsPerCpuSecond: Math.round(exampleResult.perCpuSecond), assessmentsPerWallSecond: Math.round(exampleResult.perWallSecond), rounds: exampleResult.rounds },
  gapRegisters: { profiles: examples.length, registersPerCpuSecond: Math.round(gapsResult.perCpuSecond), rounds: gapsResult.rounds },
  portfolio: {
    profiles: portfolio.length,
    systems: portfolio.reduce((sum: number, profile) => sum + (profile as { systems: unknown[] }).systems.length, 0),
    assessmentsPerCpuSecond: portfolioRate,
    assessmentsPerWallSecond: Math.round(portfolioResult.perWallSecond),
    cpuSecondsForPortfolio: Number((portfolio.length / portfolioResult.perCpuSecond).toFixed(2)),
    target: TARGET_PER_CPU_SECOND,
    targetMet: portfolioRate >= TARGET_PER_CPU_SECOND,
    rounds: portfolioResult.rounds,
  },
  baseline: {
    what: 'JSON.stringify of the same portfolio assessments, measured in the same run',
    averageAssessmentBytes: Math.round(outputBytes / assessments.length),
    serialisationsPerCpuSecond: Math.round(serialiseResult.perCpuSecond),
    assessmentCostInSerialisations: Number((serialiseResult.perCpuSecond / portfolioResult.perCpuSecond).toFixed(2)),
    rounds: serialiseResult.rounds,
  },
  fullRegisters: {
    what: 'analyseGaps (the full register of `landfall gaps`) for portfolio systems at their graded level, as every assessment computed before the summary was counted directly',
    systems: registerSample.length,
    registersPerCpuSecond: Math.round(registerResult.perCpuSecond),
    rounds: registerResult.rounds,
  },
  growth,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'assess.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `# Benchmark results

Recorded by \`npm run bench\` on ${result.date.slice(0, 10)}; raw figures in \`bench/results/assess.json\`.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; load average ${machine.loadAverage.join(', ')} when the run ended.
Method: ${result.method}.

| workload | profiles | per CPU-second (median) | CPU time for the set |
|---|---:|---:|---:|
| the ${examples.length} examples (each assessed 200 times a round) | ${examples.length} | ${result.examples.assessmentsPerCpuSecond} assessments | ${((examples.length / exampleResult.perCpuSecond) * 1000).toFixed(2)} ms |
| full gap register (\`landfall gaps\`, every system) of the ${examples.length} examples | ${examples.length} | ${result.gapRegisters.registersPerCpuSecond} registers | ${((examples.length / gapsResult.perCpuSecond) * 1000).toFixed(2)} ms |
| generated portfolio (${result.portfolio.systems} systems), gap summaries included | ${portfolio.length} | **${portfolioRate} assessments** (target ${TARGET_PER_CPU_SECOND}: ${result.portfolio.targetMet ? 'met' : 'not met'}) | ${result.portfolio.cpuSecondsForPortfolio} s |
| baseline: \`JSON.stringify\` of the same ${portfolio.length} assessments (${Math.round(result.baseline.averageAssessmentBytes / 1024)} KiB each on average) | ${portfolio.length} | ${result.baseline.serialisationsPerCpuSecond} serialisations | ${(portfolio.length / serialiseResult.perCpuSecond).toFixed(2)} s |

One assessment costs as much CPU as serialising ${result.baseline.assessmentCostInSerialisations} assessments to JSON (same run, same machine).
The full register of one system (\`analyseGaps\`, which every assessment used to run for its summary) runs ${result.fullRegisters.registersPerCpuSecond} times per CPU-second over ${registerSample.length} portfolio systems.

## Growth: one profile with more systems

| systems in the profile | CPU ms per assessment | CPU µs per system | CPU ms per annex (\`deriveAnnex\`) | annex CPU µs per system |
|---:|---:|---:|---:|---:|
${growth.map((row) => `| ${row.systems} | ${row.cpuMsPerAssessment} | ${row.cpuMicrosecondsPerSystem} | ${row.cpuMsPerAnnex} | ${row.annexCpuMicrosecondsPerSystem} |`).join('\n')}
`);
console.log(JSON.stringify({ examples: result.examples.assessmentsPerCpuSecond, portfolio: portfolioRate, baseline: result.baseline, growth: growth.map((row) => [row.systems, row.cpuMsPerAssessment, row.cpuMsPerAnnex]), machine }, null, 2));
