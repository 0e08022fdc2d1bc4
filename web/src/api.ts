// The workbench's only door to the server: JSON over fetch with the session cookie, the CSRF
// token on every write, and errors turned into ApiFailure with the server's code and problems.
import type { Assessment } from '../../src/core/assess/assessment-schema.ts';
import type { ProfileGaps } from '../../src/core/controls/profile-gaps.ts';
import type { AnnexItemDraft, AnnexSummary, Diagram } from '../../src/core/annex/annex-types.ts';
import type { AnnexCounts } from '../../src/core/annex/annex-counts.ts';

import type { z } from '@hono/zod-openapi';
import type {
  accountSchema, annexItemSchema, brandingSchema, createdAccountSchema, engagementSchema, engagementSummarySchema, exampleSchema, historyEntrySchema, invitationSchema, memberListSchema, memberResultSchema,
  passwordChangedSchema, sessionSchema, tokenInfoSchema, tokenSchema,
} from '../../src/server/api-schemas.ts';
import type { resultRowSchema, reviewSchema, runSchema } from '../../src/server/review-schemas.ts';
import type { calendarAnchorsSchema, calendarFeedSchema, calendarSchema, createdCalendarFeedSchema } from '../../src/server/calendar-schemas.ts';
import type { filingListSchema } from '../../src/server/filing-schemas.ts';
import type { incidentEventsSchema, incidentListSchema, incidentPreviewSchema, incidentSchema } from '../../src/server/incident-schemas.ts';
import type { IncidentFactsInput } from '../../src/core/incident/incident-record.ts';
import { currentLocale, t } from './i18n/i18n.ts';

export type Role = z.infer<typeof engagementSummarySchema>['role'];
export type { Assessment, ProfileGaps, Diagram };

export interface Problem {
  path: string;
  message: string;
}

/** A failed call: HTTP status, the server's error code, its message and any path-level problems. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly problems: Problem[] = []) {
    super(message);
  }
}

// Shapes of the API's bodies come from the server's own zod schemas (type-only, erased at build),
// refined where the workbench knows more than the wire format says.
type Wire<T extends z.ZodType> = z.infer<T>;

export type User = Wire<typeof sessionSchema>['user'];
export type Branding = Wire<typeof brandingSchema>;
export interface FilingTemplate { locale: 'en' | 'zh-CN'; fileName: string; bytes: number; sha256: string; updatedAt: string }
export interface FilingTemplates { templates: FilingTemplate[]; maxBytes: number; placeholder: string }
export type EngagementSummary = Wire<typeof engagementSummarySchema>;
export type Headline = NonNullable<EngagementSummary['headline']>;
export interface EngagementPage {
  engagements: EngagementSummary[];
  nextCursor: string | null;
}

export interface Engagement extends Omit<Wire<typeof engagementSchema>, 'profile' | 'assessment'> {
  profile: Record<string, unknown>;
  assessment: Omit<Wire<typeof engagementSchema>['assessment'], 'headline'> & {
    headline: {
      transferRoute: string;
      cii: string;
      systems: Array<{ id: string; mlps: number; icp: string; hosting: string }>;
      needsLegalReview: boolean;
    };
  };
}

export interface AnnexItem extends Omit<Wire<typeof annexItemSchema>, 'data'> {
  /** What the annex keeps of a derived item besides its editable fields (src/core/annex/merge-annex.ts, draftData). */
  data: Partial<Omit<AnnexItemDraft, 'key' | 'status' | 'title' | 'statement'>> & {
    statusHeld?: { derived: string; note: string };
    /** Set when an accepted regulatory-change review changed a determination the item rests on. */
    reReview?: { runId: string; at: string; changes: Array<{ path: string; kind: string; impact: string; meaning: string }> };
  };
}

export interface Annex {
  title: string;
  documentState: string;
  framing: { why: string; informs: string; unresolved: string };
  confidence: { rating: string; reason: string };
  counts?: AnnexCounts;
  summary?: AnnexSummary | null;
  /** The download name without its extension: `<engagement-slug>-china-architecture-<date>`. */
  fileBase?: string;
  diagrams: Diagram[];
  items: AnnexItem[];
}

