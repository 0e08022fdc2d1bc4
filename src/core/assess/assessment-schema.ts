// The assessment (CONTRACT §2, schemaVersion 1): the output of every determination. Types come
// from these schemas, and `landfall schema assessment` prints them as JSON Schema.
import { z } from 'zod';

export const citationSchema = z.object({
  instrument: z.string().describe('Instrument id from content/instruments.yaml, or "practice" for a planning figure.'),
  article: z.string().nullable().describe('Article in the numbering in force on asOf.'),
  title: z.string(),
  effective: z.string(),
  url: z.string().nullable(),
  confidence: z.enum(['primary', 'secondary', 'unconfirmed']),
  note: z.string().optional(),
});

export const traceStepSchema = z.object({
  step: z.string().describe('The question asked.'),
  result: z.string().describe('The answer for this profile.'),
  facts: z.record(z.string(), z.unknown()).optional().describe('The profile facts the step used.'),
  citation: citationSchema.optional(),
});

/** What every determination carries besides its value. */
export const explainedSchema = z.object({
  trace: z.array(traceStepSchema),
  citations: z.array(citationSchema),
  needsLegalReview: z.boolean(),
  legalReviewReasons: z.array(z.string()),
});

export const obligationSchema = z.object({
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  citation: citationSchema,
  needsLegalReview: z.boolean(),
});

export const CBDT_MECHANISMS = ['none', 'exempt', 'standard_contract_or_certification', 'security_assessment'] as const;
export const CBDT_WINDOWS = ['since_previous_calendar_year_start', 'calendar_year_to_date'] as const;

export const transferTreatmentSchema = z.object({
  transfer: z.string(),
  fromSystem: z.string().nullable(),
  destination: z.string().nullable(),
  implied: z.boolean().describe('Derived by Landfall (collection into a system hosted outside the mainland), not listed in the profile.'),
  recipient: z.string().nullable().optional().describe('The recipient the profile names, if any.'),
  remoteAccess: z.boolean().optional().describe('Overseas access to data stored in the mainland rather than a transmission (the channel the data-flow model shows).'),
  treatment: z.enum(['counted', 'exempt', 'assessment_required', 'out_of_scope']),
  reason: z.string(),
  nonSensitiveIndividuals: z.number(),
  sensitiveIndividuals: z.number(),
  citation: citationSchema.optional(),
});

export const cbdtSchema = explainedSchema.extend({
  regime: z.object({ id: z.string(), title: z.string(), effective: z.string() }),
  mechanism: z.enum(CBDT_MECHANISMS),
  options: z.array(
    z.object({
      id: z.enum(['security_assessment', 'standard_contract', 'certification', 'gba_standard_contract']),
      title: z.string(),
      available: z.boolean(),
      detail: z.string(),
      citation: citationSchema,
      needsLegalReview: z.boolean(),
    }),
  ),
  counted: z.object({
    nonSensitiveIndividuals: z.number(),
    sensitiveIndividuals: z.number(),
    window: z.enum(CBDT_WINDOWS),
    windowStart: z.string(),
    transfers: z.array(z.string()),
    method: z.string(),
  }),
  transfers: z.array(transferTreatmentSchema),
  exemptions: z.array(z.object({ transfer: z.string(), basis: z.string(), citation: citationSchema })),
  duties: z.array(obligationSchema),
  procedure: z.array(obligationSchema),
  sectorEscalation: z
    .object({ mechanism: z.enum(CBDT_MECHANISMS), reason: z.string(), citation: citationSchema })
    .nullable()
    .describe('A sector rule that may require a heavier route than the general rules; always flagged for legal review.'),
});

export const CII_STATUSES = ['notified', 'candidate', 'not_indicated'] as const;
export const ciiSchema = explainedSchema.extend({
  status: z.enum(CII_STATUSES),
  sectors: z.array(z.string()),
  obligations: z.array(obligationSchema),
});

