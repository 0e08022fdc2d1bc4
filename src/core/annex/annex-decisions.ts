// The decisions the annex supports, as architecture decision records: context, the options the
// determinations leave legally open (an option they exclude is never offered, only named with the
// reason it is ruled out), the consequences of each, a recommendation with its reason, and a
// status (proposed until a person accepts or supersedes it).
import type { Assessment, CitationOut, SystemAssessment } from '../assess/assessment-schema.ts';
import type { Say } from '../assess/explanation.ts';
import type { Integration } from '../law/content-schema.ts';
import { addMonths } from '../law/dates.ts';
import type { AnnexItemDraft, DecisionRecord } from './annex-types.ts';
import { HOSTING, ICP, MECHANISM, hostingIn, icpIn, item, listIn, mechanismIn, namer, wordsOf, type Words } from './annex-text.ts';

export interface AnnexKnowledge {
  /** The annex's own words in the assessment's language (content/messages/<locale>/annex.yaml); English when absent. */
  say?: Say;
  /** The integrations the content knows (content/knowledge/integrations.yaml); cloud providers are read from it. */
  integrations?: ReadonlyMap<string, Integration>;
}

const months = (min: number, max: number) => (min === max ? `${min} months` : `${min}-${max} months`);
const list = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

function record(w: Words, key: string, title: string, adr: DecisionRecord, extra: Partial<AnnexItemDraft> & { basis: CitationOut[] }): AnnexItemDraft {
  return item({
    key, section: 'decision', status: 'proposed', title,
    statement: w('decision.recommended', `Recommended: ${adr.recommendation.option}. ${adr.recommendation.reason}`, { option: adr.recommendation.option, reason: adr.recommendation.reason }),
    implication: adr.context, decision: adr, owner: 'Consultant', ...extra,
  });
}

