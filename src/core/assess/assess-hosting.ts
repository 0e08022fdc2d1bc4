// Hosting recommendation per system, through the four questions of PRODUCT.md in order:
// mainland PI collected? how much and of which class? publicly reachable in the mainland? could it be CII?
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { CbdtDetermination, CiiDetermination, HostingDetermination, HostingRecommendation, IcpDetermination } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';
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

export function assessHosting(context: AssessContext, system: SystemProfile, inputs: HostingInputs): HostingDetermination {
  const explanation = new Explanation(context);
  const { say } = explanation;
  const list = (items: string[]) => (items.length === 0 ? '' : items.reduce((first, second) => say('engine.hosting.list', { first, second })));
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
  const heavyClass: string[] = [];
  if (system.sensitivePersonalInformation.length > 0) heavyClass.push(say('engine.hosting.heavy.sensitive', { categories: system.sensitivePersonalInformation.join(', ') }));
  if (system.importantData !== 'none') heavyClass.push(say('engine.hosting.heavy.importantData', { state: system.importantData }));
  if (inputs.sectorImportantData) heavyClass.push(inputs.sectorImportantData.reason);
  const counted = inputs.cbdt.counted;
  path.push({
    question: say('engine.hosting.question.volume'),
    answer: say('engine.hosting.answer.volume', { nonSensitive: formatCount(counted.nonSensitiveIndividuals), sensitive: formatCount(counted.sensitiveIndividuals), mechanism, holds: heavyClass.length > 0 ? 'yes' : 'no', heavy: heavyClass.length > 0 ? list(heavyClass) : '' }),
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
