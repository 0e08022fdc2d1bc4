// The annex's three diagrams, derived from the assessment: the current setup as the profile
// describes it, the proposed target architecture the determinations lead to, and the data-flow
// model (each cross-border flow with its channel, legal basis and approval). Pure.
//
// The target follows the determinations and the annex's recommendations: a system whose hosting
// determination is mainland_required or mainland_recommended is drawn in a mainland cloud region,
// never overseas; its public traffic enters through the ICP-filed domain and a mainland CDN when
// it needs an ICP filing or licence; integrations that do not work in the mainland are replaced by
// the alternatives the content names; and the listed outbound flows leave through one integration
// gateway (the recommendation of the "Minimum cross-border integration" decision).
import type { Assessment, CitationOut, SystemAssessment } from '../assess/assessment-schema.ts';
import { HOSTING, MECHANISM, englishWords, hostingIn, icpIn, mechanismIn, namer, type Words } from './annex-text.ts';
import type { Diagram, DiagramEdge, DiagramNode, FlowApproval } from './annex-types.ts';
import { findBy } from '../list-lookup.ts';

type Treatment = Assessment['organisation']['cbdt']['transfers'][number];
type Localisation = SystemAssessment['localisation'][number];

/** The role the diagrams are owned by: kept in English (the stored value), named in the reader's language by the renderers. */
const OWNER = 'Landfall (derived)';
const usersNode = (w: Words): DiagramNode => ({ id: 'users:mainland', label: w('diagram.users', 'Mainland users'), zone: 'mainland', kind: 'users', detail: null });
const STATUS: Record<Localisation['status'], string> = {
  available: 'works in the mainland', degraded: 'degraded in the mainland', unavailable: 'unavailable in the mainland',
  china_region: 'has a China region', restricted: 'restricted in the mainland', unknown: 'mainland availability unknown',
};
const statusIn = (w: Words, status: Localisation['status']) => w(`diagram.status.${status}`, STATUS[status]);
const HOSTED: Record<string, string> = { overseas: 'hosted overseas', mainland: 'hosted in the mainland', hong_kong: 'hosted in Hong Kong', macau: 'hosted in Macau', taiwan: 'hosted in Taiwan' };
const hostedIn = (w: Words, hosting: string) => (HOSTED[hosting] ? w(`diagram.hosted.${hosting}`, HOSTED[hosting]) : hosting);

/** Whether the determinations put a system in the mainland: required, or recommended and so proposed. */
export const isMainlandBound = (system: SystemAssessment) => system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended';

const shortCitation = (citation: CitationOut, w: Words = englishWords) => (citation.article ? w('diagram.citation', `${citation.title} Art. ${citation.article}`, { title: citation.title, article: citation.article }) : citation.title);
const uniqueText = (texts: readonly string[]) => [...new Set(texts)];
/** A few names and how many more, so a profile of a thousand systems does not make one box a thousand names long. */
const someNames = (names: readonly string[], shown = 4, w: Words = englishWords) => {
  const separator = w.english ? ', ' : '、';
  if (names.length <= shown) return names.join(separator);
  return w('diagram.someNames', `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`, { names: names.slice(0, shown).join(separator), more: String(names.length - shown) });
};

export function diagrams(assessment: Assessment, w: Words = englishWords): Diagram[] {
  return [currentSetup(assessment, w), targetArchitecture(assessment, w), dataFlows(assessment, w)];
}

