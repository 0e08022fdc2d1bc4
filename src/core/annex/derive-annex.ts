// Derives the engagement annex from an assessment: the requirements register by category,
// guardrails, open questions, dependencies, next actions, decisions supported, the two diagrams
// and a confidence rating. Pure; item keys are stable so re-assessment can merge with a person's edits.
import type { Assessment, CitationOut, SystemAssessment } from '../assess/assessment-schema.ts';
import type { AnnexItemDraft, ConfidenceRating, DerivedAnnex, Diagram, DiagramEdge, DiagramNode } from './annex-types.ts';

const MECHANISM: Record<string, string> = {
  none: 'no outbound transfer of personal information',
  exempt: 'exempt from all three mechanisms',
  standard_contract_or_certification: 'standard contract (filed) or personal-information protection certification',
  security_assessment: 'CAC security assessment',
};
const HOSTING: Record<string, string> = {
  overseas: 'can stay overseas',
  overseas_with_transfer_mechanism: 'can stay overseas with a transfer mechanism',
  mainland_recommended: 'mainland hosting recommended',
  mainland_required: 'mainland hosting required',
};
const ICP: Record<string, string> = { none: 'no ICP filing or licence', filing: 'ICP filing (non-commercial)', licence: 'ICP commercial licence' };

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const firstCitations = (citations: readonly CitationOut[], count = 3) => citations.slice(0, count);

function item(draft: Omit<AnnexItemDraft, 'implication' | 'system' | 'category' | 'needsLegalReview'> & Partial<AnnexItemDraft>): AnnexItemDraft {
  return { implication: null, system: null, category: null, needsLegalReview: false, ...draft };
}

function registerForSystem(system: SystemAssessment): AnnexItemDraft[] {
  const out: AnnexItemDraft[] = [];
  const base = `system.${system.id}`;
  const hosting = system.hosting;
  out.push(item({
    key: `${base}.hosting`, section: 'register', category: 'infrastructure', system: system.id,
    status: hosting.recommendation === 'mainland_recommended' || hosting.recommendation === 'overseas_with_transfer_mechanism' ? 'decision_needed' : 'draft',
    title: `${system.name}: hosting`,
    statement: `${HOSTING[hosting.recommendation]}.`,
    implication: hosting.reasons.join(' ') || null,
    basis: firstCitations(hosting.citations), needsLegalReview: hosting.needsLegalReview,
  }));
  const icp = system.icp;
  out.push(item({
    key: `${base}.icp`, section: 'register', category: 'infrastructure', system: system.id, status: 'draft',
    title: `${system.name}: ICP`,
    statement: `${ICP[icp.requirement]}${icp.ediLicence ? ', plus an EDI licence' : ''}.`,
    implication: icp.requirement === 'none' ? null : `Needs ${icp.prerequisites.map((prerequisite) => prerequisite.title.toLowerCase()).join(', ') || 'its prerequisites'} before the service opens to the mainland public.`,
    basis: firstCitations(icp.citations), needsLegalReview: icp.needsLegalReview,
  }));
  const mlps = system.mlps;
  out.push(item({
    key: `${base}.mlps`, section: 'register', category: 'compliance', system: system.id, status: 'draft',
    title: `${system.name}: MLPS level ${mlps.level}`,
    statement: `Graded level ${mlps.level}${mlps.expertReview ? ', with expert review' : ''}${mlps.psbFilingDays != null ? `, filed with the PSB within ${mlps.psbFilingDays} days` : ''}${mlps.assessmentIntervalMonths != null ? `, assessed every ${mlps.assessmentIntervalMonths} months` : ''}; commercial-crypto assessment ${mlps.commercialCryptoAssessment}.`,
    implication: mlps.applicability,
    basis: firstCitations(mlps.citations), needsLegalReview: mlps.needsLegalReview,
  }));
  const logs = mlps.obligations.find((obligation) => obligation.id === 'network_logs');
  if (logs) {
    out.push(item({
      key: `${base}.logs`, section: 'register', category: 'operations', system: system.id, status: 'draft',
      title: `${system.name}: network logs`, statement: logs.detail, implication: 'The log store of the mainland system sits in the mainland.', basis: [logs.citation], needsLegalReview: logs.needsLegalReview,
    }));
  }
  for (const theme of mlps.gaps?.themes.filter((entry) => entry.open > 0) ?? []) {
    out.push(item({
      key: `${base}.gap.${theme.theme}`, section: 'register', category: theme.theme === 'log_localisation_retention' || theme.theme === 'mainland_operations' ? 'operations' : 'compliance', system: system.id, status: 'in_progress',
      title: `${system.name}: ${theme.title}`,
      statement: `${theme.open} of ${theme.items} GB/T 22239-2019 items at level ${mlps.gaps?.level} open.`,
      implication: `${theme.remediation === 'add' ? 'Add a control' : 'Reposition an existing control'}; roughly ${theme.effortWeeks.min}-${theme.effortWeeks.max} person-weeks.`,
      basis: firstCitations(mlps.citations, 1),
    }));
  }
  for (const entry of system.localisation.filter((candidate) => !['available', 'china_region'].includes(candidate.status))) {
    out.push(item({
      key: `${base}.integration.${entry.integration}`, section: 'register', category: 'integration', system: system.id, status: 'decision_needed',
      title: `${system.name}: ${entry.name}`,
      statement: entry.summary,
      implication: entry.alternativeNames.length > 0 ? `Alternatives: ${entry.alternativeNames.join(', ')}.` : null,
      basis: entry.findings.flatMap((finding) => (finding.citation ? [finding.citation] : [])),
      needsLegalReview: entry.confidence === 'unconfirmed',
    }));
  }
  for (const rule of system.sectorRules.filter((candidate) => candidate.applies)) {
    out.push(item({
      key: `${base}.sector.${rule.id}`, section: 'register', category: 'compliance', system: system.id, status: 'draft',
      title: `${system.name}: ${rule.title}`, statement: rule.detail, basis: [rule.citation], needsLegalReview: rule.needsLegalReview,
    }));
  }
  return out;
}

