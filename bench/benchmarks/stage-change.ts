import type { WebWorker } from 'puppeteer-core';
import { type Deal, newId, type Pipeline } from '../../lib/shared/model';
import { ensureBoardDataset } from '../support/board-dataset';
import type { WorkerScope } from '../support/large-database';
import { round, summarizeLatencies } from '../support/stats';
import type { Benchmark } from '../support/types';

/** Deals moved in turn, so no one record stays hot in a cache. */
const DEALS = 50;
const SAMPLES_PER_RUN = 40;

type BenchScope = WorkerScope & { benchRawDatabase?: IDBDatabase };

/** One move: the deal, and the stage it goes to. */
type Move = { dealId: string; toStageId: string; authorId: string; checkedItemIds: string[] };
/** The raw baseline's moves bring their activity's id: a valid one, made here. */
type RawMove = Move & { activityId: string };

/**
 * Issue 5's `stage_change_p95_ms`: changeStage in the service worker — one transaction reading the
 * deal and its pipeline, checking the checklist, writing the deal, syncing its next-step reminder
 * and adding the stage-change activity — from the call until its promise settles. Deals of the
 * board dataset go from their first stage to the second (ticking the first stage's checklist) and
 * back, in turn. Beside it, the same reads and writes with the raw IndexedDB API, in one
 * transaction: get the deal and the pipeline, put the deal, read the deal's reminders by index,
 * add the activity.
 */
export const stageChangeBenchmark: Benchmark = {
  name: 'stage-change',
  description: 'changeStage (deal + reminder sync + stage-change activity) vs raw IndexedDB',
  async run({ worker, runs }) {
    const board = await ensureBoardDataset(worker);
    const [first, second] = board.pipeline.stages;
    if (!first || !second || second.kind !== 'open') throw new Error('stage-change: the pipeline changed');
    const deals = board.openDeals.filter((deal) => deal.stageId === first.id).slice(0, DEALS);
    if (deals.length < DEALS) throw new Error(`stage-change: only ${deals.length} deals in ${first.name}`);
    const authorId = deals[0]?.ownerId ?? '';
    const checklist = first.checklist.map((item) => item.id);
    // There and back for every deal: each warm-up move writes a deal's first next-step reminder.
    const movesFor = (count: number, offset: number): Move[] =>
      Array.from({ length: count }, (_, index) => {
        const position = offset + index;
        const deal = deals[Math.floor(position / 2) % DEALS] as Deal;
        const forward = position % 2 === 0;
        return {
          dealId: deal.id,
          toStageId: forward ? second.id : first.id,
          authorId,
          checkedItemIds: forward ? checklist : [],
        };
      });

    await openRaw(worker);
    const dexie: number[] = [];
    const raw: number[] = [];
    try {
      await timeChangeStage(worker, movesFor(2 * DEALS, 0));
      await timeRaw(worker, board.pipeline, movesFor(2 * DEALS, 0));
      // Alternate in blocks so neither side always meets a warmer cache or a busier disk; blocks
      // are even, so every deal is back in its first stage after each.
      for (let run = 0; run < runs; run++) {
        dexie.push(...(await timeChangeStage(worker, movesFor(SAMPLES_PER_RUN, 0))));
        raw.push(...(await timeRaw(worker, board.pipeline, movesFor(SAMPLES_PER_RUN, 0))));
      }
    } finally {
      await worker.evaluate(() => {
        const scope = globalThis as BenchScope;
        scope.benchRawDatabase?.close();
        delete scope.benchRawDatabase;
      });
    }
    const figures = summarizeLatencies('stage_change', dexie);
    const rawFigures = summarizeLatencies('stage_change_raw_idb', raw);
    return {
      ...figures,
      ...rawFigures,
      stage_change_vs_raw_idb_p95_ratio: round(
        (figures.stage_change_p95_ms as number) / (rawFigures.stage_change_raw_idb_p95_ms as number),
      ),
    };
  },
};

async function openRaw(worker: WebWorker): Promise<void> {
  await worker.evaluate(async () => {
    (globalThis as BenchScope).benchRawDatabase = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('dealside');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  });
}

async function timeChangeStage(worker: WebWorker, moves: Move[]): Promise<number[]> {
  return worker.evaluate(async (list) => {
    const hooks = (globalThis as BenchScope).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const elapsed: number[] = [];
    for (const move of list) {
      const started = performance.now();
      await hooks.changeStage(hooks.database, { ...move, skippedItemIds: [] });
      elapsed.push(performance.now() - started);
    }
    return elapsed;
  }, moves);
}

/** Runs in the worker: the same reads and writes as changeStage, with the raw API, per move. */
async function timeRaw(worker: WebWorker, pipeline: Pipeline, moves: Move[]): Promise<number[]> {
  const rawMoves: RawMove[] = moves.map((move) => ({ ...move, activityId: newId(Date.now()) }));
  return worker.evaluate(
    async (list, pipelineId) => {
      const database = (globalThis as BenchScope).benchRawDatabase;
      if (!database) throw new Error('stage-change: the worker was not prepared');
      const elapsed: number[] = [];
      for (const move of list) {
        const now = Date.now();
        const started = performance.now();
        await new Promise<void>((resolve, reject) => {
          const transaction = database.transaction(
            ['deals', 'pipelines', 'reminders', 'activities'],
            'readwrite',
          );
          const deals = transaction.objectStore('deals');
          const dealRequest = deals.get(move.dealId);
          transaction.objectStore('pipelines').get(pipelineId);
          dealRequest.onsuccess = () => {
            const deal = dealRequest.result;
            deals.put({ ...deal, stageId: move.toStageId, stageEnteredAt: now, updatedAt: now });
            transaction.objectStore('reminders').index('dealId').getAll(move.dealId);
            transaction.objectStore('activities').put({
              id: move.activityId,
              createdAt: now,
              updatedAt: now,
              deleted: false,
              kind: 'stage-change',
              dealId: move.dealId,
              contactIds: deal.contactIds,
              companyId: deal.companyId,
              occurredAt: now,
              authorId: move.authorId,
              fromStageId: deal.stageId,
              toStageId: move.toStageId,
              skippedChecklistItemIds: [],
            });
          };
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        });
        elapsed.push(performance.now() - started);
      }
      return elapsed;
    },
    rawMoves,
    pipeline.id,
  );
}
