import { Dexie } from 'dexie';
import type { Activity, Deal, Id, Pipeline } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import type { DealData, DealHistory, ReportData, StageChange } from './types';

const DAY_MS = 24 * 3600_000;

/**
 * Since when activity can still decide whether a deal is stale: the longest `staleAfterDays` of
 * any stage, plus one day. A deal quiet for longer than its stage's limit + 1 day is stale whatever
 * it did before (isStaleQuick in health.ts), so older activity never changes a warning. null when
 * no stage ever goes stale: then no recent activity is read at all.
 */
export function activityHorizon(pipelines: readonly Pipeline[], now: number): number | null {
  let longest: number | null = null;
  for (const pipeline of pipelines) {
    for (const stage of pipeline.stages) {
      if (stage.staleAfterDays !== null && (longest === null || stage.staleAfterDays > longest)) {
        longest = stage.staleAfterDays;
      }
    }
  }
  return longest === null ? null : now - (longest + 1) * DAY_MS;
}

function isLiveStageChange(activity: Activity): activity is StageChange {
  return activity.kind === 'stage-change' && !activity.deleted;
}

/** Live deals and every pipeline, in one read transaction. */
export async function loadDeals(database: DealsideDatabase): Promise<DealData> {
  return database.transaction('r', [database.deals, database.pipelines], async () => {
    const [allDeals, pipelines] = await Promise.all([database.deals.toArray(), database.pipelines.toArray()]);
    const deals: Deal[] = allDeals.filter((deal) => !deal.deleted);
    return { deals, pipelines };
  });
}

/**
 * Each deal's stage history and its last recent activity, in one read transaction
 * (docs/metrics.md "Data loading"). Activities are most of the database, so only two slices of
 * them are read: the stage changes, by the `[kind+dealId+occurredAt]` index (already grouped by
 * deal, oldest first, ties by id), and the activities since activityHorizon, by `occurredAt`.
 */
export async function loadDealHistory(database: DealsideDatabase, now: number): Promise<DealHistory> {
  return database.transaction('r', [database.pipelines, database.activities], async () => {
    const readRecentActivities = async () => {
      const horizon = activityHorizon(await database.pipelines.toArray(), now);
      return horizon === null
        ? []
        : database.activities.where('occurredAt').between(horizon, now, true, true).toArray();
    };
    const [stageChangeRecords, recent] = await Promise.all([
      database.activities
        .where('[kind+dealId+occurredAt]')
        // Two-part bounds cover every [deal, time] after 'stage-change' (a key may hold maxKey once only).
        .between(['stage-change', Dexie.minKey], ['stage-change', Dexie.maxKey])
        .toArray(),
      readRecentActivities(),
    ]);
    const stageChanges = new Map<Id, StageChange[]>();
    for (const change of stageChangeRecords) {
      if (!isLiveStageChange(change) || change.dealId === null) continue;
      const history = stageChanges.get(change.dealId);
      if (history) history.push(change);
      else stageChanges.set(change.dealId, [change]);
    }
    const lastActivityAt = new Map<Id, number>();
    for (const activity of recent) {
      if (activity.deleted || activity.dealId === null) continue;
      const last = lastActivityAt.get(activity.dealId);
      if (last === undefined || activity.occurredAt > last)
        lastActivityAt.set(activity.dealId, activity.occurredAt);
    }
    return { stageChanges, lastActivityAt };
  });
}

/**
 * Everything the dashboard's numbers read, in one read transaction so they all describe the same
 * moment. The dashboard page reads the two halves one after the other instead, to show the
 * numbers that need only deals before the activities are in.
 */
export async function loadReportData(database: DealsideDatabase, now: number): Promise<ReportData> {
  return database.transaction('r', [database.deals, database.pipelines, database.activities], async () => {
    const [deals, history] = await Promise.all([loadDeals(database), loadDealHistory(database, now)]);
    return { ...deals, ...history };
  });
}
