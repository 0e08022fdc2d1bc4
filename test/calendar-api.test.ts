// The obligations calendar through the API: JSON, the .ics and .md downloads, and the subscribable
// feed with its token (made by an editor, shown once, stored as a digest, rotated and revoked, dead
// for an archived engagement or a creator who left), with the attacks the token must resist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotive = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
const saas = readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.yaml'), 'utf8');
const eventsOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));

describe.each(DATABASES)('obligations calendar API on $name', ({ options: makeOptions }) => {
  const { login, call, request, database } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['editor@example.com', 'Eddie'], ['viewer@example.com', 'Vera'], ['other@example.com', 'Otto']]);

  // Everything the process writes to its console, to prove no feed token is ever logged.
  const written: string[] = [];
  beforeEach(() => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => { written.push(args.map(String).join(' ')); });
    const stdout = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => { written.push(String(chunk)); return (stdout as (...args: unknown[]) => boolean)(chunk, ...rest); });
  });
  afterEach(() => vi.restoreAllMocks());

  async function engagement(owner: Session, name: string, profile: string): Promise<string> {
    const created = await call(owner, 'POST', '/api/engagements', { name, profile });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    for (const [email, role] of [['editor@example.com', 'editor'], ['viewer@example.com', 'viewer']] as const) {
      expect((await call(owner, 'POST', `/api/engagements/${id}/members`, { email, role })).status).toBe(200);
    }
    return id;
  }
  // Invitations become memberships at login, so the members log in after being invited.
  const members = async () => ({ editor: await login('editor@example.com'), viewer: await login('viewer@example.com') });
  const feed = (path: string) => request(path);

  it('counts from the dates an editor records, in the JSON, the downloads and the feed, audited and checked', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Demo: anchored calendar', automotive);
    const { editor, viewer } = await members();
    expect(await (await call(viewer, 'GET', `/api/engagements/${id}/calendar/anchors`)).json()).toEqual({});
    type Entry = { id: string; date: string | null; anchor: { source: string; date: string | null } | null };
    const entry = async (entryId: string) => (((await (await call(viewer, 'GET', `/api/engagements/${id}/calendar`)).json()) as { entries: Entry[] }).entries).find((candidate) => candidate.id === entryId);
    const before = await entry('mlps-assessment.telematics');
    expect(before?.anchor?.source).not.toBe('given');

    // A viewer cannot record; an unknown system and a last assessment after today are refused, each with its path.
    expect((await call(viewer, 'PUT', `/api/engagements/${id}/calendar/anchors`, { goLive: '2027-03-01' })).status).toBe(403);
    const refused = await call(editor, 'PUT', `/api/engagements/${id}/calendar/anchors`, { lastMlpsAssessment: { ghost: '2026-01-10', telematics: '2030-01-01' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { problems: Array<{ path: string }> } }).error.problems.map((problem) => problem.path)).toEqual(['lastMlpsAssessment.ghost', 'lastMlpsAssessment.telematics']);
    const malformed = await call(editor, 'PUT', `/api/engagements/${id}/calendar/anchors`, { goLive: '2027-02-30', extra: true });
    expect(malformed.status).toBe(400);
    expect(await (await call(viewer, 'GET', `/api/engagements/${id}/calendar/anchors`)).json()).toEqual({});

    const anchors = { goLive: '2027-03-01', lastMlpsAssessment: { telematics: '2026-05-20' } };
    const saved = await call(editor, 'PUT', `/api/engagements/${id}/calendar/anchors`, anchors);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual(anchors);
    const after = await entry('mlps-assessment.telematics');
    expect(after?.date).toBe('2027-05-20');
    expect(after?.anchor).toMatchObject({ source: 'given', date: '2026-05-20' });
    expect((await entry('mlps-filing.telematics'))?.anchor).toMatchObject({ source: 'given', date: '2027-03-01' });
    // A query overrides a recorded date for one download only.
    const once = (await (await call(viewer, 'GET', `/api/engagements/${id}/calendar?goLive=2027-06-01`)).json()) as { entries: Entry[] };
    expect(once.entries.find((candidate) => candidate.id === 'mlps-filing.telematics')?.anchor?.date).toBe('2027-06-01');

    // The feed counts from the recorded dates too.
    const created = (await (await call(editor, 'POST', `/api/engagements/${id}/calendar-feed`)).json()) as { path: string };
    const events = eventsOf(await (await feed(created.path)).text());
    expect(events.find((event) => event.uid.startsWith('mlps-assessment.telematics'))?.startDate.toString()).toBe('2027-05-20');

    // The change is in the history with before and after.
    const { rows } = await database().query<{ before: unknown; after: unknown }>("select before, after from audit_log where entity = 'calendar_anchors' and engagement_id = $1", [id]);
    expect(rows).toHaveLength(1);
  });

  it('serves the calendar as JSON and as .ics and .md downloads named by engagement and date', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Example Motors China', automotive);
    const { viewer } = await members();
    const json = await call(viewer, 'GET', `/api/engagements/${id}/calendar`);
    expect(json.status).toBe(200);
    const calendar = (await json.json()) as { organisation: string; asOf: string; entries: Array<{ id: string; date: string | null; system: string | null; anchor: { source: string } | null; citation: { instrument: string } }> };
    expect(calendar.organisation).toBe('Example Motors GmbH');
    expect(calendar.asOf).toBe('2026-11-22');
    const assessment = calendar.entries.find((entry) => entry.id === 'mlps-assessment.telematics')!;
    expect(assessment).toMatchObject({ system: 'telematics', anchor: { source: 'plan' } });
    expect(assessment.citation.instrument).toBeTruthy();

    const ics = await call(viewer, 'GET', `/api/engagements/${id}/calendar?format=ics`);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('content-disposition')).toBe('attachment; filename="example-motors-obligations-calendar-2026-11-22.ics"');
    const events = eventsOf(await ics.text());
    expect(events.map((event) => event.summary)).toContain('Connected-car telematics platform: MLPS assessment (level 3)');
    expect(events.length).toBe(calendar.entries.filter((entry) => entry.date != null).length);

    const md = await call(viewer, 'GET', `/api/engagements/${id}/calendar?format=md`);
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="example-motors-obligations-calendar-2026-11-22.md"');
    expect(await md.text()).toContain('# Obligations calendar: Example Motors GmbH');

    // A given go-live moves the dates, and says so.
    const moved = (await (await call(viewer, 'GET', `/api/engagements/${id}/calendar?goLive=2027-03-01`)).json()) as typeof calendar;
    expect(moved.entries.find((entry) => entry.id === 'mlps-assessment.telematics')).toMatchObject({ date: '2027-03-01', anchor: { source: 'given' } });
    const bad = await call(viewer, 'GET', `/api/engagements/${id}/calendar?goLive=2027-02-30&format=pdf`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { problems: Array<{ path: string }> } }).error.problems.map((problem) => problem.path).sort()).toEqual(['format', 'goLive']);
    expect((await call(await login('other@example.com'), 'GET', `/api/engagements/${id}/calendar`)).status).toBe(404);
  });

  it('speaks Chinese with ?lang=zh-CN: the same dates and ids, the downloads and the feed in the engagement\'s language by default', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Example Motors China', automotive);
    const { editor, viewer } = await members();
    type Calendar = { entries: Array<{ id: string; title: string; detail: string; date: string | null; occurrences: string[]; anchor: { what: string; source: string } | null }> };
    const english = (await (await call(viewer, 'GET', `/api/engagements/${id}/calendar`)).json()) as Calendar;
    const chinese = (await (await call(viewer, 'GET', `/api/engagements/${id}/calendar?lang=zh-CN`)).json()) as Calendar;
    const shape = (calendar: Calendar) => calendar.entries.map((entry) => [entry.id, entry.date, entry.occurrences, entry.anchor?.source ?? null]);
    expect(shape(chinese)).toEqual(shape(english));
    expect(chinese.entries.find((entry) => entry.id === 'mlps-assessment.telematics')?.title).toBe('Connected-car telematics platform：等级测评（第3级）');
    // No run of three English words in the prose, the systems' names (from the profile) aside.
    const names = ['Connected-car telematics platform', 'EV remote service and management platform', 'Dealer and customer portal'];
    for (const entry of chinese.entries) {
      for (const text of [entry.title, entry.detail, entry.anchor?.what ?? '']) expect(names.reduce((left, name) => left.replaceAll(name, ''), text), `${entry.id}: ${text}`).not.toMatch(/\b[A-Za-z][a-z]+(?:[ ,;:-]+[A-Za-z][a-z]+){2,}\b/);
    }
    const zhIcs = await call(viewer, 'GET', `/api/engagements/${id}/calendar?format=ics&lang=zh-CN`);
    expect(zhIcs.status).toBe(200);
    const zhEvents = eventsOf(await zhIcs.text());
    const enEvents = eventsOf(await (await call(viewer, 'GET', `/api/engagements/${id}/calendar?format=ics`)).text());
    expect(zhEvents.map((event) => [event.uid, event.startDate.toString()])).toEqual(enEvents.map((event) => [event.uid, event.startDate.toString()]));
    expect(zhEvents.map((event) => event.summary)).toContain('Connected-car telematics platform：等级测评（第3级）');
    expect(await (await call(viewer, 'GET', `/api/engagements/${id}/calendar?format=md&lang=zh-CN`)).text()).toContain('# 合规义务日历：Example Motors GmbH');

    // Anything but en or zh-CN is refused with the path.
    for (const path of [`/api/engagements/${id}/calendar?lang=fr`, `/api/engagements/${id}/calendar?format=ics&lang=zh`]) {
      const bad = await call(viewer, 'GET', path);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { problems: Array<{ path: string }> } }).error.problems.map((problem) => problem.path)).toEqual(['lang']);
    }

    // With the engagement in Chinese, the downloads and the feed are Chinese unless asked otherwise; the JSON stays English.
    expect((await call(editor, 'PUT', `/api/engagements/${id}/language`, { language: 'zh-CN' })).status).toBe(200);
    expect(await (await call(viewer, 'GET', `/api/engagements/${id}/calendar?format=md`)).text()).toContain('# 合规义务日历：');
    expect(await (await call(viewer, 'GET', `/api/engagements/${id}/calendar?format=md&lang=en`)).text()).toContain('# Obligations calendar: ');
    expect(((await (await call(viewer, 'GET', `/api/engagements/${id}/calendar`)).json()) as Calendar).entries.find((entry) => entry.id === 'mlps-assessment.telematics')?.title).toBe('Connected-car telematics platform: MLPS assessment (level 3)');
    const created = (await (await call(editor, 'POST', `/api/engagements/${id}/calendar-feed`)).json()) as { path: string };
    const fed = eventsOf(await (await feed(created.path)).text());
    expect(fed.map((event) => event.summary)).toContain('Connected-car telematics platform：等级测评（第3级）');
    expect(eventsOf(await (await feed(`${created.path}?lang=en`)).text()).map((event) => event.summary)).toContain('Connected-car telematics platform: MLPS assessment (level 3)');
    expect(fed.map((event) => event.uid)).toEqual(enEvents.map((event) => event.uid));
    const badFeed = await feed(`${created.path}?lang=de`);
    expect(badFeed.status).toBe(400);
    expect(((await badFeed.json()) as { error: { problems: Array<{ path: string }> } }).error.problems.map((problem) => problem.path)).toEqual(['lang']);
  });

  it('lets an editor make a feed whose token is shown once, stored as a digest and never logged; a viewer cannot', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Feed Motors', automotive);
    const { editor, viewer } = await members();
    const refused = await call(viewer, 'POST', `/api/engagements/${id}/calendar-feed`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(((await (await call(viewer, 'GET', `/api/engagements/${id}/calendar-feed`)).json()) as { feed: unknown }).feed).toBeNull();

    const made = await call(editor, 'POST', `/api/engagements/${id}/calendar-feed`);
    expect(made.status).toBe(201);
    const created = (await made.json()) as { token: string; path: string; url: string; id: string };
    expect(created.token).toMatch(/^lfcal_[A-Za-z0-9_-]{43}$/);
    expect(created.path).toBe(`/api/calendar-feeds/${created.token}.ics`);
    expect(created.url).toMatch(new RegExp(`^http://localhost/api/calendar-feeds/${created.token}\\.ics$`));

    // Anyone holding the address reads the calendar, without a session.
    const fetched = await feed(created.path);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(eventsOf(await fetched.text()).length).toBeGreaterThan(0);

    // Never again: not in the status, the history, the audit log or the feed table; nor on the console.
    const status = await (await call(viewer, 'GET', `/api/engagements/${id}/calendar-feed`)).text();
    expect(JSON.parse(status)).toMatchObject({ feed: { id: created.id, createdBy: { email: 'editor@example.com' } } });
    const history = await (await call(owner, 'GET', `/api/engagements/${id}/history`)).text();
    expect(history).toContain('create_calendar_feed');
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256').update(created.token).digest('hex');
    const stored = JSON.stringify((await database().query('select * from calendar_feeds')).rows) + JSON.stringify((await database().query('select * from audit_log')).rows);
    expect(stored).toContain(digest); // the digest, in calendar_feeds only
    expect((await database().query('select 1 from audit_log where before::text like $1 or after::text like $1', [`%${digest}%`])).rows).toEqual([]);
    for (const text of [status, history, stored, ...written]) expect(text).not.toContain(created.token);
  });

  it('answers 404 with an error body for a revoked, rotated, malformed or unknown token, and the feed follows re-assessment', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Rotating Motors', automotive);
    const { editor } = await members();
    const first = (await (await call(editor, 'POST', `/api/engagements/${id}/calendar-feed`)).json()) as { path: string; token: string };
    const before = eventsOf(await (await feed(first.path)).text());

    // A re-assessment (a later go-live in the plan) is in the feed at the next fetch.
    const current = (await (await call(owner, 'GET', `/api/engagements/${id}`)).json()) as { version: number };
    const later = automotive.replace(/goLive: \S+/, 'goLive: 2028-06-01');
    expect(later).not.toBe(automotive);
    expect((await call(editor, 'PUT', `/api/engagements/${id}/profile`, { profile: later, version: current.version })).status).toBe(200);
    const after = eventsOf(await (await feed(first.path)).text());
    const filing = (events: ReturnType<typeof eventsOf>) => events.find((event) => event.uid.startsWith('mlps-filing.telematics.'))!.startDate.toString();
    expect(filing(after)).not.toBe(filing(before));
    expect(filing(after) > '2028-06-01').toBe(true);

    // Rotating: the old address stops, the new one works.
    const second = (await (await call(editor, 'POST', `/api/engagements/${id}/calendar-feed`)).json()) as { path: string };
    const stale = await feed(first.path);
    expect(stale.status).toBe(404);
    expect(await stale.json()).toEqual({ error: { code: 'not_found', message: 'No such calendar feed.' } });
    expect((await feed(second.path)).status).toBe(200);
    // Revoking: the address stops; a second revoke finds nothing.
    expect((await call(editor, 'DELETE', `/api/engagements/${id}/calendar-feed`)).status).toBe(204);
    const revoked = await feed(second.path);
    expect(revoked.status).toBe(404);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await call(editor, 'DELETE', `/api/engagements/${id}/calendar-feed`)).status).toBe(404);
    const actions = ((await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as { entries: Array<{ action: string }> }).entries.map((entry) => entry.action);
    expect(actions.filter((action) => action.endsWith('calendar_feed'))).toEqual(['revoke_calendar_feed', 'rotate_calendar_feed', 'create_calendar_feed']);

    for (const path of ['/api/calendar-feeds/lfcal_' + 'A'.repeat(43) + '.ics', `/api/calendar-feeds/${first.token}`, '/api/calendar-feeds/not-a-token.ics', `/api/calendar-feeds/${first.token.slice(0, -1)}.ics`]) {
      const response = await feed(path);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('opens only its own engagement: another engagement\'s token serves that engagement, and revoking one leaves the other', async () => {
    const owner = await login('owner@example.com');
    const motors = await engagement(owner, 'Motors with a feed', automotive);
    const software = await engagement(owner, 'SaaS with a feed', saas);
    const motorsFeed = (await (await call(owner, 'POST', `/api/engagements/${motors}/calendar-feed`)).json()) as { path: string };
    const softwareFeed = (await (await call(owner, 'POST', `/api/engagements/${software}/calendar-feed`)).json()) as { path: string };
    const nameOf = async (path: string) => new ICAL.Component(ICAL.parse(await (await feed(path)).text())).getFirstPropertyValue('x-wr-calname');
    expect(await nameOf(motorsFeed.path)).toBe('China obligations: Example Motors GmbH');
    expect(await nameOf(softwareFeed.path)).not.toBe('China obligations: Example Motors GmbH');
    expect((await call(owner, 'DELETE', `/api/engagements/${motors}/calendar-feed`)).status).toBe(204);
    expect((await feed(motorsFeed.path)).status).toBe(404);
    expect((await feed(softwareFeed.path)).status).toBe(200);
    // A session is no way to a feed: the token alone is the credential, and an engagement's own calendar route still wants membership.
    expect((await call(await login('other@example.com'), 'GET', `/api/engagements/${software}/calendar-feed`)).status).toBe(404);
  });

  it('stops the feed of an archived engagement and the feed of a member who has left', async () => {
    const owner = await login('owner@example.com');
    const archived = await engagement(owner, 'Archived feed', automotive);
    const archivedFeed = (await (await call(owner, 'POST', `/api/engagements/${archived}/calendar-feed`)).json()) as { path: string };
    expect((await call(owner, 'POST', `/api/engagements/${archived}/archive`)).status).toBe(200);
    expect((await feed(archivedFeed.path)).status).toBe(404);
    expect((await call(owner, 'POST', `/api/engagements/${archived}/calendar-feed`)).status).toBe(409);
    expect((await call(owner, 'POST', `/api/engagements/${archived}/restore`)).status).toBe(200);
    expect((await feed(archivedFeed.path)).status).toBe(200);

    const left = await engagement(owner, 'Editor leaves', automotive);
    const { editor } = await members();
    const editorFeed = (await (await call(editor, 'POST', `/api/engagements/${left}/calendar-feed`)).json()) as { path: string };
    expect((await feed(editorFeed.path)).status).toBe(200);
    const editorId = ((await (await call(owner, 'GET', `/api/engagements/${left}/members`)).json()) as { members: Array<{ userId: string; email: string }> }).members.find((member) => member.email === 'editor@example.com')!.userId;
    expect((await call(owner, 'DELETE', `/api/engagements/${left}/members/${editorId}`)).status).toBe(204);
    expect((await feed(editorFeed.path)).status).toBe(404);
  });
});
