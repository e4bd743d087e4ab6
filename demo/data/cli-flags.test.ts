import { describe, expect, it } from 'vitest';
import { parseInteger, parseNow } from './cli-flags';

describe('generator flags', () => {
  it('read whole numbers, with underscores, and fall back when absent', () => {
    expect(parseInteger('contacts', '100_000', 5)).toBe(100_000);
    expect(parseInteger('contacts', undefined, 5)).toBe(5);
    expect(() => parseInteger('contacts', '1.5', 5)).toThrow('--contacts');
    expect(() => parseInteger('contacts', '-3', 5)).toThrow('--contacts');
  });

  it('read --now as an ISO date or epoch milliseconds', () => {
    expect(parseNow('2025-06-11T10:30:00+08:00')).toBe(Date.UTC(2025, 5, 11, 2, 30));
    expect(parseNow('1749609000000')).toBe(1_749_609_000_000);
    expect(() => parseNow('next tuesday')).toThrow('--now');
  });
});
