// Derives the engagement annex from an assessment: the summary page, the requirements register
// by category (one item per requirement, listing the systems it concerns), guardrails, open
// questions and assumptions, dependencies, next actions along the critical path, decisions (ADRs),
// the diagrams and a confidence rating. Pure; item keys are stable so re-assessment can merge
// with a person's edits.
import type { Assessment, CitationOut, SystemAssessment } from '../assess/assessment-schema.ts';
import { addMonths } from '../law/dates.ts';
import { annexConfidence, annexCounts, unresolvedSentence } from './annex-counts.ts';
import { decisions, type AnnexKnowledge } from './annex-decisions.ts';
import { questionsAndAssumptions } from './annex-questions.ts';
import { HOSTING, ICP, MECHANISM, ciiIn, englishWords, hostingIn, icpIn, item, listIn, mechanismIn, namer, wordsOf, type Words } from './annex-text.ts';
import { diagrams } from './annex-diagrams.ts';
import type { AnnexItemDraft, AnnexSummary, DerivedAnnex } from './annex-types.ts';

export type { AnnexKnowledge } from './annex-decisions.ts';

const firstCitations = (citations: readonly CitationOut[], count = 3) => citations.slice(0, count);
const uniqueCitations = (citations: readonly CitationOut[], count = 4) => {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = `${citation.instrument}|${citation.article ?? ''}`;
    return seen.has(key) ? false : (seen.add(key), true);
  }).slice(0, count);
};
const list = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
const sentence = (text: string) => (/[.?!]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
/** A sentence in the words' language: Chinese ends with 。 unless it already ends a sentence. */
const sentenceIn = (w: Words, text: string) => (w.english ? sentence(text) : /[.?!。！？]$/.test(text.trim()) ? text.trim() : `${text.trim()}。`);
const upperFirst = (text: string) => text.replace(/^./, (char) => char.toUpperCase());

/** Dates of the plan: when each track starts and ends, from the timeline's start. */
function planDates(assessment: Assessment) {
  const { timeline } = assessment;
  const track = (id: string) => timeline.tracks.find((candidate) => candidate.id === id);
  return {
    start: timeline.start,
    startOf: (id: string) => (track(id) ? addMonths(timeline.start, track(id)!.startMonths.min) : null),
    endOf: (id: string) => (track(id) ? addMonths(timeline.start, track(id)!.endMonths.min) : null),
    goLive: timeline.goLive ?? timeline.readyBy.earliest,
  };
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const value of values) {
    const group = out.get(key(value)) ?? [];
    group.push(value);
    out.set(key(value), group);
  }
  return out;
}

