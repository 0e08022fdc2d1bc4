// The engagement use cases: the server's routes and the demo loader call these, never core and the
// store separately. Each takes the AppContext; the store only keeps what it is given.
import type { Assessment } from '../core/assess/assessment-schema.ts';
import type { DeterminationChange } from '../core/review/diff-assessments.ts';
import type { GapOptions, ProfileGaps } from '../core/controls/profile-gaps.ts';
import { inDerivedWords, type StoredAnnexItem } from '../core/annex/merge-annex.ts';
import type { Locale } from '../i18n/messages.ts';
import type { AnnexFrame } from '../store/workspace-store.ts';
import { assessAndDerive, deriveFor } from './annex.ts';
import { assessInput } from './assess.ts';
import { gapsForInput } from './documents.ts';
import type { AppContext } from './context.ts';

export interface ProfileWrite {
  userId: string;
  input: unknown;
  /** The profile as the person wrote it (YAML or JSON), kept beside the parsed value. */
  sourceText: string | null;
  /** The date the new version is assessed as of; default today. */
  asOf?: string;
}

/** A new engagement: the profile assessed, its annex derived, the caller its owner. */
export async function createEngagement(context: AppContext, write: ProfileWrite & { name: string }): Promise<string> {
  const derived = assessAndDerive(context, write.input, write.asOf ?? context.clock.today());
  return context.repos.insertEngagement(write.userId, write.name, write.input, write.sourceText, derived);
}

/** A new immutable profile version, its assessment, and the annex merged with people's edits; the engagement's new version. */
export async function updateProfile(context: AppContext, engagementId: string, write: ProfileWrite & { expectedVersion: number }): Promise<number> {
  const derived = assessAndDerive(context, write.input, write.asOf ?? context.clock.today());
  return context.repos.insertProfileVersion(engagementId, write.userId, write.input, write.sourceText, write.expectedVersion, derived);
}

/** What-if: a profile assessed as of a date; nothing is stored. */
export function preview(context: AppContext, input: unknown, asOf?: string, locale: Locale = 'en'): Assessment {
  return assessInput(context, input, asOf ?? context.clock.today(), locale);
}

/** The newest profile's assessment: as stored (English), or assessed again as of another date or in another language. */
export async function assessmentAsOf(context: AppContext, engagementId: string, asOf?: string, locale: Locale = 'en'): Promise<Assessment> {
  const latest = await context.repos.latest(engagementId);
  if ((asOf == null || asOf === latest.assessment.asOf) && locale === 'en') return latest.assessment;
  return assessInput(context, latest.profile, asOf ?? latest.assessment.asOf, locale);
}

/**
 * The annex's frame and kept items in a language. English is what is stored. Another language
 * assesses the newest profile version again at the stored assessment's date in that language,
 * derives the annex from it, and gives the kept items its words by item key; each item's status,
 * owner, due date, notes and a person's edited text stay as kept.
 */
export async function annexInLanguage(context: AppContext, engagementId: string, locale: Locale): Promise<{ frame: AnnexFrame; items: StoredAnnexItem[] }> {
  const { repos } = context;
  const [frame, items] = await Promise.all([repos.annexFrame(engagementId), repos.annexItems(engagementId)]);
  if (locale === 'en') return { frame, items };
  const latest = await repos.latest(engagementId);
  const { items: drafts, ...localised } = deriveFor(context, assessInput(context, latest.profile, latest.assessment.asOf, locale), locale);
  return { frame: localised, items: inDerivedWords(items, drafts) };
}

/** The GB/T 22239-2019 gap register of the newest profile (every system, or one), in a language. */
export async function gapsOf(context: AppContext, engagementId: string, asOf: string, options: GapOptions = {}, locale: Locale = 'en'): Promise<ProfileGaps> {
  const latest = await context.repos.latest(engagementId);
  return gapsForInput(context, latest.profile, asOf, options, locale);
}

/**
 * Accepting a regulatory-change review: the newest profile re-assessed on the review's later date
 * with the current content, the annex re-derived and merged, and every item resting on a changed
 * determination marked for re-review (the store does the writing, in one transaction).
 */
export async function acceptReview(context: AppContext, engagementId: string, userId: string, review: { runId: string; asOf: string; changes: readonly DeterminationChange[] }): Promise<{ version: number; marked: number; acceptedAt: string }> {
  const latest = await context.repos.latest(engagementId);
  return context.repos.recordAcceptedReview(engagementId, userId, review, assessAndDerive(context, latest.profile, review.asOf));
}
