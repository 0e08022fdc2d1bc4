// Plain-English labels for the enumerated values of the profile, the assessment and the annex.

const LABELS: Record<string, string> = {
  // transfer route (PIPL Art. 38 and the 2024 Provisions)
  none: 'None needed',
  exempt: 'Exempt',
  standard_contract_or_certification: 'Standard contract or certification',
  security_assessment: 'CAC security assessment',
  // CII
  notified: 'Notified CII operator',
  candidate: 'Possible CII (sector screening)',
  not_indicated: 'Not indicated',
  // ICP
  filing: 'ICP filing (备案)',
  licence: 'ICP licence (经营许可证)',
  // hosting
  overseas: 'Overseas',
  overseas_with_transfer_mechanism: 'Overseas, with a transfer route',
  mainland_recommended: 'Mainland recommended',
  mainland_required: 'Mainland required',
  // annex statuses
  draft: 'Draft',
  decision_needed: 'Decision needed',
  in_progress: 'In progress',
  confirmed: 'Confirmed',
  open: 'Open',
  resolved: 'Resolved',
  proposed: 'Proposed',
  accepted: 'Accepted',
  superseded: 'Superseded',
  // gap statuses
  covered: 'Covered',
  partial: 'Partial',
  evidence_needed: 'Evidence needed',
  gap: 'Gap',
  // annex sections and categories
  register: 'Register',
  guardrail: 'Guardrail',
  open_question: 'Open question',
  dependency: 'Dependency',
  next_action: 'Next action',
  decision: 'Decision',
  assumption: 'Assumption',
  data_sovereignty: 'Data sovereignty',
  infrastructure: 'Infrastructure',
  integration: 'Integration',
  compliance: 'Compliance',
  operations: 'Operations',
  // roles
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

/** The label of a value; unknown values are shown with underscores as spaces. */
export function label(value: string): string {
  return LABELS[value] ?? value.replace(/_/g, ' ');
}

export const MLPS_LEVEL = (level: number) => `Level ${level}`;
