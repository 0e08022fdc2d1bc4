// The obligations calendar of one engagement: the dated and recurring duties that follow entry
// (MLPS assessments at the cadence of each system's level, PSB filings after go-live, PI compliance
// audits, the validity and extension window of a security assessment, the standard-contract filing
// deadline, sector annual reports) and the events that re-open a duty (re-filing triggers). Dates
// come from the anchors the caller knows (go-live, the date a transfer mechanism was approved or a
// system last assessed) or, failing those, from the plan, and every entry says which it used.
// Its prose is written through `say`, in the assessment's language (the duties it takes from the
// assessment are already in it).
import type { Assessment, CitationOut } from '../assess/assessment-schema.ts';
import type { Say } from '../assess/explanation.ts';
import type { LawBook } from '../law/content-schema.ts';
import { addDays, addMonths } from '../law/dates.ts';
import { citeOn, lawDay, readParameterIfInForceOn, readParameterOn } from '../law/law-book.ts';
import { addWorkingDays, workingDaysBefore } from '../law/working-days.ts';

export interface CalendarAnchors {
  /** The go-live date, if known; otherwise the plan's go-live or the latest readiness date. */
  goLive?: string | undefined;
  /** When the transfer mechanism took effect: the CAC's approval, or the standard contract's effective date. */
  transferEffective?: string | undefined;
  /** The last MLPS assessment of each system, by id. */
  lastMlpsAssessment?: Readonly<Record<string, string>>;
}

export type AnchorSource = 'given' | 'plan' | 'estimated';

export interface CalendarEntry {
  id: string;
  title: string;
  system: string | null;
  kind: 'deadline' | 'recurring' | 'trigger';
  /** The first (or only) date; null for triggers, which have none until their event happens. */
  date: string | null;
  /** Every later occurrence within the horizon, for recurring duties. */
  repeatEveryMonths: number | null;
  occurrences: string[];
  detail: string;
  /** What the date was counted from, and whether that date was given or estimated. */
  anchor: { what: string; date: string | null; source: AnchorSource } | null;
  citation: CitationOut;
  needsLegalReview: boolean;
}

export interface ObligationsCalendar {
  organisation: string;
  asOf: string;
  horizon: { from: string; to: string };
  entries: CalendarEntry[];
  /** Deadlines counted in working days into a year without a holiday schedule in content/. */
  beyondHolidayCalendar: boolean;
}

const occurrencesOf = (first: string, months: number, until: string): string[] => {
  const out: string[] = [];
  for (let index = 0, date = first; date <= until && index < 100; index += 1, date = addMonths(first, months * index)) out.push(date);
  return out;
};

/**
 * Builds the calendar from an assessment, written in the language of `say` (the assessment's own, so
 * the duties it takes from it read alike); `horizonYears` bounds the recurring occurrences listed.
 */