function register(assessment: Assessment): AnnexItemDraft[] {
  const { cbdt, cii } = assessment.organisation;
  const out: AnnexItemDraft[] = [];
  out.push(item({
    key: 'org.cbdt.route', section: 'register', category: 'data_sovereignty',
    status: cbdt.mechanism === 'standard_contract_or_certification' ? 'decision_needed' : 'draft',
    title: 'Outbound transfer route for personal information',
    statement: `${MECHANISM[cbdt.mechanism]} (${cbdt.regime.title}); ${cbdt.counted.nonSensitiveIndividuals.toLocaleString('en-US')} non-sensitive and ${cbdt.counted.sensitiveIndividuals.toLocaleString('en-US')} sensitive individuals counted.`,
    implication: cbdt.sectorEscalation ? `Sector rule: ${cbdt.sectorEscalation.reason}` : cbdt.counted.method,
    basis: firstCitations(cbdt.citations), needsLegalReview: cbdt.needsLegalReview,
  }));
  for (const duty of cbdt.duties) {
    out.push(item({ key: `org.cbdt.duty.${duty.id}`, section: 'register', category: 'data_sovereignty', status: 'draft', title: duty.title, statement: duty.detail, basis: [duty.citation], needsLegalReview: duty.needsLegalReview }));
  }
  out.push(item({
    key: 'org.cii', section: 'register', category: 'compliance', status: cii.status === 'candidate' ? 'decision_needed' : 'draft',
    title: 'Critical information infrastructure',
    statement: cii.status === 'notified' ? 'Notified CII operator.' : cii.status === 'candidate' ? `In a CII sector (${cii.sectors.join(', ')}); designation is plausible.` : 'Not indicated as a CII operator.',
    implication: cii.obligations.length > 0 ? cii.obligations.map((obligation) => obligation.title).join('; ') : null,
    basis: firstCitations(cii.citations), needsLegalReview: cii.needsLegalReview,
  }));
  for (const duty of assessment.organisation.piVolumeDuties) {
    out.push(item({ key: `org.volume.${duty.id}`, section: 'register', category: 'compliance', status: 'draft', title: duty.title, statement: duty.detail, implication: duty.threshold, basis: [duty.citation], needsLegalReview: duty.needsLegalReview }));
  }
  for (const system of assessment.systems) out.push(...registerForSystem(system));
  for (const obligation of assessment.timeline.postLaunch) {
    out.push(item({ key: `org.post-launch.${obligation.id}`, section: 'register', category: 'operations', status: 'draft', title: obligation.title, statement: obligation.detail, basis: [obligation.citation], needsLegalReview: obligation.needsLegalReview }));
  }
  return out;
}

