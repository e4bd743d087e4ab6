import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Calendar days written YYYY-MM-DD (expected close dates, due dates). They have no time zone:
 * only "today" depends on where the user is, so it is the one place a zone enters. The arithmetic
 * runs on UTC midnights, where every day is 24 hours long.
 */
export type CalendarDate = string;

const DAY_MS = 24 * 3600_000;

/** The user's calendar date at an instant, in their time zone. */
export function calendarDateAt(instant: number, timeZone: string): CalendarDate {
  return format(instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

function toUtcMidnight(date: CalendarDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

function fromUtcMidnight(instant: number): CalendarDate {
  return new Date(instant).toISOString().slice(0, 10);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** The same day a number of months later; a day the month lacks becomes its last (Jan 31 → Feb 28). */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDayOfTarget = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return fromUtcMidnight(Date.UTC(year, month - 1 + months, Math.min(day, lastDayOfTarget)));
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

export function laterDate(left: CalendarDate, right: CalendarDate): CalendarDate {
  // YYYY-MM-DD strings sort as the days they name.
  return left > right ? left : right;
}
