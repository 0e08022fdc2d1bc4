// A regulatory-change review as a client memo: per firm, what changed in substance (with both
// sides' citations and what it means), then the changes of citation only, kept apart.
import type { AssessmentReview, ChangeKind, DeterminationChange } from '../core/review/diff-assessments.ts';
import type { CitationOut } from '../core/assess/assessment-schema.ts';
import { escapeMarkdown } from './render-assessment-markdown.ts';

export interface ReviewEntry {
  file: string;
  review: AssessmentReview;
}

export const KIND_LABEL: Record<ChangeKind, string> = {
  route: 'Transfer route',
  grade: 'MLPS grade',
  icp: 'ICP',
  hosting: 'Hosting',
  duty_added: 'New duty',
  duty_removed: 'Duty removed',
  deadline: 'Time limit or figure',
  penalty: 'Penalty',
  citation: 'Citation only',
  timeline: 'Timeline',
  other: 'Other',
};

const e = escapeMarkdown;
const cites = (citations: readonly CitationOut[]) => citations.map((citation) => `${citation.title}${citation.article ? ` Art. ${citation.article}` : ''}`).join('; ') || '–';
const show = (value: unknown): string => (value == null ? '–' : typeof value === 'string' ? value : typeof value === 'object' && 'title' in (value as object) ? String((value as { title: unknown }).title) : JSON.stringify(value));

function axis(review: AssessmentReview): string {
  const dates = review.before.asOf === review.after.asOf ? `as of ${review.after.asOf}` : `from ${review.before.asOf} to ${review.after.asOf}`;
  const content = review.before.contentVersion === review.after.contentVersion ? `content ${review.after.contentVersion}` : `content ${review.before.contentVersion} → ${review.after.contentVersion}`;
  return `${dates}, ${content}`;
}

function table(changes: readonly DeterminationChange[]): string[] {
  const out = ['| Kind | Impact | What it means | Before | After | Basis before | Basis after |', '|---|---|---|---|---|---|---|'];
  for (const change of changes) {
    out.push(`| ${KIND_LABEL[change.kind]} | ${change.impact} | ${e(change.meaning)} | ${e(show(change.before))} | ${e(show(change.after))} | ${e(cites(change.citations.before))} | ${e(cites(change.citations.after))} |`);
  }
  return out;
}

/** The calendar's duties dated inside the review's window. */
function dueSection(review: AssessmentReview): string[] {
  if (!review.due || review.due.length === 0) return [];
  const out = ['### Due in this period', '', '| Duty | System | Date | Basis |', '|---|---|---|---|'];
  for (const duty of review.due) out.push(`| ${e(duty.title)}${duty.needsLegalReview ? ' ⚠' : ''} | ${e(duty.system ?? 'All')} | ${duty.dates.join(', ')}${duty.estimated ? ' (from the plan)' : ''} | ${e(cites([duty.citation]))} |`);
  return [...out, ''];
}

export function renderReviewMarkdown(entries: readonly ReviewEntry[]): string {
  const out: string[] = ['# Regulatory-change review', ''];
  if (entries.length > 1) {
    out.push('| Firm | Profile | Changes in substance | Citation only | Highest impact |', '|---|---|---:|---:|---|');
    for (const { file, review } of entries) out.push(`| ${e(review.organisation)} | ${e(file)} | ${review.summary.substantive} | ${review.summary.citationOnly} | ${review.summary.highestImpact ?? '–'} |`);
    out.push('');
  }
  for (const { file, review } of entries) {
    const substance = review.changes.filter((change) => change.kind !== 'citation');
    const citationOnly = review.changes.filter((change) => change.kind === 'citation');
    out.push(`## ${e(review.organisation)}`, '', `Profile \`${e(file)}\`, ${axis(review)}.`, '');
    const due = dueSection(review);
    if (review.changes.length === 0) {
      out.push('No determination changed.', '', ...due);
      continue;
    }
    out.push(`**${substance.length}** change${substance.length === 1 ? '' : 's'} in substance, **${citationOnly.length}** of citation only.`, '');
    if (substance.length > 0) out.push('### What changes for the client', '', ...table(substance), '');
    if (citationOnly.length > 0) out.push('### Citations only (no change in what the firm must do)', '', ...table(citationOnly), '');
    out.push(...due);
  }
  out.push('Landfall is not legal advice; answers that rest on unconfirmed sources are flagged in the assessment.');
  return `${out.join('\n')}\n`;
}
