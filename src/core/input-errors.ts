// The input errors that carry a list of problems, each with its path: invalid input to the engine,
// and invalid content/. Both are LandfallErrors (errors.ts); kept in a module with no dependency on
// the engine, so code that only needs to raise or recognise them (the CLI's error handling, run for
// `landfall --help` too) loads neither the engine nor the content loader.
import { LandfallError } from './errors.ts';
import type { Problem } from './profile/normalise-profile.ts';

/** A profile (or the date it is assessed as of) the engine refuses: 422 invalid_profile, exit 2. */
export const invalidProfile = (problems: Problem[]): LandfallError => new LandfallError('invalid_profile', 'The profile is invalid.', { problems });

/** content/ does not validate: exit 1, a fault of the installation rather than of the caller. */
export const invalidContent = (problems: Problem[]): LandfallError =>
  new LandfallError('invalid_content', `content/ is invalid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`, { problems });
