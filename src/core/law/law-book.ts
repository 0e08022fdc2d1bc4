// Looking up the law as of a date: instruments in force, dated parameters, citations in the
// article numbering in force, and the formula version of a determination.
import type { CitationRef, Instrument, LawBook, ParameterValue } from './content-schema.ts';

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

export function getInstrument(book: LawBook, id: string): Instrument {
  const instrument = book.instruments.get(id);
  if (!instrument) throw new LawBookError(`unknown instrument "${id}"`);
  return instrument;
}

export function isInForce(book: LawBook, id: string, asOf: string): boolean {
  const instrument = getInstrument(book, id);
  return instrument.effective <= asOf && (instrument.ceased == null || asOf <= instrument.ceased);
}

/**
 * A citation in the numbering in force on `asOf`. A `provision` reference resolves to whichever
 * version of a renumbered instrument is in force (CSL Art. 21 before 2026-01-01, Art. 23 after).
 */
export function cite(book: LawBook, asOf: string, ref: CitationRef): Citation {
  return ref.practice != null ? citePractice(asOf, ref, ref.practice) : citeLaw(book, asOf, ref);
}

/**
 * Parameter readings per law book, by date and id: an assessment reads the same few dozen, and the
 * answers never change for one book. Shared readings are frozen, so no caller can change another's.
 * Kept for a bounded number of dates per book, then started afresh.
 */
const READINGS = new WeakMap<LawBook, Map<string, Map<string, ParameterReading<unknown>>>>();
const DATES_KEPT = 512;

function readingsOn(book: LawBook, asOf: string): Map<string, ParameterReading<unknown>> {
  let byDate = READINGS.get(book);
  if (!byDate) {
    byDate = new Map();
    READINGS.set(book, byDate);
  }
  let readings = byDate.get(asOf);
  if (!readings) {
    if (byDate.size >= DATES_KEPT) byDate.clear();
    readings = new Map();
    byDate.set(asOf, readings);
  }
  return readings;
}

function citePractice(asOf: string, ref: CitationRef, practice: string): Citation {
  const citation: Citation = {
    instrument: 'practice',
    article: null,
    title: practice,
    effective: asOf,
    url: ref.sources?.[0] ?? null,
    confidence: ref.sources && ref.sources.length > 0 ? 'secondary' : 'unconfirmed',
  };
  if (ref.note != null) citation.note = ref.note;
  return citation;
}

function citeLaw(book: LawBook, asOf: string, ref: CitationRef): Citation {
  let instrumentId = ref.instrument;
  let article = ref.article ?? null;
  if (ref.provision != null) {
    const provision = book.provisions.get(ref.provision);
    if (!provision) throw new LawBookError(`unknown provision "${ref.provision}"`);
    const version = provision.versions.find((candidate) => isInForce(book, candidate.instrument, asOf)) ?? provision.versions[0];
    if (!version) throw new LawBookError(`provision "${ref.provision}" has no versions`);
    instrumentId = version.instrument;
    article = version.article;
  }
  if (instrumentId == null) throw new LawBookError('a citation needs an instrument or a provision');
  const instrument = getInstrument(book, instrumentId);
  const citation: Citation = {
    instrument: instrument.id,
    article,
    title: instrument.shortTitle,
    effective: instrument.effective,
    url: instrument.url,
    confidence: instrument.confidence,
  };
  if (ref.note != null) citation.note = ref.note;
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
export function readParameter<T extends ParameterValue['value']>(book: LawBook, id: string, asOf: string): ParameterReading<T> {
  const readings = readingsOn(book, asOf);
  let reading = readings.get(id);
  if (!reading) {
    reading = Object.freeze(computeReading(book, id, asOf));
    readings.set(id, reading);
  }
  return reading as ParameterReading<T>;
}

function computeReading(book: LawBook, id: string, asOf: string): ParameterReading<unknown> {
  const value = valueInForce(book, id, asOf);
  const reading: ParameterReading<unknown> = {
    id,
    value: value.value,
    from: value.from,
    citation: cite(book, asOf, value.citation),
    needsLegalReview: value.needsLegalReview,
  };
  if (value.wording != null) reading.wording = value.wording;
  if (value.note != null) reading.note = value.note;
  return reading;
}

/** Like readParameter, but undefined when the parameter has no value yet on `asOf` (its instrument is not in force). */
export function readParameterIfInForce<T extends ParameterValue['value']>(book: LawBook, id: string, asOf: string): ParameterReading<T> | undefined {
  const parameter = book.parameters.get(id);
  if (!parameter) throw new LawBookError(`unknown parameter "${id}"`);
  const first = parameter.values[0];
  return first && first.from <= asOf ? readParameter<T>(book, id, asOf) : undefined;
}

export function numberParameter(book: LawBook, id: string, asOf: string): ParameterReading<number> {
  const reading = readParameter<number>(book, id, asOf);
  if (typeof reading.value !== 'number') throw new LawBookError(`parameter "${id}" is not a number on ${asOf}`);
  return reading;
}

export function rangeParameter(book: LawBook, id: string, asOf: string): ParameterReading<{ min: number; max: number }> {
  const reading = readParameter<{ min: number; max: number }>(book, id, asOf);
  if (reading.value == null || typeof reading.value !== 'object') throw new LawBookError(`parameter "${id}" is not a range on ${asOf}`);
  return reading;
}

/** A formula version: the logic of a determination under one regime, in force from its instrument's effective date. */
export interface FormulaVersion<F> {
  /** The instrument whose entry into force starts this version. */
  instrument: string;
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
