// The field-level changes of a profile save: systems and transfers matched by id, lists of values
// compared whole, answers that were not given shown as null (the default was assumed).
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../src/core/profile/diff-profiles.ts';

const base = {
  organisation: { name: 'Pulsewave', sectors: ['saas'] },
  systems: [
    { id: 'app', name: 'Pulsewave app', channels: ['app', 'api'], hosting: 'overseas' },
    { id: 'portal', name: 'Gym portal' },
  ],
  transfers: [{ id: 'sync', fromSystem: 'app', nonSensitiveIndividuals: 1000 }],
};

describe('diffProfiles', () => {
  it('finds nothing between equal profiles, whatever the key order', () => {
    const reordered = { transfers: base.transfers, systems: base.systems, organisation: { sectors: ['saas'], name: 'Pulsewave' } };
    expect(diffProfiles(base, reordered)).toEqual({ changes: [], total: 0 });
  });

  it('names the system of a change and matches systems by id, not by position', () => {
    const after = { ...base, systems: [{ id: 'portal', name: 'Gym portal', hosting: 'mainland' }, { ...base.systems[0]!, channels: ['app'] }] };
    expect(diffProfiles(base, after).changes).toEqual([
      { path: 'systems[0].hosting', subject: 'Gym portal', before: null, after: 'mainland' },
      { path: 'systems[1].channels', subject: 'Pulsewave app', before: ['app', 'api'], after: ['app'] },
    ]);
  });

  it('lists an added and a removed system as a whole, and an answer cleared as null', () => {
    const after = { ...base, organisation: { name: 'Pulsewave' }, systems: [base.systems[0]!, { id: 'crm', name: 'CRM' }] };
    expect(diffProfiles(base, after).changes).toEqual([
      { path: 'organisation.sectors', subject: null, before: ['saas'], after: null },
      { path: 'systems[1]', subject: 'CRM', before: null, after: { id: 'crm', name: 'CRM' } },
      { path: 'systems[1]', subject: 'Gym portal', before: { id: 'portal', name: 'Gym portal' }, after: null },
    ]);
  });

  it('keeps at most the limit of changes and counts them all', () => {
    const many = { organisation: Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`field${index}`, index])) };
    const result = diffProfiles({ organisation: {} }, many, 10);
    expect(result.total).toBe(30);
    expect(result.changes).toHaveLength(10);
  });
});
