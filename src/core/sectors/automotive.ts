// Automotive sector rules: the 2021 Automotive Data Provisions and the standards and guidelines after them.
import { isInForce } from '../law/law-book.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { CbdtDetermination, SectorRule } from '../assess/assessment-schema.ts';
import type { RegimeOutcome } from '../assess/assess-cbdt.ts';
import { Explanation, formatCount, type AssessContext } from '../assess/explanation.ts';
import { NAMED_SYSTEM } from '../assess/shared-answers.ts';
import { findBy } from '../list-lookup.ts';
import type { Sector, SectorImportantData } from './sector.ts';

const VEHICLE_DATA = ['vehicle_telematics', 'vehicle_location', 'off_vehicle_video', 'cabin_audio_video', 'charging_network_operations', 'vehicle_flow_logistics', 'sensitive_area_geodata', 'ev_remote_service_platform'];

/** Important-data categories of Auto Provisions Art. 3 that a data-category tag points to, with their clause (named in words by the engine.automotive.rule.important and engine.hosting.automotive messages). */
const IMPORTANT_CATEGORIES: Record<string, { clause: string }> = {
  sensitive_area_geodata: { clause: '3(1)' },
  vehicle_flow_logistics: { clause: '3(2)' },
  charging_network_operations: { clause: '3(3)' },
  off_vehicle_video: { clause: '3(4)' },
};

function isAutomotive(profile: Profile): boolean {
  return profile.organisation.sectors.includes('automotive');
}

/** The sector important-data reason for one system, if any (always a legal-review matter). */
function importantDataReason(context: AssessContext, system: SystemProfile): string | null {
  if (!system.collectsMainlandPersonalInformation && !system.dataCategories.some((tag) => tag in IMPORTANT_CATEGORIES)) return null;
  const tags = system.dataCategories.filter((tag) => tag in IMPORTANT_CATEGORIES);
  const { say } = context;
  if (tags.length > 0) return say('engine.hosting.automotive.categories', { categories: tags.map((tag) => say('engine.hosting.automotive.what', { tag })).reduce((first, second) => say('engine.hosting.automotive.whatJoin', { first, second })) });
  const explanation = new Explanation(context);
  const threshold = explanation.number('auto.importantDataIndividualsAbove');
  if (context.profile.organisation.individualsProcessed > threshold.value && system.dataCategories.some((tag) => VEHICLE_DATA.includes(tag))) {
    return say('engine.hosting.automotive.volume', { threshold: formatCount(threshold.value) });
  }
  return null;
}

function organisationRules(context: AssessContext): SectorRule[] {
  const { profile, book, asOf } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const rules: SectorRule[] = [];
  const add = (id: string, title: string, detail: string, ref: Parameters<Explanation['cite']>[0], needsLegalReview = false, applies = true) => {
    const citation = explanation.cite(ref);
    if (needsLegalReview) explanation.review(say('engine.review.obligation', { title, detail }));
    rules.push({ id, title, detail, applies, citation, needsLegalReview });
  };
  add('auto.scope', say('engine.automotive.rule.scope.title'), say('engine.automotive.rule.scope.detail'), { instrument: 'cn.auto.data-provisions-2021', article: '3' });
  add('auto.principles', say('engine.automotive.rule.principles.title'), say('engine.automotive.rule.principles.detail'), { instrument: 'cn.auto.data-provisions-2021', article: null });
  add('auto.sensitive', say('engine.automotive.rule.sensitive.title'), say('engine.automotive.rule.sensitive.detail'), { instrument: 'cn.pipl', article: '28' });
  const threshold = explanation.number('auto.importantDataIndividualsAbove');
  const over = profile.organisation.individualsProcessed > threshold.value;
  add('auto.important-data-volume', say('engine.automotive.rule.volume.title', { threshold: formatCount(threshold.value) }), say('engine.automotive.rule.volume.detail', { threshold: formatCount(threshold.value), processed: formatCount(profile.organisation.individualsProcessed), over: over ? 'yes' : 'no' }), threshold.citation, true, over);
  add('auto.important-data-categories', say('engine.automotive.rule.categories.title'), say('engine.automotive.rule.categories.detail'), { instrument: 'cn.auto.data-provisions-2021', article: '3' });
  add('auto.annual-report', say('engine.automotive.rule.annualReport.title'), say('engine.automotive.rule.annualReport.detail'), { instrument: 'cn.auto.data-provisions-2021', article: null }, true);
  add('auto.gbt-41871', say('engine.automotive.rule.gbt41871.title'), say('engine.automotive.rule.gbt41871.detail'), { instrument: 'cn.std.gbt-41871-2022', article: null }, false, isInForce(book, 'cn.std.gbt-41871-2022', asOf));
  add('auto.gb-44495', say('engine.automotive.rule.gb44495.title'), say('engine.automotive.rule.gb44495.detail'), { instrument: 'cn.std.gb-44495-2024', article: null }, true, isInForce(book, 'cn.std.gb-44495-2024', asOf));
  if (isInForce(book, 'cn.auto.outbound-guidelines-2026', asOf)) {
    add('auto.outbound-guidelines', say('engine.automotive.rule.outboundGuidelines.title'), say('engine.automotive.rule.outboundGuidelines.detail'), { instrument: 'cn.auto.outbound-guidelines-2026', article: null }, true);
  }
  return rules;
}

