import fc from 'fast-check';
import { engineText } from '../src/i18n/messages.ts';
import { describe, expect, it } from 'vitest';
import { gapsForProfile } from '../src/core/controls/profile-gaps.ts';
import type { GapReport, GapStatus } from '../src/core/controls/gap-analysis.ts';
import type { LandfallError } from '../src/core/errors.ts';
import { assessmentSchema } from '../src/core/assess/assessment-schema.ts';
import { assess, book, profile, system, transfer } from './helpers.ts';

const FOREIGN = { logsStoredInMainland: false, logRetentionMonths: 12, cryptography: ['AES-256-GCM', 'RSA-2048', 'SHA-256'], sourceCodeReview: false, personnelBackgroundChecks: false };
const LOCALISED = { logsStoredInMainland: true, logRetentionMonths: 6, cryptography: ['SM2', 'SM3', 'SM4'], sourceCodeReview: true, personnelBackgroundChecks: true };
const ISO_ALL = { edition: '2022', certified: true, implemented: 'all' };

function report(options: { controls?: Record<string, unknown>; system?: Record<string, unknown>; level?: number; transfers?: Record<string, unknown>[] } = {}): GapReport {
  const input = profile({ systems: [system(options.system ?? {})], controls: options.controls ?? { iso27001: ISO_ALL, soc2: null, practices: FOREIGN }, transfers: options.transfers ?? [] });
  const result = gapsForProfile(book, input, '2026-11-22', engineText(), options.level == null ? {} : { level: options.level });
  return result.systems[0]!;
}

const statusOf = (gaps: GapReport, id: string): GapStatus => {
  const item = gaps.items.find((entry) => entry.id === id);
  if (!item) throw new Error(`${id} not in scope`);
  return item.status;
};
const themed = (gaps: GapReport, theme: string) => gaps.items.filter((item) => item.themes.includes(theme as never));

