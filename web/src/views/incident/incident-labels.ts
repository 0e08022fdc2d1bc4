// What the incident clock's machine values read as on screen, in the current language: the
// messages `incident.<kind>.<value>` of the catalogues, read when looked up.
import { t } from '../../i18n/i18n.ts';

function labels(prefix: string, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) Object.defineProperty(out, key, { get: () => t(`${prefix}.${key}`), enumerable: true });
  return out;
}

export const GRADE_LABEL = labels('incident.grade', ['general', 'relatively_major', 'major', 'especially_major']);
export const GRADE_TONE: Record<string, string> = { general: 'neutral', relatively_major: 'warn', major: 'bad', especially_major: 'bad' };
export const DUTY_LABEL = labels('incident.duty', ['initial_report', 'summary_report', 'notify_affected', 'escalation']);
export const STATUS_LABEL = labels('incident.status', ['open', 'reported', 'closed']);
export const STATUS_TONE: Record<string, string> = { open: 'warn', reported: 'info', closed: 'good' };
export const OPERATOR_LABEL = labels('incident.operator', ['cii_operator', 'central_state_organ', 'other']);
export const DATA_CLASS_LABEL = labels('incident.dataClass', ['personal_information', 'sensitive_personal_information', 'important_data', 'core_data', 'business_data']);
export const EVENT_LABEL = labels('incident.event', ['created', 'facts_changed', 'report_made', 'closed']);
