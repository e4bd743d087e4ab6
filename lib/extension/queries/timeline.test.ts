import { QueryClient } from '@tanstack/react-query';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makeEmailActivity, makePipeline, NOW } from '@/tests/unit/records';
import { type Activity, type Deal, newId } from '../../shared/model';
import { removeActivities } from '../db/activities-write';
import type { DealsideDatabase } from '../db/database';
import { readTimelinePage, TIMELINE_PAGE_SIZE, type TimelineCursor, timelineQuery } from './timeline';

const MINUTE = 60_000;
const pipeline = makePipeline();

function note(deal: Deal, occurredAt: number, fields: Partial<Activity> = {}): Activity {
  return {
    id: newId(NOW),
    createdAt: NOW,
    updatedAt: NOW,
    deleted: false,
    kind: 'note',
    dealId: deal.id,
    contactIds: [],
    companyId: null,
    occurredAt,
    authorId: deal.ownerId,
    text: `note at ${occurredAt}`,
    ...fields,
  } as Activity;
}

/** What the timeline must show: live activities of the deal, newest first, ties by id, largest first. */
function expectedOrder(activities: readonly Activity[], dealId: string): string[] {
  return activities
    .filter((activity) => activity.dealId === dealId && !activity.deleted)
    .sort((left, right) => right.occurredAt - left.occurredAt || (left.id < right.id ? 1 : -1))
    .map((activity) => activity.id);
}

/** Every page from the newest to the end, checking each page but the last is full. */
async function readAllPages(database: DealsideDatabase, dealId: string, pageSize: number) {
  const pages: string[][] = [];
  let cursor: TimelineCursor | null = null;
  do {
    const page = await readTimelinePage(database, dealId, cursor, pageSize);
    pages.push(page.activities.map((activity) => activity.id));
    if (page.nextCursor) expect(page.activities).toHaveLength(pageSize);
    cursor = page.nextCursor;
  } while (cursor && pages.length <= 10_000);
  return pages;
}

describe('readTimelinePage', () => {
  it('lists one deal’s live activities newest first, without other deals’ or removed ones', async () => {
    const database = isolatedDatabase('timeline-basic');
    const deal = makeDeal(pipeline);
    const other = makeDeal(pipeline);
    const oldest = note(deal, NOW - 3 * MINUTE);
    const email = makeEmailActivity(deal, { occurredAt: NOW - MINUTE });
    const removed = note(deal, NOW, { deleted: true });
    const newest = note(deal, NOW + MINUTE);
    await database.activities.bulkAdd([
      oldest,
      email,
      removed,
      newest,
      note(other, NOW + 2 * MINUTE),
      note(other, NOW - 10 * MINUTE),
    ]);

    const page = await readTimelinePage(database, deal.id, null);
    expect(page.activities.map((activity) => activity.id)).toEqual([newest.id, email.id, oldest.id]);
    expect(page.nextCursor).toBeNull();
    expect((await readTimelinePage(database, newId(), null)).activities).toEqual([]);
    database.close();
  });

  it('splits activities at the same instant across pages by id, with no empty last page', async () => {
    const database = isolatedDatabase('timeline-ties');
    const deal = makeDeal(pipeline);
    const tied = Array.from({ length: 6 }, () => note(deal, NOW));
    await database.activities.bulkAdd([...tied, note(deal, NOW - MINUTE), note(deal, NOW + MINUTE)]);

    const pages = await readAllPages(database, deal.id, 4);
    expect(pages.map((page) => page.length)).toEqual([4, 4]);
    expect(pages.flat()).toEqual(expectedOrder(await database.activities.toArray(), deal.id));
    database.close();
  });

  it('goes on from where the page ended even when that activity is removed meanwhile', async () => {
    const database = isolatedDatabase('timeline-removed-cursor');
    const deal = makeDeal(pipeline);
    await database.activities.bulkAdd(Array.from({ length: 5 }, (_, index) => note(deal, NOW - (index % 2))));
    const order = expectedOrder(await database.activities.toArray(), deal.id);

    const first = await readTimelinePage(database, deal.id, null, 2);
    await removeActivities(database, [first.activities[1]?.id ?? ''], NOW);
    const second = await readTimelinePage(database, deal.id, first.nextCursor, 2);
    expect(second.activities.map((activity) => activity.id)).toEqual(order.slice(2, 4));
    database.close();
  });

  it('pages through any mix of equal instants and tombstones to exactly the live activities, in order', async () => {
    const activityShape = fc.record({
      minutesAgo: fc.integer({ min: 0, max: 4 }),
      deleted: fc.boolean(),
      otherDeal: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(activityShape, { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        async (shapes, pageSize) => {
          const database = isolatedDatabase('timeline-property');
          const deal = makeDeal(pipeline);
          const other = makeDeal(pipeline);
          const activities = shapes.map((shape) =>
            note(shape.otherDeal ? other : deal, NOW - shape.minutesAgo * MINUTE, { deleted: shape.deleted }),
          );
          await database.activities.bulkAdd(activities);

          const pages = await readAllPages(database, deal.id, pageSize);
          database.close();
          const live = expectedOrder(activities, deal.id);
          expect(pages.flat()).toEqual(live);
          expect(pages.length).toBe(Math.max(1, Math.ceil(live.length / pageSize)));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('pages through 5,000 activities, many at the same minute, in full pages with nothing repeated', async () => {
    const database = isolatedDatabase('timeline-large');
    const deal = makeDeal(pipeline);
    const activities = Array.from({ length: 5_000 }, (_, index) =>
      note(deal, NOW - Math.floor(index / 7) * MINUTE, { deleted: index % 11 === 0 }),
    );
    await database.activities.bulkAdd(activities);

    const pages = await readAllPages(database, deal.id, TIMELINE_PAGE_SIZE);
    const live = expectedOrder(activities, deal.id);
    expect(live).toHaveLength(5_000 - Math.ceil(5_000 / 11));
    expect(pages.flat()).toEqual(live);
    expect(pages).toHaveLength(Math.ceil(live.length / TIMELINE_PAGE_SIZE));
    database.close();
  });
});

describe('timelineQuery', () => {
  it('is keyed by deal under "timeline" and fetches the next page from the last cursor', async () => {
    const database = isolatedDatabase('timeline-query');
    const deal = makeDeal(pipeline);
    const activities = Array.from({ length: TIMELINE_PAGE_SIZE + 5 }, (_, index) =>
      note(deal, NOW - index * MINUTE),
    );
    await database.activities.bulkAdd(activities);
    const options = timelineQuery(database, deal.id);
    expect(options.queryKey.slice(0, 2)).toEqual(['timeline', deal.id]);

    const data = await new QueryClient().fetchInfiniteQuery({ ...options, pages: 3 });
    expect(data.pages.map((page) => page.activities.length)).toEqual([TIMELINE_PAGE_SIZE, 5]);
    expect(data.pages.flatMap((page) => page.activities.map((activity) => activity.id))).toEqual(
      expectedOrder(activities, deal.id),
    );
    database.close();
  });
});
