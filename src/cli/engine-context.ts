// The engine context of a CLI command: this checkout's law book (from its snapshot when current)
// and the local date as the clock. No store: the commands that assess call src/app with this.
import { engineContext, type EngineContext } from '../app/context.ts';
import { currentLawBook } from '../content/current-law-book.ts';
import type { CliContext } from './command.ts';

export async function cliEngineContext(context: CliContext): Promise<EngineContext> {
  return engineContext(await currentLawBook(), { today: () => context.today() });
}
