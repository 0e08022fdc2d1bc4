// The annex's numbers, derived once from the kept items and shown the same everywhere: on screen,
// in every export, in the framing and in the confidence line.
import type { ConfidenceRating } from './annex-types.ts';

/** What the counts read of an item (a stored item or a derived one). */
export interface CountableItem {
  status: string;
  superseded?: boolean;
  data: Record<string, unknown>;
}

export interface AnnexCounts {
  requirements: number;
  confirmed: number;
  pending: number;
  categories: number;
  openQuestions: number;
  /** Of the open questions, those for counsel. */
  legalReviewQuestions: number;
  assumptions: number;
  /** Assumptions nobody has confirmed yet. */
  unconfirmedAssumptions: number;
  decisionsNeeded: number;
  /** Live items resting on a point flagged for legal review, not yet confirmed or resolved. */
  legalReview: number;
  /** Decisions needed plus open questions: what stands between the annex and Final. */
  unresolved: number;
}

const SETTLED = new Set(['confirmed', 'resolved', 'accepted', 'superseded']);
const sectionOf = (item: CountableItem) => (item.data.section as string | undefined) ?? 'register';

export function annexCounts(items: readonly CountableItem[]): AnnexCounts {
  const live = items.filter((item) => !item.superseded);
  const register = live.filter((item) => sectionOf(item) === 'register');
  const questions = live.filter((item) => sectionOf(item) === 'open_question' && item.status === 'open');
  const assumptions = live.filter((item) => sectionOf(item) === 'assumption');
  const decisionsNeeded = live.filter((item) => item.status === 'decision_needed' || (sectionOf(item) === 'decision' && item.status === 'proposed')).length;
  const confirmed = register.filter((item) => item.status === 'confirmed').length;
  return {
    requirements: register.length,
    confirmed,
    pending: register.length - confirmed,
    categories: new Set(register.map((item) => item.data.category)).size,
    openQuestions: questions.length,
    legalReviewQuestions: questions.filter((item) => item.data.needsLegalReview === true).length,
    assumptions: assumptions.length,
    unconfirmedAssumptions: assumptions.filter((item) => !SETTLED.has(item.status)).length,
    decisionsNeeded,
    legalReview: live.filter((item) => item.data.needsLegalReview === true && !SETTLED.has(item.status)).length,
    unresolved: decisionsNeeded + questions.length,
  };
}

/** Live items nobody has confirmed, resolved or accepted yet: what Final lists before it is set. */
export function unconfirmedItems<T extends CountableItem>(items: readonly T[]): T[] {
  return items.filter((item) => !item.superseded && !SETTLED.has(item.status));
}

/** The confidence rating from the same counts, with the reason in the same numbers. */
export function annexConfidence(counts: AnnexCounts): { rating: ConfidenceRating; reason: string } {
  const facts = counts.openQuestions - counts.legalReviewQuestions;
  const score = facts + 2 * counts.legalReviewQuestions + Math.ceil(counts.unconfirmedAssumptions / 2);
  const rating: ConfidenceRating = score === 0 ? 'High' : score <= 3 ? 'Medium-High' : score <= 8 ? 'Medium' : score <= 15 ? 'Low-Medium' : 'Low';
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return {
    rating,
    reason: score === 0
      ? 'No open question and no unconfirmed assumption: the determinations rest on confirmed facts.'
      : `${plural(counts.openQuestions, 'open question', 'open questions')} (${plural(counts.legalReviewQuestions, 'is', 'are')} for legal review) and ${plural(counts.unconfirmedAssumptions, 'unconfirmed assumption', 'unconfirmed assumptions')}; answering them raises the rating.`,
  };
}

/** "29 items need a decision or an answer", from the same counts. */
export function unresolvedSentence(counts: AnnexCounts): string {
  if (counts.unresolved === 0) return 'Nothing is waiting for a decision or an answer.';
  return `${counts.decisionsNeeded} ${counts.decisionsNeeded === 1 ? 'item needs' : 'items need'} a decision and ${counts.openQuestions} ${counts.openQuestions === 1 ? 'question needs' : 'questions need'} an answer; they are listed under decisions, open questions and next actions.`;
}