const coverageCountSchema = z.object({
  applicable: z.number().int(),
  covered: z.number().int(),
  partial: z.number().int(),
  evidenceNeeded: z.number().int(),
  gap: z.number().int(),
  fullPercent: z.number(),
  weightedPercent: z.number(),
});

const carryOverSchema = z
  .object({
    applicable: z.number().int(),
    metAsIs: z.number().int().describe('Items the existing controls (or the hosting platform) meet as they stand, attested.'),
    metOnceRepositioned: z.number().int().describe('Items met once an existing control is repositioned in the mainland: log store relocated, keys re-issued under SM algorithms, the review run under the China entity.'),
    evidenceNeeded: z.number().int().describe('Items met once operating evidence or a practice statement is shown.'),
    extendControl: z.number().int().describe('Items an existing control covers in part: extend it.'),
    newControl: z.number().int().describe('Items nothing in the firm reaches, or state procedures: a new control.'),
    metAsIsPercent: z.number().describe('The headline: metAsIs over applicable items, in percent.'),
    onceRepositionedPercent: z.number().describe('metAsIs plus metOnceRepositioned over applicable items, in percent.'),
    evidenceReusePercent: z.number().describe("Share of the assessor's evidence the attested SOC 2 / ISO artefacts supply: each item counts its strongest attested mapping's strength over 10."),
    headline: z.enum(['metAsIsPercent']).describe('Which figure answers "how much carries over".'),
    range: z
      .object({ min: z.number(), max: z.number(), confidence: z.string(), needsReview: z.boolean(), source: z.string() })
      .nullable()
      .describe("The practitioners' estimate for the level, as cited content (a practitioner estimate, not a published figure)."),
    position: z.enum(['below', 'within', 'above']).nullable(),
    newAtLevel: z
      .object({ comparedWith: z.number().int(), items: z.number().int(), metAsIs: z.number().int(), metOnceRepositioned: z.number().int() })
      .nullable()
      .describe('Items this level has that the level below lacks (the stricter items and the new ones).'),
    gaps: z
      .array(
        z.object({
          kind: z.enum(['theme', 'category']),
          key: z.string(),
          title: z.string(),
          items: z.number().int(),
          open: z.number().int(),
          repositioned: z.number().int(),
          newAtLevel: z.number().int(),
        }),
      )
      .describe('Jurisdiction themes and the categories outside them, with the items not met as they stand, most first.'),
    sentence: z.string().describe('The answer in one sentence: the figure, the range and the three biggest gaps.'),
  })
  .describe('How much of the SOC 2 / ISO 27001 controls carries over to the level.');

export const gapSummarySchema = z
  .object({
    level: z.number().int().min(1).max(4),
    extensions: z.array(z.string()).describe('MLPS extensions that apply to the system (cloud, mobile, iot, industrial_control).'),
    sources: z.array(z.string()).describe('Source frameworks the firm brings (iso27001-2022, soc2-2017).'),
    coverage: coverageCountSchema,
    byCategory: z.array(coverageCountSchema.extend({ category: z.string(), zh: z.string() })),
    themes: z.array(
      z.object({
        theme: z.string(),
        title: z.string(),
        open: z.number().int(),
        items: z.number().int(),
        remediation: z.enum(['reposition', 'add']),
        effortWeeks: z.object({ min: z.number(), max: z.number() }),
      }),
    ),
    effortWeeks: z.object({ min: z.number(), max: z.number() }),
    itemsNeedingReview: z.number().int(),
    detail: z.string().describe('How to get the full register.'),
    carryOver: carryOverSchema.optional().describe('Absent only in assessments stored before it was added.'),
  })
  .describe('GB/T 22239-2019 gap analysis at the graded level, summarised; `landfall gaps` gives the full register.');