function guardrails(assessment: Assessment): AnnexItemDraft[] {
  const out: AnnexItemDraft[] = [];
  const { cbdt } = assessment.organisation;
  if (cbdt.mechanism !== 'none') {
    out.push(item({
      key: 'guardrail.transfer-channels', section: 'guardrail', status: 'draft', title: 'Every outbound flow has its mechanism',
      statement: `No personal information collected in the mainland leaves it (remote access included) except through a flow listed in the data-flow model, under ${MECHANISM[cbdt.mechanism]}.`,
      basis: firstCitations(cbdt.citations, 1),
    }));
  }
  const mainland = assessment.systems.filter((system) => system.hosting.recommendation === 'mainland_required');
  if (mainland.length > 0) {
    out.push(item({ key: 'guardrail.mainland-hosting', section: 'guardrail', status: 'draft', title: 'Mainland hosting is fixed', statement: `${mainland.map((system) => system.name).join(', ')} run${mainland.length === 1 ? 's' : ''} in a mainland region; designs that move them out are off the table.`, basis: firstCitations(mainland[0]!.hosting.citations, 1) }));
  }
  const icp = assessment.systems.filter((system) => system.icp.requirement !== 'none');
  if (icp.length > 0) {
    out.push(item({ key: 'guardrail.icp-before-launch', section: 'guardrail', status: 'draft', title: 'No public launch before ICP', statement: `${icp.map((system) => system.name).join(', ')} open${icp.length === 1 ? 's' : ''} to the mainland public only once the ICP ${icp.some((system) => system.icp.requirement === 'licence') ? 'licence or filing' : 'filing'} is granted.`, basis: firstCitations(icp[0]!.icp.citations, 1) }));
  }
  if (assessment.systems.some((system) => system.mlps.applies || system.hosting.recommendation === 'mainland_required')) {
    const logs = assessment.systems.flatMap((system) => system.mlps.obligations).find((obligation) => obligation.id === 'network_logs');
    out.push(item({ key: 'guardrail.logs-in-mainland', section: 'guardrail', status: 'draft', title: 'Logs stay in the mainland', statement: 'Network and security logs of mainland systems are kept in the mainland for at least six months; overseas copies are outbound flows.', basis: logs ? [logs.citation] : [] }));
  }
  if (assessment.systems.some((system) => system.mlps.level >= 3)) {
    out.push(item({ key: 'guardrail.state-cryptography', section: 'guardrail', status: 'draft', title: 'State-approved cryptography at level 3', statement: 'Systems at MLPS level 3 or above use commercial cryptography (SM2, SM3, SM4) where cryptography is required, and plan for the commercial-crypto assessment.', basis: [] }));
  }
  return out;
}

function openQuestions(assessment: Assessment): AnnexItemDraft[] {
  return assessment.openQuestions.map((question) =>
    item({
      key: `question.${question.path ?? slug(question.question)}`,
      section: 'open_question',
      status: 'open',
      title: question.question,
      statement: question.detail,
      implication: question.kind === 'legal_review' ? 'Needs legal review before the answer is relied on.' : question.kind === 'default_relied_on' ? 'The assessment relied on a default; confirm the fact.' : null,
      basis: [],
      needsLegalReview: question.kind === 'legal_review',
    }),
  );
}

