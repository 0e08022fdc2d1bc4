// "How much of our SOC 2 / ISO 27001 carries over to MLPS?": the carry-over classes, the headline
// figure beside the practitioners' range, and the difference between level 2 and level 3.
import { describe, expect, it } from 'vitest';
import { gapsForProfile } from '../src/core/controls/profile-gaps.ts';
import type { GapReport } from '../src/core/controls/gap-analysis.ts';
import { assessmentSchema } from '../src/core/assess/assessment-schema.ts';
import { assess, book, profile, system } from './helpers.ts';

const FOREIGN = { logsStoredInMainland: false, logRetentionMonths: 12, cryptography: ['AES-256-GCM', 'RSA-2048', 'SHA-256'], sourceCodeReview: false, personnelBackgroundChecks: false };
const LOCALISED = { logsStoredInMainland: true, logRetentionMonths: 6, cryptography: ['SM2', 'SM3', 'SM4'], sourceCodeReview: false, personnelBackgroundChecks: true };
/** The fixed reference firm: every Annex A control certified, a SOC 2 Type 2 (security, availability, confidentiality), logs abroad, international algorithms. */
const ISO_ALL_SOC2 = { iso27001: { edition: '2022', certified: true, implemented: 'all' }, soc2: { report: 'type2', categories: ['security', 'availability', 'confidentiality'] } };

function report(level: 2 | 3, options: { practices?: Record<string, unknown>; system?: Record<string, unknown>; controls?: Record<string, unknown> } = {}): GapReport {
  const input = profile({ systems: [system(options.system ?? {})], controls: { ...(options.controls ?? ISO_ALL_SOC2), practices: options.practices ?? FOREIGN } });
  return gapsForProfile(book, input, '2026-11-22', { level }).systems[0]!;
}

describe('carry-over', () => {
  it('sorts every item into exactly one class, and the headline is the share met as it stands', () => {
    for (const level of [2, 3] as const) {
      const gaps = report(level);
      const c = gaps.carryOver;
      expect(c.applicable).toBe(gaps.items.length);
      expect(c.metAsIs + c.metOnceRepositioned + c.evidenceNeeded + c.extendControl + c.newControl).toBe(c.applicable);
      for (const kind of ['met', 'repositioned', 'evidence', 'extend', 'add'] as const) {
        const field = { met: 'metAsIs', repositioned: 'metOnceRepositioned', evidence: 'evidenceNeeded', extend: 'extendControl', add: 'newControl' } as const;
        expect(gaps.items.filter((item) => item.carryOver === kind).length, kind).toBe(c[field[kind]]);
      }
      expect(c.headline).toBe('metAsIsPercent');
      expect(c.metAsIs).toBe(gaps.coverage.overall.covered);
      expect(c.metAsIsPercent).toBe(gaps.coverage.overall.fullPercent);
      expect(c.onceRepositionedPercent).toBeGreaterThan(c.metAsIsPercent);
      expect(c.evidenceReusePercent).toBeGreaterThan(c.metAsIsPercent);
      expect(c.evidenceReusePercent).toBeLessThanOrEqual(100);
    }
  });

  it('counts an item as met once repositioned exactly when the mainland practice then meets it', () => {
    for (const level of [2, 3] as const) {
      const foreign = report(level);
      const localised = report(level, { practices: LOCALISED });
      const repositioned = foreign.items.filter((item) => item.carryOver === 'repositioned');
      expect(repositioned.length, `level ${level}`).toBeGreaterThan(0);
      for (const item of repositioned) expect(localised.items.find((entry) => entry.id === item.id)?.status, item.id).toBe('covered');
      // Repositioning never reaches the state procedures or the source-code review (a new control).
      for (const item of foreign.items.filter((entry) => entry.themes.includes('licensed_assessment_filing') || entry.themes.includes('source_code_review'))) {
        expect(item.carryOver, item.id).toBe('add');
      }
      expect(localised.carryOver.metAsIs).toBeGreaterThanOrEqual(foreign.carryOver.metAsIs + foreign.carryOver.metOnceRepositioned);
    }
  });

  it('shows the practitioners\' range beside the figure as a flagged practitioner estimate', () => {
    const range = book.controls.carryOverRange;
    expect(range?.confidence).toBe('practitioner_estimate');
    expect(range?.needsReview).toBe(true);
    const l2 = report(2).carryOver;
    const l3 = report(3).carryOver;
    expect(l2.range).toMatchObject({ min: 60, max: 80, confidence: 'practitioner_estimate', needsReview: true });
    expect(l3.range).toMatchObject({ min: 40, max: 60 });
    expect(l2.range?.source).toMatch(/[Pp]ractitioner estimates/);
    expect(l2.position).toBe(l2.metAsIsPercent < 60 ? 'below' : l2.metAsIsPercent > 80 ? 'above' : 'within');
    expect(gapsForProfile(book, profile({ controls: { ...ISO_ALL_SOC2, practices: FOREIGN } }), '2026-11-22', { level: 4 }).systems[0]!.carryOver.range).toBeNull();
  });

  it('says it in one sentence: the figure, the range and the three biggest gaps', () => {
    const c = report(2).carryOver;
    expect(c.sentence).toContain(`${Math.round(c.metAsIsPercent)}% of the ${c.applicable} items carry over from ISO 27001 and SOC 2 as they stand`);
    expect(c.sentence).toContain('practitioners estimate 60-80% at level 2');
    expect(c.gaps.length).toBeGreaterThanOrEqual(3);
    for (const group of c.gaps.slice(0, 3)) expect(c.sentence.toLowerCase()).toContain(group.title.toLowerCase());
    expect(c.sentence.match(/\. /g)).toBeNull();
    for (let index = 1; index < c.gaps.length; index += 1) expect(c.gaps[index - 1]!.open).toBeGreaterThanOrEqual(c.gaps[index]!.open);
    const none = report(2, { controls: { iso27001: null, soc2: null } }).carryOver;
    expect(none.sentence).toContain('with no SOC 2 or ISO 27001 controls given');
  });

  it('carries the answer in the assessment\'s gap summary', () => {
    const assessment = assess(profile({ controls: { ...ISO_ALL_SOC2, practices: FOREIGN } }));
    assessmentSchema.parse(assessment);
    const summary = assessment.systems[0]!.mlps.gaps!;
    expect(summary.carryOver).toEqual(report(summary.level as 2 | 3).carryOver);
  });
});
