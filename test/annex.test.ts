import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { draftData, mergeAnnex, type StoredAnnexItem } from '../src/core/annex/merge-annex.ts';
import { annexCounts } from '../src/core/annex/annex-counts.ts';
import { assess, book, profile, system, transfer } from './helpers.ts';

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
  const automotive = deriveAnnex(assess(example('automotive-oem.yaml')), { integrations: book.integrations });

  it('derives a register in every category, with a basis, plus guardrails, questions, dependencies, actions and decisions', () => {
    const register = automotive.items.filter((item) => item.section === 'register');
    expect(new Set(register.map((item) => item.category))).toEqual(new Set(['data_sovereignty', 'infrastructure', 'integration', 'compliance', 'operations']));
    expect(register.find((item) => item.key === 'org.cbdt.route')!.statement).toMatch(/^Standard contract/);
    const level3 = register.find((item) => item.key === 'mlps.level-3')!;
    expect(level3.title).toBe('MLPS level 3');
    expect(level3.systems).toEqual(['telematics', 'ev-remote-service']);
    expect(register.filter((item) => item.category !== 'integration').every((item) => item.basis.length > 0)).toBe(true);
    expect(register.every((item) => item.owner && item.due && /^\d{4}-\d{2}-\d{2}$/.test(item.due))).toBe(true);
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
    expect(superseded).toContain('integration.google_maps');
    expect(superseded.every((key) => !after.items.some((item) => item.key === key))).toBe(true);
    expect(changes.insert.every((draft) => !before.some((item) => item.key === draft.key))).toBe(true);
  });

  it('lists a requirement that applies to several systems once, and keeps item-level gaps out of the register', () => {
    const register = automotive.items.filter((item) => item.section === 'register');
    const titles = register.map((item) => item.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(register.filter((item) => item.title === 'Network logs kept in the mainland')).toHaveLength(1);
    expect(register.find((item) => item.key === 'operations.network-logs')!.systems).toHaveLength(3);
    const gaps = register.filter((item) => item.key.startsWith('mlps.gaps'));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.link).toBe('gaps');
    expect(register.length).toBeLessThan(30);
  });

  it('asks open questions as sentences naming what hangs on them and who answers, with defaults as one assumptions block', () => {
    const questions = automotive.items.filter((item) => item.section === 'open_question');
    expect(questions.length).toBeGreaterThan(0);
    for (const question of questions) {
      expect(question.title).toMatch(/\?$/);
      expect(question.title).not.toMatch(/systems\[|organisation\.|Landfall assumed|Legal review needed/);
      expect(question.question?.hangsOn.length ?? 0).toBeGreaterThan(10);
      expect(question.owner).toBeTruthy();
    }
    const assumptions = automotive.items.filter((item) => item.section === 'assumption');
    // platform, iot and industrialControl were defaulted for several systems: one entry each.
    expect(assumptions.find((item) => item.key === 'assumption.system.industrialControl')!.systems).toEqual(['dealer-portal', 'telematics', 'ev-remote-service']);
    expect(automotive.items.some((item) => /systems\[\d\]/.test(`${item.title} ${item.statement}`))).toBe(false);

    // An unanswered impact decides the grade: it is a question for the security lead, naming the grade.
    const bare = deriveAnnex(assess(profile({ systems: [system({ id: 'portal', name: 'Customer portal', impact: undefined })] })));
    const impact = bare.items.find((item) => item.key === 'question.systems[0].impact');
    expect(impact?.title).toMatch(/^If Customer portal were compromised, who would be harmed/);
    expect(impact?.question?.hangsOn).toMatch(/MLPS grade of Customer portal \(now level \d\)/);
    expect(impact?.owner).toBe('Security lead');
  });

  it('records decisions as ADRs that never offer an option the determinations exclude', () => {
    const adrs = automotive.items.filter((item) => item.section === 'decision');
    expect(adrs.map((item) => item.key).sort()).toEqual(['decision.china-track', 'decision.hosting-provider', 'decision.minimum-integration', 'decision.transfer-mechanism']);
    for (const adr of adrs) {
      expect(adr.status).toBe('proposed');
      expect(adr.decision!.context.length).toBeGreaterThan(20);
      expect(adr.decision!.options.length).toBeGreaterThan(0);
      expect(adr.decision!.options.every((option) => option.consequences.length > 20)).toBe(true);
      expect(adr.decision!.options.map((option) => option.title)).toContain(adr.decision!.recommendation.option);
      expect(adr.statement).not.toMatch(/to be recorded/i);
    }
    // Mainland hosting is required for every system: no overlay, no overseas option.
    const track = adrs.find((item) => item.key === 'decision.china-track')!.decision!;
    expect(track.options.map((option) => option.title).join(' ')).not.toMatch(/Overlay/);
    expect(track.ruledOut[0]!.title).toMatch(/Overlay/);
    const hosting = adrs.find((item) => item.key === 'decision.hosting-provider')!.decision!;
    expect(hosting.options.map((option) => option.title).join(' ')).not.toMatch(/overseas/i);
    expect(hosting.options.map((option) => option.title)).toEqual(expect.arrayContaining(['AWS China (Beijing by Sinnet, Ningxia by NWCD)', 'Alibaba Cloud (阿里云)']));
    expect(hosting.options.find((option) => option.title.startsWith('AWS China'))!.consequences).toContain('ICP filing');

    // A route that needs a security assessment offers neither the standard contract nor certification.
    const heavy = deriveAnnex(assess(example('fintech-cii.yaml')), { integrations: book.integrations });
    const mechanism = heavy.items.find((item) => item.key === 'decision.transfer-mechanism')!.decision!;
    expect(mechanism.options.map((option) => option.title)).toEqual(['CAC security assessment']);
  });

  it('orders next actions by the critical path, each with an owner, a start date and what it unblocks', () => {
    const actions = automotive.items.filter((item) => item.section === 'next_action');
    const path = assess(example('automotive-oem.yaml')).timeline.criticalPath;
    expect(actions.slice(0, path.length).map((item) => item.key)).toEqual(path.map((id) => `action.start.${id}`));
    for (const action of actions) {
      expect(action.owner).toBeTruthy();
      expect(action.action?.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(actions[0]!.action!.unblocks.length).toBeGreaterThan(0);
    const heavy = deriveAnnex(assess(example('fintech-cii.yaml')));
    expect(heavy.items.filter((item) => item.section === 'next_action').map((item) => item.title)).toEqual(expect.arrayContaining(['Start: Transfer mechanism: CAC security assessment', 'Start: MLPS grading and expert review']));
  });

  it('derives its counts once: the framing and the confidence line agree with the items', () => {
    const counts = annexCounts(stored(automotive.items));
    expect(automotive.framing.unresolved).toContain(`${counts.openQuestions} question`);
    expect(automotive.framing.unresolved).toContain(`${counts.decisionsNeeded} items need a decision`);
    expect(automotive.confidence.reason).toMatch(new RegExp(`^${counts.openQuestions} open question`));
    expect(automotive.summary!.systems.map((entry) => entry.mlpsLevel)).toEqual([2, 3, 3]);
    expect(automotive.summary!.notLegalAdvice).toMatch(/not legal advice/);
    // The SOC 2 / ISO 27001 carry-over answer of each system's gap summary, on the summary page.
    expect(automotive.summary!.carryOver).toMatch(/^Dealer and customer portal: At level 2, \d+% of the \d+ items carry over/);
  });

  it('never lowers an item\'s urgency silently on re-assessment', () => {
    const before = stored(automotive.items);
    const route = before.find((item) => item.key === 'org.cbdt.route')!;
    expect(route.status).toBe('decision_needed');
    // The firm stops its transfers: the route becomes exempt or none, which would derive Draft.
    const quiet = profile({ systems: [system({ id: 'portal', hosting: 'mainland' })], transfers: [] });
    const after = deriveAnnex(assess(quiet)).items.filter((item) => item.key === 'org.cbdt.route');
    expect(after[0]!.status).toBe('draft');
    const update = mergeAnnex(before, after).update.find((entry) => entry.id === route.id)!;
    expect(update.after.status).toBe('decision_needed');
    expect((update.after.data.statusHeld as { note: string }).note).toMatch(/would set Draft; Decision needed is kept/);
    void transfer;
  });

  it('changes nothing when the assessment is the same', () => {
    const changes = mergeAnnex(stored(automotive.items), automotive.items);
    expect(changes).toEqual({ insert: [], update: [], supersede: [] });
  });
});