/** Where each system runs today and what it integrates with (the profile's picture). */
function currentSetup(assessment: Assessment, w: Words): Diagram {
  const USERS = usersNode(w);
  const nodes: DiagramNode[] = [USERS];
  const edges: DiagramEdge[] = [];
  const services = new Map<string, DiagramNode>();
  for (const system of assessment.systems) {
    const zone = system.jurisdiction.frame === 'mainland' ? 'mainland' : 'outside';
    const moves = zone === 'outside' && isMainlandBound(system);
    nodes.push({
      id: `system:${system.id}`, label: system.name, zone, kind: 'system',
      detail: w('diagram.current.detail', `${HOSTED[system.jurisdiction.hosting] ?? system.jurisdiction.hosting}; MLPS L${system.mlps.level}; ${moves ? `${HOSTING[system.hosting.recommendation]}: moves in the target` : HOSTING[system.hosting.recommendation]}`, { hosted: hostedIn(w, system.jurisdiction.hosting), level: String(system.mlps.level), hosting: hostingIn(w, system.hosting.recommendation), moves: moves ? 'yes' : 'no' }),
    });
    edges.push({ from: USERS.id, to: `system:${system.id}`, label: w('diagram.edge.uses', 'uses'), crossesBorder: zone !== 'mainland', mechanism: null });
    for (const entry of system.localisation) {
      // A service with a China region runs there only for a system already in the mainland; the
      // global service is what an overseas system uses today.
      const serviceZone = entry.status === 'available' || (entry.status === 'china_region' && zone === 'mainland') ? 'mainland' : 'outside';
      const id = `service:${entry.integration}:${serviceZone}`;
      if (!services.has(id)) services.set(id, { id, label: entry.name, zone: serviceZone, kind: 'service', detail: statusIn(w, entry.status) });
      edges.push({ from: `system:${system.id}`, to: id, label: w('diagram.edge.integrates', 'integrates'), crossesBorder: serviceZone !== zone, mechanism: null });
    }
  }
  return {
    id: 'topology', title: w('diagram.topology.title', 'Current setup'), state: 'draft', owner: OWNER,
    caption: w('diagram.topology.caption', 'Where each system runs today and the services it uses, as the profile describes them.'),
    nodes: [...nodes, ...services.values()], edges,
  };
}

/** What replaces an integration for a system in the mainland. */
function mainlandService(entry: Localisation, w: Words): { id: string; label: string; detail: string } {
  const name = entry.name;
  if (entry.status === 'available') return { id: `service:${entry.integration}`, label: entry.name, detail: w('diagram.service.asIs', 'works in the mainland as it is') };
  if (entry.status === 'china_region') return { id: `service:${entry.integration}:china`, label: entry.alternativeNames[0] ?? w('diagram.service.chinaRegionLabel', `${entry.name} (China region)`, { name }), detail: w('diagram.service.chinaRegion', `the China region of ${entry.name}`, { name }) };
  const alternative = entry.alternatives[0];
  if (alternative) return { id: `service:${alternative}`, label: entry.alternativeNames[0] ?? alternative, detail: w('diagram.service.replaces', `replaces ${entry.name}`, { name }) };
  return { id: `service:${entry.integration}:to-choose`, label: w('diagram.service.toChoose', `Mainland replacement for ${entry.name}`, { name }), detail: w('diagram.service.noAlternative', `${STATUS[entry.status]}; no alternative known yet`, { status: statusIn(w, entry.status) }) };
}

function recipientOf(treatment: Treatment, w: Words): DiagramNode {
  const where = treatment.destination ?? w('diagram.recipient.unstated', 'an unstated country');
  const name = treatment.recipient?.trim();
  return {
    id: `recipient:${name ?? ''}@${treatment.destination ?? 'unknown'}`,
    label: name ? w('diagram.recipient.named', `${name} (${where})`, { name, where }) : w('diagram.recipient.unnamed', `Recipient in ${where}`, { where }),
    zone: 'outside', kind: 'recipient', detail: null,
  };
}

