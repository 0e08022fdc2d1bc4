// Runs every determination for one profile as of one date and assembles the assessment.
import type { LawBook } from '../law/content-schema.ts';
import { EARLIEST_AS_OF, findInstrument, type Citation } from '../law/law-book.ts';
import { isIsoDate } from '../law/dates.ts';
import { normaliseProfile, type DefaultUse, type Problem, type Profile } from '../profile/normalise-profile.ts';
import { sectorImportantData as findSectorImportantData, sectorOrganisationRules, sectorSystemRules } from '../sectors/registry.ts';
import { ALGORITHM_FACTS, assessAlgorithms } from './assess-algorithms.ts';
import { assessCbdt } from './assess-cbdt.ts';
import { assessCii, CII_FACTS } from './assess-cii.ts';
import { assessHosting } from './assess-hosting.ts';
import { icpAnswer, icpOrganisationFacts } from './assess-icp.ts';
import { assessIncidentReporting } from './assess-incident-reporting.ts';
import { assessLocalisation, LOCALISATION_FACTS } from './assess-localisation.ts';
import { assessMlps, mlpsFacts } from './assess-mlps.ts';
import { assessNetworkData } from './assess-network-data.ts';
import { assessExposure } from './assess-penalties.ts';
import { gapInput, isCatalogLevel, practicesGiven } from '../controls/gap-analysis.ts';
import { controlsState, gapSummary } from '../controls/gap-summary.ts';
import { assessCybersecurityReview, assessSensitivePi, assessVehicleStandards, SENSITIVE_PI_ORGANISATION_FACTS, SENSITIVE_PI_SYSTEM_FACTS } from './assess-special-rules.ts';
import { factsOf, namingSystem, sharedAnswers, standingIn, type CitationMarks } from './shared-answers.ts';
import { assessTimeline } from './assess-timeline.ts';
import { assessVolumeDuties } from './assess-volume-duties.ts';
import type { Assessment, SystemAssessment } from './assessment-schema.ts';
import { Explanation, type AssessContext, type Say } from './explanation.ts';
import { buildFindings } from './build-findings.ts';
import { buildOpenQuestions } from './build-open-questions.ts';
import { invalidProfile } from '../input-errors.ts';
import { compareIds } from '../id-order.ts';


export const ENGINE_VERSION = '0.1.0';

/** The last date checkAsOf accepted: a portfolio is assessed on one date, checked once. */
let lastAcceptedAsOf = '';

/** Checks the assessment date: a real date, not before the first implementing measures for outbound transfers. */
export function checkAsOf(asOf: string): Problem[] {
  if (asOf === lastAcceptedAsOf) return [];
  if (!isIsoDate(asOf)) return [{ path: 'asOf', message: `expected a date as YYYY-MM-DD, received "${asOf}"` }];
  if (asOf < EARLIEST_AS_OF) {
    return [{ path: 'asOf', message: `${asOf} is before ${EARLIEST_AS_OF}, when the first implementing measures for outbound transfers (the 2022 Security Assessment Measures) took effect; Landfall does not evaluate earlier dates` }];
  }
  lastAcceptedAsOf = asOf;
  return [];
}

function assessJurisdiction(context: AssessContext) {
  const explanation = new Explanation(context);
  const { say } = explanation;
  const { profile } = context;
  const inFrame = profile.systems.filter((system) => system.hosting === 'mainland' || system.servesMainlandUsers || system.collectsMainlandPersonalInformation);
  const outside = profile.systems.filter((system) => system.hosting === 'hong_kong' || system.hosting === 'macau' || system.hosting === 'taiwan');
  for (const system of outside) {
    const regime = ({ hong_kong: 'hk.pdpo', macau: 'mo.pdpa', taiwan: 'tw.pdpa' } as const)[system.hosting as 'hong_kong' | 'macau' | 'taiwan'];
    explanation.step(say('engine.profile.step.hostedOutside', { system: system.id, hosting: system.hosting }), say('engine.profile.result.hostedOutside'), {
      citation: explanation.cite({ instrument: regime, article: null }),
    });
  }
  const applies = inFrame.length > 0 || profile.transfers.length > 0;
  const detail = applies
    ? say('engine.profile.detail.frameApplies', { systems: inFrame.length, transfers: profile.transfers.length })
    : say('engine.profile.detail.frameDoesNotApply');
  explanation.step(say('engine.profile.step.frame'), detail, { citation: explanation.cite({ instrument: 'cn.pipl', article: '3' }) });
  return { mainlandFrameApplies: applies, detail, ...explanation.result() };
}

