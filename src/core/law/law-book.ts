// Looking up the law as of a date: instruments in force, dated parameters, citations in the
// article numbering in force, and the formula version of a determination.
import type { CitationRef, CodeCitationRef, Instrument, LawBook, ParameterValue } from './content-schema.ts';
import type { InstrumentId, ParameterId } from './content-ids.ts';

export interface Citation {
  instrument: string;
  article: string | null;
  title: string;
  effective: string;
  url: string | null;
  confidence: Instrument['confidence'];
  note?: string;
}

export class LawBookError extends Error {
  override readonly name = 'LawBookError';
}

/** The first date on which the engine evaluates law: the 2022 Assessment Measures took effect. */
export const EARLIEST_AS_OF = '2022-09-01';

/** An instrument code names (its id checked by tsc against content/). */
export function getInstrument(book: LawBook, id: InstrumentId): Instrument {
  return findInstrument(book, id);
}

/** An instrument by an id read from content/ or from an assessment; throws when the law book lacks it. */
export function findInstrument(book: LawBook, id: string): Instrument {
  const instrument = book.instruments.get(id);
  if (!instrument) throw new LawBookError(`unknown instrument "${id}"`);
  return instrument;
}

export function isInForce(book: LawBook, id: InstrumentId, asOf: string): boolean {
  return instrumentInForce(findInstrument(book, id), asOf);
}

const instrumentInForce = (instrument: Instrument, asOf: string) => instrument.effective <= asOf && (instrument.ceased == null || asOf <= instrument.ceased);

/**
 * A citation in the numbering in force on `asOf`. A `provision` reference resolves to whichever
 * version of a renumbered instrument is in force (CSL Art. 21 before 2026-01-01, Art. 23 after).
 */
/** `ref` names content by id (checked by tsc), or is a citation already made. */
export function cite(book: LawBook, asOf: string, ref: CodeCitationRef | Citation): Citation {
  return citeOn(lawDay(book, asOf), ref);
}

/**
 * The law as it reads on one date, worked out once per law book and date: every citation and
 * parameter reading an assessment asks for is resolved on first use and shared afterwards. Shared
 * answers are frozen, so no caller can change another's. Kept for a bounded number of dates per
 * book, then started afresh.
 */
export interface LawDay {
  readonly book: LawBook;
  readonly asOf: string;
  /** Parameter readings by parameter id. */
  /** Citations and notes in Chinese (zh-CN), else English. */
  readonly chinese: boolean;
  readonly readings: Map<string, ParameterReading<unknown>>;
  /** Citations of an instrument's article (or of the instrument, article null) by instrument, then article. */
  readonly articles: Map<string, Map<string | null, Citation>>;
  /** Citations of a named provision in the numbering in force. */
  readonly provisions: Map<string, Citation>;
}

const DAYS = new WeakMap<LawBook, Map<string, LawDay>>();
const DATES_KEPT = 512;

/**
 * The shared lookups of one law book on one date, in one language: in zh-CN, citations carry the
 * instrument's Chinese title and notes their Chinese text where content gives one.
 */
export function lawDay(book: LawBook, asOf: string, locale = 'en'): LawDay {
  let byDate = DAYS.get(book);
  if (!byDate) {
    byDate = new Map();
    DAYS.set(book, byDate);
  }
  const key = locale === 'en' ? asOf : `${asOf} ${locale}`;
  let day = byDate.get(key);
  if (!day) {
    if (byDate.size >= DATES_KEPT) byDate.clear();
    day = { book, asOf, chinese: locale === 'zh-CN', readings: new Map(), articles: new Map(), provisions: new Map() };
    byDate.set(key, day);
  }
  return day;
}

/** `cite` on a law day: citations without a note are resolved once per date and shared (frozen). */
export function citeOn(day: LawDay, ref: CitationRef): Citation {
  if (ref.practice != null) return citePractice(day, ref, ref.practice);
  if (ref.note != null) return citeLaw(day, ref);
  if (ref.provision != null) {
    let citation = day.provisions.get(ref.provision);
    if (!citation) {
      citation = Object.freeze(citeLaw(day, ref));
      day.provisions.set(ref.provision, citation);
    }
    return citation;
  }
  const instrument = ref.instrument;
  if (instrument == null) return citeLaw(day, ref);
  let byArticle = day.articles.get(instrument);
  if (!byArticle) {
    byArticle = new Map();
    day.articles.set(instrument, byArticle);
  }
  const article = ref.article ?? null;
  let citation = byArticle.get(article);
  if (!citation) {
    citation = Object.freeze(citeLaw(day, ref));
    byArticle.set(article, citation);
  }
  return citation;
}

/** A note in the law day's language: the Chinese one where content gives it. */
function noteOf(day: LawDay, ref: { note?: string; noteZh?: string }): string | undefined {
  return day.chinese ? (ref.noteZh ?? ref.note) : ref.note;
}

function citePractice(day: LawDay, ref: CitationRef, practice: string): Citation {
  const citation: Citation = {
    instrument: 'practice',
    article: null,
    title: day.chinese ? (ref.practiceZh ?? practice) : practice,
    effective: day.asOf,
    url: ref.sources?.[0] ?? null,
    confidence: ref.sources && ref.sources.length > 0 ? 'secondary' : 'unconfirmed',
  };
  const note = noteOf(day, ref);
  if (note != null) citation.note = note;
  return citation;
}

