// The words of the intake: a label, what the question means, and why it matters for the
// determinations, for every question of the entry profile. Keyed by question (`systems[].hosting`).
// Facts stay within the profile schema, PRODUCT.md and the regulatory fact base; thresholds and
// articles quoted here are the ones the engine encodes.
import KNOWN_INTEGRATIONS from 'virtual:landfall/integrations';
import { CII_SECTORS, OPENING_PILOT_AREAS } from 'virtual:landfall/legal-tables';
import {
  AUDIENCES, CHANNELS, GBA_MAINLAND_CITIES, HOSTING_LOCATIONS, IMPACT_DEGREES, IMPACT_OBJECTS, IMPORTANT_DATA_STATES, KNOWN_DATA_CATEGORIES,
  MAINLAND_ENTITY_STATES, SECTORS, SENSITIVE_PI_CATEGORIES, SYSTEM_OPERATORS, TRANSFER_SCENARIOS,
} from '../../../../src/core/profile/profile-schema.ts';

export interface Help {
  label: string;
  /** What the question means, in plain words. */
  help: string;
  /** Why the answer matters for the determinations. */
  why?: string;
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>, hints: Partial<Record<T, string>> = {}): Option[] =>
  values.map((value) => ({ value, label: labels[value], ...(hints[value] ? { hint: hints[value] } : {}) }));

/** Sectors named in CII Regulations Art. 2, as the engine screens them. */
const CII_SECTOR_SET = new Set<string>(CII_SECTORS);

export const SECTOR_OPTIONS: Option[] = options(SECTORS, {
  telecom: 'Telecom and information services', energy: 'Energy', transport: 'Transport', water: 'Water conservancy', finance: 'Finance',
  public_services: 'Public services', e_government: 'E-government', defence_industry: 'Defence science, technology and industry',
  healthcare: 'Health care', automotive: 'Automotive', ecommerce: 'E-commerce', saas: 'SaaS and software', media: 'Media, news and publishing',
  education: 'Education', gaming: 'Online games', manufacturing: 'Manufacturing', retail: 'Retail', logistics: 'Logistics', other: 'Other',
}).map((option) => (CII_SECTOR_SET.has(option.value) ? { ...option, hint: 'CII sector' } : option));

export const AUDIENCE_OPTIONS = options(AUDIENCES, { consumers: 'Consumers (the public)', businesses: 'Businesses (B2B)', internal: 'Internal staff only' });
export const HOSTING_OPTIONS = options(HOSTING_LOCATIONS, { overseas: 'Overseas', mainland: 'Mainland China', hong_kong: 'Hong Kong', macau: 'Macau', taiwan: 'Taiwan' });
export const LISTING_OPTIONS = [
  { value: 'none', label: 'No listing planned' },
  { value: 'abroad', label: 'Listing abroad' },
  { value: 'hong_kong', label: 'Listing in Hong Kong' },
];
export const OPERATOR_OPTIONS = options(SYSTEM_OPERATORS, { handler: 'The firm itself', group_company: 'Another group company', service_provider: 'A service provider' });
export const CHANNEL_OPTIONS = options(CHANNELS, { website: 'Website', app: 'Mobile app', mini_program: 'Mini program (e.g. WeChat)', api: 'API' });
export const ENTITY_OPTIONS = options(MAINLAND_ENTITY_STATES, { none: 'None', planned: 'Planned', established: 'Established' });
export const IMPORTANT_DATA_OPTIONS = options(IMPORTANT_DATA_STATES, {
  none: 'None',
  suspected: 'Suspected (not notified)',
  notified: 'Notified or published as important data',
});
export const SENSITIVE_PI_OPTIONS = options(SENSITIVE_PI_CATEGORIES, {
  biometric: 'Biometric', religious_belief: 'Religious belief', specific_identity: 'Specific identity', medical_health: 'Medical and health',
  financial_account: 'Financial accounts', location_tracking: 'Whereabouts and location tracks', minors_under_14: 'PI of minors under 14',
});
export const IMPACT_OBJECT_OPTIONS = options(IMPACT_OBJECTS, {
  citizens_and_organisations: 'Citizens, legal persons and other organisations',
  social_order_and_public_interest: 'Social order and the public interest',
  national_security: 'National security',
});
export const IMPACT_DEGREE_OPTIONS = options(IMPACT_DEGREES, { general: 'General harm (一般损害)', serious: 'Serious harm (严重损害)', especially_serious: 'Especially serious harm (特别严重损害)' });
export const SCENARIO_OPTIONS = options(TRANSFER_SCENARIOS, {
  none: 'None: counted towards the volumes',
  contract_with_individual: 'Necessary for a contract with the individual (Art. 5(1))',
  cross_border_hr: 'Cross-border HR management (Art. 5(2))',
  emergency: 'Emergency: life, health or property (Art. 5(3))',
  foreign_data_in_transit: 'Foreign PI processed here and sent back (Art. 4)',
  no_personal_information: 'No personal information: trade, transport, academic or manufacturing data (Art. 3)',
  ftz_outside_negative_list: 'Free-trade zone, data outside its negative list (Art. 6)',
});
export const SOC2_REPORT_OPTIONS: Option[] = [
  { value: 'type2', label: 'Type 2 (operating effectiveness over a period)' },
  { value: 'type1', label: 'Type 1 (design at a point in time)' },
];
export const SOC2_CATEGORY_OPTIONS: Option[] = [
  { value: 'security', label: 'Security (common criteria)' },
  { value: 'availability', label: 'Availability' },
  { value: 'processing_integrity', label: 'Processing integrity' },
  { value: 'confidentiality', label: 'Confidentiality' },
  { value: 'privacy', label: 'Privacy' },
];
export const ISO_EDITION_OPTIONS: Option[] = [
  { value: '2022', label: 'ISO/IEC 27001:2022' },
  { value: '2013', label: 'ISO/IEC 27001:2013' },
];

