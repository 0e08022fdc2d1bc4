// A sector's rules plug into the engine through one interface: the rules it adds for the
// organisation and for each system, the data it marks important (which moves hosting to the
// mainland), and the escalation it raises on the transfer route. Adding a sector means a module
// here, its entry in registry.ts, its content and its tests; the determinations call the registry.
import type { CbdtDetermination, SectorRule } from '../assess/assessment-schema.ts';
import type { RegimeOutcome } from '../assess/assess-cbdt.ts';
import type { AssessContext, Explanation } from '../assess/explanation.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';

/** Important data a sector rule finds in a system: why, and the legal-review note it carries. */
export interface SectorImportantData {
  /** A noun phrase naming the data and the rule ("Automotive important data (...)"). */
  reason: string;
  /**
   * The legal-review reason recorded when mainland storage rests on it. Where it names the system,
   * it names it by the stand-in NAMED_SYSTEM (shared-answers.ts), so the hosting answer, which
   * carries it, is shared between systems with the same facts; each system's copy names the system.
   */
  review: string;
}

export interface Sector {
  /** The profile's `organisation.sectors` value. */
  readonly id: string;
  applies(profile: Profile): boolean;
  organisationRules(context: AssessContext): SectorRule[];
  systemRules(context: AssessContext, system: SystemProfile): SectorRule[];
  importantData(context: AssessContext, system: SystemProfile): SectorImportantData | null;
  /** An escalation of the transfer route the sector's rules raise, recorded on `explanation`. */
  transferEscalation(context: AssessContext, explanation: Explanation, outcome: RegimeOutcome): CbdtDetermination['sectorEscalation'];
}
