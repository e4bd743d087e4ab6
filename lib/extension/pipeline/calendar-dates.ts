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
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const US_DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function cachedFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let dayFormat = cache.get(timeZone);
  if (!dayFormat) {
    dayFormat = new Intl.DateTimeFormat('en-US', {
      timeZone,
      ...options,
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    cache.set(timeZone, dayFormat);
  }
  return dayFormat;
}

function formattedDateAt(instant: number, timeZone: string): CalendarDate {
  const dayFormat = cachedFormat(dayFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const match = US_DATE.exec(dayFormat.format(instant));
  if (match) return `${match[3]}-${match[1]}-${match[2]}`;
  return format(instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** The zone's offset from UTC at an instant (wall clock − UTC, to the second), or null when unreadable. */
function utcOffsetAt(instant: number, timeZone: string): number | null {
  const wallClock = cachedFormat(wallClockFormats, timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const match = US_DATE_TIME.exec(wallClock.format(instant));
  if (!match) return null;
  const [month, day, year, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond;
}

/** One UTC day in one zone: the zone's date before and after its local midnight within that day. */
type UtcDaySplit = { localMidnight: number; before: CalendarDate; after: CalendarDate } | null;
const utcDaySplits = new Map<string, Map<number, UtcDaySplit>>();
const MAX_CACHED_DAYS_PER_ZONE = 100_000;
// Outside these, toISOString's dates are not YYYY-MM-DD.
const FIRST_FOUR_DIGIT_YEAR = Date.UTC(1000, 0, 2);
const LAST_FOUR_DIGIT_DAY = Date.UTC(9999, 11, 30);

/**
 * Where a UTC day's instants change date in the zone. When the offset is the same at the day's
 * first and last millisecond there was no clock change in between (zones change at most once a
 * day), so the date is the UTC date of instant + offset; a day with a change (null) is formatted
 * instant by instant.
 */
function splitUtcDay(utcDay: number, timeZone: string): UtcDaySplit {
  const start = utcDay * DAY_MS;
  if (!(start >= FIRST_FOUR_DIGIT_YEAR && start < LAST_FOUR_DIGIT_DAY)) return null;
  const offset = utcOffsetAt(start, timeZone);
  if (offset === null || offset !== utcOffsetAt(start + DAY_MS - 1, timeZone)) return null;
  const nextLocalMidnight = (Math.floor((start + offset) / DAY_MS) + 1) * DAY_MS;
  return {
    localMidnight: nextLocalMidnight - offset,
    before: fromUtcMidnight(nextLocalMidnight - DAY_MS),
    after: fromUtcMidnight(nextLocalMidnight),
  };
}

/**
 * The user's calendar date at an instant, in their time zone. Reports and the board ask for tens
 * of thousands at once (staleness, won dates, periods) and Intl formatting costs microseconds
 * each, so each UTC day's split into local dates is worked out once per zone (two formats) and
 * reused; a day with a clock change, or a year beyond 9999, goes the general way.
 */
export function calendarDateAt(instant: number, timeZone: string): CalendarDate {
  const utcDay = Math.floor(instant / DAY_MS);
  let splits = utcDaySplits.get(timeZone);
  if (!splits) {
    splits = new Map();
    utcDaySplits.set(timeZone, splits);
  }
  let split = splits.get(utcDay);
  if (split === undefined) {
    split = Number.isFinite(instant) ? splitUtcDay(utcDay, timeZone) : null;
    if (splits.size >= MAX_CACHED_DAYS_PER_ZONE) splits.clear();
    splits.set(utcDay, split);
  }
  if (split === null) return formattedDateAt(instant, timeZone);
  return instant < split.localMidnight ? split.before : split.after;
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
