// Open questions: every default the profile relied on, every point flagged for legal review, and
// facts a determination needed but did not have.
import type { DefaultUse } from '../profile/normalise-profile.ts';
import type { OpenQuestion } from './assessment-schema.ts';
import type { AssessmentCore } from './build-findings.ts';
import type { AssessContext } from './explanation.ts';

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  // JSON.stringify writes booleans, null and finite numbers as String does.
  if (typeof value === 'boolean' || value === null || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0))) return String(value);
  return JSON.stringify(value);
}

/**
 * The legal-review reasons of every determination, each once, in the order the assessment lists
 * the determinations (test/assess-collect.test.ts checks this against a walk of the whole tree).
 */
function reviewReasons(assessment: AssessmentCore): string[] {
  const reasons: string[] = [];
  let seen: Set<string> | null = null;
  const add = (list: readonly string[]) => {
    for (const reason of list) {
      // Most assessments have a handful of reasons: a list scan, and a set only past that.
      if (seen) {
        if (seen.has(reason)) continue;
        seen.add(reason);
      } else if (reasons.includes(reason)) continue;
      reasons.push(reason);
      if (!seen && reasons.length > 16) seen = new Set(reasons);
    }
  };
  const { jurisdiction, cbdt, cii } = assessment.organisation;
  add(jurisdiction.legalReviewReasons);
  add(cbdt.legalReviewReasons);
  add(cii.legalReviewReasons);
  add(assessment.organisation.networkData.legalReviewReasons);
  add(assessment.organisation.cybersecurityReview.legalReviewReasons);
  add(assessment.organisation.vehicleStandards.legalReviewReasons);
  for (const system of assessment.systems) {
    add(system.mlps.legalReviewReasons);
    add(system.icp.legalReviewReasons);
    add(system.hosting.legalReviewReasons);
    add(system.incidentReporting.legalReviewReasons);
    add(system.algorithms.legalReviewReasons);
    add(system.sensitivePi.legalReviewReasons);
  }
  add(assessment.timeline.legalReviewReasons);
  add(assessment.exposure.legalReviewReasons);
  return reasons;
}

export function buildOpenQuestions(context: AssessContext, assessment: AssessmentCore, defaultsUsed: DefaultUse[]): OpenQuestion[] {
  const questions: OpenQuestion[] = [];
  const ask = (kind: OpenQuestion['kind'], question: string, detail: string, path: string | null) => {
    questions.push({ id: `Q${questions.length + 1}`, kind, question, detail, path });
  };
  const { profile, say } = context;
  // Each default's reason is a message named by the field's path without array indexes (engine-defaults.yaml).
  for (const used of defaultsUsed) ask('default_relied_on', say('engine.openQuestions.default.question', { path: used.path, value: describe(used.value) }), say(`engine.defaults.${used.path.replace(/\[\d+\]/g, '')}`), used.path);
  const regional = profile.transfers.filter((t) => t.destination === 'HK' || t.destination === 'MO');
  if (regional.length > 0 && profile.organisation.mainlandCity == null) {
    ask('missing_fact', say('engine.openQuestions.gba.question'), say('engine.openQuestions.gba.detail', { transfers: regional.map((t) => t.id).join(', ') }), 'organisation.mainlandCity');
  }
  for (const flow of assessment.organisation.cbdt.transfers) {
    if (!flow.implied) continue;
    ask('missing_fact', say('engine.openQuestions.implied.question', { system: String(flow.fromSystem) }), say('engine.openQuestions.implied.detail', { registered: flow.nonSensitiveIndividuals, transfer: String(flow.transfer) }), 'transfers');
  }
  const reviews = reviewReasons(assessment);
  if (reviews.length > 0) {
    const legalReview = say('engine.openQuestions.legalReview.question');
    for (const reason of reviews) ask('legal_review', legalReview, reason, null);
  }
  return questions;
}
