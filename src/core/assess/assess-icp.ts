// ICP: nothing, a non-commercial filing (备案) or a commercial licence (许可证), which are different
// things (IIS Measures Arts. 3-4); an EDI licence for platforms; and the filings around them.
import { getInstrument, isInForce } from '../law/law-book.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { CodeCitationRef, LawBook } from '../law/content-schema.ts';
import type { IcpDetermination, Obligation } from './assessment-schema.ts';
import { Explanation } from './explanation.ts';
import { factsOf, namingSystem, standingIn, type FactsContext, type FactsOf, type SharedAnswers } from './shared-answers.ts';
import type { Profile } from '../profile/normalise-profile.ts';

const PILOT_PATTERNS = new WeakMap<LawBook, ReadonlyArray<{ key: string; pattern: RegExp }>>();

/** The opening-pilot area the city is in (content/tables/opening-pilot-areas.yaml), as the key of its name in the catalogue (engine.icp.pilotArea). */
function pilotArea(book: LawBook, city: string | null): string | undefined {
  if (city == null) return undefined;
  let patterns = PILOT_PATTERNS.get(book);
  if (!patterns) {
    patterns = book.tables.openingPilotAreas.areas.map((area) => ({ key: area.key, pattern: new RegExp(area.pattern) }));
    PILOT_PATTERNS.set(book, patterns);
  }
  return patterns.find((candidate) => candidate.pattern.test(city))?.key;
}

/** What the ICP determination reads of a system and of the firm: its answer is shared by every system with these facts (see shared-answers.ts). */
export const ICP_SYSTEM_FACTS = ['id', 'servesMainlandUsers', 'internetFacing', 'audience', 'hosting', 'commercialService', 'platform', 'channels', 'dataCategories'] as const;
export const ICP_ORGANISATION_FACTS = ['sectors', 'mainlandEntity', 'mainlandCity', 'headquarters', 'foreignOwnershipPercent'] as const;

/** The facts that decide whether the system offers an internet information service to the public in the mainland. */
const ICP_PUBLIC_FACTS = ['servesMainlandUsers', 'internetFacing', 'audience'] as const;

/** Whether the system offers an internet information service to the public in the mainland (IIS Measures Art. 3). */
function offersPublicService(system: FactsOf<SystemProfile, typeof ICP_PUBLIC_FACTS>): boolean {
  return system.servesMainlandUsers && system.internetFacing && system.audience !== 'internal';
}

/**
 * ICP_SYSTEM_FACTS but the id, the channels, the data categories and the hosting, which the
 * determination reads in part only (see icpFacts).
 */
const ICP_KEY_FACTS = ICP_SYSTEM_FACTS.filter((fact) => fact !== 'id' && fact !== 'channels' && fact !== 'dataCategories' && fact !== 'hosting');

/** The sectors whose presence the determination asks about by name, besides those of the law book's sector lists. */
const ICP_NAMED_SECTORS: readonly string[] = ['ecommerce', 'media'];

/** The firm's ICP facts but the sectors, which the key holds in part (see icpOrganisationFacts). */
const ICP_FIRM_KEY_FACTS = ICP_ORGANISATION_FACTS.filter((fact) => fact !== 'sectors');

/** Per law book: the sectors the determination reads (its two sector lists and ICP_NAMED_SECTORS). */
const READ_SECTORS = new WeakMap<LawBook, ReadonlySet<string>>();

/**
 * The firm's facts in the key of its systems' ICP answers (read once per assessment). Of the
 * sectors the key holds those the determination reads, in the firm's order: it asks whether the
 * firm is in a sector of the pre-approval or the prohibited list, or in e-commerce or media, and
 * lists the firm's sectors of the two lists in order, so any other sector changes nothing (a SaaS
 * firm and a logistics firm with the same systems get one answer).
 */
export function icpOrganisationFacts(book: LawBook, organisation: FactsOf<Profile['organisation'], typeof ICP_ORGANISATION_FACTS>): unknown[] {
  let read = READ_SECTORS.get(book);
  if (!read) {
    const { icpPreApprovalSectors, icpProhibitedForeignInvestment } = book.tables.sectorLists;
    read = new Set<string>([...icpPreApprovalSectors.sectors, ...icpProhibitedForeignInvestment.sectors, ...ICP_NAMED_SECTORS]);
    READ_SECTORS.set(book, read);
  }
  const sectors = organisation.sectors.filter((sector) => read.has(sector));
  return factsOf(organisation, ICP_FIRM_KEY_FACTS, sectors);
}