function dependencies(assessment: Assessment): AnnexItemDraft[] {
  const titles = new Map(assessment.timeline.tracks.map((track) => [track.id, track.title]));
  return assessment.timeline.tracks
    .filter((track) => track.dependsOn.length > 0)
    .map((track) =>
      item({
        key: `dependency.${track.id}`,
        section: 'dependency',
        status: 'draft',
        title: track.title,
        statement: `Starts after ${track.dependsOn.map((id) => titles.get(id) ?? id).join(' and ')}; takes ${track.minMonths}-${track.maxMonths} months.`,
        implication: assessment.timeline.criticalPath.includes(track.id) ? 'On the critical path.' : null,
        basis: track.basis.slice(0, 2),
        needsLegalReview: track.needsLegalReview,
      }),
    );
}

function nextActions(assessment: Assessment, registerItems: readonly AnnexItemDraft[]): AnnexItemDraft[] {
  const out: AnnexItemDraft[] = [];
  const first = assessment.timeline.tracks.filter((track) => track.dependsOn.length === 0 && assessment.timeline.criticalPath.includes(track.id));
  for (const track of first) out.push(item({ key: `action.start.${track.id}`, section: 'next_action', status: 'open', title: `Start: ${track.title}`, statement: track.detail, implication: 'First step on the critical path.', basis: track.basis.slice(0, 1) }));
  for (const decision of registerItems.filter((entry) => entry.status === 'decision_needed')) {
    out.push(item({ key: `action.decide.${decision.key}`, section: 'next_action', status: 'open', title: `Decide: ${decision.title}`, statement: decision.statement, system: decision.system, basis: [] }));
  }
  if (assessment.openQuestions.length > 0) out.push(item({ key: 'action.answer-open-questions', section: 'next_action', status: 'open', title: 'Answer the open questions', statement: `${assessment.openQuestions.length} questions are open; each answered one tightens the assessment.`, basis: [] }));
  return out;
}

function decisions(assessment: Assessment): AnnexItemDraft[] {
  const out: AnnexItemDraft[] = [];
  const { cbdt } = assessment.organisation;
  const available = cbdt.options.filter((option) => option.available);
  if (available.length > 1) {
    out.push(item({
      key: 'decision.transfer-mechanism', section: 'decision', category: 'data_sovereignty', status: 'decision_needed', title: 'ADR: outbound transfer mechanism',
      statement: `Context: ${MECHANISM[cbdt.mechanism]}. Options: ${available.map((option) => option.title).join('; ')}. Decision: to be recorded. Consequences: to be recorded.`,
      basis: available.map((option) => option.citation), needsLegalReview: available.some((option) => option.needsLegalReview),
    }));
  }
  for (const system of assessment.systems.filter((candidate) => candidate.hosting.recommendation !== 'overseas')) {
    out.push(item({
      key: `decision.hosting.${system.id}`, section: 'decision', category: 'infrastructure', system: system.id, status: 'decision_needed', title: `ADR: hosting of ${system.name}`,
      statement: `Context: ${HOSTING[system.hosting.recommendation]}. Options: mainland cloud region, overseas with a transfer mechanism. Decision: to be recorded. Consequences: to be recorded.`,
      basis: firstCitations(system.hosting.citations, 2),
    }));
  }
  return out;
}