export const mlpsSchema = explainedSchema.extend({
  level: z.number().int().min(1).max(5),
  businessInformationLevel: z.number().int().min(1).max(5),
  systemServiceLevel: z.number().int().min(1).max(5),
  applies: z.boolean().describe('False when the system is not a network in the mainland (hosted elsewhere).'),
  applicability: z.string(),
  expertReview: z.boolean(),
  psbFilingDays: z.number().nullable(),
  assessmentIntervalMonths: z.number().nullable(),
  commercialCryptoAssessment: z.enum(['mandatory', 'recommended']),
  obligations: z.array(obligationSchema),
  gaps: gapSummarySchema.nullable().describe('Null at level 5, for which GB/T 22239-2019 sets no requirements.'),
});

export const ICP_REQUIREMENTS = ['none', 'filing', 'licence'] as const;
export const icpSchema = explainedSchema.extend({
  requirement: z.enum(ICP_REQUIREMENTS),
  ediLicence: z.boolean(),
  appliesToCurrentHosting: z.boolean(),
  prerequisites: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      met: z.enum(['yes', 'no', 'pending']),
      detail: z.string(),
      for: z.enum(['filing', 'licence']).optional().describe('Whether this is a prerequisite of the ICP filing or of the ICP licence.'),
      citation: citationSchema.optional().describe('The rule that sets the prerequisite.'),
    }),
  ),
  obligations: z.array(obligationSchema),
});

export const HOSTING_RECOMMENDATIONS = ['overseas', 'overseas_with_transfer_mechanism', 'mainland_recommended', 'mainland_required'] as const;
export const hostingSchema = explainedSchema.extend({
  recommendation: z.enum(HOSTING_RECOMMENDATIONS),
  path: z.array(z.object({ question: z.string(), answer: z.string(), consequence: z.string(), citation: citationSchema.optional() })),
  reasons: z.array(z.string()),
});

export const localisationItemSchema = z.object({
  integration: z.string(),
  name: z.string(),
  category: z.string(),
  status: z.enum(['available', 'degraded', 'unavailable', 'china_region', 'restricted', 'unknown']),
  summary: z.string(),
  alternatives: z.array(z.string()),
  alternativeNames: z.array(z.string()),
  findings: z.array(z.object({ title: z.string(), detail: z.string(), citation: citationSchema.optional() })),
  confidence: z.enum(['secondary', 'unconfirmed']),
});

export const sectorRuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  applies: z.boolean(),
  citation: citationSchema,
  needsLegalReview: z.boolean(),
});

// --- Penalty exposure (issue 13): the fines in force on the assessment date if a duty is not met ---

const rmbRangeSchema = z.object({ min: z.number(), max: z.number() }).describe('Inclusive; min 0 is a ceiling only.');

export const penaltyTierSchema = z.object({
  id: z.string().describe('The parameter id in content/parameters/penalties.yaml.'),
  condition: z.string().describe('When this tier applies (first breach, refusal to correct, serious harm, ...).'),
  organisation: rmbRangeSchema.nullable().describe('Fine on the organisation in RMB; null where the text provides no fine at this tier on this date.'),
  turnoverPercentMax: z.number().nullable().describe("Alternative ceiling as a percentage of the previous year's turnover (PIPL Art. 66(2))."),
  turnoverAmountMax: z.number().nullable().describe('That percentage of organisation.priorYearTurnoverRmb, when the profile gives the turnover.'),
  multiple: rmbRangeSchema.nullable().describe('A fine as a multiple of a sum (purchase amount, illegal gains) instead of an amount.'),
  individuals: rmbRangeSchema.nullable().describe('Fine on each directly responsible individual in RMB, where the text sets one.'),
  citation: citationSchema,
  wording: z.string().nullable(),
  needsLegalReview: z.boolean(),
});

export const exposureItemSchema = z.object({
  id: z.string(),
  determination: z.string().describe('Path of the determination in the assessment, e.g. organisation.cbdt or systems[app].mlps.'),
  title: z.string(),
  detail: z.string(),
  tiers: z.array(penaltyTierSchema),
});

