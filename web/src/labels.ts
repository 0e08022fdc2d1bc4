// Labels for the enumerated values of the profile, the assessment and the annex, in the current
// language: the message `label.<value>` of the catalogues (web/src/i18n).
import { hasMessage, t } from './i18n/i18n.ts';

/** The label of a value; unknown values are shown with underscores as spaces. */
export function label(value: string): string {
  const id = `label.${value}`;
  return hasMessage(id) ? t(id) : value.replace(/_/g, ' ');
}

export const MLPS_LEVEL = (level: number) => t('label.mlpsLevel', { level });
