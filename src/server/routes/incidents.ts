// The incident clock of an engagement: incidents stored with their facts and event log, each read
// with its current grade, who must be told and the deadlines with the time left on the server's
// clock (Beijing time beside UTC), a preview that grades facts without storing them, recording a
// report as made, closing, the event history and the prefilled initial report (Markdown, DOCX;
// en, zh-CN). Viewers read; editors and owners write; every route checks the caller's role on
// the engagement, and an incident is only found through its own engagement.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Assessment } from '../../core/assess/assessment-schema.ts';
import type { Say } from '../../core/assess/explanation.ts';
import { isLandfallError } from '../../core/errors.ts';
import { invalidFacts, assessIncident, beijingTime, type IncidentAssessment, type OperatorType } from '../../core/incident/incident-clock.ts';
import { RECORDABLE_DUTIES, clockFacts, instantOf, type IncidentRecordFacts, type RecordableDuty } from '../../core/incident/incident-record.ts';
import type { LawBook } from '../../core/law/content-schema.ts';
import { engagementSlug } from '../../render/annex-parts.ts';
import { LOCALES, engineText } from '../../i18n/messages.ts';
import { renderIncidentMarkdown, type IncidentReportInput } from '../../render/render-incident-report.ts';
import type { ReportMade, StoredIncident } from '../../store/incident-store.ts';
import { errorSchema, idParam } from '../api-schemas.ts';
import type { RouteKit } from './access.ts';
import type { Env } from '../app.ts';
import {
  closeIncidentSchema, createIncidentSchema, incidentEventsSchema, incidentListSchema, incidentParam, incidentPreviewSchema, incidentSchema, previewIncidentSchema, recordReportSchema,
  reportQuerySchema, updateIncidentSchema,
} from '../incident-schemas.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const loadIncidentDocx = () => import('../../render/render-incident-docx.ts');
const bytes = (data: Uint8Array) => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
/** A report recorded a little ahead of the server's clock is the caller's clock running fast, not a report from the future. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;
/** The language of the grade's reasons, the duties and the review reasons in the JSON; English unless asked. */
const langQuery = z.object({ lang: z.enum(LOCALES).default('en').describe('The language of the grade reasons, the criteria not evaluated, the duties and the review reasons: en (default) or zh-CN.') });

export interface IncidentDeps {
  lawBook: LawBook;
  /** The server's clock (milliseconds since the epoch); injected so tests can pin it. */
  now: () => number;
}

type Made = ReportMade & { at: string; by: { email: string; name: string } | null };

/** The grade and duties of facts on the engagement's newest assessment (the system, the operator type). */
/** `say` is the language the duties and reasons are written in: the JSON's (?lang=, English by default), the report's own for a download. */
function grade(book: LawBook, assessment: Assessment, facts: IncidentRecordFacts, prefix: string, say: Say = engineText()): { incident: IncidentAssessment; system: { id: string; name: string } | null; input: Omit<IncidentReportInput, 'title'> } {
  const system = facts.systemId == null ? null : assessment.systems.find((candidate) => candidate.id === facts.systemId);
  if (facts.systemId != null && !system) {
    throw invalidFacts([{ path: `${prefix}systemId`, message: `no system "${facts.systemId}" in this engagement; systems: ${assessment.systems.map((candidate) => candidate.id).join(', ') || 'none'}` }]);
  }
  const fallback: OperatorType = system?.incidentReporting?.operatorType ?? (assessment.organisation.cii.status === 'notified' ? 'cii_operator' : 'other');
  const clock = clockFacts(facts, fallback);
  let incident: IncidentAssessment;
  try {
    incident = assessIncident(book, clock, say);
  } catch (error) {
    if (isLandfallError(error, 'invalid_facts')) throw invalidFacts((error.problems ?? []).map((problem) => ({ ...problem, path: `${prefix}${problem.path}` })));
    throw error;
  }
  return {
    incident, system: system ? { id: system.id, name: system.name } : null,
    input: { organisation: assessment.profile.organisation, systemName: system?.name ?? null, incident, facts: clock, description: facts.description, dataClasses: facts.dataClasses, serviceDisruptionHours: facts.serviceDisruptionHours },
  };
}

function clockOf(now: number) {
  return { now: new Date(now).toISOString(), nowBeijing: beijingTime(now), timeZone: 'Asia/Shanghai' as const };
}

function deadlines(incident: IncidentAssessment, now: number, made: readonly Made[]) {
  return incident.duties.map((duty) => {
    const due = duty.dueAt == null ? null : Date.parse(duty.dueAt);
    const record = made.find((report) => report.duty === duty.id);
    const madeAt = record ? Date.parse(record.madeAt) : null;
    return {
      duty: duty.id, to: duty.to, detail: duty.detail, dueBy: duty.dueBy, dueAt: duty.dueAt,
      remainingSeconds: due == null ? null : Math.floor((due - now) / 1000),
      overdue: due != null && !record && now > due,
      recordable: (RECORDABLE_DUTIES as readonly string[]).includes(duty.id),
      made: record ? { madeAt: record.madeAt, madeAtBeijing: beijingTime(madeAt!), to: record.to, reference: record.reference, note: record.note, by: record.by, late: due != null && madeAt! > due } : null,
      citation: duty.citation, needsLegalReview: duty.needsLegalReview,
    };
  });
}

