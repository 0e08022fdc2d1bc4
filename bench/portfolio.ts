// The generated portfolio the benchmarks and the output digest share: seeded, so every run
// assesses the same profiles.

/** A small linear congruential generator, so every run draws the same numbers. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const PORTFOLIO_SEED = 20261122;

/**
 * `count` profiles of one to four systems each. Each firm's systems have ids of their own, as in a
 * real portfolio: ids shared by thousands of firms would let an answer keyed by the id be shared as
 * no real portfolio shares it. With `systemsPerProfile`, every profile has exactly
 * that many systems (the growth table); the draws are otherwise the same.
 */
export function generatePortfolio(count: number, options: { seed?: number; systemsPerProfile?: number } = {}): unknown[] {
  const next = random(options.seed ?? PORTFOLIO_SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const objects = ['citizens_and_organisations', 'social_order_and_public_interest', 'national_security'] as const;
  const degrees = ['general', 'serious', 'especially_serious'] as const;
  const profiles: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    const drawn = 1 + Math.floor(next() * 4);
    const systemCount = options.systemsPerProfile ?? drawn;
    const systems = Array.from({ length: systemCount }, (_, s) => ({
      id: `firm-${index}-system-${s}`,
      audience: pick(['consumers', 'businesses', 'internal'] as const),
      commercialService: next() < 0.3,
      platform: next() < 0.1,
      channels: [pick(['website', 'app', 'mini_program', 'api'] as const)],
      hosting: pick(['overseas', 'mainland', 'mainland', 'hong_kong'] as const),
      users: { registered: Math.floor(next() * 5_000_000), monthlyActive: Math.floor(next() * 1_000_000) },
      sensitivePersonalInformation: next() < 0.3 ? [pick(['location_tracking', 'financial_account', 'biometric'] as const)] : [],
      importantData: pick(['none', 'none', 'none', 'suspected', 'notified'] as const),
      dataCategories: next() < 0.2 ? ['vehicle_telematics'] : [],
      impact: {
        businessInformation: { object: pick(objects), degree: pick(degrees) },
        systemService: { object: pick(objects), degree: pick(degrees) },
      },
      integrations: ['google_maps', 'stripe', 'aws', 'sentry', 'salesforce'].filter(() => next() < 0.4),
    }));
    const transfers = Array.from({ length: Math.floor(next() * 4) }, (_, t) => ({
      id: `transfer-${t}`,
      fromSystem: `firm-${index}-system-${Math.floor(next() * systemCount)}`,
      destination: pick(['DE', 'US', 'HK', 'SG'] as const),
      scenario: pick(['none', 'none', 'contract_with_individual', 'cross_border_hr', 'no_personal_information'] as const),
      nonSensitiveIndividuals: Math.floor(next() * 1_500_000),
      sensitiveIndividuals: next() < 0.3 ? Math.floor(next() * 20_000) : 0,
    }));
    profiles.push({
      organisation: { name: `Portfolio firm ${index}`, sectors: [pick(['saas', 'automotive', 'finance', 'ecommerce', 'gaming'] as const)], ciiNotified: next() < 0.05, mainlandEntity: pick(['none', 'planned', 'established'] as const) },
      systems,
      transfers,
      plan: { start: '2027-01-01' },
    });
  }
  return profiles;
}
