// CISO Assistant libraries: GB/T 22239-2019 as a framework library (levels as implementation
// groups, so a user picks the level), and one requirement-mapping-set library per crosswalk,
// pointing at CISO Assistant's own ISO 27001:2022 and SOC 2 framework nodes.
import { stringify } from 'yaml';
import { CATEGORIES, EXTENSIONS, LEVELS, type CatalogItem, type ControlsLibrary, type SourceFrameworkKey } from '../core/controls/controls-schema.ts';

export const PACKAGER = 'landfall';
export const FRAMEWORK_REF = 'gbt22239-2019';
export const LIBRARY_URN = `urn:${PACKAGER}:risk:library:${FRAMEWORK_REF}`;
export const FRAMEWORK_URN = `urn:${PACKAGER}:risk:framework:${FRAMEWORK_REF}`;
const NODE_PREFIX = `urn:${PACKAGER}:risk:req_node:${FRAMEWORK_REF}`;

/** CISO Assistant's published framework libraries our crosswalks point at. */
export const SOURCE_LIBRARIES: Record<SourceFrameworkKey, { library: string; framework: string; nodePrefix: string; label: string }> = {
  'iso27001-2022': {
    library: 'urn:intuitem:risk:library:iso27001-2022',
    framework: 'urn:intuitem:risk:framework:iso27001-2022',
    nodePrefix: 'urn:intuitem:risk:req_node:iso27001-2022',
    label: 'ISO/IEC 27001:2022',
  },
  'soc2-2017': {
    library: 'urn:intuitem:risk:library:soc2-2017',
    framework: 'urn:intuitem:risk:framework:soc2-2017',
    nodePrefix: 'urn:intuitem:risk:req_node:soc2-2017',
    label: 'SOC 2 (TSC 2017)',
  },
};

/** A URN leaf: lower case, anything outside the allowed set turned into a hyphen. */
export function urnLeaf(text: string): string {
  return text.toLowerCase().replace(/[^0-9a-z[\]().\-_]/g, '-');
}

export interface LibraryMeta {
  version: number;
  publicationDate: string;
}

const itemAnnotation = (item: CatalogItem) =>
  [
    `Clauses: ${LEVELS.filter((level) => item.clauses[level] != null).map((level) => `L${level} ${item.clauses[level]}`).join('; ')}.`,
    item.themes.length > 0 ? `Jurisdiction themes: ${item.themes.join(', ')}.` : null,
    item.cloudRole != null ? `Cloud role: ${item.cloudRole}.` : null,
    item.needsReview ? `Needs review: ${item.reviewNote ?? ''}` : null,
  ]
    .filter((line): line is string => line != null)
    .join(' ');

