// Determinations that read a few discrete facts are shared between the assessments of one law day
// (src/core/assess/shared-answers.ts). Sharing must never change an answer: every profile assessed
// after hundreds of others (its answers taken from what they left) must equal the same profile
// assessed by a formatter nobody used before, which shares nothing with them. Shared answers'
// objects are frozen, so a consumer that changed one would fail instead of changing other
// assessments; their arrays are left open (Node 20 reads frozen arrays slowly), so the consumers of
// an assessment (the annex, the renderers) run over the shared answers before they are compared.
import { describe, expect, it } from 'vitest';
import { generatePortfolio } from '../bench/portfolio.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import type { Say } from '../src/core/assess/explanation.ts';
import { engineText, type Locale } from '../src/i18n/messages.ts';
import { book, exampleProfiles } from './helpers.ts';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { renderAssessmentHtml } from '../src/render/render-assessment-html.ts';
import { renderAssessmentMarkdown } from '../src/render/render-assessment-markdown.ts';


/** A formatter writing exactly what the locale's does, but a new one: no shared answer is keyed by it yet. */
function freshSay(locale: Locale): Say {
  const say = engineText(locale);
  return Object.assign((id: string, values?: Readonly<Record<string, string | number>>) => say(id, values), { locale });
}

const examples = exampleProfiles();

describe('shared answers', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`leave every answer as a fresh assessment gives it (${locale}, 250 portfolio profiles and the examples at two dates)`, () => {
      const profiles = [...generatePortfolio(250, { seed: 77 }), ...examples];
      for (const asOf of ['2024-06-01', '2026-12-01']) {
        const warm = engineText(locale);
        // Warm the shared answers with every profile first, with what reads an assessment run over
        // each, then compare each against a cold run.
        for (const profile of profiles) {
          const assessment = assessProfile(book, profile, asOf, warm);
          deriveAnnex(assessment);
          renderAssessmentMarkdown(assessment, locale);
          renderAssessmentHtml(assessment, locale);
        }
        profiles.forEach((profile, index) => {
          const shared = JSON.stringify(assessProfile(book, profile, asOf, warm));
          const fresh = JSON.stringify(assessProfile(book, profile, asOf, freshSay(locale)));
          if (shared !== fresh) expect.fail(`profile ${index} on ${asOf} (${locale}) differs when its answers are shared`);
        });
      }
    });
  }

  it('are shared objects, frozen, and never reach another formatter', () => {
    const [first, second] = generatePortfolio(2, { seed: 5, systemsPerProfile: 1 }) as Array<{ systems: Array<Record<string, unknown>> }>;
    // The second firm's system gets the first's algorithm facts: the same answer object, not a copy.
    second!.systems[0]!.algorithms = first!.systems[0]!.algorithms;
    const say = engineText('en');
    const a = assessProfile(book, first, '2026-11-22', say);
    const b = assessProfile(book, second, '2026-11-22', say);
    expect(b.systems[0]!.algorithms).toBe(a.systems[0]!.algorithms);
    expect(Object.isFrozen(a.systems[0]!.algorithms)).toBe(true);
    expect(Object.isFrozen(a.systems[0]!.algorithms.trace[0])).toBe(true);
    expect(() => {
      (a.systems[0]!.algorithms as unknown as { needsLegalReview: unknown }).needsLegalReview = "planted";
    }).toThrow(TypeError);
    expect(() => {
      (a.systems[0]!.algorithms.trace[0] as { result: string }).result = 'planted';
    }).toThrow(TypeError);
    expect(JSON.stringify(b.systems[0]!.algorithms)).not.toContain('planted');
    const other = assessProfile(book, first, '2026-11-22', freshSay('en'));
    expect(other.systems[0]!.algorithms).not.toBe(a.systems[0]!.algorithms);
    expect(other.systems[0]!.algorithms).toEqual(a.systems[0]!.algorithms);
  });

  it('a fact a determination reads changes its answer (the keys name what is read)', () => {
    const [profile] = generatePortfolio(1, { seed: 9, systemsPerProfile: 1 }) as Array<{ systems: Array<Record<string, unknown>> }>;
    const say = engineText('en');
    const system = profile!.systems[0]!;
    Object.assign(system, { audience: 'consumers', channels: ['website'], hosting: 'mainland', commercialService: false, internetFacing: true, servesMainlandUsers: true });
    const filing = assessProfile(book, profile, '2026-11-22', say).systems[0]!.icp;
    system.commercialService = true;
    const licence = assessProfile(book, profile, '2026-11-22', say).systems[0]!.icp;
    expect([filing.requirement, licence.requirement]).toEqual(['filing', 'licence']);
    system.impact = { businessInformation: { object: 'national_security', degree: 'general' }, systemService: { object: 'citizens_and_organisations', degree: 'general' } };
    const high = assessProfile(book, profile, '2026-11-22', say).systems[0]!.mlps.level;
    system.impact = { businessInformation: { object: 'citizens_and_organisations', degree: 'general' }, systemService: { object: 'citizens_and_organisations', degree: 'general' } };
    const low = assessProfile(book, profile, '2026-11-22', say).systems[0]!.mlps.level;
    expect(high).toBeGreaterThan(low);
  });
});