function register(assessment: Assessment, w: Words): AnnexItemDraft[] {
  const { cbdt, cii } = assessment.organisation;
  const names = namer(assessment);
  const dates = planDates(assessment);
  const systemsOf = (systems: readonly SystemAssessment[]) => systems.map((system) => system.id);
  const namesOf = (systems: readonly SystemAssessment[]) => listIn(w, systems.map((system) => system.name));
  const count = (value: number) => value.toLocaleString('en-US');
  const out: AnnexItemDraft[] = [];

  // Data sovereignty: the route, then the duties that survive every route, as one requirement.
  out.push(item({
    key: 'org.cbdt.route', section: 'register', category: 'data_sovereignty', shapesArchitecture: true,
    status: cbdt.mechanism === 'standard_contract_or_certification' || cbdt.mechanism === 'security_assessment' ? 'decision_needed' : 'draft',
    title: w('register.route.title', 'Outbound transfer route for personal information'),
    statement: w('register.route.statement', `${sentence(`${MECHANISM[cbdt.mechanism]!.replace(/^./, (char) => char.toUpperCase())} (${cbdt.regime.title})`)} ${cbdt.counted.nonSensitiveIndividuals.toLocaleString('en-US')} individuals counted, ${cbdt.counted.sensitiveIndividuals.toLocaleString('en-US')} of them with sensitive personal information.`, { mechanism: mechanismIn(w, cbdt.mechanism), regime: cbdt.regime.title, counted: count(cbdt.counted.nonSensitiveIndividuals), sensitive: count(cbdt.counted.sensitiveIndividuals) }),
    implication: names.prose(cbdt.sectorEscalation ? w('register.route.sectorRule', `Sector rule: ${cbdt.sectorEscalation.reason}`, { reason: cbdt.sectorEscalation.reason }) : cbdt.counted.method),
    basis: firstCitations(cbdt.citations), needsLegalReview: cbdt.needsLegalReview, owner: 'Data protection officer', due: dates.endOf('transfer') ?? dates.goLive,
  }));
  if (cbdt.duties.length > 0) {
    out.push(item({
      key: 'org.cbdt.duties', section: 'register', category: 'data_sovereignty', status: 'draft',
      title: w('register.duties.title', 'Duties that survive every transfer route'),
      statement: cbdt.duties.map((duty) => (w.english ? `${duty.title}: ${sentence(duty.detail)}` : `${duty.title}：${sentenceIn(w, duty.detail)}`)).join(w.english ? ' ' : ''),
      implication: w('register.duties.implication', 'Notice texts, consent flows and the PIPIA are product and process work before the first transfer.'),
      basis: uniqueCitations(cbdt.duties.map((duty) => duty.citation)), needsLegalReview: cbdt.duties.some((duty) => duty.needsLegalReview),
      owner: 'Data protection officer', due: dates.endOf('transfer') ?? dates.goLive,
    }));
  }

  // Infrastructure: hosting and ICP, one requirement per outcome, listing the systems.
  for (const [key, systems] of groupBy(assessment.systems, (system) => system.hosting.recommendation)) {
    const recommendation = key as SystemAssessment['hosting']['recommendation'];
    const reasons = [...new Set(systems.flatMap((system) => system.hosting.reasons.map((reason) => names.prose(reason))))];
    out.push(item({
      key: `hosting.${recommendation}`, section: 'register', category: 'infrastructure', shapesArchitecture: true, systems: systemsOf(systems),
      status: recommendation === 'overseas' ? 'draft' : 'decision_needed',
      title: w('register.hosting.title', `Hosting: ${HOSTING[recommendation]}`, { hosting: hostingIn(w, recommendation) }),
      statement: w('register.hosting.statement', `${namesOf(systems)}: ${HOSTING[recommendation]}.`, { systems: namesOf(systems), hosting: hostingIn(w, recommendation) }),
      implication: reasons.join(w.english ? ' ' : '') || null,
      basis: uniqueCitations(systems.flatMap((system) => firstCitations(system.hosting.citations))), needsLegalReview: systems.some((system) => system.hosting.needsLegalReview),
      owner: 'Cloud architect', due: dates.endOf('hosting') ?? dates.goLive,
    }));
  }
  for (const [key, systems] of groupBy(assessment.systems.filter((system) => system.icp.requirement !== 'none'), (system) => system.icp.requirement)) {
    const requirement = key as SystemAssessment['icp']['requirement'];
    const prerequisites = [...new Set(systems.flatMap((system) => system.icp.prerequisites.map((prerequisite) => (w.english ? prerequisite.title.toLowerCase() : prerequisite.title))))];
    const edi = systems.filter((system) => system.icp.ediLicence);
    out.push(item({
      key: `icp.${requirement}`, section: 'register', category: 'infrastructure', shapesArchitecture: true, systems: systemsOf(systems), status: 'draft',
      title: upperFirst(icpIn(w, requirement)),
      statement: w('register.icp.statement', `${namesOf(systems)} need${systems.length === 1 ? 's' : ''} an ${ICP[requirement]} before opening to the mainland public${systems.some((system) => system.icp.ediLicence) ? `, and ${namesOf(systems.filter((system) => system.icp.ediLicence))} an EDI licence too` : ''}.`, { systems: namesOf(systems), icp: icpIn(w, requirement), edi: edi.length > 0 ? namesOf(edi) : 'none' }),
      implication: prerequisites.length > 0 ? w('register.icp.prerequisites', `Needs ${list(prerequisites)} first.`, { prerequisites: listIn(w, prerequisites) }) : null,
      basis: uniqueCitations(systems.flatMap((system) => firstCitations(system.icp.citations))), needsLegalReview: systems.some((system) => system.icp.needsLegalReview),
      owner: 'China entity lead', due: dates.endOf('icp') ?? dates.goLive,
    }));
  }

  // Compliance: CII, MLPS by grade, the gap register in one line, sector rules and volume duties.
  out.push(item({
    key: 'org.cii', section: 'register', category: 'compliance', shapesArchitecture: cii.status !== 'not_indicated', status: cii.status === 'candidate' ? 'decision_needed' : 'draft',
    title: w('register.cii.title', 'Critical information infrastructure'),
    statement: cii.status === 'notified' ? w('register.cii.notified', 'The company is a notified CII operator.') : cii.status === 'candidate' ? w('register.cii.candidate', `The company is in a CII sector (${cii.sectors.join(', ')}); designation is plausible.`, { sectors: cii.sectors.join(w.english ? ', ' : '、') }) : w('register.cii.none', 'The company is not indicated as a CII operator.'),
    implication: cii.obligations.length > 0 ? (w.english ? `${list(cii.obligations.map((obligation) => obligation.title.toLowerCase()))}.`.replace(/^./, (char) => char.toUpperCase()) : `${listIn(w, cii.obligations.map((obligation) => obligation.title))}。`) : null,
    basis: firstCitations(cii.citations), needsLegalReview: cii.needsLegalReview, owner: 'PRC legal counsel', due: dates.start,
  }));
  for (const [, systems] of groupBy(assessment.systems, (system) => `${system.mlps.level}`)) {
    const mlps = systems[0]!.mlps;
    const assessed = systems.map((system) => system.mlps.assessmentIntervalMonths).find((months) => months != null);
    out.push(item({
      key: `mlps.level-${mlps.level}`, section: 'register', category: 'compliance', shapesArchitecture: mlps.level >= 3, systems: systemsOf(systems), status: 'draft',
      title: w('register.mlps.title', `MLPS level ${mlps.level}`, { level: String(mlps.level) }),
      statement: w('register.mlps.statement', `${namesOf(systems)} ${systems.length === 1 ? 'is' : 'are'} graded level ${mlps.level}${systems.some((system) => system.mlps.expertReview) ? ', with expert review of the grade' : ''}${mlps.psbFilingDays != null ? `, filed with the public security bureau within ${mlps.psbFilingDays} days` : ''}${assessed != null ? `, and assessed every ${assessed} months` : ''}; the commercial-cryptography assessment is ${mlps.commercialCryptoAssessment}.`, {
        systems: namesOf(systems), level: String(mlps.level), expert: systems.some((system) => system.mlps.expertReview) ? 'yes' : 'no', days: mlps.psbFilingDays != null ? String(mlps.psbFilingDays) : 'none',
        months: assessed != null ? String(assessed) : 'none', crypto: w(`register.mlps.crypto.${mlps.commercialCryptoAssessment}`, mlps.commercialCryptoAssessment),
      }),
      implication: [...new Set(systems.map((system) => names.prose(system.mlps.applicability)))].join(w.english ? ' ' : ''),
      basis: uniqueCitations(systems.flatMap((system) => firstCitations(system.mlps.citations))), needsLegalReview: systems.some((system) => system.mlps.needsLegalReview),
      owner: 'Security lead', due: dates.endOf('mlps-assessment') ?? dates.endOf('mlps-grading') ?? dates.goLive,
    }));
  }
  const gapped = assessment.systems.filter((system) => (system.mlps.gaps?.themes.some((theme) => theme.open > 0)) ?? false);
  if (gapped.length > 0) {
    const themes = new Map<string, { title: string; open: number }>();
    for (const system of gapped) for (const theme of system.mlps.gaps!.themes.filter((entry) => entry.open > 0)) themes.set(theme.theme, { title: theme.title, open: (themes.get(theme.theme)?.open ?? 0) + theme.open });
    const open = [...themes.values()].reduce((sum, theme) => sum + theme.open, 0);
    const effort = gapped.reduce((sum, system) => ({ min: sum.min + system.mlps.gaps!.effortWeeks.min, max: sum.max + system.mlps.gaps!.effortWeeks.max }), { min: 0, max: 0 });
    const largest = [...themes.values()].sort((a, b) => b.open - a.open).slice(0, 3);
    out.push(item({
      key: 'mlps.gaps', section: 'register', category: 'compliance', systems: systemsOf(gapped), status: 'in_progress',
      title: w('register.gaps.title', 'GB/T 22239-2019 gaps at the graded levels'),
      statement: w('register.gaps.statement', `${open} GB/T 22239-2019 items are open across ${themes.size} remediation themes in ${namesOf(gapped)}; the largest are ${list(largest.map((theme) => `${theme.title.toLowerCase()} (${theme.open})`))}. Rough effort ${effort.min}-${effort.max} person-weeks.`, {
        open: String(open), themes: String(themes.size), systems: namesOf(gapped), largest: listIn(w, largest.map((theme) => `${theme.title}（${theme.open}）`)), min: String(effort.min), max: String(effort.max),
      }),
      implication: w('register.gaps.implication', 'The item-level gaps are in the gap register (the Gaps tab, or `landfall gaps`), not repeated here.'),
      basis: firstCitations(gapped[0]!.mlps.citations, 1), owner: 'Security lead', due: dates.endOf('remediation') ?? dates.goLive, link: 'gaps',
    }));
  }
  const sector = assessment.systems.flatMap((system) => system.sectorRules.filter((rule) => rule.applies).map((rule) => ({ system, rule })));
  for (const [, entries] of groupBy(sector, (entry) => entry.rule.title)) {
    const rule = entries[0]!.rule;
    const systems = [...new Set(entries.map((entry) => entry.system))];
    const details = groupBy(entries, (entry) => entry.rule.detail);
    out.push(item({
      key: `sector.${[...new Set(entries.map((entry) => entry.rule.id))].sort().join('+')}`, section: 'register', category: 'compliance', systems: systemsOf(systems), status: 'draft',
      title: rule.title, statement: [...details.entries()].map(([detail, group]) => `${namesOf([...new Set(group.map((entry) => entry.system))])}${w.english ? ': ' : '：'}${names.prose(detail)}`).join(w.english ? ' ' : ''),
      basis: uniqueCitations(entries.map((entry) => entry.rule.citation)), needsLegalReview: entries.some((entry) => entry.rule.needsLegalReview),
      owner: 'Data protection officer', due: dates.goLive,
    }));
  }
  for (const duty of assessment.organisation.piVolumeDuties) {
    out.push(item({ key: `org.volume.${duty.id}`, section: 'register', category: 'compliance', status: 'draft', title: duty.title, statement: sentenceIn(w, duty.detail), implication: duty.threshold, basis: [duty.citation], needsLegalReview: duty.needsLegalReview, owner: 'Data protection officer', due: dates.goLive }));
  }

  // Integration: each service that needs work in the mainland, once, listing the systems using it.
  const localisation = assessment.systems.flatMap((system) => system.localisation.filter((entry) => !['available', 'china_region'].includes(entry.status)).map((entry) => ({ system, entry })));
  for (const [integration, entries] of groupBy(localisation, (entry) => entry.entry.integration)) {
    const entry = entries[0]!.entry;
    const systems = [...new Set(entries.map((candidate) => candidate.system))];
    out.push(item({
      key: `integration.${integration}`, section: 'register', category: 'integration', systems: systemsOf(systems), status: 'decision_needed',
      title: w('register.integration.title', `${entry.name} (${entry.status.replaceAll('_', ' ')} in the mainland)`, { name: entry.name, status: w(`register.integration.status.${entry.status}`, entry.status.replaceAll('_', ' ')) }),
      statement: w('register.integration.statement', `Used by ${namesOf(systems)}. ${sentence(entry.summary)}`, { systems: namesOf(systems), summary: sentenceIn(w, entry.summary) }),
      implication: entry.alternativeNames.length > 0 ? w('register.integration.alternatives', `Alternatives: ${entry.alternativeNames.join(', ')}.`, { alternatives: entry.alternativeNames.join('、') }) : null,
      basis: entry.findings.flatMap((finding) => (finding.citation ? [finding.citation] : [])),
      needsLegalReview: entry.confidence === 'unconfirmed', owner: 'Cloud architect', due: dates.endOf('hosting') ?? dates.goLive,
    }));
  }

  // Operations: logs kept in the mainland, once; then the obligations after launch.
  const logged = assessment.systems.filter((system) => system.mlps.obligations.some((obligation) => obligation.id === 'network_logs'));
  if (logged.length > 0) {
    const logs = logged[0]!.mlps.obligations.find((obligation) => obligation.id === 'network_logs')!;
    out.push(item({
      key: 'operations.network-logs', section: 'register', category: 'operations', shapesArchitecture: true, systems: systemsOf(logged), status: 'draft',
      title: w('register.logs.title', 'Network logs kept in the mainland'),
      statement: w.english ? `${namesOf(logged)}: ${sentence(logs.detail).replace(/^./, (char) => char.toLowerCase())}` : `${namesOf(logged)}：${sentenceIn(w, logs.detail)}`,
      implication: w('register.logs.implication', 'The log store of each mainland system sits in the mainland; copies abroad are outbound flows.'),
      basis: [logs.citation], needsLegalReview: logged.some((system) => system.mlps.obligations.some((obligation) => obligation.id === 'network_logs' && obligation.needsLegalReview)),
      owner: 'Security lead', due: dates.endOf('remediation') ?? dates.goLive,
    }));
  }
  for (const obligation of assessment.timeline.postLaunch) {
    out.push(item({ key: `org.post-launch.${obligation.id}`, section: 'register', category: 'operations', status: 'draft', title: obligation.title, statement: sentenceIn(w, names.prose(obligation.detail)), basis: [obligation.citation], needsLegalReview: obligation.needsLegalReview, owner: 'Security lead', due: dates.goLive }));
  }
  return out;
}