export function cisoFrameworkLibrary(library: ControlsLibrary, meta: LibraryMeta): string {
  const nodes: Array<Record<string, unknown>> = [];
  const groups = [
    { key: 'general', ref: 'general', name: '安全通用要求 General requirements', items: library.items.filter((item) => item.extension == null) },
    ...EXTENSIONS.map((extension) => ({ key: extension.key, ref: extension.code.toLowerCase(), name: `${extension.zh} ${extension.en}`, items: library.items.filter((item) => item.extension === extension.key) })),
  ].filter((group) => group.items.length > 0);
  for (const group of groups) {
    const groupUrn = `${NODE_PREFIX}:${group.ref}`;
    nodes.push({ urn: groupUrn, assessable: false, depth: 1, ref_id: group.ref.toUpperCase(), name: group.name });
    for (const category of CATEGORIES) {
      const members = group.items.filter((item) => item.category === category.key);
      if (members.length === 0) continue;
      const categoryUrn = `${groupUrn}.${category.code.toLowerCase()}`;
      nodes.push({ urn: categoryUrn, assessable: false, depth: 2, parent_urn: groupUrn, ref_id: `${group.ref.toUpperCase()}-${category.code}`, name: `${category.zh} ${category.en}` });
      const seenPoints = new Set<string>();
      for (const item of members) {
        const pointUrn = `${categoryUrn}.${urnLeaf(item.controlPoint.key)}`;
        if (!seenPoints.has(item.controlPoint.key)) {
          seenPoints.add(item.controlPoint.key);
          nodes.push({ urn: pointUrn, assessable: false, depth: 3, parent_urn: categoryUrn, name: `${item.controlPoint.zh} ${item.controlPoint.en}` });
        }
        const implementationGroups = item.levels.map((level) => `L${level}`);
        if (item.extension != null) implementationGroups.push(item.extension);
        nodes.push({
          urn: `${NODE_PREFIX}:${urnLeaf(item.id)}`,
          assessable: true,
          depth: 4,
          parent_urn: pointUrn,
          ref_id: item.id,
          name: item.summary,
          description: item.paraphrase,
          annotation: itemAnnotation(item),
          implementation_groups: implementationGroups,
        });
      }
    }
  }
  const document = {
    urn: LIBRARY_URN,
    locale: 'en',
    ref_id: FRAMEWORK_REF,
    name: 'GB/T 22239-2019 Baseline for classified protection of cybersecurity (MLPS 2.0)',
    description:
      'Requirement items of GB/T 22239-2019 (网络安全等级保护基本要求) at levels 1-4, with the cloud, mobile, IoT and industrial-control extensions at levels 2 and 3, paraphrased in English by the Landfall project. Choose the level through the implementation groups.',
    copyright: 'Paraphrase by the Landfall project. GB/T 22239-2019 is copyright SAC/TC260; the standard\'s own text governs.',
    version: meta.version,
    publication_date: meta.publicationDate,
    provider: 'SAC/TC260',
    packager: PACKAGER,
    objects: {
      framework: {
        urn: FRAMEWORK_URN,
        ref_id: FRAMEWORK_REF,
        name: 'GB/T 22239-2019 (MLPS 2.0) baseline requirements',
        description: 'General requirements by level and extension requirements, item by item.',
        implementation_groups_definition: [
          ...LEVELS.map((level) => ({ ref_id: `L${level}`, name: `Level ${level}`, description: `Items that apply at MLPS level ${level}.` })),
          ...EXTENSIONS.map((extension) => ({ ref_id: extension.key, name: extension.en, description: `${extension.zh}: items that apply when the system uses this technology.` })),
        ],
        requirement_nodes: nodes,
      },
    },
  };
  return stringify(document, { lineWidth: 0 });
}

export function cisoMappingLibrary(library: ControlsLibrary, key: SourceFrameworkKey, meta: LibraryMeta): string {
  const source = SOURCE_LIBRARIES[key];
  const crosswalk = library.crosswalks.get(key);
  if (!crosswalk) throw new Error(`crosswalk ${key} is not loaded`);
  const ref = `mapping-${key}-to-${FRAMEWORK_REF}`;
  const mappings: Array<Record<string, unknown>> = [];
  for (const item of library.items) {
    for (const mapping of crosswalk.get(item.id)?.mappings ?? []) {
      mappings.push({
        source_requirement_urn: `${source.nodePrefix}:${urnLeaf(mapping.source)}`,
        target_requirement_urn: `${NODE_PREFIX}:${urnLeaf(item.id)}`,
        relationship: mapping.relationship,
        rationale: 'semantic',
        strength_of_relationship: mapping.strength,
        annotation: mapping.rationale,
      });
    }
  }
  const document = {
    urn: `urn:${PACKAGER}:risk:library:${ref}`,
    locale: 'en',
    ref_id: ref,
    name: `${source.label} -> GB/T 22239-2019`,
    description: `Item-level crosswalk from ${source.label} onto GB/T 22239-2019, authored by the Landfall project. Relationship is the source relative to the target; strength is 1-10.`,
    copyright: 'Landfall project',
    version: meta.version,
    publication_date: meta.publicationDate,
    provider: PACKAGER,
    packager: PACKAGER,
    dependencies: [source.library, LIBRARY_URN],
    objects: {
      requirement_mapping_sets: [
        {
          urn: `urn:${PACKAGER}:risk:req_mapping_set:${ref}`,
          ref_id: ref,
          name: `${source.label} -> GB/T 22239-2019`,
          description: 'Items with no equivalent in the source framework carry no row; Landfall lists them with the reason in its content files.',
          source_framework_urn: source.framework,
          target_framework_urn: FRAMEWORK_URN,
          requirement_mappings: mappings,
        },
      ],
    },
  };
  return stringify(document, { lineWidth: 0 });
}
