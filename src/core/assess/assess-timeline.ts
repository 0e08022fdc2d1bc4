// The entry timeline: tracks with duration ranges from cited parameters, their dependencies and
// the critical path, in months from plan.start.
import { addMonths } from '../law/dates.ts';
import type { Citation } from '../law/law-book.ts';
import type { CbdtDetermination, Obligation, SystemAssessment, TimelineDetermination, TimelineTrack } from './assessment-schema.ts';
import { Explanation, listWith, type AssessContext } from './explanation.ts';
import { LawDayBlocks } from './law-day-blocks.ts';
import { factsOf, sharedAnswers } from './shared-answers.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import { findBy } from '../list-lookup.ts';

interface TrackSpec {
  id: string;
  title: string;
  dependsOn: string[];
  minMonths: number;
  maxMonths: number;
  basis: Citation[];
  detail: string;
  needsLegalReview: boolean;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/**
 * Longest path through the dependency graph, for the shortest and for the longest durations at
 * once (the visiting order depends only on the dependencies): start and finish times of each track
 * by position in `tracks`, the predecessor on the longest path at the longest durations, and the
 * positions in the order their finish times were settled (dependencies first).
 */
function schedule(tracks: readonly TrackSpec[], dependencies: ReadonlyArray<readonly number[]>) {
  const count = tracks.length;
  const minStart = new Array<number>(count).fill(0);
  const maxStart = new Array<number>(count).fill(0);
  const minFinish = new Array<number>(count).fill(-1);
  const maxFinish = new Array<number>(count).fill(-1);
  const previous = new Array<number>(count).fill(-1);
  const visiting = new Array<boolean>(count).fill(false);
  const order: number[] = [];
  const visit = (index: number): void => {
    if (maxFinish[index]! >= 0) return;
    if (visiting[index]) throw new Error(`dependency cycle at ${tracks[index]!.id}`);
    visiting[index] = true;
    let minBegin = 0;
    let maxBegin = 0;
    let from = -1;
    for (const dependency of dependencies[index]!) {
      visit(dependency);
      if (minFinish[dependency]! > minBegin) minBegin = minFinish[dependency]!;
      if (maxFinish[dependency]! > maxBegin) {
        maxBegin = maxFinish[dependency]!;
        from = dependency;
      }
    }
    visiting[index] = false;
    minStart[index] = minBegin;
    maxStart[index] = maxBegin;
    previous[index] = from;
    minFinish[index] = minBegin + tracks[index]!.minMonths;
    maxFinish[index] = maxBegin + tracks[index]!.maxMonths;
    order.push(index);
  };
  for (let index = 0; index < count; index += 1) visit(index);
  return { minStart, maxStart, minFinish, maxFinish, previous, order };
}

/**
 * Whether `obligations` holds one with `id`.
 */
function hasObligation(obligations: readonly Obligation[], id: string): boolean {
  for (let index = 0; index < obligations.length; index += 1) if (obligations[index]!.id === id) return true;
  return false;
}

/** The largest of `values`, and 0 when there are none (or all are smaller). */
function largest(values: readonly number[]): number {
  let most = 0;
  for (const value of values) if (value > most) most = value;
  return most;
}

/** The track of the outbound transfer route, by mechanism; none when nothing need be filed or prepared. */
function transferTrack(explanation: Explanation, mechanism: CbdtDetermination['mechanism'], fromWorkingDays: (days: number) => number): TrackSpec | null {
  const { say } = explanation;
  if (mechanism === 'standard_contract_or_certification') {
    const preparation = explanation.range('timeline.pipiaAndContractMonths');
    const filing = explanation.parameterIfInForce<number>('cbdt.scc.filingWorkingDays');
    const review = explanation.parameterIfInForce<number>('cbdt.scc.reviewWorkingDays');
    const extra = (filing?.value ?? 0) + (review?.value ?? 0);
    return { id: 'transfer', title: say('engine.timeline.transferContract.title'), dependsOn: [], minMonths: preparation.value.min + fromWorkingDays(extra), maxMonths: preparation.value.max + fromWorkingDays(extra), basis: [preparation.citation, ...(filing ? [filing.citation] : []), ...(review ? [review.citation] : [])], detail: say('engine.timeline.transferContract.detail', { min: preparation.value.min, max: preparation.value.max, filing: filing?.value ?? '-', review: review?.value ?? '-' }), needsLegalReview: preparation.needsLegalReview || (review?.needsLegalReview ?? false) };
  } else if (mechanism === 'security_assessment') {
    const preparation = explanation.range('timeline.selfAssessmentMonths');
    const completeness = explanation.number('cbdt.assessment.completenessCheckWorkingDays');
    const acceptance = explanation.number('cbdt.assessment.acceptanceWorkingDays');
    const review = explanation.number('cbdt.assessment.reviewWorkingDays');
    const statutory = fromWorkingDays(completeness.value + acceptance.value + review.value);
    const track: TrackSpec = { id: 'transfer', title: say('engine.timeline.transferAssessment.title'), dependsOn: [], minMonths: preparation.value.min + statutory, maxMonths: preparation.value.max + statutory, basis: [preparation.citation, completeness.citation, review.citation], detail: say('engine.timeline.transferAssessment.detail', { min: preparation.value.min, max: preparation.value.max, completeness: completeness.value, acceptance: acceptance.value, review: review.value }), needsLegalReview: true };
    explanation.review(say('engine.timeline.review.assessmentExtension'));
    return track;
  } else if (mechanism === 'exempt') {
    const pipia = explanation.range('timeline.pipiaMonths');
    return { id: 'transfer', title: say('engine.timeline.transferExempt.title'), dependsOn: [], minMonths: pipia.value.min, maxMonths: pipia.value.max, basis: [pipia.citation], detail: say('engine.timeline.transferExempt.detail'), needsLegalReview: pipia.needsLegalReview };
  }

  return null;
}

/**
 * Grading, remediation and (from level 3) the MLPS assessment, and (from level 2) the filing with
 * the public security bureau, by the highest level graded. The grading's detail names the systems
 * and the assessment waits for mainland hosting where there is any; the caller adds those.
 */
function gradingTracks(explanation: Explanation, topLevel: number) {
  const { say } = explanation;
  const months = explanation.range('timeline.mlpsGradingMonths');
  const grading = { title: say('engine.timeline.grading.title'), minMonths: months.value.min, maxMonths: months.value.max, citation: months.citation, needsLegalReview: months.needsLegalReview };
  const remediationMonths = explanation.range(topLevel >= 3 ? 'timeline.remediationMonths.level3' : 'timeline.remediationMonths.level2');
  const remediation: TrackSpec = { id: 'remediation', title: say('engine.timeline.remediation.title', { level: topLevel }), dependsOn: ['mlps-grading'], minMonths: remediationMonths.value.min, maxMonths: remediationMonths.value.max, basis: [remediationMonths.citation], detail: say('engine.timeline.remediation.detail'), needsLegalReview: remediationMonths.needsLegalReview };
  let assessment: TrackSpec | null = null;
  if (topLevel >= 3) {
    const assessmentMonths = explanation.range('timeline.mlpsAssessmentMonths');
    assessment = { id: 'mlps-assessment', title: say('engine.timeline.mlpsAssessment.title'), dependsOn: ['remediation'], minMonths: assessmentMonths.value.min, maxMonths: assessmentMonths.value.max, basis: [assessmentMonths.citation], detail: say('engine.timeline.mlpsAssessment.detail'), needsLegalReview: assessmentMonths.needsLegalReview };
  }
  let filing: Obligation | null = null;
  if (topLevel >= 2) {
    const days = explanation.number('mlps.psbFilingDays');
    filing = explanation.obligation('mlps_filing', say('engine.timeline.mlpsFiling.title'), say('engine.timeline.mlpsFiling.detail', { days: days.value }), days.citation);
  }
  return { grading, remediation, assessment, filing };
}

/** The steps and tracks that read nothing of the profile, worked out once per law day. */
const BLOCKS = new LawDayBlocks('timeline blocks');

/**
 * Stands for the systems a track's detail names (the mainland systems, those that need ICP, the
 * mini programs, the graded systems and their levels): the plan is shared by every firm whose
 * plan turns on the same facts (TimelineFacts), and each firm's tracks name its own systems in
 * this one's place. U+FFFF is a non-character that no message holds; the plan's other texts come
 * from the catalogue, the content and the plan's dates, so only the detail's list holds it.
 */
const NAMED_SYSTEMS = '\uFFFFsystems\uFFFF';

/** What the plan reads of the firm and its determinations: its answer is shared by these facts. */
interface TimelineFacts {
  /** The mainland entity's state when one must be formed (a system in the mainland, no entity established yet). */
  readonly entity: Profile['organisation']['mainlandEntity'] | null;
  /** Whether a system is, or is to be, hosted in the mainland. */
  readonly presence: boolean;
  /** What the mainland systems need of ICP: a licence where one needs it, else a filing where one needs that. */
  readonly icp: 'none' | 'licence' | 'filing';
  readonly miniProgram: boolean;
  readonly mechanism: CbdtDetermination['mechanism'];
  /** The sector pre-approvals of the systems' ICP obligations, in order: title, then sector, for each. */
  readonly preApprovals: readonly string[];
  /** The first pre-approval's citation, which the step that leaves them out of the plan cites. */
  readonly preApprovalCitation: Citation | null;
  /** The highest level graded, or null when no system is graded. */
  readonly topLevel: number | null;
  readonly start: string;
  readonly goLive: string | null;
}

interface NamedTrack {
  readonly position: number;
  readonly names: 'mainland' | 'icp' | 'miniPrograms' | 'graded';
  readonly parts: readonly string[];
}

/** The plan of a firm with these facts, its details naming NAMED_SYSTEMS; the tracks at `named` name the firm's systems. */
interface TimelinePlan {
  readonly timeline: TimelineDetermination;
  /**
   * The tracks whose detail names systems: their position, what they name, and their detail's
   * text around the names (split at NAMED_SYSTEMS).
   */
  readonly named: ReadonlyArray<NamedTrack>;
}

/** Every fact of TimelineFacts, in its order: the plan's key. */
const TIMELINE_FACTS = ['entity', 'presence', 'icp', 'miniProgram', 'mechanism', 'preApprovals', 'preApprovalCitation', 'topLevel', 'start', 'goLive'] as const satisfies ReadonlyArray<keyof TimelineFacts>;

function plan(context: AssessContext, facts: TimelineFacts): TimelinePlan {
  const explanation = new Explanation(context);
  const { say } = explanation;
  const day = BLOCKS.on(context);
  const list = (items: string[]) => listOf(say, items);
  const workingDaysPerMonth = explanation.number('timeline.workingDaysPerMonth').value;
  const fromWorkingDays = (days: number) => days / workingDaysPerMonth;
  const fromDays = (days: number) => days / 30.44;
  const tracks: TrackSpec[] = [];
  const named: Array<Omit<NamedTrack, 'parts'>> = [];
  const postLaunch: Obligation[] = [];

  const formsEntity = facts.entity !== null;
  if (facts.entity !== null) {
    const state = facts.entity;
    tracks.push(day.run(explanation, `entity ${state}`, (recording) => {
      const months = recording.range('timeline.entityFormationMonths');
      return { id: 'entity', title: recording.say('engine.timeline.entity.title'), dependsOn: [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: recording.say('engine.timeline.entity.detail', { state }), needsLegalReview: months.needsLegalReview };
    }));
  }
  if (facts.presence) {
    const months = explanation.range('timeline.mainlandHostingSetupMonths');
    named.push({ position: tracks.length, names: 'mainland' });
    tracks.push({ id: 'hosting', title: say('engine.timeline.hosting.title'), dependsOn: formsEntity ? ['entity'] : [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: say('engine.timeline.hosting.detail', { systems: NAMED_SYSTEMS }), needsLegalReview: months.needsLegalReview });
  }
  const hostingDeps = facts.presence ? ['hosting'] : [];

  if (facts.icp !== 'none') {
    named.push({ position: tracks.length, names: 'icp' });
    if (facts.icp === 'licence') {
      const days = explanation.number('icp.licenceDecisionDays');
      tracks.push({ id: 'icp', title: say('engine.timeline.icpLicence.title'), dependsOn: hostingDeps, minMonths: fromDays(days.value), maxMonths: fromDays(days.value), basis: [days.citation], detail: say('engine.timeline.icpLicence.detail', { days: days.value, systems: NAMED_SYSTEMS }), needsLegalReview: false });
    } else {
      const decision = explanation.range('icp.filingDecisionWorkingDays');
      const precheck = explanation.range('icp.accessProviderPrecheckDays');
      tracks.push({ id: 'icp', title: say('engine.timeline.icpFiling.title'), dependsOn: hostingDeps, minMonths: fromWorkingDays(decision.value.min) + fromDays(precheck.value.min), maxMonths: fromWorkingDays(decision.value.max) + fromDays(precheck.value.max), basis: [decision.citation, precheck.citation], detail: say('engine.timeline.icpFiling.detail', { precheckMin: precheck.value.min, precheckMax: precheck.value.max, decisionMin: decision.value.min, decisionMax: decision.value.max, systems: NAMED_SYSTEMS }), needsLegalReview: precheck.needsLegalReview });
    }
    postLaunch.push(day.run(explanation, 'psb', (recording) => {
      const psb = recording.number('icp.psbNetworkingFilingDays');
      return recording.obligation('psb_networking_filing', recording.say('engine.timeline.psbNetworking.title'), recording.say('engine.timeline.psbNetworking.detail', { days: psb.value }), psb.citation);
    }));
  }

  if (facts.miniProgram) {
    const review = explanation.range('icp.miniProgramReviewWorkingDays');
    named.push({ position: tracks.length, names: 'miniPrograms' });
    tracks.push({ id: 'mini-program', title: say('engine.timeline.miniProgram.title'), dependsOn: formsEntity ? ['entity'] : [], minMonths: fromWorkingDays(review.value.min), maxMonths: fromWorkingDays(review.value.max), basis: [review.citation], detail: say('engine.timeline.miniProgram.detail', { max: review.value.max, systems: NAMED_SYSTEMS }), needsLegalReview: false });
  }

  // The transfer track turns on the route alone (keyed by the mechanism itself).
  const transfer = day.run(explanation, facts.mechanism, (recording) => transferTrack(recording, facts.mechanism, fromWorkingDays));
  if (transfer) tracks.push(transfer);

  const { preApprovals } = facts;
  if (preApprovals.length > 0) {
    const approvals = new Set<string>();
    for (let index = 0; index < preApprovals.length; index += 2) approvals.add(say('engine.timeline.preApproval', { title: preApprovals[index]!, sector: preApprovals[index + 1]! }));
    explanation.step(say('engine.timeline.step.notInTimeline'), say('engine.timeline.result.notInTimeline', { approvals: list([...approvals]) }), { citation: facts.preApprovalCitation! });
  }

  if (facts.topLevel !== null) {
    const topLevel = facts.topLevel;
    const mlps = day.run(explanation, `grading ${topLevel}`, (recording) => gradingTracks(recording, topLevel));
    const { grading } = mlps;
    named.push({ position: tracks.length, names: 'graded' });
    tracks.push({ id: 'mlps-grading', title: grading.title, dependsOn: [], minMonths: grading.minMonths, maxMonths: grading.maxMonths, basis: [grading.citation], detail: say('engine.timeline.grading.detail', { systems: NAMED_SYSTEMS }), needsLegalReview: grading.needsLegalReview });
    tracks.push(mlps.remediation);
    // The MLPS assessment is done on the mainland environment, where there is one.
    if (mlps.assessment) {
      const { assessment } = mlps;
      tracks.push({ id: assessment.id, title: assessment.title, dependsOn: ['remediation', ...hostingDeps], minMonths: assessment.minMonths, maxMonths: assessment.maxMonths, basis: assessment.basis, detail: assessment.detail, needsLegalReview: assessment.needsLegalReview });
    }
    if (mlps.filing) postLaunch.push(mlps.filing);
  }

  // Each track's dependencies by position; a dependency on a track not in the plan is ignored.
  const dependencies = tracks.map((track) => {
    const positions: number[] = [];
    for (const dependency of track.dependsOn) {
      for (let position = 0; position < tracks.length; position += 1) {
        if (tracks[position]!.id === dependency) {
          positions.push(position);
          break;
        }
      }
    }
    return positions;
  });
  const planned = schedule(tracks, dependencies);
  const minMonths = round(largest(planned.minFinish));
  const maxMonths = round(largest(planned.maxFinish));
  // The critical path ends at the track that finishes last (the first settled, on a tie).
  let last = -1;
  for (const index of planned.order) if (last < 0 || planned.maxFinish[index]! > planned.maxFinish[last]!) last = index;
  const criticalPath: string[] = [];
  for (let cursor = last; cursor >= 0; cursor = planned.previous[cursor]!) criticalPath.push(tracks[cursor]!.id);
  criticalPath.reverse();
  const outTracks: TimelineTrack[] = tracks.map((track, index) => ({
    id: track.id,
    title: track.title,
    // Arrays of the assessment's own: a track may be shared by the assessments of a law day.
    dependsOn: track.dependsOn.slice(),
    minMonths: round(track.minMonths),
    maxMonths: round(track.maxMonths),
    startMonths: { min: round(planned.minStart[index]!), max: round(planned.maxStart[index]!) },
    endMonths: { min: round(planned.minFinish[index]!), max: round(planned.maxFinish[index]!) },
    basis: track.basis.slice(),
    detail: track.detail,
    needsLegalReview: track.needsLegalReview,
  }));
  const { start, goLive } = facts;
  const readyBy = { earliest: addMonths(start, minMonths), latest: addMonths(start, maxMonths) };
  explanation.step(say('engine.timeline.step.criticalPath'), tracks.length === 0 ? say('engine.timeline.result.noTracks') : say('engine.timeline.result.criticalPath', { path: criticalPath.join(' → '), min: minMonths, max: maxMonths, start, earliest: readyBy.earliest, latest: readyBy.latest }));
  if (goLive) {
    explanation.step(say('engine.timeline.step.goLive'), goLive < readyBy.earliest
      ? say('engine.timeline.result.goLiveTooEarly', { goLive })
      : goLive < readyBy.latest ? say('engine.timeline.result.goLiveTight', { goLive }) : say('engine.timeline.result.goLiveRoom', { goLive }));
  }
  const explained = explanation.result();
  const timeline: TimelineDetermination = {
    start,
    minMonths,
    maxMonths,
    readyBy,
    goLive,
    criticalPath,
    tracks: outTracks,
    postLaunch,
    trace: explained.trace,
    citations: explained.citations,
    needsLegalReview: explained.needsLegalReview,
    legalReviewReasons: explained.legalReviewReasons,
  };
  return { timeline, named: named.map((track) => ({ ...track, parts: outTracks[track.position]!.detail.split(NAMED_SYSTEMS) })) };
}

const PRE_APPROVAL = 'pre_approval_';

/** The system ids of `systems`, as the track details list them. */
const idsOf = (systems: readonly SystemAssessment[]): string => systems.map((system) => system.id).join(', ');

/** Items run together in the language's list form, one message a pair. */
const listOf = (say: AssessContext['say'], items: string[]): string => listWith(say, 'engine.timeline.list', items);

export function assessTimeline(context: AssessContext, cbdt: CbdtDetermination, systems: SystemAssessment[]): TimelineDetermination {
  const { profile, say } = context;
  const mainlandSystems = systems.filter((system) => system.jurisdiction.hosting === 'mainland' || system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended');
  const icpSystems = mainlandSystems.filter((system) => system.icp.requirement !== 'none');
  // Every system hosted, or to be hosted, in the mainland needs the mainland entity and a mainland environment.
  const presence = mainlandSystems.length > 0;
  const licence = icpSystems.some((system) => system.icp.requirement === 'licence');
  const miniPrograms = systems.filter((system) => system.icp.requirement !== 'none' && findBy(profile.systems, 'id', system.id)?.channels.includes('mini_program') && hasObligation(system.icp.obligations, 'app_filing'));
  const preApprovals: string[] = [];
  let preApprovalCitation: Citation | null = null;
  for (const system of systems) {
    const { obligations } = system.icp;
    for (let index = 0; index < obligations.length; index += 1) {
      const obligation = obligations[index]!;
      if (!obligation.id.startsWith(PRE_APPROVAL)) continue;
      preApprovalCitation ??= obligation.citation;
      // Each pre-approval once (systems of one sector repeat it), as the step lists them.
      const sector = obligation.id.slice(PRE_APPROVAL.length);
      let listed = false;
      for (let at = 0; at < preApprovals.length && !listed; at += 2) listed = preApprovals[at] === obligation.title && preApprovals[at + 1] === sector;
      if (!listed) preApprovals.push(obligation.title, sector);
    }
  }
  const graded = systems.filter((system) => system.mlps.applies || system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended');
  let topLevel: number | null = null;
  for (const system of graded) if (topLevel === null || system.mlps.level > topLevel) topLevel = system.mlps.level;
  const entity = presence && profile.organisation.mainlandEntity !== 'established' ? profile.organisation.mainlandEntity : null;
  const icp = icpSystems.length === 0 ? 'none' : licence ? 'licence' : 'filing';
  const facts: TimelineFacts = { entity, presence, icp, miniProgram: miniPrograms.length > 0, mechanism: cbdt.mechanism, preApprovals, preApprovalCitation, topLevel, start: profile.plan.start, goLive: profile.plan.goLive ?? null };
  const shared = sharedAnswers(context);
  const { timeline, named } = shared.answer('timeline', factsOf(facts, TIMELINE_FACTS), () => plan(context, facts));
  // The tracks whose detail names systems name this firm's; the rest are the plan's own.
  const tracks = timeline.tracks.slice();
  for (const { position, names, parts } of named) {
    let text: string;
    if (names === 'mainland') text = idsOf(mainlandSystems);
    else if (names === 'icp') text = idsOf(licence ? icpSystems.filter((s) => s.icp.requirement === 'licence') : icpSystems);
    else if (names === 'miniPrograms') text = idsOf(miniPrograms);
    else text = listOf(say, graded.map((system) => say('engine.timeline.gradedSystem', { system: system.id, level: system.mlps.level })));
    const track = tracks[position]!;
    let detail = parts[0]!;
    for (let index = 1; index < parts.length; index += 1) detail += text + parts[index]!;
    // Written out, in the track's order of fields: a literal is made faster than a copy of a frozen object.
    tracks[position] = { id: track.id, title: track.title, dependsOn: track.dependsOn, minMonths: track.minMonths, maxMonths: track.maxMonths, startMonths: track.startMonths, endMonths: track.endMonths, basis: track.basis, detail, needsLegalReview: track.needsLegalReview };
  }
  return {
    start: timeline.start,
    minMonths: timeline.minMonths,
    maxMonths: timeline.maxMonths,
    readyBy: timeline.readyBy,
    goLive: timeline.goLive,
    criticalPath: timeline.criticalPath,
    tracks,
    postLaunch: timeline.postLaunch,
    trace: timeline.trace,
    citations: timeline.citations,
    needsLegalReview: timeline.needsLegalReview,
    legalReviewReasons: timeline.legalReviewReasons,
  };
}