export const exposureSchema = explainedSchema.extend({
  turnoverRmb: z.number().nullable().describe('organisation.priorYearTurnoverRmb, used to turn the PIPL turnover ceiling into an amount.'),
  items: z.array(exposureItemSchema),
});

// --- Network data duties below the volume thresholds, important-data handlers (issue 13) ---

export const networkDataSchema = explainedSchema.extend({
  importantDataHandler: z.boolean().describe('Holds notified or published important data, or carries the important-data handler duties by volume (NDSMR Art. 28).'),
  duties: z.array(obligationSchema),
});

// --- Algorithms and generative AI per system (issue 13) ---

export const algorithmsSchema = explainedSchema.extend({
  recommendation: z.boolean(),
  deepSynthesis: z.boolean(),
  generativeAi: z.boolean(),
  publicOpinion: z.boolean(),
  filing: z.enum(['none', 'algorithm_filing', 'generative_ai_filing']).describe('The heaviest filing the system needs on asOf.'),
  duties: z.array(obligationSchema),
});

// --- Rules that turn on one fact: sensitive PI, listing abroad, vehicle standards (issue 13) ---

export const specialRulesSchema = explainedSchema.extend({
  applies: z.boolean(),
  duties: z.array(obligationSchema),
});

// --- Incident reporting per system (issue 13) ---

export const incidentReportingSchema = explainedSchema.extend({
  applies: z.boolean().describe('False when the system is neither a network in the mainland nor serves mainland users.'),
  operator: z.enum(['handler', 'group_company', 'service_provider']).describe('Who operates the system (systems[].operator).'),
  operatorType: z.enum(['cii_operator', 'other']).describe('The operator type the Incident Reporting Measures set the time limit by, for this system.'),
  ciiRelated: z.boolean(),
  reportableGradeAtLeast: z.string().nullable().describe('Lowest reportable grade under the Measures; null before 2025-11-01.'),
  byOperatorType: z
    .array(z.object({ operatorType: z.enum(['cii_operator', 'central_state_organ', 'other']), to: z.string(), withinHours: z.number(), citation: citationSchema }))
    .describe('The initial-report recipient and hour limit for each operator type, in force on asOf.'),
  duties: z.array(
    obligationSchema.extend({
      to: z.string().nullable(),
      withinHours: z.number().nullable(),
      withinDays: z.number().nullable().describe('Calendar days (the summary report after handling ends).'),
    }),
  ),
});

export const systemAssessmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  jurisdiction: z.object({ frame: z.enum(['mainland', 'outside_mainland']), hosting: z.string(), detail: z.string() }),
  mlps: mlpsSchema,
  icp: icpSchema,
  hosting: hostingSchema,
  localisation: z.array(localisationItemSchema),
  sectorRules: z.array(sectorRuleSchema),
  incidentReporting: incidentReportingSchema,
  algorithms: algorithmsSchema,
  sensitivePi: specialRulesSchema.describe('Sensitive PI categories: consent, notice, PIPIA, GB/T 45574-2025, minors under 14 and online games.'),
});

export const timelineTrackSchema = z.object({
  id: z.string(),
  title: z.string(),
  dependsOn: z.array(z.string()),
  minMonths: z.number(),
  maxMonths: z.number(),
  startMonths: z.object({ min: z.number(), max: z.number() }),
  endMonths: z.object({ min: z.number(), max: z.number() }),
  basis: z.array(citationSchema),
  detail: z.string(),
  needsLegalReview: z.boolean(),
});

export const timelineSchema = explainedSchema.extend({
  start: z.string(),
  minMonths: z.number(),
  maxMonths: z.number(),
  readyBy: z.object({ earliest: z.string(), latest: z.string() }),
  goLive: z.string().nullable(),
  criticalPath: z.array(z.string()),
  tracks: z.array(timelineTrackSchema),
  postLaunch: z.array(obligationSchema),
});

