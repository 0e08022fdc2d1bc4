// The MLPS filing form (网络安全等级保护备案表) of one system, level 2 and above: the operating
// unit, the grading object, the grading result and, at level 3 and above, the materials that go
// with the form; and the deadline after grading. What the profile cannot say is left for the
// consultant.
import type { Assessment, CitationOut } from '../assess/assessment-schema.ts';
import type { Profile } from '../profile/normalise-profile.ts';
import { notDraftable, mlpsGradingReport, type Filled, type MlpsGradingReport } from './mlps-grading.ts';
import { findBy } from '../list-lookup.ts';

export interface MlpsFilingForm {
  kind: 'mlps-filing';
  asOf: string;
  unit: { name: Filled<string>; creditCode: Filled<string>; address: Filled<string>; responsible: Filled<string>; sectorsOrDepartment: string[] };
  grading: MlpsGradingReport;
  /** Materials filed with the form at level 3 and above. */
  materials: string[];
  deadline: { days: number; from: 'grading' | 'go_live'; goLive: string | null; citation: CitationOut };
}

export function mlpsFilingForm(profile: Profile, assessment: Assessment, systemId: string): MlpsFilingForm {
  const grading = mlpsGradingReport(profile, assessment, systemId);
  const system = findBy(assessment.systems, 'id', systemId)!;
  const filing = system.mlps.obligations.find((obligation) => obligation.id === 'psb_filing');
  if (grading.level < 2 || !filing || system.mlps.psbFilingDays == null) {
    throw notDraftable([{ path: '--system', message: `${system.name} is graded level ${grading.level}; only systems of level 2 and above are filed with the public security organ` }]);
  }
  const entity = profile.organisation.mainlandEntity;
  const todoEntity: Filled<string> = entity === 'established' ? { toComplete: 'filing.todo.operatorName', values: { organisation: profile.organisation.name } } : { toComplete: 'filing.todo.operatorMissing', values: { entity } };
  return {
    kind: 'mlps-filing',
    asOf: assessment.asOf,
    unit: { name: todoEntity, creditCode: { toComplete: 'filing.todo.creditCode' }, address: { toComplete: 'filing.todo.address' }, responsible: { toComplete: 'filing.todo.responsible' }, sectorsOrDepartment: [...profile.organisation.sectors] },
    grading,
    // As the filing duty lists them (MLPS Measures; fact base §3.3).
    materials: grading.level >= 3 ? ['topology', 'organisation', 'design', 'products', 'assessmentReport', 'expertReview'] : [],
    deadline: { days: system.mlps.psbFilingDays, from: system.jurisdiction.hosting === 'mainland' && profile.plan.goLive == null ? 'grading' : 'go_live', goLive: profile.plan.goLive, citation: filing.citation },
  };
}