function citeLaw(day: LawDay, ref: CitationRef): Citation {
  const { book, asOf } = day;
  let instrumentId = ref.instrument;
  let article = ref.article ?? null;
  if (ref.provision != null) {
    const provision = book.provisions.get(ref.provision);
    if (!provision) throw new LawBookError(`unknown provision "${ref.provision}"`);
    const version = provision.versions.find((candidate) => instrumentInForce(findInstrument(book, candidate.instrument), asOf)) ?? provision.versions[0];
    if (!version) throw new LawBookError(`provision "${ref.provision}" has no versions`);
    instrumentId = version.instrument;
    article = version.article;
  }
  if (instrumentId == null) throw new LawBookError('a citation needs an instrument or a provision');
  const instrument = findInstrument(book, instrumentId);
  const citation: Citation = {
    instrument: instrument.id,
    article,
    title: day.chinese ? (instrument.title.zh ?? instrument.shortTitle) : instrument.shortTitle,
    effective: instrument.effective,
    url: instrument.url,
    confidence: instrument.confidence,
  };
  const note = noteOf(day, ref);
  if (note != null) citation.note = note;
  return citation;
}

export interface ParameterReading<T> {
  id: string;
  value: T;
  from: string;
  citation: Citation;
  wording?: string;
  needsLegalReview: boolean;
  note?: string;
}

function valueInForce(book: LawBook, id: string, asOf: string): ParameterValue {
  const parameter = book.parameters.get(id);
  if (!parameter) throw new LawBookError(`unknown parameter "${id}"`);
  let current: ParameterValue | undefined;
  for (const value of parameter.values) if (value.from <= asOf) current = value;
  if (!current) throw new LawBookError(`parameter "${id}" has no value in force on ${asOf}`);
  return current;
}

/** The value of a dated parameter on `asOf`, with its citation. */
export function readParameter<T extends ParameterValue['value']>(book: LawBook, id: ParameterId, asOf: string): ParameterReading<T> {
  return readParameterOn<T>(lawDay(book, asOf), id);
}

/** readParameter on a law day. */
export function readParameterOn<T extends ParameterValue['value']>(day: LawDay, id: string): ParameterReading<T> {
  let reading = day.readings.get(id);
  if (!reading) {
    reading = Object.freeze(computeReading(day, id));
    day.readings.set(id, reading);
  }
  return reading as ParameterReading<T>;
}

function computeReading(day: LawDay, id: string): ParameterReading<unknown> {
  const value = valueInForce(day.book, id, day.asOf);
  const reading: ParameterReading<unknown> = {
    id,
    value: value.value,
    from: value.from,
    citation: citeOn(day, value.citation),
    needsLegalReview: value.needsLegalReview,
  };
  if (value.wording != null) reading.wording = value.wording;
  const note = noteOf(day, value);
  if (note != null) reading.note = note;
  return reading;
}

/** Like readParameter, but undefined when the parameter has no value yet on `asOf` (its instrument is not in force). */
export function readParameterIfInForce<T extends ParameterValue['value']>(book: LawBook, id: ParameterId, asOf: string): ParameterReading<T> | undefined {
  return readParameterIfInForceOn<T>(lawDay(book, asOf), id);
}

export function readParameterIfInForceOn<T extends ParameterValue['value']>(day: LawDay, id: string): ParameterReading<T> | undefined {
  const known = day.readings.get(id);
  if (known) return known as ParameterReading<T>;
  const parameter = day.book.parameters.get(id);
  if (!parameter) throw new LawBookError(`unknown parameter "${id}"`);
  const first = parameter.values[0];
  return first && first.from <= day.asOf ? readParameterOn<T>(day, id) : undefined;
}

export function numberParameter(book: LawBook, id: ParameterId, asOf: string): ParameterReading<number> {
  return numberParameterOn(lawDay(book, asOf), id);
}

export function numberParameterOn(day: LawDay, id: string): ParameterReading<number> {
  const reading = readParameterOn<number>(day, id);
  if (typeof reading.value !== 'number') throw new LawBookError(`parameter "${id}" is not a number on ${day.asOf}`);
  return reading;
}

export function rangeParameter(book: LawBook, id: ParameterId, asOf: string): ParameterReading<{ min: number; max: number }> {
  return rangeParameterOn(lawDay(book, asOf), id);
}

export function rangeParameterOn(day: LawDay, id: string): ParameterReading<{ min: number; max: number }> {
  const reading = readParameterOn<{ min: number; max: number }>(day, id);
  if (reading.value == null || typeof reading.value !== 'object') throw new LawBookError(`parameter "${id}" is not a range on ${day.asOf}`);
  return reading;
}

/** A formula version: the logic of a determination under one regime, in force from its instrument's effective date. */
export interface FormulaVersion<F> {
  /** The instrument whose entry into force starts this version. */
  instrument: InstrumentId;
  evaluate: F;
}

/** Picks the formula version in force on `asOf`: the latest whose instrument is effective. */
export function selectFormula<F>(book: LawBook, versions: ReadonlyArray<FormulaVersion<F>>, asOf: string): FormulaVersion<F> & { effective: string } {
  let selected: (FormulaVersion<F> & { effective: string }) | undefined;
  for (const version of versions) {
    const effective = getInstrument(book, version.instrument).effective;
    if (effective <= asOf && (!selected || effective >= selected.effective)) selected = { ...version, effective };
  }
  if (!selected) throw new LawBookError(`no formula version in force on ${asOf}`);
  return selected;
}
