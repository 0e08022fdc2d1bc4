import { describe, expect, it } from 'vitest';
import { LandfallError } from '../src/core/errors.ts';
import { assess, profile, route, system, transfer } from './helpers.ts';

describe('transfer route under the 2024 Provisions (fact base §1.4 decision table)', () => {
  it.each([
    [0, 0, 'exempt'],
    [99_999, 0, 'exempt'],
    [100_000, 0, 'standard_contract_or_certification'],
    [999_999, 0, 'standard_contract_or_certification'],
    [1_000_000, 0, 'security_assessment'],
    [0, 1, 'standard_contract_or_certification'],
    [0, 9_999, 'standard_contract_or_certification'],
    [0, 10_000, 'security_assessment'],
    [99_999, 9_999, 'standard_contract_or_certification'],
  ])('%i non-sensitive and %i sensitive individuals → %s', (nonSensitive, sensitive, expected) => {
    expect(route({ nonSensitive, sensitive })).toBe(expected);
  });

  it('ignores the processing volume that triggered an assessment in 2022', () => {
    expect(route({ nonSensitive: 50_000, processed: 5_000_000 })).toBe('exempt');
  });

  it('sums volumes over the handler: two transfers of 60,000 need a contract', () => {
    const result = assess(profile({ transfers: [transfer({ id: 'a', nonSensitiveIndividuals: 60_000 }), transfer({ id: 'b', nonSensitiveIndividuals: 60_000 })] }));
    expect(result.organisation.cbdt.counted.nonSensitiveIndividuals).toBe(120_000);
    expect(result.organisation.cbdt.counted.transfers).toEqual(['a', 'b']);
    expect(result.organisation.cbdt.mechanism).toBe('standard_contract_or_certification');
  });

  it('counts since 1 January of the current year', () => {
    const cbdt = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 10 })] }), '2026-11-22').organisation.cbdt;
    expect(cbdt.counted.window).toBe('calendar_year_to_date');
    expect(cbdt.counted.windowStart).toBe('2026-01-01');
  });

  it.each([
    ['contract_with_individual', '5(1)'],
    ['cross_border_hr', '5(2)'],
    ['emergency', '5(3)'],
    ['foreign_data_in_transit', '4'],
  ])('scenario %s is exempt (Art. %s) and not counted', (scenario, article) => {
    const cbdt = assess(profile({ transfers: [transfer({ scenario, nonSensitiveIndividuals: 5_000_000, sensitiveIndividuals: 50_000 })] })).organisation.cbdt;
    expect(cbdt.mechanism).toBe('exempt');
    expect(cbdt.counted.nonSensitiveIndividuals).toBe(0);
    expect(cbdt.exemptions[0]?.citation).toMatchObject({ instrument: 'cn.cbdt.provisions-2024', article });
  });

  it('exempt scenarios do not shield other transfers from the count', () => {
    const cbdt = assess(profile({ transfers: [transfer({ id: 'hr', scenario: 'cross_border_hr', nonSensitiveIndividuals: 900_000 }), transfer({ id: 'crm', nonSensitiveIndividuals: 150_000 })] })).organisation.cbdt;
    expect(cbdt.counted.nonSensitiveIndividuals).toBe(150_000);
    expect(cbdt.mechanism).toBe('standard_contract_or_certification');
  });

  it('FTZ data outside the negative list is exempt and flagged for review', () => {
    const cbdt = assess(profile({ organisation: { freeTradeZone: 'Shanghai FTZ' }, transfers: [transfer({ scenario: 'ftz_outside_negative_list', nonSensitiveIndividuals: 2_000_000 })] })).organisation.cbdt;
    expect(cbdt.mechanism).toBe('exempt');
    expect(cbdt.needsLegalReview).toBe(true);
  });

  it('non-PI trade data is exempt under Art. 3 only when it carries no important data', () => {
    expect(route({}, '2026-11-22', { scenario: 'no_personal_information' })).toBe('exempt');
    expect(route({}, '2026-11-22', { scenario: 'no_personal_information', importantData: true })).toBe('security_assessment');
  });

  it('notified important data needs an assessment whatever the scenario (row 4 precedes row 5)', () => {
    expect(route({ nonSensitive: 10 }, '2026-11-22', { importantData: true, scenario: 'contract_with_individual' })).toBe('security_assessment');
  });

  it('suspected important data does not trigger an assessment in 2024 (only notified or published data)', () => {
    const result = assess(profile({ systems: [system({ importantData: 'suspected' })], transfers: [transfer({ nonSensitiveIndividuals: 10 })] }));
    expect(result.organisation.cbdt.mechanism).toBe('exempt');
    expect(result.findings.some((finding) => finding.id === 'important-data.suspected.app')).toBe(true);
  });

  it('a CII operator needs an assessment for any PI, but the HR exemption still reaches it (flagged)', () => {
    expect(route({ nonSensitive: 1 }, '2026-11-22', {}) ).toBe('exempt');
    const ciio = (extra: Record<string, unknown>) => assess(profile({ organisation: { ciiNotified: true }, transfers: [transfer({ nonSensitiveIndividuals: 1, ...extra })] })).organisation.cbdt;
    expect(ciio({}).mechanism).toBe('security_assessment');
    const hr = ciio({ scenario: 'cross_border_hr' });
    expect(hr.mechanism).toBe('exempt');
    expect(hr.needsLegalReview).toBe(true);
  });

  it('remote access from abroad counts as an outbound transfer', () => {
    const cbdt = assess(profile({ transfers: [transfer({ remoteAccess: true, nonSensitiveIndividuals: 200_000 })] })).organisation.cbdt;
    expect(cbdt.mechanism).toBe('standard_contract_or_certification');
    expect(cbdt.trace.some((step) => step.step.startsWith('Remote access'))).toBe(true);
  });

  it('transfers to Hong Kong, Macau and Taiwan are outbound', () => {
    for (const destination of ['HK', 'MO', 'TW']) expect(route({ nonSensitive: 150_000 }, '2026-11-22', { destination })).toBe('standard_contract_or_certification');
  });

  it('offers the GBA standard contract to a Shenzhen entity sending to Hong Kong, flagged for review', () => {
    const options = assess(profile({ organisation: { mainlandCity: 'Shenzhen' }, transfers: [transfer({ destination: 'HK', nonSensitiveIndividuals: 150_000 })] })).organisation.cbdt.options;
    expect(options.find((option) => option.id === 'gba_standard_contract')).toMatchObject({ available: true, needsLegalReview: true });
    const shanghai = assess(profile({ organisation: { mainlandCity: 'shanghai' }, transfers: [transfer({ destination: 'HK', nonSensitiveIndividuals: 150_000 })] })).organisation.cbdt.options;
    expect(shanghai.find((option) => option.id === 'gba_standard_contract')?.available).toBe(false);
  });

  it('derives the outbound flow of a system hosted outside the mainland when none is listed', () => {
    const result = assess(profile({ systems: [system({ hosting: 'overseas', users: { registered: 300_000, monthlyActive: 1 }, sensitivePersonalInformation: ['location_tracking'] })] }));
    const flow = result.organisation.cbdt.transfers[0]!;
    expect(flow).toMatchObject({ transfer: 'app-direct-collection', implied: true, nonSensitiveIndividuals: 300_000, sensitiveIndividuals: 300_000 });
    expect(result.organisation.cbdt.mechanism).toBe('security_assessment');
    expect(result.openQuestions.some((question) => question.kind === 'missing_fact' && question.detail.includes('app-direct-collection'))).toBe(true);
  });

  it('keeps the duties that survive every exemption', () => {
    const cbdt = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 10 })] })).organisation.cbdt;
    expect(cbdt.duties.map((duty) => duty.id)).toEqual(expect.arrayContaining(['notice', 'separate_consent', 'pipia']));
    expect(cbdt.duties.find((duty) => duty.id === 'pipia')?.detail).toContain('3 years');
  });

  it('says mechanism none when nothing leaves the mainland', () => {
    const cbdt = assess(profile()).organisation.cbdt;
    expect(cbdt.mechanism).toBe('none');
    expect(cbdt.duties).toEqual([]);
  });
});

