import type { WebWorker } from 'puppeteer-core';
import { generateLargeDataset } from '../../demo/data/large-dataset';
import type { DealsideDatabase } from '../../lib/extension/db/database';
import { withDerivedFields } from '../../lib/extension/db/derived-fields';
import type { Contact } from '../../lib/shared/model';
import { median, round, summarize } from '../support/stats';
import type { Benchmark } from '../support/types';

const RECORD_COUNT = 10_000;
const WARM_UP_RUNS = 1;
const RAW_DATABASE_NAME = 'dealside-bench-raw';

/** What the test build exposes, plus what this benchmark parks in the worker between calls. */
type WorkerScope = {
  dealsideTest?: { database: DealsideDatabase };
  benchContacts?: Contact[];
  /** The same contacts with the fields the database derives, as the raw store is given them. */
  benchRawContacts?: Contact[];
  benchRawDatabase?: IDBDatabase;
};

/**
 * Dexie's bulkPut of 10k contacts against the same writes through the raw IndexedDB API, into a
 * store with the same indexes: the difference is what Dexie costs on our heaviest write path
 * (restoring a backup, importing contacts). The raw side is handed the derived fields (address
 * keys, search terms) ready-made, so the difference includes deriving them. Both run in the
 * service worker, alternating which goes first so neither always meets a warmer or busier disk.
 */
export const bulkPut10k: Benchmark = {
  name: 'bulk-put-10k',
  description: `Dexie bulkPut vs raw IndexedDB put of ${RECORD_COUNT.toLocaleString('en')} contacts`,
  async run({ worker, runs }) {
    const { contacts } = generateLargeDataset({
      contacts: RECORD_COUNT,
      companies: RECORD_COUNT / 5,
      deals: 0,
      activities: 0,
      reminders: 0,
      seed: 1,
      now: Date.UTC(2025, 0, 1),
    });
    await prepare(worker, contacts);
    const dexie: number[] = [];
    const raw: number[] = [];
    try {
      for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
        const measured = run >= WARM_UP_RUNS;
        const first = run % 2 === 0 ? 'dexie' : 'raw';
        for (const kind of first === 'dexie' ? (['dexie', 'raw'] as const) : (['raw', 'dexie'] as const)) {
          const elapsed = kind === 'dexie' ? await timeDexieBulkPut(worker) : await timeRawPut(worker);
          if (measured) (kind === 'dexie' ? dexie : raw).push(elapsed);
        }
      }
    } finally {
      await cleanUp(worker);
    }
    return {
      ...summarize('db_bulk_put_10k_ms', dexie),
      ...summarize('raw_idb_bulk_put_10k_ms', raw),
      db_vs_raw_bulk_put_10k_ratio: round(median(dexie) / median(raw)),
    };
  },
};

/** Hands the records to the worker once (not timed) and opens the raw database. */
async function prepare(worker: WebWorker, contacts: Contact[]): Promise<void> {
  const derived = contacts.map((contact) => withDerivedFields('contacts', contact));
  await worker.evaluate(
    async (records, rawRecords, databaseName) => {
      const scope = globalThis as WorkerScope;
      scope.benchContacts = records;
      scope.benchRawContacts = rawRecords;
      await new Promise<void>((resolve, reject) => {
        const deletion = indexedDB.deleteDatabase(databaseName);
        deletion.onsuccess = () => resolve();
        deletion.onerror = () => reject(deletion.error);
      });
      scope.benchRawDatabase = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(databaseName, 1);
        // The indexes Dexie declares for contacts: 'id, *emails, *addressKeys, *searchTerms, companyId, updatedAt'.
        request.onupgradeneeded = () => {
          const store = request.result.createObjectStore('contacts', { keyPath: 'id' });
          store.createIndex('emails', 'emails', { multiEntry: true });
          store.createIndex('addressKeys', 'addressKeys', { multiEntry: true });
          store.createIndex('searchTerms', 'searchTerms', { multiEntry: true });
          store.createIndex('companyId', 'companyId');
          store.createIndex('updatedAt', 'updatedAt');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    },
    contacts,
    derived,
    RAW_DATABASE_NAME,
  );
}

async function timeDexieBulkPut(worker: WebWorker): Promise<number> {
  return worker.evaluate(async () => {
    const scope = globalThis as WorkerScope;
    const database = scope.dealsideTest?.database;
    const records = scope.benchContacts;
    if (!database || !records) throw new Error('bulk-put-10k: the worker was not prepared');
    await database.contacts.clear();
    const started = performance.now();
    // Outside an explicit transaction, Dexie resolves only once its transaction has completed.
    await database.contacts.bulkPut(records);
    const elapsed = performance.now() - started;
    const stored = await database.contacts.count();
    if (stored !== records.length) throw new Error(`Dexie stored ${stored} of ${records.length} contacts`);
    return elapsed;
  });
}

async function timeRawPut(worker: WebWorker): Promise<number> {
  return worker.evaluate(async () => {
    const scope = globalThis as WorkerScope;
    const database = scope.benchRawDatabase;
    const records = scope.benchRawContacts;
    if (!database || !records) throw new Error('bulk-put-10k: the worker was not prepared');
    const completion = (transaction: IDBTransaction) =>
      new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      });
    const clearing = database.transaction('contacts', 'readwrite');
    clearing.objectStore('contacts').clear();
    await completion(clearing);

    const started = performance.now();
    const transaction = database.transaction('contacts', 'readwrite');
    const store = transaction.objectStore('contacts');
    for (const record of records) store.put(record);
    await completion(transaction);
    const elapsed = performance.now() - started;

    const stored = await new Promise<number>((resolve, reject) => {
      const counting = database.transaction('contacts', 'readonly').objectStore('contacts').count();
      counting.onsuccess = () => resolve(counting.result);
      counting.onerror = () => reject(counting.error);
    });
    if (stored !== records.length)
      throw new Error(`IndexedDB stored ${stored} of ${records.length} contacts`);
    return elapsed;
  });
}

/** Leaves the profile as it found it: an empty contacts table and no extra database. */
async function cleanUp(worker: WebWorker): Promise<void> {
  await worker.evaluate(async (databaseName) => {
    const scope = globalThis as WorkerScope;
    scope.benchRawDatabase?.close();
    delete scope.benchRawDatabase;
    delete scope.benchContacts;
    delete scope.benchRawContacts;
    await scope.dealsideTest?.database.contacts.clear();
    indexedDB.deleteDatabase(databaseName);
  }, RAW_DATABASE_NAME);
}
