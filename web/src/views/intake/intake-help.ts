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
import { t } from '../../i18n/i18n.ts';

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

/** Options whose label and hint are read when shown (the labels' getters read the catalogue in the current language). */
const options = <T extends string>(values: readonly T[], labels: Record<T, string>, hints: Partial<Record<T, string>> = {}): Option[] =>
  values.map((value) => {
    const option = { value, get label() { return labels[value]; } } as Option;
    if (value in hints) Object.defineProperty(option, 'hint', { get: () => hints[value], enumerable: true });
    return option;
  });

/** Sectors named in CII Regulations Art. 2, as the engine screens them. */
const CII_SECTOR_SET = new Set<string>(CII_SECTORS);

export const SECTOR_OPTIONS: Option[] = options(SECTORS, {
  get telecom() { return t('intake.SECTOR_OPTIONS.label.telecom'); }, get energy() { return t('intake.SECTOR_OPTIONS.label.energy'); }, get transport() { return t('intake.SECTOR_OPTIONS.label.transport'); }, get water() { return t('intake.SECTOR_OPTIONS.label.water'); }, get finance() { return t('intake.SECTOR_OPTIONS.label.finance'); },
  get public_services() { return t('intake.SECTOR_OPTIONS.label.public_services'); }, get e_government() { return t('intake.SECTOR_OPTIONS.label.e_government'); }, get defence_industry() { return t('intake.SECTOR_OPTIONS.label.defence_industry'); },
  get healthcare() { return t('intake.SECTOR_OPTIONS.label.healthcare'); }, get automotive() { return t('intake.SECTOR_OPTIONS.label.automotive'); }, get ecommerce() { return t('intake.SECTOR_OPTIONS.label.ecommerce'); }, get saas() { return t('intake.SECTOR_OPTIONS.label.saas'); }, get media() { return t('intake.SECTOR_OPTIONS.label.media'); },
  get education() { return t('intake.SECTOR_OPTIONS.label.education'); }, get gaming() { return t('intake.SECTOR_OPTIONS.label.gaming'); }, get manufacturing() { return t('intake.SECTOR_OPTIONS.label.manufacturing'); }, get retail() { return t('intake.SECTOR_OPTIONS.label.retail'); }, get logistics() { return t('intake.SECTOR_OPTIONS.label.logistics'); }, get other() { return t('intake.SECTOR_OPTIONS.label.other'); },
}).map((option) => (CII_SECTOR_SET.has(option.value) ? Object.defineProperty(option, 'hint', { get: () => t('intake.SECTOR_OPTIONS.hint'), enumerable: true }) : option));

