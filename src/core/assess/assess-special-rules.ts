// Rules that turn on one fact each: sensitive PI categories per system (PIPL Arts. 28-32, with
// GB/T 45574-2025 as the reference from 2025-11-01) and minors under 14 (guardian consent, Art. 31) and
// online games for minors; the cybersecurity review before listing abroad; the mandatory vehicle
// cybersecurity and software-update standards for new type approvals.
import { getInstrument, isInForce } from '../law/law-book.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { Obligation, SpecialRulesDetermination } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';
import type { FactsContext, FactsOf } from './shared-answers.ts';
import type { Profile } from '../profile/normalise-profile.ts';

/** GB/T 45574-2025 clause with the special requirements for each category. */
const GBT_45574_CLAUSE: Record<string, string> = {
  biometric: '6.1', religious_belief: '6.2', specific_identity: '6.3', medical_health: '6.4', financial_account: '6.5', location_tracking: '6.6', minors_under_14: '6.7',
};

/** What the sensitive-PI determination reads of a system and of the firm: its answer is shared by every system with these facts (see shared-answers.ts). */
export const SENSITIVE_PI_SYSTEM_FACTS = ['sensitivePersonalInformation', 'collectsMainlandPersonalInformation'] as const;
export const SENSITIVE_PI_ORGANISATION_FACTS = ['sectors'] as const;

export function assessSensitivePi(context: FactsContext<Profile['organisation'], typeof SENSITIVE_PI_ORGANISATION_FACTS>, system: FactsOf<SystemProfile, typeof SENSITIVE_PI_SYSTEM_FACTS>): SpecialRulesDetermination {
  const { book, asOf, profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const duties: Obligation[] = [];
  const categories = system.sensitivePersonalInformation;
  if (categories.length === 0 || !system.collectsMainlandPersonalInformation) {
    explanation.step(say('engine.specialRules.step.sensitive'), say('engine.specialRules.result.sensitive', { categories: categories.length === 0 ? 'none' : 'some' }));
    return { applies: false, duties, ...explanation.result() };
  }
  explanation.step(say('engine.specialRules.step.categories'), say('engine.specialRules.result.categories', { categories: categories.map((category) => say('engine.specialRules.category', { category })).join(say('common.listSeparator')) }), {
    citation: explanation.cite({ instrument: 'cn.pipl', article: '28' }),
    facts: { sensitivePersonalInformation: categories },
  });
  duties.push(
    explanation.obligation('sensitive_separate_consent', say('engine.specialRules.obligation.separateConsent.title'), say('engine.specialRules.obligation.separateConsent.detail'), { instrument: 'cn.pipl', article: '29' }),
    explanation.obligation('sensitive_notice', say('engine.specialRules.obligation.notice.title'), say('engine.specialRules.obligation.notice.detail'), { instrument: 'cn.pipl', article: '30' }),
    explanation.obligation('sensitive_pipia', say('engine.specialRules.obligation.pipia.title'), say('engine.specialRules.obligation.pipia.detail'), { instrument: 'cn.pipl', article: '55' }),
  );
  if (isInForce(book, 'cn.std.gbt-45574-2025', asOf)) {
    duties.push(explanation.obligation('gbt_45574_reference', say('engine.specialRules.obligation.gbt45574.title'), say('engine.specialRules.obligation.gbt45574.detail', { categories: categories.map((category) => say('engine.specialRules.categoryClause', { category, clause: GBT_45574_CLAUSE[category] ?? '6.8' })).join(say('common.listSeparator')) }), { instrument: 'cn.std.gbt-45574-2025', article: categories.map((category) => GBT_45574_CLAUSE[category] ?? '6.8').join(', ') }));
  } else {
    explanation.step(say('engine.specialRules.step.referenceStandard'), say('engine.specialRules.result.referenceStandard', { effective: getInstrument(book, 'cn.std.gbt-45574-2025').effective }), { citation: explanation.cite({ instrument: 'cn.std.gbt-45574-2025', article: null }) });
  }
  if (categories.includes('minors_under_14')) {
    duties.push(
      explanation.obligation('guardian_consent', say('engine.specialRules.obligation.guardianConsent.title'), say('engine.specialRules.obligation.guardianConsent.detail'), { instrument: 'cn.pipl', article: '31' }),
    );
    if (profile.organisation.sectors.includes('gaming') && isInForce(book, 'cn.minors-online-protection-regulations-2024', asOf)) {
      duties.push(
        explanation.obligation('minors_game_anti_addiction', say('engine.specialRules.obligation.antiAddiction.title'), say('engine.specialRules.obligation.antiAddiction.detail'), { instrument: 'cn.minors-online-protection-regulations-2024', article: '47' }),
        explanation.obligation('minors_spending_limits', say('engine.specialRules.obligation.spendingLimits.title'), say('engine.specialRules.obligation.spendingLimits.detail'), { instrument: 'cn.minors-online-protection-regulations-2024', article: '44' }),
      );
    }
  }
  return { applies: true, duties, ...explanation.result() };
}

export function assessCybersecurityReview(context: AssessContext): SpecialRulesDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const duties: Obligation[] = [];
  const listing = profile.organisation.listingPlanned;
  explanation.step(say('engine.specialRules.step.listing'), say('engine.specialRules.result.listing', { listing }), { facts: { listingPlanned: listing } });
  if (listing === 'none') return { applies: false, duties, ...explanation.result() };
  const threshold = explanation.parameterIfInForce<number>('review.listingAbroadUsersAbove');
  if (!threshold) return { applies: false, duties, ...explanation.result() };
  const users = Math.max(profile.organisation.individualsProcessed, ...profile.systems.map((system) => system.users.registered));
  if (listing === 'hong_kong') {
    explanation.step(say('engine.specialRules.step.hongKong'), say('engine.specialRules.result.hongKong'), { citation: threshold.citation });
    explanation.review(say('engine.specialRules.review.hongKong'));
    return { applies: false, duties, ...explanation.result() };
  }
  const above = users > threshold.value;
  explanation.step(say('engine.specialRules.step.users', { threshold: formatCount(threshold.value) }), say('engine.specialRules.result.users', { above: above ? 'yes' : 'no', users: formatCount(users) }), { citation: threshold.citation, facts: { individualsProcessed: profile.organisation.individualsProcessed } });
  if (above) {
    duties.push(explanation.obligation('listing_abroad_review', say('engine.specialRules.obligation.listingReview.title'), say('engine.specialRules.obligation.listingReview.detail', { threshold: formatCount(threshold.value) }), threshold.citation));
  }
  return { applies: above, duties, ...explanation.result() };
}

