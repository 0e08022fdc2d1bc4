// Rules whose answer depends only on the law day and the output language, worked out once and
// replayed: most of a determination's duties, procedure steps and durations read nothing of the
// profile, yet formatting their sentences and citing their articles cost a good part of every
// assessment.
import { deepFreeze } from '../deep-freeze.ts';
import type { Citation } from '../law/law-book.ts';
import { Explanation, type AssessContext } from './explanation.ts';
import { sharedAnswers, type SharedAnswers } from './shared-answers.ts';

/** What a block did to its explanation, in order: citations kept, review reasons, steps. */
type Effect = { kind: 'keep'; citation: Citation } | { kind: 'review'; reason: string } | { kind: 'step'; step: string; result: string; citation?: Citation };

/** An explanation that records what is done to it instead of keeping it. */
class RecordingExplanation extends Explanation {
  readonly effects: Effect[] = [];

  override keep(citation: Citation): Citation {
    // Keeping the very citation this block last kept for the same article (itself or through a
    // step) changes nothing, the explanation already holding it there, so it is not recorded again.
    const article = citation.article ?? '';
    for (let index = this.effects.length - 1; index >= 0; index -= 1) {
      const effect = this.effects[index]!;
      const kept = effect.kind === 'review' ? undefined : effect.citation;
      if (!kept || kept.instrument !== citation.instrument || (kept.article ?? '') !== article) continue;
      if (kept === citation) return citation;
      break;
    }
    this.effects.push({ kind: 'keep', citation });
    return citation;
  }

  override review(reason: string): void {
    this.effects.push({ kind: 'review', reason });
  }

  override step(step: string, result: string, options: { citation?: Citation; facts?: Record<string, unknown> } = {}): void {
    if (options.facts) throw new Error('a block kept per law day records no facts');
    // The step keeps its citation as Explanation.step does; replaying the step keeps it again.
    this.effects.push(options.citation ? { kind: 'step', step, result, citation: options.citation } : { kind: 'step', step, result });
  }
}

/**
 * What a block left: its value and its effects, in private fields, which the shared answers'
 * deep freeze does not reach (the effects are read on every replay; see deepFreeze).
 */
class Recorded {
  readonly #value: unknown;
  readonly #effects: readonly Effect[];

  constructor(value: unknown, effects: readonly Effect[]) {
    deepFreeze(value);
    deepFreeze(effects);
    this.#value = value;
    this.#effects = effects;
  }

  get value(): unknown {
    return this.#value;
  }

  get effects(): readonly Effect[] {
    return this.#effects;
  }
}

const NO_OPTIONS = Object.freeze({});

/** The blocks of one determination on one law day, with one formatter. */
export class DayBlocks {
  /** The day's recorded blocks of this determination, looked up on the first run. */
  private recorded: Map<string, Recorded> | undefined;

  constructor(
    private readonly context: AssessContext,
    private readonly shared: SharedAnswers,
    private readonly determination: string,
  ) {}

  /**
   * `block` as it reads on this law day in this language: worked out on first use with a recording
   * explanation, then its effects replayed into `explanation` and its value returned. Only for rules
   * that read nothing of the profile; `key` tells the blocks of one determination apart (and carries
   * any argument a block takes). What is recorded is kept in the day's shared state (so the
   * benchmark's forgetSharedAnswers forgets it too); the value's objects are frozen and shared by
   * every assessment of the day, its arrays never handed out (see deepFreeze).
   */
  run<T>(explanation: Explanation, key: string, block: (recording: Explanation) => T): T {
    // Kept by the key itself: a block's key is a short text from a closed set (a mechanism, a
    // level, a state), so the day's blocks are few and need none of the shared answers' encoding.
    const kept = (this.recorded ??= this.shared.state(this.determination, () => new Map<string, Recorded>()));
    let recorded = kept.get(key);
    if (recorded === undefined) {
      const recording = new RecordingExplanation(this.context);
      recorded = new Recorded(block(recording), recording.effects);
      kept.set(key, recorded);
    }
    for (const effect of recorded.effects) {
      if (effect.kind === 'keep') explanation.keep(effect.citation);
      else if (effect.kind === 'review') explanation.review(effect.reason);
      else explanation.step(effect.step, effect.result, effect.citation ? { citation: effect.citation } : NO_OPTIONS);
    }
    return recorded.value as T;
  }
}

/** One determination's blocks (keys need only be distinct within it), by law day and formatter. */
export class LawDayBlocks {
  /** `determination` names the blocks among the day's shared answers. */
  constructor(private readonly determination: string) {}

  /** The blocks of the context's law day and formatter (which fixes the language and the text). */
  on(context: AssessContext): DayBlocks {
    return new DayBlocks(context, sharedAnswers(context), this.determination);
  }
}