describe('gap analysis', () => {
  it('analyses the graded level, or the level asked for, with that level\'s clauses', () => {
    const graded = report();
    expect(graded.level).toBe(2);
    expect(graded.levelSource).toBe('graded');
    expect(graded.items.every((item) => item.clause.startsWith('7.'))).toBe(true);
    const level3 = report({ level: 3 });
    expect(level3.levelSource).toBe('requested');
    expect(level3.items.every((item) => item.clause.startsWith('8.'))).toBe(true);
    expect(level3.items.length).toBeGreaterThan(graded.items.length);
  });

  it('refuses level 5 and an unknown system with their paths', () => {
    expect(() => gapsForProfile(book, profile(), '2026-11-22', engineText(), { level: 5 })).toThrow(expect.objectContaining({ code: 'invalid_profile' }));
    try {
      gapsForProfile(book, profile(), '2026-11-22', engineText(), { systemId: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect((error as LandfallError).problems!.map((problem) => problem.path)).toEqual(['--system']);
    }
  });

  it('stops SOC 2 / ISO evidence at the jurisdiction themes for a typical foreign firm', () => {
    const gaps = report({ level: 3 });
    for (const theme of ['log_localisation_retention', 'state_cryptography', 'source_code_review', 'personnel_background_review', 'licensed_assessment_filing']) {
      const items = themed(gaps, theme);
      expect(items.length, theme).toBeGreaterThan(0);
      expect(items.every((item) => item.status === 'gap'), theme).toBe(true);
      expect(gaps.themes.find((group) => group.theme === theme)?.open).toBe(items.length);
    }
    expect(statusOf(gaps, 'CE-AU-04')).toBe('gap');
    expect(gaps.items.find((item) => item.id === 'CE-AU-04')!.basis.join(' ')).toContain('logs are not kept in the mainland');
  });

  it('clears the practice themes when the profile states mainland practices', () => {
    const gaps = report({ level: 3, controls: { iso27001: ISO_ALL, soc2: null, practices: LOCALISED } });
    for (const theme of ['log_localisation_retention', 'state_cryptography', 'source_code_review', 'personnel_background_review']) {
      expect(themed(gaps, theme).every((item) => item.status === 'covered' || item.status === 'partial'), theme).toBe(true);
    }
    // No practice settles the state procedures: they stay gaps.
    expect(themed(gaps, 'licensed_assessment_filing').every((item) => item.status === 'gap')).toBe(true);
    const foreign = report({ level: 3 });
    expect(gaps.coverage.overall.covered).toBeGreaterThan(foreign.coverage.overall.covered);
  });

  it('asks for evidence where the profile is silent on a practice', () => {
    const gaps = report({ level: 3, controls: { iso27001: ISO_ALL, soc2: null } });
    for (const theme of ['log_localisation_retention', 'state_cryptography', 'source_code_review', 'personnel_background_review']) {
      expect(themed(gaps, theme).every((item) => item.status === 'evidence_needed' || item.status === 'gap'), theme).toBe(true);
      expect(themed(gaps, theme).some((item) => item.status === 'evidence_needed'), theme).toBe(true);
    }
  });

  it('needs evidence where nothing attests the controls (ISO not certified, SOC 2 Type 1)', () => {
    const certified = report();
    const selfDeclared = report({ controls: { iso27001: { ...ISO_ALL, certified: false }, soc2: null, practices: FOREIGN } });
    const carried = certified.items.filter((item) => item.status === 'covered' && item.evidence.length > 0 && item.themes.length === 0).map((item) => item.id);
    expect(carried.length).toBeGreaterThan(0);
    for (const id of carried) expect(statusOf(selfDeclared, id)).toBe('evidence_needed');
    const type1 = report({ controls: { iso27001: null, soc2: { report: 'type1', categories: ['security', 'availability'] }, practices: FOREIGN } });
    const type2 = report({ controls: { iso27001: null, soc2: { report: 'type2', categories: ['security', 'availability'] }, practices: FOREIGN } });
    expect(type1.coverage.overall.evidenceNeeded).toBeGreaterThan(type2.coverage.overall.evidenceNeeded);
    expect(type1.coverage.overall.covered).toBeLessThan(type2.coverage.overall.covered);
  });

  it('counts SOC 2 criteria only for the categories in the report', () => {
    const security = report({ controls: { iso27001: null, soc2: { report: 'type2', categories: ['security'] }, practices: FOREIGN } });
    const withAvailability = report({ controls: { iso27001: null, soc2: { report: 'type2', categories: ['security', 'availability'] }, practices: FOREIGN } });
    const used = (gaps: GapReport) => new Set(gaps.evidenceMap.map((entry) => entry.control));
    expect([...used(security)].some((control) => control.startsWith('A1.'))).toBe(false);
    expect([...used(withAvailability)].some((control) => control.startsWith('A1.'))).toBe(true);
  });

  it('starts every item as a gap without SOC 2 or ISO, apart from what hosting and practices settle', () => {
    const gaps = report({ controls: { iso27001: null, soc2: null, practices: FOREIGN } });
    expect(gaps.evidenceMap).toEqual([]);
    expect(gaps.items.filter((item) => item.status === 'covered').every((item) => item.category === 'physical_environment' || item.themes.includes('physical_environment_mainland'))).toBe(true);
  });

  it('inherits the physical environment on a mainland cloud and finds it missing abroad', () => {
    const mainlandCloud = report();
    const physical = mainlandCloud.items.filter((item) => item.category === 'physical_environment' && item.extension == null);
    expect(physical.length).toBeGreaterThan(0);
    expect(physical.every((item) => item.status === 'covered')).toBe(true);
    const overseas = report({ system: { hosting: 'overseas' } });
    expect(overseas.items.filter((item) => item.category === 'physical_environment').every((item) => item.status === 'gap')).toBe(true);
    const ownRoom = report({ system: { cloudHosted: false } });
    expect(ownRoom.extensions.find((scope) => scope.extension === 'cloud')?.applies).toBe(false);
    expect(ownRoom.items.some((item) => item.extension === 'cloud')).toBe(false);
    expect(ownRoom.items.filter((item) => item.category === 'physical_environment').some((item) => item.evidence.some((link) => link.control.startsWith('A.7.')))).toBe(true);
  });

  it('charges a cloud customer with customer and shared items only, listing the provider\'s', () => {
    const gaps = report({ level: 3 });
    const cloudIds = new Set(gaps.items.filter((item) => item.extension === 'cloud').map((item) => item.id));
    expect(cloudIds.size).toBeGreaterThan(0);
    expect(gaps.inheritedFromProvider.length).toBeGreaterThan(0);
    for (const inherited of gaps.inheritedFromProvider) {
      expect(cloudIds.has(inherited.id)).toBe(false);
      expect(book.controls.itemsById.get(inherited.id)?.cloudRole).toBe('provider');
    }
  });

  it('applies the mobile, IoT and industrial-control extensions from the profile', () => {
    const plain = report({ level: 3 });
    expect(plain.extensions.filter((scope) => scope.applies).map((scope) => scope.extension)).toEqual(['cloud']);
    const all = report({ level: 3, system: { channels: ['app'], iot: true, industrialControl: true } });
    expect(all.extensions.every((scope) => scope.applies)).toBe(true);
    for (const extension of ['mobile', 'iot', 'industrial_control']) expect(all.items.some((item) => item.extension === extension), extension).toBe(true);
  });

  it('finds overseas administration when the profile lists remote access to the system', () => {
    const remote = report({ level: 3, transfers: [transfer({ id: 'ops', remoteAccess: true, nonSensitiveIndividuals: 1000 })] });
    expect(statusOf(remote, 'CLD-OM-EM-01')).toBe('gap');
    expect(statusOf(report({ level: 3 }), 'CLD-OM-EM-01')).toBe('evidence_needed');
  });

  it('never loses coverage when the firm implements more ISO 27001 controls (property)', () => {
    const ids = [...book.controls.frameworks.get('iso27001-2022')!.controls.keys()];
    const rank: Record<GapStatus, number> = { covered: 0, evidence_needed: 1, partial: 2, gap: 3 };
    fc.assert(
      fc.property(fc.subarray(ids), fc.subarray(ids), (some, more) => {
        const smaller = report({ level: 3, controls: { iso27001: { ...ISO_ALL, implemented: some }, soc2: null, practices: FOREIGN } });
        const larger = report({ level: 3, controls: { iso27001: { ...ISO_ALL, implemented: [...new Set([...some, ...more])] }, soc2: null, practices: FOREIGN } });
        expect(larger.coverage.overall.covered).toBeGreaterThanOrEqual(smaller.coverage.overall.covered);
        larger.items.forEach((item, index) => expect(rank[item.status]).toBeLessThanOrEqual(rank[smaller.items[index]!.status]));
      }),
      { numRuns: 25 },
    );
  });

  it('accounts for every item and every open item once', () => {
    const gaps = report({ level: 3, system: { channels: ['app'] } });
    const c = gaps.coverage.overall;
    expect(c.covered + c.partial + c.evidenceNeeded + c.gap).toBe(gaps.items.length);
    expect(gaps.coverage.byCategory.reduce((sum, entry) => sum + entry.applicable, 0)).toBe(gaps.items.length);
    const open = gaps.items.filter((item) => item.status !== 'covered');
    const grouped = new Set([...gaps.themes.flatMap((theme) => theme.items), ...gaps.otherGaps.flatMap((group) => [...group.remediation.reposition, ...group.remediation.add])]);
    for (const item of open) expect(grouped.has(item.id), item.id).toBe(true);
    for (const entry of gaps.evidenceMap) for (const id of entry.items) expect(gaps.items.find((item) => item.id === id)!.evidence.some((link) => link.control === entry.control)).toBe(true);
  });

  it('summarises the register in the assessment', () => {
    const assessment = assess(profile({ controls: { iso27001: ISO_ALL, soc2: null, practices: FOREIGN } }));
    assessmentSchema.parse(assessment);
    const summary = assessment.systems[0]!.mlps.gaps!;
    const full = report();
    expect(summary.level).toBe(assessment.systems[0]!.mlps.level);
    expect(summary.coverage).toEqual(full.coverage.overall);
    expect(summary.themes.map((theme) => theme.theme)).toEqual(full.themes.map((theme) => theme.theme));
  });
});
