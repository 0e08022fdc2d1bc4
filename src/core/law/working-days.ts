// Deadlines in PRC working days (工作日): Monday to Friday, less the public holidays of the State
// Council's schedule for the year, plus the weekend days it makes working days (调休上班). The
// schedule is published each November for the next year, so a deadline that runs into a year the
// content has no schedule for is counted on weekdays alone there, and says so.
import type { HolidayYear, LawBook } from './content-schema.ts';
import { addDays } from './dates.ts';

export interface WorkingDayDeadline {
  /** The last day of the period: the Nth working day after the start. */
  date: string;
  /** False when the period reaches a year without a holiday schedule in content/. */
  withinKnownCalendar: boolean;
  /** The last year whose schedule the content holds, or null when it holds none. */
  lastKnownYear: number | null;
  /** The notices whose schedules the count used. */
  notices: Array<Pick<HolidayYear['notice'], 'title' | 'number' | 'issued' | 'url'>>;
  /** Holidays that fell inside the period, so a reader sees why it is longer than it looks. */
  holidaysCrossed: Array<{ name: string; zh: string }>;
}

type HolidayName = { name: string; zh: string };

interface YearIndex {
  holidays: Map<string, HolidayName>;
  workdays: Set<string>;
  calendar: HolidayYear;
}

const indexes = new WeakMap<LawBook, Map<number, YearIndex>>();

function yearIndex(book: LawBook, year: number): YearIndex | undefined {
  let byYear = indexes.get(book);
  if (!byYear) {
    byYear = new Map();
    for (const calendar of book.holidays.values()) {
      const holidays = new Map<string, HolidayName>();
      for (const holiday of calendar.holidays) {
        const name = { name: holiday.name, zh: holiday.zh };
        for (let day = holiday.from; day <= holiday.to; day = addDays(day, 1)) holidays.set(day, name);
      }
      byYear.set(calendar.year, { holidays, workdays: new Set(calendar.makeUpWorkdays), calendar });
    }
    indexes.set(book, byYear);
  }
  return byYear.get(year);
}

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Whether a date is a working day, and whether the content knows that year's schedule. */
export function isWorkingDay(book: LawBook, date: string): { working: boolean; known: boolean; holiday: HolidayName | null } {
  const index = yearIndex(book, Number(date.slice(0, 4)));
  if (index?.workdays.has(date)) return { working: true, known: true, holiday: null };
  const holiday = index?.holidays.get(date) ?? null;
  if (holiday) return { working: false, known: true, holiday };
  const day = weekday(date);
  return { working: day !== 0 && day !== 6, known: index != null, holiday: null };
}

/** The date `days` working days after `start` (the start day itself is not counted). */
export function addWorkingDays(book: LawBook, start: string, days: number): WorkingDayDeadline {
  let date = start;
  let counted = 0;
  let withinKnownCalendar = true;
  const years = new Set<number>();
  const crossed = new Map<string, HolidayName>();
  while (counted < days) {
    date = addDays(date, 1);
    const check = isWorkingDay(book, date);
    if (!check.known) withinKnownCalendar = false;
    else years.add(Number(date.slice(0, 4)));
    if (check.holiday) crossed.set(check.holiday.name, check.holiday);
    if (check.working) counted += 1;
  }
  const known = [...book.holidays.keys()];
  return {
    date,
    withinKnownCalendar,
    lastKnownYear: known.length === 0 ? null : Math.max(...known),
    notices: [...years].sort().map((year) => {
      const { title, number, issued, url } = yearIndex(book, year)!.calendar.notice;
      return { title, number, issued, url };
    }),
    holidaysCrossed: [...crossed.values()],
  };
}

/** The date `days` working days before `end` (for windows that close at a deadline, such as an extension). */
export function workingDaysBefore(book: LawBook, end: string, days: number): WorkingDayDeadline {
  let date = end;
  let counted = 0;
  let withinKnownCalendar = true;
  const crossed = new Map<string, HolidayName>();
  while (counted < days) {
    date = addDays(date, -1);
    const check = isWorkingDay(book, date);
    if (!check.known) withinKnownCalendar = false;
    if (check.holiday) crossed.set(check.holiday.name, check.holiday);
    if (check.working) counted += 1;
  }
  const known = [...book.holidays.keys()];
  return { date, withinKnownCalendar, lastKnownYear: known.length === 0 ? null : Math.max(...known), notices: [], holidaysCrossed: [...crossed.values()] };
}
