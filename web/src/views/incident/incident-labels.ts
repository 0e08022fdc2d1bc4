// What the incident clock's machine values read as on screen.
export const GRADE_LABEL: Record<string, string> = {
  general: 'General (一般)', relatively_major: 'Relatively major (较大)', major: 'Major (重大)', especially_major: 'Especially major (特别重大)',
};
export const GRADE_TONE: Record<string, string> = { general: 'neutral', relatively_major: 'warn', major: 'bad', especially_major: 'bad' };
export const DUTY_LABEL: Record<string, string> = {
  initial_report: 'Initial report', summary_report: 'Summary report', notify_affected: 'Notice to the people affected', escalation: 'Escalation by the provincial CAC',
};
export const STATUS_LABEL: Record<string, string> = { open: 'Open', reported: 'Reported', closed: 'Closed' };
export const STATUS_TONE: Record<string, string> = { open: 'warn', reported: 'info', closed: 'good' };
export const OPERATOR_LABEL: Record<string, string> = { cii_operator: 'A CII operator', central_state_organ: 'A central state organ or its unit', other: 'Another network operator' };
export const DATA_CLASS_LABEL: Record<string, string> = {
  personal_information: 'Personal information', sensitive_personal_information: 'Sensitive personal information', important_data: 'Important data', core_data: 'Core data', business_data: 'Other business data',
};
export const EVENT_LABEL: Record<string, string> = { created: 'Recorded', facts_changed: 'Facts changed', report_made: 'Report made', closed: 'Closed' };
