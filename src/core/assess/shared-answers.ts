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


/**
 * A determination's facts, the key of its answer: `leading` (facts the caller gives: another
 * answer's outcome, the firm's facts), then the named fields' values in the list's order.
 */
export function factsOf<T>(of: T, keys: readonly (keyof T)[], ...leading: unknown[]): unknown[] {
  for (const key of keys) leading.push(of[key]);
  return leading;
}

/** Answers by their facts: one level of Maps per primitive met walking the facts (see `descend`). */
type Tree = Map<unknown, unknown>;

function child(node: Tree, part: unknown): Tree {
  let next = node.get(part) as Tree | undefined;
  if (next === undefined) {
    next = new Map();
    node.set(part, next);
  }
  return next;
}

/**
 * Walks one fact into the tree. A primitive is one level (Maps tell strings, numbers, booleans,
 * null and undefined apart); a list is its length, then each member; an object is each field's name
 * then its value, then an end mark. No key text is built or hashed whole, which cost more than
 * many determinations it saved. Each position holds one kind of value (the profile schema types
 * it), and a list's length or a field's name is never compared with a value of another kind.
 */
function descend(node: Tree, value: unknown): Tree {
  if (Array.isArray(value)) {
    let at = child(node, value.length);
    for (let index = 0; index < value.length; index += 1) at = descend(at, value[index]);
    return at;
  }
  if (value !== null && typeof value === 'object') {
    let at = node;
    for (const [name, member] of Object.entries(value)) at = descend(child(at, name), member);
    return child(at, END);
  }
  return child(node, value);
}

/** Closes an object's fields in the tree (a symbol: no profile value is one). */
const END = Symbol('end of object');

/** Where a tree node keeps the answer of the facts that lead to it. */
const ANSWER = Symbol('answer');

/**
 * Forgets every shared answer (the next assessment of any day works its answers out again). The
 * benchmark calls it before each round, so a round measures a portfolio assessed from cold.
 */
export function forgetSharedAnswers(): void {
  keptInProcess = 0;
  generation += 1;
}

export class SharedAnswers {
  private kept = new Map<string, Tree>();
  private states = new Map<string, unknown>();
  private generation = generation;

  /**
   * Working state a determination keeps for the day and formatter (its caches of sentences and
   * segments, which it fills as assessments meet them): made on first use, not frozen, and let go
   * with the shared answers at a new generation, so forgetSharedAnswers forgets it too.
   */
  state<T>(name: string, make: () => T): T {
    if (this.generation !== generation) {
      this.kept = new Map();
      this.states = new Map();
      this.generation = generation;
    }
    let found = this.states.get(name) as T | undefined;
    if (found === undefined) {
      found = make();
      this.states.set(name, found);
    }
    return found;
  }

  /** The kept answer of `determination` for these facts (see factsOf), worked out (and frozen) on first use. */
  answer<T>(determination: string, facts: readonly unknown[], compute: () => T): T {
    if (this.generation !== generation) {
      this.kept = new Map();
      this.states = new Map();
      this.generation = generation;
    }
    let node = this.kept.get(determination);
    if (!node) {
      node = new Map();
      this.kept.set(determination, node);
    }
    for (let index = 0; index < facts.length; index += 1) node = descend(node, facts[index]);
    let found = node.get(ANSWER) as T | undefined;
    if (found === undefined) {
      found = deepFreeze(compute());
      if (keptInProcess >= KEPT_IN_PROCESS) {
        // A new generation: this answer is kept in a fresh tree, everything else is let go.
        keptInProcess = 0;
        generation += 1;
        this.generation = generation;
        this.kept = new Map();
        this.states = new Map();
        const kept = found;
        return this.answer(determination, facts, () => kept);
      }
      node.set(ANSWER, found);
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
