// "Assess, then derive the annex", written once: every write of a profile (a new engagement, a new
// profile version, an accepted review) and every read in another language goes through here.
import { deriveAnnex } from '../core/annex/derive-annex.ts';
import type { DerivedAnnex } from '../core/annex/annex-types.ts';
import { assessNormalised } from '../core/assess/assess-profile.ts';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import { invalidProfile } from '../core/input-errors.ts';
import { normaliseProfile } from '../core/profile/normalise-profile.ts';
import { engineText, type Locale } from '../i18n/messages.ts';
import type { AppContext } from './context.ts';

/** Validates and assesses a profile as of a date, in a language; throws invalid_profile listing every problem. */
export function assessInput(context: AppContext, input: unknown, asOf: string, locale: Locale = 'en'): Assessment {
  const normalised = normaliseProfile(input, asOf);
  if (!normalised.ok) throw invalidProfile(normalised.problems);
  return assessNormalised(context.lawBook, normalised.profile, normalised.defaultsUsed, asOf, engineText(locale));
}

/** The annex of an assessment, with the cloud providers the content knows, in the assessment's language. */
export function deriveFor(context: AppContext, assessment: Assessment, locale: Locale = 'en'): DerivedAnnex {
  return deriveAnnex(assessment, { integrations: context.lawBook.integrations, say: engineText(locale) });
}

/** A profile assessed and its annex derived: what a write stores. */
export function assessAndDerive(context: AppContext, input: unknown, asOf: string): { assessment: Assessment; annex: DerivedAnnex } {
  const assessment = assessInput(context, input, asOf);
  return { assessment, annex: deriveFor(context, assessment) };
}
