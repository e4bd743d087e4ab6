import { infiniteQueryOptions } from '@tanstack/react-query';
import { Dexie } from 'dexie';
import type { Activity, Id } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';

/** Activities per timeline page: several screens of the sidebar, read in a few milliseconds. */
export const TIMELINE_PAGE_SIZE = 50;

/**
 * The last activity of a page. Timelines are ordered newest first, and among activities at the
 * same instant by id, largest first (the order of a reversed `[dealId+occurredAt]` index walk),
 * so the next page starts strictly after this pair and no activity is skipped or repeated.
 */
export type TimelineCursor = { occurredAt: number; id: Id };

export type TimelinePage = { activities: Activity[]; nextCursor: TimelineCursor | null };

/**
 * One page of a deal's live activities, newest first, after `cursor` (from the newest when null),
 * in one read transaction. Reads one activity more than the page holds, to know whether another
 * page exists without showing a "Load more" that finds nothing.
 */
export async function readTimelinePage(
  database: DealsideDatabase,
  dealId: Id,
  cursor: TimelineCursor | null,
  pageSize: number = TIMELINE_PAGE_SIZE,
): Promise<TimelinePage> {
  const wanted = pageSize + 1;
  const activities = await database.transaction('r', database.activities, async () => {
    const found = cursor ? await tiedAfterCursor(database, dealId, cursor, wanted) : [];
    if (found.length < wanted) {
      const older = await database.activities
        .where('[dealId+occurredAt]')
        .between([dealId, Dexie.minKey], [dealId, cursor ? cursor.occurredAt : Dexie.maxKey], true, !cursor)
        .reverse()
        .filter((activity) => !activity.deleted)
        .limit(wanted - found.length)
        .toArray();
      found.push(...older);
    }
    return found;
  });
  const page = activities.slice(0, pageSize);
  const last = page.at(-1);
  return {
    activities: page,
    nextCursor: activities.length > pageSize && last ? { occurredAt: last.occurredAt, id: last.id } : null,
  };
}

/**
 * Live activities at the cursor's own instant that come after it (smaller ids), largest id first.
 * A key range on the index cannot bound the primary key, so this reads only the tied ids (keys,
 * no records: cheap even for thousands of ties) and fetches just the records it returns.
 */
async function tiedAfterCursor(
  database: DealsideDatabase,
  dealId: Id,
  cursor: TimelineCursor,
  limit: number,
): Promise<Activity[]> {
  const tiedIds = await database.activities
    .where('[dealId+occurredAt]')
    .equals([dealId, cursor.occurredAt])
    .primaryKeys();
  // Ids are ULIDs (ASCII), which compare the same in JavaScript as in IndexedDB.
  const afterIds = tiedIds.filter((id) => id < cursor.id).sort((left, right) => (left < right ? 1 : -1));
  const live: Activity[] = [];
  for (let start = 0; start < afterIds.length && live.length < limit; start += limit) {
    const batch = await database.activities.bulkGet(afterIds.slice(start, start + limit));
    for (const activity of batch) if (activity && !activity.deleted) live.push(activity);
  }
  return live.slice(0, limit);
}

/** A deal's whole timeline, a page at a time; `['timeline', dealId]` so a write can invalidate it. */
export const timelineQuery = (database: DealsideDatabase, dealId: Id) =>
  infiniteQueryOptions({
    queryKey: ['timeline', dealId],
    queryFn: ({ pageParam }) => readTimelinePage(database, dealId, pageParam),
    initialPageParam: null as TimelineCursor | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
