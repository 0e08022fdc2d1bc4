// Collects the trace, citations and legal-review reasons of one determination as it is worked out.
import type { CodeCitationRef, LawBook } from '../law/content-schema.ts';
import type { ParameterId } from '../law/content-ids.ts';
import { citeOn, lawDay, numberParameterOn, rangeParameterOn, readParameterIfInForceOn, readParameterOn, type Citation, type LawDay, type ParameterReading } from '../law/law-book.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { Obligation, TraceStep } from './assessment-schema.ts';

/**
 * Landfall's own prose in the output language: a message id and its named values, formatted from
 * the locale's catalogue (content/messages/<locale>/engine-*.yaml). Core never builds a sentence
 * by concatenation; the caller (src/index.ts, the CLI, the store) passes the formatter of the
 * language the assessment is written in.
 */
export type Say = ((id: string, values?: Readonly<Record<string, string | number>>) => string) & { readonly locale: string };

export interface AssessContext {
  readonly book: LawBook;
  readonly asOf: string;
  readonly profile: Profile;
  /** Formats the engine's prose in the assessment's language. */
  readonly say: Say;
}

export class Explanation {
  readonly trace: TraceStep[] = [];
  /** Distinct by instrument and article, in the order first kept; a later citation of the same article replaces the earlier. */
  private readonly citations: Citation[] = [];
  private readonly reviewReasons: string[] = [];

  /** The law book's lookups on the assessment date, shared by every explanation of that date. */
  private readonly day: LawDay;

  /** Formats the engine's prose in the assessment's language (see Say). */
  readonly say: Say;

  constructor(context: Pick<AssessContext, 'book' | 'asOf' | 'say'>) {
    this.day = lawDay(context.book, context.asOf, context.say.locale);
    this.say = context.say;
  }

  /** Cites the law as of the assessment date and records the citation. */
  /** `ref` names content by id (checked by tsc), or is a citation already made. */
  cite(ref: CodeCitationRef | Citation): Citation {
    const citation = citeOn(this.day, ref);
    this.keep(citation);
    return citation;
  }

  /**
   * Records a citation. Its `confidence` describes the instrument's metadata (dates, number) and is
   * shown with the citation; a rule whose substance is unconfirmed flags itself through `review`
   * or a parameter's `needsLegalReview`, so a doubtful issue date alone does not flag every answer.
   */
  keep(citation: Citation): Citation {
    const article = citation.article ?? '';
    const kept = this.citations;
    for (let index = 0; index < kept.length; index += 1) {
      const other = kept[index]!;
      if (other.instrument === citation.instrument && (other.article ?? '') === article) {
        kept[index] = citation;
        return citation;
      }
    }
    kept.push(citation);
    return citation;
  }

  step(step: string, result: string, options: { citation?: Citation; facts?: Record<string, unknown> } = {}): void {
    const entry: TraceStep = { step, result };
    if (options.facts) entry.facts = options.facts;
    if (options.citation) entry.citation = this.keep(options.citation);
    this.trace.push(entry);
  }

  review(reason: string): void {
    if (!this.reviewReasons.includes(reason)) this.reviewReasons.push(reason);
  }

  private track<T>(reading: ParameterReading<T>): ParameterReading<T> {
    this.keep(reading.citation);
    if (reading.needsLegalReview) this.review(reading.note ?? this.say('engine.review.parameterUnconfirmed', { id: reading.id }));
    return reading;
  }

  parameter<T extends string | number | boolean | null>(id: ParameterId): ParameterReading<T> {
    return this.track(readParameterOn<T>(this.day, id));
  }

  parameterIfInForce<T extends string | number | boolean | null>(id: ParameterId): ParameterReading<T> | undefined {
    const reading = readParameterIfInForceOn<T>(this.day, id);
    return reading ? this.track(reading) : undefined;
  }

  number(id: ParameterId): ParameterReading<number> {
    return this.track(numberParameterOn(this.day, id));
  }

  range(id: ParameterId): ParameterReading<{ min: number; max: number }> {
    return this.track(rangeParameterOn(this.day, id));
  }

  obligation(id: string, title: string, detail: string, ref: CodeCitationRef | Citation, needsLegalReview = false): Obligation {
    const citation = this.cite(ref);
    if (needsLegalReview) this.review(this.say('engine.review.obligation', { title, detail }));
    return { id, title, detail, citation, needsLegalReview };
  }

  /** The explanation as the determination carries it; the explanation is finished once this is called. */
  result() {
    return {
      trace: this.trace,
      citations: this.citations,
      needsLegalReview: this.reviewReasons.length > 0,
      legalReviewReasons: this.reviewReasons,
    };
  }
}

/**
 * An explanation nobody reads: a determination worked out for its value alone (the route under the
 * superseded thresholds, say) keeps no trace, citations or review reasons.
 */
export class QuietExplanation extends Explanation {
  override keep(citation: Citation): Citation {
    return citation;
  }

  override step(): void {}

  override review(): void {}
}

/** One formatter for counts that are not whole numbers, made on first use (making one loads locale data). */
let countFormat: Intl.NumberFormat | undefined;

/**
 * `items` run together one pair at a time by the list message `id` (its values `first` and
 * `second`), as the language writes a list; '' for none.
 */
export function listWith(say: Say, id: string, items: readonly string[]): string {
  return items.length === 0 ? '' : items.reduce((first, second) => say(id, { first, second }));
}

/**
 * A count as en-US writes it (1,000,000). Whole numbers, which every count is, are grouped by hand:
 * Intl is the slowest step of an assessment's text. Anything else goes through Intl.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return (countFormat ??= new Intl.NumberFormat('en-US')).format(value);
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  if (value > -1000 && value < 1000) return String(value);
  const digits = String(value < 0 ? -value : value);
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let index = out.length; index < digits.length; index += 3) out += `,${digits.slice(index, index + 3)}`;
  return value < 0 ? `-${out}` : out;
}