function diagrams(assessment: Assessment): Diagram[] {
  const systemNodes: DiagramNode[] = assessment.systems.map((system) => ({
    id: `system:${system.id}`,
    label: system.name,
    zone: system.jurisdiction.frame === 'mainland' ? 'mainland' : 'outside',
    kind: 'system',
    detail: `MLPS L${system.mlps.level} · ${ICP[system.icp.requirement]} · ${HOSTING[system.hosting.recommendation]}`,
  }));
  const users: DiagramNode = { id: 'users:mainland', label: 'Mainland users', zone: 'mainland', kind: 'users', detail: null };
  const integrations = new Map<string, DiagramNode>();
  const topologyEdges: DiagramEdge[] = [];
  for (const system of assessment.systems) {
    const node = systemNodes.find((candidate) => candidate.id === `system:${system.id}`)!;
    topologyEdges.push({ from: users.id, to: node.id, label: 'uses', crossesBorder: node.zone !== 'mainland', mechanism: null });
    for (const entry of system.localisation) {
      const id = `service:${entry.integration}`;
      const zone = entry.status === 'china_region' || entry.status === 'available' ? 'mainland' : 'outside';
      if (!integrations.has(id)) integrations.set(id, { id, label: entry.name, zone, kind: 'service', detail: entry.status.replace('_', ' ') });
      topologyEdges.push({ from: node.id, to: id, label: 'integrates', crossesBorder: zone !== node.zone, mechanism: null });
    }
  }
  const recipients = new Map<string, DiagramNode>();
  const flowEdges: DiagramEdge[] = [];
  const { cbdt } = assessment.organisation;
  for (const treatment of cbdt.transfers) {
    const recipientId = `recipient:${treatment.destination ?? 'unknown'}`;
    if (!recipients.has(recipientId)) recipients.set(recipientId, { id: recipientId, label: `Recipient in ${treatment.destination ?? 'an unstated country'}`, zone: 'outside', kind: 'recipient', detail: null });
    const from = treatment.fromSystem ? `system:${treatment.fromSystem}` : users.id;
    flowEdges.push({
      from,
      to: recipientId,
      label: `${treatment.transfer}: ${(treatment.nonSensitiveIndividuals + treatment.sensitiveIndividuals).toLocaleString('en-US')} individuals${treatment.implied ? ' (collected directly abroad)' : ''}`,
      crossesBorder: true,
      mechanism: treatment.treatment === 'exempt' ? `exempt: ${treatment.reason}` : treatment.treatment === 'counted' ? MECHANISM[cbdt.mechanism] ?? cbdt.mechanism : treatment.treatment.replaceAll('_', ' '),
    });
  }
  return [
    { id: 'topology', title: 'In-China infrastructure topology', state: 'draft', owner: 'Landfall (derived)', nodes: [users, ...systemNodes, ...integrations.values()], edges: topologyEdges },
    { id: 'data_flow', title: 'Cross-border data-flow model', state: 'draft', owner: 'Landfall (derived)', nodes: [users, ...systemNodes, ...recipients.values()], edges: flowEdges },
  ];
}

/** Confidence from how much rests on defaults and on facts needing legal review. */
function confidence(assessment: Assessment): { rating: ConfidenceRating; reason: string } {
  const defaults = assessment.openQuestions.filter((question) => question.kind === 'default_relied_on').length;
  const review = assessment.openQuestions.filter((question) => question.kind === 'legal_review').length;
  const score = defaults + 2 * review;
  const rating: ConfidenceRating = score === 0 ? 'High' : score <= 3 ? 'Medium-High' : score <= 8 ? 'Medium' : score <= 15 ? 'Low-Medium' : 'Low';
  return { rating, reason: `${defaults} answer${defaults === 1 ? '' : 's'} rest on defaults and ${review} on points flagged for legal review (each counted twice); ${score === 0 ? 'nothing' : 'these'} to confirm before the annex is final.` };
}

export function deriveAnnex(assessment: Assessment): DerivedAnnex {
  const registerItems = register(assessment);
  const items = [...registerItems, ...guardrails(assessment), ...openQuestions(assessment), ...dependencies(assessment), ...nextActions(assessment, registerItems), ...decisions(assessment)];
  const seen = new Set<string>();
  const unique = items.filter((entry) => (seen.has(entry.key) ? false : (seen.add(entry.key), true)));
  const unresolved = unique.filter((entry) => entry.status === 'decision_needed' || entry.status === 'open').length;
  return {
    title: `China architecture annex: ${assessment.profile.organisation}`,
    organisation: assessment.profile.organisation,
    asOf: assessment.asOf,
    framing: {
      why: 'Mainland law decides where data may live, how it may leave, which licences the service needs and which security grade each system must meet; the architecture has to be right about all four before build starts.',
      informs: 'Hosting and region choice, the transfer mechanism and its paperwork, the ICP and MLPS workstreams, the vendor stack in the mainland, and the project timeline.',
      unresolved: `${unresolved} items need a decision or an answer; they are listed under open questions, decisions and next actions.`,
    },
    items: unique,
    diagrams: diagrams(assessment),
    confidence: confidence(assessment),
  };
}
