// Which filing packs an engagement can be given, and drafting one: the one choice the CLI
// (`landfall filing`) and the API (`/api/engagements/:id/filings`) share. A kind applies exactly when
// its model can be drafted from the profile and the assessment: the models themselves refuse what
// does not apply (a route that is not a security assessment, a level 1 system), so the list and the
// drafting cannot disagree.
import type { Assessment } from '../assess/assessment-schema.ts';
import type { LawBook } from '../law/content-schema.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import { mlpsFilingForm, type MlpsFilingForm } from './mlps-filing.ts';
import { isLandfallError } from '../errors.ts';
import { notDraftable, mlpsGradingReport, type MlpsGradingReport } from './mlps-grading.ts';
import { pipiaReport, type PipiaReport } from './pipia.ts';
import { securityAssessmentPack, type SecurityAssessmentPack } from './security-assessment.ts';
import { standardContractPack, type StandardContractPack } from './standard-contract.ts';

export const FILING_KINDS = ['pipia', 'standard-contract', 'security-assessment', 'mlps-grading', 'mlps-filing'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export type FilingModel = PipiaReport | StandardContractPack | SecurityAssessmentPack | MlpsGradingReport | MlpsFilingForm;

/** Kinds drafted for one system, which must be named when the profile has more than one. */
const PER_SYSTEM: ReadonlySet<FilingKind> = new Set(['mlps-grading', 'mlps-filing']);

export interface FilingRequest {
  kind: FilingKind;
  /** mlps-grading, mlps-filing: the system; may be left out when the profile has one. */
  systemId?: string | undefined;
  /** standard-contract: only this transfer; default every counted transfer. */
  transferId?: string | undefined;
  /** standard-contract: the contract's effective date, from which the filing deadline is counted. */
  contractEffective?: string | undefined;
}

/** A filing pack that can be drafted: for which systems (per-system kinds) and which transfers it can be narrowed to. */
export interface ApplicableFiling {
  kind: FilingKind;
  /** The systems it can be drafted for; null when it is drafted for the whole handler. */
  systems: Array<{ id: string; name: string }> | null;
  /** The transfers it can be narrowed to (standard-contract); null when it covers them all in one. */
  transfers: string[] | null;
}

/**
 * The model of one filing pack; throws filing_not_applicable (problems with the CLI's option paths:
 * `kind`, `--system`, `--transfer`, `--as-of`) when it does not apply or a system is unknown or missing.
 */
export function draftFiling(book: LawBook, profile: Profile, assessment: Assessment, request: FilingRequest): FilingModel {
  const systemId = () => {
    const id = request.systemId ?? (profile.systems.length === 1 ? profile.systems[0]!.id : undefined);
    if (id == null) throw notDraftable([{ path: '--system', message: `the profile has ${profile.systems.length} systems; name one: ${profile.systems.map((system) => system.id).join(', ') || 'none'}` }]);
    return id;
  };
  switch (request.kind) {
    case 'pipia': return pipiaReport(book, profile, assessment);
    case 'security-assessment': return securityAssessmentPack(book, profile, assessment);
    case 'standard-contract': return standardContractPack(book, profile, assessment, { transferId: request.transferId, contractEffective: request.contractEffective });
    case 'mlps-filing': return mlpsFilingForm(profile, assessment, systemId());
    case 'mlps-grading': return mlpsGradingReport(profile, assessment, systemId());
  }
}

/** The model, or null when the pack does not apply (any other error is a bug and is thrown). */
function tryDraft(book: LawBook, profile: Profile, assessment: Assessment, request: FilingRequest): FilingModel | null {
  try {
    return draftFiling(book, profile, assessment, request);
  } catch (error) {
    if (isLandfallError(error, 'filing_not_applicable')) return null;
    throw error;
  }
}

/** Every filing pack that applies to the profile as assessed, in the order of FILING_KINDS. */
export function applicableFilings(book: LawBook, profile: Profile, assessment: Assessment): ApplicableFiling[] {
  const out: ApplicableFiling[] = [];
  for (const kind of FILING_KINDS) {
    if (PER_SYSTEM.has(kind)) {
      const systems = profile.systems.filter((system) => tryDraft(book, profile, assessment, { kind, systemId: system.id }) != null).map((system) => ({ id: system.id, name: system.name }));
      if (systems.length > 0) out.push({ kind, systems, transfers: null });
      continue;
    }
    const model = tryDraft(book, profile, assessment, { kind });
    if (model == null) continue;
    out.push({ kind, systems: null, transfers: model.kind === 'standard-contract' ? model.transfers.map((transfer) => transfer.transfer) : null });
  }
  return out;
}

export const isPerSystemFiling = (kind: FilingKind): boolean => PER_SYSTEM.has(kind);