const gradeBody = (incident: IncidentAssessment, operatorType: OperatorType) => ({
  discoveredAt: incident.discoveredAt, operatorType, grade: incident.grade, gradeReasons: incident.gradeReasons, notEvaluated: incident.notEvaluated,
  reportable: incident.reportable, needsLegalReview: incident.needsLegalReview, legalReviewReasons: incident.legalReviewReasons,
});

export function registerIncidentRoutes(app: OpenAPIHono<Env>, kit: RouteKit, deps: IncidentDeps): void {
  const { store, security, json, errors, requireRole } = kit;
  const incidents = store.incidents;
  const userOf = (c: Context<Env>) => c.get('principal').userId;
  const base = '/api/engagements/{id}/incidents';
  const stale = json(errorSchema, 'Stale version (`stale_version`), the incident is closed (`incident_closed`), the report is already recorded (`already_recorded`), or the engagement is archived');
  const invalid = json(errorSchema, 'Invalid facts or request: every problem with its path');
  const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

  const assessmentOf = async (engagementId: string) => (await store.latest(engagementId)).assessment;
  const view = async (engagementId: string, stored: StoredIncident, say: Say) => {
    const [assessment, made] = await Promise.all([assessmentOf(engagementId), incidents.reports(engagementId, stored.id)]);
    const graded = grade(deps.lawBook, assessment, stored.facts, 'facts.', say);
    const now = deps.now();
    return {
      id: stored.id, number: stored.number, title: stored.title, status: stored.status, version: stored.version, createdAt: stored.createdAt, updatedAt: stored.updatedAt, closedAt: stored.closedAt,
      facts: stored.facts, system: graded.system, assessment: gradeBody(graded.incident, graded.input.facts.operatorType),
      clock: clockOf(now), deadlines: deadlines(graded.incident, now, made),
    };
  };

  app.openapi(
    createRoute({ method: 'get', path: base, security, request: { params: idParam, query: langQuery }, responses: { 200: json(incidentListSchema, 'The engagement\'s incidents, newest first, each with its grade and next deadline'), 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const say = engineText(c.req.valid('query').lang);
      const [stored, assessment, reports] = await Promise.all([incidents.list(id), assessmentOf(id), incidents.reportsByIncident(id)]);
      const now = deps.now();
      const rows = [];
      for (const incident of stored) {
        const graded = grade(deps.lawBook, assessment, incident.facts, 'facts.', say);
        const open = deadlines(graded.incident, now, reports.get(incident.id) ?? []).filter((deadline) => deadline.dueAt != null && deadline.made == null && incident.status !== 'closed');
        open.sort((left, right) => Date.parse(left.dueAt!) - Date.parse(right.dueAt!));
        rows.push({ id: incident.id, number: incident.number, title: incident.title, status: incident.status, version: incident.version, discoveredAt: graded.incident.discoveredAt, grade: graded.incident.grade, reportable: graded.incident.reportable, next: open[0] ?? null, updatedAt: incident.updatedAt });
      }
      return c.json({ incidents: rows, clock: clockOf(now) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/preview`, security, request: { params: idParam, query: langQuery, ...body(previewIncidentSchema) },
      description: 'Grades facts on the engagement as they stand, without storing anything (the form\'s live preview).',
      responses: { 200: json(incidentPreviewSchema, 'The grade, who must be told and by when'), 400: invalid, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { facts } = c.req.valid('json');
      const graded = grade(deps.lawBook, await assessmentOf(id), facts, 'facts.', engineText(c.req.valid('query').lang));
      const now = deps.now();
      return c.json({ system: graded.system, assessment: gradeBody(graded.incident, graded.input.facts.operatorType), clock: clockOf(now), deadlines: deadlines(graded.incident, now, []) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: base, security, request: { params: idParam, query: langQuery, ...body(createIncidentSchema) }, responses: { 201: json(incidentSchema, 'Recorded, with its clock'), 400: invalid, 401: errors[401], 403: errors[403], 404: errors[404], 409: stale } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const { title, facts } = c.req.valid('json');
      grade(deps.lawBook, await assessmentOf(id), facts, 'facts.');
      const stored = await incidents.create(id, userOf(c), { title, facts });
      return c.json(await view(id, stored, engineText(c.req.valid('query').lang)), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: `${base}/{incidentId}`, security, request: { params: incidentParam, query: langQuery }, responses: { 200: json(incidentSchema, 'The incident with its current grade and deadlines, the time left counted on the server\'s clock'), 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id, incidentId } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      return c.json(await view(id, await incidents.get(id, incidentId), engineText(c.req.valid('query').lang)), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'put', path: `${base}/{incidentId}/facts`, security, request: { params: incidentParam, query: langQuery, ...body(updateIncidentSchema) }, description: 'Replaces the facts (and the title); the event log records what changed, before and after.', responses: { 200: json(incidentSchema, 'Re-graded'), 400: invalid, 401: errors[401], 403: errors[403], 404: errors[404], 409: stale } }),
    async (c) => {
      const { id, incidentId } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const { title, facts, version } = c.req.valid('json');
      grade(deps.lawBook, await assessmentOf(id), facts, 'facts.');
      return c.json(await view(id, await incidents.updateFacts(id, incidentId, userOf(c), { title, facts }, version), engineText(c.req.valid('query').lang)), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: `${base}/{incidentId}/reports`, security, request: { params: incidentParam, query: langQuery, ...body(recordReportSchema) }, description: 'Records a report (or the notice to the people affected) as made, with when; the initial report marks the incident reported.', responses: { 200: json(incidentSchema, 'Recorded'), 400: invalid, 401: errors[401], 403: errors[403], 404: errors[404], 409: stale } }),
    async (c) => {
      const { id, incidentId } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const request = c.req.valid('json');
      const current = await incidents.get(id, incidentId);
      const graded = grade(deps.lawBook, await assessmentOf(id), current.facts, 'facts.');
      const duty = graded.incident.duties.find((candidate) => candidate.id === request.duty);
      const madeAt = instantOf(request.madeAt);
      const problems = [
        ...(duty ? [] : [{ path: 'duty', message: `on its facts this incident has no ${request.duty.replaceAll('_', ' ')} duty; its duties: ${graded.incident.duties.map((candidate) => candidate.id).join(', ') || 'none'}` }]),
        ...(madeAt < instantOf(current.facts.discoveredAt) ? [{ path: 'madeAt', message: `before the incident was discovered (${graded.incident.discoveredAt} Beijing time)` }] : []),
        ...(madeAt > deps.now() + CLOCK_TOLERANCE_MS ? [{ path: 'madeAt', message: `in the future: the server's clock reads ${beijingTime(deps.now())} Beijing time` }] : []),
      ];
      if (problems.length > 0) throw invalidFacts(problems);
      const stored = await incidents.recordReport(id, incidentId, userOf(c), { duty: request.duty as RecordableDuty, to: request.to?.trim() || duty!.to, madeAt: new Date(madeAt).toISOString(), reference: request.reference ?? null, note: request.note ?? null }, request.version ?? current.version);
      return c.json(await view(id, stored, engineText(c.req.valid('query').lang)), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: `${base}/{incidentId}/close`, security, request: { params: incidentParam, query: langQuery, ...body(closeIncidentSchema) }, description: 'Closes the incident: it no longer changes.', responses: { 200: json(incidentSchema, 'Closed'), 400: invalid, 401: errors[401], 403: errors[403], 404: errors[404], 409: stale } }),
    async (c) => {
      const { id, incidentId } = c.req.valid('param');
      await requireRole(c, id, 'editor');
      const request = c.req.valid('json');
      const version = request.version ?? (await incidents.get(id, incidentId)).version;
      return c.json(await view(id, await incidents.close(id, incidentId, userOf(c), request.note ?? null, version), engineText(c.req.valid('query').lang)), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: `${base}/{incidentId}/events`, security, request: { params: incidentParam }, responses: { 200: json(incidentEventsSchema, 'The event log, oldest first: created, facts changed (before and after), reports made, closed; each with who and when'), 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { id, incidentId } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      await incidents.get(id, incidentId);
      return c.json({ events: await incidents.events(id, incidentId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{incidentId}/report`, security, request: { params: incidentParam, query: reportQuerySchema },
      responses: { 200: { description: 'The clock and the initial report prefilled from the engagement', content: { 'text/markdown': { schema: z.string() }, [DOCX_TYPE]: { schema: z.string().describe('binary') } } }, 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { id, incidentId } = c.req.valid('param');
      await requireRole(c, id, 'viewer');
      const { lang, format } = c.req.valid('query');
      const [stored, assessment, engagement] = await Promise.all([incidents.get(id, incidentId), assessmentOf(id), store.engagement(id)]);
      const input: IncidentReportInput = { ...grade(deps.lawBook, assessment, stored.facts, 'facts.', engineText(lang)).input, title: stored.title };
      const name = `${engagementSlug(engagement.client ?? engagement.name)}-incident-${stored.number}-initial-report-${lang}.${format}`;
      if (format === 'md') return c.body(renderIncidentMarkdown(input, lang), 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
      const document = await (await loadIncidentDocx()).renderIncidentDocx(input, lang);
      return c.body(bytes(document), 200, { 'content-type': DOCX_TYPE, 'content-disposition': `attachment; filename="${name}"` });
    },
  );
}
