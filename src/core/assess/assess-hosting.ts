// Hosting recommendation per system, through the four questions of PRODUCT.md in order:
// mainland PI collected? how much and of which class? publicly reachable in the mainland? could it be CII?
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { CbdtDetermination, CiiDetermination, HostingDetermination, HostingRecommendation, IcpDetermination } from './assessment-schema.ts';
import { Explanation, formatCount, listWith, type AssessContext, type Say } from './explanation.ts';
import { namingSystem, sharedAnswers, type FactsContext } from './shared-answers.ts';
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

/** What the per-system volume answer reads of a system. */
type VolumeFacts = Pick<SystemProfile, 'sensitivePersonalInformation' | 'importantData'>;

/**
 * Everything the shared part of the recommendation reads, each fact only where it can change a
 * sentence (the audience and channels of a public service, the ICP requirement of a consumer one,
 * the CII sectors of a candidate, a sector's important data of a system that collects mainland
 * personal information): the answer is shared by every system with these facts (see
 * shared-answers.ts), and what differs between such systems (the firm's counted individuals, the
 * heavier classes a system holds) is the volume question's answer, written per system.
 */
interface HostingFacts {
  collects: boolean;
  hosting: SystemProfile['hosting'];
  importantData: SystemProfile['importantData'];
  mapService: boolean;
  publicService: boolean;
  audience: SystemProfile['audience'] | null;
  channels: SystemProfile['channels'] | null;
  consumerIcpRequirement: IcpDetermination['requirement'] | null;
  assessmentLevel: boolean;
  regime: string;
  ciiStatus: CiiDetermination['status'];
  candidateSectors: CiiDetermination['sectors'] | null;
  sectorImportantData: Pick<SectorImportantData, 'reason' | 'review'> | null;
  entityEstablished: boolean;
}

function hostingFacts(context: AssessContext, system: SystemProfile, inputs: HostingInputs): HostingFacts {
  const { cbdt, cii, icp, sectorImportantData } = inputs;
  const collects = system.collectsMainlandPersonalInformation && system.servesMainlandUsers;
  const publicService = system.servesMainlandUsers && system.internetFacing && system.audience !== 'internal';
  return {
    collects,
    hosting: system.hosting,
    importantData: system.importantData,
    mapService: system.dataCategories.includes('internet_map_service'),
    publicService,
    audience: publicService ? system.audience : null,
    channels: publicService ? system.channels : null,
    consumerIcpRequirement: publicService && system.audience === 'consumers' ? icp.requirement : null,
    assessmentLevel: cbdt.mechanism === 'security_assessment',
    regime: cbdt.regime.id,
    ciiStatus: cii.status,
    candidateSectors: cii.status === 'candidate' ? cii.sectors : null,
    sectorImportantData: collects && sectorImportantData ? { reason: sectorImportantData.reason, review: sectorImportantData.review } : null,
    entityEstablished: context.profile.organisation.mainlandEntity === 'established',
  };
}

const VOLUME_QUESTION = 1;

export function assessHosting(context: AssessContext, system: SystemProfile, inputs: HostingInputs): HostingDetermination {
  const facts = hostingFacts(context, system, inputs);
  // The key is every field of the record, in the order hostingFacts writes them.
  const shared = sharedAnswers(context).answer('hosting', Object.values(facts), () => sharedHosting(context, facts));
  const path = shared.path.slice();
  const volume = path[VOLUME_QUESTION]!;
  path[VOLUME_QUESTION] = { question: volume.question, answer: volumeAnswer(context.say, system, inputs), consequence: volume.consequence, citation: volume.citation };
  // A sector's review sentence names the system by the stand-in (sector.ts): this copy names it.
  const legalReviewReasons = facts.sectorImportantData ? namingSystem(shared.legalReviewReasons, system.id) : shared.legalReviewReasons;
  return { recommendation: shared.recommendation, path, reasons: shared.reasons, trace: shared.trace, citations: shared.citations, needsLegalReview: shared.needsLegalReview, legalReviewReasons };
}

const listOf = (say: Say, items: string[]): string => listWith(say, 'engine.hosting.list', items);

/** The volume question's answer: the firm's counted individuals, the mechanism, and what of the heavier classes the system holds. */
function volumeAnswer(say: Say, system: VolumeFacts, inputs: HostingInputs): string {
  const { counted } = inputs.cbdt;
  if (counted == null) return '';
  const heavyClass: string[] = [];
  if (system.sensitivePersonalInformation.length > 0) heavyClass.push(say('engine.hosting.heavy.sensitive', { categories: system.sensitivePersonalInformation.join(', ') }));
  if (system.importantData !== 'none') heavyClass.push(say('engine.hosting.heavy.importantData', { state: system.importantData }));
  if (inputs.sectorImportantData) heavyClass.push(inputs.sectorImportantData.reason);
  return say('engine.hosting.answer.volume', { nonSensitive: formatCount(counted.nonSensitiveIndividuals), sensitive: formatCount(counted.sensitiveIndividuals), mechanism: inputs.cbdt.mechanism, holds: heavyClass.length > 0 ? 'yes' : 'no', heavy: heavyClass.length > 0 ? listOf(say, heavyClass) : '' });
}