export type HistoryEntry = Wire<typeof historyEntrySchema>;
export type ReviewRun = Wire<typeof runSchema>;
export type ReviewRow = Wire<typeof resultRowSchema>;
export type EngagementReview = Wire<typeof reviewSchema>;
export type ReviewAxis = ReviewRun['axis'];
export type Member = Wire<typeof memberListSchema>['members'][number];
export type Invitation = Wire<typeof invitationSchema>;
export type MemberResult = Wire<typeof memberResultSchema>;
export type Account = Wire<typeof accountSchema>;
export type CreatedAccount = Wire<typeof createdAccountSchema>;
export type Example = Wire<typeof exampleSchema>;
export type TokenInfo = Wire<typeof tokenInfoSchema>;
export type CreatedToken = Wire<typeof tokenSchema>;
export type PasswordChanged = Wire<typeof passwordChangedSchema>;
export type ObligationsCalendar = Wire<typeof calendarSchema>;
export type CalendarAnchors = Wire<typeof calendarAnchorsSchema>;
export type CalendarEntry = ObligationsCalendar['entries'][number];
export type CalendarFeed = NonNullable<Wire<typeof calendarFeedSchema>['feed']>;
export type CreatedCalendarFeed = Wire<typeof createdCalendarFeedSchema>;
export type FilingList = Wire<typeof filingListSchema>;
export type ApplicableFiling = FilingList['filings'][number];
export type FilingKind = ApplicableFiling['kind'];
export type OutputLanguage = FilingList['language'];
export type Incident = Wire<typeof incidentSchema>;
export type IncidentPreview = Wire<typeof incidentPreviewSchema>;
export type IncidentList = Wire<typeof incidentListSchema>;
export type IncidentSummary = IncidentList['incidents'][number];
export type IncidentDeadline = Incident['deadlines'][number];
export type IncidentEvent = Wire<typeof incidentEventsSchema>['events'][number];
export type { IncidentFactsInput };

let csrfToken: string | null = null;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return send<T>(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
}

/** A file sent as the body itself (a filing template), not as JSON. */
function upload<T>(method: string, path: string, file: Blob, type: string): Promise<T> {
  return send<T>(method, path, { accept: 'application/json', 'content-type': type }, file);
}

async function send<T>(method: string, path: string, headers: Record<string, string>, body: BodyInit | undefined): Promise<T> {
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body }) });
  } catch {
    throw new ApiFailure(0, 'network', t('common.unreachable'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; problems?: Problem[] } } | null)?.error;
    const failure = new ApiFailure(response.status, error?.code ?? `http_${response.status}`, error?.message ?? t('common.serverAnswered', { status: response.status }), error?.problems ?? []);
    if (response.status === 401 && path !== '/api/session') onUnauthenticated?.();
    throw failure;
  }
  return parsed as T;
}

let onUnauthenticated: (() => void) | undefined;
/** Called when a request finds the session gone (expired, or logged out elsewhere). */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

