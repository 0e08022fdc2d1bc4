// Assessment throughput: the examples, and a generated portfolio of 10,000 profiles.
// Writes bench/results/assess.json and bench/RESULTS.md. Run with `npm run bench`.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lawBook } from '../src/content/load-content.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { gapsForProfile } from '../src/core/controls/profile-gaps.ts';

const ROOT = join(import.meta.dirname, '..');
const AS_OF = '2026-11-22';
const ROUNDS = 7;
const book = lawBook();

/** A small seeded generator, so every run assesses the same portfolio. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function generatePortfolio(count: number): unknown[] {
  const next = random(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const objects = ['citizens_and_organisations', 'social_order_and_public_interest', 'national_security'] as const;
  const degrees = ['general', 'serious', 'especially_serious'] as const;
  const profiles: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    const systemCount = 1 + Math.floor(next() * 4);
    const systems = Array.from({ length: systemCount }, (_, s) => ({
      id: `system-${s}`,
      audience: pick(['consumers', 'businesses', 'internal'] as const),
      commercialService: next() < 0.3,
      platform: next() < 0.1,
      channels: [pick(['website', 'app', 'mini_program', 'api'] as const)],
      hosting: pick(['overseas', 'mainland', 'mainland', 'hong_kong'] as const),
      users: { registered: Math.floor(next() * 5_000_000), monthlyActive: Math.floor(next() * 1_000_000) },
      sensitivePersonalInformation: next() < 0.3 ? [pick(['location_tracking', 'financial_account', 'biometric'] as const)] : [],
      importantData: pick(['none', 'none', 'none', 'suspected', 'notified'] as const),
      dataCategories: next() < 0.2 ? ['vehicle_telematics'] : [],
      impact: {
        businessInformation: { object: pick(objects), degree: pick(degrees) },
        systemService: { object: pick(objects), degree: pick(degrees) },
      },
      integrations: ['google_maps', 'stripe', 'aws', 'sentry', 'salesforce'].filter(() => next() < 0.4),
    }));
    const transfers = Array.from({ length: Math.floor(next() * 4) }, (_, t) => ({
      id: `transfer-${t}`,
      fromSystem: `system-${Math.floor(next() * systemCount)}`,
      destination: pick(['DE', 'US', 'HK', 'SG'] as const),
      scenario: pick(['none', 'none', 'contract_with_individual', 'cross_border_hr', 'no_personal_information'] as const),
      nonSensitiveIndividuals: Math.floor(next() * 1_500_000),
      sensitiveIndividuals: next() < 0.3 ? Math.floor(next() * 20_000) : 0,
    }));
    profiles.push({
      organisation: { name: `Portfolio firm ${index}`, sectors: [pick(['saas', 'automotive', 'finance', 'ecommerce', 'gaming'] as const)], ciiNotified: next() < 0.05, mainlandEntity: pick(['none', 'planned', 'established'] as const) },
      systems,
      transfers,
      plan: { start: '2027-01-01' },
    });
  }
  return profiles;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(profiles: unknown[], repeat: number, work: (profile: unknown) => unknown = (profile) => assessProfile(book, profile, AS_OF)): { perSecond: number; roundsPerSecond: number[] } {
  const roundsPerSecond: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round += 1) {
    const started = performance.now();
    for (let r = 0; r < repeat; r += 1) for (const profile of profiles) work(profile);
    const seconds = (performance.now() - started) / 1000;
    if (round > 0) roundsPerSecond.push((profiles.length * repeat) / seconds); // round 0 warms up the JIT
  }
  return { perSecond: median(roundsPerSecond), roundsPerSecond };
}

const exampleFiles = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml')).sort();
const examples = exampleFiles.map((name) => {
  const parsed = parseProfileText(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} is invalid`);
  return parsed.value;
});
const portfolioSize = Number(process.env.LANDFALL_BENCH_PORTFOLIO ?? 10_000);
const portfolio = generatePortfolio(portfolioSize);

const exampleResult = measure(examples, 200);
const portfolioResult = measure(portfolio, 1);
const gapsResult = measure(examples, 20, (profile) => gapsForProfile(book, profile, AS_OF));
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version };
const result = {
  date: new Date().toISOString(),
  asOf: AS_OF,
  contentVersion: book.contentVersion,
  machine,
  method: `median of ${ROUNDS} timed rounds after one warm-up round; single process, single thread; validation, normalisation and every determination (the GB/T 22239 gap summary of every system included) counted; content loaded once`,
  examples: { profiles: examples.length, files: exampleFiles, assessmentsPerSecond: Math.round(exampleResult.perSecond), rounds: exampleResult.roundsPerSecond.map(Math.round) },
  gapRegisters: { profiles: examples.length, registersPerSecond: Math.round(gapsResult.perSecond), rounds: gapsResult.roundsPerSecond.map(Math.round) },
  portfolio: { profiles: portfolio.length, assessmentsPerSecond: Math.round(portfolioResult.perSecond), secondsForPortfolio: Number((portfolio.length / portfolioResult.perSecond).toFixed(2)), rounds: portfolioResult.roundsPerSecond.map(Math.round) },
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'assess.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `# Benchmark results

Recorded by \`npm run bench\` on ${result.date.slice(0, 10)}; raw figures in \`bench/results/assess.json\`.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.
Method: ${result.method}.

| workload | profiles | assessments per second (median) | time for the set |
|---|---:|---:|---:|
| the ${examples.length} examples (each assessed 200 times a round) | ${examples.length} | ${result.examples.assessmentsPerSecond} | ${(examples.length / exampleResult.perSecond * 1000).toFixed(2)} ms |
| full gap register (\`landfall gaps\`, every system) of the ${examples.length} examples | ${examples.length} | ${result.gapRegisters.registersPerSecond} registers | ${(examples.length / gapsResult.perSecond * 1000).toFixed(2)} ms |
| generated portfolio | ${portfolio.length} | ${result.portfolio.assessmentsPerSecond} | ${result.portfolio.secondsForPortfolio} s |
`);
console.log(JSON.stringify({ examples: result.examples.assessmentsPerSecond, portfolio: result.portfolio.assessmentsPerSecond, machine }, null, 2));
