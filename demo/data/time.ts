import type { Random } from './random';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Taiwan keeps UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const TAIPEI_OFFSET_MS = 8 * HOUR_MS;

/** The calendar day (YYYY-MM-DD) an instant falls on in Taipei. */
export function taipeiDay(instant: number): string {
  return new Date(instant + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight in Taipei of the day the instant falls on. */
export function taipeiMidnight(instant: number): number {
  return Math.floor((instant + TAIPEI_OFFSET_MS) / DAY_MS) * DAY_MS - TAIPEI_OFFSET_MS;
}

/**
 * A time during office hours (09:00–18:30 Taipei) on the instant's day, moved back to Friday when
 * the day is a weekend, so that generated calls and mails look like someone's working week.
 */
export function duringOfficeHours(random: Random, instant: number): number {
  const midnight = taipeiMidnight(instant);
  const weekday = new Date(midnight + TAIPEI_OFFSET_MS).getUTCDay();
  const weekdayMidnight = midnight - (weekday === 6 ? 1 : weekday === 0 ? 2 : 0) * DAY_MS;
  return weekdayMidnight + 9 * HOUR_MS + random.int(0, 9 * 60 + 30) * MINUTE_MS + random.int(0, 59_999);
}
