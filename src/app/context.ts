// The application layer's one argument: the repositories (the store), the law book every
// assessment is made with, and the clock. The server and the CLI build it once; every use case in
// src/app takes it, so "which law, which day, which data" is decided in one place.
import type { LawBook } from '../core/law/content-schema.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

export interface Clock {
  /** Today in Beijing (YYYY-MM-DD): the date an assessment is made as of unless another is asked for. */
  today(): string;
}

export interface AppContext {
  readonly repos: WorkspaceStore;
  readonly lawBook: LawBook;
  readonly clock: Clock;
}

export function appContext(repos: WorkspaceStore, clock: Clock, lawBook: LawBook = repos.lawBook): AppContext {
  return Object.freeze({ repos, lawBook, clock });
}
