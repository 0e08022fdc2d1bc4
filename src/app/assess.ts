// "Assess a profile", written once: every write of a profile (through annex.ts), every read in
// another language, and every CLI command that assesses goes through here. The annex is derived
// in annex.ts, so assessing alone never loads the annex's modules.
import { assessNormalised, checkAsOf } from '../core/assess/assess-profile.ts';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import { invalidProfile } from '../core/input-errors.ts';
import { normaliseProfile, type Profile } from '../core/profile/normalise-profile.ts';
import { engineText, type Locale } from '../i18n/messages.ts';
import type { EngineContext } from './context.ts';

/**
 * Validates and assesses a profile as of a date, in a language, and gives the normalised profile
 * beside the assessment (a filing is drafted from both). Throws invalid_profile listing every
 * problem: the date's first, then the profile's.
 */
export function assessWithProfile(context: EngineContext, input: unknown, asOf: string, locale: Locale = 'en'): { profile: Profile; assessment: Assessment } {
  const dateProblems = checkAsOf(asOf);
  if (dateProblems.length > 0) throw invalidProfile(dateProblems);
  const normalised = normaliseProfile(input, asOf);
  if (!normalised.ok) throw invalidProfile(normalised.problems);
  return { profile: normalised.profile, assessment: assessNormalised(context.lawBook, normalised.profile, normalised.defaultsUsed, asOf, engineText(locale)) };
}

/** Validates and assesses a profile as of a date, in a language; throws invalid_profile listing every problem. */
export function assessInput(context: EngineContext, input: unknown, asOf: string, locale: Locale = 'en'): Assessment {
  return assessWithProfile(context, input, asOf, locale).assessment;
}
