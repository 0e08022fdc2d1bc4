// The entry profile (CONTRACT §1, schemaVersion 1). This file is the single definition of its shape:
// types, validation, defaults and the JSON Schema all come from it.
//
// Defaults are declared with `withDefault`, which records why the default was chosen. The
// normaliser walks the schema to find which defaults a given profile relied on, and the
// assessment turns each into an open question.
import { z } from 'zod';

const DEFAULT_REASON = 'landfallDefaultReason';

/** A field default with the reason it is safe (or conservative) to assume it. */
export function withDefault<T extends z.ZodType>(schema: T, value: z.input<T>, reason: string) {
  // A prefault is parsed like given input, so an omitted object (controls, plan) gets the defaults of
  // the fields inside it too, as the profile type promises; a leaf's default parses to itself.
  //
  // `.prefault(value)` declares the value behind a getter that shallow-copies it on every read, so
  // that no two parses share an object or list. zod's compiled parser reads it for every omitted
  // field, and the definition holding the getter is an object in V8's slow (dictionary) mode: the
  // lookup, the getter call and the copy were about a sixth of a profile's parse. A primitive cannot
  // be shared mutably, so its prefault holds the value as a plain field of an ordinary definition
  // (zod reads either form, as it does for the schemas it rebuilds itself); an object or list keeps
  // zod's copying getter.
  const prefault =
    value !== null && typeof value === 'object'
      ? schema.prefault(value as never)
      : (new z.ZodPrefault({ type: 'prefault', innerType: schema, defaultValue: value }) as z.ZodPrefault<T>);
  return prefault.meta({ [DEFAULT_REASON]: reason, description: reason });
}

export const DEFAULT_REASON_KEY = DEFAULT_REASON;

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const isoDate = z
  .string()
  .regex(DATE_SHAPE, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'expected a real calendar date');

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number the decimal digits of `value` from `start` to `end` write (the caller knows they are digits). */
function digitsAt(value: string, start: number, end: number): number {
  let number = 0;
  for (let index = start; index < end; index += 1) number = number * 10 + value.charCodeAt(index) - 48;
  return number;
}

function isCalendarDate(value: string): boolean {
  // zod runs the refinement even when the shape check failed, so any string reaches it. A date in
  // the shape is checked by arithmetic: building a Date and reading it back cost most of the check.
  // The answers are the probe's below: Date.UTC reads a year under 100 as 19xx, so such a year never
  // matched, and the calendar is the proleptic Gregorian one. Anything else is split on hyphens and
  // probed as before.
  if (DATE_SHAPE.test(value)) {
    const y = digitsAt(value, 0, 4);
    const m = digitsAt(value, 5, 7);
    const d = digitsAt(value, 8, 10);
    if (y < 100 || m < 1 || m > 12 || d < 1) return false;
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!);
  }
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as DE or HK');
const count = z.number().int('expected a whole number').nonnegative('expected zero or more');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a slug: lower-case letters, digits and hyphens');

export const SECTORS = [
  'telecom', 'energy', 'transport', 'water', 'finance', 'public_services', 'e_government',
  'defence_industry', 'healthcare', 'automotive', 'ecommerce', 'saas', 'media', 'education', 'gaming',
  'manufacturing', 'retail', 'logistics', 'other',
] as const;
/** The nine mainland cities of the Greater Bay Area, matched on organisation.mainlandCity. */
export const GBA_MAINLAND_CITIES = ['guangzhou', 'shenzhen', 'zhuhai', 'foshan', 'huizhou', 'dongguan', 'zhongshan', 'jiangmen', 'zhaoqing'] as const;
export const TRANSFER_SCENARIOS = [
  'none', 'contract_with_individual', 'cross_border_hr', 'emergency', 'foreign_data_in_transit',
  'no_personal_information', 'ftz_outside_negative_list',
] as const;
export const SENSITIVE_PI_CATEGORIES = [
  'biometric', 'religious_belief', 'specific_identity', 'medical_health', 'financial_account',
  'location_tracking', 'minors_under_14',
] as const;
export const IMPACT_OBJECTS = ['citizens_and_organisations', 'social_order_and_public_interest', 'national_security'] as const;
export const IMPACT_DEGREES = ['general', 'serious', 'especially_serious'] as const;
export const HOSTING_LOCATIONS = ['overseas', 'mainland', 'hong_kong', 'macau', 'taiwan'] as const;
export const CHANNELS = ['website', 'app', 'mini_program', 'api'] as const;
export const AUDIENCES = ['consumers', 'businesses', 'internal'] as const;
export const MAINLAND_ENTITY_STATES = ['none', 'planned', 'established'] as const;
export const IMPORTANT_DATA_STATES = ['none', 'suspected', 'notified'] as const;
/**
 * Who operates a system day to day (builds it, runs it, answers for its incidents): the firm itself
 * (through its mainland entity where it has one), another company of its group, or a provider that
 * runs it for the firm (managed hosting, operations and maintenance).
 */
