import { describe, expect, it } from 'vitest';
import { dateOrderFor, parseDisplayedDate } from './mail-dates';

const local = (year: number, month: number, day: number, hour: number, minute: number) =>
  new Date(year, month - 1, day, hour, minute).getTime();

describe('dates as mail sites display them', () => {
  it.each([
    ['Tue, Nov 24, 2026, 10:12\u202fAM', local(2026, 11, 24, 10, 12)],
    ['Tue, Nov 24, 2026, 10:12 PM', local(2026, 11, 24, 22, 12)],
    ['Nov 24, 2026, 12:05 AM', local(2026, 11, 24, 0, 5)],
    ['Tue, 24 Nov 2026, 10:12', local(2026, 11, 24, 10, 12)],
    ['Di., 24. Nov. 2026, 10:12', local(2026, 11, 24, 10, 12)],
    ['2026年11月24日 週二 上午10:12', local(2026, 11, 24, 10, 12)],
    ['2026年11月23日 週一 下午4:05', local(2026, 11, 23, 16, 5)],
    ['2026年11月24日 周二 中午12:30', local(2026, 11, 24, 12, 30)],
    ['2026年11月24日(火) 15:04', local(2026, 11, 24, 15, 4)],
    ['週二 2026/11/24 上午 10:12', local(2026, 11, 24, 10, 12)],
    ['Tue 11/24/2026 10:12 AM', local(2026, 11, 24, 10, 12)],
  ])('%s', (text, expected) => {
    expect(parseDisplayedDate(text)).toBe(expected);
  });

  it('reads numeric dates in the page language’s order, and unambiguous ones either way', () => {
    expect(parseDisplayedDate('Tue 03/11/2026 10:12', 'day-first')).toBe(local(2026, 11, 3, 10, 12));
    expect(parseDisplayedDate('Tue 03/11/2026 10:12', 'month-first')).toBe(local(2026, 3, 11, 10, 12));
    expect(parseDisplayedDate('Tue 24/11/2026 10:12', 'month-first')).toBe(local(2026, 11, 24, 10, 12));
    expect(dateOrderFor('en-US')).toBe('month-first');
    expect(dateOrderFor('en-GB')).toBe('day-first');
  });

  it('gives up on relative, impossible or hostile text', () => {
    for (const text of [
      '2 hours ago',
      'Yesterday',
      'Feb 30, 2026, 10:00 AM',
      '<img src=x>',
      '',
      '1999年1月1日 上午1:00',
    ]) {
      expect(parseDisplayedDate(text), text).toBeNull();
    }
  });
});
