import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { DAY_MS, deal, NOW, PIPELINE, stageChange } from '../../../tests/support/report-fixtures';
import { activityHorizon, loadReportData } from './load-report-data';

const NO_STALE_STAGES = {
  ...PIPELINE,
  stages: PIPELINE.stages.map((stage) => ({ ...stage, staleAfterDays: null })),
};

function note(id: string, dealId: string | null, occurredAt: number, deleted = false): Activity {
  return {
    id,
    createdAt: occurredAt,
    updatedAt: occurredAt,
    deleted,
    dealId,
    contactIds: [],
    companyId: null,
    occurredAt,
    authorId: 'owner-alice',
    kind: 'note',
    text: 'Called',
  };
}

describe('loadReportData', () => {
  it('reads live deals, each deal’s stage history in time order, and its last activity that has happened', async () => {
    const database = isolatedDatabase('load-report-data');
    await database.pipelines.add(PIPELINE);
    await database.deals.bulkAdd([
      deal('a', {}),
      deal('b', {}),
      deal('c', {}),
      deal('gone', { deleted: true }),
    ]);
    const moveBack = stageChange('a', NOW - 2 * DAY_MS, 'qualified', 'lead');
    const moveOn = stageChange('a', NOW - 5 * DAY_MS, 'lead', 'qualified');
    // A year old: far beyond any stage's stale limit, still part of the history.
    const firstMove = stageChange('a', NOW - 365 * DAY_MS, null, 'lead');
    const undone = { ...stageChange('b', NOW - 3 * DAY_MS, 'lead', 'qualified'), deleted: true };
    await database.activities.bulkAdd([
      moveBack,
      moveOn,
      firstMove,
      undone,
      note('n1', 'a', NOW - DAY_MS),
      // Deleted, scheduled for later, or on no deal: none of these is a deal's last activity.
      note('n2', 'a', NOW - DAY_MS / 2, true),
      note('n3', 'a', NOW + DAY_MS),
      note('n4', null, NOW),
      note('n5', 'b', NOW - 10 * DAY_MS),
      // Longer ago than the longest stale limit (14 days) + 1 day: cannot change a warning.
      note('n6', 'c', NOW - 16 * DAY_MS),
    ]);
    const data = await loadReportData(database, NOW);
    expect(data.deals.map((candidate) => candidate.id).sort()).toEqual(['a', 'b', 'c']);
    expect(data.pipelines).toHaveLength(1);
    expect(data.stageChanges.get('a')?.map((change) => change.id)).toEqual([
      firstMove.id,
      moveOn.id,
      moveBack.id,
    ]);
    expect(data.stageChanges.has('b')).toBe(false);
    expect(data.lastActivityAt.get('a')).toBe(NOW - DAY_MS);
    expect(data.lastActivityAt.get('b')).toBe(NOW - 10 * DAY_MS);
    expect(data.lastActivityAt.has('c')).toBe(false);
    database.close();
  });

  it('reads no activity but stage changes when no stage ever goes stale', async () => {
    const database = isolatedDatabase('load-report-data-no-stale');
    await database.pipelines.add(NO_STALE_STAGES);
    await database.deals.add(deal('a', {}));
    const move = stageChange('a', NOW - DAY_MS, 'lead', 'qualified');
    await database.activities.bulkAdd([move, note('n1', 'a', NOW - DAY_MS)]);
    const data = await loadReportData(database, NOW);
    expect(data.stageChanges.get('a')?.map((change) => change.id)).toEqual([move.id]);
    expect(data.lastActivityAt.size).toBe(0);
    database.close();
  });
});

describe('activityHorizon', () => {
  it('reaches back the longest stale limit of any stage, plus a day', () => {
    // PIPELINE: Proposal goes stale after 7 days, Negotiation after 14.
    expect(activityHorizon([PIPELINE], NOW)).toBe(NOW - 15 * DAY_MS);
    const slower = { ...PIPELINE, id: 'slow', stages: [{ ...PIPELINE.stages[0], staleAfterDays: 30 }] };
    expect(activityHorizon([PIPELINE, slower] as (typeof PIPELINE)[], NOW)).toBe(NOW - 31 * DAY_MS);
    expect(activityHorizon([NO_STALE_STAGES], NOW)).toBeNull();
  });
});