type Cited = { readonly citation?: { readonly instrument: string } | undefined };

/** An instrument's entry in `rules`, and its place in order of entry into force (then id). */
interface RuleEntry {
  rank: number;
  rule: Assessment['rules'][number];
}

/** The rule entries of one law book in one language: by instrument id, and in order. */
interface RuleEntries {
  byId: Map<string, RuleEntry>;
  ordered: Array<Assessment['rules'][number]>;
  /**
   * The ranks a frozen explanation's citations mark (one the assessment did not work out itself,
   * outside the shared answers, which keep theirs in their entries): read once, by the explanation.
   * Keyed weakly, so the ranks are let go with the explanation.
   */
  explainedRanks: WeakMap<object, readonly number[]>;
  /**
   * The marks of the assessment being collected: one assessment of a law book in a language is
   * worked out at a time (nothing an assessment calls assesses another), so one array per law book
   * and language is cleared at each assessment's start and reused rather than made for each.
   */
  marks: Uint8Array;
}

/**
 * Each instrument's place in order of entry into force (then id) and its entry in `rules`, once per
 * law book and language: in zh-CN the entry carries the instrument's Chinese title where content has one.
 */
const RULE_ENTRIES = new WeakMap<LawBook, Map<string, RuleEntries>>();

function ruleEntries(book: LawBook, locale: string): RuleEntries {
  let byLocale = RULE_ENTRIES.get(book);
  if (!byLocale) {
    byLocale = new Map();
    RULE_ENTRIES.set(book, byLocale);
  }
  let entries = byLocale.get(locale);
  if (!entries) {
    const chinese = locale === 'zh-CN';
    const instruments = [...book.instruments.values()].sort((a, b) => compareIds(a.effective, b.effective) || compareIds(a.id, b.id));
    const ordered = instruments.map((instrument) => Object.freeze({ id: instrument.id, title: chinese ? (instrument.title.zh ?? instrument.shortTitle) : instrument.shortTitle, effective: instrument.effective }));
    entries = { byId: new Map(ordered.map((rule, rank) => [rule.id, { rank, rule }])), ordered, explainedRanks: new WeakMap(), marks: new Uint8Array(ordered.length) };
    byLocale.set(locale, entries);
  }
  return entries;
}

/** The instruments an assessment cites, marked by their place in order of entry into force. */
class CitedInstruments implements CitationMarks {
  private readonly marks: Uint8Array;

  constructor(
    private readonly book: LawBook,
    private readonly entries: RuleEntries,
  ) {
    this.marks = entries.marks;
    this.marks.fill(0);
  }

  private rankOf(instrument: string): number {
    const entry = this.entries.byId.get(instrument);
    if (!entry) findInstrument(this.book, instrument); // throws: the instrument is not in the law book
    return entry!.rank;
  }

  /** Marks the instruments of `list`, each read by `instrumentOf` (undefined: nothing, 'practice': not a rule). */
  private markAll<T>(list: readonly T[], instrumentOf: (item: T) => string | undefined): void {
    const { marks } = this;
    // Neighbouring entries mostly cite one instrument: its rank is looked up once for the run.
    let last: string | undefined;
    let lastRank = 0;
    for (let index = 0; index < list.length; index += 1) {
      const instrument = instrumentOf(list[index]!);
      if (instrument === undefined || instrument === 'practice') continue;
      if (instrument !== last) {
        last = instrument;
        lastRank = this.rankOf(instrument);
      }
      marks[lastRank] = 1;
    }
  }

