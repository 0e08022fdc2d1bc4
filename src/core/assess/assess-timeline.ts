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
    tracks.push({ id: 'entity', title: 'Mainland entity formation', dependsOn: [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: `${profile.organisation.mainlandEntity === 'planned' ? 'Planned, not yet formed' : 'No entity yet'}: name registration, business licence, seals, bank account. Filings, licences and mainland cloud accounts are held by it.`, needsLegalReview: months.needsLegalReview });
  }
  if (needsMainlandPresence) {
    const months = explanation.range('timeline.mainlandHostingSetupMonths');
    tracks.push({ id: 'hosting', title: 'Mainland hosting', dependsOn: tracks.some((t) => t.id === 'entity') ? ['entity'] : [], minMonths: months.value.min, maxMonths: months.value.max, basis: [months.citation], detail: `Open mainland cloud accounts and stand up ${mainlandSystems.map((system) => system.id).join(', ')} in a mainland region.`, needsLegalReview: months.needsLegalReview });
  }
  const hostingDeps = tracks.some((t) => t.id === 'hosting') ? ['hosting'] : [];

  if (icpSystems.length > 0) {
    const licence = icpSystems.some((system) => system.icp.requirement === 'licence');
    if (licence) {
      const days = explanation.number('icp.licenceDecisionDays');
      tracks.push({ id: 'icp', title: 'ICP licence', dependsOn: hostingDeps, minMonths: fromDays(days.value), maxMonths: fromDays(days.value), basis: [days.citation], detail: `Statutory decision period of ${days.value} days, used as the plan (systems: ${icpSystems.filter((s) => s.icp.requirement === 'licence').map((s) => s.id).join(', ')}).`, needsLegalReview: false });
    } else {
      const decision = explanation.range('icp.filingDecisionWorkingDays');
      const precheck = explanation.range('icp.accessProviderPrecheckDays');
      tracks.push({ id: 'icp', title: 'ICP filing', dependsOn: hostingDeps, minMonths: fromWorkingDays(decision.value.min) + fromDays(precheck.value.min), maxMonths: fromWorkingDays(decision.value.max) + fromDays(precheck.value.max), basis: [decision.citation, precheck.citation], detail: `Access-provider pre-check (${precheck.value.min}-${precheck.value.max} days), then ${decision.value.min}-${decision.value.max} working days at the communications administration (systems: ${icpSystems.map((s) => s.id).join(', ')}).`, needsLegalReview: precheck.needsLegalReview });
    }
    const psb = explanation.number('icp.psbNetworkingFilingDays');
    postLaunch.push(explanation.obligation('psb_networking_filing', 'Public-security networking filing', `Within ${psb.value} days of going live.`, psb.citation));
  }

  const miniPrograms = systems.filter((system) => system.icp.requirement !== 'none' && system.icp.obligations.some((o) => o.id === 'app_filing') && profile.systems.find((s) => s.id === system.id)?.channels.includes('mini_program'));
  if (miniPrograms.length > 0) {
    const review = explanation.range('icp.miniProgramReviewWorkingDays');
    tracks.push({ id: 'mini-program', title: 'Mini program filing and code review', dependsOn: tracks.some((t) => t.id === 'entity') ? ['entity'] : [], minMonths: fromWorkingDays(review.value.min), maxMonths: fromWorkingDays(review.value.max), basis: [review.citation], detail: `Filing through the WeChat platform, then code review of up to ${review.value.max} working days (usually about 3 days) for ${miniPrograms.map((s) => s.id).join(', ')}.`, needsLegalReview: false });
  }

  if (cbdt.mechanism === 'standard_contract_or_certification') {
    const preparation = explanation.range('timeline.pipiaAndContractMonths');
    const filing = explanation.parameterIfInForce<number>('cbdt.scc.filingWorkingDays');
    const review = explanation.parameterIfInForce<number>('cbdt.scc.reviewWorkingDays');
    const extra = (filing?.value ?? 0) + (review?.value ?? 0);
    tracks.push({ id: 'transfer', title: 'Transfer mechanism: standard contract (or certification)', dependsOn: [], minMonths: preparation.value.min + fromWorkingDays(extra), maxMonths: preparation.value.max + fromWorkingDays(extra), basis: [preparation.citation, ...(filing ? [filing.citation] : []), ...(review ? [review.citation] : [])], detail: `PIPIA and contract (${preparation.value.min}-${preparation.value.max} months), filing within ${filing?.value ?? '-'} working days of the contract's effective date, provincial review of ${review?.value ?? '-'} working days.`, needsLegalReview: preparation.needsLegalReview || (review?.needsLegalReview ?? false) });
  } else if (cbdt.mechanism === 'security_assessment') {
    const preparation = explanation.range('timeline.selfAssessmentMonths');
    const completeness = explanation.number('cbdt.assessment.completenessCheckWorkingDays');
    const acceptance = explanation.number('cbdt.assessment.acceptanceWorkingDays');
    const review = explanation.number('cbdt.assessment.reviewWorkingDays');
    const statutory = fromWorkingDays(completeness.value + acceptance.value + review.value);
    tracks.push({ id: 'transfer', title: 'Transfer mechanism: CAC security assessment', dependsOn: [], minMonths: preparation.value.min + statutory, maxMonths: preparation.value.max + statutory, basis: [preparation.citation, completeness.citation, review.citation], detail: `Self-assessment and materials (${preparation.value.min}-${preparation.value.max} months), then ${completeness.value} + ${acceptance.value} + ${review.value} working days. The CAC may extend the assessment without a stated cap, so the maximum excludes extensions.`, needsLegalReview: true });
    explanation.review('The security assessment may be extended without a statutory cap; the timeline maximum excludes extensions.');
  }

  if (cbdt.mechanism === 'exempt') {
    const pipia = explanation.range('timeline.pipiaMonths');
    tracks.push({ id: 'transfer', title: 'Transfer duties: PIPIA, notice and consent', dependsOn: [], minMonths: pipia.value.min, maxMonths: pipia.value.max, basis: [pipia.citation], detail: 'Exempt from the three mechanisms, but the PIPIA, notice and separate consent (or another lawful basis) come before the transfer.', needsLegalReview: pipia.needsLegalReview });
  }

  const preApprovals = systems.flatMap((system) => system.icp.obligations.filter((o) => o.id.startsWith('pre_approval_')));
  if (preApprovals.length > 0) {
    explanation.step('Not in the timeline', `Sector pre-approval before the ICP filing or licence (${[...new Set(preApprovals.map((o) => o.title + ': ' + o.id.replace('pre_approval_', '')))].join(', ')}): no cited duration, so the ICP track starts without it. Add the regulator's time to the plan.`, { citation: preApprovals[0]!.citation });
  }

  const graded = systems.filter((system) => system.mlps.applies || system.hosting.recommendation === 'mainland_required' || system.hosting.recommendation === 'mainland_recommended');
  if (graded.length > 0) {
    const topLevel = Math.max(...graded.map((system) => system.mlps.level));
    const grading = explanation.range('timeline.mlpsGradingMonths');
    tracks.push({ id: 'mlps-grading', title: 'MLPS grading and expert review', dependsOn: [], minMonths: grading.value.min, maxMonths: grading.value.max, basis: [grading.citation], detail: `Grade ${graded.map((system) => `${system.id} (L${system.mlps.level})`).join(', ')}; expert review for level 2 and above.`, needsLegalReview: grading.needsLegalReview });
    const remediation = explanation.range(topLevel >= 3 ? 'timeline.remediationMonths.level3' : 'timeline.remediationMonths.level2');
    tracks.push({ id: 'remediation', title: `Technical remediation to GB/T 22239 level ${topLevel}`, dependsOn: ['mlps-grading'], minMonths: remediation.value.min, maxMonths: remediation.value.max, basis: [remediation.citation], detail: 'Close the gaps against the baseline of the graded level (logs kept in the mainland, commercial cryptography, management system); design and code work can run while the mainland environment is prepared.', needsLegalReview: remediation.needsLegalReview });
    if (topLevel >= 3) {
      const assessment = explanation.range('timeline.mlpsAssessmentMonths');
      tracks.push({ id: 'mlps-assessment', title: 'MLPS assessment by a recognised body', dependsOn: ['remediation', ...hostingDeps], minMonths: assessment.value.min, maxMonths: assessment.value.max, basis: [assessment.citation], detail: 'Assesses the system as deployed in the mainland; the report is part of the level 3+ filing materials.', needsLegalReview: assessment.needsLegalReview });
    }
    if (topLevel >= 2) {
      const filing = explanation.number('mlps.psbFilingDays');
      postLaunch.push(explanation.obligation('mlps_filing', 'MLPS filing with the PSB', `Within ${filing.value} days of going live (new systems of level 2 and above).`, filing.citation));
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
  explanation.step('Critical path', tracks.length === 0 ? 'No regulatory track before launch.' : `${criticalPath.join(' → ')}: ${minMonths} to ${maxMonths} months from ${start}, ready between ${readyBy.earliest} and ${readyBy.latest}.`);
  if (profile.plan.goLive) {
    explanation.step('Target go-live', profile.plan.goLive < readyBy.earliest
      ? `${profile.plan.goLive} is before the earliest readiness date.`
      : profile.plan.goLive < readyBy.latest ? `${profile.plan.goLive} is achievable only if the tracks run near their shortest.` : `${profile.plan.goLive} leaves room after the longest estimate.`);
  }
  return { start, minMonths, maxMonths, readyBy, goLive: profile.plan.goLive ?? null, criticalPath, tracks: outTracks, postLaunch, ...explanation.result() };
}
