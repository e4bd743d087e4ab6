import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { loadReportData } from './load-report-data';
import { DAY_MS, deal, NOW, PIPELINE, stageChange } from './report-fixtures.test-support';

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
    await database.deals.bulkAdd([deal('a', {}), deal('b', {}), deal('gone', { deleted: true })]);
    const moveBack = stageChange('a', NOW - 2 * DAY_MS, 'qualified', 'lead');
    const moveOn = stageChange('a', NOW - 5 * DAY_MS, 'lead', 'qualified');
    await database.activities.bulkAdd([
      moveBack,
      moveOn,
      note('n1', 'a', NOW - DAY_MS),
      // Deleted, scheduled for later, or on no deal: none of these is a deal's last activity.
      note('n2', 'a', NOW - DAY_MS / 2, true),
      note('n3', 'a', NOW + DAY_MS),
      note('n4', null, NOW),
      note('n5', 'b', NOW - 10 * DAY_MS),
    ]);
    const data = await loadReportData(database, NOW);
    expect(data.deals.map((candidate) => candidate.id).sort()).toEqual(['a', 'b']);
    expect(data.pipelines).toHaveLength(1);
    expect(data.stageChanges.get('a')?.map((change) => change.id)).toEqual([moveOn.id, moveBack.id]);
    expect(data.stageChanges.has('b')).toBe(false);
    expect(data.lastActivityAt.get('a')).toBe(NOW - DAY_MS);
    expect(data.lastActivityAt.get('b')).toBe(NOW - 10 * DAY_MS);
    database.close();
  });
});