function guardrails(assessment: Assessment, w: Words): AnnexItemDraft[] {
  const out: AnnexItemDraft[] = [];
  const { cbdt } = assessment.organisation;
  const dates = planDates(assessment);
  if (cbdt.mechanism !== 'none') {
    out.push(item({
      key: 'guardrail.transfer-channels', section: 'guardrail', status: 'draft', title: w('guardrail.channels.title', 'Every outbound flow has its mechanism'),
      statement: w('guardrail.channels.statement', `No personal information collected in the mainland leaves it (remote access included) except through a flow listed in the data-flow model, under ${MECHANISM[cbdt.mechanism]}.`, { mechanism: mechanismIn(w, cbdt.mechanism) }),
      basis: firstCitations(cbdt.citations, 1), owner: 'Data protection officer', due: dates.start,
    }));
  }
  const mainland = assessment.systems.filter((system) => system.hosting.recommendation === 'mainland_required');
  if (mainland.length > 0) {
    out.push(item({ key: 'guardrail.mainland-hosting', section: 'guardrail', status: 'draft', title: w('guardrail.hosting.title', 'Mainland hosting is fixed'), systems: mainland.map((system) => system.id), statement: w('guardrail.hosting.statement', `${list(mainland.map((system) => system.name))} run${mainland.length === 1 ? 's' : ''} in a mainland region; designs that move ${mainland.length === 1 ? 'it' : 'them'} out are off the table.`, { systems: listIn(w, mainland.map((system) => system.name)) }), basis: firstCitations(mainland[0]!.hosting.citations, 1), owner: 'Cloud architect', due: dates.start }));
  }
  const icp = assessment.systems.filter((system) => system.icp.requirement !== 'none');
  if (icp.length > 0) {
    out.push(item({ key: 'guardrail.icp-before-launch', section: 'guardrail', status: 'draft', title: w('guardrail.icp.title', 'No public launch before ICP'), systems: icp.map((system) => system.id), statement: w('guardrail.icp.statement', `${list(icp.map((system) => system.name))} open${icp.length === 1 ? 's' : ''} to the mainland public only once the ICP ${icp.some((system) => system.icp.requirement === 'licence') ? 'licence or filing' : 'filing'} is granted.`, { systems: listIn(w, icp.map((system) => system.name)), licence: icp.some((system) => system.icp.requirement === 'licence') ? 'yes' : 'no' }), basis: firstCitations(icp[0]!.icp.citations, 1), owner: 'China entity lead', due: dates.goLive }));
  }
  const logs = assessment.systems.flatMap((system) => system.mlps.obligations).find((obligation) => obligation.id === 'network_logs');
  if (logs && assessment.systems.some((system) => system.mlps.applies || system.hosting.recommendation === 'mainland_required')) {
    out.push(item({ key: 'guardrail.logs-in-mainland', section: 'guardrail', status: 'draft', title: w('guardrail.logs.title', 'Logs stay in the mainland'), statement: w('guardrail.logs.statement', 'Network and security logs of mainland systems are kept in the mainland for at least six months; overseas copies are outbound flows.'), basis: [logs.citation], owner: 'Security lead', due: dates.start }));
  }
  const level3 = assessment.systems.filter((system) => system.mlps.level >= 3);
  if (level3.length > 0) {
    out.push(item({ key: 'guardrail.state-cryptography', section: 'guardrail', status: 'draft', title: w('guardrail.crypto.title', 'State-approved cryptography at level 3'), systems: level3.map((system) => system.id), statement: w('guardrail.crypto.statement', `${list(level3.map((system) => system.name))} use${level3.length === 1 ? 's' : ''} commercial cryptography (SM2, SM3, SM4) where cryptography is required, and plan${level3.length === 1 ? 's' : ''} for the commercial-cryptography assessment.`, { systems: listIn(w, level3.map((system) => system.name)) }), basis: firstCitations(level3[0]!.mlps.citations, 1), needsLegalReview: true, owner: 'Security lead', due: dates.start }));
  }
  return out;
}