export function decisions(assessment: Assessment, knowledge: AnnexKnowledge = {}): AnnexItemDraft[] {
  const w = wordsOf(knowledge.say);
  const monthsIn = (min: number, max: number) => (w.english ? months(min, max) : w('decision.months', '', { months: min === max ? `${min}` : `${min}-${max}` }));
  const listOf = (values: readonly string[]) => (w.english ? list(values) : listIn(w, values));
  const stays = (count: number) => (count === 1 ? 's' : '');
  const names = namer(assessment);
  const { timeline } = assessment;
  const trackStart = (id: string) => {
    const track = timeline.tracks.find((candidate) => candidate.id === id);
    return track ? addMonths(timeline.start, track.startMonths.min) : timeline.start;
  };
  const out: AnnexItemDraft[] = [];
  const required = assessment.systems.filter((system) => system.hosting.recommendation === 'mainland_required');
  const recommended = assessment.systems.filter((system) => system.hosting.recommendation === 'mainland_recommended');
  const overseasCapable = assessment.systems.filter((system) => system.hosting.recommendation === 'overseas' || system.hosting.recommendation === 'overseas_with_transfer_mechanism');
  const mainlandBound = [...required, ...recommended];
  const entity = timeline.tracks.find((track) => track.id === 'entity');
  const hostingTrack = timeline.tracks.find((track) => track.id === 'hosting');
  const nameList = (systems: readonly SystemAssessment[]) => listOf(systems.map((system) => system.name));
  const mechanism = mechanismIn(w, assessment.organisation.cbdt.mechanism);
  const hostingBasis = (systems: readonly SystemAssessment[]) => systems.flatMap((system) => system.hosting.citations.slice(0, 1)).slice(0, 2);

  // 1. China as a parallel track or an overlay on the global platform.
  if (assessment.systems.length > 0) {
    const parallel = {
      title: w('decision.track.parallel', 'Parallel track: a separate mainland deployment'),
      consequences: w('decision.track.parallelConsequences', `The systems run in a mainland cloud region under the mainland entity, with their own accounts, release train and China-local vendors, joined to the global platform only by the flows in the data-flow model. A second environment to run and keep in step; ${hostingTrack ? `standing it up takes ${months(hostingTrack.minMonths, hostingTrack.maxMonths)}` : 'it needs mainland cloud accounts'}${entity ? ` after the entity (${months(entity.minMonths, entity.maxMonths)})` : ''}. Transfers shrink to the listed flows.`, {
        hosting: hostingTrack ? monthsIn(hostingTrack.minMonths, hostingTrack.maxMonths) : 'none', entity: entity ? monthsIn(entity.minMonths, entity.maxMonths) : 'none',
      }),
    };
    const overlay = {
      title: w('decision.track.overlay', 'Overlay: the global deployment serves the mainland'),
      consequences: w('decision.track.overlayConsequences', `One deployment, with China-specific changes layered on (vendors that work in the mainland, the transfer mechanism for what is collected: ${MECHANISM[assessment.organisation.cbdt.mechanism]}). Every mainland user's data is collected abroad and counts towards the route; cross-border latency and reliability stay product risks.`, { mechanism }),
    };
    const options: DecisionRecord['options'] = [];
    const ruledOut: DecisionRecord['ruledOut'] = [];
    let recommendation: DecisionRecord['recommendation'];
    if (required.length > 0 && overseasCapable.length > 0) {
      options.push({
        title: w('decision.track.hybrid', `Hybrid: a mainland track for ${nameList(required)}; ${nameList(overseasCapable)} stay${stays(overseasCapable.length)} on the global deployment`, { required: nameList(required), overseas: nameList(overseasCapable) }),
        consequences: w('decision.track.hybridConsequences', `${parallel.consequences} ${nameList(overseasCapable)} keep${stays(overseasCapable.length)} the global deployment under the transfer mechanism.`, { parallel: parallel.consequences, overseas: nameList(overseasCapable) }),
      });
      options.push(parallel);
      ruledOut.push({ title: w('decision.track.overlayEvery', 'Overlay for every system'), reason: w('decision.track.requiredFor', `mainland hosting is required for ${nameList(required)}`, { systems: nameList(required) }) });
      recommendation = { option: options[0]!.title, reason: w('decision.track.hybridReason', `Mainland hosting is required for ${nameList(required)} only; the rest can stay where it is, so the mainland track is kept as small as the law allows.`, { systems: nameList(required) }) };
    } else if (required.length > 0) {
      options.push(parallel);
      ruledOut.push({ title: w('decision.track.overlayGlobal', 'Overlay on the global deployment'), reason: w('decision.track.requiredFor', `mainland hosting is required for ${nameList(required)}`, { systems: nameList(required) }) });
      recommendation = { option: parallel.title, reason: w('decision.track.onlyOption', `It is the only option the determinations leave open: mainland hosting is required for ${nameList(required)}.`, { systems: nameList(required) }) };
    } else if (recommended.length > 0) {
      options.push(parallel, overlay);
      recommendation = { option: parallel.title, reason: w('decision.track.recommendedReason', `Mainland hosting is recommended for ${nameList(recommended)}: above the assessment thresholds or near a CII sector, a mainland region is usually simpler to run than overseas hosting with transfer compliance.`, { systems: nameList(recommended) }) };
    } else {
      options.push(overlay, parallel);
      recommendation = { option: overlay.title, reason: w('decision.track.overlayReason', 'No determination calls for mainland hosting, so the overlay meets the law without a second environment; revisit if volumes grow towards the next threshold.') };
    }
    out.push(record(w, 'decision.china-track', w('decision.track.title', 'China as a parallel track or an overlay'), {
      context: w('decision.track.context', `Hosting: ${assessment.systems.map((system) => `${system.name} ${HOSTING[system.hosting.recommendation]}`).join('; ')}. Transfer route: ${MECHANISM[assessment.organisation.cbdt.mechanism]}.`, { hosting: assessment.systems.map((system) => `${system.name}：${hostingIn(w, system.hosting.recommendation)}`).join('；'), route: mechanism }),
      options, ruledOut, recommendation,
    }, { basis: hostingBasis(assessment.systems), systems: assessment.systems.map((system) => system.id), due: timeline.start, category: 'infrastructure' }));
  }

  // 2. Hosting region and cloud provider, for the systems bound for the mainland.
  const hostingSubjects = mainlandBound.length > 0 ? mainlandBound : assessment.systems.filter((system) => system.hosting.recommendation === 'overseas_with_transfer_mechanism');
  if (hostingSubjects.length > 0) {
    const providers = cloudProviders(assessment, knowledge, w);
    const icpSystems = hostingSubjects.filter((system) => system.icp.requirement !== 'none');
    const icpNote = icpSystems.length > 0 ? w('decision.hosting.icpNote', ` Public content of ${nameList(icpSystems)} served from it needs the ${list([...new Set(icpSystems.map((system) => ICP[system.icp.requirement]))])}, made through the provider as access provider.`, { systems: nameList(icpSystems), icp: listOf([...new Set(icpSystems.map((system) => icpIn(w, system.icp.requirement)))]) }) : '';
    const graded = hostingSubjects.map((system) => (w.english ? `${system.name} level ${system.mlps.level}${system.mlps.gaps?.extensions.includes('cloud') ? ' with the cloud-computing extension' : ''}` : w('decision.hosting.graded', '', { name: system.name, level: String(system.mlps.level), cloud: system.mlps.gaps?.extensions.includes('cloud') ? 'yes' : 'no' })));
    const mlpsNote = w('decision.hosting.mlpsNote', ` Systems on it are graded and assessed as mainland networks (${graded.join('; ')}).`, { systems: graded.join('；') });
    const options: DecisionRecord['options'] = providers.map((provider) => ({ title: provider.name, consequences: `${provider.fact}${mlpsNote}${icpNote}` }));
    const ruledOut: DecisionRecord['ruledOut'] = [];
    if (mainlandBound.length === 0) {
      options.unshift({ title: w('decision.hosting.stay', 'Stay in the current overseas region'), consequences: w('decision.hosting.stayConsequences', `Allowed with the transfer mechanism (${MECHANISM[assessment.organisation.cbdt.mechanism]}); cross-border reliability stays a product risk.`, { mechanism }) });
    }
    for (const gap of providers.ruledOut) ruledOut.push(gap);
    const current = providers.find((provider) => provider.current);
    const domestic = providers.filter((provider) => provider.domestic).map((provider) => provider.name);
    const recommendation = mainlandBound.length === 0
      ? { option: options[0]!.title, reason: w('decision.hosting.stayReason', 'No determination calls for mainland hosting; a mainland region is worth it only if mainland users suffer from latency.') }
      : current
        ? { option: current.name, reason: w('decision.hosting.currentReason', 'It keeps the provider the team already runs, though its mainland offering is a separate account with its own catalogue: check that the services the systems use are offered there.') }
        : { option: w('decision.hosting.domestic', `A mainland region of a domestic cloud (${list(domestic) || 'to be chosen'})`, { clouds: listOf(domestic) || w('decision.hosting.toChoose', 'to be chosen') }), reason: w('decision.hosting.domesticReason', 'The current stack has no mainland-operated offering; choose among the domestic clouds on service catalogue, price and the assessor\'s familiarity, and pick the region nearest the users.') };
    out.push(record(w, 'decision.hosting-provider', w('decision.hosting.title', 'Hosting region and cloud provider'), {
      context: w('decision.hosting.context', `${nameList(hostingSubjects)}: ${list([...new Set(hostingSubjects.map((system) => HOSTING[system.hosting.recommendation]))])}.${mainlandBound.length > 0 && entity ? ' Mainland cloud accounts are opened by the mainland entity, which is not formed yet.' : ''}`, { systems: nameList(hostingSubjects), hosting: listOf([...new Set(hostingSubjects.map((system) => hostingIn(w, system.hosting.recommendation)))]), entity: mainlandBound.length > 0 && entity ? 'yes' : 'no' }),
      options, ruledOut, recommendation,
    }, { basis: hostingBasis(hostingSubjects), systems: hostingSubjects.map((system) => system.id), due: trackStart('hosting'), category: 'infrastructure' }));
  }

  // 3. The transfer mechanism.
  const { cbdt } = assessment.organisation;
  if (cbdt.mechanism !== 'none') {
    const available = cbdt.options.filter((option) => option.available);
    const excluded = cbdt.options.filter((option) => !option.available);
    const track = timeline.tracks.find((candidate) => candidate.id === 'transfer');
    const options: DecisionRecord['options'] = available.map((option) => ({ title: option.title, consequences: `${names.prose(option.detail)}${track && (option.id === 'security_assessment' || option.id === 'standard_contract') ? (w.english ? ` ${track.title}: ${months(track.minMonths, track.maxMonths)}.` : `${track.title}：${monthsIn(track.minMonths, track.maxMonths)}。`) : ''}` }));
    const rely = w('decision.transfer.rely', 'Rely on the exemption');
    const exemptions = cbdt.exemptions.map((exemption) => `${names.transfer(exemption.transfer)}${w.english ? ': ' : '：'}${names.prose(exemption.basis)}`).join(w.english ? '; ' : '；');
    if (cbdt.mechanism === 'exempt') options.push({ title: rely, consequences: w('decision.transfer.relyConsequences', `${exemptions || 'No mechanism is needed'}. Notice, separate consent (or another lawful basis) and the PIPIA still apply.`, { exemptions: exemptions || w('decision.transfer.noMechanism', 'No mechanism is needed') }) });
    if (options.length > 0) {
      const standard = available.find((option) => option.id === 'standard_contract');
      const recommendation = cbdt.mechanism === 'security_assessment'
        ? { option: options[0]!.title, reason: w('decision.transfer.assessmentReason', 'The determinations leave only the security assessment; start the self-assessment now, as it is on the way to every mainland flow.') }
        : cbdt.mechanism === 'exempt'
          ? { option: rely, reason: w('decision.transfer.exemptReason', 'No mechanism is required for these transfers; keep the records that show each stays within its exempt scenario.') }
          : standard
            ? { option: standard.title, reason: w('decision.transfer.standardReason', 'It follows a published contract and a filing with set review periods, so it fits the plan best; certification depends on a certification body\'s schedule.') }
            : { option: options[0]!.title, reason: w('decision.transfer.openReason', 'It is the route the determinations leave open.') };
      out.push(record(w, 'decision.transfer-mechanism', w('decision.transfer.title', 'Outbound transfer mechanism'), {
        context: w('decision.transfer.context', `Route: ${MECHANISM[cbdt.mechanism]} (${cbdt.regime.title}); ${cbdt.counted.nonSensitiveIndividuals.toLocaleString('en-US')} individuals counted, ${cbdt.counted.sensitiveIndividuals.toLocaleString('en-US')} with sensitive PI.`, { route: mechanismIn(w, cbdt.mechanism), regime: cbdt.regime.title, counted: cbdt.counted.nonSensitiveIndividuals.toLocaleString('en-US'), sensitive: cbdt.counted.sensitiveIndividuals.toLocaleString('en-US') }),
        options, ruledOut: excluded.map((option) => ({ title: option.title, reason: names.prose(option.detail) })), recommendation,
      }, { basis: [...available.map((option) => option.citation), ...cbdt.citations.slice(0, 1)], due: trackStart('transfer'), category: 'data_sovereignty', needsLegalReview: cbdt.needsLegalReview }));
    }
  }

  // 4. The minimum cross-border integration.
  const flows = cbdt.transfers.filter((transfer) => transfer.treatment !== 'out_of_scope');
  if (flows.length > 0 || (mainlandBound.length > 0 && overseasCapable.length > 0)) {
    const flowNames = flows.map((flow) => (w.english
      ? `${flow.implied ? `collection into ${names.system(flow.fromSystem)}` : names.transfer(flow.transfer)} (${flow.destination ?? 'destination not given'})`
      : `${flow.implied ? w('decision.integration.collection', '', { system: names.system(flow.fromSystem) }) : names.transfer(flow.transfer)}（${flow.destination ?? w('decision.integration.noDestination', 'destination not given')}）`));
    const options: DecisionRecord['options'] = [
      {
        title: w('decision.integration.gateway', 'The listed flows only, through one integration gateway in the mainland'),
        consequences: w('decision.integration.gatewayConsequences', `Only ${flowNames.length > 0 ? list(flowNames) : 'the flows the design lists'} cross the border, each through a gateway (or relay) that logs and limits what leaves; the mechanism's paperwork lists exactly these flows. A component to build and run; remote access from abroad goes through it too.`, { flows: flowNames.length > 0 ? listOf(flowNames) : w('decision.integration.designFlows', 'the flows the design lists') }),
      },
      {
        title: w('decision.integration.pointToPoint', 'Point-to-point integration'),
        consequences: w('decision.integration.pointToPointConsequences', 'Each global service reaches the mainland systems directly. Less to build, but every connection is an outbound flow to document and evidence, and overseas access to mainland-stored data counts as a transfer.'),
      },
    ];
    out.push(record(w, 'decision.minimum-integration', w('decision.integration.title', 'Minimum cross-border integration'), {
      context: w('decision.integration.context', `${flows.length} outbound flow${flows.length === 1 ? '' : 's'} (${MECHANISM[cbdt.mechanism]}).${required.length > 0 ? ` ${nameList(required)} stay${required.length === 1 ? 's' : ''} in the mainland; what they share abroad is the integration.` : ''}`, { count: String(flows.length), mechanism: mechanismIn(w, cbdt.mechanism), required: required.length > 0 ? nameList(required) : 'none' }),
      options, ruledOut: [], recommendation: { option: options[0]!.title, reason: w('decision.integration.reason', 'It keeps what crosses the border to what the mechanism covers and gives one place to evidence it.') },
    }, { basis: cbdt.citations.slice(0, 1), systems: [...new Set(flows.flatMap((flow) => (flow.fromSystem ? [flow.fromSystem] : [])))], due: trackStart('transfer'), category: 'integration' }));
  }
  return out;
}

