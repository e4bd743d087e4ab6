import { tickHlc } from '../../lib/shared/sync/hlc';

/** The node of the clocks the server issues; it sorts after client ids (ULIDs) at equal times. */
export const SERVER_NODE = 'server';

/**
 * The server's clock: later than `latest` (the newest clock it knows of) and than its wall clock.
 * Derived, not kept in memory, so stateless processes sharing one database agree.
 */
export function serverHlc(latest: string | null, now: number): string {
  return tickHlc(latest, SERVER_NODE, now);
}
