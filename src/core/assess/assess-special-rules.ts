// Rules that turn on one fact each: sensitive PI categories per system (PIPL Arts. 28-32, with
// GB/T 45574-2025 as the reference from 2025-11-01) and minors under 14 (guardian consent, Art. 31) and
// online games for minors; the cybersecurity review before listing abroad; the mandatory vehicle
// cybersecurity and software-update standards for new type approvals.
import { getInstrument, isInForce } from '../law/law-book.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { Obligation, SpecialRulesDetermination } from './assessment-schema.ts';
import { Explanation, formatCount, type AssessContext } from './explanation.ts';

const CATEGORY_WORDS: Record<string, string> = {
  biometric: 'biometric data',
  religious_belief: 'religious belief',
  specific_identity: 'specific identity',
  medical_health: 'medical and health data',
  financial_account: 'financial accounts',
  location_tracking: 'whereabouts and location tracks',
  minors_under_14: 'PI of minors under 14',
};

/** GB/T 45574-2025 clause with the special requirements for each category. */
const GBT_45574_CLAUSE: Record<string, string> = {
  biometric: '6.1', religious_belief: '6.2', specific_identity: '6.3', medical_health: '6.4', financial_account: '6.5', location_tracking: '6.6', minors_under_14: '6.7',
};

export function assessSensitivePi(context: AssessContext, system: SystemProfile): SpecialRulesDetermination {
  const { book, asOf, profile } = context;
  const explanation = new Explanation(context);
  const duties: Obligation[] = [];
  const categories = system.sensitivePersonalInformation;
  if (categories.length === 0 || !system.collectsMainlandPersonalInformation) {
    explanation.step('Does the system hold sensitive PI?', categories.length === 0 ? 'No categories given (systems[].sensitivePersonalInformation).' : 'It collects no mainland PI.');
    return { applies: false, duties, ...explanation.result() };
  }
  explanation.step('Which sensitive categories does the system hold?', categories.map((category) => CATEGORY_WORDS[category] ?? category).join(', ') + '.', {
    citation: explanation.cite({ instrument: 'cn.pipl', article: '28' }),
    facts: { sensitivePersonalInformation: categories },
  });
  duties.push(
    explanation.obligation('sensitive_separate_consent', 'Separate consent for sensitive PI', 'Process sensitive PI only for a specific purpose with sufficient necessity and strict protection, and with the individual\'s separate consent (written where the law requires).', { instrument: 'cn.pipl', article: '29' }),
    explanation.obligation('sensitive_notice', 'Notice of necessity and impact', 'Tell the individual why the sensitive PI is necessary and how its processing affects their rights.', { instrument: 'cn.pipl', article: '30' }),
    explanation.obligation('sensitive_pipia', 'PIPIA before processing sensitive PI', 'Assess the impact on PI protection beforehand and keep the report and the processing records for at least three years.', { instrument: 'cn.pipl', article: '55' }),
  );
  if (isInForce(book, 'cn.std.gbt-45574-2025', asOf)) {
    duties.push(explanation.obligation('gbt_45574_reference', 'Security requirements per category (GB/T 45574-2025)', `Identify sensitive PI against the standard's category list and apply its general requirements and the special ones for ${categories.map((category) => `${CATEGORY_WORDS[category] ?? category} (clause ${GBT_45574_CLAUSE[category] ?? '6.8'})`).join(', ')}; a recommended standard, the reference regulators and assessors use.`, { instrument: 'cn.std.gbt-45574-2025', article: categories.map((category) => GBT_45574_CLAUSE[category] ?? '6.8').join(', ') }));
  } else {
    explanation.step('Reference standard', `GB/T 45574-2025 on sensitive PI takes effect on ${getInstrument(book, 'cn.std.gbt-45574-2025').effective}.`, { citation: explanation.cite({ instrument: 'cn.std.gbt-45574-2025', article: null }) });
  }
  if (categories.includes('minors_under_14')) {
    duties.push(
      explanation.obligation('guardian_consent', 'Guardian consent for children under 14', 'Obtain the consent of a parent or other guardian before processing the PI of a minor under 14, and adopt dedicated rules for processing it.', { instrument: 'cn.pipl', article: '31' }),
    );
    if (profile.organisation.sectors.includes('gaming') && isInForce(book, 'cn.minors-online-protection-regulations-2024', asOf)) {
      duties.push(
        explanation.obligation('minors_game_anti_addiction', 'Online games: anti-addiction rules and age prompts', 'Set game rules that prevent minors\' addiction, keep them from content and functions that may harm them, and give age-appropriate prompts after assessing the game\'s type, content and functions.', { instrument: 'cn.minors-online-protection-regulations-2024', article: '47' }),
        explanation.obligation('minors_spending_limits', 'Spending limits for minors', 'Limit minors\' single and daily spending by age and offer them no paid services beyond their civil capacity.', { instrument: 'cn.minors-online-protection-regulations-2024', article: '44' }),
      );
    }
  }
  return { applies: true, duties, ...explanation.result() };
}