export function buildObligationsCalendar(book: LawBook, assessment: Assessment, say: Say, anchors: CalendarAnchors = {}, horizonYears = 3): ObligationsCalendar {
  const { asOf, timeline } = assessment;
  const day = lawDay(book, asOf, say.locale);
  const entries: CalendarEntry[] = [];
  const given = anchors.goLive != null;
  const goLive = anchors.goLive ?? timeline.goLive ?? timeline.readyBy.latest;
  const goLiveSource: AnchorSource = given ? 'given' : timeline.goLive ? 'plan' : 'estimated';
  const goLiveAnchor = { what: say(given || timeline.goLive ? 'engine.calendar.anchor.goLive' : 'engine.calendar.anchor.goLiveEstimated'), date: goLive, source: goLiveSource };
  const horizonEnd = addMonths(goLive > asOf ? goLive : asOf, horizonYears * 12);
  let beyondHolidayCalendar = false;

  for (const system of assessment.systems) {
    const mlps = system.mlps;
    const filing = mlps.obligations.find((obligation) => obligation.id === 'psb_filing');
    if (filing && mlps.psbFilingDays != null) {
      entries.push({ id: `mlps-filing.${system.id}`, title: say('engine.calendar.title.mlpsFiling', { system: system.name }), system: system.id, kind: 'deadline', date: addDays(goLive, mlps.psbFilingDays), repeatEveryMonths: null, occurrences: [], detail: say('engine.calendar.detail.mlpsFiling', { days: mlps.psbFilingDays }), anchor: goLiveAnchor, citation: filing.citation, needsLegalReview: filing.needsLegalReview });
    }
    const assessmentDuty = mlps.obligations.find((obligation) => obligation.id === 'assessment');
    if (assessmentDuty && mlps.assessmentIntervalMonths != null) {
      const last = anchors.lastMlpsAssessment?.[system.id];
      const first = last ? addMonths(last, mlps.assessmentIntervalMonths) : goLive;
      entries.push({
        id: `mlps-assessment.${system.id}`, title: say('engine.calendar.title.mlpsAssessment', { system: system.name, level: mlps.level }), system: system.id, kind: 'recurring', date: first, repeatEveryMonths: mlps.assessmentIntervalMonths,
        occurrences: occurrencesOf(first, mlps.assessmentIntervalMonths, horizonEnd),
        detail: say('engine.calendar.detail.mlpsAssessment', { months: mlps.assessmentIntervalMonths, first: last ? 'no' : 'yes' }),
        anchor: last ? { what: say('engine.calendar.anchor.lastMlps'), date: last, source: 'given' } : goLiveAnchor, citation: assessmentDuty.citation, needsLegalReview: assessmentDuty.needsLegalReview,
      });
    }
  }
  const networking = timeline.postLaunch.find((obligation) => obligation.id === 'psb_networking_filing');
  if (networking) {
    const days = readParameterOn<number>(day, 'icp.psbNetworkingFilingDays').value;
    entries.push({ id: 'psb-networking-filing', title: say('engine.calendar.title.networkingFiling'), system: null, kind: 'deadline', date: addDays(goLive, days), repeatEveryMonths: null, occurrences: [], detail: networking.detail, anchor: goLiveAnchor, citation: networking.citation, needsLegalReview: networking.needsLegalReview });
  }

  const audit = assessment.organisation.piVolumeDuties.find((duty) => duty.id === 'pi_compliance_audit');
  if (audit) {
    const interval = readParameterOn<number>(day, 'pi.complianceAuditIntervalYears').value * 12;
    const first = goLive > asOf ? goLive : asOf;
    entries.push({ id: 'pi-compliance-audit', title: say('engine.calendar.title.piAudit'), system: null, kind: 'recurring', date: first, repeatEveryMonths: interval, occurrences: occurrencesOf(first, interval, horizonEnd), detail: audit.detail, anchor: goLive > asOf ? goLiveAnchor : { what: say('engine.calendar.anchor.assessmentDate'), date: asOf, source: 'estimated' }, citation: audit.citation, needsLegalReview: audit.needsLegalReview });
  }

  const { cbdt } = assessment.organisation;
  const transferTrack = timeline.tracks.find((track) => track.id === 'transfer');
  const transferGiven = anchors.transferEffective != null;
  const transferEffective = anchors.transferEffective ?? addMonths(timeline.start, transferTrack?.endMonths.max ?? 0);
  const transferAnchor = { what: say(transferGiven ? 'engine.calendar.anchor.transferGiven' : 'engine.calendar.anchor.transferEstimated'), date: transferEffective, source: (transferGiven ? 'given' : 'estimated') as AnchorSource };
  if (cbdt.mechanism === 'security_assessment') {
    const validity = readParameterOn<number>(day, 'cbdt.assessment.validityYears');
    const renewal = readParameterOn<number>(day, 'cbdt.assessment.renewalWorkingDaysBeforeExpiry');
    const extension = readParameterIfInForceOn<number | null>(day, 'cbdt.assessment.extensionYears');
    const expiry = addMonths(transferEffective, validity.value * 12);
    const window = workingDaysBefore(book, expiry, renewal.value);
    beyondHolidayCalendar ||= !window.withinKnownCalendar;
    entries.push({ id: 'cbdt.assessment-expiry', title: say('engine.calendar.title.assessmentExpiry'), system: null, kind: 'deadline', date: expiry, repeatEveryMonths: null, occurrences: [], detail: say('engine.calendar.detail.assessmentExpiry', { years: validity.value }), anchor: transferAnchor, citation: validity.citation, needsLegalReview: validity.needsLegalReview });
    entries.push({
      id: 'cbdt.assessment-extension', title: say(extension?.value != null ? 'engine.calendar.title.assessmentExtension' : 'engine.calendar.title.assessmentRefile'), system: null, kind: 'deadline', date: window.date, repeatEveryMonths: null, occurrences: [],
      detail: say('engine.calendar.detail.assessmentExtension', { days: renewal.value, expiry, extension: extension?.value ?? 'none', known: window.withinKnownCalendar ? 'yes' : 'no', lastYear: window.lastKnownYear == null ? 'none' : String(window.lastKnownYear) }),
      anchor: transferAnchor, citation: renewal.citation, needsLegalReview: renewal.needsLegalReview || !window.withinKnownCalendar,
    });
  }
  if (cbdt.mechanism === 'standard_contract_or_certification') {
    const filing = readParameterIfInForceOn<number>(day, 'cbdt.scc.filingWorkingDays');
    if (filing) {
      const deadline = addWorkingDays(book, transferEffective, filing.value);
      beyondHolidayCalendar ||= !deadline.withinKnownCalendar;
      entries.push({
        id: 'cbdt.scc-filing', title: say('engine.calendar.title.sccFiling'), system: null, kind: 'deadline', date: deadline.date, repeatEveryMonths: null, occurrences: [],
        detail: say('engine.calendar.detail.sccFiling', {
          days: filing.value, effective: transferEffective, known: deadline.withinKnownCalendar ? 'yes' : 'no', lastYear: deadline.lastKnownYear == null ? 'none' : String(deadline.lastKnownYear),
          holidays: deadline.holidaysCrossed.length === 0 ? 'none' : deadline.holidaysCrossed.map((holiday) => (day.chinese ? holiday.zh : holiday.name)).reduce((first, second) => say('engine.calendar.holidays.and', { first, second })),
        }),
        anchor: { ...transferAnchor, what: say(transferGiven ? 'engine.calendar.anchor.sccGiven' : 'engine.calendar.anchor.sccEstimated') }, citation: filing.citation, needsLegalReview: filing.needsLegalReview || !deadline.withinKnownCalendar,
      });
    }
  }
  const refile = cbdt.procedure.find((step) => step.id === 'refile_on_change');
  if (refile) entries.push({ id: 'cbdt.refile-on-change', title: refile.title, system: null, kind: 'trigger', date: null, repeatEveryMonths: null, occurrences: [], detail: refile.detail, anchor: null, citation: refile.citation, needsLegalReview: refile.needsLegalReview });
  if (cbdt.mechanism === 'standard_contract_or_certification') {
    entries.push({ id: 'cbdt.scc-refile-on-change', title: say('engine.calendar.title.sccRefile'), system: null, kind: 'trigger', date: null, repeatEveryMonths: null, occurrences: [], detail: say('engine.calendar.detail.sccRefile'), anchor: null, citation: citeOn(day, { instrument: 'cn.cbdt.standard-contract-measures-2023', article: null }), needsLegalReview: true });
  }
  for (const duty of assessment.organisation.piVolumeDuties.filter((candidate) => candidate.id === 'pi_officer' || candidate.id === 'offshore_representative')) {
    entries.push({ id: `volume.${duty.id}`, title: duty.title, system: null, kind: 'trigger', date: null, repeatEveryMonths: null, occurrences: [], detail: say('engine.calendar.detail.volumeDuty', { detail: duty.detail, threshold: duty.threshold }), anchor: null, citation: duty.citation, needsLegalReview: duty.needsLegalReview });
  }

  const annualReport = assessment.organisation.sectorRules.find((rule) => rule.id === 'auto.annual-report' && rule.applies);
  if (annualReport) {
    const year = Number((goLive > asOf ? goLive : asOf).slice(0, 4));
    const first = `${year}-12-15`;
    entries.push({ id: 'auto.annual-report', title: annualReport.title, system: null, kind: 'recurring', date: first, repeatEveryMonths: 12, occurrences: occurrencesOf(first, 12, horizonEnd), detail: annualReport.detail, anchor: { what: say('engine.calendar.anchor.eachYear'), date: null, source: 'estimated' }, citation: annualReport.citation, needsLegalReview: true });
  }

  entries.sort((a, b) => (a.date ?? '9999') .localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
  return { organisation: assessment.profile.organisation, asOf, horizon: { from: asOf, to: horizonEnd }, entries, beyondHolidayCalendar };
}
