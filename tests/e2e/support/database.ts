import type { WebWorker } from 'puppeteer-core';
import { COLLECTION_NAMES, RECORD_SCHEMAS } from '../../../lib/extension/db/collections';
import type { DealsideDatabase } from '../../../lib/extension/db/database';
import { type Settings, settingsSchema } from '../../../lib/shared/model';

/** What the test build's background exposes (lib/extension/test-hooks.ts). */
type TestGlobal = { dealsideTest?: { database: DealsideDatabase } };

export const TABLE_NAMES = ['settings', ...COLLECTION_NAMES] as const;
export type TableName = (typeof TABLE_NAMES)[number];
/** Every row of every table, in primary-key order, as JSON. */
export type DatabaseDump = Record<TableName, unknown[]>;
export type RecordsByTable = Partial<Record<TableName, readonly unknown[]>>;

export async function waitForTestHooks(worker: WebWorker, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await worker.evaluate(() => (globalThis as TestGlobal).dealsideTest !== undefined);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('globalThis.dealsideTest never appeared in the service worker: is this a test build?');
}

/**
 * Writes records straight into the database from the service worker, after checking each one
 * against its zod schema here, so that test data is always data the product could have stored.
 */
export async function putRecords(worker: WebWorker, records: RecordsByTable): Promise<void> {
  for (const [table, rows] of Object.entries(records) as [TableName, readonly unknown[]][]) {
    rows.forEach((row, index) => {
      const schema = table === 'settings' ? settingsSchema : RECORD_SCHEMAS[table];
      const result = schema.safeParse(row);
      if (!result.success) {
        throw new Error(`Test data ${table}[${index}] is invalid: ${result.error.message}`);
      }
    });
  }
  await worker.evaluate(async (input) => {
    const hooks = (globalThis as TestGlobal).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const { database } = hooks;
    await database.transaction('rw', database.tables, async () => {
      for (const [table, rows] of Object.entries(input)) await database.table(table).bulkPut(rows ?? []);
    });
  }, records);
}

export async function clearDatabase(worker: WebWorker): Promise<void> {
  await worker.evaluate(async () => {
    const hooks = (globalThis as TestGlobal).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const { database } = hooks;
    await database.transaction('rw', database.tables, async () => {
      await Promise.all(database.tables.map((table) => table.clear()));
    });
  });
}

export async function dumpDatabase(worker: WebWorker): Promise<DatabaseDump> {
  return worker.evaluate(async () => {
    const hooks = (globalThis as TestGlobal).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const { database } = hooks;
    return database.transaction('r', database.tables, async () => {
      const dump: Record<string, unknown[]> = {};
      for (const table of database.tables) dump[table.name] = await table.toArray();
      return dump;
    });
  }) as Promise<DatabaseDump>;
}

/** The settings record, or undefined before any extension page has created it. */
export async function readSettings(worker: WebWorker): Promise<Settings | undefined> {
  const dump = await dumpDatabase(worker);
  const [stored] = dump.settings;
  return stored === undefined ? undefined : settingsSchema.parse(stored);
}

export async function updateRecord(
  worker: WebWorker,
  table: TableName,
  id: string,
  changes: Record<string, unknown>,
): Promise<void> {
  await worker.evaluate(
    async (tableName, recordId, recordChanges) => {
      const hooks = (globalThis as TestGlobal).dealsideTest;
      if (!hooks) throw new Error('no dealsideTest hook');
      const updated = await hooks.database.table(tableName).update(recordId, recordChanges);
      if (updated !== 1) throw new Error(`${tableName} has no record ${recordId}`);
    },
    table,
    id,
    changes,
  );
}
