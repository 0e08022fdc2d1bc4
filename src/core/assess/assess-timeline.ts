// The entry timeline: tracks with duration ranges from cited parameters, their dependencies and
// the critical path, in months from plan.start.
import { addMonths } from '../law/dates.ts';
import type { Citation } from '../law/law-book.ts';
import type { CbdtDetermination, Obligation, SystemAssessment, TimelineDetermination, TimelineTrack } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';
import { LawDayBlocks } from './law-day-blocks.ts';

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

export function assessTimeline(context: AssessContext, cbdt: CbdtDetermination, systems: SystemAssessment[]): TimelineDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const day = BLOCKS.on(context);
  const list = (items: string[]) => (items.length === 0 ? '' : items.reduce((first, second) => say('engine.timeline.list', { first, second })));
  const workingDaysPerMonth = explanation.number('timeline.workingDaysPerMonth').value;
  const fromWorkingDays = (days: number) => days / workingDaysPerMonth;
  const fromDays = (days: number) => days / 30.44;
  const tracks: TrackSpec[] = [];
  const postLaunch: Obligation[] = [];

  const mainlandSystems = systems.filter((system) => system.jurisdiction.hosting === 'mainland' || system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended');
  const icpSystems = mainlandSystems.filter((system) => system.icp.requirement !== 'none');
  // Every system hosted, or to be hosted, in the mainland needs the mainland entity and a mainland environment.
  const needsMainlandPresence = mainlandSystems.length > 0;

  const formsEntity = needsMainlandPresence && profile.organisation.mainlandEntity !== 'established';
  if (formsEntity) {
    const state = profile.organisation.mainlandEntity;
    tracks.push(day.run(explanation, `entity ${state}`, (recording) => {
      const months = recording.range('timeline.entityFormationMonths');
      return { id: 'entity', title: recording.say('engine.timeline.entity.title'), dependsOn: [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: recording.say('engine.timeline.entity.detail', { state }), needsLegalReview: months.needsLegalReview };
    }));
  }
  if (needsMainlandPresence) {
    const months = explanation.range('timeline.mainlandHostingSetupMonths');
    tracks.push({ id: 'hosting', title: say('engine.timeline.hosting.title'), dependsOn: formsEntity ? ['entity'] : [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: say('engine.timeline.hosting.detail', { systems: mainlandSystems.map((system) => system.id).join(', ') }), needsLegalReview: months.needsLegalReview });
  }
  const hostingDeps = needsMainlandPresence ? ['hosting'] : [];

  if (icpSystems.length > 0) {
    const licence = icpSystems.some((system) => system.icp.requirement === 'licence');
    if (licence) {
      const days = explanation.number('icp.licenceDecisionDays');
      tracks.push({ id: 'icp', title: say('engine.timeline.icpLicence.title'), dependsOn: hostingDeps, minMonths: fromDays(days.value), maxMonths: fromDays(days.value), basis: [days.citation], detail: say('engine.timeline.icpLicence.detail', { days: days.value, systems: icpSystems.filter((s) => s.icp.requirement === 'licence').map((s) => s.id).join(', ') }), needsLegalReview: false });
    } else {
      const decision = explanation.range('icp.filingDecisionWorkingDays');
      const precheck = explanation.range('icp.accessProviderPrecheckDays');
      tracks.push({ id: 'icp', title: say('engine.timeline.icpFiling.title'), dependsOn: hostingDeps, minMonths: fromWorkingDays(decision.value.min) + fromDays(precheck.value.min), maxMonths: fromWorkingDays(decision.value.max) + fromDays(precheck.value.max), basis: [decision.citation, precheck.citation], detail: say('engine.timeline.icpFiling.detail', { precheckMin: precheck.value.min, precheckMax: precheck.value.max, decisionMin: decision.value.min, decisionMax: decision.value.max, systems: icpSystems.map((s) => s.id).join(', ') }), needsLegalReview: precheck.needsLegalReview });
    }
    postLaunch.push(day.run(explanation, 'psb', (recording) => {
      const psb = recording.number('icp.psbNetworkingFilingDays');
      return recording.obligation('psb_networking_filing', recording.say('engine.timeline.psbNetworking.title'), recording.say('engine.timeline.psbNetworking.detail', { days: psb.value }), psb.citation);
    }));
  }

  const miniPrograms = systems.filter((system) => system.icp.requirement !== 'none' && profile.systems.find((s) => s.id === system.id)?.channels.includes('mini_program') && hasObligation(system.icp.obligations, 'app_filing'));
  if (miniPrograms.length > 0) {
    const review = explanation.range('icp.miniProgramReviewWorkingDays');
    tracks.push({ id: 'mini-program', title: say('engine.timeline.miniProgram.title'), dependsOn: formsEntity ? ['entity'] : [], minMonths: fromWorkingDays(review.value.min), maxMonths: fromWorkingDays(review.value.max), basis: [review.citation], detail: say('engine.timeline.miniProgram.detail', { max: review.value.max, systems: miniPrograms.map((s) => s.id).join(', ') }), needsLegalReview: false });
  }

  // The transfer track turns on the route alone (keyed by the mechanism itself).
  const transfer = day.run(explanation, cbdt.mechanism, (recording) => transferTrack(recording, cbdt.mechanism, fromWorkingDays));
  if (transfer) tracks.push(transfer);

  const preApprovals: Obligation[] = [];
  for (const system of systems) {
    const { obligations } = system.icp;
    for (let index = 0; index < obligations.length; index += 1) if (obligations[index]!.id.startsWith('pre_approval_')) preApprovals.push(obligations[index]!);
  }
  if (preApprovals.length > 0) {
    const approvals = list([...new Set(preApprovals.map((o) => say('engine.timeline.preApproval', { title: o.title, sector: o.id.replace('pre_approval_', '') })))]);
    explanation.step(say('engine.timeline.step.notInTimeline'), say('engine.timeline.result.notInTimeline', { approvals }), { citation: preApprovals[0]!.citation });
  }

  const graded = systems.filter((system) => system.mlps.applies || system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended');
  if (graded.length > 0) {
    const topLevel = Math.max(...graded.map((system) => system.mlps.level));
    const mlps = day.run(explanation, `grading ${topLevel}`, (recording) => gradingTracks(recording, topLevel));
    const { grading } = mlps;
    tracks.push({ id: 'mlps-grading', title: grading.title, dependsOn: [], minMonths: grading.minMonths, maxMonths: grading.maxMonths, basis: [grading.citation], detail: say('engine.timeline.grading.detail', { systems: list(graded.map((system) => say('engine.timeline.gradedSystem', { system: system.id, level: system.mlps.level }))) }), needsLegalReview: grading.needsLegalReview });
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
  const start = profile.plan.start;
  const readyBy = { earliest: addMonths(start, minMonths), latest: addMonths(start, maxMonths) };
  explanation.step(say('engine.timeline.step.criticalPath'), tracks.length === 0 ? say('engine.timeline.result.noTracks') : say('engine.timeline.result.criticalPath', { path: criticalPath.join(' → '), min: minMonths, max: maxMonths, start, earliest: readyBy.earliest, latest: readyBy.latest }));
  if (profile.plan.goLive) {
    const goLive = profile.plan.goLive;
    explanation.step(say('engine.timeline.step.goLive'), goLive < readyBy.earliest
      ? say('engine.timeline.result.goLiveTooEarly', { goLive })
      : goLive < readyBy.latest ? say('engine.timeline.result.goLiveTight', { goLive }) : say('engine.timeline.result.goLiveRoom', { goLive }));
  }
  const explained = explanation.result();
  return {
    start,
    minMonths,
    maxMonths,
    readyBy,
    goLive: profile.plan.goLive ?? null,
    criticalPath,
    tracks: outTracks,
    postLaunch,
    trace: explained.trace,
    citations: explained.citations,
    needsLegalReview: explained.needsLegalReview,
    legalReviewReasons: explained.legalReviewReasons,
  };
}
