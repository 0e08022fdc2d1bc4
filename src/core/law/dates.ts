// Calendar arithmetic on ISO dates (YYYY-MM-DD), without reading the clock.

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

const format = (value: Date): string => value.toISOString().slice(0, 10);

/**
 * Date arithmetic answers, by date and amount: an assessment asks the same few sums again and
 * again (plan start plus a duration, a regime's effective date less a day). Kept by date, then
 * amount (no key text to build); bounded, then started afresh.
 */
const DAY_SUMS = new Map<string, Map<number, string>>();
const MONTH_SUMS = new Map<string, Map<number, string>>();
const DATES_KEPT = 1024;

function sumsOf(table: Map<string, Map<number, string>>, date: string): Map<number, string> {
  let sums = table.get(date);
  if (!sums) {
    if (table.size >= DATES_KEPT) table.clear();
    sums = new Map();
    table.set(date, sums);
  }
  return sums;
}

export function addDays(date: string, days: number): string {
  const sums = sumsOf(DAY_SUMS, date);
  let sum = sums.get(days);
  if (sum === undefined) {
    if (sums.size >= DATES_KEPT) sums.clear();
    sum = computeAddDays(date, days);
    sums.set(days, sum);
  }
  return sum;
}

/** Adds whole or fractional months; the fraction is taken as days of a 30.44-day month. */
export function addMonths(date: string, months: number): string {
  const sums = sumsOf(MONTH_SUMS, date);
  let sum = sums.get(months);
  if (sum === undefined) {
    if (sums.size >= DATES_KEPT) sums.clear();
    sum = computeAddMonths(date, months);
    sums.set(months, sum);
  }
  return sum;
}

function computeAddDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return format(new Date(Date.UTC(year, month - 1, day + days)));
}

function computeAddMonths(date: string, months: number): string {
  const whole = Math.floor(months);
  const [year, month, day] = parts(date);
  const lastDayOfTarget = new Date(Date.UTC(year, month - 1 + whole + 1, 0)).getUTCDate();
  const shifted = format(new Date(Date.UTC(year, month - 1 + whole, Math.min(day, lastDayOfTarget))));
  return computeAddDays(shifted, Math.round((months - whole) * 30.44));
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = parts(value);
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Months from `from` to `to`, as a decimal (30.44 days a month). */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return (Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / (86_400_000 * 30.44);
}
