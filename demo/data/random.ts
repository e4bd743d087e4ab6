/**
 * A small seeded PRNG (mulberry32) with the helpers the generators need. Demo and benchmark data
 * must be reproducible from a seed, which Math.random cannot give.
 */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let target = next() * total;
      for (const [item, weight] of entries) {
        target -= weight;
        if (target < 0) return item;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error('cannot pick from an empty list');
      return last[0];
    },
    sample: (items, count) => {
      const pool = [...items];
      const size = Math.min(count, pool.length);
      for (let index = 0; index < size; index++) {
        const swap = index + Math.floor(next() * (pool.length - index));
        [pool[index], pool[swap]] = [
          pool[swap] as (typeof pool)[number],
          pool[index] as (typeof pool)[number],
        ];
      }
      return pool.slice(0, size);
    },
  };
}

/** Random characters from `alphabet`, several per 32-bit draw: large generators make millions. */
export function randomString(random: Random, alphabet: string, length: number): string {
  const base = alphabet.length;
  const perDraw = Math.max(1, Math.floor(32 / Math.log2(base)));
  let text = '';
  let value = 0;
  let left = 0;
  for (let index = 0; index < length; index++) {
    if (left === 0) {
      value = Math.floor(random.next() * 4294967296);
      left = perDraw;
    }
    text += alphabet[value % base];
    value = Math.floor(value / base);
    left--;
  }
  return text;
}