  /** What an entry list cites (obligations, duties, tiers, findings): each entry's citation. */
  cited(entries: readonly Cited[]): void {
    this.markAll(entries, (entry) => entry.citation?.instrument);
  }

  /**
   * What an explanation cites. Its trace steps, and the obligations, options, treatments and tracks
   * made through it, keep their citations in its list, so the list alone names every instrument.
   */
  explained(explained: { readonly citations: ReadonlyArray<{ readonly instrument: string }> }): void {
    if (!Object.isFrozen(explained)) {
      this.markAll(explained.citations, (citation) => citation.instrument);
      return;
    }
    this.markKept(explained, explained.citations);
  }

  /** Marks the ranks of `citations`, kept by `owner` (a shared answer or its list) once read. */
  private markKept(owner: object, citations: ReadonlyArray<{ readonly instrument: string }>): void {
    const known = this.entries.explainedRanks;
    let ranks = known.get(owner);
    if (ranks === undefined) {
      const found: number[] = [];
      for (const { instrument } of citations) if (instrument !== 'practice') found.push(this.rankOf(instrument));
      ranks = found;
      known.set(owner, ranks);
    }
    this.mark(ranks);
  }

  /** Marks the instruments of `ranks` (see ranksOf). */
  mark(ranks: readonly number[]): void {
    for (let index = 0; index < ranks.length; index += 1) this.marks[ranks[index]!] = 1;
  }

  /**
   * The ranks of every instrument cited anywhere in `answer`: each citation it holds (an object
   * with an instrument, an effective date and a confidence, as test/assess-collect.test.ts finds
   * them), in the order met. For a shared answer, worked out once when first handed out.
   */
  ranksOf(answer: unknown): readonly number[] {
    const found: number[] = [];
    const seen = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        for (let index = 0; index < node.length; index += 1) visit(node[index]);
      } else if (node !== null && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        const instrument = record.instrument;
        if (typeof instrument === 'string' && typeof record.effective === 'string' && 'confidence' in record && instrument !== 'practice' && !seen.has(instrument)) {
          seen.add(instrument);
          found.push(this.rankOf(instrument));
        }
        for (const key of Object.keys(record)) visit(record[key]);
      }
    };
    visit(answer);
    return found;
  }

  basis(citations: ReadonlyArray<{ readonly instrument: string }>): void {
    this.markAll(citations, (citation) => citation.instrument);
  }

  /** The marked instruments' entries, in order of entry into force (then id). */
  rules(): Assessment['rules'] {
    const rules: Assessment['rules'] = [];
    const { ordered } = this.entries;
    for (let rank = 0; rank < ordered.length; rank += 1) if (this.marks[rank] === 1) rules.push(ordered[rank]!);
    return rules;
  }
}

/**
 * Every instrument the assessment cites: `cited` has been marked by every shared answer the
 * assessment was given (SharedAnswers.collect: the CII answer, each system's MLPS, ICP, hosting,
 * localisation, incident, algorithm and sensitive-PI answers, the timeline), and here by the
 * determinations worked out for the assessment alone and the few places that cite outside an
 * explanation (test/assess-collect.test.ts checks this against a walk of the whole tree).
 */
