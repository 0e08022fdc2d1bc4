// Landfall's programmatic API: the engine without the CLI or the server.
//
//   import { loadLawBook, assess } from 'landfall';
//   const lawBook = await loadLawBook();
//   const assessment = assess(profile, { asOf: '2026-12-01', lawBook });
//
// Everything here is synchronous and pure once the law book is loaded; invalid input throws
// a LandfallError (code invalid_profile) whose problems list every problem with its path.
import { lawBook as loadCheckoutLawBook } from './content/load-content.ts';
import { deriveAnnex as deriveAnnexFromAssessment } from './core/annex/derive-annex.ts';
import type { DerivedAnnex } from './core/annex/annex-types.ts';
import { assessProfile } from './core/assess/assess-profile.ts';
import type { Assessment } from './core/assess/assessment-schema.ts';
import { gapsForProfile, type GapOptions, type ProfileGaps } from './core/controls/profile-gaps.ts';
import type { LawBook } from './core/law/content-schema.ts';
import { engineText, type Locale } from './i18n/messages.ts';

export { ENGINE_VERSION } from './core/assess/assess-profile.ts';
export { ERROR_STATUS, LandfallError, type ErrorCode } from './core/errors.ts';
export { assessmentSchema } from './core/assess/assessment-schema.ts';
export { profileSchema } from './core/profile/profile-schema.ts';
export type { Assessment, DerivedAnnex, GapOptions, LawBook, Locale, ProfileGaps };
export { LOCALES } from './i18n/messages.ts';
export type { ProfileInput } from './core/profile/profile-schema.ts';
export type { Problem } from './core/profile/normalise-profile.ts';

/** The law as data (content/), validated, loaded once per process. */
export async function loadLawBook(): Promise<LawBook> {
  return loadCheckoutLawBook();
}

export interface AssessOptions {
  /** The date the law is applied as of (YYYY-MM-DD), not before 2022-09-01. */
  asOf: string;
  lawBook: LawBook;
  /** The language of the assessment's prose (explanations, obligations, questions): 'en' (the default) or 'zh-CN'. */
  locale?: Locale;
}

/** The assessment of a profile (CONTRACT §2), gap summary included. */
export function assess(profile: unknown, options: AssessOptions): Assessment {
  return assessProfile(options.lawBook, profile, options.asOf, engineText(options.locale));
}

/** The GB/T 22239-2019 gap register of each system, at its graded level or at `level`. */
export function analyseGaps(profile: unknown, options: AssessOptions & GapOptions): ProfileGaps {
  const { asOf, lawBook, locale, ...gapOptions } = options;
  return gapsForProfile(lawBook, profile, asOf, engineText(locale), gapOptions);
}

/** The engagement annex derived from an assessment: register, guardrails, questions, decisions, diagrams. */
export function deriveAnnex(assessment: Assessment): DerivedAnnex {
  return deriveAnnexFromAssessment(assessment);
}
