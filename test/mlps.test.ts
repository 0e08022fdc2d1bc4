import { describe, expect, it } from 'vitest';
import { lawBook } from '../src/content/load-content.ts';
import { IMPACT_DEGREES, IMPACT_OBJECTS } from '../src/core/profile/profile-schema.ts';
import { assess, profile, system } from './helpers.ts';

const graded = (business: [string, string], service: [string, string], extra: Record<string, unknown> = {}, organisation: Record<string, unknown> = {}) =>
  assess(profile({ organisation, systems: [system({ impact: { businessInformation: { object: business[0], degree: business[1] }, systemService: { object: service[0], degree: service[1] } }, ...extra })] })).systems[0]!.mlps;

describe('MLPS grade (GB/T 22240-2020 matrix)', () => {
  it.each([
    ['citizens_and_organisations', 'general', 1],
    ['citizens_and_organisations', 'serious', 2],
    ['citizens_and_organisations', 'especially_serious', 2],
    ['social_order_and_public_interest', 'general', 2],
    ['social_order_and_public_interest', 'serious', 3],
    ['social_order_and_public_interest', 'especially_serious', 4],
    ['national_security', 'general', 3],
    ['national_security', 'serious', 4],
    ['national_security', 'especially_serious', 5],
  ])('%s harmed, %s harm → level %i', (object, degree, level) => {
    const mlps = graded([object, degree], ['citizens_and_organisations', 'general']);
    expect(mlps.businessInformationLevel).toBe(level);
    expect(mlps.level).toBe(Math.max(level, 1));
  });

  it('harm to citizens and organisations alone never exceeds level 2', () => {
    for (const degree of IMPACT_DEGREES) expect(lawBook().tables.mlpsGradingMatrix.rows.citizens_and_organisations[degree]).toBeLessThanOrEqual(2);
  });

  it('the final level is the higher of the two sub-grades', () => {
    const mlps = graded(['citizens_and_organisations', 'serious'], ['social_order_and_public_interest', 'especially_serious']);
    expect([mlps.businessInformationLevel, mlps.systemServiceLevel, mlps.level]).toEqual([2, 4, 4]);
  });

  it('level 1: no expert review, no PSB filing', () => {
    const mlps = graded(['citizens_and_organisations', 'general'], ['citizens_and_organisations', 'general']);
    expect(mlps).toMatchObject({ level: 1, expertReview: false, psbFilingDays: null, assessmentIntervalMonths: null, commercialCryptoAssessment: 'recommended' });
  });

  it('level 2: expert review and PSB filing within 30 days; no statutory assessment interval', () => {
    expect(graded(['citizens_and_organisations', 'serious'], ['citizens_and_organisations', 'general'])).toMatchObject({ level: 2, expertReview: true, psbFilingDays: 30, assessmentIntervalMonths: null });
  });

  it('level 3 is assessed yearly, level 4 half-yearly, both with a mandatory crypto assessment', () => {
    expect(graded(['social_order_and_public_interest', 'serious'], ['citizens_and_organisations', 'general'])).toMatchObject({ level: 3, assessmentIntervalMonths: 12, commercialCryptoAssessment: 'mandatory' });
    expect(graded(['national_security', 'serious'], ['citizens_and_organisations', 'general'])).toMatchObject({ level: 4, assessmentIntervalMonths: 6 });
  });

  it('a notified CII operator makes the crypto assessment mandatory and flags a grade below level 3', () => {
    const mlps = graded(['citizens_and_organisations', 'serious'], ['citizens_and_organisations', 'general'], {}, { ciiNotified: true });
    expect(mlps.commercialCryptoAssessment).toBe('mandatory');
    expect(mlps.needsLegalReview).toBe(true);
  });

  it('applies to mainland-hosted systems only; the grade is still given for others', () => {
    const overseas = graded(['social_order_and_public_interest', 'serious'], ['citizens_and_organisations', 'general'], { hosting: 'overseas' });
    expect(overseas).toMatchObject({ level: 3, applies: false });
    expect(IMPACT_OBJECTS.length).toBe(3);
  });
});

describe('Cybersecurity Law renumbering on 2026-01-01', () => {
  const logCitation = (asOf: string) => assess(profile(), asOf).systems[0]!.mlps.obligations.find((o) => o.id === 'network_logs')!.citation;
  it.each([
    ['2025-12-31', 'cn.csl-2017', '21'],
    ['2026-01-01', 'cn.csl-2026', '23'],
  ])('on %s network logs cite %s Art. %s', (asOf, instrument, article) => {
    expect(logCitation(asOf)).toMatchObject({ instrument, article });
    expect(logCitation(asOf).article).toBe(article);
  });

  it('CII localisation is Art. 37 before and Art. 39 after', () => {
    const localisation = (asOf: string) => assess(profile({ organisation: { ciiNotified: true } }), asOf).organisation.cii.obligations.find((o) => o.id === 'localisation')!.citation.article;
    expect(localisation('2025-12-31')).toBe('37');
    expect(localisation('2026-01-01')).toBe('39');
  });
});