export const SYSTEM_OPERATORS = ['handler', 'group_company', 'service_provider'] as const;

/**
 * Data-category tags that drive rules. Other free tags are accepted and carried through.
 * Automotive tags follow the categories of the 2021 Automotive Data Provisions.
 */
export const KNOWN_DATA_CATEGORIES = {
  vehicle_telematics: 'Vehicle operating and telematics data sent off the vehicle',
  vehicle_location: 'Vehicle location and track data',
  off_vehicle_video: 'Video and images captured outside the vehicle (faces, licence plates)',
  cabin_audio_video: 'Audio, video and images from the cabin',
  charging_network_operations: 'Operating data of a vehicle charging network',
  vehicle_flow_logistics: 'Vehicle-flow and logistics data reflecting economic operation',
  sensitive_area_geodata: 'Geographic information, people or vehicle flows in sensitive areas',
  ev_remote_service_platform: 'Electric-vehicle remote service and management platform (GB/T 32960 enterprise platform)',
  internet_map_service: 'The system itself provides an internet map service (tiles, routing, geodata)',
  employee_records: 'Personnel and HR records',
  payment_data: 'Payment and transaction records',
} as const;

const impactAxis = z
  .object({
    object: z.enum(IMPACT_OBJECTS),
    degree: z.enum(IMPACT_DEGREES),
  })
  .strict();

const DEFAULT_IMPACT = { object: 'citizens_and_organisations', degree: 'serious' } as const;

/** The facts that decide the algorithm, deep-synthesis and generative-AI rules for a system. */
const algorithmsSchema = z
  .object({
    recommendation: withDefault(z.boolean(), false, 'Whether the system uses algorithms to push, rank, select, search-filter or dispatch information to mainland users (personalised feeds, recommendations); assumed not.'),
    deepSynthesis: withDefault(z.boolean(), false, 'Whether the system generates or edits text, images, audio, video or virtual scenes with deep learning or similar synthesis (face swap, voice synthesis, text generation); assumed not.'),
    generativeAi: withDefault(z.boolean(), false, 'Whether the system offers generative AI (text, images, audio or video generated by a model) to the public in the mainland, including through an API; assumed not.'),
    publicOpinion: withDefault(z.boolean(), false, 'Whether the service has public opinion attributes or social mobilisation capacity: forums, blogs, microblogs, chat rooms, messaging groups, public accounts, short video, live streaming, information sharing, mini programs, or any channel for public expression; assumed not. It decides algorithm filing and the security assessment.'),
  })
  .strict();

/**
 * The most systems and transfers one profile may list. Every field a system leaves out has a
 * default, so a system of a dozen bytes (`{ id: s1 }`) is assessed in full: some 45 KB of
 * assessment and 10 KB of annex. A profile text of 128 KiB could otherwise list some ten thousand
 * such systems and make an assessment of hundreds of megabytes, which a server would hold in memory
 * and write to its database. A thousand systems (the largest profile bench/run-bench.ts measures)
 * is far beyond any engagement; a group with more is assessed as several profiles.
 */
export const PROFILE_LIMITS = { systems: 1_000, transfers: 1_000 } as const;