function systemRules(context: AssessContext, system: SystemProfile): SectorRule[] {
  const { book, asOf } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const rules: SectorRule[] = [];
  const vehicleTags = system.dataCategories.filter((tag) => VEHICLE_DATA.includes(tag));
  if (vehicleTags.length > 0) {
    const citation = explanation.cite({ instrument: 'cn.auto.data-provisions-2021', article: null });
    rules.push({ id: 'auto.in-vehicle-default', title: say('engine.automotive.rule.inVehicle.title'), detail: say('engine.automotive.rule.inVehicle.detail', { tags: vehicleTags.join(say('common.listSeparator')) }), applies: true, citation, needsLegalReview: false });
  }
  for (const tag of system.dataCategories) {
    const category = IMPORTANT_CATEGORIES[tag];
    if (!category) continue;
    const citation = explanation.cite({ instrument: 'cn.auto.data-provisions-2021', article: category.clause });
    rules.push({ id: `auto.important.${tag}`, title: say('engine.automotive.rule.important.title'), detail: say('engine.automotive.rule.important.detail', { tag }), applies: true, citation, needsLegalReview: true });
  }
  if (system.dataCategories.includes('ev_remote_service_platform')) {
    const citation = explanation.cite({ instrument: 'cn.std.gbt-40855-2021', article: null });
    rules.push({ id: 'auto.gbt-40855', title: say('engine.automotive.rule.gbt40855.title'), detail: say('engine.automotive.rule.gbt40855.detail'), applies: isInForce(book, 'cn.std.gbt-40855-2021', asOf), citation, needsLegalReview: false });
  }
  return rules;
}

function importantData(context: AssessContext, system: SystemProfile): SectorImportantData | null {
  const reason = importantDataReason(context, system);
  if (!reason) return null;
  // The review names the system by the stand-in, so hosting answers stay shared between systems (sector.ts).
  return { reason, review: context.say('engine.hosting.automotive.review', { system: NAMED_SYSTEM }) };
}

/** PI exports of an automotive data processor that holds important data go to a security assessment whatever their volume (flagged: the 2024 notified-or-published rule is not reconciled). */
function transferEscalation(context: AssessContext, explanation: Explanation, outcome: RegimeOutcome): CbdtDetermination['sectorEscalation'] {
  const { profile } = context;
  const { say } = explanation;
  if (outcome.mechanism === 'security_assessment') return null;
  const personalFlows = outcome.treatments.filter((treatment) => treatment.treatment === 'counted');
  if (personalFlows.length === 0) return null;
  const reasons: string[] = [];
  const threshold = explanation.number('auto.importantDataIndividualsAbove');
  if (profile.organisation.individualsProcessed > threshold.value && personalFlows.some((flow) => flow.nonSensitiveIndividuals + flow.sensitiveIndividuals > 0)) {
    reasons.push(say('engine.cbdt.automotive.reason.volume', { threshold: formatCount(threshold.value), processed: formatCount(profile.organisation.individualsProcessed) }));
  }
  for (const flow of personalFlows) {
    const system = findBy(profile.systems, 'id', flow.fromSystem);
    const categories = system?.dataCategories.filter((tag) => tag in IMPORTANT_CATEGORIES) ?? [];
    if (categories.length > 0) {
      const held = categories.map((tag) => say('engine.cbdt.automotive.category', { tag })).reduce((first, second) => say('engine.cbdt.automotive.and', { first, second }));
      reasons.push(say('engine.cbdt.automotive.reason.categories', { transfer: flow.transfer, system: system!.id, categories: held }));
    }
  }
  if (reasons.length === 0) return null;
  const reason = say('engine.cbdt.automotive.reason', { reasons: reasons.reduce((first, second) => say('engine.cbdt.automotive.sentences', { first, second })) });
  explanation.review(reason);
  explanation.step(say('engine.cbdt.automotive.step'), say('engine.cbdt.automotive.result'), { citation: threshold.citation });
  return { mechanism: 'security_assessment', reason, citation: threshold.citation };
}

export const automotive: Sector = { id: 'automotive', applies: isAutomotive, organisationRules, systemRules, importantData, transferEscalation };
