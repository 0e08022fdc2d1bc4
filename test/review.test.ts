// The regulatory-change review: determinations compared by stable id, each change classified and
// explained, citation-only changes apart from substance; and `landfall review` without a database.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { diffAssessments } from '../src/core/review/diff-assessments.ts';
import { engineText } from '../src/i18n/messages.ts';
import { landfall } from './cli-harness.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');

describe('diffing two assessments', () => {
  it('shows the route change the 2024 Provisions brought, explained, with both sides cited', () => {
    const firm = profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] });
    const review = diffAssessments(assess(firm, '2023-06-15'), assess(firm, '2026-12-01'), engineText());
    const route = review.changes.find((change) => change.path === 'organisation.cbdt.mechanism')!;
    expect(route).toMatchObject({ kind: 'route', before: 'security_assessment', after: 'standard_contract_or_certification' });
    expect(route.meaning).toContain('CBDT Provisions 2024');
    expect(route.citations.before[0]!.instrument).toBe('cn.cbdt.assessment-measures-2022');
    expect(route.citations.after[0]!.instrument).toBe('cn.cbdt.provisions-2024');
    expect(review.changes.find((change) => change.path === 'organisation.cbdt.regime')?.kind).toBe('other');
  });

  it('keeps the Cybersecurity Law renumbering apart, as citation-only changes', () => {
    const review = diffAssessments(assess(profile(), '2025-12-15'), assess(profile(), '2026-01-15'), engineText());
    const logs = review.changes.find((change) => change.path === 'systems[app].mlps.obligations[network_logs].citation')!;
    expect(logs).toMatchObject({ kind: 'citation', before: 'CSL (2017 numbering) Art. 21', after: 'CSL (2026 numbering) Art. 23' });
    expect(review.summary.citationOnly).toBeGreaterThan(0);
    // Citation-only changes come after every change of substance.
    const kinds = review.changes.map((change) => change.kind);
    expect(kinds.indexOf('citation')).toBeGreaterThanOrEqual(kinds.filter((kind) => kind !== 'citation').length);
  });

  it('shows the amended Cybersecurity Law\'s new penalties as substance across 2026-01-01', () => {
    const review = diffAssessments(assess(profile(), '2025-12-15'), assess(profile(), '2026-01-15'), engineText());
    const penalty = review.changes.find((change) => change.kind === 'penalty' && change.path.startsWith('exposure[mlps_'))!;
    expect(penalty).toBeDefined();
    expect(penalty.impact).toBe('high');
    expect(penalty.citations.before.some((citation) => citation.title.includes('2017'))).toBe(true);
    expect(penalty.citations.after.some((citation) => citation.title.includes('2026'))).toBe(true);
    expect(penalty.meaning).toMatch(/Now: .*RMB .*Was: .*RMB/);
    expect(review.summary.byKind.penalty).toBeGreaterThan(0);
    // Within one regime the same figures stay quiet.
    expect(diffAssessments(assess(profile(), '2026-02-01'), assess(profile(), '2026-11-01'), engineText()).changes.filter((change) => change.kind === 'penalty')).toEqual([]);
  });

  it('shows nothing for the same date and content', () => {
    const firm = profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] });
    const review = diffAssessments(assess(firm, '2026-12-01'), assess(firm, '2026-12-01'), engineText());
    expect(review.changes).toEqual([]);
    expect(review.summary).toMatchObject({ substantive: 0, citationOnly: 0, highestImpact: null });
  });

  it('classifies grade, hosting and ICP changes and duties added or removed by id', () => {
    const before = assess(profile({ systems: [system()] }));
    const after = assess(profile({ systems: [system({ commercialService: true, importantData: 'notified', impact: { businessInformation: { object: 'social_order_and_public_interest', degree: 'serious' }, systemService: { object: 'citizens_and_organisations', degree: 'general' } } })] }));
    const review = diffAssessments(before, after, engineText());
    const byPath = new Map(review.changes.map((change) => [change.path, change]));
    expect(byPath.get('systems[app].mlps.level')).toMatchObject({ kind: 'grade', before: 2, after: 3, impact: 'high' });
    expect(byPath.get('systems[app].icp.requirement')).toMatchObject({ kind: 'icp', before: 'an ICP filing', after: 'an ICP commercial licence' });
    expect(byPath.get('systems[app].hosting.recommendation')).toMatchObject({ kind: 'hosting', after: 'mainland_required' });
    expect(byPath.get('systems[app].mlps.obligations[assessment]')?.kind).toBe('duty_added');
    expect(byPath.get('systems[app].icp.obligations[icp_filing]')?.kind).toBe('duty_removed');
    expect(review.summary.highestImpact).toBe('high');
  });
});

