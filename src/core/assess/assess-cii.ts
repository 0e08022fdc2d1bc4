// Critical information infrastructure: a CII operator exists only once a protection work department
// has notified it (CII Regulations Art. 10). Being in an Art. 2 sector makes designation plausible.
import type { CiiDetermination, Obligation } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';
import { CII_SECTORS } from '../profile/profile-schema.ts';

function ciiObligations(explanation: Explanation): Obligation[] {
  return [
    explanation.obligation('localisation', 'Data localisation', 'Store PI and important data collected or generated in the mainland inside the mainland; any export needs a CAC security assessment.', { provision: 'csl.cii-localisation' }),
    explanation.obligation('pi_localisation', 'PI localisation under PIPL', 'CII operators store PI in the mainland; export only after a security assessment.', { instrument: 'cn.pipl', article: '40' }),
    explanation.obligation('security_organisation', 'Dedicated security organisation', 'A dedicated security management body, with security background checks on its head and on key-post staff.', { instrument: 'cn.cii-regulations', article: '14' }),
    explanation.obligation('background_checks', 'Background checks on key staff', 'Security background checks for the security lead and key posts; disaster recovery and regular drills.', { provision: 'csl.cii-extra-duties' }),
    explanation.obligation('annual_assessment', 'Annual testing and risk assessment', 'Test and assess security risks at least once a year, in house or through a service provider, and report to the protection work department.', { provision: 'csl.cii-annual-assessment' }),
    explanation.obligation('procurement_review', 'Procurement security review', 'Prefer secure and trustworthy products; purchases that may affect national security go through cybersecurity review.', { instrument: 'cn.cii-regulations', article: '19' }),
    explanation.obligation('cybersecurity_review', 'Cybersecurity review', 'Network products and services that may affect national security are reviewed before purchase.', { instrument: 'cn.cybersecurity-review-measures', article: null }),
    explanation.obligation('commercial_crypto', 'Commercial cryptography and its assessment', 'Use commercial cryptography, plan, build and run it with the system, pass a commercial-crypto application security assessment (密评) before going live and repeat it at least once a year.', { instrument: 'cn.commercial-crypto-regulations-2023', article: '38' }),
    explanation.obligation('mlps_level', 'MLPS level 3 or higher', 'In practice CII systems are graded at level 3 or above (MPS guidance of 2020).', { instrument: 'cn.mps-cii-mlps-guidance-2020', article: null }, true),
    explanation.obligation('incident_reporting', 'Incident reporting', 'Report major incidents to the protection work department and the public security organ.', { instrument: 'cn.cii-regulations', article: '18' }),
  ];
}

export function assessCii(context: AssessContext): CiiDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const sectors = profile.organisation.sectors.filter((sector) => (CII_SECTORS as readonly string[]).includes(sector));
  const notified = profile.organisation.ciiNotified;
  explanation.step('Has a protection work department notified the firm that it operates CII?', notified ? 'Yes: the firm is a CII operator.' : 'No.', {
    citation: explanation.cite({ instrument: 'cn.cii-regulations', article: '10' }),
    facts: { ciiNotified: notified },
  });
  explanation.step('Is the firm in a sector named in CII Regulations Art. 2?', sectors.length > 0 ? `Yes: ${sectors.join(', ')}.` : 'No.', {
    citation: explanation.cite({ instrument: 'cn.cii-regulations', article: '2' }),
    facts: { sectors: profile.organisation.sectors },
  });
  if (sectors.includes('defence_industry')) {
    explanation.step('Defence industry', 'Named in CII Regulations Art. 2 but not in the CSL sector list.', { citation: explanation.cite({ provision: 'csl.cii-sectors' }) });
  }
  const status: CiiDetermination['status'] = notified ? 'notified' : sectors.length > 0 ? 'candidate' : 'not_indicated';
  const obligations = status === 'not_indicated' ? [] : ciiObligations(explanation);
  if (status === 'candidate') {
    explanation.step('What does candidacy mean?', 'Only a notification makes a CII operator. Until then the obligations below are what designation would add; plan systems so they can be met (mainland storage, level 3, annual assessment).');
  }
  return { status, sectors, obligations, ...explanation.result() };
}
