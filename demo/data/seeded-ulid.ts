import type { Id } from '../../lib/shared/model';
import { type Random, randomString } from './random';

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;

/**
 * A ULID (10 base32 characters of milliseconds, then 16 random ones) whose random part comes from
 * a seeded PRNG, so generated data keeps the same ids run after run. Unlike `newId`, two ids in
 * the same millisecond are not ordered; generators give each record its own instant when it matters.
 */
export function seededUlid(random: Random, time: number): Id {
  if (!Number.isInteger(time) || time < 0 || time > 2 ** 48 - 1) {
    throw new RangeError(`cannot encode ${time} as a ULID time`);
  }
  let timePart = '';
  let remaining = time;
  for (let index = 0; index < TIME_LENGTH; index++) {
    timePart = CROCKFORD_BASE32[remaining % 32] + timePart;
    remaining = Math.floor(remaining / 32);
  }
  return timePart + randomString(random, CROCKFORD_BASE32, RANDOM_LENGTH);
}
