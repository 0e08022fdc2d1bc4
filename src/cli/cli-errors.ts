// The CLI's one error boundary: every failure maps to an exit code here (CONTRACT §3).
import { AssessInputError } from '../core/assess/assess-profile.ts';
import type { Problem } from '../core/profile/normalise-profile.ts';
import { ContentError } from '../content/load-content.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID_INPUT = 2;

/** Input the user can fix: every problem is listed with its path, and the exit code is 2. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(readonly problems: Problem[], readonly subject = 'input') {
    super(`invalid ${subject}`);
  }
}

export interface ErrorReport {
  exitCode: number;
  message: string;
}

export function reportError(error: unknown): ErrorReport {
  if (error instanceof InvalidInputError || error instanceof AssessInputError) {
    const subject = error instanceof InvalidInputError ? error.subject : 'input';
    const lines = error.problems.map((problem) => `  ${problem.path}: ${problem.message}`);
    return { exitCode: EXIT_INVALID_INPUT, message: `landfall: invalid ${subject} (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'})\n${lines.join('\n')}` };
  }
  if (error instanceof ContentError) return { exitCode: EXIT_FAILURE, message: `landfall: ${error.message}` };
  return { exitCode: EXIT_FAILURE, message: `landfall: ${error instanceof Error ? error.message : String(error)}` };
}
