// Findings: the headline consequences of the determinations, ranked for the reader.
import { addDays } from '../law/dates.ts';
import { numberParameter, readParameter } from '../law/law-book.ts';
import { cbdtRoute } from './assess-cbdt.ts';
import type { Assessment, Finding } from './assessment-schema.ts';
import { formatCount, type AssessContext } from './explanation.ts';

export type AssessmentCore = Omit<Assessment, 'rules' | 'findings' | 'openQuestions' | 'needsLegalReview'>;

const SEVERITY_ORDER: Record<Finding['severity'], number> = { high: 0, medium: 1, low: 2, info: 3 };
const MECHANISM_WORDS: Record<string, string> = {
  none: 'no outbound transfer',
  exempt: 'exempt from the three mechanisms',
  standard_contract_or_certification: 'a standard contract or certification',
  security_assessment: 'a CAC security assessment',
};


export function buildFindings(context: AssessContext, assessment: AssessmentCore): Finding[] {
  const { profile, book, asOf } = context;
  const findings: Finding[] = [];
  const add = (finding: Finding) => findings.push(finding);
  const { cbdt, cii } = assessment.organisation;
  const { timeline } = assessment;

  if (cbdt.mechanism === 'security_assessment' || cbdt.mechanism === 'standard_contract_or_certification') {
    add({
      id: `cbdt.${cbdt.mechanism}`,
      severity: cbdt.mechanism === 'security_assessment' ? 'high' : 'medium',
      title: `Outbound transfers need ${MECHANISM_WORDS[cbdt.mechanism]}`,
      detail: `Under the ${cbdt.regime.title}: ${formatCount(cbdt.counted.nonSensitiveIndividuals)} non-sensitive and ${formatCount(cbdt.counted.sensitiveIndividuals)} sensitive individuals counted since ${cbdt.counted.windowStart}${cbdt.transfers.some((t) => t.treatment === 'assessment_required') ? `; ${cbdt.transfers.filter((t) => t.treatment === 'assessment_required').map((t) => t.transfer).join(', ')} need an assessment in any case` : ''}.`,
      system: null,
      basis: cbdt.citations.filter((citation) => citation.instrument === cbdt.regime.id).slice(0, 3),
      needsLegalReview: cbdt.needsLegalReview,
    });
  } else if (cbdt.mechanism === 'exempt') {
    add({ id: 'cbdt.exempt', severity: 'info', title: 'Outbound transfers are exempt from the three mechanisms; notice, consent and the PIPIA remain', detail: cbdt.exemptions.map((e) => `${e.transfer}: ${e.basis}`).join(' ') || 'Below the volume that needs a mechanism.', system: null, basis: cbdt.duties.map((duty) => duty.citation).slice(0, 2), needsLegalReview: cbdt.needsLegalReview });
  }
  if (cbdt.sectorEscalation) {
    add({ id: 'cbdt.sector-escalation', severity: 'high', title: 'Automotive rule may require a security assessment', detail: cbdt.sectorEscalation.reason, system: null, basis: [cbdt.sectorEscalation.citation], needsLegalReview: true });
  }

  // Say where the superseded 2022 thresholds would answer differently: public pages still quote them.
  const provisions = book.instruments.get('cn.cbdt.provisions-2024');
  if (provisions && asOf >= provisions.effective) {
    const before = addDays(provisions.effective, -1); // the last day of the 2022 thresholds
    const old = cbdtRoute({ ...context, asOf: before });
    if (old.mechanism !== cbdt.mechanism) {
      // The superseded triggers as the parameters give them on that day.
      const oldAll = numberParameter(book, 'cbdt.assessment.nonSensitiveAtLeast', before).value;
      const oldSensitive = numberParameter(book, 'cbdt.assessment.sensitiveAtLeast', before).value;
      const oldProcessed = readParameter<number | null>(book, 'cbdt.assessment.processedIndividualsAtLeast', before).value;
      add({
        id: 'cbdt.superseded-thresholds',
        severity: 'info',
        title: 'Statements based on the 2022 thresholds are stale for this firm',
        detail: `On ${before}, under the 2022 Measures (${formatCount(oldAll)} individuals or ${formatCount(oldSensitive)} with sensitive PI since 1 January of the previous year${oldProcessed != null ? `; ${formatCount(oldProcessed)} processed` : ''}), the route would have been ${MECHANISM_WORDS[old.mechanism]}. Since ${provisions.effective} it is ${MECHANISM_WORDS[cbdt.mechanism]}. Advice quoting the old triggers gives the wrong answer here.`,
        system: null,
        basis: [cbdt.citations.find((c) => c.instrument === 'cn.cbdt.provisions-2024') ?? old.regimeCitation],
        needsLegalReview: false,
      });
    }
  }

  for (const system of profile.systems) {
    if (system.hosting === 'mainland' || !system.collectsMainlandPersonalInformation) continue;
    const declared = cbdt.transfers.filter((t) => t.fromSystem === system.id && !t.implied);
    if (declared.length === 0) continue;
    const total = declared.reduce((sum, t) => sum + t.nonSensitiveIndividuals, 0);
    if (system.users.registered > total) {
      add({ id: `cbdt.understated.${system.id}`, severity: 'medium', title: `Declared transfers from ${system.name} may understate what leaves the mainland`, detail: `The system is hosted outside the mainland, so the PI of every registered user (${formatCount(system.users.registered)}) is collected abroad; the transfers listed from it count ${formatCount(total)} individuals. Confirm the counts.`, system: system.id, basis: cbdt.citations.filter((c) => c.instrument === 'cn.pipl').slice(0, 1), needsLegalReview: false });
    }
  }

  for (const system of profile.systems) {
    if (system.sensitivePersonalInformation.length === 0) continue;
    const fromSystem = cbdt.transfers.filter((t) => t.fromSystem === system.id && !t.implied && t.treatment !== 'out_of_scope');
    const withoutSensitive = fromSystem.filter((t) => t.sensitiveIndividuals === 0);
    if (withoutSensitive.length > 0) {
      add({ id: `cbdt.sensitive-count.${system.id}`, severity: 'medium', title: `Transfers from ${system.name} declare no sensitive PI, but the system holds ${system.sensitivePersonalInformation.join(', ')}`, detail: `${withoutSensitive.map((t) => t.transfer).join(', ')}: confirm that no sensitive PI leaves with them. Any sensitive PI (all PI of children under 14 is sensitive) needs at least a standard contract or certification below 10,000 individuals.`, system: system.id, basis: cbdt.citations.filter((c) => c.instrument === 'cn.pipl' || c.instrument === cbdt.regime.id).slice(0, 2), needsLegalReview: false });
    }
  }

  if (timeline.criticalPath.length > 0 && assessment.systems.some((system) => system.icp.obligations.some((o) => o.id.startsWith('pre_approval_')))) {
    add({ id: 'timeline.pre-approval-excluded', severity: 'medium', title: 'The timeline excludes sector pre-approval', detail: 'A sector regulator approves the service before the ICP filing or licence; Landfall has no cited duration for it, so the ICP track starts without it.', system: null, basis: [], needsLegalReview: false });
  }

  if (cii.status !== 'not_indicated') {
    add({ id: `cii.${cii.status}`, severity: cii.status === 'notified' ? 'high' : 'medium', title: cii.status === 'notified' ? 'Notified CII operator: localisation, level 3+, annual assessments, procurement review' : `CII sector (${cii.sectors.join(', ')}): designation is plausible`, detail: cii.obligations.map((o) => o.title).join('; '), system: null, basis: cii.obligations.map((o) => o.citation).slice(0, 3), needsLegalReview: cii.needsLegalReview });
  }
  for (const duty of assessment.organisation.piVolumeDuties) {
    add({ id: `volume.${duty.id}`, severity: duty.id === 'pi_regular_compliance_audit' || duty.id === 'pi_ordered_audit' ? 'low' : 'medium', title: duty.title, detail: `${duty.detail} Threshold: ${duty.threshold}.`, system: null, basis: [duty.citation], needsLegalReview: duty.needsLegalReview });
  }

  const sources = new Map(profile.systems.map((system) => [system.id, system]));
  for (const system of assessment.systems) {
    const source = sources.get(system.id)!;
    const { mlps, icp, hosting } = system;
    if (mlps.level >= 3) {
      add({ id: `mlps.level${mlps.level}.${system.id}`, severity: 'high', title: `${system.name}: MLPS level ${mlps.level}`, detail: `Expert review, PSB filing within ${mlps.psbFilingDays} days, assessment at least every ${mlps.assessmentIntervalMonths ?? '-'} months by a recognised body, commercial-crypto assessment ${mlps.commercialCryptoAssessment}.${mlps.applies ? '' : ` ${mlps.applicability}`}`, system: system.id, basis: mlps.obligations.map((o) => o.citation).slice(0, 3), needsLegalReview: mlps.needsLegalReview });
    } else if (mlps.level === 2) {
      add({ id: `mlps.level2.${system.id}`, severity: 'low', title: `${system.name}: MLPS level 2`, detail: `Expert review and PSB filing within ${mlps.psbFilingDays} days; no statutory assessment interval.${mlps.applies ? '' : ` ${mlps.applicability}`}`, system: system.id, basis: mlps.obligations.map((o) => o.citation).slice(0, 2), needsLegalReview: false });
    }
    if (icp.requirement !== 'none') {
      const unmet = icp.prerequisites.filter((p) => p.met !== 'yes');
      add({ id: `icp.${icp.requirement}.${system.id}`, severity: unmet.length > 0 && source.audience === 'consumers' ? 'high' : 'medium', title: `${system.name}: ICP ${icp.requirement}${icp.ediLicence ? ' and EDI licence' : ''}`, detail: `${icp.requirement === 'licence' ? 'A commercial service needs the ICP licence (a value-added telecom licence), not the filing.' : 'A non-commercial service needs the ICP filing, not the licence.'}${unmet.length > 0 ? ` Not yet met: ${unmet.map((p) => p.title.toLowerCase()).join('; ')}.` : ''}`, system: system.id, basis: icp.citations.filter((c) => c.instrument === 'cn.iis-measures').slice(0, 2), needsLegalReview: icp.needsLegalReview });
    }
    if (hosting.recommendation === 'mainland_required' || hosting.recommendation === 'mainland_recommended') {
      const moving = source.hosting !== 'mainland';
      add({ id: `hosting.${hosting.recommendation}.${system.id}`, severity: hosting.recommendation === 'mainland_required' && moving ? 'high' : 'medium', title: `${system.name}: mainland hosting ${hosting.recommendation === 'mainland_required' ? 'required' : 'recommended'}${moving ? ` (hosted ${source.hosting.replace('_', ' ')} today)` : ''}`, detail: hosting.reasons.join(' '), system: system.id, basis: hosting.path.map((step) => step.citation).filter((c): c is NonNullable<typeof c> => c != null).slice(0, 3), needsLegalReview: hosting.needsLegalReview });
    }
    const blocked = system.localisation.filter((item) => item.status === 'unavailable' || item.status === 'degraded' || item.status === 'restricted');
    if (blocked.length > 0) {
      add({ id: `localisation.${system.id}`, severity: blocked.some((item) => item.status === 'unavailable' || item.status === 'restricted') ? 'medium' : 'low', title: `${system.name}: ${blocked.length} integration(s) unreliable or unavailable in the mainland`, detail: blocked.map((item) => `${item.name} (${item.status}) → ${item.alternativeNames.slice(0, 3).join(', ') || 'no listed alternative'}`).join('; '), system: system.id, basis: [], needsLegalReview: false });
    }
    const maps = system.localisation.filter((item) => item.findings.length > 0);
    if (maps.length > 0) {
      add({ id: `localisation.maps.${system.id}`, severity: 'high', title: `${system.name}: maps must use GCJ-02 and a licensed provider`, detail: `${maps.map((item) => item.name).join(', ')}: ${maps[0]!.findings[0]!.detail}`, system: system.id, basis: maps[0]!.findings.map((f) => f.citation).filter((c): c is NonNullable<typeof c> => c != null), needsLegalReview: false });
    }
    if (source.importantData === 'suspected') {
      add({ id: `important-data.suspected.${system.id}`, severity: 'medium', title: `${system.name}: identify and declare candidate important data`, detail: 'Data not notified or published as important data need not be declared for an export assessment, but the handler must identify candidates against the sector catalogues and GB/T 43697-2024 and declare them.', system: system.id, basis: hosting.citations.filter((c) => c.instrument === 'cn.std.gbt-43697-2024'), needsLegalReview: false });
    }
  }

  if (timeline.goLive && timeline.tracks.length > 0 && timeline.goLive < timeline.readyBy.latest) {
    add({ id: 'timeline.go-live-at-risk', severity: timeline.goLive < timeline.readyBy.earliest ? 'high' : 'medium', title: `Go-live ${timeline.goLive} is ${timeline.goLive < timeline.readyBy.earliest ? 'before the earliest' : 'inside the range of'} readiness dates`, detail: `Critical path ${timeline.criticalPath.join(' → ')}: ready between ${timeline.readyBy.earliest} and ${timeline.readyBy.latest} (${timeline.minMonths}-${timeline.maxMonths} months from ${timeline.start}).`, system: null, basis: [], needsLegalReview: false });
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
