// The obligations calendar: dated and recurring duties from the assessment, working-day deadlines
// across the Spring Festival, and the iCalendar a calendar client subscribes to.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { buildObligationsCalendar, type ObligationsCalendar } from '../src/core/calendar/obligations-calendar.ts';
import { renderCalendarIcs, renderCalendarMarkdown } from '../src/render/render-calendar.ts';
import { engineText } from '../src/i18n/messages.ts';
import { landfall } from './cli-harness.ts';
import { assess, book, profile, system, transfer } from './helpers.ts';

const say = engineText();
const level3 = system({ impact: { businessInformation: { object: 'social_order_and_public_interest', degree: 'serious' }, systemService: { object: 'citizens_and_organisations', degree: 'general' } } });

describe('the obligations calendar', () => {
  it('lists a level 3 system\'s yearly assessments and its PSB filing from go-live', () => {
    const assessment = assess(profile({ systems: [level3], plan: { start: '2027-01-01', goLive: '2027-06-01' } }), '2026-12-01');
    const calendar = buildObligationsCalendar(book, assessment, say, {}, 2);
    const yearly = calendar.entries.find((entry) => entry.id === 'mlps-assessment.app')!;
    expect(yearly).toMatchObject({ kind: 'recurring', date: '2027-06-01', repeatEveryMonths: 12, anchor: { what: 'go-live', source: 'plan' } });
    expect(yearly.occurrences).toEqual(['2027-06-01', '2028-06-01', '2029-06-01']);
    expect(calendar.entries.find((entry) => entry.id === 'mlps-filing.app')).toMatchObject({ kind: 'deadline', date: '2027-07-01' });
    const fromLast = buildObligationsCalendar(book, assessment, say, { lastMlpsAssessment: { app: '2027-03-10' } }).entries.find((entry) => entry.id === 'mlps-assessment.app')!;
    expect(fromLast).toMatchObject({ date: '2028-03-10', anchor: { what: 'last MLPS assessment', source: 'given' } });
  });

  it('counts the standard-contract filing deadline in working days across the 2026 Spring Festival', () => {
    const assessment = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] }), '2026-01-15');
    const filing = buildObligationsCalendar(book, assessment, say, { transferEffective: '2026-02-10' }).entries.find((entry) => entry.id === 'cbdt.scc-filing')!;
    expect(filing.date).toBe('2026-03-02');
    expect(filing.detail).toContain('Spring Festival');
    expect(filing.needsLegalReview).toBe(false);
    const later = buildObligationsCalendar(book, assessment, say, { transferEffective: '2027-02-10' }).entries.find((entry) => entry.id === 'cbdt.scc-filing')!;
    expect(later.needsLegalReview).toBe(true);
    expect(later.detail).toContain('not in the content yet');
  });

  it('dates a security assessment\'s expiry and the extension window before it', () => {
    const assessment = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 1_500_000 })] }), '2026-12-01');
    const entries = buildObligationsCalendar(book, assessment, say, { transferEffective: '2026-03-16' }).entries;
    expect(entries.find((entry) => entry.id === 'cbdt.assessment-expiry')).toMatchObject({ date: '2029-03-16' });
    const extension = entries.find((entry) => entry.id === 'cbdt.assessment-extension')!;
    expect(extension.date! < '2029-03-16').toBe(true);
    expect(extension.detail).toContain('60 working days before expiry');
    expect(entries.find((entry) => entry.id === 'cbdt.refile-on-change')?.kind).toBe('trigger');
  });

  it('exports iCalendar with stable UIDs and recurring duties as RRULEs', () => {
    const calendar = buildObligationsCalendar(book, assess(profile({ systems: [level3], plan: { start: '2027-01-01', goLive: '2027-06-01' } }), '2026-12-01'), say);
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

describe('the obligations calendar in zh-CN', () => {
  const zh = engineText('zh-CN');
  const examplesDir = join(import.meta.dirname, '..', 'examples');
  /** Three or more English words in a row (ids, standard numbers and acronyms aside), as test/engine-zh.test.ts checks. */
  const ENGLISH_RUN = /\b[A-Za-z][a-z]+(?:[ ,;:-]+[A-Za-z][a-z]+){2,}\b/;
  const CJK = /[\u4e00-\u9fff]/;
  const shape = (calendar: ObligationsCalendar) => calendar.entries.map((entry) => [entry.id, entry.kind, entry.date, entry.occurrences, entry.repeatEveryMonths, entry.anchor?.date ?? null, entry.anchor?.source ?? null, entry.needsLegalReview, entry.citation.instrument, entry.citation.article]);

  for (const file of readdirSync(examplesDir).filter((name) => name.endsWith('.yaml'))) {
    it(`writes the calendar of ${file} in Chinese, with the same dates and ids as in English`, () => {
      const parsed = parseProfileText(readFileSync(join(examplesDir, file), 'utf8'), file);
      if (!parsed.ok) throw new Error(`${file} is invalid`);
      // Names from the profile are names, in any language.
      const named = parsed.value as { organisation: { name: string }; systems: Array<{ id: string; name?: string }> };
      const names = [named.organisation.name, ...named.systems.flatMap((item) => [item.id, item.name ?? ''])].filter((name) => name.length > 0).sort((a, b) => b.length - a.length);
      for (const [asOf, anchors] of [['2026-12-01', {}], ['2026-01-15', { goLive: '2027-03-01', transferEffective: '2026-02-10' }], ['2026-12-01', { transferEffective: '2027-02-10' }]] as const) {
        const english = buildObligationsCalendar(book, assessProfile(book, parsed.value, asOf, say), say, anchors);
        const chinese = buildObligationsCalendar(book, assessProfile(book, parsed.value, asOf, zh), zh, anchors);
        expect(shape(chinese)).toEqual(shape(english));
        expect(chinese.entries.length).toBeGreaterThan(0);
        for (const entry of chinese.entries) {
          for (const text of [entry.title, entry.detail, entry.anchor?.what ?? '']) {
            let stripped = text;
            for (const name of names) stripped = stripped.replaceAll(name, '');
            expect(stripped, `${file} ${asOf} ${entry.id}: ${text}`).not.toMatch(ENGLISH_RUN);
          }
          expect(entry.title, `${file} ${entry.id}`).toMatch(CJK);
          expect(entry.detail, `${file} ${entry.id}`).toMatch(CJK);
        }
      }
    });
  }

  it('names the holidays crossed and the missing schedule in Chinese', () => {
    const english = assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] }), '2026-01-15');
    const chinese = assessProfile(book, profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] }) as never, '2026-01-15', zh);
    const filing = buildObligationsCalendar(book, chinese, zh, { transferEffective: '2026-02-10' }).entries.find((entry) => entry.id === 'cbdt.scc-filing')!;
    expect(filing.title).toBe('向省级网信部门办理标准合同备案');
    expect(filing.detail).toContain('期间跨越春节');
    expect(filing.date).toBe(buildObligationsCalendar(book, english, say, { transferEffective: '2026-02-10' }).entries.find((entry) => entry.id === 'cbdt.scc-filing')!.date);
    const later = buildObligationsCalendar(book, chinese, zh, { transferEffective: '2027-02-10' }).entries.find((entry) => entry.id === 'cbdt.scc-filing')!;
    expect(later.detail).toContain('2026 年之后的日期按周一至周五计算');
    expect(later.citation.title).toBe('个人信息出境标准合同办法');
  });

  it('exports iCalendar that parses in both languages, with the same UIDs and dates', () => {
    const input = profile({ systems: [level3], plan: { start: '2027-01-01', goLive: '2027-06-01' } });
    const english = renderCalendarIcs(buildObligationsCalendar(book, assess(input, '2026-12-01'), say));
    const chinese = renderCalendarIcs(buildObligationsCalendar(book, assessProfile(book, input as never, '2026-12-01', zh), zh), { locale: 'zh-CN' });
    const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events(chinese).map((event) => [event.uid, event.startDate.toString()])).toEqual(events(english).map((event) => [event.uid, event.startDate.toString()]));
    const yearly = events(chinese).find((event) => event.uid.startsWith('mlps-assessment.app.'))!;
    expect(yearly.summary).toContain('等级测评（第3级）');
    expect(yearly.description).toContain('起算依据：上线（2027-06-01，按计划）。');
    expect(yearly.description).toContain('依据：《信息安全等级保护管理办法》第 14 条');
    expect(String(yearly.component.getFirstPropertyValue('rrule'))).toContain('INTERVAL=12');
    expect(new ICAL.Component(ICAL.parse(chinese)).getFirstPropertyValue('x-wr-calname')).toMatch(/^在华合规义务：/);
  });

  it('renders the Markdown in Chinese and escapes the profile\'s names in it', () => {
    const input = profile({ systems: [{ ...level3, name: 'Shop | <b>*x*</b>' }], plan: { start: '2027-01-01', goLive: '2027-06-01' } });
    const calendar = buildObligationsCalendar(book, assessProfile(book, input as never, '2026-12-01', zh), zh);
    const md = renderCalendarMarkdown(calendar, 'zh-CN');
    expect(md).toContain('| 日期 | 义务 | 周期 | 起算依据 | 依据 |');
    expect(md).toContain('Shop \\| \\<b\\>\\*x\\*\\</b\\>：等级测评（第3级）');
    expect(md).not.toContain('<b>');
    expect(md).toContain('每 12 个月一次（2027-06-01、2028-06-01、2029-06-01、2030-06-01）');
  });

  it('landfall calendar --lang zh-CN writes Chinese; another language is refused with exit 2 naming both', async () => {
    const md = await landfall('calendar', 'examples/automotive-oem.yaml', '--format', 'md', '--as-of', '2026-12-01', '--lang', 'zh-CN');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# 合规义务日历：Example Motors GmbH');
    expect(md.stdout).toContain('等级测评（第3级）');
    expect(md.stdout).toContain('## 情况变化时');
    const json = JSON.parse((await landfall('calendar', 'examples/automotive-oem.yaml', '--as-of', '2026-12-01', '--lang', 'zh-CN')).stdout) as ObligationsCalendar;
    expect(json.entries.some((entry) => entry.title.includes('向公安机关办理等级保护备案'))).toBe(true);
    const bad = await landfall('calendar', 'examples/automotive-oem.yaml', '--lang', 'fr');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lang');
    expect(bad.stderr).toContain('en, zh-CN');
  });
});