export const AUDIENCE_OPTIONS = options(AUDIENCES, { get consumers() { return t('intake.AUDIENCE_OPTIONS.label.consumers'); }, get businesses() { return t('intake.AUDIENCE_OPTIONS.label.businesses'); }, get internal() { return t('intake.AUDIENCE_OPTIONS.label.internal'); } });
export const HOSTING_OPTIONS = options(HOSTING_LOCATIONS, { get overseas() { return t('intake.HOSTING_OPTIONS.label.overseas'); }, get mainland() { return t('intake.HOSTING_OPTIONS.label.mainland'); }, get hong_kong() { return t('intake.HOSTING_OPTIONS.label.hong_kong'); }, get macau() { return t('intake.HOSTING_OPTIONS.label.macau'); }, get taiwan() { return t('intake.HOSTING_OPTIONS.label.taiwan'); } });
export const LISTING_OPTIONS = [
  { value: 'none', get label() { return t('intake.LISTING_OPTIONS.none.label'); } },
  { value: 'abroad', get label() { return t('intake.LISTING_OPTIONS.abroad.label'); } },
  { value: 'hong_kong', get label() { return t('intake.LISTING_OPTIONS.hong_kong.label'); } },
];
export const OPERATOR_OPTIONS = options(SYSTEM_OPERATORS, { get handler() { return t('intake.OPERATOR_OPTIONS.label.handler'); }, get group_company() { return t('intake.OPERATOR_OPTIONS.label.group_company'); }, get service_provider() { return t('intake.OPERATOR_OPTIONS.label.service_provider'); } });
export const CHANNEL_OPTIONS = options(CHANNELS, { get website() { return t('intake.CHANNEL_OPTIONS.label.website'); }, get app() { return t('intake.CHANNEL_OPTIONS.label.app'); }, get mini_program() { return t('intake.CHANNEL_OPTIONS.label.mini_program'); }, get api() { return t('intake.CHANNEL_OPTIONS.label.api'); } });
export const ENTITY_OPTIONS = options(MAINLAND_ENTITY_STATES, { get none() { return t('intake.ENTITY_OPTIONS.label.none'); }, get planned() { return t('intake.ENTITY_OPTIONS.label.planned'); }, get established() { return t('intake.ENTITY_OPTIONS.label.established'); } });
export const IMPORTANT_DATA_OPTIONS = options(IMPORTANT_DATA_STATES, {
  get none() { return t('intake.IMPORTANT_DATA_OPTIONS.label.none'); },
  get suspected() { return t('intake.IMPORTANT_DATA_OPTIONS.label.suspected'); },
  get notified() { return t('intake.IMPORTANT_DATA_OPTIONS.label.notified'); },
});
export const SENSITIVE_PI_OPTIONS = options(SENSITIVE_PI_CATEGORIES, {
  get biometric() { return t('intake.SENSITIVE_PI_OPTIONS.label.biometric'); }, get religious_belief() { return t('intake.SENSITIVE_PI_OPTIONS.label.religious_belief'); }, get specific_identity() { return t('intake.SENSITIVE_PI_OPTIONS.label.specific_identity'); }, get medical_health() { return t('intake.SENSITIVE_PI_OPTIONS.label.medical_health'); },
  get financial_account() { return t('intake.SENSITIVE_PI_OPTIONS.label.financial_account'); }, get location_tracking() { return t('intake.SENSITIVE_PI_OPTIONS.label.location_tracking'); }, get minors_under_14() { return t('intake.SENSITIVE_PI_OPTIONS.label.minors_under_14'); },
});
export const IMPACT_OBJECT_OPTIONS = options(IMPACT_OBJECTS, {
  get citizens_and_organisations() { return t('intake.IMPACT_OBJECT_OPTIONS.label.citizens_and_organisations'); },
  get social_order_and_public_interest() { return t('intake.IMPACT_OBJECT_OPTIONS.label.social_order_and_public_interest'); },
  get national_security() { return t('intake.IMPACT_OBJECT_OPTIONS.label.national_security'); },
});
export const IMPACT_DEGREE_OPTIONS = options(IMPACT_DEGREES, { get general() { return t('intake.IMPACT_DEGREE_OPTIONS.label.general'); }, get serious() { return t('intake.IMPACT_DEGREE_OPTIONS.label.serious'); }, get especially_serious() { return t('intake.IMPACT_DEGREE_OPTIONS.label.especially_serious'); } });
export const SCENARIO_OPTIONS = options(TRANSFER_SCENARIOS, {
  get none() { return t('intake.SCENARIO_OPTIONS.label.none'); },
  get contract_with_individual() { return t('intake.SCENARIO_OPTIONS.label.contract_with_individual'); },
  get cross_border_hr() { return t('intake.SCENARIO_OPTIONS.label.cross_border_hr'); },
  get emergency() { return t('intake.SCENARIO_OPTIONS.label.emergency'); },
  get foreign_data_in_transit() { return t('intake.SCENARIO_OPTIONS.label.foreign_data_in_transit'); },
  get no_personal_information() { return t('intake.SCENARIO_OPTIONS.label.no_personal_information'); },
  get ftz_outside_negative_list() { return t('intake.SCENARIO_OPTIONS.label.ftz_outside_negative_list'); },
});
export const SOC2_REPORT_OPTIONS: Option[] = [
  { value: 'type2', get label() { return t('intake.SOC2_REPORT_OPTIONS.type2.label'); } },
  { value: 'type1', get label() { return t('intake.SOC2_REPORT_OPTIONS.type1.label'); } },
];
export const SOC2_CATEGORY_OPTIONS: Option[] = [
  { value: 'security', get label() { return t('intake.SOC2_CATEGORY_OPTIONS.security.label'); } },
  { value: 'availability', get label() { return t('intake.SOC2_CATEGORY_OPTIONS.availability.label'); } },
  { value: 'processing_integrity', get label() { return t('intake.SOC2_CATEGORY_OPTIONS.processing_integrity.label'); } },
  { value: 'confidentiality', get label() { return t('intake.SOC2_CATEGORY_OPTIONS.confidentiality.label'); } },
  { value: 'privacy', get label() { return t('intake.SOC2_CATEGORY_OPTIONS.privacy.label'); } },
];
export const ISO_EDITION_OPTIONS: Option[] = [
  { value: '2022', get label() { return t('intake.ISO_EDITION_OPTIONS.2022.label'); } },
  { value: '2013', get label() { return t('intake.ISO_EDITION_OPTIONS.2013.label'); } },
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
  { value: 'SM2', label: 'SM2', get hint() { return t('intake.CRYPTOGRAPHY_SUGGESTIONS.SM2.hint'); } },
  { value: 'SM3', label: 'SM3', get hint() { return t('intake.CRYPTOGRAPHY_SUGGESTIONS.SM3.hint'); } },
  { value: 'SM4', label: 'SM4', get hint() { return t('intake.CRYPTOGRAPHY_SUGGESTIONS.SM4.hint'); } },
  { value: 'SM9', label: 'SM9', get hint() { return t('intake.CRYPTOGRAPHY_SUGGESTIONS.SM9.hint'); } },
  { value: 'ZUC', label: 'ZUC', get hint() { return t('intake.CRYPTOGRAPHY_SUGGESTIONS.ZUC.hint'); } },
  { value: 'TLCP', label: 'TLCP', get hint() { return t('intake.CRYPTOGRAPHY_SUGGESTIONS.TLCP.hint'); } },
  { value: 'AES-256-GCM', label: 'AES-256-GCM' },
  { value: 'RSA-2048', label: 'RSA-2048' },
  { value: 'SHA-256', label: 'SHA-256' },
];

