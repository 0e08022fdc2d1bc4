// The incident clock's API bodies, shared by the routes (which validate and document them) and
// the workbench (which takes their types). The facts are the core's own schema.
import { z } from '@hono/zod-openapi';
import { citationSchema } from '../core/assess/assessment-schema.ts';
import { INCIDENT_GRADES, OPERATOR_TYPES } from '../core/incident/incident-clock.ts';
import { INCIDENT_STATUSES, RECORDABLE_DUTIES, incidentFactsSchema, incidentTitleSchema, instantText } from '../core/incident/incident-record.ts';
import { incidentEventSchema } from '../store/incident-store.ts';

const version = z.number().int().positive().describe('The incident\'s version as last read; a stale one is refused with 409.');
const plainText = (max: number) => z.string().max(max);

export const incidentParam = z.object({ id: z.string().uuid(), incidentId: z.string().uuid() });

export const createIncidentSchema = z.object({ title: incidentTitleSchema, facts: incidentFactsSchema }).strict().openapi('CreateIncident');
export const updateIncidentSchema = z.object({ title: incidentTitleSchema.optional(), facts: incidentFactsSchema, version }).strict().openapi('UpdateIncidentFacts');
export const previewIncidentSchema = z.object({ facts: incidentFactsSchema }).strict().openapi('PreviewIncident');
export const recordReportSchema = z
  .object({
    duty: z.enum(RECORDABLE_DUTIES).describe('The duty performed: the initial report, the summary report, or the notice to the people affected.'),
    madeAt: instantText.describe('When it was made; without an offset, Beijing time. Not before the discovery, not in the future.'),
    to: plainText(300).optional().describe('Whom it was made to; default the recipient the clock names.'),
    reference: plainText(200).optional().describe('The authority\'s reference or receipt number, if any.'),
    note: plainText(2000).optional(),
    version: version.optional(),
  })
  .strict()
  .openapi('RecordReport');
export const closeIncidentSchema = z.object({ note: plainText(2000).optional(), version: version.optional() }).strict().openapi('CloseIncident');
export const reportQuerySchema = z.object({
  lang: z.enum(['en', 'zh-CN']).default('en').describe('The language of the prefilled report.'),
  format: z.enum(['md', 'docx']).default('md'),
});

const actorSchema = z.object({ email: z.string(), name: z.string() }).nullable();
export const deadlineSchema = z
  .object({
    duty: z.enum(['initial_report', 'summary_report', 'notify_affected', 'escalation']),
    to: z.string(),
    detail: z.string(),
    dueBy: z.string().nullable().describe('Beijing time (Asia/Shanghai), YYYY-MM-DD HH:mm; null when no time limit applies or its start is not known yet.'),
    dueAt: z.string().nullable().describe('The same instant in UTC (ISO 8601), for a countdown.'),
    remainingSeconds: z.number().int().nullable().describe('From the server\'s clock at `clock.now` to the deadline; negative once it has passed.'),
    overdue: z.boolean().describe('The deadline has passed and the duty is not recorded as made.'),
    recordable: z.boolean().describe('The reporting unit performs it (and so records it as made); escalation is the authority\'s.'),
    made: z
      .object({ madeAt: z.string(), madeAtBeijing: z.string(), to: z.string(), reference: z.string().nullable(), note: z.string().nullable(), by: actorSchema, late: z.boolean() })
      .nullable()
      .describe('Recorded as made: when, to whom, and whether after the deadline.'),
    citation: citationSchema,
    needsLegalReview: z.boolean(),
  })
  .openapi('IncidentDeadline');
export const incidentGradeSchema = z
  .object({
    discoveredAt: z.string().describe('Beijing time, YYYY-MM-DD HH:mm.'),
    operatorType: z.enum(OPERATOR_TYPES),
    grade: z.enum(INCIDENT_GRADES),
    gradeReasons: z.array(z.string()),
    notEvaluated: z.array(z.string()).describe('Criteria of the grading guide the facts were not checked against: a person checks them.'),
    reportable: z.boolean(),
    needsLegalReview: z.boolean(),
    legalReviewReasons: z.array(z.string()),
  })
  .openapi('IncidentGrade');
export const clockSchema = z.object({
  now: z.string().describe('The server\'s clock when the answer was made (UTC, ISO 8601).'),
  nowBeijing: z.string().describe('The same, in Beijing time.'),
  timeZone: z.literal('Asia/Shanghai'),
});
const gradedShape = { system: z.object({ id: z.string(), name: z.string() }).nullable(), assessment: incidentGradeSchema, clock: clockSchema, deadlines: z.array(deadlineSchema) };
export const incidentPreviewSchema = z.object(gradedShape).openapi('IncidentPreview');
export const incidentSchema = z
  .object({
    ...gradedShape,
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    facts: incidentFactsSchema,
  })
  .openapi('Incident');
export const incidentSummarySchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    version: z.number().int(),
    discoveredAt: z.string().describe('Beijing time.'),
    grade: z.enum(INCIDENT_GRADES),
    reportable: z.boolean(),
    next: deadlineSchema.nullable().describe('The earliest timed duty not yet recorded as made; null when none remains.'),
    updatedAt: z.string(),
  })
  .openapi('IncidentSummary');
export const incidentListSchema = z.object({ incidents: z.array(incidentSummarySchema), clock: clockSchema }).openapi('Incidents');
export const incidentEventsSchema = z.object({ events: z.array(incidentEventSchema) }).openapi('IncidentEvents');
