// The security-assessment declaration pack (数据出境安全评估申报): the materials of 2022 Assessment
// Measures Art. 6 (with the eight items the filing guide lists), the outline of the outbound-risk
// self-assessment report (the matters of Art. 5), the transfers the declaration covers, and what
// follows approval: validity, the extension window and re-filing on change.
import type { Assessment, CitationOut } from '../assess/assessment-schema.ts';
import type { LawBook } from '../law/content-schema.ts';
import { cite, readParameter, readParameterIfInForce } from '../law/law-book.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import { notDraftable } from './mlps-grading.ts';
import type { InstrumentId } from '../law/content-ids.ts';
import { findBy } from '../list-lookup.ts';

export interface SecurityAssessmentPack {
  kind: 'security-assessment';
  asOf: string;
  handler: string;
  transfers: Array<{ transfer: string; reason: string; destination: string | null; nonSensitiveIndividuals: number; sensitiveIndividuals: number; importantData: boolean }>;
  materials: string[];
  guideMaterials: string[];
  selfAssessment: { maxAgeMonths: number; matters: string[]; citation: CitationOut; needsLegalReview: boolean };
  validity: { years: number; renewalWorkingDays: number; extensionYears: number | null; citation: CitationOut };
  refileOn: CitationOut;
  basis: CitationOut[];
}

export function securityAssessmentPack(book: LawBook, profile: Profile, assessment: Assessment): SecurityAssessmentPack {
  const { cbdt } = assessment.organisation;
  if (cbdt.mechanism !== 'security_assessment') {
    throw notDraftable([{ path: 'kind', message: `the transfer route as of ${assessment.asOf} is ${cbdt.mechanism.replaceAll('_', ' ')}; a security-assessment declaration applies only where the route is a CAC security assessment` }]);
  }
  const asOf = assessment.asOf;
  const covered = cbdt.transfers.filter((treatment) => treatment.treatment === 'assessment_required' || treatment.treatment === 'counted');
  const validity = readParameter<number>(book, 'cbdt.assessment.validityYears', asOf);
  const extension = readParameterIfInForce<number | null>(book, 'cbdt.assessment.extensionYears', asOf);
  const refile = cbdt.procedure.find((step) => step.id === 'refile_on_change');
  return {
    kind: 'security-assessment',
    asOf,
    handler: profile.organisation.name,
    transfers: covered.map((treatment) => ({
      transfer: treatment.transfer, reason: treatment.reason, destination: treatment.destination,
      nonSensitiveIndividuals: treatment.nonSensitiveIndividuals, sensitiveIndividuals: treatment.sensitiveIndividuals,
      importantData: findBy(profile.transfers, 'id', treatment.transfer)?.importantData ?? false,
    })),
    // Art. 6: the declaration form, the self-assessment report, the legal documents with the recipient, other materials.
    materials: ['declaration', 'selfAssessment', 'legalDocuments', 'other'],
    // The filing guide's eight items, as the fact base reports them (secondary).
    guideMaterials: ['creditCode', 'legalRepresentativeId', 'agentId', 'agentAuthorisation', 'declaration', 'legalDocuments', 'selfAssessment', 'other'],
    selfAssessment: {
      maxAgeMonths: readParameter<number>(book, 'cbdt.assessment.selfAssessmentMaxAgeMonths', asOf).value,
      matters: ['lawfulness', 'scale', 'recipient', 'risks', 'contract', 'other'],
      citation: cite(book, asOf, { instrument: 'cn.cbdt.assessment-measures-2022', article: '5' }),
      // The matters are Landfall's summary of Art. 5; the article's own wording is not in the fact base.
      needsLegalReview: true,
    },
    validity: { years: validity.value, renewalWorkingDays: readParameter<number>(book, 'cbdt.assessment.renewalWorkingDaysBeforeExpiry', asOf).value, extensionYears: extension?.value ?? null, citation: validity.citation },
    refileOn: refile?.citation ?? cite(book, asOf, { instrument: 'cn.cbdt.assessment-measures-2022', article: '14' }),
    basis: [cite(book, asOf, { instrument: 'cn.cbdt.assessment-measures-2022', article: '6' }), cite(book, asOf, { instrument: cbdt.regime.id as InstrumentId, article: null })],
  };
}
