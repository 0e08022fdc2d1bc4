// Runs every determination for one profile as of one date and assembles the assessment.
import type { LawBook } from '../law/content-schema.ts';
import { EARLIEST_AS_OF, getInstrument, type Citation } from '../law/law-book.ts';
import { isIsoDate } from '../law/dates.ts';
import { normaliseProfile, type DefaultUse, type Problem, type Profile } from '../profile/normalise-profile.ts';
import { assessAutomotiveOrganisation, assessAutomotiveSystem, automotiveImportantData } from './assess-automotive.ts';
import { assessCbdt } from './assess-cbdt.ts';
import { assessCii } from './assess-cii.ts';
import { assessHosting } from './assess-hosting.ts';
import { assessIcp } from './assess-icp.ts';
import { assessIncidentReporting } from './assess-incident-reporting.ts';
import { assessLocalisation } from './assess-localisation.ts';
import { assessMlps } from './assess-mlps.ts';
import { assessNetworkData } from './assess-network-data.ts';
import { assessExposure } from './assess-penalties.ts';
import { gapInput, isCatalogLevel, practicesGiven } from '../controls/gap-analysis.ts';
import { controlsState, gapSummary } from '../controls/gap-summary.ts';
import { assessTimeline } from './assess-timeline.ts';
import { assessVolumeDuties } from './assess-volume-duties.ts';
import type { Assessment, SystemAssessment } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';
import { buildFindings } from './build-findings.ts';
import { buildOpenQuestions } from './build-open-questions.ts';

export const ENGINE_VERSION = '0.1.0';

export class AssessInputError extends Error {
  override readonly name = 'AssessInputError';
  constructor(readonly problems: Problem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
  }
}

/** Checks the assessment date: a real date, not before the first implementing measures for outbound transfers. */
export function checkAsOf(asOf: string): Problem[] {
  if (!isIsoDate(asOf)) return [{ path: 'asOf', message: `expected a date as YYYY-MM-DD, received "${asOf}"` }];
  if (asOf < EARLIEST_AS_OF) {
    return [{ path: 'asOf', message: `${asOf} is before ${EARLIEST_AS_OF}, when the first implementing measures for outbound transfers (the 2022 Security Assessment Measures) took effect; Landfall does not evaluate earlier dates` }];
  }
  return [];
}

function assessJurisdiction(context: AssessContext) {
  const explanation = new Explanation(context);
  const { profile } = context;
  const inFrame = profile.systems.filter((system) => system.hosting === 'mainland' || system.servesMainlandUsers || system.collectsMainlandPersonalInformation);
  const outside = profile.systems.filter((system) => system.hosting === 'hong_kong' || system.hosting === 'macau' || system.hosting === 'taiwan');
  for (const system of outside) {
    const regime = { hong_kong: 'hk.pdpo', macau: 'mo.pdpa', taiwan: 'tw.pdpa' }[system.hosting as 'hong_kong' | 'macau' | 'taiwan'];
    explanation.step(`System ${system.id} is hosted in ${system.hosting.replace('_', ' ')}`, 'Outside the mainland frame: MLPS and ICP do not reach it there, and its own data-protection law applies. Mainland PI that reaches it is an outbound transfer.', {
      citation: explanation.cite({ instrument: regime, article: null }),
    });
  }
  const applies = inFrame.length > 0 || profile.transfers.length > 0;
  const detail = applies
    ? `The mainland frame applies: ${inFrame.length} system(s) are hosted in or serve the mainland${profile.transfers.length > 0 ? `, and ${profile.transfers.length} transfer(s) leave it` : ''}.`
    : 'No system is hosted in or serves the mainland, and no data leaves it: the mainland frame does not apply.';
  explanation.step('Does the mainland frame apply?', detail, { citation: explanation.cite({ instrument: 'cn.pipl', article: '3' }) });
  return { mainlandFrameApplies: applies, detail, ...explanation.result() };
}

type Cited = { readonly citation?: { readonly instrument: string } | undefined };
type Explained = { readonly trace: readonly Cited[]; readonly citations: ReadonlyArray<{ readonly instrument: string }> };

function addCited(ids: Set<string>, entries: readonly Cited[]): void {
  for (const entry of entries) if (entry.citation) ids.add(entry.citation.instrument);
}

function addExplained(ids: Set<string>, explained: Explained): void {
  addCited(ids, explained.trace);
  for (const citation of explained.citations) ids.add(citation.instrument);
}

/** Instruments in order of entry into force, then id; ranked once per law book. */
const INSTRUMENT_RANK = new WeakMap<LawBook, Map<string, number>>();

function instrumentRank(book: LawBook): Map<string, number> {
  let rank = INSTRUMENT_RANK.get(book);
  if (!rank) {
    const ordered = [...book.instruments.values()].sort((a, b) => a.effective.localeCompare(b.effective) || a.id.localeCompare(b.id));
    rank = new Map(ordered.map((instrument, index) => [instrument.id, index]));
    INSTRUMENT_RANK.set(book, rank);
  }
  return rank;
}

/**
 * Every instrument the assessment cites, read from the places the assessment schema gives a
 * citation (test/assess-collect.test.ts checks this against a walk of the whole tree).
 */
