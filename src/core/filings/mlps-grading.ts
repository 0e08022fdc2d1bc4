// The MLPS grading report (定级报告) of one system, as a model: the grading object, the two
// sub-grades of GB/T 22240-2020 (business information and system service: the object harmed and
// the degree of harm), the final level, and review and filing. Values the profile holds are
// filled; what it cannot say (network structure, the responsible person, a filing entity that does
// not exist yet) is left for the consultant, never invented. Renderers put it into words.
import type { Assessment, CitationOut } from '../assess/assessment-schema.ts';
import { LandfallError } from '../errors.ts';
import type { Problem, Profile } from '../profile/normalise-profile.ts';
import type { ImpactDegree, ImpactObject } from '../profile/profile-schema.ts';
import { findBy } from '../list-lookup.ts';

/** A value from the profile or the assessment, or a gap the consultant fills (a message id saying what goes there). */
export type Filled<T> = { value: T } | { toComplete: string; values?: Record<string, string> };

export interface SubGrade {
  object: ImpactObject;
  degree: ImpactDegree;
  level: number;
}

export interface MlpsGradingReport {
  kind: 'mlps-grading';
  asOf: string;
  system: { id: string; name: string };
  operator: Filled<string>;
  purpose: Filled<string>;
  users: { audience: string; registered: number; monthlyActive: number };
  channels: string[];
  hosting: { location: string; cloud: boolean };
  data: { sensitive: string[]; important: string };
  topology: Filled<string>;
  responsible: Filled<string>;
  businessInformation: SubGrade;
  systemService: SubGrade;
  level: number;
  expertReview: boolean;
  psbFilingDays: number | null;
  basis: CitationOut[];
  legalReviewReasons: string[];
}

/** A pack that cannot be drafted as asked: filing_not_applicable, the problems with the CLI's option paths. */
export const notDraftable = (problems: Problem[]): LandfallError =>
  new LandfallError('filing_not_applicable', 'This filing pack cannot be drafted as asked.', { problems });

export function mlpsGradingReport(profile: Profile, assessment: Assessment, systemId: string): MlpsGradingReport {
  // The assessment lists the systems in the profile's order, under the same (unique) ids.
  const system = findBy(profile.systems, 'id', systemId);
  const graded = findBy(assessment.systems, 'id', systemId);
  if (!system || !graded) throw notDraftable([{ path: '--system', message: `no system "${systemId}"; systems: ${profile.systems.map((candidate) => candidate.id).join(', ') || 'none'}` }]);
  const { mlps } = graded;
  const entity = profile.organisation.mainlandEntity;
  return {
    kind: 'mlps-grading',
    asOf: assessment.asOf,
    system: { id: system.id, name: system.name },
    operator: entity === 'established' ? { toComplete: 'filing.todo.operatorName', values: { organisation: profile.organisation.name } } : { toComplete: 'filing.todo.operatorMissing', values: { entity } },
    purpose: { toComplete: 'filing.todo.purpose' },
    users: { audience: system.audience, registered: system.users.registered, monthlyActive: system.users.monthlyActive },
    channels: [...system.channels],
    hosting: { location: system.hosting, cloud: system.cloudHosted },
    data: { sensitive: [...system.sensitivePersonalInformation], important: system.importantData },
    topology: { toComplete: 'filing.todo.topology' },
    responsible: { toComplete: 'filing.todo.responsible' },
    businessInformation: { ...system.impact.businessInformation, level: mlps.businessInformationLevel },
    systemService: { ...system.impact.systemService, level: mlps.systemServiceLevel },
    level: mlps.level,
    expertReview: mlps.expertReview,
    psbFilingDays: mlps.psbFilingDays,
    basis: mlps.citations.filter((citation) => citation.instrument === 'cn.std.gbt-22240-2020' || citation.instrument === 'cn.mlps-measures-2007'),
    legalReviewReasons: [...mlps.legalReviewReasons],
  };
}
