// "Assess, then derive the annex", written once: every write of a profile (a new engagement, a new
// profile version, an accepted review), every annex in another language, and `landfall annex`.
import { deriveAnnex } from '../core/annex/derive-annex.ts';
import type { DerivedAnnex } from '../core/annex/annex-types.ts';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import { engineText, type Locale } from '../i18n/messages.ts';
import { assessInput } from './assess.ts';
import type { EngineContext } from './context.ts';

/** The annex of an assessment, with the cloud providers the content knows, in the assessment's language. */
export function deriveFor(context: EngineContext, assessment: Assessment, locale: Locale = 'en'): DerivedAnnex {
  return deriveAnnex(assessment, { integrations: context.lawBook.integrations, say: engineText(locale) });
}

/** A profile assessed and its annex derived, in a language (English is what a write stores). */
export function assessAndDerive(context: EngineContext, input: unknown, asOf: string, locale: Locale = 'en'): { assessment: Assessment; annex: DerivedAnnex } {
  const assessment = assessInput(context, input, asOf, locale);
  return { assessment, annex: deriveFor(context, assessment, locale) };
}
