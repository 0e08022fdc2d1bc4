import { describe, expect, it } from 'vitest';
import { assess, profile, system, transfer } from './helpers.ts';

const duties = (individualsProcessed: number, asOf = '2026-11-22', systems = [system()]) =>
  assess(profile({ organisation: { individualsProcessed }, systems }), asOf).organisation.piVolumeDuties.map((duty) => duty.id);

describe('duties that follow from volume', () => {
  it.each([
    [999_999, false],
    [1_000_000, true],
  ])('PI officer reporting at %i individuals: %s', (processed, expected) => {
    expect(duties(processed).includes('pi_officer')).toBe(expected);
  });
  it('officer reporting starts with the 2025-07-18 announcement', () => {
    expect(duties(2_000_000, '2025-07-17')).not.toContain('pi_officer');
    expect(duties(2_000_000, '2025-07-18')).toContain('pi_officer');
  });
  it.each([
    [10_000_000, false],
    [10_000_001, true],
  ])('compliance audit above 10,000,000 (超过): %i → %s', (processed, expected) => {
    expect(duties(processed).includes('pi_compliance_audit')).toBe(expected);
  });
  it('important-data-handler duties at 10,000,000 (以上), from 2025-01-01', () => {
    expect(duties(9_999_999)).not.toContain('important_data_handler_duties');
    expect(duties(10_000_000)).toContain('important_data_handler_duties');
    expect(duties(10_000_000, '2024-12-31')).not.toContain('important_data_handler_duties');
  });
  it.each([
    [49_999_999, 9_999_999, false],
    [50_000_000, 0, true],
    [0, 10_000_000, true],
  ])('large platform at %i registered or %i monthly active: %s', (registered, monthlyActive, expected) => {
    expect(duties(1, '2026-11-22', [system({ users: { registered, monthlyActive } })]).includes('large_platform_app')).toBe(expected);
  });
  it('an offshore handler without a mainland entity names a representative', () => {
    const result = assess(profile({ organisation: { mainlandEntity: 'none' }, systems: [system({ hosting: 'overseas' })] }));
    expect(result.organisation.piVolumeDuties.map((d) => d.id)).toContain('offshore_representative');
  });
});

describe('timeline', () => {
  it('has no tracks for a firm with nothing to do before launch', () => {
    const result = assess(profile({ systems: [system({ audience: 'internal', internetFacing: false, collectsMainlandPersonalInformation: false, hosting: 'overseas', servesMainlandUsers: false })] }));
    expect(result.timeline).toMatchObject({ minMonths: 0, maxMonths: 0, criticalPath: [] });
  });

  it('plans entity, hosting, ICP, transfer and MLPS tracks with a critical path through their dependencies', () => {
    const result = assess(profile({ organisation: { mainlandEntity: 'none' }, systems: [system({ hosting: 'overseas', channels: ['website', 'mini_program'] })], transfers: [transfer({ nonSensitiveIndividuals: 200_000 })], plan: { start: '2027-01-15', goLive: '2027-03-01' } }));
    const { timeline } = result;
    const ids = timeline.tracks.map((track) => track.id);
    expect(ids).toEqual(expect.arrayContaining(['entity', 'hosting', 'icp', 'mini-program', 'transfer', 'mlps-grading', 'remediation']));
    expect(timeline.criticalPath[0]).toBe('entity');
    for (const track of timeline.tracks) {
      expect(track.minMonths).toBeLessThanOrEqual(track.maxMonths);
      for (const dependency of track.dependsOn) {
        const before = timeline.tracks.find((t) => t.id === dependency)!;
        expect(track.startMonths.max).toBeGreaterThanOrEqual(before.endMonths.max);
      }
      expect(track.basis.length).toBeGreaterThan(0);
    }
    expect(timeline.maxMonths).toBe(Math.max(...timeline.tracks.map((t) => t.endMonths.max)));
    expect(timeline.readyBy.earliest >= '2027-01-15').toBe(true);
    expect(result.findings.find((f) => f.id === 'timeline.go-live-at-risk')?.severity).toBe('high');
    expect(timeline.postLaunch.map((o) => o.id)).toEqual(expect.arrayContaining(['psb_networking_filing', 'mlps_filing']));
  });

  it('uses the licence decision period for a commercial service and the assessment procedure above the thresholds', () => {
    const result = assess(profile({ systems: [system({ commercialService: true })], transfers: [transfer({ nonSensitiveIndividuals: 2_000_000 })] }));
    const icp = result.timeline.tracks.find((t) => t.id === 'icp')!;
    expect(icp.title).toBe('ICP licence');
    expect(icp.basis[0]).toMatchObject({ instrument: 'cn.iis-measures', article: '7' });
    const transferTrack = result.timeline.tracks.find((t) => t.id === 'transfer')!;
    expect(transferTrack.title).toContain('security assessment');
    expect(transferTrack.needsLegalReview).toBe(true);
  });
});
