// The personal information protection impact assessment (个人信息保护影响评估) report of one
// handler: the cases of PIPL Art. 55 that call for it, the matters of Art. 56 (lawfulness and
// necessity; impact and risks; whether the measures fit the risk), and for outbound transfers a
// section per transfer on the recipient, its country's protection environment and its duties. The
// profile supplies the facts it holds; judgement and the recipient's details stay for the
// consultant.
import type { Assessment, CitationOut } from '../assess/assessment-schema.ts';
import type { LawBook } from '../law/content-schema.ts';
import { cite, readParameter } from '../law/law-book.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { Filled } from './mlps-grading.ts';
import { findBy } from '../list-lookup.ts';

export const PIPIA_CASES = ['sensitive', 'automated_decisions', 'entrusting_providing_publishing', 'outbound', 'major_impact'] as const;
export type PipiaCase = (typeof PIPIA_CASES)[number];

export interface PipiaTransferSection {
  transfer: string;
  fromSystem: string | null;
  recipient: Filled<string>;
  destination: string | null;
  scale: { nonSensitiveIndividuals: number; sensitiveIndividuals: number };
  categories: string[];
  sensitiveCategories: string[];
  remoteAccess: boolean;
  treatment: string;
  /** Risk factors the profile shows, for the consultant to weigh. */
  riskFactors: Array<'sensitive' | 'large_scale' | 'remote_access' | 'minors'>;
}

export interface PipiaReport {
  kind: 'pipia';
  asOf: string;
  handler: string;
  cases: Array<{ id: PipiaCase; applies: 'yes' | 'no' | 'to_confirm' }>;
  systems: Array<{ id: string; name: string; sensitive: string[]; registered: number }>;
  transfers: PipiaTransferSection[];
  cryptography: string[];
  retentionYears: number;
  basis: CitationOut[];
}

export function pipiaReport(book: LawBook, profile: Profile, assessment: Assessment): PipiaReport {
  const asOf = assessment.asOf;
  const { cbdt } = assessment.organisation;
  const sensitiveSystems = profile.systems.filter((system) => system.sensitivePersonalInformation.length > 0);
  const outbound = cbdt.transfers.filter((treatment) => treatment.treatment !== 'out_of_scope');
  const largeScale = readParameter<number>(book, 'cbdt.contract.nonSensitiveAtLeast', asOf).value;
  return {
    kind: 'pipia',
    asOf,
    handler: profile.organisation.name,
    cases: [
      { id: 'sensitive', applies: sensitiveSystems.length > 0 ? 'yes' : 'no' },
      { id: 'automated_decisions', applies: 'to_confirm' },
      { id: 'entrusting_providing_publishing', applies: 'to_confirm' },
      { id: 'outbound', applies: outbound.length > 0 ? 'yes' : 'no' },
      { id: 'major_impact', applies: 'to_confirm' },
    ],
    systems: profile.systems.filter((system) => system.collectsMainlandPersonalInformation).map((system) => ({ id: system.id, name: system.name, sensitive: [...system.sensitivePersonalInformation], registered: system.users.registered })),
    transfers: outbound.map((treatment) => {
      const listed = findBy(profile.transfers, 'id', treatment.transfer);
      const system = findBy(profile.systems, 'id', treatment.fromSystem);
      const sensitiveCategories = treatment.sensitiveIndividuals > 0 ? [...(system?.sensitivePersonalInformation ?? [])] : [];
      const riskFactors: PipiaTransferSection['riskFactors'] = [];
      if (treatment.sensitiveIndividuals > 0) riskFactors.push('sensitive');
      if (treatment.nonSensitiveIndividuals + treatment.sensitiveIndividuals >= largeScale) riskFactors.push('large_scale');
      if (listed?.remoteAccess) riskFactors.push('remote_access');
      if (sensitiveCategories.includes('minors_under_14')) riskFactors.push('minors');
      return {
        transfer: treatment.transfer,
        fromSystem: treatment.fromSystem,
        recipient: listed?.recipient ? { value: listed.recipient } : { toComplete: 'filing.todo.recipient' },
        destination: treatment.destination,
        scale: { nonSensitiveIndividuals: treatment.nonSensitiveIndividuals, sensitiveIndividuals: treatment.sensitiveIndividuals },
        categories: [...(system?.dataCategories ?? [])],
        sensitiveCategories,
        remoteAccess: listed?.remoteAccess ?? false,
        treatment: treatment.treatment,
        riskFactors,
      };
    }),
    cryptography: [...profile.controls.practices.cryptography],
    retentionYears: readParameter<number>(book, 'cbdt.pipia.retentionYears', asOf).value,
    basis: [cite(book, asOf, { instrument: 'cn.pipl', article: '55' }), cite(book, asOf, { instrument: 'cn.pipl', article: '56' }), ...(outbound.length > 0 ? [cite(book, asOf, { instrument: 'cn.pipl', article: '38' })] : [])],
  };
}
