import { z } from 'zod';

/**
 * Hybrid logical clock timestamps (Kulkarni et al.): wall-clock milliseconds, a counter that
 * orders events within one millisecond or while the wall clock lags a timestamp already seen, and
 * the issuing node (a sync client id, or "server"). Encoded with fixed-width numbers so that
 * comparing the strings compares the clocks; the node part breaks ties deterministically.
 */
export const HLC_PATTERN = /^(\d{15}):(\d{6}):([0-9A-Za-z_-]{1,64})$/;

export const hlcSchema = z.string().regex(HLC_PATTERN, 'must be a hybrid logical clock timestamp');
export type HlcString = z.infer<typeof hlcSchema>;

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 999_999;

export class HlcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HlcError';
  }
}

export function encodeHlc({ wall, counter, node }: Hlc): HlcString {
  return `${String(wall).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${node}`;
}

export function decodeHlc(value: string): Hlc {
  const match = HLC_PATTERN.exec(value);
  if (!match) throw new HlcError(`Not a hybrid logical clock timestamp: ${value.slice(0, 100)}`);
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3] as string };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two timestamps; null counts as earlier than any. */
export function laterHlc(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareHlc(a, b) >= 0 ? a : b;
}

function advance(last: Hlc, now: number, node: string): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, node };
  if (last.counter >= MAX_COUNTER) return { wall: last.wall + 1, counter: 0, node };
  return { wall: last.wall, counter: last.counter + 1, node };
}

/**
 * The next timestamp for `node`, later than both `last` (the newest timestamp this node issued or
 * received) and the wall clock. Pure, so a client can keep `last` in its database and tick inside
 * the transaction that records the change: every extension context then shares one clock.
 */
export function tickHlc(last: string | null, node: string, now: number): HlcString {
  const previous = last === null ? { wall: 0, counter: 0, node } : decodeHlc(last);
  return encodeHlc(advance(previous, Math.floor(now), node));
}

/** What `last` becomes after seeing a remote timestamp, so later local events order after it. */
export function receiveHlc(last: string | null, remote: string, node: string, now: number): HlcString {
  const seen = laterHlc(last, remote) as string;
  const { wall, counter } = decodeHlc(seen);
  return encodeHlc(advance({ wall, counter, node }, Math.floor(now), node));
}
