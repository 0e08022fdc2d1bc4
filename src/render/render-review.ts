// A regulatory-change review as a client memo: per firm, what changed in substance (with both
// sides' citations and what it means), then the changes of citation only, kept apart.
import type { AssessmentReview, ChangeKind, DeterminationChange } from '../core/review/diff-assessments.ts';
import type { CitationOut } from '../core/assess/assessment-schema.ts';
import { escapeMarkdown } from './render-assessment-markdown.ts';
import { translator, type Locale, type Translate } from '../i18n/messages.ts';

export interface ReviewEntry {
  file: string;
  review: AssessmentReview;
}

/** The kind of a change in the memo's language. */
export const kindLabel = (t: Translate, kind: ChangeKind): string => t(`review.kind.${kind}`);

const e = escapeMarkdown;
const citeIn = (t: Translate, citation: CitationOut) => (citation.article ? t('review.citeArticle', { title: citation.title, article: citation.article }) : citation.title);
/** The citations of one side of a change, as the memo lists them. */
export const citesIn = (t: Translate, citations: readonly CitationOut[]): string => citations.map((citation) => citeIn(t, citation)).join('; ') || t('review.dash');
const show = (t: Translate, value: unknown): string => (value == null ? t('review.dash') : typeof value === 'string' ? value : typeof value === 'object' && 'title' in (value as object) ? String((value as { title: unknown }).title) : JSON.stringify(value));

function axis(t: Translate, review: AssessmentReview): string {
  const dates = review.before.asOf === review.after.asOf ? t('review.axis.sameDate', { date: review.after.asOf }) : t('review.axis.dates', { from: review.before.asOf, to: review.after.asOf });
  const content = review.before.contentVersion === review.after.contentVersion ? t('review.axis.sameContent', { version: review.after.contentVersion }) : t('review.axis.contents', { from: review.before.contentVersion, to: review.after.contentVersion });
  return t('review.axis', { dates, content });
}

function table(t: Translate, changes: readonly DeterminationChange[]): string[] {
  const head = ['kind', 'impact', 'meaning', 'before', 'after', 'basisBefore', 'basisAfter'].map((column) => t(`review.column.${column}`));
  const out = [`| ${head.join(' | ')} |`, '|---|---|---|---|---|---|---|'];
  for (const change of changes) {
    out.push(`| ${kindLabel(t, change.kind)} | ${t('review.impactRaw', { impact: change.impact })} | ${e(change.meaning)} | ${e(show(t, change.before))} | ${e(show(t, change.after))} | ${e(citesIn(t, change.citations.before))} | ${e(citesIn(t, change.citations.after))} |`);
  }
  return out;
}

/** The calendar's duties dated inside the review's window. */
function dueSection(t: Translate, review: AssessmentReview): string[] {
  if (!review.due || review.due.length === 0) return [];
  const head = ['duty', 'system', 'date', 'basis'].map((column) => t(`review.column.${column}`));
  const out = [`### ${t('review.section.due')}`, '', `| ${head.join(' | ')} |`, '|---|---|---|---|'];
  for (const duty of review.due) out.push(`| ${e(duty.title)}${duty.needsLegalReview ? ' ⚠' : ''} | ${e(duty.system ?? t('review.all'))} | ${duty.dates.join(', ')}${duty.estimated ? t('review.fromPlan') : ''} | ${e(citesIn(t, [duty.citation]))} |`);
  return [...out, ''];
}

/** The review as a Markdown memo, its own words in `locale` (the changes speak the language they were made in). */
export function renderReviewMarkdown(entries: readonly ReviewEntry[], locale: Locale = 'en'): string {
  const t = translator(locale);
  const out: string[] = [`# ${t('review.title')}`, ''];
  if (entries.length > 1) {
    const head = ['firm', 'profile', 'substantive', 'citationOnly', 'highestImpact'].map((column) => t(`review.column.${column}`));
    out.push(`| ${head.join(' | ')} |`, '|---|---|---:|---:|---|');
    for (const { file, review } of entries) out.push(`| ${e(review.organisation)} | ${e(file)} | ${review.summary.substantive} | ${review.summary.citationOnly} | ${review.summary.highestImpact ? t('review.impactRaw', { impact: review.summary.highestImpact }) : t('review.dash')} |`);
    out.push('');
  }
  for (const { file, review } of entries) {
    const substance = review.changes.filter((change) => change.kind !== 'citation');
    const citationOnly = review.changes.filter((change) => change.kind === 'citation');
    out.push(`## ${e(review.organisation)}`, '', t('review.profileLine', { file: e(file), axis: axis(t, review) }), '');
    const due = dueSection(t, review);
    if (review.changes.length === 0) {
      out.push(t('review.noChange'), '', ...due);
      continue;
    }
    out.push(t('review.counts', { substance: substance.length, citationOnly: citationOnly.length }), '');
    if (substance.length > 0) out.push(`### ${t('review.section.substance')}`, '', ...table(t, substance), '');
    if (citationOnly.length > 0) out.push(`### ${t('review.section.citations')}`, '', ...table(t, citationOnly), '');
    out.push(...due);
  }
  out.push(t('review.disclaimer'));
  return `${out.join('\n')}\n`;
}
