import { describe, expect, it } from 'vitest';
import {
  customDueAt,
  dateTimeFieldsOf,
  presetDueAt,
  reminderGroupOf,
  snoozeOneHour,
  userTimeZone,
} from './presets';

const NEW_YORK = 'America/New_York';
const TAIPEI = 'Asia/Taipei';
const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('presets in America/New_York around daylight-saving changes', () => {
  // 2026: clocks spring forward on Sunday March 8 at 2:00 (EST −5 → EDT −4) and fall back on
  // Sunday November 1 at 2:00 (EDT −4 → EST −5).
  const saturdayEveningBeforeSpringForward = utc('2026-03-08T01:00:00Z'); // Sat Mar 7, 20:00 EST

  it('puts "tomorrow 9:00" at 9:00 EDT the evening before clocks spring forward', () => {
    expect(presetDueAt('tomorrow', saturdayEveningBeforeSpringForward, NEW_YORK)).toBe(
      utc('2026-03-08T13:00:00Z'),
    );
  });

  it('puts "tomorrow 9:00" at 9:00 EST the evening before clocks fall back', () => {
    const saturdayEvening = utc('2026-11-01T00:00:00Z'); // Sat Oct 31, 20:00 EDT
    expect(presetDueAt('tomorrow', saturdayEvening, NEW_YORK)).toBe(utc('2026-11-01T14:00:00Z'));
  });

  it('keeps 9:00 on the wall clock for "in 3 days" and "next Monday" across the change', () => {
    const fridayMorning = utc('2026-03-06T15:00:00Z'); // Fri Mar 6, 10:00 EST
    expect(presetDueAt('inThreeDays', fridayMorning, NEW_YORK)).toBe(utc('2026-03-09T13:00:00Z'));
    expect(presetDueAt('nextMonday', fridayMorning, NEW_YORK)).toBe(utc('2026-03-09T13:00:00Z'));
    const fridayInOctober = utc('2026-10-30T14:00:00Z'); // Fri Oct 30, 10:00 EDT
    expect(presetDueAt('nextMonday', fridayInOctober, NEW_YORK)).toBe(utc('2026-11-02T14:00:00Z'));
  });

  it('makes "later today" three real hours, even over the skipped and the repeated hour', () => {
    const beforeSpringForward = utc('2026-03-08T05:30:00Z'); // 00:30 EST → 04:30 EDT
    expect(presetDueAt('laterToday', beforeSpringForward, NEW_YORK)).toBe(beforeSpringForward + 3 * HOUR);
    const beforeFallBack = utc('2026-11-01T04:30:00Z'); // 00:30 EDT → 02:30 EST
    expect(presetDueAt('laterToday', beforeFallBack, NEW_YORK)).toBe(beforeFallBack + 3 * HOUR);
  });
});

describe('presets in Asia/Taipei (UTC+8, no daylight saving)', () => {
  it('computes every preset from Taipei’s wall clock', () => {
    const wednesdayAfternoon = utc('2026-03-11T06:00:00Z'); // Wed Mar 11, 14:00
    expect(presetDueAt('laterToday', wednesdayAfternoon, TAIPEI)).toBe(utc('2026-03-11T09:00:00Z'));
    expect(presetDueAt('tomorrow', wednesdayAfternoon, TAIPEI)).toBe(utc('2026-03-12T01:00:00Z'));
    expect(presetDueAt('inThreeDays', wednesdayAfternoon, TAIPEI)).toBe(utc('2026-03-14T01:00:00Z'));
    expect(presetDueAt('nextMonday', wednesdayAfternoon, TAIPEI)).toBe(utc('2026-03-16T01:00:00Z'));
  });

  it('uses Taipei’s date, not UTC’s, just after midnight there', () => {
    const justAfterMidnight = utc('2026-03-11T16:30:00Z'); // Thu Mar 12, 00:30 in Taipei
    expect(presetDueAt('tomorrow', justAfterMidnight, TAIPEI)).toBe(utc('2026-03-13T01:00:00Z'));
  });

  it('takes "next Monday" on a Monday to mean the Monday a week later', () => {
    const mondayMorning = utc('2026-03-16T00:00:00Z'); // Mon Mar 16, 08:00, before 9:00
    expect(presetDueAt('nextMonday', mondayMorning, TAIPEI)).toBe(utc('2026-03-23T01:00:00Z'));
  });

  it('lets "later today" cross midnight', () => {
    const lateEvening = utc('2026-03-11T14:30:00Z'); // 22:30
    const due = presetDueAt('laterToday', lateEvening, TAIPEI);
    expect(due).toBe(utc('2026-03-11T17:30:00Z')); // 01:30 the next day
    expect(dateTimeFieldsOf(due, TAIPEI)).toEqual({ date: '2026-03-12', time: '01:30' });
  });
});