const TRACK_OWNER: Record<string, string> = {
  entity: 'China entity lead', hosting: 'Cloud architect', icp: 'China entity lead', 'mini-program': 'Product owner', transfer: 'Data protection officer',
  'mlps-grading': 'Security lead', remediation: 'Security lead', 'mlps-assessment': 'Security lead',
};

function dependencies(assessment: Assessment, w: Words): AnnexItemDraft[] {
  const titles = new Map(assessment.timeline.tracks.map((track) => [track.id, track.title]));
  const dates = planDates(assessment);
  return assessment.timeline.tracks
    .filter((track) => track.dependsOn.length > 0)
    .map((track) =>
      item({
        key: `dependency.${track.id}`, section: 'dependency', status: 'draft', title: track.title,
        statement: w('dependency.statement', `Starts after ${list(track.dependsOn.map((id) => titles.get(id) ?? id))}; takes ${track.minMonths === track.maxMonths ? track.minMonths : `${track.minMonths}-${track.maxMonths}`} months.`, { after: listIn(w, track.dependsOn.map((id) => titles.get(id) ?? id)), months: track.minMonths === track.maxMonths ? `${track.minMonths}` : `${track.minMonths}-${track.maxMonths}` }),
        implication: assessment.timeline.criticalPath.includes(track.id) ? w('dependency.critical', 'On the critical path.') : null,
        basis: track.basis.slice(0, 2), needsLegalReview: track.needsLegalReview, owner: TRACK_OWNER[track.id] ?? 'Programme manager', due: dates.endOf(track.id),
      }),
    );
}

