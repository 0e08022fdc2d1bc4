// Critical information infrastructure: a CII operator exists only once a protection work department
// has notified it (CII Regulations Art. 10). Being in an Art. 2 sector makes designation plausible.
import type { CiiDetermination, Obligation } from './assessment-schema.ts';
import { Explanation } from './explanation.ts';
import type { FactsContext } from './shared-answers.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { CodeCitationRef } from '../law/content-schema.ts';

function ciiObligations(explanation: Explanation): Obligation[] {
  const { say } = explanation;
  const add = (id: string, key: string, ref: Parameters<Explanation['obligation']>[3], needsLegalReview = false) =>
    explanation.obligation(id, say(`engine.cii.obligation.${key}.title`), say(`engine.cii.obligation.${key}.detail`), ref, needsLegalReview);
  return [
    add('localisation', 'localisation', { provision: 'csl.cii-localisation' }),
    add('pi_localisation', 'piLocalisation', { instrument: 'cn.pipl', article: '40' }),
    add('security_organisation', 'securityOrganisation', { instrument: 'cn.cii-regulations', article: '14' }),
    add('background_checks', 'backgroundChecks', { provision: 'csl.cii-extra-duties' }),
    add('annual_assessment', 'annualAssessment', { provision: 'csl.cii-annual-assessment' }),
    add('procurement_review', 'procurementReview', { instrument: 'cn.cii-regulations', article: '19' }),
    add('cybersecurity_review', 'cybersecurityReview', { instrument: 'cn.cybersecurity-review-measures', article: null }),
    add('commercial_crypto', 'commercialCrypto', { instrument: 'cn.commercial-crypto-regulations-2023', article: '38' }),
    add('mlps_level', 'mlpsLevel', { instrument: 'cn.mps-cii-mlps-guidance-2020', article: null }, true),
    add('incident_reporting', 'incidentReporting', { instrument: 'cn.cii-regulations', article: '18' }),
  ];
}

/** What the CII determination reads of the firm: its answer is shared by every firm with these facts (see shared-answers.ts). */
export const CII_FACTS = ['sectors', 'ciiNotified'] as const;

export function assessCii(context: FactsContext<Profile['organisation'], typeof CII_FACTS>): CiiDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const ciiSectors = context.book.tables.sectorLists.ciiSectors;
  const sectors = profile.organisation.sectors.filter((sector) => ciiSectors.sectors.includes(sector));
  const notified = profile.organisation.ciiNotified;
  explanation.step(say('engine.cii.step.notified'), say('engine.cii.result.notified', { notified: notified ? 'yes' : 'no' }), {
    citation: explanation.cite({ instrument: 'cn.cii-regulations', article: '10' }),
    facts: { ciiNotified: notified },
  });
  explanation.step(say('engine.cii.step.sector'), say('engine.cii.result.sector', { found: sectors.length > 0 ? 'yes' : 'no', sectors: sectors.map((sector) => say('engine.cii.sector', { sector })).join(say('common.listSeparator')) }), {
    citation: explanation.cite(ciiSectors.citation as CodeCitationRef),
    facts: { sectors: profile.organisation.sectors },
  });
  if (sectors.includes('defence_industry')) {
    explanation.step(say('engine.cii.step.defence'), say('engine.cii.result.defence'), { citation: explanation.cite({ provision: 'csl.cii-sectors' }) });
  }
  const status: CiiDetermination['status'] = notified ? 'notified' : sectors.length > 0 ? 'candidate' : 'not_indicated';
  const obligations = status === 'not_indicated' ? [] : ciiObligations(explanation);
  if (status === 'candidate') {
    explanation.step(say('engine.cii.step.candidacy'), say('engine.cii.result.candidacy'));
  }
  return { status, sectors, obligations, ...explanation.result() };
}
