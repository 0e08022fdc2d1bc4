import { describe, expect, it } from 'vitest';
import { assess, profile, system, transfer } from './helpers.ts';

const one = (systemOverrides: Record<string, unknown>, organisation: Record<string, unknown> = {}, asOf = '2026-11-22', transfers: Record<string, unknown>[] = []) =>
  assess(profile({ organisation, systems: [system(systemOverrides)], transfers }), asOf).systems[0]!;

describe('ICP: filing and licence are different things', () => {
  it('a non-commercial public service needs a filing', () => {
    expect(one({}).icp).toMatchObject({ requirement: 'filing', ediLicence: false, appliesToCurrentHosting: true });
  });
  it('a commercial service needs a licence, and a commercial platform an EDI licence too', () => {
    expect(one({ commercialService: true }).icp).toMatchObject({ requirement: 'licence', ediLicence: false });
    expect(one({ commercialService: true, platform: true }).icp).toMatchObject({ requirement: 'licence', ediLicence: true });
  });
  it('internal systems and services without mainland users need nothing', () => {
    expect(one({ audience: 'internal' }).icp.requirement).toBe('none');
    expect(one({ servesMainlandUsers: false }).icp.requirement).toBe('none');
    expect(one({ internetFacing: false }).icp.requirement).toBe('none');
  });
  it('lists the missing prerequisites: mainland entity and mainland hosting', () => {
    const icp = one({ hosting: 'overseas' }, { mainlandEntity: 'none' }).icp;
    expect(icp.appliesToCurrentHosting).toBe(false);
    expect(icp.prerequisites.map((p) => [p.id, p.met])).toEqual([['domestic_entity', 'no'], ['mainland_hosting', 'no']]);
  });
  it('applies the 50% foreign-ownership cap to a licence', () => {
    const capped = one({ commercialService: true }, { foreignOwnershipPercent: 100 }).icp.prerequisites.find((p) => p.id === 'foreign_ownership');
    expect(capped?.met).toBe('no');
    expect(one({ commercialService: true }, { foreignOwnershipPercent: 50 }).icp.prerequisites.find((p) => p.id === 'foreign_ownership')?.met).toBe('yes');
  });
  it('names the 2024 opening pilot for an entity in Shenzhen once launched', () => {
    const pilot = (asOf: string) => one({ commercialService: true, platform: true }, { mainlandCity: 'shenzhen' }, asOf).icp.obligations.some((o) => o.id === 'opening_pilot');
    expect(pilot('2024-10-22')).toBe(false);
    expect(pilot('2024-10-23')).toBe(true);
  });
  it('requires app and mini-program filing from 2023-09-01', () => {
    const filing = (asOf: string) => one({ channels: ['app', 'mini_program'] }, {}, asOf).icp.obligations.some((o) => o.id === 'app_filing');
    expect(filing('2023-08-31')).toBe(false);
    expect(filing('2023-09-01')).toBe(true);
  });
  it('needs a PSB networking filing within 30 days of launch and sector pre-approval in regulated sectors', () => {
    const icp = one({}, { sectors: ['healthcare'] }).icp;
    expect(icp.obligations.find((o) => o.id === 'psb_networking_filing')?.detail).toContain('30 days');
    expect(icp.obligations.some((o) => o.id === 'pre_approval_healthcare')).toBe(true);
  });
});

describe('hosting recommendation', () => {
  it('overseas when no mainland PI is collected and nothing is public', () => {
    expect(one({ collectsMainlandPersonalInformation: false, audience: 'internal', internetFacing: false }).hosting.recommendation).toBe('overseas');
  });
  it('overseas with a transfer mechanism for a small B2B service', () => {
    const result = one({ audience: 'businesses', hosting: 'overseas', users: { registered: 2_000, monthlyActive: 500 } });
    expect(result.hosting.recommendation).toBe('overseas_with_transfer_mechanism');
    expect(result.hosting.path).toHaveLength(4);
  });
  it('mainland recommended for a consumer service', () => {
    expect(one({ hosting: 'overseas', users: { registered: 2_000, monthlyActive: 500 } }).hosting.recommendation).toBe('mainland_recommended');
  });
  it('mainland recommended at the security-assessment level', () => {
    expect(one({ audience: 'businesses' }, {}, '2026-11-22', [transfer({ nonSensitiveIndividuals: 1_000_000 })]).hosting.recommendation).toBe('mainland_recommended');
  });
  it('mainland required for a CII operator, notified important data and an internet map service', () => {
    expect(one({ audience: 'businesses' }, { ciiNotified: true }).hosting.recommendation).toBe('mainland_required');
    expect(one({ audience: 'businesses', importantData: 'notified' }).hosting.recommendation).toBe('mainland_required');
    const maps = one({ audience: 'businesses', dataCategories: ['internet_map_service'] }).hosting;
    expect(maps.recommendation).toBe('mainland_required');
    expect(maps.path.some((step) => step.citation?.instrument === 'cn.map-regulations' && step.citation.article === '34')).toBe(true);
  });
  it('mainland recommended for a CII-sector candidate', () => {
    expect(one({ audience: 'businesses' }, { sectors: ['finance'] }).hosting.recommendation).toBe('mainland_recommended');
  });
});

describe('jurisdiction', () => {
  it('puts Hong Kong, Macau and Taiwan hosting outside the mainland frame and cites their own law', () => {
    for (const [hosting, instrument] of [['hong_kong', 'hk.pdpo'], ['macau', 'mo.pdpa'], ['taiwan', 'tw.pdpa']] as const) {
      const result = assess(profile({ systems: [system({ hosting })] }));
      expect(result.systems[0]!.jurisdiction.frame).toBe('outside_mainland');
      expect(result.systems[0]!.mlps.applies).toBe(false);
      expect(result.organisation.jurisdiction.citations.some((c) => c.instrument === instrument)).toBe(true);
    }
  });
  it('does not apply the mainland frame to a firm with no mainland users, hosting or transfers', () => {
    const result = assess(profile({ systems: [system({ hosting: 'hong_kong', servesMainlandUsers: false, collectsMainlandPersonalInformation: false })] }));
    expect(result.organisation.jurisdiction.mainlandFrameApplies).toBe(false);
  });
});

describe('localisation', () => {
  it('reports the mainland status of integrations with alternatives, and the GCJ-02 finding for maps', () => {
    const items = one({ integrations: ['google_maps', 'stripe', 'unknown_tool'] }).localisation;
    expect(items[0]).toMatchObject({ integration: 'google_maps', status: 'unavailable' });
    expect(items[0]!.alternatives).toContain('amap');
    expect(items[0]!.findings[0]!.title).toContain('GCJ-02');
    expect(items[1]!.alternatives).toEqual(expect.arrayContaining(['alipay', 'wechat_pay']));
    expect(items[2]).toMatchObject({ status: 'unknown' });
  });
});
