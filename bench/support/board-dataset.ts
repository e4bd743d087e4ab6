import type { WebWorker } from 'puppeteer-core';
import { generateLargeDataset } from '../../demo/data/large-dataset';
import type { Backup } from '../../lib/extension/backup/format';
import type { Deal, Pipeline } from '../../lib/shared/model';
import type { WorkerScope } from './large-database';

/** The board figures are measured on one pipeline holding this many open deals. */
export const BOARD_OPEN_DEALS = 5_000;

/**
 * Generated with more deals than needed (about 65% of generated deals are open), then cut to
 * exactly BOARD_OPEN_DEALS open ones; the closed deals stay, as a pipeline's history would.
 */
const GENERATED = { contacts: 8_000, companies: 1_500, deals: 8_000, activities: 30_000, seed: 51 } as const;
const CHUNK_SIZE = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type BoardDataset = { pipeline: Pipeline; openDeals: Deal[]; deals: Deal[] };

let dataset: { backup: Backup; board: BoardDataset } | undefined;
const loadedInto = new WeakSet<WebWorker>();

/**
 * A pipeline of its own with 5,000 open deals (and its closed ones), with companies, contacts,
 * activities and reminders, dated around today so close dates and staleness look as in use.
 */
function boardDataset() {
  if (dataset) return dataset;
  const now = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const backup = generateLargeDataset({ ...GENERATED, now });
  const [pipeline] = backup.pipelines;
  if (!pipeline) throw new Error('board dataset: the generator made no pipeline');
  const openDeals = backup.deals.filter((deal) => deal.status === 'open').slice(0, BOARD_OPEN_DEALS);
  if (openDeals.length < BOARD_OPEN_DEALS)
    throw new Error(`board dataset: only ${openDeals.length} open deals`);
  const deals = [...openDeals, ...backup.deals.filter((deal) => deal.status !== 'open')];
  const kept = new Set(deals.map((deal) => deal.id));
  backup.deals = deals;
  backup.activities = backup.activities.filter(
    (activity) => activity.dealId === null || kept.has(activity.dealId),
  );
  backup.reminders = backup.reminders.filter(
    (reminder) => reminder.dealId === null || kept.has(reminder.dealId),
  );
  dataset = { backup, board: { pipeline, openDeals, deals } };
  return dataset;
}

/**
 * Adds the board dataset to whatever the database holds (the large database, when other
 * benchmarks loaded it): its records have their own ids, so nothing is replaced, and the board
 * reads only its pipeline's deals. Settings are written only into an empty database.
 */
export async function ensureBoardDataset(worker: WebWorker): Promise<BoardDataset> {
  const { backup, board } = boardDataset();
  if (loadedInto.has(worker)) return board;
  await worker.evaluate(
    async (settings) => {
      const database = (globalThis as WorkerScope).dealsideTest?.database;
      if (!database) throw new Error('no dealsideTest hook');
      if ((await database.settings.count()) === 0) await database.settings.put(settings);
    },
    backup.settings as NonNullable<Backup['settings']>,
  );
  for (const name of ['pipelines', 'companies', 'contacts', 'deals', 'activities', 'reminders'] as const) {
    const records: unknown[] = backup[name];
    for (let start = 0; start < records.length; start += CHUNK_SIZE) {
      await worker.evaluate(
        async (tableName, chunk) => {
          await (globalThis as WorkerScope).dealsideTest?.database.table(tableName).bulkPut(chunk);
        },
        name,
        records.slice(start, start + CHUNK_SIZE),
      );
    }
  }
  const stored = await worker.evaluate(async (pipelineId) => {
    const database = (globalThis as WorkerScope).dealsideTest?.database;
    if (!database) throw new Error('no dealsideTest hook');
    return database.deals.where('pipelineId').equals(pipelineId).count();
  }, board.pipeline.id);
  if (stored !== board.deals.length)
    throw new Error(`board dataset: ${stored} of ${board.deals.length} deals stored`);
  loadedInto.add(worker);
  return board;
}
