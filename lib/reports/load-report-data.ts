import type { DealsideDatabase } from '../db/database';
import type { Deal, Id } from '../model';
import type { ReportData, StageChange } from './types';

/**
 * Everything the dashboard's numbers read, in one read transaction so they all describe the same
 * moment: live deals, all pipelines, and from the activities, each deal's stage history and its
 * last activity (what lib/pipeline/deal-health.ts lastActivityAt would say). Activities are read
 * once, whole, in primary-key order (the store's own getAll: measured faster than walking the
 * [dealId+occurredAt] index), so 50,000 deals cost one pass and no query per deal. Reading only
 * the stage changes would need an index on kind (a new schema version); last activity needs
 * every kind anyway (docs/metrics.md "Data loading").
 */
export async function loadReportData(database: DealsideDatabase, now: number): Promise<ReportData> {
  return database.transaction('r', [database.deals, database.pipelines, database.activities], async () => {
    const [allDeals, pipelines, activities] = await Promise.all([
      database.deals.toArray(),
      database.pipelines.toArray(),
      database.activities.toArray(),
    ]);
    const deals: Deal[] = allDeals.filter((deal) => !deal.deleted);
    const stageChanges = new Map<Id, StageChange[]>();
    const lastActivityAt = new Map<Id, number>();
    for (const activity of activities) {
      if (activity.deleted || activity.dealId === null) continue;
      const last = lastActivityAt.get(activity.dealId);
      if (activity.occurredAt <= now && (last === undefined || activity.occurredAt > last)) {
        lastActivityAt.set(activity.dealId, activity.occurredAt);
      }
      if (activity.kind !== 'stage-change') continue;
      const history = stageChanges.get(activity.dealId);
      if (history) history.push(activity);
      else stageChanges.set(activity.dealId, [activity]);
    }
    // In time order; changes at the same instant ordered by id, as timeInStages does.
    for (const history of stageChanges.values()) {
      if (history.length > 1) {
        history.sort((left, right) => left.occurredAt - right.occurredAt || left.id.localeCompare(right.id));
      }
    }
    return { deals, pipelines, stageChanges, lastActivityAt };
  });
}
