// Which messages the first page carries. The catalogues are split in two per locale at build time
// (vite.config.ts): `core`, what the shell, the login, the first-password page and the engagements
// list need, loaded with the first page (English) or before it (Chinese); and `rest`, everything
// else, loaded with the first view that needs it (the engagement, the review, the account); and
// `intake`, the intake's questions, help and options, loaded with the intake.

export const CORE_PREFIXES = ['shell.', 'common.', 'login.', 'engagements.', 'label.', 'password.'] as const;

export type Part = 'core' | 'rest' | 'intake';

export function partOf(id: string): Part {
  return CORE_PREFIXES.some((prefix) => id.startsWith(prefix)) ? 'core' : id.startsWith('intake.') ? 'intake' : 'rest';
}