describe('landfall review', () => {
  it('reviews several profiles across two dates as JSON, and exits 0', async () => {
    const run = await landfall('review', 'examples/b2b-saas.yaml', 'examples/automotive-oem.yaml', '--from', '2023-06-15', '--to', '2026-12-01', '--format', 'json');
    expect(run.status).toBe(0);
    const { reviews } = JSON.parse(run.stdout) as { reviews: Array<{ organisation: string; file: string; changes: Array<{ path: string; kind: string }> }> };
    expect(reviews.map((review) => review.file)).toEqual(['examples/b2b-saas.yaml', 'examples/automotive-oem.yaml']);
    expect(reviews[0]!.changes.find((change) => change.path === 'organisation.cbdt.mechanism')?.kind).toBe('route');
  });

  it('writes a Markdown memo and a DOCX memo', async () => {
    const md = await landfall('review', 'examples/automotive-oem.yaml', '--from', '2025-12-15', '--to', '2026-01-15', '--format', 'md');
    expect(md.stdout).toContain('### Citations only (no change in what the firm must do)');
    expect(md.stdout).toContain('CSL (2026 numbering) Art. 23');
    const out = join(mkdtempSync(join(tmpdir(), 'landfall-review-')), 'memo.docx');
    expect((await landfall('review', 'examples/automotive-oem.yaml', '--from', '2023-06-15', '--to', '2026-12-01', '--format', 'docx', '--out', out)).status).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Regulatory-change review');
    expect(xml).toContain('Example Motors GmbH');
  });

  it('writes the memo and the changes in Chinese with --lang zh-CN, and refuses another language', async () => {
    const md = await landfall('review', 'examples/automotive-oem.yaml', '--from', '2025-12-15', '--to', '2026-01-15', '--format', 'md', '--lang', 'zh-CN');
    expect(md.status, md.stderr).toBe(0);
    expect(md.stdout).toContain('# 法规变化复核');
    expect(md.stdout).toContain('### 仅引用变化（企业须做的事不变）');
    expect(md.stdout).toMatch(/《[^》]+》第23条/);
    expect(md.stdout).not.toContain('Citations only');
    expect(md.stdout).not.toContain(' Art. ');
    const json = await landfall('review', 'examples/b2b-saas.yaml', 'examples/automotive-oem.yaml', '--from', '2023-06-15', '--to', '2026-12-01', '--format', 'json', '--lang', 'zh-CN');
    const english = await landfall('review', 'examples/b2b-saas.yaml', 'examples/automotive-oem.yaml', '--from', '2023-06-15', '--to', '2026-12-01', '--format', 'json');
    type Review = { changes: Array<{ path: string; kind: string; impact: string; meaning: string }> };
    const chinese = (JSON.parse(json.stdout) as { reviews: Review[] }).reviews;
    // The language changes the words, never which determinations changed or how much.
    expect(chinese.map((review) => review.changes.map((change) => [change.path, change.kind, change.impact]))).toEqual((JSON.parse(english.stdout) as { reviews: Review[] }).reviews.map((review) => review.changes.map((change) => [change.path, change.kind, change.impact])));
    const route = chinese[0]!.changes.find((change) => change.path === 'organisation.cbdt.mechanism')!;
    expect(route.meaning).toMatch(/^个人信息出境现需/);
    expect(route.meaning).not.toMatch(/\b[A-Za-z][a-z]+(?:[ ,;:-]+[A-Za-z][a-z]+){2,}\b/);
    const refused = await landfall('review', 'examples/automotive-oem.yaml', '--from', '2025-12-15', '--to', '2026-01-15', '--lang', 'fr');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--lang');
    expect(refused.stderr).toContain('zh-CN');
  });

  it('compares content versions: an earlier content folder against this checkout', async () => {
    const earlier = join(mkdtempSync(join(tmpdir(), 'landfall-content-')), 'content');
    cpSync(join(ROOT, 'content'), earlier, { recursive: true });
    const parameters = join(earlier, 'parameters', 'mlps.yaml');
    writeFileSync(parameters, readFileSync(parameters, 'utf8').replace(/(id: mlps\.psbFilingDays[\s\S]*?value: )30/, '$115'));
    const run = await landfall('review', 'examples/automotive-oem.yaml', '--to', '2026-12-01', '--content-before', earlier, '--format', 'json');
    expect(run.status).toBe(0);
    const { reviews } = JSON.parse(run.stdout) as { reviews: Array<{ before: { contentVersion: string }; after: { contentVersion: string }; changes: Array<{ path: string; kind: string }> }> };
    expect(reviews[0]!.before.contentVersion).not.toBe(reviews[0]!.after.contentVersion);
    expect(reviews[0]!.changes.some((change) => change.kind === 'deadline' && change.path.endsWith('[psb_filing].detail'))).toBe(true);
    const same = await landfall('review', 'examples/automotive-oem.yaml', '--to', '2026-12-01', '--content-before', join(ROOT, 'content'), '--format', 'json');
    expect((JSON.parse(same.stdout) as { reviews: Array<{ changes: unknown[] }> }).reviews[0]!.changes).toEqual([]);
  });

  it('refuses a review with nothing to compare, reversed dates or a missing folder with exit 2', async () => {
    const nothing = await landfall('review', 'examples/b2b-saas.yaml', '--to', '2026-12-01');
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('--from');
    expect((await landfall('review', 'examples/b2b-saas.yaml', '--from', '2026-12-01', '--to', '2026-01-01')).stderr).toContain('is after --to');
    expect((await landfall('review', 'examples/b2b-saas.yaml', '--from', '2025-01-01', '--content-before', '/nonexistent')).stderr).toContain('--content-before: no such folder');
  });
});