const enc = encodeURIComponent;
/** A path with the workbench's language added, for the routes whose prose the engine writes (calendar, incidents). */
const inLanguage = (path: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${enc(currentLocale())}`;

export const api = {
  async session(): Promise<User | null> {
    try {
      const current = await call<{ user: User; csrfToken: string | null }>('GET', '/api/session');
      csrfToken = current.csrfToken;
      return current.user;
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return null;
      throw error;
    }
  },
  async login(email: string, password: string): Promise<User> {
    const result = await call<{ user: User; csrfToken: string }>('POST', '/api/session', { email, password });
    csrfToken = result.csrfToken;
    return result.user;
  },
  async logout(): Promise<void> {
    await call('DELETE', '/api/session');
    csrfToken = null;
  },
  changePassword: (currentPassword: string, newPassword: string) => call<PasswordChanged>('POST', '/api/session/password', { currentPassword, newPassword }),
  tokens: () => call<{ tokens: TokenInfo[] }>('GET', '/api/tokens').then((body) => body.tokens),
  createToken: (name: string, expiresInDays?: number) => call<CreatedToken>('POST', '/api/tokens', { name, ...(expiresInDays ? { expiresInDays } : {}) }),
  revokeToken: (tokenId: string) => call<void>('DELETE', `/api/tokens/${enc(tokenId)}`),
  /** One page of the list, newest first; `cursor` is the previous page's `nextCursor`. */
  engagements: (options: { archived?: boolean; cursor?: string | null } = {}) => {
    const query = new URLSearchParams({ ...(options.archived ? { archived: 'true' } : {}), ...(options.cursor ? { cursor: options.cursor } : {}) }).toString();
    return call<EngagementPage>('GET', `/api/engagements${query ? `?${query}` : ''}`);
  },
  examples: () => call<{ examples: Example[] }>('GET', '/api/examples').then((body) => body.examples),
  create: (name: string, profile: unknown) => call<Engagement>('POST', '/api/engagements', { name, profile }),
  engagement: (id: string) => call<Engagement>('GET', `/api/engagements/${enc(id)}`),
  saveProfile: (id: string, profile: unknown, version: number) => call<Engagement>('PUT', `/api/engagements/${enc(id)}/profile`, { profile, version }),
  /** The newest profile's assessment as of a date, its prose in the workbench's language. */
  assessment: (id: string, asOf?: string, lang: string = currentLocale()) => call<Assessment>('GET', `/api/engagements/${enc(id)}/assessment?${new URLSearchParams({ ...(asOf ? { asOf } : {}), lang }).toString()}`),
  /** Assesses a profile that is not saved (what-ifs); nothing is stored. */
  preview: (id: string, profile: unknown, asOf?: string, lang: string = currentLocale()) => call<Assessment>('POST', `/api/engagements/${enc(id)}/preview`, { profile, ...(asOf ? { asOf } : {}), lang }),
  annex: (id: string) => call<Annex>('GET', `/api/engagements/${enc(id)}/annex`),
  /** Sets the annex's document state; Final needs `confirm` (without it: 409 `confirm_final`, the unconfirmed items as problems). */
  setAnnexState: (id: string, state: string, confirm = false) =>
    call<{ documentState: string; unconfirmed: Array<{ id: string; title: string; status: string; section: string }> }>('PUT', `/api/engagements/${enc(id)}/annex/state`, { state, ...(confirm ? { confirm: true } : {}) }),
  editItem: (id: string, itemId: string, edit: { status?: string; title?: string; text?: string; owner?: string; due?: string; version: number }) =>
    call<AnnexItem>('PATCH', `/api/engagements/${enc(id)}/annex/items/${enc(itemId)}`, edit),
  addItem: (id: string, item: { section: string; category?: string; status?: string; title: string; text: string; basis?: string; owner?: string; due?: string }) => call<AnnexItem>('POST', `/api/engagements/${enc(id)}/annex/items`, item),
  history: (id: string, entityId?: string) => call<{ entries: HistoryEntry[] }>('GET', `/api/engagements/${enc(id)}/history${entityId ? `?entityId=${enc(entityId)}` : ''}`).then((body) => body.entries),
  gaps: (id: string, system?: string, lang: string = currentLocale()) => call<ProfileGaps>('GET', `/api/engagements/${enc(id)}/gaps?${new URLSearchParams({ ...(system ? { system } : {}), lang }).toString()}`),
  members: (id: string) => call<{ members: Member[]; invitations: Invitation[] }>('GET', `/api/engagements/${enc(id)}/members`),
  /** Changes a member's role, or invites any other address (pending until that person logs in). */
  invite: (id: string, member: { email: string; role: Role }) => call<MemberResult>('POST', `/api/engagements/${enc(id)}/members`, member),
  removeMember: (id: string, userId: string) => call<void>('DELETE', `/api/engagements/${enc(id)}/members/${enc(userId)}`),
  cancelInvitation: (id: string, invitationId: string) => call<void>('DELETE', `/api/engagements/${enc(id)}/invitations/${enc(invitationId)}`),
  archive: (id: string) => call<Engagement>('POST', `/api/engagements/${enc(id)}/archive`),
  restore: (id: string) => call<Engagement>('POST', `/api/engagements/${enc(id)}/restore`),
  /** Deletes an archived engagement for good; `name` repeats its name to confirm. */
  deleteEngagement: (id: string, name: string) => call<void>('DELETE', `/api/engagements/${enc(id)}`, { name }),
  /** Administrators only: a new account and its one-time password, shown once. */
  createAccount: (account: { email: string; name: string }) => call<CreatedAccount>('POST', '/api/users', account),
  branding: () => call<Branding>('GET', '/api/settings/branding'),
  /** Administrators only. `logo`: base64 of a PNG, JPEG or WebP; null removes it; absent keeps it. */
  setBranding: (change: { consultancy: string; logo?: string | null }) => call<Branding>('PUT', '/api/settings/branding', change),
  logoUrl: (version: number) => `/api/settings/branding/logo?v=${version}`,
  filingTemplates: () => call<FilingTemplates>('GET', '/api/settings/filing-templates'),
  setFilingTemplate: (locale: string, file: File) => upload<FilingTemplate>('PUT', `/api/settings/filing-templates/${enc(locale)}?name=${enc(file.name)}`, file, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  removeFilingTemplate: (locale: string) => call<void>('DELETE', `/api/settings/filing-templates/${enc(locale)}`),
  filingTemplateUrl: (locale: string) => `/api/settings/filing-templates/${enc(locale)}`,
  /** Where a deliverable downloads from (the browser sends the session cookie). */
  /** Deliverables take `lang`: the language they are written in (the engagement's language unless another is chosen). */
  gapsUrl: (id: string, format: 'csv' | 'xlsx' | 'json', lang: OutputLanguage, system?: string) =>
    `/api/engagements/${enc(id)}/gaps?${new URLSearchParams({ ...(system ? { system } : {}), ...(format === 'json' ? {} : { format }), lang }).toString()}`,
  exportUrl: (id: string, format: 'md' | 'html' | 'xlsx' | 'docx' | 'pdf', lang: OutputLanguage) => `/api/engagements/${enc(id)}/annex?format=${format}&lang=${enc(lang)}`,
  diagramUrl: (id: string, diagram: string, version: number) => `/api/engagements/${enc(id)}/annex/diagrams/${enc(diagram)}?v=${version}`,
  /** The obligations calendar of the latest assessment, and its downloads. */
  calendar: (id: string) => call<ObligationsCalendar>('GET', inLanguage(`/api/engagements/${enc(id)}/calendar`)),
  calendarAnchors: (id: string) => call<CalendarAnchors>('GET', `/api/engagements/${enc(id)}/calendar/anchors`),
  /** Replaces the dates the calendar counts from (editors). */
  setCalendarAnchors: (id: string, anchors: CalendarAnchors) => call<CalendarAnchors>('PUT', `/api/engagements/${enc(id)}/calendar/anchors`, anchors),
  calendarUrl: (id: string, format: 'ics' | 'md') => `/api/engagements/${enc(id)}/calendar?format=${format}`,
  /** The live subscription feed (never its address), made or rotated by an editor (the address shown once), and revoked. */
  calendarFeed: (id: string) => call<{ feed: CalendarFeed | null }>('GET', `/api/engagements/${enc(id)}/calendar-feed`).then((body) => body.feed),
  createCalendarFeed: (id: string) => call<CreatedCalendarFeed>('POST', `/api/engagements/${enc(id)}/calendar-feed`),
  revokeCalendarFeed: (id: string) => call<void>('DELETE', `/api/engagements/${enc(id)}/calendar-feed`),
  /** The filing packs that apply, each downloadable per format and language; the engagement's default language. */
  filings: (id: string) => call<FilingList>('GET', `/api/engagements/${enc(id)}/filings`),
  filingUrl: (id: string, kind: FilingKind, options: { system?: string | undefined; transfer?: string | undefined; lang: OutputLanguage; format: 'docx' | 'md' | 'json' }) => {
    const query = new URLSearchParams({ ...(options.system ? { system: options.system } : {}), ...(options.transfer ? { transfer: options.transfer } : {}), lang: options.lang, format: options.format });
    return `/api/engagements/${enc(id)}/filings/${enc(kind)}?${query.toString()}`;
  },
  setLanguage: (id: string, language: OutputLanguage) => call<Engagement>('PUT', `/api/engagements/${enc(id)}/language`, { language }),
  /** Portfolio reviews: queued on the server, followed by polling. */
  startReview: (review: { axis: ReviewAxis; from?: string; to?: string }) => call<ReviewRun>('POST', '/api/reviews', review),
  reviews: () => call<{ reviews: ReviewRun[] }>('GET', '/api/reviews').then((body) => body.reviews),
  review: (runId: string, cursor?: string | null) => call<{ review: ReviewRun; engagements: ReviewRow[]; nextCursor: string | null }>('GET', `/api/reviews/${enc(runId)}${cursor ? `?after=${enc(cursor)}` : ''}`),
  reviewOf: (runId: string, engagementId: string) => call<{ engagement: ReviewRow; review: EngagementReview | null }>('GET', `/api/reviews/${enc(runId)}/engagements/${enc(engagementId)}`),
  acceptReview: (runId: string, engagementId: string) => call<{ version: number; marked: number; acceptedAt: string }>('POST', `/api/reviews/${enc(runId)}/engagements/${enc(engagementId)}/accept`),
  cancelReview: (runId: string) => call<ReviewRun>('POST', `/api/reviews/${enc(runId)}/cancel`),
  memoUrl: (runId: string, engagementId: string, format: 'docx' | 'md', lang: OutputLanguage) => `/api/reviews/${enc(runId)}/engagements/${enc(engagementId)}?format=${format}&lang=${enc(lang)}`,

  /** The portfolio workbook spans engagements, so its own words follow the workbench's language. */
  portfolioUrl: (runId: string, lang: OutputLanguage) => `/api/reviews/${enc(runId)}/portfolio?lang=${enc(lang)}`,
  /** Incidents: each read with its grade and deadlines counted on the server's clock. */
  incidents: (id: string) => call<IncidentList>('GET', inLanguage(`/api/engagements/${enc(id)}/incidents`)),
  incident: (id: string, incidentId: string) => call<Incident>('GET', inLanguage(`/api/engagements/${enc(id)}/incidents/${enc(incidentId)}`)),
  /** Grades facts without storing them (the form's live preview). */
  previewIncident: (id: string, facts: IncidentFactsInput) => call<IncidentPreview>('POST', inLanguage(`/api/engagements/${enc(id)}/incidents/preview`), { facts }),
  createIncident: (id: string, title: string, facts: IncidentFactsInput) => call<Incident>('POST', inLanguage(`/api/engagements/${enc(id)}/incidents`), { title, facts }),
  updateIncident: (id: string, incidentId: string, title: string, facts: IncidentFactsInput, version: number) => call<Incident>('PUT', inLanguage(`/api/engagements/${enc(id)}/incidents/${enc(incidentId)}/facts`), { title, facts, version }),
  recordIncidentReport: (id: string, incidentId: string, report: { duty: string; madeAt: string; reference?: string; note?: string; version: number }) => call<Incident>('POST', inLanguage(`/api/engagements/${enc(id)}/incidents/${enc(incidentId)}/reports`), report),
  closeIncident: (id: string, incidentId: string, version: number, note?: string) => call<Incident>('POST', inLanguage(`/api/engagements/${enc(id)}/incidents/${enc(incidentId)}/close`), { version, ...(note ? { note } : {}) }),
  incidentEvents: (id: string, incidentId: string) => call<{ events: IncidentEvent[] }>('GET', `/api/engagements/${enc(id)}/incidents/${enc(incidentId)}/events`).then((body) => body.events),
  incidentReportUrl: (id: string, incidentId: string, lang: 'en' | 'zh-CN', format: 'md' | 'docx') => `/api/engagements/${enc(id)}/incidents/${enc(incidentId)}/report?lang=${enc(lang)}&format=${format}`,
};
