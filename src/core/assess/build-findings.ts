// Findings: the headline consequences of the determinations, ranked for the reader.
import { addDays } from '../law/dates.ts';
import { numberParameter, readParameter } from '../law/law-book.ts';
import { cbdtRoute } from './assess-cbdt.ts';
import type { Assessment, Finding } from './assessment-schema.ts';
import { formatCount, type AssessContext } from './explanation.ts';

export type AssessmentCore = Omit<Assessment, 'rules' | 'findings' | 'openQuestions' | 'needsLegalReview'>;

const SEVERITY_ORDER: Record<Finding['severity'], number> = { high: 0, medium: 1, low: 2, info: 3 };


export function buildFindings(context: AssessContext, assessment: AssessmentCore): Finding[] {
  const { profile, book, asOf, say } = context;
  const semicolon = say('engine.findings.semicolon');
  const sentences = (texts: readonly string[]) => (texts.length === 0 ? '' : texts.reduce((first, second) => say('engine.findings.sentences', { first, second })));
  const findings: Finding[] = [];
  const add = (finding: Finding) => findings.push(finding);
  const { cbdt, cii } = assessment.organisation;
  const { timeline } = assessment;

  if (cbdt.mechanism === 'security_assessment' || cbdt.mechanism === 'standard_contract_or_certification') {
    add({
      id: `cbdt.${cbdt.mechanism}`,
      severity: cbdt.mechanism === 'security_assessment' ? 'high' : 'medium',
      title: say('engine.findings.cbdt.route.title', { mechanism: cbdt.mechanism }),
      detail: say('engine.findings.cbdt.route.detail', {
        regime: cbdt.regime.title,
        nonSensitive: formatCount(cbdt.counted.nonSensitiveIndividuals),
        sensitive: formatCount(cbdt.counted.sensitiveIndividuals),
        windowStart: cbdt.counted.windowStart,
        required: cbdt.transfers.some((t) => t.treatment === 'assessment_required') ? 'yes' : 'no',
        transfers: cbdt.transfers.filter((t) => t.treatment === 'assessment_required').map((t) => t.transfer).join(', '),
      }),
      system: null,
      basis: cbdt.citations.filter((citation) => citation.instrument === cbdt.regime.id).slice(0, 3),
      needsLegalReview: cbdt.needsLegalReview,
    });
  } else if (cbdt.mechanism === 'exempt') {
    add({ id: 'cbdt.exempt', severity: 'info', title: say('engine.findings.cbdt.exempt.title'), detail: sentences(cbdt.exemptions.map((e) => say('engine.findings.cbdt.exempt.item', { transfer: e.transfer, basis: e.basis }))) || say('engine.findings.cbdt.exempt.none'), system: null, basis: cbdt.duties.map((duty) => duty.citation).slice(0, 2), needsLegalReview: cbdt.needsLegalReview });
  }
  if (cbdt.sectorEscalation) {
    add({ id: 'cbdt.sector-escalation', severity: 'high', title: say('engine.findings.cbdt.escalation.title'), detail: cbdt.sectorEscalation.reason, system: null, basis: [cbdt.sectorEscalation.citation], needsLegalReview: true });
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
        title: say('engine.findings.cbdt.superseded.title'),
        detail: say('engine.findings.cbdt.superseded.detail', {
          before,
          all: formatCount(oldAll),
          sensitive: formatCount(oldSensitive),
          withProcessed: oldProcessed != null ? 'yes' : 'no',
          processed: oldProcessed != null ? formatCount(oldProcessed) : '',
          old: say('engine.findings.mechanism', { mechanism: old.mechanism }),
          effective: provisions.effective,
          current: say('engine.findings.mechanism', { mechanism: cbdt.mechanism }),
        }),
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
      add({ id: `cbdt.understated.${system.id}`, severity: 'medium', title: say('engine.findings.cbdt.understated.title', { system: system.name }), detail: say('engine.findings.cbdt.understated.detail', { registered: formatCount(system.users.registered), total: formatCount(total) }), system: system.id, basis: cbdt.citations.filter((c) => c.instrument === 'cn.pipl').slice(0, 1), needsLegalReview: false });
    }
  }

  for (const system of profile.systems) {
    if (system.sensitivePersonalInformation.length === 0) continue;
    const fromSystem = cbdt.transfers.filter((t) => t.fromSystem === system.id && !t.implied && t.treatment !== 'out_of_scope');
    const withoutSensitive = fromSystem.filter((t) => t.sensitiveIndividuals === 0);
    if (withoutSensitive.length > 0) {
      add({ id: `cbdt.sensitive-count.${system.id}`, severity: 'medium', title: say('engine.findings.cbdt.sensitiveCount.title', { system: system.name, categories: system.sensitivePersonalInformation.map((category) => say('engine.findings.cbdt.sensitiveCount.category', { category })).join(say('common.listSeparator')) }), detail: say('engine.findings.cbdt.sensitiveCount.detail', { transfers: withoutSensitive.map((t) => t.transfer).join(', ') }), system: system.id, basis: cbdt.citations.filter((c) => c.instrument === 'cn.pipl' || c.instrument === cbdt.regime.id).slice(0, 2), needsLegalReview: false });
    }
  }

  if (timeline.criticalPath.length > 0 && assessment.systems.some((system) => system.icp.obligations.some((o) => o.id.startsWith('pre_approval_')))) {
    add({ id: 'timeline.pre-approval-excluded', severity: 'medium', title: say('engine.findings.timeline.preApproval.title'), detail: say('engine.findings.timeline.preApproval.detail'), system: null, basis: [], needsLegalReview: false });
  }

  if (cii.status !== 'not_indicated') {
    add({ id: `cii.${cii.status}`, severity: cii.status === 'notified' ? 'high' : 'medium', title: cii.status === 'notified' ? say('engine.findings.cii.notified.title') : say('engine.findings.cii.candidate.title', { sectors: cii.sectors.map((sector) => say('engine.cii.sector', { sector })).join(say('common.listSeparator')) }), detail: cii.obligations.map((o) => o.title).join(semicolon), system: null, basis: cii.obligations.map((o) => o.citation).slice(0, 3), needsLegalReview: cii.needsLegalReview });
  }
  for (const duty of assessment.organisation.piVolumeDuties) {
    add({ id: `volume.${duty.id}`, severity: duty.id === 'pi_regular_compliance_audit' || duty.id === 'pi_ordered_audit' ? 'low' : 'medium', title: duty.title, detail: say('engine.findings.volume.detail', { detail: duty.detail, threshold: duty.threshold }), system: null, basis: [duty.citation], needsLegalReview: duty.needsLegalReview });
  }

  const sources = new Map(profile.systems.map((system) => [system.id, system]));
  for (const system of assessment.systems) {
    const source = sources.get(system.id)!;
    const { mlps, icp, hosting } = system;
    if (mlps.level >= 3) {
      add({ id: `mlps.level${mlps.level}.${system.id}`, severity: 'high', title: say('engine.findings.mlps.title', { system: system.name, level: mlps.level }), detail: say('engine.findings.mlps.high.detail', { days: String(mlps.psbFilingDays), months: mlps.assessmentIntervalMonths ?? '-', crypto: mlps.commercialCryptoAssessment, applies: mlps.applies ? 'yes' : 'no', applicability: mlps.applicability }), system: system.id, basis: mlps.obligations.map((o) => o.citation).slice(0, 3), needsLegalReview: mlps.needsLegalReview });
    } else if (mlps.level === 2) {
      add({ id: `mlps.level2.${system.id}`, severity: 'low', title: say('engine.findings.mlps.title', { system: system.name, level: 2 }), detail: say('engine.findings.mlps.level2.detail', { days: String(mlps.psbFilingDays), applies: mlps.applies ? 'yes' : 'no', applicability: mlps.applicability }), system: system.id, basis: mlps.obligations.map((o) => o.citation).slice(0, 2), needsLegalReview: false });
    }
    if (icp.requirement !== 'none') {
      const unmet = icp.prerequisites.filter((p) => p.met !== 'yes');
      add({ id: `icp.${icp.requirement}.${system.id}`, severity: unmet.length > 0 && source.audience === 'consumers' ? 'high' : 'medium', title: say('engine.findings.icp.title', { system: system.name, requirement: icp.requirement, edi: icp.ediLicence ? 'yes' : 'no' }), detail: say('engine.findings.icp.detail', { requirement: icp.requirement, withUnmet: unmet.length > 0 ? 'yes' : 'no', unmet: unmet.map((p) => (say.locale === 'en' ? p.title.toLowerCase() : p.title)).join(semicolon) }), system: system.id, basis: icp.citations.filter((c) => c.instrument === 'cn.iis-measures').slice(0, 2), needsLegalReview: icp.needsLegalReview });
    }
    if (hosting.recommendation === 'mainland_required' || hosting.recommendation === 'mainland_recommended') {
      const moving = source.hosting !== 'mainland';
      add({ id: `hosting.${hosting.recommendation}.${system.id}`, severity: hosting.recommendation === 'mainland_required' && moving ? 'high' : 'medium', title: say('engine.findings.hosting.title', { system: system.name, required: hosting.recommendation === 'mainland_required' ? 'yes' : 'no', moving: moving ? 'yes' : 'no', hosting: source.hosting }), detail: sentences(hosting.reasons), system: system.id, basis: hosting.path.map((step) => step.citation).filter((c): c is NonNullable<typeof c> => c != null).slice(0, 3), needsLegalReview: hosting.needsLegalReview });
    }
    const blocked = system.localisation.filter((item) => item.status === 'unavailable' || item.status === 'degraded' || item.status === 'restricted');
    if (blocked.length > 0) {
      add({ id: `localisation.${system.id}`, severity: blocked.some((item) => item.status === 'unavailable' || item.status === 'restricted') ? 'medium' : 'low', title: say('engine.findings.localisation.title', { system: system.name, count: blocked.length }), detail: blocked.map((item) => say('engine.findings.localisation.item', { name: item.name, status: item.status, alternatives: item.alternativeNames.slice(0, 3).join(say('common.listSeparator')) || say('engine.findings.localisation.noAlternative') })).join(semicolon), system: system.id, basis: [], needsLegalReview: false });
    }
    const maps = system.localisation.filter((item) => item.findings.length > 0);
    if (maps.length > 0) {
      add({ id: `localisation.maps.${system.id}`, severity: 'high', title: say('engine.findings.maps.title', { system: system.name }), detail: say('engine.findings.maps.detail', { names: maps.map((item) => item.name).join(say('common.listSeparator')), detail: maps[0]!.findings[0]!.detail }), system: system.id, basis: maps[0]!.findings.map((f) => f.citation).filter((c): c is NonNullable<typeof c> => c != null), needsLegalReview: false });
    }
    if (source.importantData === 'suspected') {
      add({ id: `important-data.suspected.${system.id}`, severity: 'medium', title: say('engine.findings.importantData.title', { system: system.name }), detail: say('engine.findings.importantData.detail'), system: system.id, basis: hosting.citations.filter((c) => c.instrument === 'cn.std.gbt-43697-2024'), needsLegalReview: false });
    }
  }

  if (timeline.goLive && timeline.tracks.length > 0 && timeline.goLive < timeline.readyBy.latest) {
    add({ id: 'timeline.go-live-at-risk', severity: timeline.goLive < timeline.readyBy.earliest ? 'high' : 'medium', title: say('engine.findings.goLive.title', { goLive: timeline.goLive, before: timeline.goLive < timeline.readyBy.earliest ? 'yes' : 'no' }), detail: say('engine.findings.goLive.detail', { path: timeline.criticalPath.join(' → '), earliest: timeline.readyBy.earliest, latest: timeline.readyBy.latest, minMonths: timeline.minMonths, maxMonths: timeline.maxMonths, start: timeline.start }), system: null, basis: [], needsLegalReview: false });
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