export const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['high', 'medium', 'low', 'info']),
  title: z.string(),
  detail: z.string(),
  system: z.string().nullable(),
  basis: z.array(citationSchema),
  needsLegalReview: z.boolean(),
});

export const openQuestionSchema = z.object({
  id: z.string().describe('Q1, Q2, ...'),
  kind: z.enum(['default_relied_on', 'legal_review', 'missing_fact']),
  question: z.string(),
  detail: z.string(),
  path: z.string().nullable(),
});

export const assessmentSchema = z.object({
  schemaVersion: z.literal(1),
  asOf: z.string(),
  engineVersion: z.string(),
  contentVersion: z.string(),
  contentHorizon: z.string().nullable().describe('The date the content\'s knowledge runs to (content/horizon.yaml).'),
  warnings: z
    .array(z.object({ id: z.string(), message: z.string() }))
    .describe('Warnings every output shows, such as an assessment date beyond the content horizon.'),
  profile: z.object({ organisation: z.string(), systems: z.number(), transfers: z.number() }),
  rules: z.array(z.object({ id: z.string(), title: z.string(), effective: z.string() })),
  organisation: z.object({
    jurisdiction: explainedSchema.extend({ mainlandFrameApplies: z.boolean(), detail: z.string() }),
    cbdt: cbdtSchema,
    cii: ciiSchema,
    piVolumeDuties: z.array(obligationSchema.extend({ threshold: z.string() })),
    sectorRules: z.array(sectorRuleSchema),
    networkData: networkDataSchema,
    cybersecurityReview: specialRulesSchema.describe('Cybersecurity review before listing abroad.'),
    vehicleStandards: specialRulesSchema.describe('Mandatory vehicle cybersecurity and software-update standards for new type approvals.'),
  }),
  systems: z.array(systemAssessmentSchema),
  timeline: timelineSchema,
  exposure: exposureSchema.describe('Penalty ranges per determination, in force on asOf.'),
  findings: z.array(findingSchema),
  openQuestions: z.array(openQuestionSchema),
  needsLegalReview: z.boolean(),
});

export type CitationOut = z.infer<typeof citationSchema>;
export type TraceStep = z.infer<typeof traceStepSchema>;
export type Obligation = z.infer<typeof obligationSchema>;
export type CbdtDetermination = z.infer<typeof cbdtSchema>;
export type CbdtMechanism = (typeof CBDT_MECHANISMS)[number];
export type CiiDetermination = z.infer<typeof ciiSchema>;
export type MlpsDetermination = z.infer<typeof mlpsSchema>;
export type GapSummary = z.infer<typeof gapSummarySchema>;
export type IcpDetermination = z.infer<typeof icpSchema>;
export type HostingDetermination = z.infer<typeof hostingSchema>;
export type HostingRecommendation = (typeof HOSTING_RECOMMENDATIONS)[number];
export type LocalisationItem = z.infer<typeof localisationItemSchema>;
export type SectorRule = z.infer<typeof sectorRuleSchema>;
export type SystemAssessment = z.infer<typeof systemAssessmentSchema>;
export type TimelineDetermination = z.infer<typeof timelineSchema>;
export type TimelineTrack = z.infer<typeof timelineTrackSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type OpenQuestion = z.infer<typeof openQuestionSchema>;
export type SpecialRulesDetermination = z.infer<typeof specialRulesSchema>;
export type AlgorithmsDetermination = z.infer<typeof algorithmsSchema>;
export type NetworkDataDetermination = z.infer<typeof networkDataSchema>;
export type IncidentReportingDetermination = z.infer<typeof incidentReportingSchema>;
export type PenaltyTier = z.infer<typeof penaltyTierSchema>;
export type ExposureItem = z.infer<typeof exposureItemSchema>;
export type ExposureDetermination = z.infer<typeof exposureSchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
