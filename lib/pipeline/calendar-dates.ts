import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Calendar days written YYYY-MM-DD (expected close dates, due dates). They have no time zone:
 * only "today" depends on where the user is, so it is the one place a zone enters. The arithmetic
 * runs on UTC midnights, where every day is 24 hours long.
 */
export type CalendarDate = string;

const DAY_MS = 24 * 3600_000;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * The user's calendar date at an instant, in their time zone. The board asks for thousands at
 * once (staleness, closed this month), so one Intl formatter per zone is kept and its plain
 * MM/DD/YYYY text read back (formatToParts and date-fns's tz are ten times slower); anything else
 * that text could be (a year beyond 9999) goes the general way.
 */
export function calendarDateAt(instant: number, timeZone: string): CalendarDate {
  let dayFormat = dayFormats.get(timeZone);
  if (!dayFormat) {
    dayFormat = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    dayFormats.set(timeZone, dayFormat);
  }
  const match = US_DATE.exec(dayFormat.format(instant));
  if (match) return `${match[3]}-${match[1]}-${match[2]}`;
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
