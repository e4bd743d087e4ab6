import type { Id } from '../../shared/model';
import { timeInStages } from '../pipeline/deal-health';
import type { ReportContext, ReportData, StageConversion, StageConversionRow } from './types';

const DAY_MS = 24 * 3600_000;
const WON_RANK = Number.POSITIVE_INFINITY;

/**
 * Stage conversion and velocity for one pipeline (docs/metrics.md "Stage conversion"): per open
 * stage, of the deals that were ever in it, how many later reached a later open stage or won;
 * the mean days spent there against the stage's expected days; and where lost deals were lost.
 * Each deal counts once per stage however often it came back (moved backwards or reopened).
 */
export function stageConversion(data: ReportData, context: ReportContext, pipelineId: Id): StageConversion {
  const pipeline = data.pipelines.find((candidate) => candidate.id === pipelineId);
  if (!pipeline) return { pipelineId, stages: [], lostFromUnknown: [] };
  const openStages = pipeline.stages.filter((stage) => stage.kind === 'open');
  // Progress order: open stages by position, every won stage beyond them; lost is no progress.
  const rank = new Map<Id, number>(openStages.map((stage, index) => [stage.id, index]));
  const kindOf = new Map(pipeline.stages.map((stage) => [stage.id, stage.kind]));
  for (const stage of pipeline.stages) if (stage.kind === 'won') rank.set(stage.id, WON_RANK);

  const rows = new Map<Id, StageConversionRow & { totalMs: number; timedDeals: number }>(
    openStages.map((stage) => [
      stage.id,
      {
        stageId: stage.id,
        entered: 0,
        advanced: 0,
        conversion: null,
        stillIn: 0,
        averageDays: null,
        expectedDays: stage.expectedDays,
        lostCount: 0,
        lostDealIds: [],
        totalMs: 0,
        timedDeals: 0,
      },
    ]),
  );
  const lostFromUnknown: Id[] = [];

  for (const deal of data.deals) {
    if (deal.deleted || deal.pipelineId !== pipelineId) continue;
    const changes = (data.stageChanges.get(deal.id) ?? []).filter((change) => !change.deleted);
    // The stages the deal was in, in order; a history that began before recording has a null start.
    const path: Id[] = [];
    const first = changes[0];
    if (!first) path.push(deal.stageId);
    else if (first.fromStageId !== null) path.push(first.fromStageId);
    for (const change of changes) path.push(change.toStageId);

    // The furthest progress made after each position, to tell whether a stage was left forwards.
    const furthestAfter = new Array<number>(path.length + 1).fill(Number.NEGATIVE_INFINITY);
    for (let index = path.length - 1; index >= 0; index -= 1) {
      furthestAfter[index] = Math.max(furthestAfter[index + 1] as number, rank.get(path[index] as Id) ?? -1);
    }
    const counted = new Set<Id>();
    path.forEach((stageId, index) => {
      const row = rows.get(stageId);
      if (!row || counted.has(stageId)) return;
      counted.add(stageId);
      row.entered += 1;
      if ((furthestAfter[index + 1] as number) > (rank.get(stageId) as number)) row.advanced += 1;
    });
    if (deal.status === 'open') {
      const current = rows.get(deal.stageId);
      if (current) current.stillIn += 1;
    }

    for (const [stageId, ms] of timeInStages(deal, changes, context.now)) {
      const row = rows.get(stageId);
      if (!row) continue;
      row.totalMs += ms;
      row.timedDeals += 1;
    }

    if (deal.status === 'lost') {
      const lostMove = changes.findLast((change) => kindOf.get(change.toStageId) === 'lost');
      const lostFrom = lostMove?.fromStageId ? rows.get(lostMove.fromStageId) : undefined;
      if (lostFrom) {
        lostFrom.lostCount += 1;
        lostFrom.lostDealIds.push(deal.id);
      } else {
        lostFromUnknown.push(deal.id);
      }
    }
  }

  const stages = [...rows.values()].map(({ totalMs, timedDeals, ...row }) => ({
    ...row,
    conversion: row.entered === 0 ? null : row.advanced / row.entered,
    averageDays: timedDeals === 0 ? null : totalMs / timedDeals / DAY_MS,
  }));
  return { pipelineId, stages, lostFromUnknown };
}