describe('which annex items a change touches', () => {
  const item = (key: string, systems: string[] = []) => ({ key, data: { systems } });
  it('routes, grades, ICP and hosting reach their own items, per system', async () => {
    const { restsOn } = await import('../src/core/review/items-resting-on.ts');
    expect(restsOn(item('org.cbdt.route'), { path: 'organisation.cbdt.mechanism' })).toBe(true);
    expect(restsOn(item('decision.transfer-mechanism'), { path: 'organisation.cbdt.transfers[crm].treatment' })).toBe(true);
    expect(restsOn(item('mlps.level-3', ['telematics', 'portal']), { path: 'systems[telematics].mlps.level' })).toBe(true);
    expect(restsOn(item('mlps.level-2', ['portal']), { path: 'systems[telematics].mlps.level' })).toBe(false);
    expect(restsOn(item('system.telematics.mlps'), { path: 'systems[telematics].mlps.level' })).toBe(true);
    expect(restsOn(item('hosting.mainland_required', ['portal']), { path: 'systems[portal].hosting.recommendation' })).toBe(true);
    expect(restsOn(item('icp.filing', ['portal']), { path: 'systems[portal].hosting.recommendation' })).toBe(false);
    expect(restsOn(item('org.volume.pi-officer'), { path: 'organisation.piVolumeDuties[pi-officer]' })).toBe(true);
    expect(restsOn(item('org.volume.representative'), { path: 'organisation.piVolumeDuties[pi-officer]' })).toBe(false);
    expect(restsOn(item('dependency.icp'), { path: 'timeline.tracks[icp].months' })).toBe(true);
    expect(restsOn(item('org.cii'), { path: 'timeline.months' })).toBe(false);
    // A system that joins the profile touches everything that names it, nothing else.
    expect(restsOn(item('guardrail.mainland-hosting', ['portal']), { path: 'systems[portal]' })).toBe(true);
    expect(restsOn(item('org.cbdt.route'), { path: 'systems[portal]' })).toBe(false);
  });
  it('never marks an item for a change of citation alone', async () => {
    const { changesTouching } = await import('../src/core/review/items-resting-on.ts');
    const change = { path: 'systems[portal].mlps.obligations[filing].citation', kind: 'citation' as const, impact: 'low' as const, before: null, after: null, citations: { before: [], after: [] }, meaning: 'renumbered' };
    expect(changesTouching(item('mlps.level-2', ['portal']), [change])).toEqual([]);
    expect(changesTouching(item('mlps.level-2', ['portal']), [{ ...change, kind: 'grade' }])).toHaveLength(1);
  });
  it('finds for every item the changes a match against each change finds, in the review\'s order', async () => {
    // The changes of a real review (a profile of 40 systems between the 2022 and the 2026 law), and
    // its annex items, with items that list systems twice, name one alone, or name a stranger.
    const { changesTouching, restsOn } = await import('../src/core/review/items-resting-on.ts');
    const { deriveAnnex } = await import('../src/core/annex/derive-annex.ts');
    const systems = Array.from({ length: 40 }, (_, index) => system({ id: `s${index}`, name: `S${index}`, hosting: index % 3 === 0 ? 'overseas' : 'mainland', users: { registered: 20_000 * (index + 1), monthlyActive: 1_000 } }));
    const transfers = systems.filter((_, index) => index % 3 === 0).map((entry, index) => transfer({ id: `t${index}`, fromSystem: entry.id as string, nonSensitiveIndividuals: 150_000 }));
    const input = profile({ systems, transfers });
    const review = diffAssessments(assess(input, '2022-09-01'), assess(input), engineText());
    const changes = [...review.changes, ...review.changes.slice(0, 5).map((change) => ({ ...change, kind: 'citation' as const })), { ...review.changes[0]!, path: 'systems[s1]' }];
    expect(review.changes.length).toBeGreaterThan(40);
    const derived = deriveAnnex(assess(input)).items.map((entry) => ({ key: entry.key, data: { system: entry.system, systems: entry.systems } }));
    const items = [...derived, ...derived.slice(0, 30).map((entry) => ({ key: entry.key, data: { system: 's1', systems: [...(entry.data.systems ?? []), 's1', 's1'] } })), item('system.s7.mlps'), item('mlps.level-2', ['stranger'])];
    let touched = 0;
    for (const one of items) {
      const found = changesTouching(one, changes);
      expect(found, one.key).toEqual(changes.filter((change) => change.kind !== 'citation' && restsOn(one, change)));
      if (found.length > 0) touched += 1;
    }
    expect(touched).toBeGreaterThan(10);
  });
});

