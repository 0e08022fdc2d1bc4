// The sectors the engine knows, and what the determinations ask of them together. Each question
// goes to every sector in order; the first that answers decides where only one answer fits.
import type { CbdtDetermination, SectorRule } from '../assess/assessment-schema.ts';
import type { RegimeOutcome } from '../assess/assess-cbdt.ts';
import type { AssessContext, Explanation } from '../assess/explanation.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import { automotive } from './automotive.ts';
import type { Sector, SectorImportantData } from './sector.ts';

export const SECTORS: readonly Sector[] = [automotive];

const applying = (context: AssessContext) => SECTORS.filter((sector) => sector.applies(context.profile));

export function sectorOrganisationRules(context: AssessContext): SectorRule[] {
  return applying(context).flatMap((sector) => sector.organisationRules(context));
}

export function sectorSystemRules(context: AssessContext, system: SystemProfile): SectorRule[] {
  return applying(context).flatMap((sector) => sector.systemRules(context, system));
}

export function sectorImportantData(context: AssessContext, system: SystemProfile): SectorImportantData | null {
  for (const sector of applying(context)) {
    const found = sector.importantData(context, system);
    if (found) return found;
  }
  return null;
}

export function sectorTransferEscalation(context: AssessContext, explanation: Explanation, outcome: RegimeOutcome): CbdtDetermination['sectorEscalation'] {
  for (const sector of applying(context)) {
    const escalation = sector.transferEscalation(context, explanation, outcome);
    if (escalation) return escalation;
  }
  return null;
}
