// Determinations shared between the assessments of one law day. Several determinations read only a
// few discrete facts (a system's hosting, audience and channels; its impact ratings; the firm's
// sectors), so across a portfolio most systems repeat one of a few hundred combinations: the ICP
// answer of a consumer website hosted in the mainland is the same sentence for sentence whichever
// firm runs it. Each such determination names the facts it reads in a list that also types its
// input (`FactsOf`), so tsc refuses it any other field, and its answer is kept by those facts per
// law book, date and formatter. A kept answer is frozen, since every assessment given it shares it.
import { deepFreeze } from '../deep-freeze.ts';
import { lawDay } from '../law/law-book.ts';
import type { AssessContext, Say } from './explanation.ts';

/** The named fields of `T`: what a determination may read of it. */
export type FactsOf<T, Keys extends readonly (keyof T)[]> = Pick<T, Keys[number]>;

/** The context a determination reading only the named organisation facts is given. */
export type FactsContext<Organisation, Keys extends readonly (keyof Organisation)[]> = Omit<AssessContext, 'profile'> & {
  readonly profile: { readonly organisation: FactsOf<Organisation, Keys> };
};

/**
 * Answers kept in the whole process, over every law day and formatter. Reaching it empties them all
 * (a new generation): memory stays bounded however many dates and books a server is asked about.
 */
const KEPT_IN_PROCESS = 16_384;
let keptInProcess = 0;
let generation = 0;

const BY_FORMATTER = new WeakMap<object, WeakMap<Say, SharedAnswers>>();


/** The key of a determination's facts: the named fields' values, in the list's order. */
export function factsKey<T>(of: T, keys: readonly (keyof T)[], extra = ''): string {
  const values: unknown[] = [];
  for (const key of keys) values.push(of[key]);
  return extra === '' ? JSON.stringify(values) : `${extra}|${JSON.stringify(values)}`;
}

/**
 * Forgets every shared answer (the next assessment of any day works its answers out again). The
 * benchmark calls it before each round, so a round measures a portfolio assessed from cold.
 */
export function forgetSharedAnswers(): void {
  keptInProcess = 0;
  generation += 1;
}

export class SharedAnswers {
  private kept = new Map<string, Map<string, unknown>>();
  private generation = generation;

  /** The kept answer of `determination` for `key`, worked out (and frozen) on first use. */
  answer<T>(determination: string, key: string, compute: () => T): T {
    if (this.generation !== generation) {
      this.kept = new Map();
      this.generation = generation;
    }
    let answers = this.kept.get(determination);
    if (!answers) {
      answers = new Map();
      this.kept.set(determination, answers);
    }
    let found = answers.get(key) as T | undefined;
    if (found === undefined) {
      found = deepFreeze(compute());
      if (keptInProcess >= KEPT_IN_PROCESS) {
        keptInProcess = 0;
        generation += 1;
        this.kept = new Map([[determination, (answers = new Map())]]);
        this.generation = generation;
      }
      answers.set(key, found);
      keptInProcess += 1;
    }
    return found;
  }
}

/**
 * The shared answers of the context's law day and formatter. The formatter is part of the key: a
 * caller's own `Say` (a test's, a translator's) never receives sentences another formatter wrote.
 */
export function sharedAnswers(context: Pick<AssessContext, 'book' | 'asOf' | 'say'>): SharedAnswers {
  // The determinations of one assessment ask with the same context: the last answer is kept.
  if (context === lastAsked?.context) return lastAsked.shared;
  const day = lawDay(context.book, context.asOf, context.say.locale);
  let byFormatter = BY_FORMATTER.get(day);
  if (!byFormatter) {
    byFormatter = new WeakMap();
    BY_FORMATTER.set(day, byFormatter);
  }
  let shared = byFormatter.get(context.say);
  if (!shared) {
    shared = new SharedAnswers();
    byFormatter.set(context.say, shared);
  }
  lastAsked = { context, shared };
  return shared;
}

/** The context sharedAnswers was last asked with (contexts are per assessment and never change), and its answer. */
let lastAsked: { context: object; shared: SharedAnswers } | undefined;