/** Every option label by question, to show a default ("Landfall assumes Overseas"). */
export const OPTIONS_BY_QUESTION: Record<string, Option[]> = {
  'organisation.mainlandEntity': ENTITY_OPTIONS,
  'organisation.sectors': SECTOR_OPTIONS,
  'systems[].audience': AUDIENCE_OPTIONS,
  'systems[].channels': CHANNEL_OPTIONS,
  'systems[].hosting': HOSTING_OPTIONS,
  'systems[].sensitivePersonalInformation': SENSITIVE_PI_OPTIONS,
  'systems[].importantData': IMPORTANT_DATA_OPTIONS,
  'transfers[].scenario': SCENARIO_OPTIONS,
};

export const DATA_CATEGORY_SUGGESTIONS: Option[] = Object.entries(KNOWN_DATA_CATEGORIES).map(([value, hint]) => ({ value, label: value, hint }));

/** Integrations Landfall's localisation knowledge covers, read from content/knowledge/integrations.yaml at build time. */
export const INTEGRATION_SUGGESTIONS: Option[] = KNOWN_INTEGRATIONS.map((integration) => ({ value: integration.id, label: integration.id, hint: integration.name }));

export const CRYPTOGRAPHY_SUGGESTIONS: Option[] = [
  { value: 'SM2', label: 'SM2', hint: 'State-approved public-key algorithm' },
  { value: 'SM3', label: 'SM3', hint: 'State-approved hash' },
  { value: 'SM4', label: 'SM4', hint: 'State-approved block cipher' },
  { value: 'SM9', label: 'SM9', hint: 'State-approved identity-based algorithm' },
  { value: 'ZUC', label: 'ZUC', hint: 'State-approved stream cipher' },
  { value: 'TLCP', label: 'TLCP', hint: 'Transport protocol with SM algorithms' },
  { value: 'AES-256-GCM', label: 'AES-256-GCM' },
  { value: 'RSA-2048', label: 'RSA-2048' },
  { value: 'SHA-256', label: 'SHA-256' },
];

/** The nine mainland Greater Bay Area cities and the 2024 opening-pilot areas, as the engine matches them. */
export const CITY_SUGGESTIONS: Option[] = [
  ...GBA_MAINLAND_CITIES.map((value) => ({ value, label: value, hint: OPENING_PILOT_AREAS.some((pilot) => pilot.match.test(value)) ? 'Greater Bay Area city; 2024 opening-pilot area' : 'Greater Bay Area city' })),
  ...OPENING_PILOT_AREAS.filter((pilot) => !(GBA_MAINLAND_CITIES as readonly string[]).includes(pilot.example)).map((pilot) => ({ value: pilot.example, label: pilot.example, hint: `2024 opening-pilot area: ${pilot.area}` })),
  { value: 'shanghai', label: 'shanghai', hint: 'Outside the pilot unless the entity is in the Lingang new area' },
];