describe('transfer route under the 2022 Measures and 2023 Standard Contract Measures', () => {
  const on2023 = '2023-06-15';
  it.each([
    [99_999, 0, 50_000, 'standard_contract_or_certification'],
    [100_000, 0, 50_000, 'security_assessment'],
    [0, 9_999, 50_000, 'standard_contract_or_certification'],
    [0, 10_000, 50_000, 'security_assessment'],
    [10, 0, 999_999, 'standard_contract_or_certification'],
    [10, 0, 1_000_000, 'security_assessment'],
    [0, 0, 50_000, 'standard_contract_or_certification'],
  ])('%i non-sensitive, %i sensitive, %i processed → %s', (nonSensitive, sensitive, processed, expected) => {
    expect(route({ nonSensitive, sensitive, processed }, on2023)).toBe(expected);
  });

  it('counts since 1 January of the previous year', () => {
    const cbdt = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 10 })] }), on2023).organisation.cbdt;
    expect(cbdt.counted).toMatchObject({ window: 'since_previous_calendar_year_start', windowStart: '2022-01-01' });
  });

  it('has no scenario exemptions: HR transfers are counted', () => {
    expect(route({ nonSensitive: 100_000 }, on2023, { scenario: 'cross_border_hr' })).toBe('security_assessment');
  });

  it('adds non-sensitive and sensitive counts for the all-PI threshold', () => {
    expect(route({ nonSensitive: 95_000, sensitive: 5_000 }, on2023)).toBe('security_assessment');
  });
});

