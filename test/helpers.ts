import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lawBook } from '../src/content/load-content.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { engineText } from '../src/i18n/messages.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import type { Assessment } from '../src/core/assess/assessment-schema.ts';

export const book = lawBook();

type Json = Record<string, unknown>;

/** The profiles of examples/*.yaml, parsed, in file-name order. */
export function exampleProfiles(): unknown[] {
  const folder = join(import.meta.dirname, '..', 'examples');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const parsed = parseProfileText(readFileSync(join(folder, name), 'utf8'), name);
      if (!parsed.ok) throw new Error(`${name} is invalid`);
      return parsed.value;
    });
}

/** A minimal valid profile: one mainland-hosted consumer system, no transfers. Override by merging. */
export function profile(overrides: { organisation?: Json; systems?: Json[]; transfers?: Json[]; plan?: Json; controls?: Json } = {}): Json {
  return {
    ...(overrides.controls ? { controls: overrides.controls } : {}),
    schemaVersion: 1,
    organisation: { name: 'Test Co', headquarters: 'DE', mainlandEntity: 'established', sectors: ['saas'], ciiNotified: false, individualsProcessed: 50_000, listingPlanned: 'none', ...overrides.organisation },
    systems: overrides.systems ?? [system()],
    transfers: overrides.transfers ?? [],
    plan: { start: '2027-01-01', goLive: null, ...overrides.plan },
  };
}

export function system(overrides: Json = {}): Json {
  return {
    id: 'app',
    name: 'App',
    audience: 'consumers',
    servesMainlandUsers: true,
    internetFacing: true,
    commercialService: false,
    channels: ['website'],
    hosting: 'mainland',
    cloudHosted: true,
    iot: false,
    industrialControl: false,
    users: { registered: 50_000, monthlyActive: 10_000 },
    collectsMainlandPersonalInformation: true,
    sensitivePersonalInformation: [],
    importantData: 'none',
    dataCategories: [],
    impact: {
      businessInformation: { object: 'citizens_and_organisations', degree: 'serious' },
      systemService: { object: 'citizens_and_organisations', degree: 'general' },
    },
    integrations: [],
    operator: 'handler',
    partOfCii: null,
    algorithms: { recommendation: false, deepSynthesis: false, generativeAi: false, publicOpinion: false },
    ...overrides,
  };
}

export function transfer(overrides: Json = {}): Json {
  return { id: 't1', fromSystem: 'app', destination: 'DE', recipient: 'Parent', scenario: 'none', nonSensitiveIndividuals: 0, sensitiveIndividuals: 0, importantData: false, remoteAccess: false, ...overrides };
}

export function assess(input: Json, asOf = '2026-11-22'): Assessment {
  return assessProfile(book, input, asOf, engineText());
}

/** The CBDT route for one outbound transfer with the given counts. */
export function route(counts: { nonSensitive?: number; sensitive?: number; processed?: number }, asOf = '2026-11-22', extra: Json = {}): string {
  return assess(
    profile({
      organisation: { individualsProcessed: counts.processed ?? 50_000 },
      transfers: [transfer({ nonSensitiveIndividuals: counts.nonSensitive ?? 0, sensitiveIndividuals: counts.sensitive ?? 0, ...extra })],
    }),
    asOf,
  ).organisation.cbdt.mechanism;
}
