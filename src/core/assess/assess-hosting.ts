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
    question: '1. Does the system collect personal information of individuals in the mainland?',
    answer: collects ? 'Yes.' : 'No.',
    consequence: collects
      ? system.hosting === 'mainland' ? 'Hosted in the mainland: only what is sent or made accessible abroad needs a route.' : 'Holding it outside the mainland is an outbound transfer that needs a route under PIPL.'
      : 'No transfer route is needed for this system.',
    citation: pipl,
  });
  if (collects && system.hosting !== 'mainland') raise('overseas_with_transfer_mechanism', 'Mainland PI held outside the mainland needs a transfer route (or an exemption) and the surviving duties.');
  else if (collects) raise('overseas_with_transfer_mechanism', 'Collects mainland PI: hosting it abroad would need a transfer route; in the mainland only the listed transfers need one.');

  // 2. How much, and of which class?
  const { mechanism } = inputs.cbdt;
  const heavyClass: string[] = [];
  if (system.sensitivePersonalInformation.length > 0) heavyClass.push(`sensitive PI (${system.sensitivePersonalInformation.join(', ')})`);
  if (system.importantData !== 'none') heavyClass.push(`${system.importantData} important data`);
  if (inputs.sectorImportantData) heavyClass.push(inputs.sectorImportantData.reason);
  const counted = inputs.cbdt.counted;
  path.push({
    question: '2. How much, and of which class (sensitive PI, important data)?',
    answer: `Handler-wide ${formatCount(counted.nonSensitiveIndividuals)} non-sensitive and ${formatCount(counted.sensitiveIndividuals)} sensitive individuals counted; route ${mechanism.replaceAll('_', ' ')}${heavyClass.length > 0 ? `; this system holds ${heavyClass.join(', ')}` : ''}.`,
    consequence: mechanism === 'security_assessment'
      ? 'At the security-assessment level, mainland hosting on a Chinese cloud region is usually simpler than keeping the data abroad under an assessment that must be renewed.'
      : 'Below the assessment level, overseas hosting under the transfer route remains workable.',
    // The regime's id is the instrument of the formula version in force (an InstrumentId).
    citation: explanation.cite({ instrument: inputs.cbdt.regime.id as InstrumentId, article: null }),
  });
  if (collects && mechanism === 'security_assessment') raise('mainland_recommended', 'The handler is at the security-assessment level.');
  if (system.importantData === 'notified') {
    raise('mainland_required', 'The system holds notified important data: it stays in the mainland unless a CAC security assessment approves its export.');
  } else if (system.importantData === 'suspected') {
    raise('mainland_recommended', 'The system may hold important data; until it is identified (GB/T 43697-2024) keep it where an export assessment is not in question.');
    explanation.cite({ instrument: 'cn.std.gbt-43697-2024', article: null });
  }
  if (collects && inputs.sectorImportantData) {
    raise('mainland_required', `${inputs.sectorImportantData.reason}: important data under the sector rule is stored in the mainland (flagged for legal review).`);
    explanation.review(inputs.sectorImportantData.review);
  }
  if (system.dataCategories.includes('internet_map_service')) {
    raise('mainland_required', 'An internet map service keeps the servers that store its map data in the mainland.');
    path.push({
      question: '2a. Does the system provide an internet map service?',
      answer: 'Yes.',
      consequence: 'Map data servers must be located in the mainland, and only reviewed maps may be used.',
      citation: explanation.cite({ instrument: 'cn.map-regulations', article: '34' }),
    });
  }

  // 3. Is the service publicly reachable in the mainland?
  const publicService = system.servesMainlandUsers && system.internetFacing && system.audience !== 'internal';
  const consumer = publicService && system.audience === 'consumers';
  path.push({
    question: '3. Is the service publicly reachable in the mainland?',
    answer: publicService ? `Yes (${system.audience}, ${system.channels.join(', ')}).` : 'No.',
    consequence: consumer
      ? `Serving the mainland public well needs an ICP ${inputs.icp.requirement}, which needs a mainland entity and mainland hosting.`
      : publicService
        ? 'A business service hosted abroad meets cross-border latency and reachability as a product-quality problem, not a legal bar; an ICP filing needs mainland hosting.'
        : 'No ICP question.',
    citation: explanation.cite({ instrument: 'cn.iis-measures', article: '4' }),
  });
  if (consumer) raise('mainland_recommended', `Consumer service in the mainland: ICP ${inputs.icp.requirement} requires mainland hosting and a mainland entity.`);
  else if (publicService) reasons.push('Business users in the mainland: cross-border reliability is a product-quality risk to manage.');

  // 4. Could the system be CII?
  const { status } = inputs.cii;
  path.push({
    question: '4. Could the system be critical information infrastructure?',
    answer: status === 'notified' ? 'Yes: the firm is a notified CII operator.' : status === 'candidate' ? `Possibly: the firm is in a CII sector (${inputs.cii.sectors.join(', ')}).` : 'Not indicated.',
    consequence: status === 'notified'
      ? 'PI and important data collected in the mainland are stored there; export needs a security assessment.'
      : status === 'candidate'
        ? 'Designation would bring localisation; building for mainland storage avoids a later migration.'
        : 'No CII consequence.',
    citation: explanation.cite({ provision: 'csl.cii-localisation' }),
  });
  if (status === 'notified' && collects) raise('mainland_required', 'CII operator: PI and important data stay in the mainland.');
  if (status === 'candidate' && collects) raise('mainland_recommended', 'CII sector: designation would require mainland storage.');

  if (system.hosting === 'hong_kong' || system.hosting === 'macau' || system.hosting === 'taiwan') {
    reasons.push(`Hosting in ${system.hosting.replace('_', ' ')} is outside the mainland: for mainland PI it is the same as overseas hosting.`);
  }
  if (recommendation !== 'overseas' && recommendation !== 'overseas_with_transfer_mechanism' && context.profile.organisation.mainlandEntity !== 'established') {
    reasons.push('Mainland hosting on a Chinese cloud region needs a mainland entity, which is not yet established.');
  }
  explanation.step('Recommendation', `${recommendation.replaceAll('_', ' ')}: ${reasons[reasons.length - 1] ?? 'no mainland personal information or public mainland service.'}`);
  return { recommendation, path, reasons, ...explanation.result() };
}
