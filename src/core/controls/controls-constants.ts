// The control catalogues' fixed vocabularies (categories, extensions, themes, repositionings,
// levels, source frameworks, relationships) without their zod schemas, so the engine uses them
// without building the catalogue schemas (controls-schema.ts re-exports every one).
export const CATEGORIES = [
  { key: 'physical_environment', code: 'PE', zh: '安全物理环境', en: 'Physical environment', kind: 'technical' },
  { key: 'communication_network', code: 'CN', zh: '安全通信网络', en: 'Communication network', kind: 'technical' },
  { key: 'area_boundary', code: 'AB', zh: '安全区域边界', en: 'Area boundary', kind: 'technical' },
  { key: 'computing_environment', code: 'CE', zh: '安全计算环境', en: 'Computing environment', kind: 'technical' },
  { key: 'management_centre', code: 'MC', zh: '安全管理中心', en: 'Security management centre', kind: 'technical' },
  { key: 'management_policies', code: 'PS', zh: '安全管理制度', en: 'Management policies', kind: 'management' },
  { key: 'management_organisation', code: 'OR', zh: '安全管理机构', en: 'Management organisation', kind: 'management' },
  { key: 'management_personnel', code: 'HR', zh: '安全管理人员', en: 'Management personnel', kind: 'management' },
  { key: 'construction_management', code: 'CM', zh: '安全建设管理', en: 'Construction management', kind: 'management' },
  { key: 'operations_management', code: 'OM', zh: '安全运维管理', en: 'Operations and maintenance management', kind: 'management' },
] as const;
export type CategoryKey = (typeof CATEGORIES)[number]['key'];

export const EXTENSIONS = [
  { key: 'cloud', code: 'CLD', section: 2, zh: '云计算安全扩展要求', en: 'Cloud computing extension' },
  { key: 'mobile', code: 'MOB', section: 3, zh: '移动互联安全扩展要求', en: 'Mobile internet extension' },
  { key: 'iot', code: 'IOT', section: 4, zh: '物联网安全扩展要求', en: 'Internet of Things extension' },
  { key: 'industrial_control', code: 'ICS', section: 5, zh: '工业控制系统安全扩展要求', en: 'Industrial control system extension' },
] as const;
export type ExtensionKey = (typeof EXTENSIONS)[number]['key'];

/** Jurisdiction-anchored themes: where SOC 2 / ISO 27001 evidence stops carrying. */
export const THEMES = [
  'log_localisation_retention',
  'state_cryptography',
  'source_code_review',
  'personnel_background_review',
  'licensed_assessment_filing',
  'physical_environment_mainland',
  'trusted_verification',
  'security_management_centre',
  'certified_security_products',
  'domestic_cloud_provider',
  'regulator_liaison',
  'personal_information_protection',
  'mainland_operations',
] as const;
export type Theme = (typeof THEMES)[number];

/**
 * Jurisdiction-anchored repositionings: an existing SOC 2 / ISO 27001 control that meets the item's
 * substance is moved, re-keyed or re-run in the mainland rather than replaced. Each settles one theme.
 */
export const REPOSITIONINGS = {
  relocate_log_store: { theme: 'log_localisation_retention', title: 'relocate the log store to the mainland' },
  rekey_sm: { theme: 'state_cryptography', title: 're-key with SM2, SM3 and SM4' },
  review_under_china_entity: { theme: 'personnel_background_review', title: 'run the review under the China entity' },
  administer_from_mainland: { theme: 'mainland_operations', title: 'administer the system from the mainland' },
} as const satisfies Record<string, { theme: Theme; title: string }>;
export type Repositioning = keyof typeof REPOSITIONINGS;

export const LEVELS = [1, 2, 3, 4] as const;
export type CatalogLevel = (typeof LEVELS)[number];

/** "8.1.4.1 a)": the section of the control point at that level, then the item's letter. */
export const CLAUSE_PATTERN = /^([6-9])\.([1-5])\.(\d{1,2})\.(\d{1,2}) ([a-z])\)$/;

export const SOURCE_FRAMEWORKS = ['iso27001-2022', 'soc2-2017'] as const;
export type SourceFrameworkKey = (typeof SOURCE_FRAMEWORKS)[number];

export const SOC2_CATEGORIES = ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'] as const;

export const RELATIONSHIPS = ['equal', 'subset', 'superset', 'intersect', 'not_related'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
