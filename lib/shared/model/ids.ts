import { monotonicFactory } from 'ulid';
import type { Id } from './common';

const nextUlid = monotonicFactory();

/** A new record id; ids made in one context sort in creation order even within one millisecond. */
export function newId(now: number = Date.now()): Id {
  return nextUlid(now);
}
