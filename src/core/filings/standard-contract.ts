// The standard-contract filing pack (个人信息出境标准合同备案): per counted transfer, the fields of
// the contract's Annex I (附录一, the description of the outbound transfer), the materials the
// provincial CAC asks for, and the filing deadline in PRC working days from the contract's
// effective date. Facts the profile does not hold are left for the consultant.
import type { Assessment, CitationOut } from '../assess/assessment-schema.ts';
import type { LawBook } from '../law/content-schema.ts';
import { cite, readParameterIfInForce } from '../law/law-book.ts';
import { addWorkingDays, type WorkingDayDeadline } from '../law/working-days.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import { notDraftable, type Filled } from './mlps-grading.ts';
import { findBy } from '../list-lookup.ts';

export interface AnnexOneTransfer {
  transfer: string;
  fromSystem: string | null;
  recipient: Filled<string>;
  purpose: Filled<string>;
  method: Filled<string>;
  scale: { nonSensitiveIndividuals: number; sensitiveIndividuals: number };
  categories: Filled<string[]>;
  sensitiveCategories: string[];
  onwardRecipients: Filled<string>;
  transferMethod: 'remote_access' | 'transmission';
  retention: Filled<string>;
  storageLocation: Filled<string>;
}

export interface StandardContractPack {
  kind: 'standard-contract';
  asOf: string;
  handler: { name: string; mainlandEntity: Profile['organisation']['mainlandEntity'] };
  transfers: AnnexOneTransfer[];
  materials: Array<{ id: string; needsLegalReview: boolean }>;
  filing: { workingDays: number; effective: string | null; deadline: WorkingDayDeadline | null; citation: CitationOut; needsLegalReview: boolean };
  basis: CitationOut[];
}

/** The pack, for every counted transfer or one; refuses when the route does not call for a standard contract. */
export function standardContractPack(book: LawBook, profile: Profile, assessment: Assessment, options: { transferId?: string; contractEffective?: string } = {}): StandardContractPack {
  const { cbdt } = assessment.organisation;
  if (cbdt.mechanism !== 'standard_contract_or_certification') {
    throw notDraftable([{ path: 'kind', message: `the transfer route as of ${assessment.asOf} is ${cbdt.mechanism.replaceAll('_', ' ')}; a standard-contract filing applies only where a standard contract or certification is the route` }]);
  }
  const filingDays = readParameterIfInForce<number>(book, 'cbdt.scc.filingWorkingDays', assessment.asOf);
  if (!filingDays) throw notDraftable([{ path: '--as-of', message: `the Standard Contract Measures were not in force on ${assessment.asOf}` }]);
  const counted = cbdt.transfers.filter((treatment) => treatment.treatment === 'counted' && (options.transferId == null || treatment.transfer === options.transferId));
  if (counted.length === 0) {
    throw notDraftable([{ path: '--transfer', message: options.transferId != null ? `no counted transfer "${options.transferId}"; counted: ${cbdt.transfers.filter((treatment) => treatment.treatment === 'counted').map((treatment) => treatment.transfer).join(', ') || 'none'}` : 'no transfer is counted towards the standard contract' }]);
  }
  const transfers = counted.map((treatment): AnnexOneTransfer => {
    const listed = findBy(profile.transfers, 'id', treatment.transfer);
    const system = findBy(profile.systems, 'id', treatment.fromSystem);
    const categories = system?.dataCategories ?? [];
    return {
      transfer: treatment.transfer,
      fromSystem: treatment.fromSystem,
      recipient: listed?.recipient ? { value: listed.recipient } : { toComplete: 'filing.todo.recipient' },
      purpose: { toComplete: 'filing.todo.transferPurpose' },
      method: { toComplete: 'filing.todo.processingMethod' },
      scale: { nonSensitiveIndividuals: treatment.nonSensitiveIndividuals, sensitiveIndividuals: treatment.sensitiveIndividuals },
      categories: categories.length > 0 ? { value: [...categories] } : { toComplete: 'filing.todo.categories' },
      sensitiveCategories: treatment.sensitiveIndividuals > 0 ? [...(system?.sensitivePersonalInformation ?? [])] : [],
      onwardRecipients: { toComplete: 'filing.todo.onwardRecipients' },
      transferMethod: listed?.remoteAccess ? 'remote_access' : 'transmission',
      retention: { toComplete: 'filing.todo.retention' },
      storageLocation: treatment.destination ? { value: treatment.destination } : { toComplete: 'filing.todo.storageLocation' },
    };
  });
  const deadline = options.contractEffective != null ? addWorkingDays(book, options.contractEffective, filingDays.value) : null;
  return {
    kind: 'standard-contract',
    asOf: assessment.asOf,
    handler: { name: profile.organisation.name, mainlandEntity: profile.organisation.mainlandEntity },
    transfers,
    // Materials as the fact base reports them from the filing guides and provincial notices (secondary).
    materials: [
      { id: 'contract', needsLegalReview: false },
      { id: 'pipia', needsLegalReview: false },
      { id: 'identity', needsLegalReview: true },
      { id: 'authorisation', needsLegalReview: true },
      { id: 'commitment', needsLegalReview: true },
    ],
    filing: { workingDays: filingDays.value, effective: options.contractEffective ?? null, deadline, citation: filingDays.citation, needsLegalReview: filingDays.needsLegalReview || (deadline != null && !deadline.withinKnownCalendar) },
    basis: [cite(book, assessment.asOf, { instrument: 'cn.cbdt.standard-contract-measures-2023', article: null }), cite(book, assessment.asOf, { instrument: 'cn.pipl', article: '38' })],
  };
}