/** Next actions: the critical path first, in order, then the tracks that can start now, then the decisions and questions. */
function nextActions(assessment: Assessment, registerItems: readonly AnnexItemDraft[], decisionItems: readonly AnnexItemDraft[], w: Words): AnnexItemDraft[] {
  const { timeline } = assessment;
  const names = namer(assessment);
  const out: AnnexItemDraft[] = [];
  const dates = planDates(assessment);
  const dependents = (id: string) => timeline.tracks.filter((track) => track.dependsOn.includes(id)).map((track) => track.title);
  const critical = timeline.criticalPath.flatMap((id) => timeline.tracks.filter((track) => track.id === id));
  const rest = timeline.tracks.filter((track) => !timeline.criticalPath.includes(track.id)).sort((a, b) => a.startMonths.min - b.startMonths.min);
  for (const track of [...critical, ...rest]) {
    const onPath = timeline.criticalPath.includes(track.id);
    const unblocks = dependents(track.id);
    out.push(item({
      key: `action.start.${track.id}`, section: 'next_action', status: 'open',
      title: w('action.start.title', `Start: ${track.title}`, { track: track.title }),
      statement: sentenceIn(w, names.prose(track.detail)),
      implication: `${onPath ? w('action.start.critical', 'On the critical path. ') : ''}${unblocks.length > 0 ? w('action.start.unblocks', `Unblocks: ${list(unblocks)}.`, { unblocks: listIn(w, unblocks) }) : w('action.start.nothing', 'Nothing waits on it, but it must end before go-live.')}`,
      basis: track.basis.slice(0, 1), owner: TRACK_OWNER[track.id] ?? 'Programme manager', due: dates.startOf(track.id),
      action: { start: dates.startOf(track.id), unblocks, criticalPath: onPath },
    }));
  }
  for (const decision of decisionItems) {
    out.push(item({
      key: `action.${decision.key}`, section: 'next_action', status: 'open', title: w('action.decide.title', `Decide: ${decision.title}`, { decision: decision.title }),
      statement: decision.statement, systems: decision.systems ?? [], basis: [], owner: decision.owner ?? 'Consultant', due: decision.due ?? dates.start,
      action: { start: dates.start, unblocks: [], criticalPath: false },
    }));
  }
  const replace = registerItems.filter((entry) => entry.category === 'integration' && entry.status === 'decision_needed');
  const hostingTrack = timeline.tracks.find((track) => track.id === 'hosting');
  if (replace.length > 0) {
    out.push(item({
      key: 'action.replace-services', section: 'next_action', status: 'open', title: w('action.replace.title', 'Choose mainland replacements for the services that do not work there'),
      statement: w('action.replace.statement', `${list(replace.map((entry) => entry.title.replace(/ \(.*\)$/, '')))}: each register entry names the alternatives.`, { services: listIn(w, replace.map((entry) => entry.title.replace(/ ?[(（][^()（）]*[)）]$/, ''))) }),
      systems: [...new Set(replace.flatMap((entry) => entry.systems ?? []))], basis: [], owner: 'Cloud architect', due: dates.endOf('hosting') ?? dates.goLive,
      action: { start: dates.startOf('hosting') ?? dates.start, unblocks: hostingTrack ? [w.english ? 'Mainland hosting' : hostingTrack.title] : [], criticalPath: false },
    }));
  }
  if (assessment.openQuestions.length > 0) {
    out.push(item({ key: 'action.answer-open-questions', section: 'next_action', status: 'open', title: w('action.answer.title', 'Answer the open questions'), statement: w('action.answer.statement', 'Each open question names who answers it and what hangs on the answer; answer them in the intake, and the assessment and this annex follow.'), basis: [], owner: 'Consultant', due: dates.start, action: { start: dates.start, unblocks: [], criticalPath: false } }));
  }
  return out;
}

