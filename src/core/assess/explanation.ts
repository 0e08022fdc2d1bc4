// Collects the trace, citations and legal-review reasons of one determination as it is worked out.
import type { CitationRef, LawBook } from '../law/content-schema.ts';
import { cite, numberParameter, rangeParameter, readParameter, readParameterIfInForce, type Citation, type ParameterReading } from '../law/law-book.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { Obligation, TraceStep } from './assessment-schema.ts';

export interface AssessContext {
  readonly book: LawBook;
  readonly asOf: string;
  readonly profile: Profile;
}

export class Explanation {
  readonly trace: TraceStep[] = [];
  /** Distinct by instrument and article, in the order first kept; a later citation of the same article replaces the earlier. */
  private readonly citations: Citation[] = [];
  private readonly reviewReasons: string[] = [];

  constructor(private readonly context: AssessContext) {}

  /** Cites the law as of the assessment date and records the citation. */
  cite(ref: CitationRef): Citation {
    const citation = cite(this.context.book, this.context.asOf, ref);
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
    if (reading.needsLegalReview) this.review(reading.note ?? `Parameter ${reading.id} is unconfirmed.`);
    return reading;
  }

  parameter<T extends string | number | boolean | null>(id: string): ParameterReading<T> {
    return this.track(readParameter<T>(this.context.book, id, this.context.asOf));
  }

  parameterIfInForce<T extends string | number | boolean | null>(id: string): ParameterReading<T> | undefined {
    const reading = readParameterIfInForce<T>(this.context.book, id, this.context.asOf);
    return reading ? this.track(reading) : undefined;
  }

  number(id: string): ParameterReading<number> {
    return this.track(numberParameter(this.context.book, id, this.context.asOf));
  }

  range(id: string): ParameterReading<{ min: number; max: number }> {
    return this.track(rangeParameter(this.context.book, id, this.context.asOf));
  }

  obligation(id: string, title: string, detail: string, ref: CitationRef, needsLegalReview = false): Obligation {
    const citation = this.cite(ref);
    if (needsLegalReview) this.review(`${title}: ${detail}`);
    return { id, title, detail, citation, needsLegalReview };
  }

  result() {
    return {
      trace: this.trace,
      citations: this.citations.slice(),
      needsLegalReview: this.reviewReasons.length > 0,
      legalReviewReasons: [...this.reviewReasons],
    };
  }
}

/** One formatter for every count: the same output as toLocaleString('en-US'), without a formatter per call. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export const formatCount = (value: number): string => COUNT_FORMAT.format(value);