interface ProviderOption {
  name: string;
  fact: string;
  current: boolean;
  domestic: boolean;
}

/** The cloud providers the content knows: mainland-operated offerings and domestic clouds. */
function cloudProviders(assessment: Assessment, knowledge: AnnexKnowledge, w: Words): ProviderOption[] & { ruledOut: DecisionRecord['ruledOut'] } {
  const used = new Set(assessment.systems.flatMap((system) => system.localisation.map((entry) => entry.integration)));
  const clouds = knowledge.integrations
    ? [...knowledge.integrations.values()].filter((entry) => entry.category === 'cloud')
    : assessment.systems.flatMap((system) => system.localisation).filter((entry) => entry.category === 'cloud').map((entry) => ({ id: entry.integration, name: entry.name, mainlandStatus: entry.status, summary: entry.summary, summaryZh: undefined as string | undefined, alternatives: entry.alternatives.map((id, index) => ({ id, name: entry.alternativeNames[index] ?? id, note: undefined as string | undefined })) }));
  const out: ProviderOption[] = [];
  const ruledOut: DecisionRecord['ruledOut'] = [];
  const seen = new Set<string>();
  for (const cloud of clouds) {
    if (cloud.mainlandStatus !== 'china_region') {
      if (used.has(cloud.id)) ruledOut.push({ title: cloud.name, reason: w.english || !cloud.summaryZh ? cloud.summary.split('. ')[0]!.replace(/\.$/, '') : cloud.summaryZh.split('。')[0]! });
      continue;
    }
    const own = cloud.alternatives[0];
    if (own && !seen.has(own.id)) {
      seen.add(own.id);
      out.push({ name: own.name, fact: w.english || !cloud.summaryZh ? cloud.summary.trim().replace(/\s+/g, ' ') : cloud.summaryZh.trim().replace(/\s+/g, ''), current: used.has(cloud.id), domestic: false });
    }
  }
  for (const cloud of clouds) {
    for (const alternative of cloud.alternatives) {
      if (seen.has(alternative.id) || alternative.note !== 'domestic cloud') continue;
      seen.add(alternative.id);
      out.push({ name: alternative.name, fact: w('decision.hosting.domesticFact', 'A domestic cloud with mainland regions; accounts are opened by the mainland entity.'), current: false, domestic: true });
    }
  }
  return Object.assign(out, { ruledOut });
}
