import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, HlcError, receiveHlc, tickHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('encodes so that string order is clock order', () => {
    fc.assert(
      fc.property(
        fc.record({
          wall: fc.nat(2 ** 45),
          counter: fc.nat(999_999),
          node: fc.constantFrom('A', 'B', 'server'),
        }),
        fc.record({
          wall: fc.nat(2 ** 45),
          counter: fc.nat(999_999),
          node: fc.constantFrom('A', 'B', 'server'),
        }),
        (a, b) => {
          const numeric =
            a.wall - b.wall || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
          expect(Math.sign(compareHlc(encodeHlc(a), encodeHlc(b)))).toBe(Math.sign(numeric));
          expect(decodeHlc(encodeHlc(a))).toEqual(a);
        },
      ),
    );
  });

  it('follows the wall clock when it moves forward', () => {
    const first = tickHlc(null, 'A', 1_700_000_000_000);
    expect(decodeHlc(first)).toEqual({ wall: 1_700_000_000_000, counter: 0, node: 'A' });
    expect(decodeHlc(tickHlc(first, 'A', 1_700_000_000_500))).toEqual({
      wall: 1_700_000_000_500,
      counter: 0,
      node: 'A',
    });
  });

  it('still moves forward when the wall clock stands still or goes back', () => {
    let last = tickHlc(null, 'A', 1_700_000_000_000);
    const issued = [last];
    for (const now of [1_700_000_000_000, 1_699_999_000_000, 1_700_000_000_000]) {
      last = tickHlc(last, 'A', now);
      issued.push(last);
    }
    expect([...issued].sort(compareHlc)).toEqual(issued);
    expect(new Set(issued).size).toBe(issued.length);
  });

  it('orders a local event after a remote one it has seen, even from a clock that runs ahead', () => {
    const remote = tickHlc(null, 'B', 1_800_000_000_000);
    const seen = receiveHlc(tickHlc(null, 'A', 1_700_000_000_000), remote, 'A', 1_700_000_000_001);
    const next = tickHlc(seen, 'A', 1_700_000_000_002);
    expect(compareHlc(next, remote)).toBe(1);
  });

  it('rolls the wall part on when the counter is exhausted', () => {
    const full = encodeHlc({ wall: 5, counter: 999_999, node: 'A' });
    expect(decodeHlc(tickHlc(full, 'A', 5))).toEqual({ wall: 6, counter: 0, node: 'A' });
  });

  it('refuses text that is not a timestamp', () => {
    expect(() => decodeHlc('2026-11-26T00:00:00Z')).toThrow(HlcError);
  });
});