function summary(assessment: Assessment, w: Words): AnnexSummary {
  const { timeline } = assessment;
  const { cbdt, cii } = assessment.organisation;
  return {
    asOf: assessment.asOf,
    contentVersion: assessment.contentVersion,
    engineVersion: assessment.engineVersion,
    route: w('summary.route', `${MECHANISM[cbdt.mechanism]!.replace(/^./, (char) => char.toUpperCase())} (${cbdt.regime.title})`, { mechanism: mechanismIn(w, cbdt.mechanism), regime: cbdt.regime.title }),
    cii: upperFirst(ciiIn(w, cii.status)),
    systems: assessment.systems.map((system) => ({ id: system.id, name: system.name, mlpsLevel: system.mlps.level, icp: icpIn(w, system.icp.requirement), hosting: hostingIn(w, system.hosting.recommendation) })),
    timeline: {
      start: timeline.start, minMonths: timeline.minMonths, maxMonths: timeline.maxMonths, readyBy: timeline.readyBy, goLive: timeline.goLive,
      criticalPath: timeline.criticalPath.map((id) => timeline.tracks.find((track) => track.id === id)?.title ?? id),
      tracks: timeline.tracks.map((track) => ({
        id: track.id, title: track.title, start: addMonths(timeline.start, track.startMonths.min),
        end: { earliest: addMonths(timeline.start, track.endMonths.min), latest: addMonths(timeline.start, track.endMonths.max) },
        months: { min: track.minMonths, max: track.maxMonths }, critical: timeline.criticalPath.includes(track.id), dependsOn: track.dependsOn.map((id) => timeline.tracks.find((candidate) => candidate.id === id)?.title ?? id),
      })),
    },
    carryOver: carryOverSentence(assessment, w),
    notLegalAdvice: `${(assessment.warnings ?? []).map((warning) => w('summary.warning', `Warning: ${warning.message} `, { message: warning.message })).join('')}${w('summary.notLegalAdvice', `Landfall reads the rules in force on ${assessment.asOf} from its dated content; this annex is not legal advice, and points marked for legal review need PRC counsel before they are relied on.`, { asOf: assessment.asOf })}`,
  };
}