function rulesApplied(cited: CitedInstruments, assessment: Omit<Assessment, 'rules'>): Assessment['rules'] {
  const { jurisdiction, cbdt, piVolumeDuties, sectorRules } = assessment.organisation;
  cited.explained(jurisdiction);
  cited.explained(cbdt);
  cited.cited(piVolumeDuties);
  cited.cited(sectorRules);
  cited.explained(assessment.organisation.networkData);
  cited.cited(assessment.organisation.networkData.duties);
  for (const special of [assessment.organisation.cybersecurityReview, assessment.organisation.vehicleStandards]) {
    cited.explained(special);
    cited.cited(special.duties);
  }
  for (const system of assessment.systems) cited.cited(system.sectorRules);
  // The exposure items' tiers are made in segments whose explanations keep each tier's citation
  // (assess-penalties.ts: Tiers reads every fine through the segment's explanation), and those
  // citations are the exposure's own list: the list names every instrument the tiers cite.
  cited.explained(assessment.exposure);
  for (const finding of assessment.findings) cited.basis(finding.basis);
  return cited.rules();
}

/**
 * An assessment date beyond the content horizon is answered (planning for a go-live is legitimate),
 * with a warning: rules published or taking effect after the horizon are not known to the content.
 */
function horizonWarnings(book: LawBook, asOf: string, say: Say): Assessment['warnings'] {
  const horizon = book.horizon;
  if (horizon == null || asOf <= horizon) return [];
  return [{ id: 'content_horizon', message: say('engine.warning.contentHorizon', { asOf, horizon }) }];
}

