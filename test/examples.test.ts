import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessmentSchema } from '../src/core/assess/assessment-schema.ts';
import { assess } from './helpers.ts';

function example(name: string, asOf: string) {
  const parsed = parseProfileText(readFileSync(join(import.meta.dirname, '..', 'examples', `${name}.yaml`), 'utf8'), name);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return assessmentSchema.parse(assess(parsed.value as Record<string, unknown>, asOf));
}

const headline = (name: string, asOf: string) => {
  const a = example(name, asOf);
  return {
    cbdt: a.organisation.cbdt.mechanism,
    cii: a.organisation.cii.status,
    systems: Object.fromEntries(a.systems.map((s) => [s.id, `L${s.mlps.level} ${s.icp.requirement}${s.icp.ediLicence ? '+edi' : ''} ${s.hosting.recommendation}`])),
  };
};

describe('examples: headline results today and under the 2022 rules', () => {
  it('automotive OEM: SCC or certification today with an automotive escalation; assessment in 2023', () => {
    expect(headline('automotive-oem', '2026-11-22')).toEqual({
      cbdt: 'standard_contract_or_certification',
      cii: 'not_indicated',
      systems: { 'dealer-portal': 'L2 filing mainland_required', telematics: 'L3 filing mainland_required', 'ev-remote-service': 'L3 none mainland_required' },
    });
    const today = example('automotive-oem', '2026-11-22');
    expect(today.organisation.cbdt.counted).toMatchObject({ nonSensitiveIndividuals: 420_000, sensitiveIndividuals: 8_000, windowStart: '2026-01-01' });
    expect(today.organisation.cbdt.sectorEscalation?.mechanism).toBe('security_assessment');
    expect(today.organisation.piVolumeDuties.map((d) => d.id)).toContain('pi_officer');
    expect(today.systems.find((s) => s.id === 'ev-remote-service')!.sectorRules.map((r) => r.id)).toContain('auto.gbt-40855');
    expect(today.systems.find((s) => s.id === 'dealer-portal')!.localisation.find((l) => l.integration === 'google_maps')!.findings[0]!.title).toContain('GCJ-02');
    expect(today.timeline.criticalPath[0]).toBe('entity');
    expect(today.findings.some((f) => f.id === 'cbdt.superseded-thresholds')).toBe(true);
    expect(headline('automotive-oem', '2023-06-15').cbdt).toBe('security_assessment');
  });

  it('B2B SaaS: exempt today under Art. 5(4); a mechanism was needed under the 2022 rules', () => {
    expect(headline('b2b-saas', '2026-11-22')).toEqual({ cbdt: 'exempt', cii: 'not_indicated', systems: { workspace: 'L2 licence overseas_with_transfer_mechanism' } });
    const today = example('b2b-saas', '2026-11-22');
    expect(today.organisation.cbdt.duties.map((d) => d.id)).toEqual(expect.arrayContaining(['notice', 'separate_consent', 'pipia']));
    expect(today.systems[0]!.mlps.applies).toBe(false);
    expect(headline('b2b-saas', '2023-06-15').cbdt).toBe('standard_contract_or_certification');
  });

  it('consumer e-commerce: shopping exempt under Art. 5(1), analytics needs SCC or certification', () => {
    expect(headline('consumer-ecommerce', '2026-11-22')).toEqual({ cbdt: 'standard_contract_or_certification', cii: 'not_indicated', systems: { storefront: 'L2 filing mainland_recommended' } });
    const today = example('consumer-ecommerce', '2026-11-22');
    expect(today.organisation.cbdt.exemptions.map((e) => [e.transfer, e.citation.article])).toEqual([['order-fulfilment', '5(1)']]);
    expect(today.systems[0]!.jurisdiction.frame).toBe('outside_mainland');
    expect(headline('consumer-ecommerce', '2023-06-15').cbdt).toBe('security_assessment');
  });

  it('fintech: CII candidate, level 4 payments core, licence and EDI for the merchant platform, security assessment', () => {
    expect(headline('fintech-cii', '2026-11-22')).toEqual({
      cbdt: 'security_assessment',
      cii: 'candidate',
      systems: { 'payments-core': 'L4 none mainland_recommended', 'merchant-portal': 'L2 licence+edi mainland_recommended' },
    });
    const today = example('fintech-cii', '2026-11-22');
    expect(today.organisation.cii.obligations.map((o) => o.id)).toEqual(expect.arrayContaining(['localisation', 'annual_assessment', 'procurement_review', 'commercial_crypto']));
    expect(today.systems[0]!.mlps.assessmentIntervalMonths).toBe(6);
  });

  it('multinational HR: HR exempt under Art. 5(2), payroll under Art. 5(4); both counted in 2023', () => {
    expect(headline('multinational-hr', '2026-11-22')).toEqual({ cbdt: 'exempt', cii: 'not_indicated', systems: { 'hr-suite': 'L2 none overseas_with_transfer_mechanism' } });
    expect(example('multinational-hr', '2026-11-22').organisation.cbdt.exemptions.map((e) => e.citation.article)).toEqual(['5(2)']);
    expect(headline('multinational-hr', '2023-06-15').cbdt).toBe('standard_contract_or_certification');
  });

  it('mobile game: security assessment at 1,200,000 players, ICP licence, foreign investment prohibited', () => {
    expect(headline('mobile-game', '2026-11-22')).toEqual({ cbdt: 'security_assessment', cii: 'not_indicated', systems: { 'game-client-backend': 'L2 licence mainland_recommended' } });
    const today = example('mobile-game', '2026-11-22');
    const obligations = today.systems[0]!.icp.obligations.map((o) => o.id);
    expect(obligations).toEqual(expect.arrayContaining(['prohibited_gaming', 'pre_approval_gaming', 'app_filing']));
    expect(obligations).not.toContain('opening_pilot');
    expect(today.findings.some((f) => f.id === 'timeline.pre-approval-excluded')).toBe(true);
  });
});
