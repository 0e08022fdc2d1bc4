// The gap summary in every assessment is counted directly; the full register of `landfall gaps`
// must say the same for every system, level and set of controls.
import { engineText } from '../src/i18n/messages.ts';
import { describe, expect, it } from 'vitest';
import { analyseGaps, gapInput, summariseGaps } from '../src/core/controls/gap-analysis.ts';
import { controlsState, gapSummary } from '../src/core/controls/gap-summary.ts';
import { LEVELS, type CatalogLevel } from '../src/core/controls/controls-schema.ts';
import { normaliseProfile } from '../src/core/profile/normalise-profile.ts';
import { generatePortfolio, random } from '../bench/portfolio.ts';
import { book, exampleProfiles } from './helpers.ts';

const library = book.controls;
const isoControls = [...(library.frameworks.get('iso27001-2022')?.controls.keys() ?? [])];

/** Seeded controls of every kind: none, ISO 27001 (2013 or 2022, some or all), SOC 2, practices given or defaulted. */
function controlsFor(next: () => number): Record<string, unknown> | undefined {
  const roll = next();
  if (roll < 0.1) return undefined;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const controls: Record<string, unknown> = {};
  if (next() < 0.7) {
    controls.iso27001 = {
      edition: next() < 0.1 ? '2013' : '2022',
      certified: next() < 0.5,
      implemented: next() < 0.3 ? 'all' : isoControls.filter(() => next() < 0.6),
    };
  }
  if (next() < 0.6) {
    controls.soc2 = { report: pick(['type1', 'type2'] as const), categories: ['availability', 'confidentiality', 'processing_integrity', 'privacy'].filter(() => next() < 0.5) };
  }
  if (next() < 0.8) {
    const practices: Record<string, unknown> = {};
    if (next() < 0.7) practices.logsStoredInMainland = next() < 0.5;
    if (next() < 0.7) practices.logRetentionMonths = pick([0, 3, 6, 12]);
    if (next() < 0.7) practices.cryptography = pick([[], ['AES-256', 'RSA'], ['SM2', 'SM3'], ['SM2', 'SM3', 'SM4'], ['SM4', 'ZUC'], ['sm2-with-sm3', 'SM4', 'TLCP']]);
    if (next() < 0.7) practices.sourceCodeReview = next() < 0.5;
    if (next() < 0.7) practices.personnelBackgroundChecks = next() < 0.5;
    controls.practices = practices;
  }
  return controls;
}

/** The generated portfolio, with controls, extensions and remote access drawn as well. */
function generatedProfiles(count: number): unknown[] {
  const next = random(22239);
  return generatePortfolio(count, { seed: 2019 }).map((raw) => {
    const profile = raw as { systems: Array<Record<string, unknown>>; transfers: Array<Record<string, unknown>>; controls?: unknown };
    for (const system of profile.systems) {
      system.cloudHosted = next() < 0.6;
      system.iot = next() < 0.2;
      system.industrialControl = next() < 0.1;
    }
    for (const transfer of profile.transfers) transfer.remoteAccess = next() < 0.3;
    const controls = controlsFor(next);
    if (controls) profile.controls = controls;
    return profile;
  });
}

const examples = exampleProfiles;

/** Compares the direct summary with the register's for every system at `levels`; returns the number of systems compared. */
function compare(profiles: unknown[], levels: (index: number) => readonly CatalogLevel[]): number {
  let compared = 0;
  for (const raw of profiles) {
    const normalised = normaliseProfile(raw, '2026-11-22');
    if (!normalised.ok) throw new Error(normalised.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
    const { profile, defaultsUsed } = normalised;
    const shared = controlsState(library, profile.controls);
    for (const system of profile.systems) {
      for (const level of levels(compared)) {
        const input = gapInput(profile, system, defaultsUsed, level, 'graded');
        const expected = summariseGaps(analyseGaps(library, input, engineText()));
        const direct = gapSummary(library, input, engineText(), shared);
        // Byte for byte, as the assessment is stored and compared; toEqual names the difference.
        if (JSON.stringify(direct) !== JSON.stringify(expected)) expect(direct).toEqual(expected);
        expect(JSON.stringify(direct)).toBe(JSON.stringify(expected));
      }
      expect(JSON.stringify(gapSummary(library, gapInput(profile, system, defaultsUsed, 3, 'graded'), engineText()))).toBe(JSON.stringify(gapSummary(library, gapInput(profile, system, defaultsUsed, 3, 'graded'), engineText(), shared)));
      compared += 1;
    }
  }
  return compared;
}

describe('direct gap summary', () => {
  it('agrees with the full register for the examples', () => {
    expect(compare(examples(), () => LEVELS)).toBeGreaterThan(6);
  });

  it('agrees with the full register for a few hundred generated systems, controls and extensions', () => {
    // Two levels per system, turn about, so every level is met across the set.
    const profiles = generatedProfiles(130);
    expect(compare(profiles, (index) => [LEVELS[index % 4]!, LEVELS[(index + 2) % 4]!])).toBeGreaterThan(300);
  });

  it('varies with the controls: the generated systems cover every status, themes open and closed, and effort', () => {
    const statuses = new Set<string>();
    const themeStates = new Set<string>();
    let withEffort = 0;
    for (const raw of generatedProfiles(60)) {
      const normalised = normaliseProfile(raw, '2026-11-22');
      if (!normalised.ok) continue;
      for (const system of normalised.profile.systems) {
        const summary = gapSummary(library, gapInput(normalised.profile, system, normalised.defaultsUsed, 3, 'graded'), engineText());
        if (summary.coverage.covered > 0) statuses.add('covered');
        if (summary.coverage.partial > 0) statuses.add('partial');
        if (summary.coverage.evidenceNeeded > 0) statuses.add('evidence_needed');
        if (summary.coverage.gap > 0) statuses.add('gap');
        for (const theme of summary.themes) themeStates.add(theme.open === 0 ? 'closed' : 'open');
        if (summary.effortWeeks.max > 0) withEffort += 1;
      }
    }
    expect([...statuses].sort()).toEqual(['covered', 'evidence_needed', 'gap', 'partial']);
    expect([...themeStates].sort()).toEqual(['closed', 'open']);
    expect(withEffort).toBeGreaterThan(0);
  });
});
