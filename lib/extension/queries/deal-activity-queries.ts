import { queryOptions } from '@tanstack/react-query';
import { Dexie } from 'dexie';
import type { Activity, Id } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import { lastActivityAt } from '../pipeline/deal-health';

/**
 * When the deal's newest live activity that has already happened occurred, or null: one reverse
 * walk of the `[dealId+occurredAt]` index from `now`, so scheduled meetings are never read.
 */
export async function readLastActivityAt(database: DealsideDatabase, dealId: Id, now: number) {
  const latest = await database.activities
    .where('[dealId+occurredAt]')
    .between([dealId, Dexie.minKey], [dealId, now], true, true)
    .reverse()
    .filter((activity) => !activity.deleted)
    .first();
  return latest?.occurredAt ?? null;
}

export const lastActivityQuery = (database: DealsideDatabase, dealId: Id, now: number) =>
  queryOptions({
    queryKey: ['deal-last-activity', dealId, now],
    queryFn: () => readLastActivityAt(database, dealId, now),
  });

/**
 * The last activity from a card's recent list (newest first, live only), when the list settles it:
 * its first past activity is the newest past one. A list shorter than `shownAtMost` holds every
 * activity. Otherwise (all shown ones are scheduled) the answer is `undefined`: read the database.
 */
export function lastActivityFromRecent(
  recent: readonly Activity[],
  shownAtMost: number,
  now: number,
): number | null | undefined {
  const fromRecent = lastActivityAt(recent, now);
  return fromRecent === null && recent.length >= shownAtMost ? undefined : fromRecent;
}
