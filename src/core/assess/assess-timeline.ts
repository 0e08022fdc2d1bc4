// The entry timeline: tracks with duration ranges from cited parameters, their dependencies and
// the critical path, in months from plan.start.
import { addMonths } from '../law/dates.ts';
import type { Citation } from '../law/law-book.ts';
import type { CbdtDetermination, Obligation, SystemAssessment, TimelineDetermination, TimelineTrack } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';

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
 * Longest path through the dependency graph, for the given duration: start and finish times and
 * the predecessor on the longest path, by position in `tracks`, and the positions in the order
 * their finish times were settled (dependencies first).
 */
function schedule(tracks: readonly TrackSpec[], dependencies: ReadonlyArray<readonly number[]>, duration: (track: TrackSpec) => number) {
  const count = tracks.length;
  const finish = new Array<number>(count).fill(-1);
  const start = new Array<number>(count).fill(0);
  const previous = new Array<number>(count).fill(-1);
  const visiting = new Array<boolean>(count).fill(false);
  const order: number[] = [];
  const visit = (index: number): number => {
    if (finish[index]! >= 0) return finish[index]!;
    if (visiting[index]) throw new Error(`dependency cycle at ${tracks[index]!.id}`);
    visiting[index] = true;
    let begin = 0;
    let from = -1;
    for (const dependency of dependencies[index]!) {
      const end = visit(dependency);
      if (end > begin) {
        begin = end;
        from = dependency;
      }
    }
    visiting[index] = false;
    start[index] = begin;
    previous[index] = from;
    const end = begin + duration(tracks[index]!);
    finish[index] = end;
    order.push(index);
    return end;
  };
  for (let index = 0; index < count; index += 1) visit(index);
  return { start, finish, previous, order };
}