const VEHICLE_CATEGORIES = new Set(['vehicle_telematics', 'vehicle_location', 'ev_remote_service_platform', 'off_vehicle_video', 'cabin_audio_video']);

export function assessVehicleStandards(context: AssessContext): SpecialRulesDetermination {
  const { profile, book, asOf } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const duties: Obligation[] = [];
  const connected = profile.organisation.sectors.includes('automotive') && profile.systems.some((system) => system.dataCategories.some((category) => VEHICLE_CATEGORIES.has(category)));
  if (!connected) return { applies: false, duties, ...explanation.result() };
  explanation.step(say('engine.specialRules.step.vehicles'), say('engine.specialRules.result.vehicles'), { facts: { sectors: profile.organisation.sectors } });
  const cyber = isInForce(book, 'cn.std.gb-44495-2024', asOf);
  const update = isInForce(book, 'cn.std.gb-44496-2024', asOf);
  if (cyber) duties.push(explanation.obligation('gb_44495_vehicle_cybersecurity', say('engine.specialRules.obligation.gb44495.title'), say('engine.specialRules.obligation.gb44495.detail'), { instrument: 'cn.std.gb-44495-2024', article: null }, true));
  if (update) duties.push(explanation.obligation('gb_44496_software_update', say('engine.specialRules.obligation.gb44496.title'), say('engine.specialRules.obligation.gb44496.detail'), { instrument: 'cn.std.gb-44496-2024', article: null }));
  if (!cyber || !update) {
    explanation.step(say('engine.specialRules.step.vehicleStandards'), say('engine.specialRules.result.vehicleStandards', { effective: getInstrument(book, 'cn.std.gb-44496-2024').effective }), { citation: explanation.cite({ instrument: 'cn.std.gb-44496-2024', article: null }) });
  }
  return { applies: duties.length > 0, duties, ...explanation.result() };
}
