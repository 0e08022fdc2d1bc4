// The application layer's arguments. EngineContext is what an assessment is made with: the law
// book and the clock; the CLI builds one without a database (src/cli/engine-context.ts). AppContext
// adds the repositories (the store), and the server builds it once. Every use case in src/app takes
// the least of the two it needs, so "which law, which day, which data" is decided in one place.
import type { LawBook } from '../core/law/content-schema.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

export interface Clock {
  /** Today (YYYY-MM-DD): the date an assessment is made as of unless another is asked for; Beijing's on the server, the local one in the CLI. */
  today(): string;
}

export interface EngineContext {
  readonly lawBook: LawBook;
  readonly clock: Clock;
}

export interface AppContext extends EngineContext {
  readonly repos: WorkspaceStore;
}

export function engineContext(lawBook: LawBook, clock: Clock): EngineContext {
  return Object.freeze({ lawBook, clock });
}

export function appContext(repos: WorkspaceStore, clock: Clock, lawBook: LawBook = repos.lawBook): AppContext {
  return Object.freeze({ repos, lawBook, clock });
}