export const systemSchema = z
  .object({
    id: slug,
    name: z.string().min(1).optional().describe('Display name; defaults to the id.'),
    audience: withDefault(z.enum(AUDIENCES), 'consumers', 'Assumed consumer-facing, the audience with the most obligations.'),
    servesMainlandUsers: withDefault(z.boolean(), true, 'Assumed to serve users in the mainland.'),
    internetFacing: withDefault(z.boolean(), true, 'Assumed reachable by the mainland public.'),
    commercialService: withDefault(z.boolean(), false, 'Assumed a non-commercial information service (ICP filing rather than licence).'),
    platform: withDefault(z.boolean(), false, 'Assumed not a platform on which third parties transact (no EDI licence).'),
    channels: withDefault(z.array(z.enum(CHANNELS)), ['website'], 'Assumed delivered as a website only.'),
    hosting: withDefault(z.enum(HOSTING_LOCATIONS), 'overseas', 'Assumed hosted outside the mainland.'),
    cloudHosted: withDefault(z.boolean(), true, 'Assumed hosted on a public cloud, so the MLPS cloud extension applies and the physical environment is the provider\'s.'),
    iot: withDefault(z.boolean(), false, 'Assumed not to manage sensing devices or gateways, so the MLPS IoT extension does not apply.'),
    industrialControl: withDefault(z.boolean(), false, 'Assumed not an industrial control system, so the MLPS industrial-control extension does not apply.'),
    users: withDefault(
      z.object({ registered: count, monthlyActive: count }).strict(),
      { registered: 0, monthlyActive: 0 },
      'User numbers not given; counted as zero, which can understate volume duties.',
    ),
    collectsMainlandPersonalInformation: withDefault(z.boolean(), true, 'Assumed to collect personal information of mainland individuals.'),
    sensitivePersonalInformation: withDefault(z.array(z.enum(SENSITIVE_PI_CATEGORIES)), [], 'Assumed to hold no sensitive personal information.'),
    importantData: withDefault(z.enum(IMPORTANT_DATA_STATES), 'none', 'Assumed to hold no important data.'),
    dataCategories: withDefault(z.array(z.string().min(1)), [], 'No data categories given; sector rules keyed on categories are not triggered.'),
    impact: withDefault(
      z.object({ businessInformation: impactAxis, systemService: impactAxis }).strict(),
      { businessInformation: DEFAULT_IMPACT, systemService: DEFAULT_IMPACT },
      'MLPS impact not given; assumed serious harm to citizens and organisations (level 2), the usual grade of a system holding personal information.',
    ),
    integrations: withDefault(z.array(z.string().min(1)), [], 'No third-party integrations listed.'),
    algorithms: withDefault(
      algorithmsSchema,
      { recommendation: false, deepSynthesis: false, generativeAi: false, publicOpinion: false },
      'Algorithmic recommendation, deep synthesis, generative AI and public-opinion features not described; assumed none, so algorithm filing, security assessment and content labelling are not triggered.',
    ),
    operator: withDefault(
      z.enum(SYSTEM_OPERATORS),
      'handler',
      'Who operates the system: handler (the firm itself, through its mainland entity where it has one), group_company (another company of the group) or service_provider (a provider runs it for the firm). Assumed the firm itself, which then makes the incident reports.',
    ),
    partOfCii: withDefault(
      z.boolean().nullable(),
      null,
      'Whether the system is part of the critical information infrastructure a protection work department notified; not stated, so a notified CII operator\'s systems are treated as CII and others as not (incidents involving CII are reported within 1 hour, others within 4).',
    ),
  })
  .strict();

export const transferSchema = z
  .object({
    id: slug,
    fromSystem: z.string().nullable().optional().describe('The system the data leaves from; null for handler-wide transfers.'),
    destination: withDefault(countryCode.nullable(), null, 'Destination not given; still counted as outbound.'),
    recipient: withDefault(z.string().nullable(), null, 'Recipient not named.'),
    scenario: withDefault(z.enum(TRANSFER_SCENARIOS), 'none', 'No exempt scenario claimed, so the transfer is counted.'),
    nonSensitiveIndividuals: withDefault(count, 0, 'Number of individuals not given; counted as zero, which can understate the route.'),
    sensitiveIndividuals: withDefault(count, 0, 'Number of individuals whose sensitive PI is transferred not given; counted as zero.'),
    importantData: withDefault(z.boolean(), false, 'Assumed to carry no data notified or published as important data.'),
    remoteAccess: withDefault(z.boolean(), false, 'Assumed a transmission rather than remote access.'),
  })
  .strict();

const soc2Schema = z
  .object({
    report: z.enum(['type1', 'type2']),
    categories: z.array(z.enum(['security', 'availability', 'processing_integrity', 'confidentiality', 'privacy'])),
  })
  .strict();

const iso27001Schema = z
  .object({
    edition: z.enum(['2013', '2022']),
    certified: z.boolean(),
    implemented: z.union([z.literal('all'), z.array(z.string().regex(/^A\.\d+(\.\d+)*$/, 'expected an Annex A id such as A.5.1'))]),
  })
  .strict();

