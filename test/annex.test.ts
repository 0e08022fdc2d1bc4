import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { draftData, mergeAnnex, type StoredAnnexItem } from '../src/core/annex/merge-annex.ts';
import { assess } from './helpers.ts';

function example(name: string) {
  const parsed = parseProfileText(readFileSync(join(import.meta.dirname, '..', 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(name);
  return parsed.value as Record<string, unknown>;
}

/** Stores a derived annex the way the store keeps it. */
function stored(drafts: ReturnType<typeof deriveAnnex>['items']): StoredAnnexItem[] {
  return drafts.map((draft, index) => ({ id: `id-${index}`, key: draft.key, provenance: 'derived', status: draft.status, title: draft.title, statement: draft.statement, data: draftData(draft), editedFields: [], superseded: false, version: 1 }));
}

describe('engagement annex', () => {
  const automotive = deriveAnnex(assess(example('automotive-oem.yaml')));

  it('derives a register in every category, with a basis, plus guardrails, questions, dependencies, actions and decisions', () => {
    const register = automotive.items.filter((item) => item.section === 'register');
    expect(new Set(register.map((item) => item.category))).toEqual(new Set(['data_sovereignty', 'infrastructure', 'integration', 'compliance', 'operations']));
    expect(register.find((item) => item.key === 'org.cbdt.route')!.statement).toContain('standard contract');
    expect(register.find((item) => item.key === 'system.telematics.mlps')!.title).toBe('Connected-car telematics platform: MLPS level 3');
    expect(register.filter((item) => item.category !== 'integration').every((item) => item.basis.length > 0 || item.key.includes('.gap.'))).toBe(true);
    for (const section of ['guardrail', 'open_question', 'dependency', 'next_action', 'decision']) expect(automotive.items.some((item) => item.section === section), section).toBe(true);
    expect(new Set(automotive.items.map((item) => item.key)).size).toBe(automotive.items.length);
  });

  it('draws the topology and the data flows across the border with their mechanism', () => {
    const flow = automotive.diagrams.find((diagram) => diagram.id === 'data_flow')!;
    expect(flow.edges.length).toBeGreaterThan(0);
    expect(flow.edges.every((edge) => edge.crossesBorder && edge.mechanism != null)).toBe(true);
    const topology = automotive.diagrams.find((diagram) => diagram.id === 'topology')!;
    expect(topology.nodes.filter((node) => node.kind === 'system').map((node) => node.zone)).toEqual(['outside', 'mainland', 'mainland']);
    expect(['Low', 'Low-Medium', 'Medium', 'Medium-High', 'High']).toContain(automotive.confidence.rating);
  });

  it('keeps a person\'s edits and additions on re-assessment and supersedes what is no longer derived', () => {
    const before = stored(automotive.items);
    const route = before.find((item) => item.key === 'org.cbdt.route')!;
    route.status = 'confirmed';
    route.editedFields = ['status'];
    const cii = before.find((item) => item.key === 'org.cii')!;
    cii.statement = 'Confirmed with counsel: not a CII operator.';
    cii.editedFields = ['statement'];
    before.push({ id: 'person-1', key: 'person.1', provenance: 'person', status: 'draft', title: 'Client wants Shanghai region', statement: 'Preference stated in the kick-off.', data: {}, editedFields: [], superseded: false, version: 1 });

    // The firm drops its dealer portal and its overseas telematics access.
    const profile = example('automotive-oem.yaml');
    profile.systems = (profile.systems as Array<{ id: string }>).filter((system) => system.id !== 'dealer-portal');
    profile.transfers = (profile.transfers as Array<{ fromSystem: string }>).filter((transfer) => transfer.fromSystem !== 'dealer-portal');
    const after = deriveAnnex(assess(profile));
    const changes = mergeAnnex(before, after.items);

    // Fewer individuals are counted: the route's derived statement changes and is taken, while the
    // status the person confirmed stays.
    const routeUpdate = changes.update.find((update) => update.id === route.id);
    expect(routeUpdate).toBeDefined();
    expect(routeUpdate!.after.statement).toBe(routeUpdate!.draft.statement);
    expect(routeUpdate!.after.statement).not.toBe(route.statement);
    expect(routeUpdate!.after.status).toBe('confirmed');
    // The statement a person wrote is never overwritten by a derived one.
    const ciiUpdate = changes.update.find((update) => update.id === cii.id);
    expect(ciiUpdate?.after.statement ?? cii.statement).toBe('Confirmed with counsel: not a CII operator.');
    expect(changes.update.some((update) => update.id === 'person-1') || changes.supersede.some((item) => item.id === 'person-1')).toBe(false);
    const superseded = changes.supersede.map((item) => item.key);
    expect(superseded).toContain('system.dealer-portal.hosting');
    expect(superseded.every((key) => !after.items.some((item) => item.key === key))).toBe(true);
    expect(changes.insert.every((draft) => !before.some((item) => item.key === draft.key))).toBe(true);
  });

  it('changes nothing when the assessment is the same', () => {
    const changes = mergeAnnex(stored(automotive.items), automotive.items);
    expect(changes).toEqual({ insert: [], update: [], supersede: [] });
  });
});
