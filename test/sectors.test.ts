// Sector rules plug in through the registry (src/core/sectors): every sector is one the profile
// can name, the determinations reach sector rules only through the registry, and the automotive
// sector's rules, important data and transfer escalation arrive through it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECTORS as PROFILE_SECTORS } from '../src/core/profile/profile-schema.ts';
import { SECTORS } from '../src/core/sectors/registry.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const SRC = join(import.meta.dirname, '..', 'src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

describe('sector registry', () => {
  it('holds sectors the profile can name, once each', () => {
    const ids = SECTORS.map((sector) => sector.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(PROFILE_SECTORS as readonly string[]).toContain(id);
  });

  it('is the only way into a sector module', () => {
    const outside = files(SRC).filter((file) => !file.includes(`${join('core', 'sectors')}`));
    const direct = outside.filter((file) => SECTORS.some((sector) => readFileSync(file, 'utf8').includes(`sectors/${sector.id}.ts`)));
    expect(direct.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('brings the automotive rules, important data and transfer escalation through the registry, and nothing for other sectors', () => {
    const vehicles = system({ id: 'telematics', hosting: 'overseas', dataCategories: ['vehicle_telematics', 'off_vehicle_video'] });
    const base = { systems: [vehicles], transfers: [transfer({ id: 'video-out', fromSystem: 'telematics', nonSensitiveIndividuals: 5_000 })] };
    const automotive = assess(profile({ organisation: { name: 'Example Motors', sectors: ['automotive'] }, ...base }));
    expect(automotive.organisation.sectorRules.map((rule) => rule.id)).toContain('auto.scope');
    expect(automotive.systems[0]!.sectorRules.map((rule) => rule.id)).toEqual(['auto.in-vehicle-default', 'auto.important.off_vehicle_video']);
    expect(automotive.systems[0]!.hosting.recommendation).toBe('mainland_required');
    expect(automotive.organisation.cbdt.sectorEscalation?.mechanism).toBe('security_assessment');
    expect(automotive.organisation.cbdt.sectorEscalation?.reason).toContain('off-vehicle video and images');

    const saas = assess(profile({ organisation: { name: 'Example SaaS', sectors: ['saas'] }, ...base }));
    expect(saas.organisation.sectorRules).toEqual([]);
    expect(saas.systems[0]!.sectorRules).toEqual([]);
    expect(saas.organisation.cbdt.sectorEscalation).toBeNull();
  });
});
