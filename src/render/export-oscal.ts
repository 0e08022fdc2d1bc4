// OSCAL 1.2.1 exports: the GB/T 22239-2019 catalogue and the two source frameworks as OSCAL
// catalogs, and each crosswalk as an OSCAL mapping-collection (NIST IR 8477 set-theory relations).
// UUIDs are name-based (version 5) so that the same content always exports to the same document.
import { createHash } from 'node:crypto';
import { CATEGORIES, EXTENSIONS, LEVELS, type CatalogItem, type ControlsLibrary, type Relationship, type SourceFrameworkKey } from '../core/controls/controls-schema.ts';

export const OSCAL_VERSION = '1.2.1';
export const LANDFALL_NS = 'https://landfall.dev/ns/oscal';
const UUID_NAMESPACE = 'landfall.dev/oscal';

/** RFC 4122 version 5 UUID from a name (SHA-1 of namespace and name). */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(`${UUID_NAMESPACE}/${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const OSCAL_FILES = {
  'gbt22239-2019': 'landfall-gbt22239-2019-catalog.json',
  'iso27001-2022': 'landfall-iso27001-2022-catalog.json',
  'soc2-2017': 'landfall-soc2-2017-catalog.json',
} as const;

interface ExportMeta {
  /** ISO date-time with offset, e.g. 2026-11-22T00:00:00Z. */
  lastModified: string;
  version: string;
}

const prop = (name: string, value: string, extra: { class?: string } = {}) => ({ name, ns: LANDFALL_NS, value, ...extra });

function metadata(title: string, meta: ExportMeta, remarks: string) {
  return {
    title,
    'last-modified': meta.lastModified,
    version: meta.version,
    'oscal-version': OSCAL_VERSION,
    parties: [{ uuid: nameUuid('party/landfall'), type: 'organization', name: 'Landfall project' }],
    remarks,
  };
}

const tokenId = (id: string) => id.toLowerCase();

function itemControl(item: CatalogItem) {
  const props: Array<Record<string, string>> = [{ name: 'label', value: item.id }];
  for (const level of LEVELS) {
    const clause = item.clauses[level];
    if (clause != null) props.push(prop('clause', clause, { class: `level-${level}` }));
  }
  props.push(prop('levels', item.levels.join(' ')));
  for (const theme of item.themes) props.push(prop('theme', theme));
  if (item.cloudRole != null) props.push(prop('cloud-role', item.cloudRole));
  if (item.needsReview) props.push(prop('status', 'needs-review'));
  const parts: Array<Record<string, unknown>> = [{ id: `${tokenId(item.id)}_smt`, name: 'statement', prose: item.paraphrase }];
  if (item.reviewNote != null) parts.push({ id: `${tokenId(item.id)}_rev`, name: 'guidance', ns: LANDFALL_NS, class: 'review-note', prose: item.reviewNote });
  return { id: tokenId(item.id), class: 'requirement-item', title: item.summary, props, parts };
}

function controlPointControls(items: readonly CatalogItem[], prefix: string) {
  const points = new Map<string, CatalogItem[]>();
  for (const item of items) {
    const list = points.get(item.controlPoint.key) ?? [];
    list.push(item);
    points.set(item.controlPoint.key, list);
  }
  return [...points.values()].map((members) => {
    const first = members[0]!;
    return {
      id: `${prefix}-${first.controlPoint.key.replaceAll('_', '-')}`,
      class: 'control-point',
      title: `${first.controlPoint.zh} ${first.controlPoint.en}`,
      props: [prop('control-point-zh', first.controlPoint.zh)],
      controls: members.map(itemControl),
    };
  });
}

/** GB/T 22239-2019 as an OSCAL catalog: groups per category (and per extension), control points as controls, items as their sub-controls. */
export function oscalCatalog(library: ControlsLibrary, meta: ExportMeta) {
  const general = CATEGORIES.map((category) => ({
    id: `general-${category.code.toLowerCase()}`,
    class: 'category',
    title: `${category.zh} ${category.en}`,
    controls: controlPointControls(library.items.filter((item) => item.extension == null && item.category === category.key), `${category.code.toLowerCase()}`),
  })).filter((group) => group.controls.length > 0);
  const extensions = EXTENSIONS.map((extension) => ({
    id: `extension-${extension.code.toLowerCase()}`,
    class: 'extension',
    title: `${extension.zh} ${extension.en}`,
    groups: CATEGORIES.map((category) => ({
      id: `${extension.code.toLowerCase()}-${category.code.toLowerCase()}`,
      class: 'category',
      title: `${category.zh} ${category.en}`,
      controls: controlPointControls(
        library.items.filter((item) => item.extension === extension.key && item.category === category.key),
        `${extension.code.toLowerCase()}-${category.code.toLowerCase()}`,
      ),
    })).filter((group) => group.controls.length > 0),
  })).filter((group) => group.groups.length > 0);
  return {
    catalog: {
      uuid: nameUuid('catalog/gbt22239-2019'),
      metadata: metadata(
        'GB/T 22239-2019 Baseline for classified protection of cybersecurity (网络安全等级保护基本要求): Landfall paraphrase',
        meta,
        'Requirement items of GB/T 22239-2019 with their clause at each level, paraphrased in English by the Landfall project. The standard is copyright SAC/TC260; its own text governs. Items with status needs-review are unconfirmed.',
      ),
      groups: [{ id: 'general', class: 'general-requirements', title: '安全通用要求 General requirements', groups: general }, ...extensions],
    },
  };
}

/** A source framework (ids and short names) as an OSCAL catalog, so mappings can point at it. */
export function oscalFrameworkCatalog(library: ControlsLibrary, key: SourceFrameworkKey, meta: ExportMeta) {
  const framework = library.frameworks.get(key);
  if (!framework) throw new Error(`framework ${key} is not loaded`);
  const groups = new Map<string, Array<{ id: string; title: string }>>();
  for (const control of framework.controls.values()) {
    const list = groups.get(control.group) ?? [];
    list.push({ id: control.id, title: control.name });
    groups.set(control.group, list);
  }
  return {
    catalog: {
      uuid: nameUuid(`catalog/${key}`),
      metadata: metadata(`${framework.name}: control identifiers and short names`, meta, `Identifiers and short names only, for use as the source of Landfall's crosswalks. ${framework.publisher} holds the copyright in the framework text.`),
      groups: [...groups.entries()].map(([group, controls]) => ({ id: `group-${group.replaceAll('_', '-')}`, title: group, controls })),
    },
  };
}

