// The facts of a stored incident, as the workbench and the API take them: what the incident clock
// grades on (incident-clock.ts), and what the initial report says besides (the system, the data
// classes affected, a service disruption outside CII, a description). One zod schema is the API's
// body, the store's row check and the form's types. Data classes are the categories of the Data
// Security Law (Art. 21: core and important data) and the PIPL (Arts. 4 and 28: personal and
// sensitive personal information); they are recorded for the report, not graded on.
import { z } from 'zod';
import { OPERATOR_TYPES, type IncidentFacts, type OperatorType, type ReportDuty } from './incident-clock.ts';

export const INCIDENT_STATUSES = ['open', 'reported', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const DATA_CLASSES = ['personal_information', 'sensitive_personal_information', 'important_data', 'core_data', 'business_data'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];
/** The duties a reporting unit performs itself, and so can record as made (escalation is the CAC's). */
export const RECORDABLE_DUTIES = ['initial_report', 'summary_report', 'notify_affected'] as const satisfies ReadonlyArray<ReportDuty['id']>;
export type RecordableDuty = (typeof RECORDABLE_DUTIES)[number];

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
/** An ISO date-time; without an offset it is Beijing time (as the incident clock reads it). */
export const instantText = z
  .string()
  .max(40)
  .regex(INSTANT, 'expected a date and time such as 2026-12-01T09:30 (Beijing time) or 2026-12-01T01:30Z')
  .refine((text) => !Number.isNaN(Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}+08:00`)), 'not a real date and time');

/** An instant from instantText (Beijing time without an offset). */
export function instantOf(text: string): number {
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}+08:00`);
}

const amount = z.number().finite().min(0, 'expected zero or more').max(1e15);

export const incidentFactsSchema = z
  .object({
    discoveredAt: instantText.describe('When the incident was discovered or learned of; without an offset, Beijing time.'),
    operatorType: z.enum(OPERATOR_TYPES).optional().describe('Who operates the system; default cii_operator for a notified CII operator, else other.'),
    systemId: z.string().max(100).nullable().default(null).describe('The system affected: a system id of the engagement\'s profile, or null.'),
    description: z.string().max(5000).default('').describe('What happened, in the consultant\'s words (kept as plain text).'),
    dataClasses: z.array(z.enum(DATA_CLASSES)).max(DATA_CLASSES.length).default([]).refine((classes) => new Set(classes).size === classes.length, 'each data class once'),
    piLeakedIndividuals: z.number().int('expected a whole number').min(0, 'expected zero or more').max(2_000_000_000).default(0).describe('Citizens whose personal information leaked, or may have.'),
    ciiInvolved: z.boolean().default(false).describe('The incident involves critical information infrastructure.'),
    ciiOverallOutageHours: amount.optional().describe('Hours the CII\'s overall operation was interrupted (only with ciiInvolved).'),
    ciiMainFunctionOutageHours: amount.optional().describe('Hours the CII\'s main functions were interrupted (only with ciiInvolved).'),
    serviceDisruptionHours: amount.optional().describe('Hours another network or system was disrupted: recorded for the report; the grading limb is not in the content.'),
    directLossRmb: amount.optional().describe('Direct economic loss in RMB.'),
    handlingEndedAt: instantText.optional().describe('When handling ended, if it has: the summary report is due within 30 days of it.'),
  })
  .strict()
  .superRefine((facts, context) => {
    for (const key of ['ciiOverallOutageHours', 'ciiMainFunctionOutageHours'] as const) {
      if (facts[key] != null && !facts.ciiInvolved) context.addIssue({ code: 'custom', path: [key], message: 'a CII interruption needs ciiInvolved: true' });
    }
    if (facts.handlingEndedAt != null && instantOf(facts.handlingEndedAt) < instantOf(facts.discoveredAt)) {
      context.addIssue({ code: 'custom', path: ['handlingEndedAt'], message: 'handling cannot end before the incident was discovered' });
    }
  });
export type IncidentRecordFacts = z.output<typeof incidentFactsSchema>;
export type IncidentFactsInput = z.input<typeof incidentFactsSchema>;

export const incidentTitleSchema = z.string().trim().min(1, 'give the incident a short title').max(200).refine((text) => !/[\r\n]/.test(text), 'one line, without line breaks');

/**
 * What the incident clock takes from the recorded facts. `defaultOperator` applies when the facts
 * name no operator type: the affected system's, as the engagement's assessment determined it.
 */
export function clockFacts(facts: IncidentRecordFacts, defaultOperator: OperatorType): IncidentFacts {
  return {
    discoveredAt: facts.discoveredAt,
    operatorType: facts.operatorType ?? defaultOperator,
    piLeakedIndividuals: facts.piLeakedIndividuals,
    ciiOverallOutageHours: facts.ciiInvolved ? facts.ciiOverallOutageHours : undefined,
    ciiMainFunctionOutageHours: facts.ciiInvolved ? facts.ciiMainFunctionOutageHours : undefined,
    directLossRmb: facts.directLossRmb,
    handlingEndedAt: facts.handlingEndedAt,
  };
}
