import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { idSchema } from '../../lib/shared/model';
import { createRandom, randomString } from './random';
import { seededUlid } from './seeded-ulid';

describe('seededUlid', () => {
  it('makes valid ULIDs that decode to the given time', () => {
    const random = createRandom(1);
    for (const time of [0, Date.UTC(2000, 0, 1), Date.UTC(2025, 5, 1, 3, 4, 5, 678), 2 ** 48 - 1]) {
      const id = seededUlid(random, time);
      expect(idSchema.safeParse(id).success).toBe(true);
      expect(decodeTime(id)).toBe(time);
    }
  });

  it('repeats for the same seed and differs between seeds', () => {
    const time = Date.UTC(2025, 0, 1);
    const run = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => seededUlid(random, time));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    expect(new Set(run(42)).size).toBe(5);
  });

  it('refuses times a ULID cannot hold', () => {
    const random = createRandom(1);
    expect(() => seededUlid(random, -1)).toThrow(RangeError);
    expect(() => seededUlid(random, 2 ** 48)).toThrow(RangeError);
    expect(() => seededUlid(random, 1.5)).toThrow(RangeError);
  });
});

describe('createRandom', () => {
  it('stays in range and uses every value', () => {
    const random = createRandom(7);
    const seen = new Set<number>();
    for (let draw = 0; draw < 1000; draw++) {
      const value = random.int(1, 6);
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThanOrEqual(6);
      seen.add(value);
    }
    expect(seen.size).toBe(6);
  });

  it('samples distinct items and random strings from the alphabet', () => {
    const random = createRandom(7);
    const sample = random.sample([1, 2, 3, 4, 5, 6, 7, 8], 5);
    expect(new Set(sample).size).toBe(5);
    expect(randomString(random, 'abc', 200)).toMatch(/^[abc]{200}$/);
  });
});