describe('duties due in the review window', () => {
  it('lists the calendar duties dated inside an upcoming window, and none outside it', async () => {
    const { parseProfileText } = await import('../src/content/parse-profile-text.ts');
    const { withDueDuties } = await import('../src/core/review/due-in-window.ts');
    const { book } = await import('./helpers.ts');
    const parsed = parseProfileText(readFileSync(join(ROOT, 'examples', 'automotive-oem.yaml'), 'utf8'), 'automotive-oem.yaml');
    if (!parsed.ok) throw new Error('example does not parse');
    const window = (from: string, to: string) => {
      const after = assess(parsed.value as never, to);
      return withDueDuties(book, diffAssessments(assess(parsed.value as never, from), after, engineText()), after, engineText()).due!;
    };
    const next = window('2026-12-01', '2027-12-01');
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((duty) => duty.dates.every((date) => date >= '2026-12-01' && date <= '2027-12-01'))).toBe(true);
    expect(next.some((duty) => /MLPS assessment \(level 3\)/.test(duty.title))).toBe(true);
    expect(next.every((duty) => duty.citation.instrument.length > 0)).toBe(true);
    // Sorted by date; a narrower window keeps only what falls in it.
    expect(next.map((duty) => duty.dates[0])).toEqual([...next.map((duty) => duty.dates[0])].sort());
    const first = next[0]!.dates[0]!;
    expect(window('2026-12-01', first).map((duty) => duty.id)).toContain(next[0]!.id);
    expect(window('2026-12-01', '2026-12-02').every((duty) => duty.dates[0]! <= '2026-12-02')).toBe(true);
  });

  it('shows them in the memo', async () => {
    const result = await landfall('review', join(ROOT, 'examples', 'automotive-oem.yaml'), '--from', '2026-12-01', '--to', '2027-12-01', '--format', 'md');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('### Due in this period');
    expect(result.stdout).toMatch(/MLPS assessment \(level 3\) \| .* \| 2027-/);
  });
});
