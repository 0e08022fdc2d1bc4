import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { SOURCE_FRAMEWORKS } from '../src/core/controls/controls-schema.ts';
import { oscalCatalog, oscalFrameworkCatalog, oscalMapping } from '../src/render/export-oscal.ts';
import { FRAMEWORK_URN, LIBRARY_URN, SOURCE_LIBRARIES, cisoFrameworkLibrary, cisoMappingLibrary } from '../src/render/export-ciso-assistant.ts';
import { book } from './helpers.ts';

const library = book.controls;
const meta = { lastModified: '2026-11-22T00:00:00Z', version: 'test' };
const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'oscal', name), 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
(formats as unknown as { default: (instance: Ajv) => void }).default(ajv);
const validateCatalog = ajv.compile(fixture('oscal_catalog_schema.json'));
const validateMapping = ajv.compile(fixture('oscal_mapping_schema.json'));

type Control = { id: string; controls?: Control[]; props?: Array<{ name: string; value: string; class?: string }> };
type Group = { groups?: Group[]; controls?: Control[] };
function controlIds(groups: Group[] = [], controls: Control[] = []): string[] {
  return [...groups.flatMap((group) => controlIds(group.groups, group.controls)), ...controls.flatMap((control) => [control.id, ...controlIds([], control.controls)])];
}

describe('OSCAL export', () => {
  const catalog = oscalCatalog(library, meta);

  it('is a valid OSCAL 1.2.1 catalog holding every item with its clause per level', () => {
    expect(validateCatalog(catalog), JSON.stringify(validateCatalog.errors?.slice(0, 3))).toBe(true);
    const ids = controlIds(catalog.catalog.groups as unknown as Group[]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of library.items) expect(ids).toContain(item.id.toLowerCase());
    const text = JSON.stringify(catalog);
    expect(text).toContain('"value":"8.1.4.1 a)","class":"level-3"');
  });

  it('exports the source frameworks and both crosswalks as valid documents whose references resolve', () => {
    const itemIds = new Set(controlIds(catalog.catalog.groups as unknown as Group[]));
    for (const key of SOURCE_FRAMEWORKS) {
      const source = oscalFrameworkCatalog(library, key, meta);
      expect(validateCatalog(source), JSON.stringify(validateCatalog.errors?.slice(0, 3))).toBe(true);
      const sourceIds = new Set(controlIds(source.catalog.groups as unknown as Group[]));
      const mapping = oscalMapping(library, key, meta);
      expect(validateMapping(mapping), JSON.stringify(validateMapping.errors?.slice(0, 3))).toBe(true);
      const collection = mapping['mapping-collection'] as unknown as { mappings: Array<{ maps: Array<{ uuid: string; relationship: string; sources: Array<{ 'id-ref': string }>; targets: Array<{ 'id-ref': string }> }>; 'target-gap-summary'?: { 'unmapped-controls': Array<{ 'with-ids': string[] }> } }> };
      const maps = collection.mappings[0]!.maps;
      // The JSON schema leaves relationship open; the OSCAL metaschema allows these.
      for (const map of maps) expect(['equivalent-to', 'equal-to', 'subset-of', 'superset-of', 'intersects-with', 'no-relationship']).toContain(map.relationship);
      expect(new Set(maps.map((map) => map.uuid)).size).toBe(maps.length);
      for (const map of maps) {
        expect(sourceIds.has(map.sources[0]!['id-ref']), map.sources[0]!['id-ref']).toBe(true);
        expect(itemIds.has(map.targets[0]!['id-ref'])).toBe(true);
      }
      const unmapped = collection.mappings[0]!['target-gap-summary']?.['unmapped-controls'][0]!['with-ids'] ?? [];
      const noEquivalent = [...library.crosswalks.get(key)!.values()].filter((entry) => entry.mappings.length === 0).length;
      expect(unmapped).toHaveLength(noEquivalent);
    }
  });

  it('is stable: the same content exports to the same document', () => {
    expect(JSON.stringify(oscalCatalog(library, meta))).toBe(JSON.stringify(catalog));
  });

  it('fails validation when a document breaks the schema (the check can fail)', () => {
    const broken = structuredClone(catalog) as { catalog: { uuid: string } };
    broken.catalog.uuid = 'not-a-uuid';
    expect(validateCatalog(broken)).toBe(false);
  });
});

// The shape CISO Assistant's library loader accepts (backend/core/models.py StoredLibrary,
// backend/library/utils.py importers): required keys, lower-case URNs, known relationship values.
const URN = /^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9_-]+))?:([0-9A-Za-z[\]()\-._:]+)$/;
const urn = z.string().regex(URN).refine((value) => value === value.toLowerCase(), 'URNs are lower case');
const libraryHeader = {
  urn,
  locale: z.string().min(2),
  ref_id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  copyright: z.string().min(1),
  version: z.number().int().positive(),
  publication_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  provider: z.string().min(1),
  packager: z.string().min(1).refine((value) => value !== 'intuitem', 'intuitem is reserved'),
};
const node = z
  .object({
    urn,
    assessable: z.boolean(),
    depth: z.number().int().positive(),
    parent_urn: urn.optional(),
    ref_id: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    annotation: z.string().optional(),
    implementation_groups: z.array(z.string()).optional(),
  })
  .strict();
