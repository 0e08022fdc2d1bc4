// "How much of our SOC 2 / ISO 27001 carries over to MLPS?": the carry-over classes, the headline
// figure beside the practitioners' range, and the difference between level 2 and level 3.
import { describe, expect, it } from 'vitest';
import { engineText } from '../src/i18n/messages.ts';
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
  return gapsForProfile(book, input, '2026-11-22', engineText(), { level }).systems[0]!;
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
    expect(gapsForProfile(book, profile({ controls: { ...ISO_ALL_SOC2, practices: FOREIGN } }), '2026-11-22', engineText(), { level: 4 }).systems[0]!.carryOver.range).toBeNull();
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

  // The fixed reference firm of the buyer's question, on a mainland cloud (the helpers' system) and
  // in its own mainland machine room. These are the figures docs/CONTROLS.md publishes; a change to
  // the crosswalk or the method moves them, and the docs with them (npm run docs:controls).
  it('pins the figures for ISO 27001 (all) + SOC 2 Type 2 at levels 2 and 3', () => {
    const pick = (gaps: GapReport) => {
      const c = gaps.carryOver;
      return [c.applicable, c.metAsIs, c.metOnceRepositioned, c.evidenceNeeded, c.extendControl, c.newControl, c.metAsIsPercent, c.onceRepositionedPercent, c.evidenceReusePercent, c.position];
    };
    expect(pick(report(2))).toEqual([153, 75, 6, 3, 60, 9, 49, 52.9, 60.5, 'below']);
    expect(pick(report(3))).toEqual([238, 100, 9, 3, 115, 11, 42, 45.8, 59.1, 'within']);
    expect(pick(report(2, { system: { cloudHosted: false } }))).toEqual([135, 59, 6, 0, 61, 9, 43.7, 48.1, 61.5, 'below']);
    expect(pick(report(3, { system: { cloudHosted: false } }))).toEqual([211, 77, 9, 0, 114, 11, 36.5, 40.8, 59.7, 'below']);
  });

  it('is lower at level 3 than at level 2, and the themes say which level 3 items pull it down', () => {
    for (const scope of [{}, { cloudHosted: false }]) {
      const l2 = report(2, { system: scope }).carryOver;
      const l3 = report(3, { system: scope }).carryOver;
      expect(l3.metAsIsPercent).toBeLessThan(l2.metAsIsPercent);
      // The items level 3 adds are met far less often than level 2 as a whole: that is the drop.
      expect(l3.newAtLevel!.comparedWith).toBe(2);
      expect(l3.newAtLevel!.items).toBeGreaterThan(80);
      expect(l3.newAtLevel!.metAsIs / l3.newAtLevel!.items).toBeLessThan(l2.metAsIs / l2.applicable);
      const group = (answer: typeof l2, key: string) => answer.gaps.find((entry) => entry.key === key);
      // Source-code review exists only from level 3 and needs a new control.
      expect(group(l2, 'source_code_review')).toBeUndefined();
      expect(group(l3, 'source_code_review')).toMatchObject({ kind: 'theme', items: 1, open: 1, repositioned: 0, newAtLevel: 1 });
      // The security management centre grows from 4 items to 12; none is met as it stands.
      expect(group(l2, 'security_management_centre')).toMatchObject({ items: 4, open: 4 });
      expect(group(l3, 'security_management_centre')).toMatchObject({ items: scope.cloudHosted === false ? 12 : 14, newAtLevel: scope.cloudHosted === false ? 8 : 10 });
      expect(group(l3, 'security_management_centre')!.open).toBe(group(l3, 'security_management_centre')!.items);
      // State cryptography triples; re-keying with SM algorithms settles two thirds of it.
      expect(group(l2, 'state_cryptography')).toMatchObject({ items: 3, open: 3, repositioned: 3 });
      expect(group(l3, 'state_cryptography')).toMatchObject({ items: 9, open: 9, repositioned: 6, newAtLevel: 6 });
      // Every theme whose open items grow from level 2 to level 3 has items new at level 3.
      for (const entry of l3.gaps.filter((candidate) => candidate.kind === 'theme')) {
        if (entry.open > (group(l2, entry.key)?.open ?? 0)) expect(entry.newAtLevel, entry.key).toBeGreaterThan(0);
      }
    }
  });

  it('would not fall at level 3 for a firm whose controls meet the items level 3 adds', () => {
    // The drop comes from the new items alone: the items both levels share are met at level 3 at least as often as at level 2.
    const l2 = report(2);
    const l3 = report(3);
    const shared = l3.items.filter((item) => book.controls.itemsById.get(item.id)!.clauses[2] != null);
    const metShared = shared.filter((item) => item.carryOver === 'met').length;
    const metAtL2 = l2.items.filter((item) => shared.some((entry) => entry.id === item.id) && item.carryOver === 'met').length;
    expect(metShared).toBe(metAtL2);
    const ifNewMet = (metShared + l3.carryOver.newAtLevel!.items) / l3.carryOver.applicable;
    expect(ifNewMet * 100).toBeGreaterThan(l2.carryOver.metAsIsPercent);
  });
});

