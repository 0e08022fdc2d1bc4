// The errors that carry a list of problems, each with its path: invalid input to the engine, and
// invalid content/. Kept in a module of their own, with no dependencies, so code that only needs
// to recognise them (the CLI's error handling, run for `landfall --help` too) loads neither the
// engine nor the content loader.
import type { Problem } from './profile/normalise-profile.ts';

export class AssessInputError extends Error {
  override readonly name = 'AssessInputError';
  constructor(readonly problems: Problem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
  }
}

export class ContentError extends Error {
  override readonly name = 'ContentError';
  constructor(readonly problems: Problem[]) {
    super(`content/ is invalid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}