export const SECTION_INTROS: Record<string, string> = {
  organisation: 'The firm as a whole: where it is from, whether it has a mainland entity, and its sectors. These answers decide the foreign-ownership questions of the ICP licence and the CII screening.',
  systems: 'Each system the firm will run for the mainland. Hosting, audience and data decide the ICP requirement, the hosting recommendation and the MLPS grade of each one.',
  transfers: 'Each outbound flow of personal information. Counts are summed over the whole firm to find the transfer route; exempt scenarios are not counted.',
  controls: 'What the firm brings from home. SOC 2 and ISO 27001 are mapped onto GB/T 22239-2019 at each system\'s MLPS level; the practices settle the gaps assessors meet most.',
  plan: 'When the work starts and when the client wants to launch; the timeline is laid out from these dates.',
};

export const HELP: Record<string, Help> = {
  'organisation': { label: 'Organisation', help: '' },
  'organisation.name': { label: 'Organisation name', help: 'The company entering the mainland, as the annex and the deliverables name it.' },
  'organisation.headquarters': {
    label: 'Headquarters country',
    help: 'Two-letter code of the country of the head office (ISO 3166-1, e.g. DE, US, HK).',
    why: 'A firm headquartered outside the mainland is foreign: unless the foreign shareholding is given, its mainland entity counts as wholly foreign-owned for the foreign-ownership cap on value-added telecom, which includes the ICP licence.',
  },
  'organisation.mainlandEntity': {
    label: 'Mainland legal entity',
    help: 'Whether the firm has, or plans, a company registered in the mainland.',
    why: 'ICP filings and licences are held by a mainland company, and mainland hosting on a Chinese cloud region needs one too. "Planned" shows as a pending prerequisite; an offshore firm serving the mainland must set up an entity or name a representative (PIPL Art. 53).',
  },
  'organisation.mainlandCity': {
    label: 'City of the mainland entity',
    help: 'Where the entity is or will be registered, in lower case (e.g. shenzhen; "shanghai lingang" for the Lingang new area).',
    why: 'The Greater Bay Area standard contract for Hong Kong and Macau transfers is open only to entities in the nine mainland GBA cities, and the 2024 value-added telecom opening pilot covers only Beijing, Shanghai Lingang, Hainan and Shenzhen.',
  },
  'organisation.foreignOwnershipPercent': {
    label: 'Foreign shareholding of the mainland entity (%)',
    help: 'The share held by foreign investors, from 0 to 100.',
    why: 'An ICP licence is a value-added telecom licence, capped at 50% foreign ownership except for e-commerce (EDI) under the 2024 Negative List and services in the 2024 opening-pilot areas.',
  },
  'organisation.sectors': {
    label: 'Sectors',
    help: 'Every sector the firm operates in within the mainland.',
    why: 'Telecom, energy, transport, water, finance, public services, e-government and defence industry are named in the CII Regulations (Art. 2), so firms in them are screened as possible CII operators. Automotive brings the 2021 Automotive Data Provisions; health care, education, media and games need a sector pre-approval before the ICP filing or licence.',
  },
  'organisation.ciiNotified': {
    label: 'Notified as a critical information infrastructure (CII) operator',
    help: 'Tick only if a sector regulator has notified the firm that it operates CII. Being in a CII sector is not enough: an operator is CII only once notified (CII Regulations Art. 10).',
    why: 'A notified operator needs a CAC security assessment for any personal information it sends abroad, keeps personal and important data in the mainland, and carries the heaviest obligations (annual assessment, procurement review, commercial-crypto assessment).',
  },
  'organisation.freeTradeZone': {
    label: 'Free-trade zone',
    help: 'The pilot free-trade zone the firm operates in, if any (e.g. shanghai, beijing, tianjin).',
    why: 'Data outside a free-trade zone\'s negative list may leave without a security assessment, standard contract or certification (2024 Provisions Art. 6). A transfer can claim that scenario only when the zone is named here.',
  },
  'organisation.listingPlanned': {
    label: 'Planned listing of shares',
    help: 'Whether the firm plans to list abroad, in Hong Kong, or not at all.',
    why: 'A network platform operator holding the PI of more than 1,000,000 users applies for a cybersecurity review before listing abroad (Cybersecurity Review Measures, 2022); a Hong Kong listing is not an automatic trigger.',
  },
  'organisation.priorYearTurnoverRmb': {
    label: "Previous year's turnover (RMB)",
    help: "The firm's turnover in the previous financial year, in RMB.",
    why: 'The PIPL Art. 66(2) fine in serious cases reaches RMB 50,000,000 or 5% of the previous year\'s turnover; with the turnover the penalty exposure shows the 5% as an amount.',
  },
  'organisation.individualsProcessed': {
    label: 'Individuals whose personal information is processed',
    help: 'Distinct individuals in the mainland whose personal information the firm processes, across all systems.',
    why: 'It drives the volume duties: from 1,000,000 a PI protection officer reported to the city-level CAC; above 10,000,000 a compliance audit at least every two years. Since the 2024 Provisions it no longer triggers a security assessment by itself, but for an automotive firm PI of more than 100,000 individuals is important data under the 2021 Automotive Provisions (flagged for legal review).',
  },

  'systems': { label: 'Systems', help: '' },
  'systems[].id': { label: 'System id', help: 'A short identifier: lower-case letters, digits and hyphens (e.g. dealer-portal). Transfers name their source system by it.' },
  'systems[].name': { label: 'Name', help: 'How the annex names the system. Left empty, the id is used.' },
  'systems[].audience': {
    label: 'Audience',
    help: 'Who uses the system.',
    why: 'A consumer or business service the mainland public can reach is an internet information service, which needs an ICP filing or licence; an internal system needs neither. Consumer services are recommended mainland hosting, because the ICP needs it.',
  },
  'systems[].servesMainlandUsers': {
    label: 'Serves users in the mainland',
    help: 'Tick if people in the mainland use the system.',
    why: 'With no mainland users there is no ICP question, and collection into the system is not an outbound transfer.',
  },
  'systems[].internetFacing': {
    label: 'Reachable by the mainland public over the internet',
    help: 'Tick if the system is on the public internet, not only on a private network or VPN.',
    why: 'Only a public service needs an ICP filing or licence.',
  },
  'systems[].commercialService': {
    label: 'Commercial information service',
    help: 'Tick if it is a commercial (经营性) service: paid information services, or a platform.',
    why: 'Commercial services need an ICP licence (a value-added telecom business licence, with its foreign-ownership cap); non-commercial ones an ICP filing (IIS Measures Arts. 3-4).',
  },
  'systems[].platform': {
    label: 'Platform on which third parties transact',
    help: 'Tick for a marketplace or other platform where other businesses sell or trade.',
    why: 'A commercial platform also needs the EDI licence (online data and transaction processing).',
  },
  'systems[].channels': {
    label: 'Channels',
    help: 'How the service reaches its users.',
    why: 'Apps and mini programs must be filed before launch (since 2023-09-01; mini programs through the WeChat platform), and bring the MLPS mobile-internet extension into the gap analysis.',
  },
  'systems[].hosting': {
    label: 'Hosting',
    help: 'Where the system runs.',
    why: 'Hosted outside the mainland (Hong Kong, Macau and Taiwan included), collecting mainland personal information is itself an outbound transfer, and no ICP filing can be obtained. MLPS grading, filing and assessment apply to networks in the mainland.',
  },
  'systems[].cloudHosted': {
    label: 'Runs on a public cloud',
    help: 'Tick if the system runs on a cloud platform (e.g. a China region of AWS or Azure, Alibaba Cloud, Tencent Cloud).',
    why: 'The MLPS cloud-computing extension then applies to the customer side, and the provider meets the physical-environment requirements.',
  },
  'systems[].iot': {
    label: 'Manages sensing devices or gateways (IoT)',
    help: 'Tick if the system manages devices in the field, such as connected vehicles or meters.',
    why: 'Adds the MLPS IoT extension to the gap analysis.',
  },
  'systems[].industrialControl': {
    label: 'Industrial control system',
    help: 'Tick for SCADA, DCS, PLC and similar control systems.',
    why: 'Adds the MLPS industrial-control extension to the gap analysis.',
  },
  'systems[].operator': {
    label: 'Who operates the system',
    help: 'The firm itself (through its mainland entity where it has one), another company of the group, or a provider that runs it for the firm (managed hosting, operations and maintenance).',
    why: 'The network operator reports reportable incidents within 4 hours (1 hour for CII) under the Incident Reporting Measures (from 2025-11-01); where a provider runs the system, it must be bound by contract to report incidents to the firm at once.',
  },
  'systems[].partOfCii': {
    label: 'Part of the notified critical information infrastructure',
    help: 'Whether a protection work department has named this system as part of the CII it notified. Leave unanswered to follow the organisation\'s CII notification.',
    why: 'Incidents involving CII are reported to the protection work department and the public security organ within 1 hour; others to the provincial CAC within 4 hours.',
  },
  'systems[].algorithms': {
    label: 'Algorithms and generative AI',
    help: 'Whether the system recommends information by algorithm, synthesises content or offers generative AI, and whether it has public opinion attributes.',
    why: 'These decide algorithm filing (within 10 working days), the security assessment, the generative-AI service filing and the labelling of generated content (explicit and metadata labels from 2025-09-01).',
  },
  'systems[].algorithms.recommendation': {
    label: 'Algorithmic recommendation',
    help: 'Tick if the system pushes, ranks, selects, filters search results or dispatches information to mainland users by algorithm (personalised feeds, recommendations).',
    why: 'Users must be told and offered a non-personalised option or a switch-off (Algorithmic Recommendation Provisions Arts. 16-17); with public opinion attributes, algorithm filing within 10 working days (Art. 24).',
  },
  'systems[].algorithms.deepSynthesis': {
    label: 'Deep synthesis',
    help: 'Tick if the system generates or edits text, images, audio, video or virtual scenes by deep learning or similar means (face swap, voice synthesis, text generation).',
    why: 'Synthesised content carries a technical label and, where it may mislead, a conspicuous one (Deep Synthesis Provisions Arts. 16-17); with public opinion attributes, filing (Art. 19).',
  },
  'systems[].algorithms.generativeAi': {
    label: 'Generative AI for the public',
    help: 'Tick if the system offers generative AI (content generated by a model) to the public in the mainland, including through an API.',
    why: 'Generated content is labelled (Generative AI Measures Art. 12; explicit and metadata labels under the Labelling Measures from 2025-09-01); with public opinion attributes, a security assessment and the generative-AI service filing (Art. 17).',
  },
  'systems[].algorithms.publicOpinion': {
    label: 'Public opinion attributes or social mobilisation capacity',
    help: 'Tick if the service has forums, blogs, microblogs, chat rooms, messaging groups, public accounts, short video, live streaming, information sharing or mini programs, or otherwise gives the public a channel for expression.',
    why: 'Such services assess their security and report it to the city-level CAC and public security organ (2018 Provisions Arts. 2-3), and file their algorithms.',
  },
  'systems[].users': {
    label: 'Users',
    help: 'Users of this system in the mainland.',
    why: 'For a system hosted outside the mainland with no transfer listed, Landfall counts its registered users as transferred abroad. Without organisation.individualsProcessed, the firm\'s volume is the sum of registered users. 50,000,000 registered or 10,000,000 monthly active users make a large network platform (NDSMR Art. 62(8)).',
  },
  'systems[].users.registered': { label: 'Registered users', help: 'Accounts of people in the mainland.' },
  'systems[].users.monthlyActive': { label: 'Monthly active users', help: 'People in the mainland using it in a month.' },
  'systems[].collectsMainlandPersonalInformation': {
    label: 'Collects personal information of people in the mainland',
    help: 'Tick if the system collects or receives personal information of individuals in the mainland.',
    why: 'The first question of the hosting decision: without mainland personal information no transfer route is needed for the system, and overseas hosting stays open.',
  },
  'systems[].sensitivePersonalInformation': {
    label: 'Sensitive personal information',
    help: 'Categories of sensitive personal information the system holds (PIPL Art. 28).',
    why: 'Sensitive PI needs separate consent and a PIPIA. Any sensitive PI sent abroad needs at least a standard contract or certification; for a system hosted outside the mainland every registered user is then counted as a sensitive-PI transfer.',
  },
  'systems[].importantData': {
    label: 'Important data',
    help: 'Whether the system holds important data. "Notified" means a department or region has notified it, or it was published, as important data.',
    why: 'Notified important data must stay in the mainland unless a CAC security assessment approves its export. Suspected important data keeps mainland hosting recommended until it is identified (GB/T 43697-2024).',
  },
  'systems[].dataCategories': {
    label: 'Data categories',
    help: 'Tags for what the system holds. Type a tag and press Enter; the known tags below drive rules, other tags are carried into the annex.',
    why: 'Known tags trigger sector rules: automotive important data under the 2021 Automotive Provisions, and internet map services, which must keep map data servers in the mainland.',
  },
  'systems[].impact': {
    label: 'Impact if the system were compromised',
    help: 'If the system were compromised, what would be harmed and how badly: once for the information it holds and once for the service it provides (GB/T 22240-2020).',
    why: 'Each axis gives a sub-grade; the system\'s MLPS level is the higher of the two. Harm to citizens and organisations alone never exceeds level 2. Level 2 and above needs expert review and a PSB filing; level 3 and above a yearly assessment by a recognised body.',
  },
  'systems[].impact.businessInformation': { label: 'Business-information security (业务信息安全)', help: 'Harm if the system\'s information were leaked, altered or destroyed.' },
  'systems[].impact.systemService': { label: 'System-service security (系统服务安全)', help: 'Harm if the service were interrupted or unavailable.' },
  'systems[].impact.businessInformation.object': { label: 'What would be harmed', help: '' },
  'systems[].impact.businessInformation.degree': { label: 'How badly', help: '' },
  'systems[].impact.systemService.object': { label: 'What would be harmed', help: '' },
  'systems[].impact.systemService.degree': { label: 'How badly', help: '' },
  'systems[].integrations': {
    label: 'Integrations',
    help: 'Third-party services the system uses, as ids (e.g. google_maps, stripe). Type one and press Enter.',
    why: 'Each is checked against Landfall\'s localisation knowledge: services unavailable or unreliable from the mainland, and their mainland alternatives.',
  },

  'transfers': { label: 'Transfers', help: '' },
  'transfers[].id': { label: 'Transfer id', help: 'A short identifier: lower-case letters, digits and hyphens (e.g. crm-sync).' },
  'transfers[].fromSystem': {
    label: 'Leaves from system',
    help: 'The system the data leaves from, or handler-wide for flows that do not leave from one system (e.g. HR records).',
    why: 'A system hosted outside the mainland with no transfer listed is counted by Landfall as a transfer of all its registered users; listing its transfer replaces that estimate.',
  },
  'transfers[].destination': {
    label: 'Destination',
    help: 'Two-letter code of the country or region of the recipient (e.g. DE, US, HK).',
    why: 'Hong Kong, Macau and Taiwan are outbound like any other destination; transfers to Hong Kong or Macau may use the Greater Bay Area standard contract.',
  },
  'transfers[].recipient': { label: 'Recipient', help: 'Who receives the data, e.g. the parent company or a vendor.', why: 'Individuals must be told the recipient\'s name and contact details (PIPL Art. 39).' },
  'transfers[].scenario': {
    label: 'Exempt scenario',
    help: 'The purpose of the transfer, if it is one the 2024 Provisions exempt (Arts. 3-6). Claim it only for the personal information strictly necessary for that purpose.',
    why: 'An exempt transfer is not counted towards the volumes. Notice, separate consent (or another lawful basis) and the PIPIA still apply.',
  },
  'transfers[].nonSensitiveIndividuals': {
    label: 'Individuals (non-sensitive PI)',
    help: 'Distinct individuals whose non-sensitive personal information this transfer sends abroad, counted from 1 January of the current year.',
    why: 'Summed over every counted transfer of the firm (volumes may not be split): 100,000 is the threshold for a standard contract or certification, 1,000,000 for a CAC security assessment (2024 Provisions Arts. 7-8). Below 100,000 with no sensitive PI, a firm that is not a CII operator is exempt (Art. 5(4)).',
  },
  'transfers[].sensitiveIndividuals': {
    label: 'Individuals (sensitive PI)',
    help: 'Distinct individuals whose sensitive personal information this transfer sends abroad, counted from 1 January of the current year.',
    why: 'Any sensitive PI needs a standard contract or certification, with no lower floor; 10,000 individuals or more needs a CAC security assessment (2024 Provisions Arts. 7-8).',
  },
  'transfers[].importantData': {
    label: 'Carries notified important data',
    help: 'Tick if the transfer carries data a department or region has notified, or that has been published, as important data. Data the firm only suspects to be important does not count here.',
    why: 'Such a transfer needs a CAC security assessment whatever its volume (2024 Provisions Arts. 2 and 7).',
  },
  'transfers[].remoteAccess': {
    label: 'Remote access from abroad',
    help: 'Tick if the data stays in the mainland and is queried, retrieved or downloaded from abroad, rather than sent.',
    why: 'Remote access from abroad counts as providing the data abroad, so it is counted like a transmission.',
  },

  'controls': { label: 'Existing controls', help: '' },
  'controls.soc2': {
    label: 'SOC 2 report',
    help: 'Whether the firm has a SOC 2 report.',
    why: 'Its controls are mapped onto the GB/T 22239-2019 requirements at each system\'s MLPS level to show how far they carry into the MLPS gap analysis.',
  },
  'controls.soc2.report': { label: 'Report type', help: 'Type 1 covers design only, so covered items still need evidence that the controls operate.' },
  'controls.soc2.categories': { label: 'Trust Services Criteria in scope', help: 'Security (the common criteria) comes with every SOC 2 report.' },
  'controls.iso27001': {
    label: 'ISO/IEC 27001',
    help: 'Whether the firm implements ISO/IEC 27001.',
    why: 'Implemented Annex A controls are mapped onto the GB/T 22239-2019 requirements at each system\'s MLPS level.',
  },
  'controls.iso27001.edition': { label: 'Edition', help: 'Only the 2022 Annex A is mapped; a 2013 Statement of Applicability counts once restated in 2022 ids.' },
  'controls.iso27001.certified': { label: 'Certified by an accredited body', help: 'Without certification the implementation is self-declared, so covered items need evidence.' },
  'controls.iso27001.implemented': { label: 'Annex A controls implemented', help: 'All of them, or the list from the Statement of Applicability (ids such as A.5.1, A.8.24).' },
  'controls.practices': { label: 'Practices', help: 'The practices that settle the gaps MLPS assessors meet most; they are jurisdiction-anchored, so a SOC 2 or ISO report does not answer them.' },
  'controls.practices.logsStoredInMainland': {
    label: 'Logs are kept in the mainland',
    help: 'Tick if network and security logs of the mainland systems are stored in the mainland.',
    why: 'Log localisation is one of the MLPS gaps met most often.',
  },
  'controls.practices.logRetentionMonths': {
    label: 'Log retention (months)',
    help: 'How long network logs are kept.',
    why: 'The Cybersecurity Law requires at least 6 months (Art. 23 from 2026; Art. 21 before).',
  },
  'controls.practices.cryptography': {
    label: 'Cryptographic algorithms in use',
    help: 'Type an algorithm and press Enter (e.g. AES-256-GCM, RSA-2048, SM4).',
    why: 'MLPS assessors expect the state-approved SM2, SM3 and SM4. A commercial-crypto assessment (密评) is mandatory for CII and widely described as in scope for level 3 and above.',
  },
  'controls.practices.sourceCodeReview': {
    label: 'Delivered source code is reviewed',
    help: 'Tick if source code of outsourced or delivered software is reviewed for backdoors and covert channels.',
    why: 'GB/T 22239-2019 requires it at level 3 and above.',
  },
  'controls.practices.personnelBackgroundChecks': {
    label: 'Staff in key posts are background-checked',
    help: 'Tick if staff with access to the systems are background-checked on hiring.',
    why: 'GB/T 22239-2019 requires background checks on hiring from level 2; CII operators must check the head of security and key-post staff.',
  },

  'plan': { label: 'Plan', help: '' },
  'plan.start': { label: 'Engagement start', help: 'When the entry work starts; the timeline counts months from here.' },
  'plan.goLive': {
    label: 'Target go-live',
    help: 'When the client wants to launch in the mainland.',
    why: 'The timeline compares it with when the entry tracks (entity, ICP, transfer filings, MLPS) can be ready; typical full entries take 4 to 9 months.',
  },
};

export function helpFor(question: string): Help {
  return HELP[question] ?? { label: question.split('.').pop() ?? question, help: '' };
}
