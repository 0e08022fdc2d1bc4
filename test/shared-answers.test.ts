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
import { SharedAnswers, forgetSharedAnswers } from '../src/core/assess/shared-answers.ts';
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

  it('give one ICP answer to firms apart only in what the ICP determination does not read', () => {
    const [profile] = generatePortfolio(1, { seed: 9, systemsPerProfile: 1 }) as Array<{ organisation: Record<string, unknown>; systems: Array<Record<string, unknown>> }>;
    const say = engineText('en');
    Object.assign(profile!.systems[0]!, { audience: 'consumers', channels: ['website'], hosting: 'mainland', commercialService: true, platform: false, internetFacing: true, servesMainlandUsers: true });
    const icpWith = (sectors: string[], hosting = 'mainland') => {
      profile!.organisation.sectors = sectors;
      profile!.systems[0]!.hosting = hosting;
      return assessProfile(book, profile, '2026-11-22', say).systems[0]!.icp;
    };
    // SaaS and logistics are on neither of the ICP sector lists: one answer object for both.
    const saas = icpWith(['saas']);
    expect(icpWith(['logistics'])).toBe(saas);
    // Gaming needs pre-approval and is closed to foreign investment; media comes with record keeping; the order of listed sectors is the order of their duties.
    const gaming = icpWith(['saas', 'gaming']);
    expect(gaming.obligations.map((o) => o.id)).toEqual(expect.arrayContaining(['prohibited_gaming', 'pre_approval_gaming']));
    expect(saas.obligations.map((o) => o.id)).not.toContain('pre_approval_gaming');
    expect(icpWith(['media']).obligations.map((o) => o.id)).toContain('record_keeping');
    const order = (sectors: string[]) => icpWith(sectors).obligations.map((o) => o.id).filter((id) => id.startsWith('pre_approval_'));
    expect(order(['healthcare', 'education'])).toEqual(['pre_approval_healthcare', 'pre_approval_education']);
    expect(order(['education', 'healthcare'])).toEqual(['pre_approval_education', 'pre_approval_healthcare']);
    // Hosted outside the mainland, the answer names no place: overseas and Hong Kong read alike, each naming its system.
    const overseas = icpWith(['saas'], 'overseas');
    const hongKong = icpWith(['saas'], 'hong_kong');
    expect(hongKong).toEqual(overseas);
    expect(overseas.appliesToCurrentHosting).toBe(false);
    expect(overseas.legalReviewReasons.join(' ')).toContain(String(profile!.systems[0]!.id));
  });

  it('name each system in the review sentences that name one, and share the rest between systems', () => {
    const [profile] = generatePortfolio(1, { seed: 11, systemsPerProfile: 2 }) as Array<{ organisation: Record<string, unknown>; systems: Array<Record<string, unknown>>; transfers: unknown[] }>;
    profile!.transfers = [];
    const say = engineText('en');
    const same = { audience: 'consumers', channels: ['website'], hosting: 'hong_kong', commercialService: false, platform: false, internetFacing: true, servesMainlandUsers: true, dataCategories: [], importantData: 'none' };
    Object.assign(profile!.systems[0]!, same, { id: 'shop', sensitivePersonalInformation: [] });
    Object.assign(profile!.systems[1]!, same, { id: 'portal', sensitivePersonalInformation: ['biometric'], impact: profile!.systems[0]!.impact });
    const first = assessProfile(book, profile, '2026-11-22', say);
    // ICP: hosted outside the mainland, each system's review names it; the rest of the answer is shared.
    expect(first.systems.map((system) => system.icp.legalReviewReasons.filter((reason) => reason.includes('shop') || reason.includes('portal')).length)).toEqual([1, 1]);
    expect(first.systems[0]!.icp.legalReviewReasons.join()).toContain('shop');
    expect(first.systems[1]!.icp.legalReviewReasons.join()).toContain('portal');
    expect(first.systems[0]!.icp.trace).toBe(first.systems[1]!.icp.trace);
    expect(first.systems[0]!.icp.legalReviewReasons.join()).not.toContain('\uFFFF');
    // A third system with the same facts is given the same answer, naming it, as a formatter with nothing shared writes it.
    profile!.systems[1]!.id = 'kiosk';
    const renamed = assessProfile(book, profile, '2026-11-22', say);
    const alone = assessProfile(book, profile, '2026-11-22', freshSay('en'));
    expect(renamed.systems[1]!.icp.trace).toBe(first.systems[0]!.icp.trace);
    expect(renamed.systems[1]!.icp.legalReviewReasons.join()).toContain('kiosk');
    expect(renamed.systems[1]!.icp).toEqual(alone.systems[1]!.icp);
    expect(alone.systems[1]!.icp.trace).not.toBe(first.systems[0]!.icp.trace);
    profile!.systems[1]!.id = 'portal';
    // Hosting: the same facts but the sensitive categories, which only the volume answer reads: one shared trace, two volume answers.
    expect(first.systems[0]!.hosting.trace).toBe(first.systems[1]!.hosting.trace);
    expect(first.systems.map((system) => system.hosting.path[1]!.answer.includes('biometric'))).toEqual([false, true]);
    // MLPS: a CII operator's system under level 3 is named in its review; two such systems get their own.
    Object.assign(profile!.organisation, { ciiNotified: true });
    const low = { businessInformation: { object: 'citizens_and_organisations', degree: 'general' }, systemService: { object: 'citizens_and_organisations', degree: 'general' } };
    for (const system of profile!.systems) system.impact = low;
    const ciio = assessProfile(book, profile, '2026-11-22', say);
    expect(ciio.systems[0]!.mlps.legalReviewReasons.join()).toContain('shop');
    expect(ciio.systems[1]!.mlps.legalReviewReasons.join()).toContain('portal');
    expect(ciio.systems[1]!.mlps.legalReviewReasons.join()).not.toContain('shop');
    // The rest of their grade is one shared answer, written for neither.
    expect(ciio.systems[0]!.mlps.trace).toBe(ciio.systems[1]!.mlps.trace);
    expect(JSON.stringify(ciio.systems.map((system) => system.mlps))).not.toContain('\uFFFF');
    // Incident reporting: a system part of CII at a firm not notified is named in its review; the rest is shared.
    Object.assign(profile!.organisation, { ciiNotified: false });
    for (const system of profile!.systems) system.partOfCii = true;
    const parts = assessProfile(book, profile, '2026-11-22', say);
    const unshared = assessProfile(book, profile, '2026-11-22', freshSay('en'));
    expect(parts.systems[0]!.incidentReporting.legalReviewReasons.join()).toContain('shop');
    expect(parts.systems[1]!.incidentReporting.legalReviewReasons.join()).toContain('portal');
    expect(parts.systems[1]!.incidentReporting.legalReviewReasons.join()).not.toContain('shop');
    expect(parts.systems[0]!.incidentReporting.citations).toBe(parts.systems[1]!.incidentReporting.citations);
    expect(parts.systems.map((system) => system.incidentReporting)).toEqual(unshared.systems.map((system) => system.incidentReporting));
  });

  it('give firms whose plans turn on the same facts one timeline, each naming its own systems', () => {
    const system = (id: string, channels: string[]) => ({ id, audience: 'consumers', channels, hosting: 'mainland', commercialService: false, internetFacing: true, servesMainlandUsers: true, users: { registered: 20_000, monthlyActive: 5_000 } });
    const firm = (name: string, ids: [string, string]) => ({ organisation: { name, sectors: ['gaming'], mainlandEntity: 'planned' }, systems: [system(ids[0], ['website']), system(ids[1], ['mini_program'])], transfers: [], plan: { start: '2027-01-01', goLive: '2027-06-01' } });
    const say = engineText('en');
    const first = assessProfile(book, firm('First', ['shop', 'kiosk']), '2026-11-22', say);
    const second = assessProfile(book, firm('Second', ['store', 'wechat']), '2026-11-22', say);
    const tracks = (assessment: typeof first) => Object.fromEntries(assessment.timeline.tracks.map((track) => [track.id, track]));
    const [a, b] = [tracks(first), tracks(second)];
    // The plan is one shared answer: its trace, its citations and the tracks that name no system.
    expect(second.timeline.trace).toBe(first.timeline.trace);
    expect(second.timeline.citations).toBe(first.timeline.citations);
    expect(b.entity).toBe(a.entity);
    expect(Object.isFrozen(a.entity)).toBe(true);
    // Each firm's tracks name its own systems, and nothing of a stand-in is left.
    for (const id of ['hosting', 'icp', 'mini-program', 'mlps-grading']) {
      expect(a[id]!.detail).not.toBe(b[id]!.detail);
      expect(b[id]!.detail).not.toMatch(/shop|kiosk|\uFFFF/);
    }
    expect(a.hosting!.detail).toContain('shop, kiosk');
    expect(b.hosting!.detail).toContain('store, wechat');
    expect(b['mini-program']!.detail).toContain('wechat');
    expect(b['mini-program']!.detail).not.toContain('store');
    expect(b['mlps-grading']!.detail).toContain('store');
    // The pre-approval both systems need is named once where the plan leaves it out.
    const left = first.timeline.trace.filter((step) => step.step === 'Not in the timeline');
    expect(left).toHaveLength(1);
    expect(left[0]!.result.match(/: gaming/g)).toHaveLength(1);
    // As a formatter with nothing shared writes them.
    expect(second.timeline).toEqual(assessProfile(book, firm('Second', ['store', 'wechat']), '2026-11-22', freshSay('en')).timeline);
    expect(second.rules).toEqual(assessProfile(book, firm('Second', ['store', 'wechat']), '2026-11-22', freshSay('en')).rules);
    // Another plan (no go-live) is another answer.
    const later = assessProfile(book, { ...firm('Third', ['a', 'b']), plan: { start: '2027-01-01' } }, '2026-11-22', say);
    expect(later.timeline.trace).not.toBe(first.timeline.trace);
  });

  it('mark the rules a shared answer cites in every assessment given it', () => {
    const say = engineText('en');
    // The same profile twice: the second is given every answer the first left, and cites the same instruments.
    const profile = generatePortfolio(1, { seed: 31, systemsPerProfile: 3 })[0];
    const cold = assessProfile(book, profile, '2026-11-22', freshSay('en'));
    assessProfile(book, profile, '2026-11-22', say);
    const warm = assessProfile(book, profile, '2026-11-22', say);
    expect(warm.rules).toEqual(cold.rules);
    expect(warm.rules.length).toBeGreaterThan(3);
    // A firm given only shared system answers after another firm's assessment still cites what they cite.
    forgetSharedAnswers();
    const other = generatePortfolio(1, { seed: 32, systemsPerProfile: 1 })[0];
    assessProfile(book, other, '2026-11-22', say);
    expect(assessProfile(book, profile, '2026-11-22', say).rules).toEqual(cold.rules);
  });

  it('name each automotive system in its hosting review, sharing the rest of the answer', () => {
    const system = (id: string) => ({ id, audience: 'consumers', channels: ['app'], hosting: 'overseas', collectsMainlandPersonalInformation: true, servesMainlandUsers: true, dataCategories: ['vehicle_location'], users: { registered: 2_000_000, monthlyActive: 100_000 } });
    const profile = { organisation: { name: 'Car Co', sectors: ['automotive'] }, systems: [system('cockpit'), system('fleet')], transfers: [] };
    const shared = assessProfile(book, profile, '2026-11-22', engineText('en'));
    const alone = assessProfile(book, profile, '2026-11-22', freshSay('en'));
    const [cockpit, fleet] = shared.systems.map((entry) => entry.hosting);
    expect(cockpit!.recommendation).toBe('mainland_required');
    expect(cockpit!.trace).toBe(fleet!.trace);
    expect(cockpit!.legalReviewReasons.join()).toContain('System cockpit');
    expect(fleet!.legalReviewReasons.join()).toContain('System fleet');
    expect(fleet!.legalReviewReasons.join()).not.toContain('cockpit');
    expect(JSON.stringify(shared)).not.toContain('\uFFFF');
    expect(shared.systems.map((entry) => entry.hosting)).toEqual(alone.systems.map((entry) => entry.hosting));
  });

  it('never give two different sets of facts one key, however their values nest', () => {
    // Fresh numbers for the primitives: 'first' is numbered 3 (the first after the marks), 'a' 4, 'b' 5, 'c' 6, so
    // a key that wrote a list's length as a bare number would read the list ['a', 'b', 'c'] (length 3) as 'first', 'a', 'b', 'c'.
    forgetSharedAnswers();
    const fresh = new SharedAnswers();
    expect(fresh.answer('test', ['first', 'a', 'b', 'c'], () => 'four values')).toBe('four values');
    expect(fresh.answer('test', [['a', 'b', 'c']], () => 'one list')).toBe('one list');
    const shared = new SharedAnswers();
    // Pairs a careless key text would confuse: kinds of primitive, a list against its members, a list's end, fields against lists.
    const facts: unknown[][] = [
      [1], ['1'], [true], ['true'], [null], [undefined], [[]], [{}], [[undefined]], [[null]],
      [['a', 'b']], [['a'], 'b'], ['a', ['b']], [['a', 'b'], []], [[['a']], 'b'],
      [{ a: 1 }], [['a', 1]], ['a', 1], [{ a: 1, b: 2 }], [{ a: { b: 2 } }], [{ a: 1 }, { b: 2 }],
      [Array.from({ length: 70_000 }, () => 'x')], [Array.from({ length: 4_464 }, () => 'x')],
    ];
    const answers = facts.map((list, index) => shared.answer('test', list, () => ({ index })));
    // Each set got its own answer, and asking again finds it; only the 70,000-member list, too long a key to keep, is worked out again.
    expect(answers.map((answer) => answer.index)).toEqual(facts.map((_, index) => index));
    const again = facts.map((list) => shared.answer('test', list, () => ({ index: -1 })).index);
    expect(again).toEqual(facts.map((_, index) => (index === 21 ? -1 : index)));
  });

  it('start a new generation when the primitives outnumber their 16-bit codes, and still answer right', () => {
    const shared = new SharedAnswers();
    let computed = 0;
    const ask = (start: number) => shared.answer('test', [Array.from({ length: 8_000 }, (_, index) => start + index)], () => {
      computed += 1;
      return { start };
    });
    // Nine lists of 8,000 new numbers each: 72,000 primitives, past the 65,533 codes above the marks, so the codes are given afresh on the way.
    const starts = Array.from({ length: 9 }, (_, index) => index * 8_000);
    expect(starts.map((start) => ask(start).start)).toEqual(starts);
    expect(computed).toBe(9);
    // The last lists asked are kept in the new generation; every list still gets its own answer.
    expect(starts.map((start) => ask(start).start)).toEqual(starts);
    expect(ask(starts[8]!).start).toBe(starts[8]);
  });

  it('keep one copy of each text the kept answers write, and leave frozen parts as they are', () => {
    forgetSharedAnswers();
    const shared = new SharedAnswers();
    const law = Object.freeze(['cited', 'as given']);
    const sentence = (who: string) => ['The ', who, ' needs review.'].join('');
    const first = shared.answer('test', ['first'], () => ({ reasons: [sentence('grade')], law, nested: { detail: sentence('grade') } }));
    const second = shared.answer('test', ['second'], () => ({ reasons: [sentence('grade'), sentence('route')], law, nested: { detail: 'other' } }));
    // The texts are the same values (and the frozen list untouched); the answers are frozen as before.
    expect(first).toEqual({ reasons: ['The grade needs review.'], law: ['cited', 'as given'], nested: { detail: 'The grade needs review.' } });
    expect(second.reasons).toEqual(['The grade needs review.', 'The route needs review.']);
    expect(second.law).toBe(law);
    expect(Object.isFrozen(first) && Object.isFrozen(first.nested)).toBe(true);
  });
});