/** The nine mainland Greater Bay Area cities and the 2024 opening-pilot areas, as the engine matches them. */
export const CITY_SUGGESTIONS: Option[] = [
  ...GBA_MAINLAND_CITIES.map((value) => ({ value, label: value, get hint() { return OPENING_PILOT_AREAS.some((pilot) => pilot.match.test(value)) ? t('intake.city.gbaPilot') : t('intake.city.gba'); } })),
  ...OPENING_PILOT_AREAS.filter((pilot) => !(GBA_MAINLAND_CITIES as readonly string[]).includes(pilot.example)).map((pilot) => ({ value: pilot.example, label: pilot.example, get hint() { return t('intake.city.pilot', { area: pilot.area }); } })),

  { value: 'shanghai', label: 'shanghai', get hint() { return t('intake.CITY_SUGGESTIONS.shanghai.hint'); } },
];

export const SECTION_INTROS: Record<string, string> = {
  get organisation() { return t('intake.SECTION_INTROS.organisation'); },
  get systems() { return t('intake.SECTION_INTROS.systems'); },
  get transfers() { return t('intake.SECTION_INTROS.transfers'); },
  get controls() { return t('intake.SECTION_INTROS.controls'); },
  get plan() { return t('intake.SECTION_INTROS.plan'); },
};