/** The channels an app filing covers: of a system's channels, the only ones the determination reads. */
const appChannelsOf = (channels: SystemProfile['channels']) => channels.filter((channel) => channel === 'app' || channel === 'mini_program');

/**
 * Whether the answer names the system: the two review sentences about a platform without a licence
 * and about hosting outside the mainland name it (by its id).
 */
function namesSystem(system: FactsOf<SystemProfile, typeof ICP_SYSTEM_FACTS>): boolean {
  return (system.platform && !system.commercialService) || system.hosting !== 'mainland';
}

/**
 * The key of a system's ICP answer: a system offering no public service is answered by the three
 * facts that say so, anything else by all the facts the determination reads (`firmFacts` being
 * the firm's icpOrganisationFacts, read once per assessment) but the id, which only the review
 * sentences naming the system read (see icpAnswer). Of the channels and data categories the key
 * holds what the determination reads of them.
 */
export function icpFacts(system: FactsOf<SystemProfile, typeof ICP_SYSTEM_FACTS>, firmFacts: readonly unknown[]): unknown[] {
  if (!offersPublicService(system)) return factsOf(system, ICP_PUBLIC_FACTS, false);
  // Of the channels only the app ones are read, of the data categories only whether users post
  // content, of the hosting only whether it is in the mainland (no sentence names the place).
  return factsOf(system, ICP_KEY_FACTS, true, appChannelsOf(system.channels), system.dataCategories.includes('user_generated_content'), system.hosting === 'mainland', firmFacts);
}

/**
 * The ICP answer of `system`, shared between systems with the same facts (icpFacts). Where a review
 * sentence names the system, the shared answer is written for a stand-in id and each system is
 * given a copy whose review sentences name it; the rest of the copy is the shared answer's own
 * (frozen) parts. Systems have ids of their own, so an answer keyed by the id would be shared by
 * no two systems of a portfolio.
 */
export function icpAnswer(shared: SharedAnswers, context: FactsContext<Profile['organisation'], typeof ICP_ORGANISATION_FACTS>, system: FactsOf<SystemProfile, typeof ICP_SYSTEM_FACTS>, firmFacts: readonly unknown[]): IcpDetermination {
  const facts = icpFacts(system, firmFacts);
  if (!offersPublicService(system) || !namesSystem(system)) return shared.answer('icp', facts, () => assessIcp(context, system));
  const written = shared.answer('icp', facts, () => assessIcp(context, standingIn(system)));
  return { ...written, legalReviewReasons: namingSystem(written.legalReviewReasons, system.id) };
}