/** The proposed target: mainland region, ICP entry and CDN, mainland services, the gateway, and what stays global. */
function targetArchitecture(assessment: Assessment, w: Words): Diagram {
  const USERS = usersNode(w);
  const names = namer(assessment);
  const nodes = new Map<string, DiagramNode>([[USERS.id, USERS]]);
  const edges: DiagramEdge[] = [];
  const add = (node: DiagramNode) => {
    const known = nodes.get(node.id);
    if (!known) nodes.set(node.id, node);
    return known ?? node;
  };
  const merged = new Map<DiagramEdge, string[]>();
  // The edges by their ends, so that a diagram of many systems is not searched edge by edge for each new one.
  const byEnds = new Map<string, Map<string, DiagramEdge>>();
  const connect = (edge: DiagramEdge) => {
    let from = byEnds.get(edge.from);
    if (!from) {
      from = new Map();
      byEnds.set(edge.from, from);
    }
    const known = from.get(edge.to);
    if (!known) {
      edges.push(edge);
      from.set(edge.to, edge);
    }
    // Several flows to one recipient share the gateway's edge, which names them all.
    else if (edge.crossesBorder) {
      let flows = merged.get(known);
      if (!flows) {
        flows = [known.label];
        merged.set(known, flows);
      }
      flows.push(edge.label);
      known.label = someNames(flows, 3, w);
    }
  };
  const { cbdt } = assessment.organisation;
  const zoneOf = (system: SystemAssessment) => (isMainlandBound(system) || system.jurisdiction.frame === 'mainland' ? 'mainland' : 'outside');
  const mainlandSystems = assessment.systems.filter((system) => zoneOf(system) === 'mainland');
  const icpSystems = mainlandSystems.filter((system) => system.icp.requirement !== 'none');

  if (icpSystems.length > 0) {
    const byRequirement = (requirement: 'filing' | 'licence') => icpSystems.filter((system) => system.icp.requirement === requirement).map((system) => system.name);
    const parts = (['filing', 'licence'] as const).filter((requirement) => byRequirement(requirement).length > 0).map((requirement) => `${icpIn(w, requirement)}${w.english ? ': ' : '：'}${someNames(byRequirement(requirement), 4, w)}`);
    // Mainland users reach these systems through the entry; the users box stays for systems they reach directly.
    add({ id: 'entry:icp-cdn', label: w('diagram.entry', 'Mainland users via the ICP-filed domain and a mainland CDN'), zone: 'mainland', kind: 'entry', detail: parts.join(w.english ? '; ' : '；') });
    nodes.delete(USERS.id);
  }

  for (const system of assessment.systems) {
    const zone = zoneOf(system);
    const id = `system:${system.id}`;
    const where = zone === 'mainland'
      ? system.jurisdiction.frame === 'mainland' ? w('diagram.where.mainland', 'mainland cloud region') : w('diagram.where.moves', 'moves to a mainland cloud region')
      : w('diagram.where.global', 'stays on the global platform');
    add({ id, label: system.name, zone, kind: 'system', detail: w('diagram.target.detail', `${where}; MLPS L${system.mlps.level}; ${HOSTING[system.hosting.recommendation]}`, { where, level: String(system.mlps.level), hosting: hostingIn(w, system.hosting.recommendation) }), group: zone === 'mainland' ? 'region' : null });
    if (zone === 'mainland' && system.icp.requirement !== 'none') connect({ from: 'entry:icp-cdn', to: id, label: w('diagram.edge.serves', 'serves'), crossesBorder: false, mechanism: null });
    else {
      add(USERS);
      connect({ from: USERS.id, to: id, label: w('diagram.edge.uses', 'uses'), crossesBorder: zone !== 'mainland', mechanism: zone === 'outside' ? mechanismIn(w, cbdt.mechanism) : null });
    }
    for (const entry of system.localisation) {
      if (zone === 'outside') {
        const service = add({ id: `service:${entry.integration}:global`, label: entry.name, zone: 'outside', kind: 'service', detail: w('diagram.service.global', 'stays global') });
        connect({ from: id, to: service.id, label: w('diagram.edge.integrates', 'integrates'), crossesBorder: false, mechanism: null });
        continue;
      }
      const replacement = mainlandService(entry, w);
      const service = add({ id: replacement.id, label: replacement.label, zone: 'mainland', kind: 'service', detail: replacement.detail });
      if (service.detail !== replacement.detail && service.detail && !service.detail.includes(entry.name)) service.detail = `${service.detail}${w.english ? ', ' : '、'}${entry.name}`;
      connect({ from: id, to: service.id, label: w('diagram.edge.integrates', 'integrates'), crossesBorder: false, mechanism: null });
    }
  }

  // The listed outbound flows leave through one gateway in the mainland; flows from systems that
  // stay global go straight to their recipient.
  const outbound = cbdt.transfers.filter((transfer) => transfer.treatment !== 'out_of_scope' && !transfer.implied);
  const fromMainland = outbound.filter((transfer) => {
    const system = findBy(assessment.systems, 'id', transfer.fromSystem);
    return !system || zoneOf(system) === 'mainland';
  });
  if (fromMainland.length > 0) {
    add({ id: 'gateway:cross-border', label: w('diagram.gateway', 'Cross-border integration gateway'), zone: 'mainland', kind: 'gateway', detail: w('diagram.gateway.detail', 'the only way out: logs and limits what leaves, remote access included') });
  }
  const received = new Map<string, string[]>();
  for (const transfer of outbound) {
    const recipient = add(recipientOf(transfer, w));
    const system = findBy(assessment.systems, 'id', transfer.fromSystem);
    // A handler-wide transfer (no source system) leaves from the users' data as a whole.
    const source = system ? `system:${system.id}` : add(USERS).id;
    const viaGateway = !system || zoneOf(system) === 'mainland';
    const flowName = names.transfer(transfer.transfer);
    let flows = received.get(recipient.id);
    if (!flows) {
      flows = [];
      received.set(recipient.id, flows);
    }
    flows.push(flowName);
    recipient.detail = w('diagram.recipient.receives', `receives ${someNames(flows, 3)}`, { flows: someNames(flows, 3, w) });
    if (viaGateway) {
      connect({ from: source, to: 'gateway:cross-border', label: names.transfer(transfer.transfer), crossesBorder: false, mechanism: null });
      connect({ from: 'gateway:cross-border', to: recipient.id, label: names.transfer(transfer.transfer), crossesBorder: true, mechanism: flowBasis(assessment, transfer, w).mechanism });
    } else {
      connect({ from: source, to: recipient.id, label: names.transfer(transfer.transfer), crossesBorder: false, mechanism: null });
    }
  }
  return {
    id: 'target', title: w('diagram.target.title', 'Proposed target architecture'), state: 'draft', owner: OWNER,
    caption: mainlandSystems.length > 0
      ? assessment.systems.length > mainlandSystems.length
        ? w('diagram.target.captionSplit', `Derived from the determinations: ${someNames(mainlandSystems.map((system) => system.name))} in a mainland cloud region; ${someNames(assessment.systems.filter((system) => zoneOf(system) === 'outside').map((system) => system.name))} stay${assessment.systems.length - mainlandSystems.length === 1 ? 's' : ''} global.`, { mainland: someNames(mainlandSystems.map((system) => system.name), 4, w), global: someNames(assessment.systems.filter((system) => zoneOf(system) === 'outside').map((system) => system.name), 4, w) })
        : w('diagram.target.captionMainland', `Derived from the determinations: ${someNames(mainlandSystems.map((system) => system.name))} in a mainland cloud region.`, { mainland: someNames(mainlandSystems.map((system) => system.name), 4, w) })
      : w('diagram.target.captionGlobal', 'Derived from the determinations: no system needs mainland hosting, so the global platform serves the mainland under the transfer mechanism.'),
    nodes: [...nodes.values()], edges,
    groups: mainlandSystems.length > 0 ? { region: w('diagram.region', 'Mainland cloud region') } : {},
  };
}

