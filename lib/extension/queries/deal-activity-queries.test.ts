import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import { type Activity, type Deal, newId } from '../../shared/model';
import { lastActivityFromRecent, readLastActivityAt } from './deal-activity-queries';

const DAY = 86_400_000;
const pipeline = makePipeline();

function activityAt(deal: Deal, occurredAt: number, deleted = false): Activity {
  return {
    id: newId(NOW),
    createdAt: NOW,
    updatedAt: NOW,
    deleted,
    kind: 'note',
    dealId: deal.id,
    contactIds: [],
    companyId: null,
    occurredAt,
    authorId: deal.ownerId,
    text: 'Called about the quote',
  };
}

describe('the last activity of a deal', () => {
  it('skips scheduled and removed activities and other deals', async () => {
    const database = isolatedDatabase('last-activity');
    const deal = makeDeal(pipeline);
    const other = makeDeal(pipeline);
    await database.activities.bulkPut([
      activityAt(deal, NOW - 5 * DAY),
      activityAt(deal, NOW - 2 * DAY, true),
      activityAt(deal, NOW + DAY),
      activityAt(other, NOW - DAY),
    ]);
    expect(await readLastActivityAt(database, deal.id, NOW)).toBe(NOW - 5 * DAY);
    expect(await readLastActivityAt(database, 'no-such-deal', NOW)).toBeNull();
  });

  it('trusts the recent list only when it settles the answer', () => {
    const deal = makeDeal(pipeline);
    const scheduled = [activityAt(deal, NOW + 2 * DAY), activityAt(deal, NOW + DAY)];
    expect(lastActivityFromRecent(scheduled, 3, NOW)).toBeNull();
    expect(lastActivityFromRecent(scheduled, 2, NOW)).toBeUndefined();
    expect(lastActivityFromRecent([...scheduled, activityAt(deal, NOW - DAY)], 3, NOW)).toBe(NOW - DAY);
  });
});
