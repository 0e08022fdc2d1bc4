import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normaliseProfile } from '../src/core/profile/normalise-profile.ts';
import { profileSchema } from '../src/core/profile/profile-schema.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const problems = (input: unknown) => {
  const result = normaliseProfile(input, '2026-11-22');
  return result.ok ? [] : result.problems;
};

describe('entry profile validation', () => {
  it('reports an invalid enum with its path and the allowed values', () => {
    const bad = profile({ systems: [system({ impact: { businessInformation: { object: 'citizens_and_organisations', degree: 'bad' }, systemService: { object: 'national_security', degree: 'general' } } })] });
    expect(problems(bad)).toEqual([{ path: 'systems[0].impact.businessInformation.degree', message: 'expected one of general, serious, especially_serious; received "bad"' }]);
  });

  it('lists every problem at once, including cross-field ones', () => {
    const bad = {
      organisation: { name: '', headquarters: 'Germany', typo: true },
      systems: [system({ id: 'Bad Id' }), system({ id: 'dup' }), system({ id: 'dup' })],
      transfers: [transfer({ fromSystem: 'missing', destination: 'CN', nonSensitiveIndividuals: -1 }), transfer({ id: 't2', scenario: 'ftz_outside_negative_list' })],
      plan: { start: '2027-02-30' },
    };
    const paths = problems(bad).map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining([
      'organisation.name', 'organisation.headquarters', 'organisation.typo', 'systems[0].id', 'systems[2].id',
      'transfers[0].fromSystem', 'transfers[0].destination', 'transfers[0].nonSensitiveIndividuals', 'transfers[1].scenario', 'plan.start',
    ]));
  });

  it('takes a plan date only as a real calendar date', () => {
    const datesIn = (plan: Record<string, unknown>) => problems({ organisation: { name: 'Dated' }, systems: [{ id: 'site' }], plan });
    expect(datesIn({ start: '2000-02-29', goLive: '2028-02-29' })).toEqual([]);
    expect(datesIn({ start: '0100-01-31', goLive: '9999-12-31' })).toEqual([]);
    for (const date of ['2027-02-29', '1900-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00', '0099-06-01']) {
      expect(datesIn({ goLive: date })).toEqual([{ path: 'plan.goLive', message: 'expected a real calendar date' }]);
    }
    expect(datesIn({ start: '2027-1-5' })).toEqual([
      { path: 'plan.start', message: 'expected a date as YYYY-MM-DD' },
    ]);
    expect(datesIn({ start: '2027-02-30x' })).toEqual([
      { path: 'plan.start', message: 'expected a date as YYYY-MM-DD' },
      { path: 'plan.start', message: 'expected a real calendar date' },
    ]);
  });

  it('requires only organisation.name and systems[].id', () => {
    const result = normaliseProfile({ organisation: { name: 'Minimal' }, systems: [{ id: 'site' }] }, '2026-11-22');
    expect(result.ok).toBe(true);
    expect(problems({ organisation: {} })[0]?.path).toBe('organisation.name');
    expect(problems({ organisation: { name: 'x' }, systems: [{}] })[0]?.path).toBe('systems[0].id');
  });

  it('records every default relied on, and the assessment lists each as an open question', () => {
    const result = normaliseProfile({ organisation: { name: 'Minimal' }, systems: [{ id: 'site' }] }, '2026-11-22');
    if (!result.ok) throw new Error('expected a valid profile');
    const paths = result.defaultsUsed.map((used) => used.path);
    expect(paths).toEqual(expect.arrayContaining(['organisation.mainlandEntity', 'systems[0].hosting', 'systems[0].impact', 'organisation.individualsProcessed', 'plan.start']));
    expect(result.profile.plan.start).toBe('2026-11-22');
    const assessment = assess({ organisation: { name: 'Minimal' }, systems: [{ id: 'site' }] });
    const questionPaths = assessment.openQuestions.filter((q) => q.kind === 'default_relied_on').map((q) => q.path);
    expect(questionPaths).toEqual(paths);
  });

  it('relies on no default when everything is given', () => {
    const result = normaliseProfile({ ...profile(), organisation: { ...(profile().organisation as object), mainlandCity: null, foreignOwnershipPercent: 100, freeTradeZone: null }, systems: [system({ platform: false, cloudHosted: true, iot: false, industrialControl: false })], controls: { soc2: null, iso27001: null, practices: { logsStoredInMainland: false, logRetentionMonths: 6, cryptography: [], sourceCodeReview: false, personnelBackgroundChecks: false } } }, '2026-11-22');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.defaultsUsed).toEqual([]);
  });

  it('parses YAML with dates as strings and reports syntax errors with a line', () => {
    const parsed = parseProfileText('organisation:\n  name: X\nplan:\n  start: 2027-01-15\n');
    expect(parsed).toEqual({ ok: true, value: { organisation: { name: 'X' }, plan: { start: '2027-01-15' } } });
    const broken = parseProfileText('organisation:\n  name: [unclosed\n', 'p.yaml');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0]!.path).toMatch(/^p\.yaml:\d+:\d+$/);
    expect(parseProfileText('- a\n- b\n').ok).toBe(false);
  });

  it('exports a JSON Schema with the contract enums', () => {
    const schema = z.toJSONSchema(profileSchema, { io: 'input' }) as { properties: Record<string, unknown> };
    const text = JSON.stringify(schema);
    for (const value of ['ftz_outside_negative_list', 'especially_serious', 'mini_program', 'hong_kong', 'defence_industry']) expect(text).toContain(value);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['organisation', 'systems', 'transfers', 'controls', 'plan']));
  });
});
