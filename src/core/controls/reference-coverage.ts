// What the data says about the practitioners' rule of thumb: how much of MLPS level 2 and level 3 a
// firm carries with all of ISO 27001 Annex A (or a SOC 2 Type 2) in place and none of the
// jurisdiction-specific practices. Computed from the catalogue and crosswalks, never typed in.
import { normaliseProfile } from '../profile/normalise-profile.ts';
import type { Say } from '../assess/explanation.ts';
import type { ControlsLibrary } from './controls-schema.ts';
import { analyseGaps, gapInput, type CoverageCount } from './gap-analysis.ts';
import type { CarryOver } from './carry-over.ts';

export const REFERENCE_FIRMS = {
  'iso27001-all-certified': {
    label: 'ISO 27001:2022, all 93 Annex A controls, certified',
    controls: { iso27001: { edition: '2022', certified: true, implemented: 'all' }, soc2: null },
  },
  'soc2-type2-sac': {
    label: 'SOC 2 Type 2: security, availability, confidentiality',
    controls: { iso27001: null, soc2: { report: 'type2', categories: ['security', 'availability', 'confidentiality'] } },
  },
  'iso27001-and-soc2': {
    label: 'Both of the above',
    controls: { iso27001: { edition: '2022', certified: true, implemented: 'all' }, soc2: { report: 'type2', categories: ['security', 'availability', 'confidentiality', 'privacy'] } },
  },
} as const;

/** A typical foreign firm: international algorithms, logs in its home region, no mainland-specific practices. */
const FOREIGN_PRACTICES = { logsStoredInMainland: false, logRetentionMonths: 12, cryptography: ['AES-256-GCM', 'RSA-2048', 'SHA-256'], sourceCodeReview: false, personnelBackgroundChecks: false };

export interface ReferenceCoverage {
  firm: keyof typeof REFERENCE_FIRMS;
  label: string;
  scope: 'own_machine_room' | 'mainland_cloud';
  level: 2 | 3;
  coverage: CoverageCount;
  carryOver: CarryOver;
}

export function referenceCoverage(library: ControlsLibrary, say: Say): ReferenceCoverage[] {
  const results: ReferenceCoverage[] = [];
  for (const [firm, definition] of Object.entries(REFERENCE_FIRMS) as Array<[keyof typeof REFERENCE_FIRMS, (typeof REFERENCE_FIRMS)[keyof typeof REFERENCE_FIRMS]]>) {
    for (const scope of ['own_machine_room', 'mainland_cloud'] as const) {
      const normalised = normaliseProfile(
        {
          organisation: { name: 'Reference firm' },
          systems: [{ id: 'reference', hosting: 'mainland', cloudHosted: scope === 'mainland_cloud', channels: ['website'] }],
          controls: { ...definition.controls, practices: FOREIGN_PRACTICES },
        },
        '2026-01-01',
      );
      if (!normalised.ok) throw new Error(`reference profile invalid: ${normalised.problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
      const system = normalised.profile.systems[0]!;
      for (const level of [2, 3] as const) {
        const report = analyseGaps(library, gapInput(normalised.profile, system, normalised.defaultsUsed, level, 'requested'), say);
        results.push({ firm, label: definition.label, scope, level, coverage: report.coverage.overall, carryOver: report.carryOver });
      }
    }
  }
  return results;
}

export interface ExampleCarryOver {
  example: string;
  systemId: string;
  hosting: string;
  extensions: string[];
  level: 2 | 3;
  carryOver: CarryOver;
}

/** The carry-over of every system of the example profiles at level 2 and at level 3, whatever its graded level. */
export function exampleCarryOver(library: ControlsLibrary, examples: ReadonlyArray<{ name: string; profile: unknown }>, say: Say, asOf = '2026-01-01'): ExampleCarryOver[] {
  const rows: ExampleCarryOver[] = [];
  for (const example of examples) {
    const normalised = normaliseProfile(example.profile, asOf);
    if (!normalised.ok) throw new Error(`${example.name} invalid: ${normalised.problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
    for (const system of normalised.profile.systems) {
      for (const level of [2, 3] as const) {
        const report = analyseGaps(library, gapInput(normalised.profile, system, normalised.defaultsUsed, level, 'requested'), say);
        rows.push({
          example: example.name,
          systemId: system.id,
          hosting: `${system.hosting}${system.cloudHosted ? ' cloud' : ''}`,
          extensions: report.extensions.filter((scope) => scope.applies).map((scope) => scope.extension),
          level,
          carryOver: report.carryOver,
        });
      }
    }
  }
  return rows;
}