const practicesSchema = z
  .object({
    logsStoredInMainland: withDefault(z.boolean(), false, 'Assumed logs are not kept in the mainland.'),
    logRetentionMonths: withDefault(count, 0, 'Log retention not given; treated as unknown (0).'),
    cryptography: withDefault(z.array(z.string()), [], 'No cryptographic algorithms listed.'),
    sourceCodeReview: withDefault(z.boolean(), false, 'Assumed no source-code review of delivered software.'),
    personnelBackgroundChecks: withDefault(z.boolean(), false, 'Assumed no personnel background checks.'),
  })
  .strict();

export const profileSchema = z
  .object({
    schemaVersion: z.literal(1).default(1),
    organisation: z
      .object({
        name: z.string().min(1, 'the organisation needs a name'),
        headquarters: withDefault(countryCode.nullable(), null, 'Headquarters not given; treated as a foreign firm.'),
        mainlandEntity: withDefault(z.enum(MAINLAND_ENTITY_STATES), 'none', 'Assumed there is no mainland legal entity yet.'),
        mainlandCity: withDefault(
          z.string().nullable(),
          null,
          'City where the mainland entity is (or will be) registered not given; the Greater Bay Area contract and the 2024 telecom opening pilot cannot be assessed.',
        ),
        foreignOwnershipPercent: withDefault(
          z.number().min(0).max(100).nullable(),
          null,
          'Foreign shareholding of the mainland entity not given; a foreign-headquartered firm is treated as wholly foreign-owned.',
        ),
        sectors: withDefault(z.array(z.enum(SECTORS)), [], 'No sectors given; sector rules and CII screening see none.'),
        ciiNotified: withDefault(z.boolean(), false, 'Assumed not notified as a critical information infrastructure operator.'),
        freeTradeZone: withDefault(z.string().nullable(), null, 'Assumed not operating in a free-trade zone with a data negative list.'),
        listingPlanned: withDefault(
          z.enum(['none', 'abroad', 'hong_kong']),
          'none',
          'Whether the firm plans a listing of its shares: abroad (国外上市), in Hong Kong, or none. Assumed none. A network platform operator holding the PI of more than 1,000,000 users applies for a cybersecurity review before listing abroad; a Hong Kong listing is not an automatic trigger.',
        ),
        priorYearTurnoverRmb: z
          .number()
          .nonnegative('expected zero or more')
          .optional()
          .describe("The firm's turnover in the previous year, in RMB; turns the PIPL Art. 66(2) ceiling of 5% of turnover into an amount. Without it both ceilings (RMB 50 million or 5% of turnover) are shown."),
        individualsProcessed: count
          .optional()
          .describe('Distinct mainland individuals whose PI the firm processes; defaults to the sum of registered users of PI-collecting systems.'),
      })
      .strict(),
    systems: withDefault(z.array(systemSchema).max(PROFILE_LIMITS.systems, `at most ${PROFILE_LIMITS.systems} systems in one profile; assess a larger group as several profiles`), [], 'No systems listed.'),
    transfers: withDefault(z.array(transferSchema).max(PROFILE_LIMITS.transfers, `at most ${PROFILE_LIMITS.transfers} transfers in one profile; assess a larger group as several profiles`), [], 'No outbound transfers listed.'),
    controls: withDefault(
      z
        .object({
          soc2: withDefault(soc2Schema.nullable(), null, 'No SOC 2 report.'),
          iso27001: withDefault(iso27001Schema.nullable(), null, 'No ISO/IEC 27001 implementation.'),
          practices: withDefault(practicesSchema, {}, 'Practices not described.'),
        })
        .strict(),
      {},
      'Existing controls not described.',
    ),
    plan: withDefault(
      z
        .object({
          start: isoDate.optional().describe('Engagement start; defaults to the assessment date.'),
          goLive: withDefault(isoDate.nullable(), null, 'No target go-live date.'),
        })
        .strict(),
      {},
      'No plan given; the timeline starts on the assessment date.',
    ),
  })
  .strict();

export type ProfileInput = z.input<typeof profileSchema>;
export type ParsedProfile = z.output<typeof profileSchema>;
export type SystemProfile = ParsedProfile['systems'][number];
export type TransferProfile = ParsedProfile['transfers'][number];
export type Sector = (typeof SECTORS)[number];
export type TransferScenario = (typeof TRANSFER_SCENARIOS)[number];
export type ImpactObject = (typeof IMPACT_OBJECTS)[number];
export type ImpactDegree = (typeof IMPACT_DEGREES)[number];
export type HostingLocation = (typeof HOSTING_LOCATIONS)[number];
