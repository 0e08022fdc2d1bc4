// Open questions: every default the profile relied on, every point flagged for legal review, and
// facts a determination needed but did not have.
import type { DefaultUse } from '../profile/normalise-profile.ts';
import type { OpenQuestion } from './assessment-schema.ts';
import type { AssessmentCore } from './build-findings.ts';
import type { AssessContext, Say } from './explanation.ts';
import { sharedAnswers } from './shared-answers.ts';

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  // JSON.stringify writes booleans, null and finite numbers as String does.
  if (typeof value === 'boolean' || value === null || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0))) return String(value);
  return JSON.stringify(value);
}

/** The questions about one defaulted field: its reason, and its question for each value seen. */
interface DefaultTexts {
  readonly detail: string;
  /** By the value itself (a primitive) or by its JSON (anything else). */
  readonly questions: Map<unknown, string>;
  /** Flat objects seen (a default of an object is a fresh copy each time) and their questions. */
  readonly objects: Array<{ readonly sample: Readonly<Record<string, unknown>>; readonly question: string }>;
}

/**
 * Whether `value` is a plain object with the fields of `sample`, in its order, holding the same
 * primitives (no nested object): then JSON.stringify writes both alike, and the question asked of
 * one is the other's. Comparing a handful of fields costs less than writing the JSON of each.
 */
function sameFlatObject(sample: Readonly<Record<string, unknown>>, value: object): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  const sampleKeys = Object.keys(sample);
  if (keys.length !== sampleKeys.length) return false;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    if (key !== sampleKeys[index]) return false;
    const member = (value as Record<string, unknown>)[key];
    if (member !== sample[key] || (member !== null && typeof member === 'object') || typeof member === 'function') return false;
  }
  return true;
}

/** Whether `value` is a plain object of primitives only (see sameFlatObject). */
function isFlatObject(value: object): value is Record<string, unknown> {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const member of Object.values(value)) if ((member !== null && typeof member === 'object') || typeof member === 'function' || typeof member === 'symbol' || typeof member === 'bigint') return false;
  return true;
}

/**
 * Bounds on what QuestionTexts keeps: a field's path carries system and transfer indexes, and some
 * defaults are per-firm values (the individuals processed), so neither set is closed. Past the
 * bounds a question is formatted as it is asked.
 */
const PATHS_KEPT = 512;
const VALUES_KEPT_PER_PATH = 8;

/**
 * The open questions' messages, formatted once per law day and formatter (kept as the day's shared state, see SharedAnswers.state) and shared:
 * about 35 defaults per assessment ask the same few questions with the same values.
 */
class QuestionTexts {
  private legalReviewText: string | undefined;
  private readonly defaults = new Map<string, DefaultTexts>();

  constructor(private readonly say: Say) {}

  get legalReview(): string {
    return (this.legalReviewText ??= this.say('engine.openQuestions.legalReview.question'));
  }

  /**
   * The texts about the field at `path`: the reason a default was relied on is a message named by
   * the path without array indexes (engine-defaults.yaml).
   */
  textsFor(path: string): DefaultTexts {
    let texts = this.defaults.get(path);
    if (!texts) {
      texts = { detail: this.say(`engine.defaults.${path.replace(/\[\d+\]/g, '')}`), questions: new Map(), objects: [] };
      if (this.defaults.size >= PATHS_KEPT) this.defaults.clear();
      this.defaults.set(path, texts);
    }
    return texts;
  }

  /** The question about the default `value` of the field at `path`, whose texts are `texts`. */
  question(texts: DefaultTexts, path: string, value: unknown): string {
    const { questions } = texts;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const kept of texts.objects) if (sameFlatObject(kept.sample, value)) return kept.question;
    }
    const key = typeof value === 'object' && value !== null ? describe(value) : value;
    let question = questions.get(key);
    if (question === undefined) {
      question = this.say('engine.openQuestions.default.question', { path, value: describe(value) });
      if (questions.size < VALUES_KEPT_PER_PATH) questions.set(key, question);
      // A copy, so that no later change to the profile's value changes what it is compared with.
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && texts.objects.length < VALUES_KEPT_PER_PATH && isFlatObject(value)) texts.objects.push({ sample: { ...value }, question });
    }
    return question;
  }
}

/** Question ids (Q1, Q2, …), made once and shared. */
const IDS: string[] = [];

function questionId(index: number): string {
  while (IDS.length <= index) IDS.push(`Q${IDS.length + 1}`);
  return IDS[index]!;
}

/**
 * The legal-review reasons of every determination, each once, in the order the assessment lists
 * the determinations (test/assess-collect.test.ts checks this against a walk of the whole tree).
 */
function reviewReasons(assessment: AssessmentCore): string[] {
  // A set of the reasons, in the order first added: an assessment has some 17 distinct reasons,
  // most of them strings of the shared answers, whose hashes are kept with them.
  const seen = new Set<string>();
  const add = (list: readonly string[]) => {
    for (let index = 0; index < list.length; index += 1) seen.add(list[index]!);
  };
  const { jurisdiction, cbdt, cii } = assessment.organisation;
  add(jurisdiction.legalReviewReasons);
  add(cbdt.legalReviewReasons);
  add(cii.legalReviewReasons);
  add(assessment.organisation.networkData.legalReviewReasons);
  add(assessment.organisation.cybersecurityReview.legalReviewReasons);
  add(assessment.organisation.vehicleStandards.legalReviewReasons);
  for (const system of assessment.systems) {
    add(system.mlps.legalReviewReasons);
    add(system.icp.legalReviewReasons);
    add(system.hosting.legalReviewReasons);
    add(system.incidentReporting.legalReviewReasons);
    add(system.algorithms.legalReviewReasons);
    add(system.sensitivePi.legalReviewReasons);
  }
  add(assessment.timeline.legalReviewReasons);
  add(assessment.exposure.legalReviewReasons);
  return [...seen];
}

export function buildOpenQuestions(context: AssessContext, assessment: AssessmentCore, defaultsUsed: DefaultUse[]): OpenQuestion[] {
  const questions: OpenQuestion[] = [];
  const ask = (kind: OpenQuestion['kind'], question: string, detail: string, path: string | null) => {
    questions.push({ id: questionId(questions.length), kind, question, detail, path });
  };
  const { profile, say } = context;
  const texts = sharedAnswers(context).state('question texts', () => new QuestionTexts(say));
  for (const used of defaultsUsed) {
    const path = used.path;
    const field = texts.textsFor(path);
    ask('default_relied_on', texts.question(field, path, used.value), field.detail, path);
  }
  let regional = 0;
  let regionalText = '';
  for (const t of profile.transfers) {
    if (t.destination !== 'HK' && t.destination !== 'MO') continue;
    regionalText = regional === 0 ? t.id : `${regionalText}, ${t.id}`;
    regional += 1;
  }
  if (regional > 0 && profile.organisation.mainlandCity == null) {
    ask('missing_fact', say('engine.openQuestions.gba.question'), say('engine.openQuestions.gba.detail', { transfers: regionalText }), 'organisation.mainlandCity');
  }
  for (const flow of assessment.organisation.cbdt.transfers) {
    if (!flow.implied) continue;
    ask('missing_fact', say('engine.openQuestions.implied.question', { system: String(flow.fromSystem) }), say('engine.openQuestions.implied.detail', { registered: flow.nonSensitiveIndividuals, transfer: String(flow.transfer) }), 'transfers');
  }
  const reviews = reviewReasons(assessment);
  if (reviews.length > 0) {
    const legalReview = texts.legalReview;
    for (const reason of reviews) ask('legal_review', legalReview, reason, null);
  }
  return questions;
}