describe('presets at the end of a month and of a year', () => {
  it('goes from January 31 to February 1, and into March in a short February', () => {
    const january31 = utc('2026-01-31T06:00:00Z'); // Sat Jan 31, 14:00 in Taipei
    expect(presetDueAt('tomorrow', january31, TAIPEI)).toBe(utc('2026-02-01T01:00:00Z'));
    const february27 = utc('2026-02-27T06:00:00Z'); // Fri Feb 27 (2026 is no leap year)
    expect(presetDueAt('inThreeDays', february27, TAIPEI)).toBe(utc('2026-03-02T01:00:00Z'));
    const leapFebruary28 = utc('2028-02-28T06:00:00Z');
    expect(presetDueAt('tomorrow', leapFebruary28, TAIPEI)).toBe(utc('2028-02-29T01:00:00Z'));
  });

  it('goes from December 31 into the new year', () => {
    const newYearsEve = utc('2026-12-31T20:00:00Z'); // Thu Dec 31, 15:00 EST
    expect(presetDueAt('tomorrow', newYearsEve, NEW_YORK)).toBe(utc('2027-01-01T14:00:00Z'));
    expect(presetDueAt('nextMonday', newYearsEve, NEW_YORK)).toBe(utc('2027-01-04T14:00:00Z'));
    expect(presetDueAt('laterToday', newYearsEve, NEW_YORK)).toBe(utc('2026-12-31T23:00:00Z'));
  });
});

describe('customDueAt', () => {
  it('reads the date and time on the time zone’s wall clock', () => {
    expect(customDueAt('2026-03-12', '09:30', TAIPEI)).toEqual({
      ok: true,
      dueAt: utc('2026-03-12T01:30:00Z'),
    });
    expect(customDueAt('2026-03-08', '09:00', NEW_YORK)).toEqual({
      ok: true,
      dueAt: utc('2026-03-08T13:00:00Z'),
    });
    expect(customDueAt('2026-03-07', '09:00', NEW_YORK)).toEqual({
      ok: true,
      dueAt: utc('2026-03-07T14:00:00Z'),
    });
  });

  it('refuses the hour that clocks skip when daylight saving starts', () => {
    expect(customDueAt('2026-03-08', '02:30', NEW_YORK)).toEqual({ ok: false, problem: 'nonexistentTime' });
    expect(customDueAt('2026-03-08', '02:00', NEW_YORK)).toEqual({ ok: false, problem: 'nonexistentTime' });
    expect(customDueAt('2026-03-08', '03:00', NEW_YORK)).toEqual({
      ok: true,
      dueAt: utc('2026-03-08T07:00:00Z'),
    });
  });

  it('takes the first of the two 1:30s when clocks fall back', () => {
    expect(customDueAt('2026-11-01', '01:30', NEW_YORK)).toEqual({
      ok: true,
      dueAt: utc('2026-11-01T05:30:00Z'),
    });
  });

  it('refuses dates that do not exist or are not dates', () => {
    for (const date of ['2026-02-30', '2026-13-01', '2026-00-10', '', 'tomorrow', '2026-3-1', '12/03/2026']) {
      expect(customDueAt(date, '09:00', TAIPEI), date).toEqual({ ok: false, problem: 'invalidDate' });
    }
    expect(customDueAt('2028-02-29', '09:00', TAIPEI).ok).toBe(true);
  });

  it('refuses times that are not times of day', () => {
    for (const time of ['', '24:00', '09:60', '9:00', 'noon', '09:00:00']) {
      expect(customDueAt('2026-03-12', time, TAIPEI), time).toEqual({ ok: false, problem: 'invalidTime' });
    }
  });

  it('accepts a time in the past (the form asks whether to fire it now)', () => {
    expect(customDueAt('2001-01-01', '09:00', TAIPEI)).toEqual({
      ok: true,
      dueAt: utc('2001-01-01T01:00:00Z'),
    });
  });
});

describe('reminderGroupOf', () => {
  const now = utc('2026-03-11T06:00:00Z'); // Wed Mar 11, 14:00 in Taipei

  it('groups by the time zone’s calendar day', () => {
    expect(reminderGroupOf(now - 1, now, TAIPEI)).toBe('overdue');
    expect(reminderGroupOf(now, now, TAIPEI)).toBe('overdue');
    expect(reminderGroupOf(utc('2026-03-11T15:59:00Z'), now, TAIPEI)).toBe('today'); // 23:59
    expect(reminderGroupOf(utc('2026-03-11T16:00:00Z'), now, TAIPEI)).toBe('upcoming'); // 00:00 Thursday
    // The same instants are all still Wednesday in New York.
    expect(reminderGroupOf(utc('2026-03-11T16:00:00Z'), now, NEW_YORK)).toBe('today');
  });
});

it('snoozes one real hour and knows the browser’s time zone', () => {
  expect(snoozeOneHour(utc('2026-03-08T06:30:00Z'))).toBe(utc('2026-03-08T07:30:00Z'));
  expect(userTimeZone()).toMatch(/\S/);
});
