// Hosting recommendation per system, through the four questions of PRODUCT.md in order:
// mainland PI collected? how much and of which class? publicly reachable in the mainland? could it be CII?
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { CbdtDetermination, CiiDetermination, HostingDetermination, HostingRecommendation, IcpDetermination } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext, type Say } from './explanation.ts';
import { factsOf, sharedAnswers, type FactsContext, type FactsOf } from './shared-answers.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { SectorImportantData } from '../sectors/sector.ts';
import type { InstrumentId } from '../law/content-ids.ts';

const RANK: Record<HostingRecommendation, number> = {
  overseas: 0,
  overseas_with_transfer_mechanism: 1,
  mainland_recommended: 2,
  mainland_required: 3,
};

export interface HostingInputs {
  cbdt: CbdtDetermination;
  cii: CiiDetermination;
  icp: IcpDetermination;
  /** Important data under a sector rule (sectors/registry.ts), flagged for legal review. */
  sectorImportantData: SectorImportantData | null;
}

/**
 * What the recommendation reads of a system and of the firm. With the answers it builds on (the
 * transfer mechanism and regime, CII, ICP, a sector's important data) they decide everything but
 * the firm's counted individuals, which appear in one answer only (the volume question's): the rest
 * is shared by every system with these facts (see shared-answers.ts) and that answer is written per system.
 */
export const HOSTING_SYSTEM_FACTS = ['collectsMainlandPersonalInformation', 'servesMainlandUsers', 'hosting', 'sensitivePersonalInformation', 'importantData', 'dataCategories', 'internetFacing', 'audience', 'channels'] as const;
export const HOSTING_ORGANISATION_FACTS = ['mainlandEntity'] as const;

type Facts = FactsOf<SystemProfile, typeof HOSTING_SYSTEM_FACTS>;

/** What the shared part reads of the answers the recommendation builds on. */
interface SharedInputs {
  cbdt: Pick<CbdtDetermination, 'mechanism' | 'regime'>;
  cii: Pick<CiiDetermination, 'status' | 'sectors'>;
  icp: Pick<IcpDetermination, 'requirement'>;
  sectorImportantData: SectorImportantData | null;
}

const VOLUME_QUESTION = 1;

export function assessHosting(context: AssessContext, system: SystemProfile, inputs: HostingInputs): HostingDetermination {
  const { cbdt, cii, icp, sectorImportantData } = inputs;
  const key = factsOf(system, HOSTING_SYSTEM_FACTS, cbdt.mechanism, cbdt.regime.id, cii.status, cii.sectors, icp.requirement, sectorImportantData?.reason ?? null, sectorImportantData?.review ?? null, factsOf(context.profile.organisation, HOSTING_ORGANISATION_FACTS));
  const shared = sharedAnswers(context).answer('hosting', key, () => sharedHosting(context, system, inputs));
  const path = shared.path.slice();
  const volume = path[VOLUME_QUESTION]!;
  path[VOLUME_QUESTION] = { question: volume.question, answer: volumeAnswer(context.say, system, inputs, cbdt.counted), consequence: volume.consequence, citation: volume.citation };
  return { recommendation: shared.recommendation, path, reasons: shared.reasons, trace: shared.trace, citations: shared.citations, needsLegalReview: shared.needsLegalReview, legalReviewReasons: shared.legalReviewReasons };
}

const listOf = (say: Say, items: string[]) => (items.length === 0 ? '' : items.reduce((first, second) => say('engine.hosting.list', { first, second })));

/** The volume question's answer: the firm's counted individuals, the mechanism, and what of the heavier classes the system holds. */
function volumeAnswer(say: Say, system: Facts, inputs: SharedInputs, counted: CbdtDetermination['counted'] | null): string {
  const heavyClass: string[] = [];
  if (system.sensitivePersonalInformation.length > 0) heavyClass.push(say('engine.hosting.heavy.sensitive', { categories: system.sensitivePersonalInformation.join(', ') }));
  if (system.importantData !== 'none') heavyClass.push(say('engine.hosting.heavy.importantData', { state: system.importantData }));
  if (inputs.sectorImportantData) heavyClass.push(inputs.sectorImportantData.reason);
  // The shared part is written without the counts (null); the answer itself is written per system.
  if (counted == null) return '';
  return say('engine.hosting.answer.volume', { nonSensitive: formatCount(counted.nonSensitiveIndividuals), sensitive: formatCount(counted.sensitiveIndividuals), mechanism: inputs.cbdt.mechanism, holds: heavyClass.length > 0 ? 'yes' : 'no', heavy: heavyClass.length > 0 ? listOf(say, heavyClass) : '' });
}

