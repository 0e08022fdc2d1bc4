// The obligations calendar: dated and recurring duties from the assessment, working-day deadlines
// across the Spring Festival, and the iCalendar a calendar client subscribes to.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildObligationsCalendar } from '../src/core/calendar/obligations-calendar.ts';
import { renderCalendarIcs } from '../src/render/render-calendar.ts';
import { landfall } from './cli-harness.ts';
import { assess, book, profile, system, transfer } from './helpers.ts';

const level3 = system({ impact: { businessInformation: { object: 'social_order_and_public_interest', degree: 'serious' }, systemService: { object: 'citizens_and_organisations', degree: 'general' } } });

describe('the obligations calendar', () => {
  it('lists a level 3 system\'s yearly assessments and its PSB filing from go-live', () => {
    const assessment = assess(profile({ systems: [level3], plan: { start: '2027-01-01', goLive: '2027-06-01' } }), '2026-12-01');
    const calendar = buildObligationsCalendar(book, assessment, {}, 2);
    const yearly = calendar.entries.find((entry) => entry.id === 'mlps-assessment.app')!;
    expect(yearly).toMatchObject({ kind: 'recurring', date: '2027-06-01', repeatEveryMonths: 12, anchor: { what: 'go-live', source: 'plan' } });
    expect(yearly.occurrences).toEqual(['2027-06-01', '2028-06-01', '2029-06-01']);
    expect(calendar.entries.find((entry) => entry.id === 'mlps-filing.app')).toMatchObject({ kind: 'deadline', date: '2027-07-01' });
    const fromLast = buildObligationsCalendar(book, assessment, { lastMlpsAssessment: { app: '2027-03-10' } }).entries.find((entry) => entry.id === 'mlps-assessment.app')!;
    expect(fromLast).toMatchObject({ date: '2028-03-10', anchor: { what: 'last MLPS assessment', source: 'given' } });
  });

  it('counts the standard-contract filing deadline in working days across the 2026 Spring Festival', () => {
    const assessment = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] }), '2026-01-15');
    const filing = buildObligationsCalendar(book, assessment, { transferEffective: '2026-02-10' }).entries.find((entry) => entry.id === 'cbdt.scc-filing')!;
    expect(filing.date).toBe('2026-03-02');
    expect(filing.detail).toContain('Spring Festival');
    expect(filing.needsLegalReview).toBe(false);
    const later = buildObligationsCalendar(book, assessment, { transferEffective: '2027-02-10' }).entries.find((entry) => entry.id === 'cbdt.scc-filing')!;
    expect(later.needsLegalReview).toBe(true);
    expect(later.detail).toContain('not in the content yet');
  });

  it('dates a security assessment\'s expiry and the extension window before it', () => {
    const assessment = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 1_500_000 })] }), '2026-12-01');
    const entries = buildObligationsCalendar(book, assessment, { transferEffective: '2026-03-16' }).entries;
    expect(entries.find((entry) => entry.id === 'cbdt.assessment-expiry')).toMatchObject({ date: '2029-03-16' });
    const extension = entries.find((entry) => entry.id === 'cbdt.assessment-extension')!;
    expect(extension.date! < '2029-03-16').toBe(true);
    expect(extension.detail).toContain('60 working days before expiry');
    expect(entries.find((entry) => entry.id === 'cbdt.refile-on-change')?.kind).toBe('trigger');
  });

  it('exports iCalendar with stable UIDs and recurring duties as RRULEs', () => {
    const calendar = buildObligationsCalendar(book, assess(profile({ systems: [level3], plan: { start: '2027-01-01', goLive: '2027-06-01' } }), '2026-12-01'));
    const text = renderCalendarIcs(calendar);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const yearly = events.find((event) => event.uid.startsWith('mlps-assessment.app.'))!;
    expect(yearly.startDate.toString()).toBe('2027-06-01');
    expect(yearly.isRecurring()).toBe(true);
    expect(String(yearly.component.getFirstPropertyValue('rrule'))).toContain('INTERVAL=12');
    expect(renderCalendarIcs(calendar).match(/UID:[^\r\n]+/g)).toEqual(text.match(/UID:[^\r\n]+/g));
  });
});

describe('landfall calendar', () => {
  it('prints iCalendar, Markdown or JSON, and refuses a bad date with exit 2', async () => {
    const ics = await landfall('calendar', 'examples/fintech-cii.yaml', '--format', 'ics', '--as-of', '2026-12-01');
    expect(ics.status).toBe(0);
    expect(ics.stdout).toMatch(/^BEGIN:VCALENDAR/);
    const md = await landfall('calendar', 'examples/automotive-oem.yaml', '--format', 'md', '--as-of', '2026-12-01');
    expect(md.stdout).toContain('# Obligations calendar: Example Motors GmbH');
    expect(md.stdout).toContain('MLPS assessment (level 3)');
    const json = JSON.parse((await landfall('calendar', 'examples/automotive-oem.yaml', '--as-of', '2026-12-01')).stdout) as { entries: unknown[] };
    expect(json.entries.length).toBeGreaterThan(3);
    const bad = await landfall('calendar', 'examples/automotive-oem.yaml', '--go-live', '2027-13-01', '--years', '50');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--go-live');
    expect(bad.stderr).toContain('--years');
  });
});
