// The engine context of a CLI command: this checkout's law book (from its snapshot when current)
// and the local date as the clock. No store: the commands that assess call src/app with this.
import { z } from 'zod';
import { engineContext, type EngineContext } from '../app/context.ts';
import { currentLawBook } from '../content/current-law-book.ts';
import type { CliContext } from './command.ts';

export async function cliEngineContext(context: CliContext): Promise<EngineContext> {
  // A CLI process validates a profile once (or a content folder once): zod's JIT, which compiles
  // each schema's parser on first use, costs more there than it saves (some milliseconds of a
  // `landfall assess`, and a sixth of a content validation). The results are the same.
  z.config({ jitless: true });
  return engineContext(await currentLawBook(), { today: () => context.today() });
}
