// ICP: nothing, a non-commercial filing (备案) or a commercial licence (许可证), which are different
// things (IIS Measures Arts. 3-4); an EDI licence for platforms; and the filings around them.
import { getInstrument, isInForce } from '../law/law-book.ts';
import { OPENING_PILOT_AREAS, type SystemProfile } from '../profile/profile-schema.ts';
import type { IcpDetermination, Obligation } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';

function pilotArea(city: string | null): string | undefined {
  return city == null ? undefined : OPENING_PILOT_AREAS.find((candidate) => candidate.match.test(city))?.area;
}

/** Sectors whose online services need a sector pre-approval before the filing or licence (IIS Measures Art. 5). */
const PRE_APPROVAL_SECTORS: Record<string, string> = {
  healthcare: 'health care, drugs and medical devices',
  education: 'education',
  media: 'news and publishing',
  gaming: 'online publishing of games',
};

/** Sectors in which the 2024 Negative List prohibits foreign investment in the online service itself. */
const PROHIBITED_FOREIGN_INVESTMENT: Record<string, string> = {
  media: 'internet news information, online publishing and online audio-visual programmes',
  gaming: 'online publishing and internet culture (online games)',
};

export function assessIcp(context: AssessContext, system: SystemProfile): IcpDetermination {
  const { profile, asOf, book } = context;
  const explanation = new Explanation(context);
  const obligations: Obligation[] = [];
  const publicService = system.servesMainlandUsers && system.internetFacing && system.audience !== 'internal';
  explanation.step('Does the system provide an internet information service to the mainland public?', publicService ? 'Yes.' : `No (${!system.servesMainlandUsers ? 'no mainland users' : system.audience === 'internal' ? 'internal system' : 'not reachable by the public'}).`, {
    citation: explanation.cite({ instrument: 'cn.iis-measures', article: '3' }),
    facts: { servesMainlandUsers: system.servesMainlandUsers, internetFacing: system.internetFacing, audience: system.audience },
  });
  const hostedInMainland = system.hosting === 'mainland';
  if (!publicService) {
    return { requirement: 'none', ediLicence: false, appliesToCurrentHosting: false, prerequisites: [], obligations, ...explanation.result() };
  }
  const requirement = system.commercialService ? 'licence' : 'filing';
  explanation.step('Commercial (paid information service or platform) or non-commercial?', system.commercialService
    ? 'Commercial: an ICP licence (value-added telecom business licence), not a filing.'
    : 'Non-commercial: an ICP filing with the provincial communications administration, not a licence.', {
    citation: explanation.cite({ instrument: 'cn.iis-measures', article: '4' }),
    facts: { commercialService: system.commercialService },
  });
  const ediLicence = system.platform && system.commercialService;
  if (system.platform && !system.commercialService) {
    explanation.review(`System ${system.id}: a platform on which third parties transact is normally a commercial service; check whether it needs an ICP licence and an EDI licence.`);
  }
  if (requirement === 'licence') {
    const decision = explanation.number('icp.licenceDecisionDays');
    obligations.push(explanation.obligation('icp_licence', 'ICP licence', `Apply to the provincial communications administration (one province) or MIIT (cross-province); decision within ${decision.value} days. The applicant must be a company established in the mainland.`, decision.citation));
  } else {
    const decision = explanation.range('icp.filingDecisionWorkingDays');
    obligations.push(explanation.obligation('icp_filing', 'ICP filing', `Filed through the mainland hosting (access) provider with the provincial communications administration, which decides within ${decision.value.max} working days (${decision.value.min} in some provinces); the filing number is shown on the home page.`, decision.citation));
  }
  if (ediLicence) {
    obligations.push(explanation.obligation('edi_licence', 'EDI licence (online data and transaction processing)', 'A platform or marketplace on which third parties transact needs a value-added telecom licence for online data processing and transaction processing (在线数据处理与交易处理业务), item B21 of the telecommunications services catalogue; MIIT grants it for services across provinces, the provincial administration for one province (Telecom Regulations Art. 9).', { instrument: 'cn.telecom-services-catalogue-2015', article: 'B21' }, true));
    explanation.step('Who grants the EDI licence?', 'MIIT for a service covering two or more provinces, the provincial communications administration for one province.', { citation: explanation.cite({ instrument: 'cn.telecom-regulations', article: '9' }) });
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
          title: 'A legal entity established in the mainland',
          met: entityMet,
          detail: 'The filing is made by the operator of the site with the communications administration of the province where it is domiciled; a foreign company has no such domicile.',
          for: 'filing',
          citation: explanation.cite({ instrument: 'cn.icp-filing-measures', article: null }),
        },
        {
          id: 'mainland_hosting',
          title: 'Hosting in the mainland',
          met: hostedInMainland ? 'yes' : 'no',
          detail: 'The filing is made through the mainland access provider that hosts the service; a service hosted elsewhere cannot obtain one.',
          for: 'filing',
          citation: explanation.cite({ instrument: 'cn.icp-filing-measures', article: null }),
        },
      ]
    : [
        {
          id: 'domestic_entity',
          title: 'A company lawfully established in the mainland',
          met: entityMet,
          detail: 'A value-added telecom licence is granted only to a company lawfully established in the PRC, with funds and staff suited to the business.',
          for: 'licence',
          citation: explanation.cite({ instrument: 'cn.telecom-regulations', article: '13' }),
        },
      ];
  explanation.step(`Prerequisites of the ${requirement}`, prerequisites.map((item) => `${item.title}: ${item.met}`).join('; ') + '.', {
    citation: prerequisites[0]!.citation!,
  });
  if (requirement === 'licence') {
    explanation.step('Licence application', 'The application goes to MIIT or the provincial administration with the documents the Telecom Regulations Art. 13 require; the access provider then checks the licence before serving the site.', {
      citation: explanation.cite({ instrument: 'cn.iis-measures', article: '7' }),
    });
  }
  if (!hostedInMainland) {
    explanation.step('Hosted outside the mainland', 'No filing can be obtained for the current hosting; mainland users reach the service across the border, which is a reliability problem for the product. The requirement applies once the service is hosted in the mainland.', {
      citation: explanation.cite({ instrument: 'cn.icp-filing-measures', article: null }),
    });
    explanation.review(`System ${system.id}: that a service hosted outside the mainland cannot obtain an ICP filing follows from the access-provider model of MIIT Order 33, not from express rule text.`);
  }

  const foreignShare = profile.organisation.foreignOwnershipPercent ?? (profile.organisation.headquarters === 'CN' ? 0 : 100);
  if (requirement === 'licence') {
    const cap = explanation.number('icp.valueAddedTelecomForeignCapPercent');
    const ecommerceException = profile.organisation.sectors.includes('ecommerce') && ediLicence;
    const city = profile.organisation.mainlandCity?.trim().toLowerCase() ?? null;
    const excludedSector = profile.organisation.sectors.find((sector) => sector in PROHIBITED_FOREIGN_INVESTMENT);
    // The pilot excludes news, publishing, audio-visual and internet culture: no help for those sectors.
    const pilot = excludedSector ? undefined : pilotArea(city);
    const pilotLaunched = isInForce(book, 'cn.vat-opening-pilot-2024', asOf);
    if (city != null && /shanghai/.test(city) && !/lingang/.test(city)) {
      explanation.step('Opening pilot in Shanghai', 'Only the Lingang new area is in the 2024 pilot; name it in organisation.mainlandCity (e.g. "shanghai lingang") if the entity is registered there.');
    }
    let result: string;
    if (foreignShare <= cap.value) result = `Foreign share ${foreignShare}% is within the ${cap.value}% cap.`;
    else if (ecommerceException && isInForce(book, 'cn.negative-list-2024', asOf)) result = `Foreign share ${foreignShare}% exceeds ${cap.value}%, but e-commerce (EDI) is open to full foreign ownership under the 2024 Negative List.`;
    else if (pilot && pilotLaunched) result = `Foreign share ${foreignShare}% exceeds ${cap.value}%; the entity is in a 2024 opening-pilot area (${pilot}), where caps are lifted for EDI, information publishing platforms and information protection services, subject to MIIT pilot approval.`;
    else result = `Foreign share ${foreignShare}% exceeds the ${cap.value}% cap: a licence needs a mainland partner holding at least ${100 - cap.value}%, or a pilot-area entity where the service qualifies.`;
    explanation.step('Foreign-ownership cap for value-added telecom', result, { citation: cap.citation, facts: { foreignOwnershipPercent: foreignShare } });
    if (pilot && pilotLaunched) {
      obligations.push(explanation.obligation('opening_pilot', '2024 value-added telecom opening pilot', `${pilot}: foreign-equity caps removed for IDC, CDN, ISP, EDI, information publishing platforms and information protection services (not news, publishing, audio-visual or internet culture); apply to MIIT for pilot approval.`, { instrument: 'cn.vat-opening-pilot-2024', article: null }, true));
    }
    if (city != null && !pilot && !excludedSector) {
      explanation.step('Opening pilot', `${city} is not in one of the four pilot areas (Beijing, Shanghai Lingang, Hainan, Shenzhen).`);
    }
    prerequisites.push({ id: 'foreign_ownership', title: `Foreign shareholding within the ${cap.value}% cap (or an exception)`, met: foreignShare <= cap.value ? 'yes' : 'no', detail: result, for: 'licence', citation: cap.citation });
  }
  for (const sector of profile.organisation.sectors) {
    const prohibited = PROHIBITED_FOREIGN_INVESTMENT[sector];
    if (prohibited && foreignShare > 0) {
      obligations.push(explanation.obligation(`prohibited_${sector}`, 'Foreign investment prohibited', `The 2024 Negative List prohibits foreign investment in ${prohibited}: the service must be operated or published through a mainland-owned licence holder.`, { instrument: 'cn.negative-list-2024', article: null }, true));
    }
    const preApproval = PRE_APPROVAL_SECTORS[sector];
    if (preApproval) {
      obligations.push(explanation.obligation(`pre_approval_${sector}`, 'Sector pre-approval', `Online services in ${preApproval} need the sector regulator's approval before the ICP filing or licence.`, { instrument: 'cn.iis-measures', article: '5' }));
    }
  }

  const appChannels = system.channels.filter((channel) => channel === 'app' || channel === 'mini_program');
  if (appChannels.length > 0) {
    const required = explanation.parameter<boolean>('icp.appFilingRequired');
    if (required.value) {
      obligations.push(explanation.obligation('app_filing', 'App and mini-program filing', `File ${appChannels.map((channel) => channel.replace('_', ' ')).join(' and ')} before launch${appChannels.includes('mini_program') ? ' (mini programs through the WeChat platform, which acts as filing agent)' : ''}; unfiled apps are removed from distribution.`, required.citation));
    } else {
      explanation.step('App and mini-program filing', `Not yet required on this date (from ${getInstrument(book, 'cn.app-filing-notice-2023').effective}).`, { citation: explanation.cite({ instrument: 'cn.app-filing-notice-2023', article: null }) });
    }
  }
  const psb = explanation.number('icp.psbNetworkingFilingDays');
  obligations.push(explanation.obligation('psb_networking_filing', 'Public-security networking filing', `File with the public-security body within ${psb.value} days of the service going live.`, psb.citation));
  if (profile.organisation.sectors.includes('media') || system.dataCategories.includes('user_generated_content')) {
    obligations.push(explanation.obligation('record_keeping', 'Record keeping', 'News, publishing and bulletin-board services keep records for 60 days.', { instrument: 'cn.iis-measures', article: '14' }));
  }
  return { requirement, ediLicence, appliesToCurrentHosting: hostedInMainland, prerequisites, obligations, ...explanation.result() };
}