describe('regime dates', () => {
  it.each([
    ['2024-03-21', 'cn.cbdt.assessment-measures-2022', 'security_assessment'],
    ['2024-03-22', 'cn.cbdt.provisions-2024', 'standard_contract_or_certification'],
  ])('on %s the regime is %s', (asOf, regime, mechanism) => {
    const cbdt = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] }), asOf).organisation.cbdt;
    expect(cbdt.regime.id).toBe(regime);
    expect(cbdt.mechanism).toBe(mechanism);
  });

  it('the standard contract becomes available on 2023-06-01', () => {
    const optionOn = (asOf: string) => assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 10 })] }), asOf).organisation.cbdt.options.find((option) => option.id === 'standard_contract');
    expect(optionOn('2023-05-31')?.available).toBe(false);
    expect(optionOn('2023-06-01')?.available).toBe(true);
  });

  it('certification rests on the 2022 announcement until the Certification Measures take effect on 2026-01-01', () => {
    const certificationOn = (asOf: string) => assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] }), asOf).organisation.cbdt.options.find((option) => option.id === 'certification');
    expect(certificationOn('2025-12-31')?.citation.instrument).toBe('cn.cbdt.pi-certification-announcement-2022');
    expect(certificationOn('2026-01-01')?.citation.instrument).toBe('cn.cbdt.certification-measures-2025');
    const early = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 10 })] }), '2022-11-03').organisation.cbdt;
    expect(early.options.every((option) => !option.available)).toBe(true);
    expect(early.needsLegalReview).toBe(true);
  });

  it('assessment results are valid 2 years under the 2022 text and 3 years with a 3-year extension from 2024', () => {
    const validity = (asOf: string) => assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 2_000_000 })] }), asOf).organisation.cbdt.procedure.find((step) => step.id === 'validity')!;
    expect(validity('2023-06-15').detail).toMatch(/^Valid 2 years; re-file 60 working days/);
    expect(validity('2026-11-22').detail).toMatch(/^Valid 3 years; apply for an extension within 60 working days before expiry, which if approved adds 3 years/);
  });

  it('refuses dates before 2022-09-01 with a clear message', () => {
    expect(() => assess(profile(), '2022-08-31')).toThrow(LandfallError);
    expect(() => assess(profile(), '2022-08-31')).toThrow(expect.objectContaining({ code: 'invalid_profile', problems: [expect.objectContaining({ message: expect.stringMatching(/before 2022-09-01/) })] }));
    expect(() => assess(profile(), '2022-09-01')).not.toThrow();
  });

  it('labels the stale 2022 answer when it differs from today', () => {
    const result = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] }));
    const stale = result.findings.find((finding) => finding.id === 'cbdt.superseded-thresholds');
    expect(stale?.detail).toContain('CAC security assessment');
  });
});

describe('automotive escalation', () => {
  it('flags PI of more than 100,000 individuals for legal review without changing the general route', () => {
    const make = (processed: number) => assess(profile({ organisation: { sectors: ['automotive'], individualsProcessed: processed }, transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] })).organisation.cbdt;
    expect(make(100_000).sectorEscalation).toBeNull();
    const over = make(100_001);
    expect(over.mechanism).toBe('standard_contract_or_certification');
    expect(over.sectorEscalation).toMatchObject({ mechanism: 'security_assessment' });
    expect(over.needsLegalReview).toBe(true);
  });
});