const frameworkLibrary = z
  .object({
    ...libraryHeader,
    objects: z
      .object({
        framework: z
          .object({
            urn,
            ref_id: z.string().min(1),
            name: z.string().min(1),
            description: z.string(),
            implementation_groups_definition: z.array(z.object({ ref_id: z.string(), name: z.string(), description: z.string() }).strict()).min(1),
            requirement_nodes: z.array(node).min(1),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();
const mappingLibrary = z
  .object({
    ...libraryHeader,
    dependencies: z.array(urn).min(1),
    objects: z
      .object({
        requirement_mapping_sets: z
          .array(
            z
              .object({
                urn,
                ref_id: z.string(),
                name: z.string(),
                description: z.string(),
                source_framework_urn: urn,
                target_framework_urn: urn,
                requirement_mappings: z
                  .array(
                    z
                      .object({
                        source_requirement_urn: urn,
                        target_requirement_urn: urn,
                        relationship: z.enum(['equal', 'subset', 'superset', 'intersect', 'not_related']),
                        rationale: z.enum(['syntactic', 'semantic', 'functional']),
                        strength_of_relationship: z.number().int().min(0).max(10),
                        annotation: z.string(),
                      })
                      .strict(),
                  )
                  .min(1),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  })
  .strict();

describe('CISO Assistant export', () => {
  const framework = frameworkLibrary.parse(parse(cisoFrameworkLibrary(library, { version: 1, publicationDate: '2026-11-22' })));
  const nodes = framework.objects.framework.requirement_nodes;

  it('is a framework library in the loader\'s shape, parents before children, every item assessable', () => {
    expect(framework.urn).toBe(LIBRARY_URN);
    expect(framework.objects.framework.urn).toBe(FRAMEWORK_URN);
    const seen = new Set<string>();
    for (const entry of nodes) {
      expect(seen.has(entry.urn), entry.urn).toBe(false);
      if (entry.parent_urn != null) expect(seen.has(entry.parent_urn), entry.urn).toBe(true);
      seen.add(entry.urn);
    }
    const assessable = nodes.filter((entry) => entry.assessable);
    expect(assessable.map((entry) => entry.ref_id).sort()).toEqual(library.items.map((item) => item.id).sort());
    const groups = new Set(framework.objects.framework.implementation_groups_definition.map((group) => group.ref_id));
    for (const entry of assessable) for (const group of entry.implementation_groups ?? []) expect(groups.has(group)).toBe(true);
  });

  it('maps onto CISO Assistant\'s ISO 27001 and SOC 2 nodes and onto nodes of our framework', () => {
    const targets = new Set(nodes.map((entry) => entry.urn));
    for (const key of SOURCE_FRAMEWORKS) {
      const mapping = mappingLibrary.parse(parse(cisoMappingLibrary(library, key, { version: 1, publicationDate: '2026-11-22' })));
      expect(mapping.dependencies).toEqual([SOURCE_LIBRARIES[key].library, LIBRARY_URN]);
      const set = mapping.objects.requirement_mapping_sets[0]!;
      expect(set.source_framework_urn).toBe(SOURCE_LIBRARIES[key].framework);
      const sourcePattern = key === 'iso27001-2022' ? /^urn:intuitem:risk:req_node:iso27001-2022:a\.[5-8]\.\d{1,2}$/ : /^urn:intuitem:risk:req_node:soc2-2017:(cc|a|c|pi|p)\d\.\d$/;
      for (const row of set.requirement_mappings) {
        expect(row.source_requirement_urn).toMatch(sourcePattern);
        expect(targets.has(row.target_requirement_urn), row.target_requirement_urn).toBe(true);
      }
      const rows = [...library.crosswalks.get(key)!.values()].reduce((sum, entry) => sum + entry.mappings.length, 0);
      expect(set.requirement_mappings).toHaveLength(rows);
    }
  });

  it('rejects a library with an upper-case URN or an unknown relationship (the check can fail)', () => {
    const text = cisoMappingLibrary(library, 'iso27001-2022', { version: 1, publicationDate: '2026-11-22' });
    expect(mappingLibrary.safeParse(parse(text.replace('relationship: intersect', 'relationship: overlaps'))).success).toBe(false);
    expect(frameworkLibrary.safeParse(parse(cisoFrameworkLibrary(library, { version: 1, publicationDate: '2026-11-22' }).replace('urn:landfall:risk:library:', 'urn:Landfall:risk:library:'))).success).toBe(false);
  });
});