/** Assesses an already-normalised profile. Pure: the same book, profile and date give the same result. */
export function assessNormalised(book: LawBook, profile: Profile, defaultsUsed: DefaultUse[], asOf: string, say: Say): Assessment {
  const dateProblems = checkAsOf(asOf);
  if (dateProblems.length > 0) throw invalidProfile(dateProblems);
  const context: AssessContext = { book, asOf, profile, say };
  const jurisdiction = assessJurisdiction(context);
  const cbdt = assessCbdt(context);
  // Determinations that read a few discrete facts are shared between assessments of the day
  // (shared-answers.ts); each answer handed out marks what it cites.
  const shared = sharedAnswers(context);
  const cited = new CitedInstruments(book, ruleEntries(book, say.locale));
  shared.collect(cited);
  const { organisation: firm } = profile;
  const cii = shared.answer('cii', factsOf(firm, CII_FACTS), () => assessCii(context));
  const piVolumeDuties = assessVolumeDuties(context);
  const isCiio = cii.status === 'notified';

  const crosswalks = controlsState(book.controls, profile.controls);
  const given = practicesGiven(defaultsUsed);
  const icpFirm = icpOrganisationFacts(book, firm);
  const sensitivePiFirm = factsOf(firm, SENSITIVE_PI_ORGANISATION_FACTS);
  // Where a system is hosted, said once per place for the law day and formatter.
  const hostedTexts = shared.state('hosted in', () => new Map<string, string>());
  const hostedIn = (hosting: Profile['systems'][number]['hosting']): string => {
    let text = hostedTexts.get(hosting);
    if (text === undefined) {
      text = hosting === 'mainland' ? say('engine.jurisdiction.mainland') : hosting === 'overseas' ? say('engine.jurisdiction.overseas') : say('engine.jurisdiction.elsewhere', { hosting });
      hostedTexts.set(hosting, text);
    }
    return text;
  };
  const systems: SystemAssessment[] = profile.systems.map((system) => {
    const icp = icpAnswer(shared, context, system, icpFirm);
    const graded = shared.answer('mlps', mlpsFacts(system, isCiio), () => assessMlps(context, isCiio ? standingIn(system) : system, isCiio));
    const gaps = isCatalogLevel(graded.level) ? gapSummary(book.controls, gapInput(profile, system, defaultsUsed, graded.level, 'graded', given), say, crosswalks) : null;
    // Written out rather than spread: the grade's fields in its order, then the gaps.
    const mlps: SystemAssessment['mlps'] = {
      level: graded.level,
      businessInformationLevel: graded.businessInformationLevel,
      systemServiceLevel: graded.systemServiceLevel,
      applies: graded.applies,
      applicability: graded.applicability,
      expertReview: graded.expertReview,
      psbFilingDays: graded.psbFilingDays,
      assessmentIntervalMonths: graded.assessmentIntervalMonths,
      commercialCryptoAssessment: graded.commercialCryptoAssessment,
      obligations: graded.obligations,
      trace: graded.trace,
      citations: graded.citations,
      needsLegalReview: graded.needsLegalReview,
      // A CII operator's grade was written for a stand-in id (mlpsFacts): this system is named in its copy.
      legalReviewReasons: isCiio ? namingSystem(graded.legalReviewReasons, system.id) : graded.legalReviewReasons,
      gaps,
    };
    const sectorImportantData = findSectorImportantData(context, system);
    const hosting = assessHosting(context, system, { cbdt, cii, icp, sectorImportantData });
    const outside = system.hosting !== 'mainland';
    return {
      id: system.id,
      name: system.name,
      jurisdiction: { frame: outside ? 'outside_mainland' : 'mainland', hosting: system.hosting, detail: hostedIn(system.hosting) },
      mlps,
      icp,
      hosting,
      localisation: shared.answer('localisation', factsOf(system, LOCALISATION_FACTS), () => assessLocalisation(context, system)),
      sectorRules: sectorSystemRules(context, system),
      incidentReporting: assessIncidentReporting(context, system, isCiio),
      algorithms: shared.answer('algorithms', factsOf(system, ALGORITHM_FACTS), () => assessAlgorithms(context, system)),
      sensitivePi: shared.answer('sensitivePi', factsOf(system, SENSITIVE_PI_SYSTEM_FACTS, sensitivePiFirm), () => assessSensitivePi(context, system)),
    };
  });
  const timeline = assessTimeline(context, cbdt, systems);
  const organisation = {
    jurisdiction,
    cbdt,
    cii,
    piVolumeDuties,
    sectorRules: sectorOrganisationRules(context),
    networkData: assessNetworkData(context),
    cybersecurityReview: assessCybersecurityReview(context),
    vehicleStandards: assessVehicleStandards(context),
  };
  const exposure = assessExposure(context, { cbdt, cii, piVolumeDuties, systems, networkData: organisation.networkData });
  const core = {
    schemaVersion: 1 as const,
    asOf,
    engineVersion: ENGINE_VERSION,
    contentVersion: book.contentVersion,
    contentHorizon: book.horizon ?? null,
    warnings: horizonWarnings(book, asOf, say),
    profile: { organisation: profile.organisation.name, systems: profile.systems.length, transfers: profile.transfers.length },
    organisation,
    systems,
    timeline,
    exposure,
  };
  const findings = buildFindings(context, core);
  const openQuestions = buildOpenQuestions(context, core, defaultsUsed);
  const needsLegalReview = findings.some((finding) => finding.needsLegalReview) || openQuestions.some((question) => question.kind === 'legal_review');
  // The assessment grows in place, its fields in the schema's order.
  const assessment = core as typeof core & Partial<Pick<Assessment, 'findings' | 'openQuestions' | 'needsLegalReview' | 'rules'>>;
  assessment.findings = findings;
  assessment.openQuestions = openQuestions;
  assessment.needsLegalReview = needsLegalReview;
  shared.collect(null);
  assessment.rules = rulesApplied(cited, assessment as Omit<Assessment, 'rules'>);
  return assessment as Assessment;
}

/** Validates a raw profile and assesses it. Throws invalid_profile with every problem. */
export function assessProfile(book: LawBook, input: unknown, asOf: string, say: Say): Assessment {
  const dateProblems = checkAsOf(asOf);
  if (dateProblems.length > 0) throw invalidProfile(dateProblems);
  const normalised = normaliseProfile(input, asOf);
  if (!normalised.ok) throw invalidProfile(normalised.problems);
  return assessNormalised(book, normalised.profile, normalised.defaultsUsed, asOf, say);
}

export type { Citation };