function rulesApplied(book: LawBook, assessment: Omit<Assessment, 'rules'>): Assessment['rules'] {
  const ids = new Set<string>();
  const { jurisdiction, cbdt, cii, piVolumeDuties, sectorRules } = assessment.organisation;
  addExplained(ids, jurisdiction);
  addExplained(ids, cbdt);
  addCited(ids, cbdt.options);
  addCited(ids, cbdt.transfers);
  addCited(ids, cbdt.exemptions);
  addCited(ids, cbdt.duties);
  addCited(ids, cbdt.procedure);
  if (cbdt.sectorEscalation) ids.add(cbdt.sectorEscalation.citation.instrument);
  addExplained(ids, cii);
  addCited(ids, cii.obligations);
  addCited(ids, piVolumeDuties);
  addCited(ids, sectorRules);
  addExplained(ids, assessment.organisation.networkData);
  addCited(ids, assessment.organisation.networkData.duties);
  for (const system of assessment.systems) {
    addExplained(ids, system.mlps);
    addCited(ids, system.mlps.obligations);
    addExplained(ids, system.icp);
    addCited(ids, system.icp.obligations);
    addCited(ids, system.icp.prerequisites);
    addExplained(ids, system.hosting);
    addCited(ids, system.hosting.path);
    for (const item of system.localisation) addCited(ids, item.findings);
    addCited(ids, system.sectorRules);
    addExplained(ids, system.incidentReporting);
    addCited(ids, system.incidentReporting.duties);
    addCited(ids, system.incidentReporting.byOperatorType);
  }
  addExplained(ids, assessment.timeline);
  for (const track of assessment.timeline.tracks) for (const citation of track.basis) ids.add(citation.instrument);
  addCited(ids, assessment.timeline.postLaunch);
  addExplained(ids, assessment.exposure);
  for (const exposed of assessment.exposure.items) addCited(ids, exposed.tiers);
  for (const finding of assessment.findings) for (const citation of finding.basis) ids.add(citation.instrument);
  ids.delete('practice');
  const rank = instrumentRank(book);
  const instruments = [...ids].map((id) => getInstrument(book, id));
  instruments.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return instruments.map((instrument) => ({ id: instrument.id, title: instrument.shortTitle, effective: instrument.effective }));
}

/** Assesses an already-normalised profile. Pure: the same book, profile and date give the same result. */
export function assessNormalised(book: LawBook, profile: Profile, defaultsUsed: DefaultUse[], asOf: string): Assessment {
  const dateProblems = checkAsOf(asOf);
  if (dateProblems.length > 0) throw new AssessInputError(dateProblems);
  const context: AssessContext = { book, asOf, profile };
  const jurisdiction = assessJurisdiction(context);
  const cbdt = assessCbdt(context);
  const cii = assessCii(context);
  const piVolumeDuties = assessVolumeDuties(context);
  const isCiio = cii.status === 'notified';

  const crosswalks = controlsState(book.controls, profile.controls);
  const given = practicesGiven(defaultsUsed);
  const systems: SystemAssessment[] = profile.systems.map((system) => {
    const icp = assessIcp(context, system);
    const mlpsGraded = assessMlps(context, system, isCiio);
    const mlps = {
      ...mlpsGraded,
      gaps: isCatalogLevel(mlpsGraded.level)
        ? gapSummary(book.controls, gapInput(profile, system, defaultsUsed, mlpsGraded.level, 'graded', given), crosswalks)
        : null,
    };
    const sectorImportantData = automotiveImportantData(context, system);
    const hosting = assessHosting(context, system, { cbdt, cii, icp, sectorImportantData });
    const outside = system.hosting !== 'mainland';
    return {
      id: system.id,
      name: system.name,
      jurisdiction: {
        frame: outside ? 'outside_mainland' : 'mainland',
        hosting: system.hosting,
        detail: outside
          ? system.hosting === 'overseas'
            ? 'Hosted outside the mainland; mainland PI it holds has left the mainland.'
            : `Hosted in ${system.hosting.replace('_', ' ')}, a separate data-protection regime; for mainland PI this is outbound.`
          : 'Hosted in the mainland.',
      },
      mlps,
      icp,
      hosting,
      localisation: assessLocalisation(context, system),
      sectorRules: assessAutomotiveSystem(context, system),
      incidentReporting: assessIncidentReporting(context, system, isCiio),
    };
  });
  const timeline = assessTimeline(context, cbdt, systems);
  const organisation = {
    jurisdiction,
    cbdt,
    cii,
    piVolumeDuties,
    sectorRules: assessAutomotiveOrganisation(context),
    networkData: assessNetworkData(context),
  };
  const exposure = assessExposure(context, { cbdt, cii, piVolumeDuties, systems, networkData: organisation.networkData });
  const partial = {
    schemaVersion: 1 as const,
    asOf,
    engineVersion: ENGINE_VERSION,
    contentVersion: book.contentVersion,
    profile: { organisation: profile.organisation.name, systems: profile.systems.length, transfers: profile.transfers.length },
    organisation,
    systems,
    timeline,
    exposure,
  };
  const findings = buildFindings(context, partial);
  const openQuestions = buildOpenQuestions(context, partial, defaultsUsed);
  const needsLegalReview = findings.some((finding) => finding.needsLegalReview) || openQuestions.some((question) => question.kind === 'legal_review');
  const withoutRules = { ...partial, findings, openQuestions, needsLegalReview };
  return { ...withoutRules, rules: rulesApplied(book, withoutRules) };
}

/** Validates a raw profile and assesses it. Throws AssessInputError with every problem. */
export function assessProfile(book: LawBook, input: unknown, asOf: string): Assessment {
  const dateProblems = checkAsOf(asOf);
  if (dateProblems.length > 0) throw new AssessInputError(dateProblems);
  const normalised = normaliseProfile(input, asOf);
  if (!normalised.ok) throw new AssessInputError(normalised.problems);
  return assessNormalised(book, normalised.profile, normalised.defaultsUsed, asOf);
}

export type { Citation };
