import type { WebWorker } from 'puppeteer-core';
import { generateLargeDataset } from '../../demo/data/large-dataset';
import type { Backup } from '../../lib/extension/backup/format';
import { COLLECTION_NAMES } from '../../lib/extension/db/collections';
import type { TestHooks } from '../../lib/extension/test-hooks';

/** The figures of issue 3 are measured on this database. */
export const LARGE_DATASET = {
  contacts: 100_000,
  companies: 20_000,
  deals: 50_000,
  activities: 200_000,
  seed: 3,
  now: Date.UTC(2026, 10, 1),
} as const;

/** Records per bulkPut: each chunk is one transaction, and the database derives its index fields per record. */
const CHUNK_SIZE = 10_000;

export type WorkerScope = { dealsideTest?: TestHooks; benchLargeDatasetSeed?: number };

let dataset: Backup | undefined;
const loadedInto = new WeakSet<WebWorker>();

/** The large dataset, generated once per process (seeded, so the same every run). */
export function largeDataset(): Backup {
  dataset ??= generateLargeDataset(LARGE_DATASET);
  return dataset;
}

/**
 * Fills the extension's database with the large dataset through Dexie's bulkPut in the service
 * worker, so every derived field is computed as in real use. Loads once per browser session;
 * benchmarks that clear tables must run before the ones that call this.
 */
export async function ensureLargeDatabase(worker: WebWorker): Promise<Backup> {
  const backup = largeDataset();
  if (loadedInto.has(worker)) return backup;
  await worker.evaluate(async () => {
    const database = (globalThis as WorkerScope).dealsideTest?.database;
    if (!database) throw new Error('no dealsideTest hook');
    await database.transaction('rw', database.tables, async () => {
      await Promise.all(database.tables.map((table) => table.clear()));
    });
  });
  await worker.evaluate(
    async (settings) => {
      await (globalThis as WorkerScope).dealsideTest?.database.settings.put(settings);
    },
    backup.settings as NonNullable<Backup['settings']>,
  );
  for (const name of COLLECTION_NAMES) {
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
  const counts = await worker.evaluate(async (names) => {
    const database = (globalThis as WorkerScope).dealsideTest?.database;
    if (!database) throw new Error('no dealsideTest hook');
    return Promise.all(names.map((name) => database.table(name).count()));
  }, COLLECTION_NAMES);
  COLLECTION_NAMES.forEach((name, index) => {
    if (counts[index] !== backup[name].length) {
      throw new Error(`Loaded ${counts[index]} of ${backup[name].length} ${name}`);
    }
  });
  loadedInto.add(worker);
  return backup;
}