/** The assessment's one-sentence SOC 2 / ISO 27001 carry-over answer of each system (issue 16's gap summary). */
function carryOverSentence(assessment: Assessment, w: Words = englishWords): string | null {
  const answers = assessment.systems.flatMap((system) => {
    const sentence = system.mlps.gaps?.carryOver?.sentence;
    return sentence ? [assessment.systems.length === 1 ? sentence : `${system.name}${w.english ? ': ' : '：'}${sentence}`] : [];
  });
  return answers.length > 0 ? answers.join(w.english ? ' ' : '') : null;
}

export function deriveAnnex(assessment: Assessment, knowledge: AnnexKnowledge = {}): DerivedAnnex {
  const w = wordsOf(knowledge.say);
  const registerItems = register(assessment, w);
  const decisionItems = decisions(assessment, knowledge);
  const items = [...registerItems, ...guardrails(assessment, w), ...questionsAndAssumptions(assessment, assessment.timeline.start, w), ...dependencies(assessment, w), ...nextActions(assessment, registerItems, decisionItems, w), ...decisionItems];
  const seen = new Set<string>();
  const unique = items.filter((entry) => (seen.has(entry.key) ? false : (seen.add(entry.key), true)));
  const counts = annexCounts(unique.map((entry) => ({ status: entry.status, data: { section: entry.section, category: entry.category, needsLegalReview: entry.needsLegalReview } })));
  return {
    title: w('title', `China architecture annex: ${assessment.profile.organisation}`, { organisation: assessment.profile.organisation }),
    organisation: assessment.profile.organisation,
    asOf: assessment.asOf,
    framing: {
      why: w('framing.why', 'Mainland law decides where data may live, how it may leave, which licences the service needs and which security grade each system must meet; the architecture has to be right about all four before build starts.'),
      informs: w('framing.informs', 'Hosting and region choice, the transfer mechanism and its paperwork, the ICP and MLPS workstreams, the vendor stack in the mainland, and the project timeline.'),
      unresolved: unresolvedSentence(counts),
    },
    items: unique,
    diagrams: diagrams(assessment, w),
    confidence: annexConfidence(counts),
    summary: summary(assessment, w),
  };
}