export function assessIcp(context: FactsContext<Profile['organisation'], typeof ICP_ORGANISATION_FACTS>, system: FactsOf<SystemProfile, typeof ICP_SYSTEM_FACTS>): IcpDetermination {
  const { profile, asOf, book } = context;
  // The sector lists of content/tables/sector-lists.yaml: their names are in engine.icp.obligation.*.detail.
  const { icpPreApprovalSectors: preApproval, icpProhibitedForeignInvestment: prohibited } = book.tables.sectorLists;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const obligations: Obligation[] = [];
  const publicService = offersPublicService(system);
  explanation.step(say('engine.icp.step.publicService'), publicService ? say('engine.icp.yes') : say('engine.icp.result.notPublic', { why: !system.servesMainlandUsers ? 'noMainlandUsers' : system.audience === 'internal' ? 'internal' : 'notPublic' }), {
    citation: explanation.cite({ instrument: 'cn.iis-measures', article: '3' }),
    facts: { servesMainlandUsers: system.servesMainlandUsers, internetFacing: system.internetFacing, audience: system.audience },
  });
  const hostedInMainland = system.hosting === 'mainland';
  if (!publicService) {
    return { requirement: 'none', ediLicence: false, appliesToCurrentHosting: false, prerequisites: [], obligations, ...explanation.result() };
  }
  const requirement = system.commercialService ? 'licence' : 'filing';
  explanation.step(say('engine.icp.step.commercial'), system.commercialService
    ? say('engine.icp.result.commercial')
    : say('engine.icp.result.nonCommercial'), {
    citation: explanation.cite({ instrument: 'cn.iis-measures', article: '4' }),
    facts: { commercialService: system.commercialService },
  });
  const ediLicence = system.platform && system.commercialService;
  if (system.platform && !system.commercialService) {
    explanation.review(say('engine.icp.review.platform', { system: system.id }));
  }
  if (requirement === 'licence') {
    const decision = explanation.number('icp.licenceDecisionDays');
    obligations.push(explanation.obligation('icp_licence', say('engine.icp.obligation.licence.title'), say('engine.icp.obligation.licence.detail', { days: decision.value }), decision.citation));
  } else {
    const decision = explanation.range('icp.filingDecisionWorkingDays');
    obligations.push(explanation.obligation('icp_filing', say('engine.icp.obligation.filing.title'), say('engine.icp.obligation.filing.detail', { max: decision.value.max, min: decision.value.min }), decision.citation));
  }
  if (ediLicence) {
    obligations.push(explanation.obligation('edi_licence', say('engine.icp.obligation.edi.title'), say('engine.icp.obligation.edi.detail'), { instrument: 'cn.telecom-services-catalogue-2015', article: 'B21' }, true));
    explanation.step(say('engine.icp.step.ediGrantor'), say('engine.icp.result.ediGrantor'), { citation: explanation.cite({ instrument: 'cn.telecom-regulations', article: '9' }) });
  }

  const entity = profile.organisation.mainlandEntity;
  const entityMet = entity === 'established' ? 'yes' : entity === 'planned' ? 'pending' : 'no';
  // The filing's and the licence's prerequisites come from different rules: the filing from the
  // Non-commercial ICP Filing Measures (made by the entity through its mainland access provider),
  // the licence from the Telecom Regulations Art. 13 and the IIS Measures Art. 7.
  const prerequisites: IcpDetermination['prerequisites'] = requirement === 'filing'
    ? [
        {
          id: 'domestic_entity',
          title: say('engine.icp.prerequisite.filingEntity.title'),
          met: entityMet,
          detail: say('engine.icp.prerequisite.filingEntity.detail'),
          for: 'filing',
          citation: explanation.cite({ instrument: 'cn.icp-filing-measures', article: null }),
        },
        {
          id: 'mainland_hosting',
          title: say('engine.icp.prerequisite.mainlandHosting.title'),
          met: hostedInMainland ? 'yes' : 'no',
          detail: say('engine.icp.prerequisite.mainlandHosting.detail'),
          for: 'filing',
          citation: explanation.cite({ instrument: 'cn.icp-filing-measures', article: null }),
        },
      ]
    : [
        {
          id: 'domestic_entity',
          title: say('engine.icp.prerequisite.licenceEntity.title'),
          met: entityMet,
          detail: say('engine.icp.prerequisite.licenceEntity.detail'),
          for: 'licence',
          citation: explanation.cite({ instrument: 'cn.telecom-regulations', article: '13' }),
        },
      ];
  const items = prerequisites.map((item) => say('engine.icp.prerequisite.item', { title: item.title, met: item.met })).reduce((first, second) => say('engine.icp.prerequisite.join', { first, second }));
  explanation.step(say('engine.icp.step.prerequisites', { requirement }), say('engine.icp.result.prerequisites', { items }), {
    citation: prerequisites[0]!.citation!,
  });
  if (requirement === 'licence') {
    explanation.step(say('engine.icp.step.licenceApplication'), say('engine.icp.result.licenceApplication'), {
      citation: explanation.cite({ instrument: 'cn.iis-measures', article: '7' }),
    });
  }
  if (!hostedInMainland) {
    explanation.step(say('engine.icp.step.hostedOutside'), say('engine.icp.result.hostedOutside'), {
      citation: explanation.cite({ instrument: 'cn.icp-filing-measures', article: null }),
    });
    explanation.review(say('engine.icp.review.hostedOutside', { system: system.id }));
  }

  const foreignShare = profile.organisation.foreignOwnershipPercent ?? (profile.organisation.headquarters === 'CN' ? 0 : 100);
  if (requirement === 'licence') {
    const cap = explanation.number('icp.valueAddedTelecomForeignCapPercent');
    const ecommerceException = profile.organisation.sectors.includes('ecommerce') && ediLicence;
    const city = profile.organisation.mainlandCity?.trim().toLowerCase() ?? null;
    const excludedSector = profile.organisation.sectors.find((sector) => prohibited.sectors.includes(sector));
    // The pilot excludes news, publishing, audio-visual and internet culture: no help for those sectors.
    const pilot = excludedSector ? undefined : pilotArea(book, city);
    const pilotLaunched = isInForce(book, 'cn.vat-opening-pilot-2024', asOf);
    if (city != null && /shanghai/.test(city) && !/lingang/.test(city)) {
      explanation.step(say('engine.icp.step.shanghaiPilot'), say('engine.icp.result.shanghaiPilot'));
    }
    const values = { share: foreignShare, cap: cap.value };
    let result: string;
    if (foreignShare <= cap.value) result = say('engine.icp.result.foreignShare.withinCap', values);
    else if (ecommerceException && isInForce(book, 'cn.negative-list-2024', asOf)) result = say('engine.icp.result.foreignShare.ecommerce', values);
    else if (pilot && pilotLaunched) result = say('engine.icp.result.foreignShare.pilot', { ...values, pilot: say('engine.icp.pilotArea', { area: pilot }) });
    else result = say('engine.icp.result.foreignShare.overCap', { ...values, partner: 100 - cap.value });
    explanation.step(say('engine.icp.step.foreignCap'), result, { citation: cap.citation, facts: { foreignOwnershipPercent: foreignShare } });
    if (pilot && pilotLaunched) {
      obligations.push(explanation.obligation('opening_pilot', say('engine.icp.obligation.openingPilot.title'), say('engine.icp.obligation.openingPilot.detail', { pilot: say('engine.icp.pilotArea', { area: pilot }) }), { instrument: 'cn.vat-opening-pilot-2024', article: null }, true));
    }
    if (city != null && !pilot && !excludedSector) {
      explanation.step(say('engine.icp.step.openingPilot'), say('engine.icp.result.notPilotArea', { city }));
    }
    prerequisites.push({ id: 'foreign_ownership', title: say('engine.icp.prerequisite.foreignOwnership.title', { cap: cap.value }), met: foreignShare <= cap.value ? 'yes' : 'no', detail: result, for: 'licence', citation: cap.citation });
  }
  for (const sector of profile.organisation.sectors) {
    if (prohibited.sectors.includes(sector) && foreignShare > 0) {
      obligations.push(explanation.obligation(`prohibited_${sector}`, say('engine.icp.obligation.prohibited.title'), say('engine.icp.obligation.prohibited.detail', { sector }), prohibited.citation as CodeCitationRef, true));
    }
    if (preApproval.sectors.includes(sector)) {
      obligations.push(explanation.obligation(`pre_approval_${sector}`, say('engine.icp.obligation.preApproval.title'), say('engine.icp.obligation.preApproval.detail', { sector }), preApproval.citation as CodeCitationRef));
    }
  }

  const appChannels = appChannelsOf(system.channels);
  if (appChannels.length > 0) {
    const required = explanation.parameter<boolean>('icp.appFilingRequired');
    if (required.value) {
      const channels = appChannels.map((channel) => say('engine.icp.channel', { channel })).reduce((first, second) => say('engine.icp.and', { first, second }));
      obligations.push(explanation.obligation('app_filing', say('engine.icp.obligation.appFiling.title'), say('engine.icp.obligation.appFiling.detail', { channels, miniProgram: appChannels.includes('mini_program') ? 'yes' : 'no' }), required.citation));
    } else {
      explanation.step(say('engine.icp.step.appFiling'), say('engine.icp.result.appFilingNotYet', { effective: getInstrument(book, 'cn.app-filing-notice-2023').effective }), { citation: explanation.cite({ instrument: 'cn.app-filing-notice-2023', article: null }) });
    }
  }
  const psb = explanation.number('icp.psbNetworkingFilingDays');
  obligations.push(explanation.obligation('psb_networking_filing', say('engine.icp.obligation.psbNetworking.title'), say('engine.icp.obligation.psbNetworking.detail', { days: psb.value }), psb.citation));
  if (profile.organisation.sectors.includes('media') || system.dataCategories.includes('user_generated_content')) {
    obligations.push(explanation.obligation('record_keeping', say('engine.icp.obligation.recordKeeping.title'), say('engine.icp.obligation.recordKeeping.detail'), { instrument: 'cn.iis-measures', article: '14' }));
  }
  return { requirement, ediLicence, appliesToCurrentHosting: hostedInMainland, prerequisites, obligations, ...explanation.result() };
}