/** A flow's legal basis, the mechanism in words, and the approval it needs before it runs. */
function flowBasis(assessment: Assessment, treatment: Treatment, w: Words): { mechanism: string; basis: string; approval: FlowApproval } {
  const { cbdt } = assessment.organisation;
  const available = cbdt.options.filter((option) => option.available);
  const pipl = cbdt.citations.find((citation) => citation.instrument === 'cn.pipl' && citation.article === '38');
  const withCitations = (text: string, citations: ReadonlyArray<CitationOut | undefined>) => {
    const cited = uniqueText(citations.filter((citation): citation is CitationOut => citation != null).map((citation) => shortCitation(citation, w)));
    return cited.length > 0 ? (w.english ? `${text} (${cited.join('; ')})` : `${text}（${cited.join('；')}）`) : text;
  };
  const reason = treatment.reason.replace(/[.。]$/, '');
  if (treatment.treatment === 'exempt') {
    return { mechanism: w('flow.exempt.mechanism', `exempt: ${treatment.reason}`, { reason: treatment.reason }), basis: withCitations(w('flow.exempt.basis', `Exempt: ${reason}`, { reason }), [treatment.citation]), approval: { status: 'not_needed', needed: w('flow.exempt.approval', 'No filing or approval; keep the records that show the exemption applies') } };
  }
  if (treatment.treatment === 'out_of_scope') {
    return { mechanism: w('flow.outOfScope.mechanism', 'out of scope'), basis: withCitations(w('flow.outOfScope.basis', `Out of scope: ${reason}`, { reason }), [treatment.citation]), approval: { status: 'not_needed', needed: w('flow.outOfScope.approval', 'None') } };
  }
  const assessmentOption = cbdt.options.find((option) => option.id === 'security_assessment');
  if (treatment.treatment === 'assessment_required' || cbdt.mechanism === 'security_assessment') {
    const mechanism = mechanismIn(w, 'security_assessment');
    return {
      mechanism,
      basis: withCitations(treatment.treatment === 'assessment_required' ? w('flow.assessment.basisReason', `${MECHANISM.security_assessment}: ${reason}`, { mechanism, reason }) : mechanism, [pipl, treatment.citation, assessmentOption?.citation]),
      approval: { status: 'pending', needed: w('flow.assessment.approval', `${assessmentOption?.title ?? MECHANISM.security_assessment} passed before the transfer starts`, { option: assessmentOption?.title ?? mechanism }) },
    };
  }
  if (cbdt.mechanism === 'standard_contract_or_certification') {
    const mechanism = mechanismIn(w, 'standard_contract_or_certification');
    return {
      mechanism,
      basis: withCitations(mechanism.replace(/^./, (char) => char.toUpperCase()), [pipl, ...available.map((option) => option.citation)]),
      approval: { status: 'pending', needed: available.length > 0 ? available.map((option) => option.title).join(w.english ? ', or ' : '，或') : mechanism },
    };
  }
  // Counted, but below every threshold: no mechanism is needed at these volumes.
  const mechanism = mechanismIn(w, cbdt.mechanism);
  return {
    mechanism,
    basis: withCitations(w('flow.belowThreshold.basis', `No mechanism at the counted volumes (${MECHANISM[cbdt.mechanism]})`, { mechanism }), [cbdt.citations.find((citation) => citation.instrument === cbdt.regime.id && citation.article != null)]),
    approval: { status: 'not_needed', needed: w('flow.belowThreshold.approval', 'No filing or approval at these volumes; notice, consent and the PIPIA still apply') },
  };
}

