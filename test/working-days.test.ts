import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../src/core/law/working-days.ts';
import { book } from './helpers.ts';

describe('PRC working days from the State Council holiday schedules', () => {
  it('skips the 2026 Spring Festival and counts its make-up Saturdays', () => {
    // A standard contract effective on Tuesday 2026-02-10, filed within 10 working days: Feb 11-14
    // (Saturday the 14th is worked), the holiday of Feb 15-23, then Feb 24-28 (Saturday the 28th is
    // worked) and Monday 2 March.
    const deadline = addWorkingDays(book, '2026-02-10', 10);
    expect(deadline.date).toBe('2026-03-02');
    expect(deadline.withinKnownCalendar).toBe(true);
    expect(deadline.holidaysCrossed).toEqual([{ name: 'Spring Festival', zh: '春节' }]);
    expect(deadline.notices.map((notice) => notice.issued)).toEqual(['2025-11-04']);
    // Counted on weekdays alone, the same period would end on 2026-02-24, mid-holiday.
    expect(isWorkingDay(book, '2026-02-24')).toMatchObject({ working: true, known: true });
    expect(isWorkingDay(book, '2026-02-16')).toMatchObject({ working: false, holiday: { name: 'Spring Festival', zh: '春节' } });
    expect(isWorkingDay(book, '2026-02-14')).toMatchObject({ working: true, known: true, holiday: null });
  });

  it('counts the 2025 Spring Festival, whose make-up days fall on both sides of it', () => {
    expect(isWorkingDay(book, '2025-01-26').working).toBe(true); // a Sunday worked
    expect(addWorkingDays(book, '2025-01-24', 3).date).toBe('2025-02-05'); // Jan 26, Jan 27, then Feb 5
  });

  it('says when a period runs beyond the last year the content knows, and counts weekdays there', () => {
    const deadline = addWorkingDays(book, '2026-12-28', 10);
    expect(deadline.withinKnownCalendar).toBe(false);
    expect(deadline.lastKnownYear).toBe(2026);
    expect(deadline.date).toBe('2027-01-11');
  });

  it('counts a plain period with no holiday in it as weekdays', () => {
    expect(addWorkingDays(book, '2026-03-02', 5)).toMatchObject({ date: '2026-03-09', withinKnownCalendar: true, holidaysCrossed: [] });
  });
});
