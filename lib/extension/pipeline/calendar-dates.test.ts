import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  calendarDateAt,
  calendarDaysBetween,
  laterDate,
} from './calendar-dates';

const calendarDate = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('calendar dates', () => {
  it('reads today in the given time zone, not in UTC', () => {
    const instant = Date.UTC(2026, 10, 26, 16, 30);
    expect(calendarDateAt(instant, 'UTC')).toBe('2026-11-26');
    expect(calendarDateAt(instant, 'Asia/Taipei')).toBe('2026-11-27');
    expect(calendarDateAt(instant, 'America/Los_Angeles')).toBe('2026-11-26');
  });

  it('reads the same day as date-fns in any zone, across daylight-saving changes and odd offsets', () => {
    const zones = ['UTC', 'Asia/Taipei', 'America/Los_Angeles', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2199, 11, 31) }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          expect(calendarDateAt(instant, zone)).toBe(format(instant, 'yyyy-MM-dd', { in: tz(zone) }));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the same day as date-fns on the days clocks change, where cached days are not used', () => {
    const zones = ['America/Los_Angeles', 'Australia/Lord_Howe', 'America/Santiago', 'Europe/London'];
    // Every minute of a week around each 2026 change, in zones that change at 00:00 or 02:00.
    const changeWeeks = [
      Date.UTC(2026, 2, 5),
      Date.UTC(2026, 3, 1),
      Date.UTC(2026, 8, 3),
      Date.UTC(2026, 9, 22),
    ];
    for (const zone of zones) {
      for (const weekStart of changeWeeks) {
        for (let instant = weekStart; instant < weekStart + 7 * 24 * 3600_000; instant += 60_000 * 7) {
          expect(calendarDateAt(instant, zone)).toBe(format(instant, 'yyyy-MM-dd', { in: tz(zone) }));
        }
      }
    }
  });

  it('adds months keeping the day, or the month’s last day when it has no such day', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('adds days across month, year and daylight-saving boundaries', () => {
    expect(addCalendarDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addCalendarDays('2026-03-05', 7)).toBe('2026-03-12');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts the days it added, and orders dates as the days they name', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -3000, max: 3000 }), (date, days) => {
        const moved = addCalendarDays(date, days);
        expect(calendarDaysBetween(date, moved)).toBe(days);
        expect(laterDate(date, moved)).toBe(days >= 0 ? moved : date);
      }),
    );
  });
});