export function assessCybersecurityReview(context: AssessContext): SpecialRulesDetermination {
  const { profile } = context;
  const explanation = new Explanation(context);
  const duties: Obligation[] = [];
  const listing = profile.organisation.listingPlanned;
  explanation.step('Does the firm plan a listing?', listing === 'none' ? 'No (organisation.listingPlanned).' : listing === 'abroad' ? 'Yes, abroad.' : 'Yes, in Hong Kong.', { facts: { listingPlanned: listing } });
  if (listing === 'none') return { applies: false, duties, ...explanation.result() };
  const threshold = explanation.parameterIfInForce<number>('review.listingAbroadUsersAbove');
  if (!threshold) return { applies: false, duties, ...explanation.result() };
  const users = Math.max(profile.organisation.individualsProcessed, ...profile.systems.map((system) => system.users.registered));
  if (listing === 'hong_kong') {
    explanation.step('Listing in Hong Kong', 'Not a listing abroad (国外上市) under the Cybersecurity Review Measures: no automatic review, but data processing that affects or may affect national security can still be reviewed.', { citation: threshold.citation });
    explanation.review('A Hong Kong listing is not an automatic cybersecurity-review trigger; whether the firm\'s data processing may affect national security (and so calls for a review) needs legal review.');
    return { applies: false, duties, ...explanation.result() };
  }
  const above = users > threshold.value;
  explanation.step(`Does it hold the PI of more than ${formatCount(threshold.value)} users?`, above ? `Yes (${formatCount(users)}).` : `No (${formatCount(users)}).`, { citation: threshold.citation, facts: { individualsProcessed: profile.organisation.individualsProcessed } });
  if (above) {
    duties.push(explanation.obligation('listing_abroad_review', 'Cybersecurity review before listing abroad', `A network platform operator holding the PI of more than ${formatCount(threshold.value)} users applies to the Cybersecurity Review Office for a review before listing abroad, with the listing materials and a national-security risk analysis.`, threshold.citation));
  }
  return { applies: above, duties, ...explanation.result() };
}

const VEHICLE_CATEGORIES = new Set(['vehicle_telematics', 'vehicle_location', 'ev_remote_service_platform', 'off_vehicle_video', 'cabin_audio_video']);

export function assessVehicleStandards(context: AssessContext): SpecialRulesDetermination {
  const { profile, book, asOf } = context;
  const explanation = new Explanation(context);
  const duties: Obligation[] = [];
  const connected = profile.organisation.sectors.includes('automotive') && profile.systems.some((system) => system.dataCategories.some((category) => VEHICLE_CATEGORIES.has(category)));
  if (!connected) return { applies: false, duties, ...explanation.result() };
  explanation.step('Does the firm bring connected vehicles to the mainland?', 'Automotive sector with vehicle data systems: the mandatory vehicle standards apply to the vehicles it has type-approved.', { facts: { sectors: profile.organisation.sectors } });
  const cyber = isInForce(book, 'cn.std.gb-44495-2024', asOf);
  const update = isInForce(book, 'cn.std.gb-44496-2024', asOf);
  if (cyber) duties.push(explanation.obligation('gb_44495_vehicle_cybersecurity', 'Vehicle cybersecurity (GB 44495-2024)', 'New vehicle type approvals meet the mandatory vehicle cybersecurity standard: a cybersecurity management system and requirements for external connections, communications, software updates and data security. Types approved before reportedly have until 2028-01-01.', { instrument: 'cn.std.gb-44495-2024', article: null }, true));
  if (update) duties.push(explanation.obligation('gb_44496_software_update', 'Software updates and OTA (GB 44496-2024)', 'New vehicle type approvals meet the mandatory software-update standard: a software update management system, update records kept at least 10 years, user notice, version identification, package integrity and rollback. Vehicles approved before have until 2028-01-01.', { instrument: 'cn.std.gb-44496-2024', article: null }));
  if (!cyber || !update) {
    explanation.step('Vehicle standards', `GB 44495-2024 and GB 44496-2024 apply to new type approvals from ${getInstrument(book, 'cn.std.gb-44496-2024').effective}.`, { citation: explanation.cite({ instrument: 'cn.std.gb-44496-2024', article: null }) });
  }
  return { applies: duties.length > 0, duties, ...explanation.result() };
}
