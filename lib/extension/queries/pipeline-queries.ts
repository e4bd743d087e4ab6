import { queryOptions } from '@tanstack/react-query';
import type { Id, Pipeline } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';

/** Every live pipeline, archived ones included, oldest first (the order findDefaultPipeline uses). */
export async function livePipelines(database: DealsideDatabase): Promise<Pipeline[]> {
  const pipelines = await database.pipelines.filter((pipeline) => !pipeline.deleted).toArray();
  return pipelines.sort((left, right) => left.createdAt - right.createdAt || left.id.localeCompare(right.id));
}

/** How many live deals each stage holds; stages holding none are absent. */
export async function liveDealCountsByStage(
  database: DealsideDatabase,
  stageIds: readonly Id[],
): Promise<Record<Id, number>> {
  const counts: Record<Id, number> = {};
  if (stageIds.length === 0) return counts;
  await database.deals
    .where('stageId')
    .anyOf([...stageIds])
    .filter((deal) => !deal.deleted)
    .each((deal) => {
      counts[deal.stageId] = (counts[deal.stageId] ?? 0) + 1;
    });
  return counts;
}

export const pipelinesQuery = (database: DealsideDatabase) =>
  queryOptions({ queryKey: ['pipelines', 'live'], queryFn: () => livePipelines(database) });

/** Keyed by the stages asked about, so a new or deleted stage asks again. */
export const stageDealCountsQuery = (database: DealsideDatabase, stageIds: readonly Id[]) =>
  queryOptions({
    queryKey: ['pipelines', 'deal-counts', stageIds],
    queryFn: () => liveDealCountsByStage(database, stageIds),
  });
