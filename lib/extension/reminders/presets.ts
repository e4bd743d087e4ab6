import { TZDate } from '@date-fns/tz';
import { addDays, addHours, format, isSameDay, isValid, nextMonday, parseISO, set } from 'date-fns';

/**
 * When "Remind me" presets fall due. Each is computed on the wall clock of the user's time zone
 * (TZDate does the calendar arithmetic there, so 9:00 stays 9:00 across a daylight-saving change)
 * and stored as an absolute instant.
 */
export const REMINDER_PRESETS = ['laterToday', 'tomorrow', 'inThreeDays', 'nextMonday'] as const;
export type ReminderPreset = (typeof REMINDER_PRESETS)[number];

/** The wall-clock hour of the day presets ("tomorrow 9:00"). */
export const PRESET_HOUR = 9;
const LATER_TODAY_HOURS = 3;

/** The time zone the browser runs in: the user's, for presets and for grouping by day. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function atPresetHour(day: TZDate): number {
  return set(day, { hours: PRESET_HOUR, minutes: 0, seconds: 0, milliseconds: 0 }).getTime();
}

/**
 * The instant a preset falls due. "Later today" is three real hours ahead, even when that is past
 * midnight or across a clock change. "Next Monday" on a Monday is the Monday a week later: the
 * rep asked for next week, and today's 9:00 may be gone already.
 */
export function presetDueAt(preset: ReminderPreset, now: number, timeZone: string): number {
  const today = TZDate.tz(timeZone, now);
  switch (preset) {
    case 'laterToday':
      return addHours(today, LATER_TODAY_HOURS).getTime();
    case 'tomorrow':
      return atPresetHour(addDays(today, 1));
    case 'inThreeDays':
      return atPresetHour(addDays(today, 3));
    case 'nextMonday':
      return atPresetHour(nextMonday(today));
  }
}

/** "Snooze 1 h" from a list or a notification: one real hour from now. */
export function snoozeOneHour(now: number): number {
  return addHours(now, 1).getTime();
}

export type CustomTimeProblem =
  /** Not a calendar date (empty, malformed, or e.g. February 30). */
  | 'invalidDate'
  /** Not a time of day (empty or malformed). */
  | 'invalidTime'
  /** The hour the clocks skip when daylight saving starts: that wall-clock time never happens. */
  | 'nonexistentTime';

export type CustomTime = { ok: true; dueAt: number } | { ok: false; problem: CustomTimeProblem };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/**
 * A date (YYYY-MM-DD) and a time (HH:mm), as `<input type=date|time>` give them, read on the wall
 * clock of `timeZone`. A time in the repeated hour when clocks fall back means its first occurrence.
 * A time in the past is valid here: the form asks whether to fire it now.
 */
export function customDueAt(date: string, time: string, timeZone: string): CustomTime {
  const dateParts = DATE_PATTERN.exec(date.trim());
  // parseISO rejects February 30 and the like, which the TZDate constructor would roll over.
  if (!dateParts || !isValid(parseISO(date.trim()))) return { ok: false, problem: 'invalidDate' };
  const timeParts = TIME_PATTERN.exec(time.trim());
  const hours = Number(timeParts?.[1]);
  const minutes = Number(timeParts?.[2]);
  if (!timeParts || hours > 23 || minutes > 59) return { ok: false, problem: 'invalidTime' };
  const [year, month, day] = [Number(dateParts[1]), Number(dateParts[2]), Number(dateParts[3])];
  const due = new TZDate(year, month - 1, day, hours, minutes, timeZone);
  // A skipped wall-clock time comes back moved forward by the gap: it does not exist.
  if (due.getDate() !== day || due.getHours() !== hours || due.getMinutes() !== minutes) {
    return { ok: false, problem: 'nonexistentTime' };
  }
  return { ok: true, dueAt: due.getTime() };
}

export const REMINDER_GROUPS = ['overdue', 'today', 'upcoming'] as const;
export type ReminderGroup = (typeof REMINDER_GROUPS)[number];

/** Overdue once due; today while due later on today's date in `timeZone`; upcoming after that. */
export function reminderGroupOf(dueAt: number, now: number, timeZone: string): ReminderGroup {
  if (dueAt <= now) return 'overdue';
  return isSameDay(TZDate.tz(timeZone, dueAt), TZDate.tz(timeZone, now)) ? 'today' : 'upcoming';
}

/** An instant as the date and time fields of the custom form, on the wall clock of `timeZone`. */
export function dateTimeFieldsOf(instant: number, timeZone: string): { date: string; time: string } {
  const local = TZDate.tz(timeZone, instant);
  return { date: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm') };
}