export function assessTimeline(context: AssessContext, cbdt: CbdtDetermination, systems: SystemAssessment[]): TimelineDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
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

  if (needsMainlandPresence && profile.organisation.mainlandEntity !== 'established') {
    const months = explanation.range('timeline.entityFormationMonths');
    tracks.push({ id: 'entity', title: say('engine.timeline.entity.title'), dependsOn: [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: say('engine.timeline.entity.detail', { state: profile.organisation.mainlandEntity }), needsLegalReview: months.needsLegalReview });
  }
  if (needsMainlandPresence) {
    const months = explanation.range('timeline.mainlandHostingSetupMonths');
    tracks.push({ id: 'hosting', title: say('engine.timeline.hosting.title'), dependsOn: tracks.some((t) => t.id === 'entity') ? ['entity'] : [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: say('engine.timeline.hosting.detail', { systems: mainlandSystems.map((system) => system.id).join(', ') }), needsLegalReview: months.needsLegalReview });
  }
  const hostingDeps = tracks.some((t) => t.id === 'hosting') ? ['hosting'] : [];

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
    const psb = explanation.number('icp.psbNetworkingFilingDays');
    postLaunch.push(explanation.obligation('psb_networking_filing', say('engine.timeline.psbNetworking.title'), say('engine.timeline.psbNetworking.detail', { days: psb.value }), psb.citation));
  }

  const miniPrograms = systems.filter((system) => system.icp.requirement !== 'none' && system.icp.obligations.some((o) => o.id === 'app_filing') && profile.systems.find((s) => s.id === system.id)?.channels.includes('mini_program'));
  if (miniPrograms.length > 0) {
    const review = explanation.range('icp.miniProgramReviewWorkingDays');
    tracks.push({ id: 'mini-program', title: say('engine.timeline.miniProgram.title'), dependsOn: tracks.some((t) => t.id === 'entity') ? ['entity'] : [], minMonths: fromWorkingDays(review.value.min), maxMonths: fromWorkingDays(review.value.max), basis: [review.citation], detail: say('engine.timeline.miniProgram.detail', { max: review.value.max, systems: miniPrograms.map((s) => s.id).join(', ') }), needsLegalReview: false });
  }

  if (cbdt.mechanism === 'standard_contract_or_certification') {
    const preparation = explanation.range('timeline.pipiaAndContractMonths');
    const filing = explanation.parameterIfInForce<number>('cbdt.scc.filingWorkingDays');
    const review = explanation.parameterIfInForce<number>('cbdt.scc.reviewWorkingDays');
    const extra = (filing?.value ?? 0) + (review?.value ?? 0);
    tracks.push({ id: 'transfer', title: say('engine.timeline.transferContract.title'), dependsOn: [], minMonths: preparation.value.min + fromWorkingDays(extra), maxMonths: preparation.value.max + fromWorkingDays(extra), basis: [preparation.citation, ...(filing ? [filing.citation] : []), ...(review ? [review.citation] : [])], detail: say('engine.timeline.transferContract.detail', { min: preparation.value.min, max: preparation.value.max, filing: filing?.value ?? '-', review: review?.value ?? '-' }), needsLegalReview: preparation.needsLegalReview || (review?.needsLegalReview ?? false) });
  } else if (cbdt.mechanism === 'security_assessment') {
    const preparation = explanation.range('timeline.selfAssessmentMonths');
    const completeness = explanation.number('cbdt.assessment.completenessCheckWorkingDays');
    const acceptance = explanation.number('cbdt.assessment.acceptanceWorkingDays');
    const review = explanation.number('cbdt.assessment.reviewWorkingDays');
    const statutory = fromWorkingDays(completeness.value + acceptance.value + review.value);
    tracks.push({ id: 'transfer', title: say('engine.timeline.transferAssessment.title'), dependsOn: [], minMonths: preparation.value.min + statutory, maxMonths: preparation.value.max + statutory, basis: [preparation.citation, completeness.citation, review.citation], detail: say('engine.timeline.transferAssessment.detail', { min: preparation.value.min, max: preparation.value.max, completeness: completeness.value, acceptance: acceptance.value, review: review.value }), needsLegalReview: true });
    explanation.review(say('engine.timeline.review.assessmentExtension'));
  }

  if (cbdt.mechanism === 'exempt') {
    const pipia = explanation.range('timeline.pipiaMonths');
    tracks.push({ id: 'transfer', title: say('engine.timeline.transferExempt.title'), dependsOn: [], minMonths: pipia.value.min, maxMonths: pipia.value.max, basis: [pipia.citation], detail: say('engine.timeline.transferExempt.detail'), needsLegalReview: pipia.needsLegalReview });
  }

  const preApprovals = systems.flatMap((system) => system.icp.obligations.filter((o) => o.id.startsWith('pre_approval_')));
  if (preApprovals.length > 0) {
    const approvals = list([...new Set(preApprovals.map((o) => say('engine.timeline.preApproval', { title: o.title, sector: o.id.replace('pre_approval_', '') })))]);
    explanation.step(say('engine.timeline.step.notInTimeline'), say('engine.timeline.result.notInTimeline', { approvals }), { citation: preApprovals[0]!.citation });
  }

  const graded = systems.filter((system) => system.mlps.applies || system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended');
  if (graded.length > 0) {
    const topLevel = Math.max(...graded.map((system) => system.mlps.level));
    const grading = explanation.range('timeline.mlpsGradingMonths');
    tracks.push({ id: 'mlps-grading', title: say('engine.timeline.grading.title'), dependsOn: [], minMonths: grading.value.min, maxMonths: grading.value.max, basis: [grading.citation], detail: say('engine.timeline.grading.detail', { systems: list(graded.map((system) => say('engine.timeline.gradedSystem', { system: system.id, level: system.mlps.level }))) }), needsLegalReview: grading.needsLegalReview });
    const remediation = explanation.range(topLevel >= 3 ? 'timeline.remediationMonths.level3' : 'timeline.remediationMonths.level2');
    tracks.push({ id: 'remediation', title: say('engine.timeline.remediation.title', { level: topLevel }), dependsOn: ['mlps-grading'], minMonths: remediation.value.min, maxMonths: remediation.value.max, basis: [remediation.citation], detail: say('engine.timeline.remediation.detail'), needsLegalReview: remediation.needsLegalReview });
    if (topLevel >= 3) {
      const assessment = explanation.range('timeline.mlpsAssessmentMonths');
      tracks.push({ id: 'mlps-assessment', title: say('engine.timeline.mlpsAssessment.title'), dependsOn: ['remediation', ...hostingDeps], minMonths: assessment.value.min, maxMonths: assessment.value.max, basis: [assessment.citation], detail: say('engine.timeline.mlpsAssessment.detail'), needsLegalReview: assessment.needsLegalReview });
    }
    if (topLevel >= 2) {
      const filing = explanation.number('mlps.psbFilingDays');
      postLaunch.push(explanation.obligation('mlps_filing', say('engine.timeline.mlpsFiling.title'), say('engine.timeline.mlpsFiling.detail', { days: filing.value }), filing.citation));
    }
  }

  // Each track's dependencies by position; a dependency on a track not in the plan is ignored.
  const dependencies = tracks.map((track) => {
    const positions: number[] = [];
    for (const dependency of track.dependsOn) {
      const position = tracks.findIndex((other) => other.id === dependency);
      if (position >= 0) positions.push(position);
    }
    return positions;
  });
  const min = schedule(tracks, dependencies, (track) => track.minMonths);
  const max = schedule(tracks, dependencies, (track) => track.maxMonths);
  const minMonths = round(Math.max(0, ...min.finish));
  const maxMonths = round(Math.max(0, ...max.finish));
  // The critical path ends at the track that finishes last (the first settled, on a tie).
  let last = -1;
  for (const index of max.order) if (last < 0 || max.finish[index]! > max.finish[last]!) last = index;
  const criticalPath: string[] = [];
  for (let cursor = last; cursor >= 0; cursor = max.previous[cursor]!) criticalPath.unshift(tracks[cursor]!.id);
  const outTracks: TimelineTrack[] = tracks.map((track, index) => ({
    id: track.id,
    title: track.title,
    dependsOn: track.dependsOn,
    minMonths: round(track.minMonths),
    maxMonths: round(track.maxMonths),
    startMonths: { min: round(min.start[index]!), max: round(max.start[index]!) },
    endMonths: { min: round(min.finish[index]!), max: round(max.finish[index]!) },
    basis: track.basis,
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
  return { start, minMonths, maxMonths, readyBy, goLive: profile.plan.goLive ?? null, criticalPath, tracks: outTracks, postLaunch, ...explanation.result() };
}