function sharedHosting(context: FactsContext<Profile['organisation'], typeof HOSTING_ORGANISATION_FACTS>, system: Facts, inputs: SharedInputs): HostingDetermination {
  const explanation = new Explanation(context);
  const { say } = explanation;
  const list = (items: string[]) => listOf(say, items);
  const path: HostingDetermination['path'] = [];
  const reasons: string[] = [];
  let recommendation: HostingRecommendation = 'overseas';
  const raise = (to: HostingRecommendation, reason: string) => {
    if (RANK[to] > RANK[recommendation]) recommendation = to;
    reasons.push(reason);
  };

  // 1. Does the product collect mainland personal information?
  const collects = system.collectsMainlandPersonalInformation && system.servesMainlandUsers;
  const pipl = explanation.cite({ instrument: 'cn.pipl', article: '38' });
  path.push({
    question: say('engine.hosting.question.collects'),
    answer: collects ? say('engine.hosting.yes') : say('engine.hosting.no'),
    consequence: collects
      ? system.hosting === 'mainland' ? say('engine.hosting.consequence.collectsMainland') : say('engine.hosting.consequence.collectsAbroad')
      : say('engine.hosting.consequence.notCollects'),
    citation: pipl,
  });
  if (collects && system.hosting !== 'mainland') raise('overseas_with_transfer_mechanism', say('engine.hosting.reason.collectsAbroad'));
  else if (collects) raise('overseas_with_transfer_mechanism', say('engine.hosting.reason.collectsMainland'));

  // 2. How much, and of which class?
  const { mechanism } = inputs.cbdt;
  path.push({
    question: say('engine.hosting.question.volume'),
    answer: volumeAnswer(say, system, inputs, null),
    consequence: mechanism === 'security_assessment'
      ? say('engine.hosting.consequence.assessmentLevel')
      : say('engine.hosting.consequence.belowAssessment'),
    // The regime's id is the instrument of the formula version in force (an InstrumentId).
    citation: explanation.cite({ instrument: inputs.cbdt.regime.id as InstrumentId, article: null }),
  });
  if (collects && mechanism === 'security_assessment') raise('mainland_recommended', say('engine.hosting.reason.assessmentLevel'));
  if (system.importantData === 'notified') {
    raise('mainland_required', say('engine.hosting.reason.notifiedImportantData'));
  } else if (system.importantData === 'suspected') {
    raise('mainland_recommended', say('engine.hosting.reason.suspectedImportantData'));
    explanation.cite({ instrument: 'cn.std.gbt-43697-2024', article: null });
  }
  if (collects && inputs.sectorImportantData) {
    raise('mainland_required', say('engine.hosting.reason.sectorImportantData', { reason: inputs.sectorImportantData.reason }));
    explanation.review(inputs.sectorImportantData.review);
  }
  if (system.dataCategories.includes('internet_map_service')) {
    raise('mainland_required', say('engine.hosting.reason.mapService'));
    path.push({
      question: say('engine.hosting.question.mapService'),
      answer: say('engine.hosting.yes'),
      consequence: say('engine.hosting.consequence.mapService'),
      citation: explanation.cite({ instrument: 'cn.map-regulations', article: '34' }),
    });
  }

  // 3. Is the service publicly reachable in the mainland?
  const publicService = system.servesMainlandUsers && system.internetFacing && system.audience !== 'internal';
  const consumer = publicService && system.audience === 'consumers';
  path.push({
    question: say('engine.hosting.question.public'),
    answer: publicService ? say('engine.hosting.answer.public', { audience: system.audience, channels: list(system.channels.map((channel) => say('engine.hosting.channel', { channel }))) }) : say('engine.hosting.no'),
    consequence: consumer
      ? say('engine.hosting.consequence.consumer', { requirement: inputs.icp.requirement })
      : publicService
        ? say('engine.hosting.consequence.business')
        : say('engine.hosting.consequence.notPublic'),
    citation: explanation.cite({ instrument: 'cn.iis-measures', article: '4' }),
  });
  if (consumer) raise('mainland_recommended', say('engine.hosting.reason.consumer', { requirement: inputs.icp.requirement }));
  else if (publicService) reasons.push(say('engine.hosting.reason.business'));

  // 4. Could the system be CII?
  const { status } = inputs.cii;
  path.push({
    question: say('engine.hosting.question.cii'),
    answer: status === 'notified' ? say('engine.hosting.answer.ciiNotified') : status === 'candidate' ? say('engine.hosting.answer.ciiCandidate', { sectors: inputs.cii.sectors.join(', ') }) : say('engine.hosting.answer.ciiNotIndicated'),
    consequence: status === 'notified'
      ? say('engine.hosting.consequence.ciiNotified')
      : status === 'candidate'
        ? say('engine.hosting.consequence.ciiCandidate')
        : say('engine.hosting.consequence.ciiNotIndicated'),
    citation: explanation.cite({ provision: 'csl.cii-localisation' }),
  });
  if (status === 'notified' && collects) raise('mainland_required', say('engine.hosting.reason.ciiNotified'));
  if (status === 'candidate' && collects) raise('mainland_recommended', say('engine.hosting.reason.ciiCandidate'));

  if (system.hosting === 'hong_kong' || system.hosting === 'macau' || system.hosting === 'taiwan') {
    reasons.push(say('engine.hosting.reason.regional', { hosting: system.hosting }));
  }
  if (recommendation !== 'overseas' && recommendation !== 'overseas_with_transfer_mechanism' && context.profile.organisation.mainlandEntity !== 'established') {
    reasons.push(say('engine.hosting.reason.noEntity'));
  }
  explanation.step(say('engine.hosting.step.recommendation'), say('engine.hosting.result.recommendation', { recommendation, reason: reasons[reasons.length - 1] ?? say('engine.hosting.result.noReason') }));
  return { recommendation, path, reasons, ...explanation.result() };
}
