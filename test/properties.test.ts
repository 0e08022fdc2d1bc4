import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeLevel } from '../src/core/assess/assess-mlps.ts';
import { lawBook } from '../src/content/load-content.ts';
import { assessmentSchema } from '../src/core/assess/assessment-schema.ts';
import { IMPACT_DEGREES, IMPACT_OBJECTS, SENSITIVE_PI_CATEGORIES, TRANSFER_SCENARIOS } from '../src/core/profile/profile-schema.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const WEIGHT = { none: 0, exempt: 1, standard_contract_or_certification: 2, security_assessment: 3 } as const;
const DATES = ['2022-09-01', '2023-06-15', '2024-03-21', '2024-03-22', '2026-01-01', '2026-11-22'];

const transferArb = fc.record({
  scenario: fc.constantFrom(...TRANSFER_SCENARIOS.filter((s) => s !== 'ftz_outside_negative_list')),
  nonSensitiveIndividuals: fc.integer({ min: 0, max: 3_000_000 }),
  sensitiveIndividuals: fc.integer({ min: 0, max: 30_000 }),
  importantData: fc.boolean(),
  remoteAccess: fc.boolean(),
  destination: fc.constantFrom('DE', 'US', 'HK', 'MO', 'TW', 'SG'),
});

const routeOf = (transfers: Array<Record<string, unknown>>, asOf: string, processed: number, ciiNotified = false) =>
  assess(profile({ organisation: { individualsProcessed: processed, ciiNotified }, transfers: transfers.map((t, index) => transfer({ ...t, id: `t${index}` })) }), asOf).organisation.cbdt.mechanism;

describe('properties of the transfer route', () => {
  it('more individuals never yields a lighter route, under every regime', () => {
    fc.assert(
      fc.property(fc.array(transferArb, { minLength: 1, maxLength: 4 }), fc.nat({ max: 3 }), fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(...DATES), fc.integer({ min: 0, max: 3_000_000 }), (transfers, pick, extraNonSensitive, extraSensitive, asOf, processed) => {
        const index = pick % transfers.length;
        const grown = transfers.map((t, i) => (i === index ? { ...t, nonSensitiveIndividuals: t.nonSensitiveIndividuals + extraNonSensitive, sensitiveIndividuals: t.sensitiveIndividuals + extraSensitive } : t));
        expect(WEIGHT[routeOf(grown, asOf, processed)]).toBeGreaterThanOrEqual(WEIGHT[routeOf(transfers, asOf, processed)]);
      }),
      { numRuns: 150 },
    );
  });

  it('adding a transfer never yields a lighter route', () => {
    fc.assert(
      fc.property(fc.array(transferArb, { minLength: 0, maxLength: 3 }), transferArb, fc.constantFrom(...DATES), (transfers, extra, asOf) => {
        expect(WEIGHT[routeOf([...transfers, extra], asOf, 50_000)]).toBeGreaterThanOrEqual(WEIGHT[routeOf(transfers, asOf, 50_000)]);
      }),
      { numRuns: 100 },
    );
  });

  it('becoming a notified CII operator never yields a lighter route', () => {
    fc.assert(
      fc.property(fc.array(transferArb, { minLength: 1, maxLength: 3 }), fc.constantFrom(...DATES), (transfers, asOf) => {
        expect(WEIGHT[routeOf(transfers, asOf, 50_000, true)]).toBeGreaterThanOrEqual(WEIGHT[routeOf(transfers, asOf, 50_000, false)]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('properties of the MLPS grade', () => {
  it('more harm, or harm to a weightier object, never lowers the grade', () => {
    for (const object of IMPACT_OBJECTS) {
      for (let degree = 1; degree < IMPACT_DEGREES.length; degree += 1) {
        expect(gradeLevel(lawBook(), object, IMPACT_DEGREES[degree]!)).toBeGreaterThanOrEqual(gradeLevel(lawBook(), object, IMPACT_DEGREES[degree - 1]!));
      }
    }
    for (const degree of IMPACT_DEGREES) {
      for (let object = 1; object < IMPACT_OBJECTS.length; object += 1) {
        expect(gradeLevel(lawBook(), IMPACT_OBJECTS[object]!, degree)).toBeGreaterThanOrEqual(gradeLevel(lawBook(), IMPACT_OBJECTS[object - 1]!, degree));
      }
    }
  });
});

describe('every assessment satisfies the published assessment schema', () => {
  const systemArb = fc.record({
    audience: fc.constantFrom('consumers', 'businesses', 'internal'),
    hosting: fc.constantFrom('overseas', 'mainland', 'hong_kong', 'macau', 'taiwan'),
    commercialService: fc.boolean(),
    platform: fc.boolean(),
    channels: fc.subarray(['website', 'app', 'mini_program', 'api'] as const, { minLength: 1 }),
    sensitivePersonalInformation: fc.subarray([...SENSITIVE_PI_CATEGORIES]),
    importantData: fc.constantFrom('none', 'suspected', 'notified'),
    users: fc.record({ registered: fc.integer({ min: 0, max: 60_000_000 }), monthlyActive: fc.integer({ min: 0, max: 12_000_000 }) }),
    dataCategories: fc.subarray(['vehicle_telematics', 'off_vehicle_video', 'internet_map_service', 'ev_remote_service_platform']),
    integrations: fc.subarray(['google_maps', 'stripe', 'aws', 'not_a_known_service']),
  });
  it('for random profiles and dates', () => {
    fc.assert(
      fc.property(systemArb, fc.array(transferArb, { maxLength: 3 }), fc.constantFrom(...DATES), fc.subarray(['automotive', 'finance', 'gaming', 'media'] as const), fc.boolean(), (sys, transfers, asOf, sectors, ciiNotified) => {
        const result = assess(profile({ organisation: { sectors, ciiNotified, mainlandCity: 'shenzhen' }, systems: [system(sys)], transfers: transfers.map((t, i) => transfer({ ...t, id: `t${i}` })) }), asOf);
        const parsed = assessmentSchema.safeParse(result);
        if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
        expect(result.openQuestions.every((question, index) => question.id === `Q${index + 1}`)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
