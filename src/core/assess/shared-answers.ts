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
 * Stands for a system's id in a shared answer whose review sentences name the system: systems have
 * ids of their own, so an answer keyed by the id would be shared by no two systems of a portfolio.
 * The answer is written for this stand-in and each system is given its review sentences with its
 * own id (namingSystem). U+FFFF is a non-character: no message holds it, and a profile parsed from
 * text is refused for it (invalid-characters.ts), so only the id's place in those sentences holds it.
 */
export const NAMED_SYSTEM = '\uFFFFsystem\uFFFF';

/** `system` with the stand-in for its id: what a shared answer that names the system is written for. */
export const standingIn = <T extends { readonly id: string }>(system: T): T => ({ ...system, id: NAMED_SYSTEM });

/** A shared answer's review reasons with `id` in the stand-in's place (NAMED_SYSTEM). */
export function namingSystem(reasons: readonly string[], id: string): string[] {
  const named: string[] = [];
  // An id is a slug (profile-schema.ts), so it holds none of replaceAll's `$` patterns.
  for (let index = 0; index < reasons.length; index += 1) named.push(reasons[index]!.replaceAll(NAMED_SYSTEM, id));
  return named;
}

/**
 * A determination's facts, the key of its answer: `leading` (facts the caller gives: another
 * answer's outcome, the firm's facts), then the named fields' values in the list's order.
 */
export function factsOf<T>(of: T, keys: readonly (keyof T)[], ...leading: unknown[]): unknown[] {
  for (const key of keys) leading.push(of[key]);
  return leading;
}

/**
 * The facts of an answer are written as one short text, its key: each primitive the facts hold is
 * given a number on first sight (`interned`, shared by the whole process within a generation) and
 * is one character of the text. A list is ARRAY, then its length in two characters, then its
 * members; an object is OBJECT, then each field's name and value, then END. Value numbers start
 * above the three marks, so the text can be read back in one way only, whatever the facts hold: two
 * different sets of facts never share a key. One look-up of a short text in the determination's Map
 * costs less than a walk through a tree of Maps one primitive at a time, whose nodes lie scattered
 * in memory (measured: some 5% of a portfolio's assessment time).
 */
const END = 0;
const ARRAY = 1;
const OBJECT = 2;
const FIRST_VALUE = 3;
/** Character codes are 16 bits, the highest 0xffff: past this many primitives a new generation starts (see `answer`). */
const MOST_VALUES = 0x10000 - FIRST_VALUE;
/** A key longer than this many characters is not kept: the answer is worked out each time. */
const LONGEST_KEY = 8_192;

let interned = new Map<unknown, number>();
const codes: number[] = [];

function code(value: unknown): number {
  let found = interned.get(value);
  if (found === undefined) {
    found = FIRST_VALUE + interned.size;
    interned.set(value, found);
  }
  return found;
}

/** Appends one fact to `codes` (see above). Maps tell strings, numbers, booleans, null and undefined apart. */
function encode(value: unknown): void {
  if (Array.isArray(value)) {
    codes.push(ARRAY, value.length & 0xffff, value.length >>> 16);
    for (let index = 0; index < value.length; index += 1) encode(value[index]);
  } else if (value !== null && typeof value === 'object') {
    codes.push(OBJECT);
    for (const name of Object.keys(value)) {
      codes.push(code(name));
      encode((value as Record<string, unknown>)[name]);
    }
    codes.push(END);
  } else {
    codes.push(code(value));
  }
}

/**
 * One copy of each text the kept answers hold, within a generation. Answers worked out apart often
 * write the same sentence (the same message with the same values), each as a string of its own;
 * kept once, the answers take less memory, and an assessment, which reads a few dozen of them,
 * meets fewer of them outside the processor's caches.
 */
let texts = new Map<string, string>();

/** `value`'s strings replaced by their kept copies (see `texts`) in its own objects and lists (not in frozen ones), then frozen. */
function keptFrozen<T>(value: T): T {
  share(value);
  return deepFreeze(value);
}

function share(value: unknown): void {
  // A frozen object or list is another answer's or the law book's (and cannot be written).
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const member: unknown = value[index];
      if (typeof member === 'string') value[index] = textOf(member);
      else if (member !== null && typeof member === 'object') share(member);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      const member = record[name];
      if (typeof member === 'string') record[name] = textOf(member);
      else if (member !== null && typeof member === 'object') share(member);
    }
  }
}

function textOf(text: string): string {
  const kept = texts.get(text);
  if (kept !== undefined) return kept;
  texts.set(text, text);
  return text;
}

/**
 * Forgets every shared answer (the next assessment of any day works its answers out again). The
 * benchmark calls it before each round, so a round measures a portfolio assessed from cold.
 */
export function forgetSharedAnswers(): void {
  keptInProcess = 0;
  generation += 1;
  // The numbers of the primitives are only meaningful in the keys of their generation.
  interned = new Map();
  texts = new Map();
}

/**
 * What collects the instruments an assessment cites (assess-profile.ts): each answer handed out is
 * marked as cited through it, by the ranks of the instruments its citations name.
 */
export interface CitationMarks {
  /** The ranks of the instruments cited anywhere in `answer` (worked out once per kept answer). */
  ranksOf(answer: unknown): readonly number[];
  mark(ranks: readonly number[]): void;
}

/** A kept answer, and the ranks of what it cites once they are asked for. */
interface Kept {
  readonly value: unknown;
  ranks: readonly number[] | undefined;
}

export class SharedAnswers {
  private kept = new Map<string, Map<string, Kept>>();
  private states = new Map<string, unknown>();
  private generation = generation;
  /**
   * The assessment being worked out with these answers, whose cited instruments each answer
   * handed out marks (see collect): every answer's value is placed in the assessment whole, or
   * as a copy that keeps every citation it holds, so what it cites is what the assessment cites
   * through it. Read from the kept entry the look-up finds, it costs no look-up of its own.
   */
  private marks: CitationMarks | null = null;

  /** Marks what each answer handed out from now on cites in `marks` (null: in nothing). */
  collect(marks: CitationMarks | null): void {
    this.marks = marks;
  }

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
    codes.length = 0;
    for (let index = 0; index < facts.length; index += 1) encode(facts[index]);
    if (interned.size > MOST_VALUES || codes.length > LONGEST_KEY) {
      // Too many primitives for 16-bit codes: a new generation numbers them afresh. A key this long
      // is not worth keeping. Either way this answer is worked out and given unshared.
      if (interned.size > MOST_VALUES) forgetSharedAnswers();
      // Not kept, so its texts are not kept either (the kept texts are bounded by the kept answers).
      const value = deepFreeze(compute());
      if (this.marks) this.marks.mark(this.marks.ranksOf(value));
      return value;
    }
    const key = String.fromCharCode.apply(null, codes);
    let answers = this.kept.get(determination);
    if (!answers) {
      answers = new Map();
      this.kept.set(determination, answers);
    }
    let found = answers.get(key);
    if (found === undefined) {
      const value = keptFrozen(compute());
      if (keptInProcess >= KEPT_IN_PROCESS) {
        // A new generation: this answer is kept in a fresh Map, everything else is let go.
        forgetSharedAnswers();
        this.generation = generation;
        this.kept = new Map();
        this.states = new Map();
        return this.answer(determination, facts, () => value);
      }
      found = { value, ranks: undefined };
      answers.set(key, found);
      keptInProcess += 1;
    }
    const { marks } = this;
    if (marks) marks.mark((found.ranks ??= marks.ranksOf(found.value)));
    return found.value as T;
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
