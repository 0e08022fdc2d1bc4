// Automotive sector rules: the 2021 Automotive Data Provisions and the standards and guidelines after them.
import { isInForce } from '../law/law-book.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { CbdtDetermination, SectorRule } from '../assess/assessment-schema.ts';
import type { RegimeOutcome } from '../assess/assess-cbdt.ts';
import { Explanation, formatCount, type AssessContext } from '../assess/explanation.ts';
import type { Sector, SectorImportantData } from './sector.ts';

const VEHICLE_DATA = ['vehicle_telematics', 'vehicle_location', 'off_vehicle_video', 'cabin_audio_video', 'charging_network_operations', 'vehicle_flow_logistics', 'sensitive_area_geodata', 'ev_remote_service_platform'];

/** Important-data categories of Auto Provisions Art. 3 that a data-category tag points to (`short`: the name in a sentence about a transfer). */
const IMPORTANT_CATEGORIES: Record<string, { clause: string; what: string; short: string }> = {
  sensitive_area_geodata: { clause: '3(1)', what: 'geographic information, people and vehicle flows in sensitive areas', short: 'sensitive-area geodata' },
  vehicle_flow_logistics: { clause: '3(2)', what: 'vehicle-flow and logistics data reflecting economic operation', short: 'vehicle-flow and logistics data' },
  charging_network_operations: { clause: '3(3)', what: 'operating data of the charging network', short: 'charging-network operating data' },
  off_vehicle_video: { clause: '3(4)', what: 'off-vehicle video and images containing faces or licence plates', short: 'off-vehicle video and images' },
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
  const rules: SectorRule[] = [];
  const add = (id: string, title: string, detail: string, ref: Parameters<Explanation['cite']>[0], needsLegalReview = false, applies = true) => {
    const citation = explanation.cite(ref);
    if (needsLegalReview) explanation.review(`${title}: ${detail}`);
    rules.push({ id, title, detail, applies, citation, needsLegalReview });
  };
  add('auto.scope', 'Automotive data processor', 'OEMs, parts and software suppliers, dealers, repairers and mobility-service companies that process automotive data are automotive data processors.', { instrument: 'cn.auto.data-provisions-2021', article: '3' });
  add('auto.principles', 'Processing principles', 'Process in the vehicle by default (车内处理); do not collect by default (默认不收集); fit precision and range to the purpose (精度范围适用); de-identify (脱敏处理) where data must leave the vehicle.', { instrument: 'cn.auto.data-provisions-2021', article: null });
  add('auto.sensitive', 'Sensitive vehicle data', 'Vehicle location tracks, audio, video, images and biometrics are sensitive PI: separate consent, notice of what is collected and why, and the narrowest retention.', { instrument: 'cn.pipl', article: '28' });
  const threshold = explanation.number('auto.importantDataIndividualsAbove');
  const over = profile.organisation.individualsProcessed > threshold.value;
  add('auto.important-data-volume', `PI of more than ${formatCount(threshold.value)} individuals is important data`, `Automotive important data includes PI of more than ${formatCount(threshold.value)} individuals (any PI, 超过 so strictly more). The firm processes ${formatCount(profile.organisation.individualsProcessed)}: ${over ? 'above the line, so its exports are treated as needing a security assessment and its storage as mainland-bound, pending legal review of how this reconciles with the 2024 notified-or-published rule.' : 'below the line.'}`, threshold.citation, true, over);
  add('auto.important-data-categories', 'Other important-data categories', 'Sensitive-area geodata and flows; vehicle-flow and logistics data reflecting economic operation; charging-network operating data; off-vehicle video and images with faces or plates. Important data is stored in the mainland and exported only after a security assessment.', { instrument: 'cn.auto.data-provisions-2021', article: '3' });
  add('auto.annual-report', 'Annual report on important data', 'Processors of important data report their processing, including outbound transfers, each year (reported deadline: before 15 December).', { instrument: 'cn.auto.data-provisions-2021', article: null }, true);
  add('auto.gbt-41871', 'GB/T 41871-2022 vehicle data processing', 'Recommended standard for processing vehicle data: general requirements, off-vehicle data, cabin data, management and special cases.', { instrument: 'cn.std.gbt-41871-2022', article: null }, false, isInForce(book, 'cn.std.gbt-41871-2022', asOf));
  add('auto.gb-44495', 'GB 44495-2024 vehicle cybersecurity (mandatory)', 'New vehicle type approvals need a cybersecurity management system and meet requirements for external connections, communications, software updates and data protection (reportedly no direct transmission of data abroad). Existing approved types follow later (reported 2028-01-01).', { instrument: 'cn.std.gb-44495-2024', article: null }, true, isInForce(book, 'cn.std.gb-44495-2024', asOf));
  if (isInForce(book, 'cn.auto.outbound-guidelines-2026', asOf)) {
    add('auto.outbound-guidelines', '2026 Automotive Data Outbound Security Guidelines', 'Five assessment triggers (important data; 1,000,000 non-sensitive or 10,000 sensitive individuals since 1 January; a CIIO providing PI; other), a standard contract or certification below them, scenario rules for R&D, manufacturing, driving automation, OTA and connected operation, and log management requirements. Filings describe the data\'s characteristics, not the data.', { instrument: 'cn.auto.outbound-guidelines-2026', article: null }, true);
  }
  return rules;
}

function systemRules(context: AssessContext, system: SystemProfile): SectorRule[] {
  const { book, asOf } = context;
  const explanation = new Explanation(context);
  const rules: SectorRule[] = [];
  const vehicleTags = system.dataCategories.filter((tag) => VEHICLE_DATA.includes(tag));
  if (vehicleTags.length > 0) {
    const citation = explanation.cite({ instrument: 'cn.auto.data-provisions-2021', article: null });
    rules.push({ id: 'auto.in-vehicle-default', title: 'Vehicle data leaves the vehicle only when necessary', detail: `The system receives ${vehicleTags.join(', ')}: keep processing in the vehicle by default, collect nothing by default, and de-identify what must leave it.`, applies: true, citation, needsLegalReview: false });
  }
  for (const tag of system.dataCategories) {
    const category = IMPORTANT_CATEGORIES[tag];
    if (!category) continue;
    const citation = explanation.cite({ instrument: 'cn.auto.data-provisions-2021', article: category.clause });
    rules.push({ id: `auto.important.${tag}`, title: 'Automotive important data', detail: `${category.what[0]!.toUpperCase()}${category.what.slice(1)} is important data: mainland storage, export only after a security assessment.`, applies: true, citation, needsLegalReview: true });
  }
  if (system.dataCategories.includes('ev_remote_service_platform')) {
    const citation = explanation.cite({ instrument: 'cn.std.gbt-40855-2021', article: null });
    rules.push({ id: 'auto.gbt-40855', title: 'GB/T 40855-2021 EV remote service platform security', detail: 'Security requirements and tests for data exchanged among the on-board terminal, the enterprise platform and the public platform of GB/T 32960, including security-event logs with second-level timestamps, VIN and event type. It applies to EV remote service platforms only; it is not a general data-protection standard.', applies: isInForce(book, 'cn.std.gbt-40855-2021', asOf), citation, needsLegalReview: false });
  }
  return rules;
}

function importantData(context: AssessContext, system: SystemProfile): SectorImportantData | null {
  const reason = importantDataReason(context, system);
  if (!reason) return null;
  return { reason, review: context.say('engine.hosting.automotive.review', { system: system.id }) };
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
    const system = profile.systems.find((candidate) => candidate.id === flow.fromSystem);
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
