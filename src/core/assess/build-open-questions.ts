// Open questions: every default the profile relied on, every point flagged for legal review, and
// facts a determination needed but did not have.
import type { DefaultUse } from '../profile/normalise-profile.ts';
import type { OpenQuestion } from './assessment-schema.ts';
import type { AssessmentCore } from './build-findings.ts';
import type { AssessContext } from './explanation.ts';

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The legal-review reasons of every determination, each once, in the order the assessment lists
 * the determinations (test/assess-collect.test.ts checks this against a walk of the whole tree).
 */
function reviewReasons(assessment: AssessmentCore): Set<string> {
  const reasons = new Set<string>();
  const add = (list: readonly string[]) => {
    for (const reason of list) reasons.add(reason);
  };
  const { jurisdiction, cbdt, cii } = assessment.organisation;
  add(jurisdiction.legalReviewReasons);
  add(cbdt.legalReviewReasons);
  add(cii.legalReviewReasons);
  add(assessment.organisation.networkData.legalReviewReasons);
  for (const system of assessment.systems) {
    add(system.mlps.legalReviewReasons);
    add(system.icp.legalReviewReasons);
    add(system.hosting.legalReviewReasons);
    add(system.incidentReporting.legalReviewReasons);
  }
  add(assessment.timeline.legalReviewReasons);
  add(assessment.exposure.legalReviewReasons);
  return reasons;
}

export function buildOpenQuestions(context: AssessContext, assessment: AssessmentCore, defaultsUsed: DefaultUse[]): OpenQuestion[] {
  const questions: Omit<OpenQuestion, 'id'>[] = [];
  for (const used of defaultsUsed) {
    questions.push({ kind: 'default_relied_on', question: `Confirm ${used.path}: Landfall assumed ${describe(used.value)}.`, detail: used.reason, path: used.path });
  }
  const { profile } = context;
  const regional = profile.transfers.filter((t) => t.destination === 'HK' || t.destination === 'MO');
  if (regional.length > 0 && profile.organisation.mainlandCity == null) {
    questions.push({ kind: 'missing_fact', question: 'Is the mainland entity registered in one of the nine Greater Bay Area cities?', detail: `Transfers ${regional.map((t) => t.id).join(', ')} go to Hong Kong or Macau; the GBA standard contract is open only to parties registered in the GBA.`, path: 'organisation.mainlandCity' });
  }
  for (const flow of assessment.organisation.cbdt.transfers.filter((t) => t.implied)) {
    questions.push({ kind: 'missing_fact', question: `How many individuals' PI does ${flow.fromSystem} collect into its hosting outside the mainland each year, and how many with sensitive PI?`, detail: `No transfer was listed from it; Landfall counted its registered users (${flow.nonSensitiveIndividuals}) as ${flow.transfer}.`, path: 'transfers' });
  }
  for (const reason of reviewReasons(assessment)) questions.push({ kind: 'legal_review', question: 'Legal review needed', detail: reason, path: null });
  return questions.map((question, index) => ({ id: `Q${index + 1}`, ...question }));
}
