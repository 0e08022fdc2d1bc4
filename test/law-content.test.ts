// The dated penalty, incident-reporting and network-data parameters read as the law on each side of
// its effective date: the CSL amendment (2026-01-01), the Incident Reporting Measures (2025-11-01),
// the NDSMR (2025-01-01).
import { describe, expect, it } from 'vitest';
import { cite, readParameter, readParameterIfInForce } from '../src/core/law/law-book.ts';
import { book } from './helpers.ts';
import type { ParameterId } from '../src/core/law/content-ids.ts';

const reading = (id: ParameterId, asOf: string) => {
  const { value, citation, needsLegalReview } = readParameter(book, id, asOf);
  return { value, instrument: citation.instrument, article: citation.article, needsLegalReview };
};

describe('penalties: the same breach before and after the CSL amendment', () => {
  it('an operator refusing to correct an MLPS breach faces the 2017 figures in 2025 and the 2026 figures in 2026', () => {
    expect(reading('penalty.csl.operator.refusesOrHarm', '2025-06-01')).toMatchObject({ value: { min: 10_000, max: 100_000 }, instrument: 'cn.csl-2017', article: '59(1)' });
    expect(reading('penalty.csl.operator.refusesOrHarm', '2026-06-01')).toMatchObject({ value: { min: 50_000, max: 500_000 }, instrument: 'cn.csl-2026', article: '61(1)' });
    expect(reading('penalty.csl.operator.initial', '2025-12-31').value).toBeNull();
    expect(reading('penalty.csl.operator.initial', '2026-01-01').value).toEqual({ min: 10_000, max: 50_000 });
    expect(reading('penalty.csl.especiallySeriousHarm', '2025-12-31').value).toBeNull();
    expect(reading('penalty.csl.especiallySeriousHarm', '2026-01-01').value).toEqual({ min: 2_000_000, max: 10_000_000 });
  });

  it('a CII export breach has its own CSL fine until 2025 and is referred to the other laws from 2026', () => {
    expect(reading('penalty.csl.ciiExport', '2025-12-31')).toMatchObject({ value: { min: 50_000, max: 500_000 }, article: '66' });
    expect(reading('penalty.csl.ciiExport', '2026-01-01')).toMatchObject({ value: null, instrument: 'cn.csl-2026', article: '71(1)(3)' });
    expect(reading('penalty.pipl.serious.amountMax', '2026-01-01').value).toEqual({ min: 0, max: 50_000_000 });
    expect(reading('penalty.pipl.serious.turnoverPercentMax', '2026-01-01').value).toBe(5);
  });

  it('renumbered penalty articles cite the numbering in force', () => {
    expect(cite(book, '2025-06-01', { provision: 'csl.product-security-penalties' })).toMatchObject({ instrument: 'cn.csl-2017', article: '60' });
    expect(cite(book, '2026-06-01', { provision: 'csl.product-security-penalties' })).toMatchObject({ instrument: 'cn.csl-2026', article: '62' });
    expect(cite(book, '2026-06-01', { provision: 'csl.pi-and-cii-export-penalties' }).article).toBe('71');
  });

  it('every fine range runs from its minimum to its maximum', () => {
    const ranges = [...book.parameters.values()]
      .filter((parameter) => parameter.unit === 'rmb' || parameter.unit === 'multiple')
      .flatMap((parameter) => parameter.values.map((value) => ({ id: parameter.id, value: value.value })))
      .filter((entry): entry is { id: string; value: { min: number; max: number } } => typeof entry.value === 'object' && entry.value !== null);
    expect(ranges.length).toBeGreaterThan(30);
    expect(ranges.filter(({ value }) => !(value.min >= 0 && value.min < value.max)).map(({ id }) => id)).toEqual([]);
  });
});

describe('incident reporting: the Measures from 2025-11-01', () => {
  it('sets hour limits by operator type only from the effective date', () => {
    expect(reading('incident.operatorReportHours', '2025-10-31')).toMatchObject({ value: null, needsLegalReview: true });
    expect(reading('incident.operatorReportHours', '2025-11-01')).toMatchObject({ value: 4, instrument: 'cn.incident-reporting-measures-2025', article: '4' });
    expect(readParameterIfInForce(book, 'incident.ciiOperatorReportHours', '2025-10-31')).toBeUndefined();
    expect(reading('incident.ciiOperatorReportHours', '2025-11-01').value).toBe(1);
    expect(reading('incident.finalReportDays', '2026-06-01').value).toBe(30);
  });

  it('grades a PI leak by the annex thresholds, the secondary outage figures flagged for review', () => {
    expect(reading('incident.grade.relativelyMajor.piLeakedAtLeast', '2026-06-01').value).toBe(1_000_000);
    expect(reading('incident.grade.major.piLeakedAtLeast', '2026-06-01').value).toBe(10_000_000);
    expect(reading('incident.grade.especiallyMajor.piLeakedAtLeast', '2026-06-01').value).toBe(100_000_000);
    expect(reading('incident.grade.especiallyMajor.ciiOutageHoursAtLeast', '2026-06-01').needsLegalReview).toBe(true);
  });
});

describe('network data duties', () => {
  it('fixes the important-data assessment interval only from the NDSMR', () => {
    expect(reading('ndsmr.importantDataRiskAssessmentIntervalYears', '2024-12-31')).toMatchObject({ value: null, instrument: 'cn.dsl', article: '30' });
    expect(reading('ndsmr.importantDataRiskAssessmentIntervalYears', '2025-01-01')).toMatchObject({ value: 1, instrument: 'cn.ndsmr', article: '33' });
    expect(readParameterIfInForce(book, 'riskAssessment.reportWorkingDays', '2026-08-19')).toBeUndefined();
    expect(reading('riskAssessment.reportWorkingDays', '2026-08-20')).toMatchObject({ value: 20, needsLegalReview: true });
  });
});
