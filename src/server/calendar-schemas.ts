// The obligations calendar's API bodies (src/core/calendar/obligations-calendar.ts), shared by the
// routes (which document them) and the workbench (which takes their types).
import { z } from '@hono/zod-openapi';
import { citationSchema } from '../core/assess/assessment-schema.ts';
import { isIsoDate } from '../core/law/dates.ts';

const anchorDate = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');

export const calendarAnchorsSchema = z.object({
  goLive: anchorDate.optional().describe('The go-live date, once known; otherwise the plan\'s go-live or the latest readiness date.'),
  transferEffective: anchorDate.optional().describe('When the transfer mechanism took effect: the CAC\'s approval, or the standard contract\'s effective date.'),
  lastMlpsAssessment: z.record(z.string().max(100), anchorDate).optional().describe('The last MLPS assessment of each system, by system id.'),
}).strict().openapi('CalendarAnchors');

export const calendarEntrySchema = z.object({
  id: z.string().describe('Stable across re-assessments: a subscribed calendar updates the event in place.'),
  title: z.string(),
  system: z.string().nullable().describe('The system the duty belongs to (its id); null for duties of the handler.'),
  kind: z.enum(['deadline', 'recurring', 'trigger']),
  date: z.string().nullable().describe('The first (or only) date; null for triggers, which have none until their event happens.'),
  repeatEveryMonths: z.number().int().nullable(),
  occurrences: z.array(z.string()).describe('Every occurrence within the horizon, for recurring duties.'),
  detail: z.string(),
  anchor: z.object({ what: z.string(), date: z.string().nullable(), source: z.enum(['given', 'plan', 'estimated']) }).nullable().describe('What the date was counted from, and whether that date was given, from the plan, or estimated.'),
  citation: citationSchema,
  needsLegalReview: z.boolean(),
}).openapi('CalendarEntry');

export const calendarSchema = z.object({
  organisation: z.string(),
  asOf: z.string(),
  horizon: z.object({ from: z.string(), to: z.string() }),
  entries: z.array(calendarEntrySchema),
  beyondHolidayCalendar: z.boolean().describe('Some deadline in working days runs into a year whose holiday schedule the content does not hold yet.'),
}).openapi('ObligationsCalendar');

export const calendarFeedSchema = z.object({
  feed: z.object({
    id: z.string(),
    createdAt: z.string(),
    createdBy: z.object({ email: z.string(), name: z.string() }).nullable(),
  }).nullable().describe('The live feed, or null. Its address is shown only once, when it is made.'),
}).openapi('CalendarFeed');

export const createdCalendarFeedSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ email: z.string(), name: z.string() }).nullable(),
  token: z.string().describe('Shown once; only its digest is stored.'),
  path: z.string().describe('The feed\'s address on this server: /api/calendar-feeds/{token}.ics'),
  url: z.string().describe('The feed\'s full address as this request reached the server.'),
}).openapi('CreatedCalendarFeed');