const OSCAL_RELATIONSHIP: Record<Exclude<Relationship, 'not_related'>, string> = {
  equal: 'equal-to',
  subset: 'subset-of',
  superset: 'superset-of',
  intersect: 'intersects-with',
};

/** A crosswalk as an OSCAL mapping-collection; items with no equivalent go in the target gap summary. */
export function oscalMapping(library: ControlsLibrary, key: SourceFrameworkKey, meta: ExportMeta) {
  const framework = library.frameworks.get(key);
  const crosswalk = library.crosswalks.get(key);
  if (!framework || !crosswalk) throw new Error(`crosswalk ${key} is not loaded`);
  const maps: Array<Record<string, unknown>> = [];
  const unmapped: string[] = [];
  for (const item of library.items) {
    const entry = crosswalk.get(item.id);
    if (!entry || entry.mappings.length === 0) {
      unmapped.push(tokenId(item.id));
      continue;
    }
    for (const mapping of entry.mappings) {
      if (mapping.relationship === 'not_related') continue;
      maps.push({
        uuid: nameUuid(`map/${key}/${mapping.source}/${item.id}`),
        relationship: OSCAL_RELATIONSHIP[mapping.relationship],
        sources: [{ type: 'control', 'id-ref': mapping.source }],
        targets: [{ type: 'control', 'id-ref': tokenId(item.id) }],
        'confidence-score': { percentage: mapping.strength / 10 },
        props: [prop('strength', String(mapping.strength))],
        remarks: mapping.rationale,
      });
    }
  }
  const mapping: Record<string, unknown> = {
    uuid: nameUuid(`mapping/${key}/gbt22239-2019`),
    'source-resource': { type: 'catalog', href: OSCAL_FILES[key] },
    'target-resource': { type: 'catalog', href: OSCAL_FILES['gbt22239-2019'] },
    maps,
  };
  if (unmapped.length > 0) mapping['target-gap-summary'] = { uuid: nameUuid(`gap/${key}/gbt22239-2019`), 'unmapped-controls': [{ 'with-ids': unmapped }] };
  return {
    'mapping-collection': {
      uuid: nameUuid(`mapping-collection/${key}/gbt22239-2019`),
      metadata: metadata(`${framework.name} → GB/T 22239-2019 crosswalk`, meta, 'Relationships are stated for the source control relative to the target item (NIST IR 8477 set theory); confidence-score percentage is the Landfall strength (1-10) divided by 10. Items with no equivalent are listed in the target gap summary with the reason in the Landfall content files.'),
      provenance: {
        method: 'human',
        'matching-rationale': 'semantic',
        status: 'draft',
        'mapping-description': `Item-level crosswalk from ${framework.name} onto the requirement items of GB/T 22239-2019, authored in Landfall's content/crosswalks and reviewed item by item.`,
      },
      mappings: [mapping],
    },
  };
}