/** Each outbound flow: where it leaves from, to whom, by which channel, under which basis, with which approval. */
function dataFlows(assessment: Assessment, w: Words): Diagram {
  const USERS = usersNode(w);
  const names = namer(assessment);
  const nodes = new Map<string, DiagramNode>();
  const edges: DiagramEdge[] = [];
  const { cbdt } = assessment.organisation;
  cbdt.transfers.forEach((treatment, index) => {
    const system = findBy(assessment.systems, 'id', treatment.fromSystem);
    const hostedAbroad = system != null && !isMainlandBound(system) && system.jurisdiction.frame !== 'mainland';
    const keep = (node: DiagramNode) => nodes.get(node.id) ?? (nodes.set(node.id, node), node);
    let from: string;
    let to: string;
    if (system && (treatment.implied || hostedAbroad)) {
      // A system that stays abroad collects the data there: the flow leaves from the users themselves.
      from = keep(USERS).id;
      to = keep({ id: `system:${system.id}`, label: system.name, zone: 'outside', kind: 'system', detail: HOSTED[system.jurisdiction.hosting] ? hostedIn(w, system.jurisdiction.hosting) : null }).id;
    } else {
      from = system ? keep({ id: `system:${system.id}`, label: system.name, zone: 'mainland', kind: 'system', detail: null }).id : keep(USERS).id;
      to = keep(recipientOf(treatment, w)).id;
    }
    const individuals = treatment.nonSensitiveIndividuals + treatment.sensitiveIndividuals;
    const { mechanism, basis, approval } = flowBasis(assessment, treatment, w);
    const flow = treatment.implied ? w('flow.collection', `Collection into ${system?.name ?? 'a system abroad'}`, { system: system?.name ?? w('flow.systemAbroad', 'a system abroad') }) : names.transfer(treatment.transfer);
    const counted = individuals.toLocaleString('en-US');
    const sensitive = treatment.sensitiveIndividuals.toLocaleString('en-US');
    edges.push({
      from, to, ref: `F${index + 1}`,
      label: treatment.sensitiveIndividuals > 0
        ? w('flow.labelSensitive', `${flow}: ${counted} individuals (${sensitive} with sensitive PI)`, { flow, counted, sensitive })
        : w('flow.label', `${flow}: ${counted} individuals`, { flow, counted }),
      crossesBorder: true, mechanism,
      channel: treatment.implied || hostedAbroad ? w('flow.channel.collected', 'Collected into a system hosted abroad') : treatment.remoteAccess ? w('flow.channel.remote', 'Remote access from abroad') : w('flow.channel.transmission', 'Transmission abroad'),
      basis, approval,
    });
  });
  return {
    id: 'data_flow', title: w('diagram.dataFlow.title', 'Cross-border data-flow model'), state: 'draft', owner: OWNER,
    caption: edges.length > 0 ? w('diagram.dataFlow.caption', 'Each outbound flow of mainland personal information with its channel, legal basis and approval; the table below lists the same flows.') : w('diagram.dataFlow.none', 'No outbound flow of mainland personal information.'),
    nodes: [...nodes.values()], edges,
  };
}