function sharedHosting(context: FactsContext<object, []>, facts: HostingFacts): HostingDetermination {
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
  const { collects } = facts;
  const pipl = explanation.cite({ instrument: 'cn.pipl', article: '38' });
  path.push({
    question: say('engine.hosting.question.collects'),
    answer: collects ? say('engine.hosting.yes') : say('engine.hosting.no'),
    consequence: collects
      ? facts.hosting === 'mainland' ? say('engine.hosting.consequence.collectsMainland') : say('engine.hosting.consequence.collectsAbroad')
      : say('engine.hosting.consequence.notCollects'),
    citation: pipl,
  });
  if (collects && facts.hosting !== 'mainland') raise('overseas_with_transfer_mechanism', say('engine.hosting.reason.collectsAbroad'));
  else if (collects) raise('overseas_with_transfer_mechanism', say('engine.hosting.reason.collectsMainland'));

  // 2. How much, and of which class?
  path.push({
    question: say('engine.hosting.question.volume'),
    // Written per system (volumeAnswer): the firm's counts and the system's heavier classes.
    answer: '',
    consequence: facts.assessmentLevel
      ? say('engine.hosting.consequence.assessmentLevel')
      : say('engine.hosting.consequence.belowAssessment'),
    // The regime's id is the instrument of the formula version in force (an InstrumentId).
    citation: explanation.cite({ instrument: facts.regime as InstrumentId, article: null }),
  });
  if (collects && facts.assessmentLevel) raise('mainland_recommended', say('engine.hosting.reason.assessmentLevel'));
  if (facts.importantData === 'notified') {
    raise('mainland_required', say('engine.hosting.reason.notifiedImportantData'));
  } else if (facts.importantData === 'suspected') {
    raise('mainland_recommended', say('engine.hosting.reason.suspectedImportantData'));
    explanation.cite({ instrument: 'cn.std.gbt-43697-2024', article: null });
  }
  if (facts.sectorImportantData) {
    raise('mainland_required', say('engine.hosting.reason.sectorImportantData', { reason: facts.sectorImportantData.reason }));
    explanation.review(facts.sectorImportantData.review);
  }
  if (facts.mapService) {
    raise('mainland_required', say('engine.hosting.reason.mapService'));
    path.push({
      question: say('engine.hosting.question.mapService'),
      answer: say('engine.hosting.yes'),
      consequence: say('engine.hosting.consequence.mapService'),
      citation: explanation.cite({ instrument: 'cn.map-regulations', article: '34' }),
    });
  }

  // 3. Is the service publicly reachable in the mainland?
  const { publicService } = facts;
  const consumer = facts.consumerIcpRequirement !== null;
  path.push({
    question: say('engine.hosting.question.public'),
    answer: publicService ? say('engine.hosting.answer.public', { audience: facts.audience!, channels: list(facts.channels!.map((channel) => say('engine.hosting.channel', { channel }))) }) : say('engine.hosting.no'),
    consequence: consumer
      ? say('engine.hosting.consequence.consumer', { requirement: facts.consumerIcpRequirement! })
      : publicService
        ? say('engine.hosting.consequence.business')
        : say('engine.hosting.consequence.notPublic'),
    citation: explanation.cite({ instrument: 'cn.iis-measures', article: '4' }),
  });
  if (consumer) raise('mainland_recommended', say('engine.hosting.reason.consumer', { requirement: facts.consumerIcpRequirement! }));
  else if (publicService) reasons.push(say('engine.hosting.reason.business'));

  // 4. Could the system be CII?
  const status = facts.ciiStatus;
  path.push({
    question: say('engine.hosting.question.cii'),
    answer: status === 'notified' ? say('engine.hosting.answer.ciiNotified') : status === 'candidate' ? say('engine.hosting.answer.ciiCandidate', { sectors: facts.candidateSectors!.join(', ') }) : say('engine.hosting.answer.ciiNotIndicated'),
    consequence: status === 'notified'
      ? say('engine.hosting.consequence.ciiNotified')
      : status === 'candidate'
        ? say('engine.hosting.consequence.ciiCandidate')
        : say('engine.hosting.consequence.ciiNotIndicated'),
    citation: explanation.cite({ provision: 'csl.cii-localisation' }),
  });
  if (status === 'notified' && collects) raise('mainland_required', say('engine.hosting.reason.ciiNotified'));
  if (status === 'candidate' && collects) raise('mainland_recommended', say('engine.hosting.reason.ciiCandidate'));

  if (facts.hosting === 'hong_kong' || facts.hosting === 'macau' || facts.hosting === 'taiwan') {
    reasons.push(say('engine.hosting.reason.regional', { hosting: facts.hosting }));
  }
  if (recommendation !== 'overseas' && recommendation !== 'overseas_with_transfer_mechanism' && !facts.entityEstablished) {
    reasons.push(say('engine.hosting.reason.noEntity'));
  }
  explanation.step(say('engine.hosting.step.recommendation'), say('engine.hosting.result.recommendation', { recommendation, reason: reasons[reasons.length - 1] ?? say('engine.hosting.result.noReason') }));
  return { recommendation, path, reasons, ...explanation.result() };
}