export const HELP: Record<string, Help> = {
  'organisation': { get label() { return t('intake.HELP.organisation.label'); }, help: '' },
  'organisation.name': { get label() { return t('intake.HELP.organisation.name.label'); }, get help() { return t('intake.HELP.organisation.name.help'); } },
  'organisation.headquarters': {
    get label() { return t('intake.HELP.organisation.headquarters.label'); },
    get help() { return t('intake.HELP.organisation.headquarters.help'); },
    get why() { return t('intake.HELP.organisation.headquarters.why'); },
  },
  'organisation.mainlandEntity': {
    get label() { return t('intake.HELP.organisation.mainlandEntity.label'); },
    get help() { return t('intake.HELP.organisation.mainlandEntity.help'); },
    get why() { return t('intake.HELP.organisation.mainlandEntity.why'); },
  },
  'organisation.mainlandCity': {
    get label() { return t('intake.HELP.organisation.mainlandCity.label'); },
    get help() { return t('intake.HELP.organisation.mainlandCity.help'); },
    get why() { return t('intake.HELP.organisation.mainlandCity.why'); },
  },
  'organisation.foreignOwnershipPercent': {
    get label() { return t('intake.HELP.organisation.foreignOwnershipPercent.label'); },
    get help() { return t('intake.HELP.organisation.foreignOwnershipPercent.help'); },
    get why() { return t('intake.HELP.organisation.foreignOwnershipPercent.why'); },
  },
  'organisation.sectors': {
    get label() { return t('intake.HELP.organisation.sectors.label'); },
    get help() { return t('intake.HELP.organisation.sectors.help'); },
    get why() { return t('intake.HELP.organisation.sectors.why'); },
  },
  'organisation.ciiNotified': {
    get label() { return t('intake.HELP.organisation.ciiNotified.label'); },
    get help() { return t('intake.HELP.organisation.ciiNotified.help'); },
    get why() { return t('intake.HELP.organisation.ciiNotified.why'); },
  },
  'organisation.freeTradeZone': {
    get label() { return t('intake.HELP.organisation.freeTradeZone.label'); },
    get help() { return t('intake.HELP.organisation.freeTradeZone.help'); },
    get why() { return t('intake.HELP.organisation.freeTradeZone.why'); },
  },
  'organisation.listingPlanned': {
    get label() { return t('intake.HELP.organisation.listingPlanned.label'); },
    get help() { return t('intake.HELP.organisation.listingPlanned.help'); },
    get why() { return t('intake.HELP.organisation.listingPlanned.why'); },
  },
  'organisation.priorYearTurnoverRmb': {
    get label() { return t('intake.HELP.organisation.priorYearTurnoverRmb.label'); },
    get help() { return t('intake.HELP.organisation.priorYearTurnoverRmb.help'); },
    get why() { return t('intake.HELP.organisation.priorYearTurnoverRmb.why'); },
  },
  'organisation.individualsProcessed': {
    get label() { return t('intake.HELP.organisation.individualsProcessed.label'); },
    get help() { return t('intake.HELP.organisation.individualsProcessed.help'); },
    get why() { return t('intake.HELP.organisation.individualsProcessed.why'); },
  },

  'systems': { get label() { return t('intake.HELP.systems.label'); }, help: '' },
  'systems[].id': { get label() { return t('intake.HELP.systems[].id.label'); }, get help() { return t('intake.HELP.systems[].id.help'); } },
  'systems[].name': { get label() { return t('intake.HELP.systems[].name.label'); }, get help() { return t('intake.HELP.systems[].name.help'); } },
  'systems[].audience': {
    get label() { return t('intake.HELP.systems[].audience.label'); },
    get help() { return t('intake.HELP.systems[].audience.help'); },
    get why() { return t('intake.HELP.systems[].audience.why'); },
  },
  'systems[].servesMainlandUsers': {
    get label() { return t('intake.HELP.systems[].servesMainlandUsers.label'); },
    get help() { return t('intake.HELP.systems[].servesMainlandUsers.help'); },
    get why() { return t('intake.HELP.systems[].servesMainlandUsers.why'); },
  },
  'systems[].internetFacing': {
    get label() { return t('intake.HELP.systems[].internetFacing.label'); },
    get help() { return t('intake.HELP.systems[].internetFacing.help'); },
    get why() { return t('intake.HELP.systems[].internetFacing.why'); },
  },
  'systems[].commercialService': {
    get label() { return t('intake.HELP.systems[].commercialService.label'); },
    get help() { return t('intake.HELP.systems[].commercialService.help'); },
    get why() { return t('intake.HELP.systems[].commercialService.why'); },
  },
  'systems[].platform': {
    get label() { return t('intake.HELP.systems[].platform.label'); },
    get help() { return t('intake.HELP.systems[].platform.help'); },
    get why() { return t('intake.HELP.systems[].platform.why'); },
  },
  'systems[].channels': {
    get label() { return t('intake.HELP.systems[].channels.label'); },
    get help() { return t('intake.HELP.systems[].channels.help'); },
    get why() { return t('intake.HELP.systems[].channels.why'); },
  },
  'systems[].hosting': {
    get label() { return t('intake.HELP.systems[].hosting.label'); },
    get help() { return t('intake.HELP.systems[].hosting.help'); },
    get why() { return t('intake.HELP.systems[].hosting.why'); },
  },
  'systems[].cloudHosted': {
    get label() { return t('intake.HELP.systems[].cloudHosted.label'); },
    get help() { return t('intake.HELP.systems[].cloudHosted.help'); },
    get why() { return t('intake.HELP.systems[].cloudHosted.why'); },
  },
  'systems[].iot': {
    get label() { return t('intake.HELP.systems[].iot.label'); },
    get help() { return t('intake.HELP.systems[].iot.help'); },
    get why() { return t('intake.HELP.systems[].iot.why'); },
  },
  'systems[].industrialControl': {
    get label() { return t('intake.HELP.systems[].industrialControl.label'); },
    get help() { return t('intake.HELP.systems[].industrialControl.help'); },
    get why() { return t('intake.HELP.systems[].industrialControl.why'); },
  },
  'systems[].operator': {
    get label() { return t('intake.HELP.systems[].operator.label'); },
    get help() { return t('intake.HELP.systems[].operator.help'); },
    get why() { return t('intake.HELP.systems[].operator.why'); },
  },
  'systems[].partOfCii': {
    get label() { return t('intake.HELP.systems[].partOfCii.label'); },
    get help() { return t('intake.HELP.systems[].partOfCii.help'); },
    get why() { return t('intake.HELP.systems[].partOfCii.why'); },
  },
  'systems[].algorithms': {
    get label() { return t('intake.HELP.systems[].algorithms.label'); },
    get help() { return t('intake.HELP.systems[].algorithms.help'); },
    get why() { return t('intake.HELP.systems[].algorithms.why'); },
  },
  'systems[].algorithms.recommendation': {
    get label() { return t('intake.HELP.systems[].algorithms.recommendation.label'); },
    get help() { return t('intake.HELP.systems[].algorithms.recommendation.help'); },
    get why() { return t('intake.HELP.systems[].algorithms.recommendation.why'); },
  },
  'systems[].algorithms.deepSynthesis': {
    get label() { return t('intake.HELP.systems[].algorithms.deepSynthesis.label'); },
    get help() { return t('intake.HELP.systems[].algorithms.deepSynthesis.help'); },
    get why() { return t('intake.HELP.systems[].algorithms.deepSynthesis.why'); },
  },
  'systems[].algorithms.generativeAi': {
    get label() { return t('intake.HELP.systems[].algorithms.generativeAi.label'); },
    get help() { return t('intake.HELP.systems[].algorithms.generativeAi.help'); },
    get why() { return t('intake.HELP.systems[].algorithms.generativeAi.why'); },
  },
  'systems[].algorithms.publicOpinion': {
    get label() { return t('intake.HELP.systems[].algorithms.publicOpinion.label'); },
    get help() { return t('intake.HELP.systems[].algorithms.publicOpinion.help'); },
    get why() { return t('intake.HELP.systems[].algorithms.publicOpinion.why'); },
  },
  'systems[].users': {
    get label() { return t('intake.HELP.systems[].users.label'); },
    get help() { return t('intake.HELP.systems[].users.help'); },
    get why() { return t('intake.HELP.systems[].users.why'); },
  },
  'systems[].users.registered': { get label() { return t('intake.HELP.systems[].users.registered.label'); }, get help() { return t('intake.HELP.systems[].users.registered.help'); } },
  'systems[].users.monthlyActive': { get label() { return t('intake.HELP.systems[].users.monthlyActive.label'); }, get help() { return t('intake.HELP.systems[].users.monthlyActive.help'); } },
  'systems[].collectsMainlandPersonalInformation': {
    get label() { return t('intake.HELP.systems[].collectsMainlandPersonalInformation.label'); },
    get help() { return t('intake.HELP.systems[].collectsMainlandPersonalInformation.help'); },
    get why() { return t('intake.HELP.systems[].collectsMainlandPersonalInformation.why'); },
  },
  'systems[].sensitivePersonalInformation': {
    get label() { return t('intake.HELP.systems[].sensitivePersonalInformation.label'); },
    get help() { return t('intake.HELP.systems[].sensitivePersonalInformation.help'); },
    get why() { return t('intake.HELP.systems[].sensitivePersonalInformation.why'); },
  },
  'systems[].importantData': {
    get label() { return t('intake.HELP.systems[].importantData.label'); },
    get help() { return t('intake.HELP.systems[].importantData.help'); },
    get why() { return t('intake.HELP.systems[].importantData.why'); },
  },
  'systems[].dataCategories': {
    get label() { return t('intake.HELP.systems[].dataCategories.label'); },
    get help() { return t('intake.HELP.systems[].dataCategories.help'); },
    get why() { return t('intake.HELP.systems[].dataCategories.why'); },
  },
  'systems[].impact': {
    get label() { return t('intake.HELP.systems[].impact.label'); },
    get help() { return t('intake.HELP.systems[].impact.help'); },
    get why() { return t('intake.HELP.systems[].impact.why'); },
  },
  'systems[].impact.businessInformation': { get label() { return t('intake.HELP.systems[].impact.businessInformation.label'); }, get help() { return t('intake.HELP.systems[].impact.businessInformation.help'); } },
  'systems[].impact.systemService': { get label() { return t('intake.HELP.systems[].impact.systemService.label'); }, get help() { return t('intake.HELP.systems[].impact.systemService.help'); } },
  'systems[].impact.businessInformation.object': { get label() { return t('intake.HELP.systems[].impact.businessInformation.object.label'); }, help: '' },
  'systems[].impact.businessInformation.degree': { get label() { return t('intake.HELP.systems[].impact.businessInformation.degree.label'); }, help: '' },
  'systems[].impact.systemService.object': { get label() { return t('intake.HELP.systems[].impact.systemService.object.label'); }, help: '' },
  'systems[].impact.systemService.degree': { get label() { return t('intake.HELP.systems[].impact.systemService.degree.label'); }, help: '' },
  'systems[].integrations': {
    get label() { return t('intake.HELP.systems[].integrations.label'); },
    get help() { return t('intake.HELP.systems[].integrations.help'); },
    get why() { return t('intake.HELP.systems[].integrations.why'); },
  },

  'transfers': { get label() { return t('intake.HELP.transfers.label'); }, help: '' },
  'transfers[].id': { get label() { return t('intake.HELP.transfers[].id.label'); }, get help() { return t('intake.HELP.transfers[].id.help'); } },
  'transfers[].fromSystem': {
    get label() { return t('intake.HELP.transfers[].fromSystem.label'); },
    get help() { return t('intake.HELP.transfers[].fromSystem.help'); },
    get why() { return t('intake.HELP.transfers[].fromSystem.why'); },
  },
  'transfers[].destination': {
    get label() { return t('intake.HELP.transfers[].destination.label'); },
    get help() { return t('intake.HELP.transfers[].destination.help'); },
    get why() { return t('intake.HELP.transfers[].destination.why'); },
  },
  'transfers[].recipient': { get label() { return t('intake.HELP.transfers[].recipient.label'); }, get help() { return t('intake.HELP.transfers[].recipient.help'); }, get why() { return t('intake.HELP.transfers[].recipient.why'); } },
  'transfers[].scenario': {
    get label() { return t('intake.HELP.transfers[].scenario.label'); },
    get help() { return t('intake.HELP.transfers[].scenario.help'); },
    get why() { return t('intake.HELP.transfers[].scenario.why'); },
  },
  'transfers[].nonSensitiveIndividuals': {
    get label() { return t('intake.HELP.transfers[].nonSensitiveIndividuals.label'); },
    get help() { return t('intake.HELP.transfers[].nonSensitiveIndividuals.help'); },
    get why() { return t('intake.HELP.transfers[].nonSensitiveIndividuals.why'); },
  },
  'transfers[].sensitiveIndividuals': {
    get label() { return t('intake.HELP.transfers[].sensitiveIndividuals.label'); },
    get help() { return t('intake.HELP.transfers[].sensitiveIndividuals.help'); },
    get why() { return t('intake.HELP.transfers[].sensitiveIndividuals.why'); },
  },
  'transfers[].importantData': {
    get label() { return t('intake.HELP.transfers[].importantData.label'); },
    get help() { return t('intake.HELP.transfers[].importantData.help'); },
    get why() { return t('intake.HELP.transfers[].importantData.why'); },
  },
  'transfers[].remoteAccess': {
    get label() { return t('intake.HELP.transfers[].remoteAccess.label'); },
    get help() { return t('intake.HELP.transfers[].remoteAccess.help'); },
    get why() { return t('intake.HELP.transfers[].remoteAccess.why'); },
  },

  'controls': { get label() { return t('intake.HELP.controls.label'); }, help: '' },
  'controls.soc2': {
    get label() { return t('intake.HELP.controls.soc2.label'); },
    get help() { return t('intake.HELP.controls.soc2.help'); },
    get why() { return t('intake.HELP.controls.soc2.why'); },
  },
  'controls.soc2.report': { get label() { return t('intake.HELP.controls.soc2.report.label'); }, get help() { return t('intake.HELP.controls.soc2.report.help'); } },
  'controls.soc2.categories': { get label() { return t('intake.HELP.controls.soc2.categories.label'); }, get help() { return t('intake.HELP.controls.soc2.categories.help'); } },
  'controls.iso27001': {
    get label() { return t('intake.HELP.controls.iso27001.label'); },
    get help() { return t('intake.HELP.controls.iso27001.help'); },
    get why() { return t('intake.HELP.controls.iso27001.why'); },
  },
  'controls.iso27001.edition': { get label() { return t('intake.HELP.controls.iso27001.edition.label'); }, get help() { return t('intake.HELP.controls.iso27001.edition.help'); } },
  'controls.iso27001.certified': { get label() { return t('intake.HELP.controls.iso27001.certified.label'); }, get help() { return t('intake.HELP.controls.iso27001.certified.help'); } },
  'controls.iso27001.implemented': { get label() { return t('intake.HELP.controls.iso27001.implemented.label'); }, get help() { return t('intake.HELP.controls.iso27001.implemented.help'); } },
  'controls.practices': { get label() { return t('intake.HELP.controls.practices.label'); }, get help() { return t('intake.HELP.controls.practices.help'); } },
  'controls.practices.logsStoredInMainland': {
    get label() { return t('intake.HELP.controls.practices.logsStoredInMainland.label'); },
    get help() { return t('intake.HELP.controls.practices.logsStoredInMainland.help'); },
    get why() { return t('intake.HELP.controls.practices.logsStoredInMainland.why'); },
  },
  'controls.practices.logRetentionMonths': {
    get label() { return t('intake.HELP.controls.practices.logRetentionMonths.label'); },
    get help() { return t('intake.HELP.controls.practices.logRetentionMonths.help'); },
    get why() { return t('intake.HELP.controls.practices.logRetentionMonths.why'); },
  },
  'controls.practices.cryptography': {
    get label() { return t('intake.HELP.controls.practices.cryptography.label'); },
    get help() { return t('intake.HELP.controls.practices.cryptography.help'); },
    get why() { return t('intake.HELP.controls.practices.cryptography.why'); },
  },
  'controls.practices.sourceCodeReview': {
    get label() { return t('intake.HELP.controls.practices.sourceCodeReview.label'); },
    get help() { return t('intake.HELP.controls.practices.sourceCodeReview.help'); },
    get why() { return t('intake.HELP.controls.practices.sourceCodeReview.why'); },
  },
  'controls.practices.personnelBackgroundChecks': {
    get label() { return t('intake.HELP.controls.practices.personnelBackgroundChecks.label'); },
    get help() { return t('intake.HELP.controls.practices.personnelBackgroundChecks.help'); },
    get why() { return t('intake.HELP.controls.practices.personnelBackgroundChecks.why'); },
  },

  'plan': { get label() { return t('intake.HELP.plan.label'); }, help: '' },
  'plan.start': { get label() { return t('intake.HELP.plan.start.label'); }, get help() { return t('intake.HELP.plan.start.help'); } },
  'plan.goLive': {
    get label() { return t('intake.HELP.plan.goLive.label'); },
    get help() { return t('intake.HELP.plan.goLive.help'); },
    get why() { return t('intake.HELP.plan.goLive.why'); },
  },
};

export function helpFor(question: string): Help {
  return HELP[question] ?? { label: question.split('.').pop() ?? question, help: '' };
}
