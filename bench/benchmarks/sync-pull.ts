import type { WebWorker } from 'puppeteer-core';
import { generateLargeDataset } from '../../demo/data/large-dataset';
import type { TestHooks } from '../../lib/extension/test-hooks';
import { round, summarize } from '../support/stats';
import { fillTeam } from '../support/sync-fill';
import { benchTeam, preferredBenchDatabase, startBenchServer } from '../support/sync-server';
import type { Benchmark } from '../support/types';

/** 100,000 records in all with the dataset's one pipeline. */
const DATASET = {
  companies: 10_000,
  contacts: 40_000,
  deals: 20_000,
  activities: 29_999,
  reminders: 0,
  seed: 11,
  now: Date.UTC(2026, 10, 1),
} as const;
/** A pull of 100k records takes tens of seconds: a few runs say enough. */
const MAX_RUNS = 3;
const DEVICE_DATABASE = 'dealside-bench-sync-device';
const RAW_DATABASE = 'dealside-bench-sync-raw';
/** Records per raw transaction: one pull page (LIMITS.defaultPullLimit). */
const RAW_CHUNK = 500;
const POLL_MS = 250;

type Outcome = { ok: true; ms: number; records: number } | { ok: false; error: string };
type BenchScope = { dealsideTest?: TestHooks; benchSyncPull?: Outcome };

/**
 * `sync_pull_100k_s`: a new device connects to a team holding 100,000 records (companies,
 * contacts, deals, activities) and pulls them all, in the extension's service worker (the test
 * build) with the real client code: HTTP to server/main.ts in its own process over loopback, every
 * page validated, merged and applied into IndexedDB (derived index fields, field clocks) with its
 * cursor. Timed from the first pull request until the last page is committed. Baselines in the
 * same run, in the same worker: the same pages fetched and parsed without storing
 * (`sync_pull_100k_http_only_s`), and the pulled rows as stored, written with raw IndexedDB into
 * a database with the same indexes in 500-record transactions (`sync_pull_100k_raw_idb_s`).
 * Metric names carry `_pglite` when PostgreSQL was not reachable.
 */
export const syncPullBenchmark: Benchmark = {
  name: 'sync-pull',
  description:
    'A new device pulling 100k records from the sync server into IndexedDB vs HTTP alone and raw IndexedDB',
  async run({ worker, runs }) {
    const database = await preferredBenchDatabase('sync-pull');
    try {
      const setup = await database.open();
      let token: string;
      let recordCount: number;
      try {
        const { teamId, users } = await benchTeam(setup, 1);
        const [user] = users;
        if (!user) throw new Error('sync-pull: no bench user');
        token = user.token;
        recordCount = await fillTeam(setup, teamId, user.id, generateLargeDataset(DATASET));
      } finally {
        await setup.close();
      }
      const server = await startBenchServer(database);
      const pulls: number[] = [];
      const httpOnly: number[] = [];
      const rawIdb: number[] = [];
      try {
        // Warms the server's caches and the connection, as the fill left them cold.
        await inWorker(worker, 'http', server.url, token, recordCount);
        for (let run = 0; run < Math.min(runs, MAX_RUNS); run++) {
          const httpFirst = run % 2 === 1;
          if (httpFirst) httpOnly.push(await inWorker(worker, 'http', server.url, token, recordCount));
          pulls.push(await inWorker(worker, 'pull', server.url, token, recordCount));
          rawIdb.push(await inWorker(worker, 'raw', server.url, token, recordCount));
          if (!httpFirst) httpOnly.push(await inWorker(worker, 'http', server.url, token, recordCount));
        }
      } finally {
        await server.close();
        await worker.evaluate(
          async (names) => {
            for (const name of names) indexedDB.deleteDatabase(name);
          },
          [DEVICE_DATABASE, RAW_DATABASE],
        );
      }
      const name = database.driver === 'postgres' ? 'sync_pull_100k' : 'sync_pull_100k_pglite';
      const seconds = (samples: number[]) => samples.map((ms) => ms / 1_000);
      return {
        ...summarize(`${name}_s`, seconds(pulls)),
        ...summarize(`${name}_http_only_s`, seconds(httpOnly)),
        ...summarize(`${name}_raw_idb_s`, seconds(rawIdb)),
        [`${name}_records_per_s`]: round(recordCount / (Math.min(...pulls) / 1_000)),
      };
    } finally {
      await database.dispose();
    }
  },
};

/**
 * Starts one measurement in the worker and polls for its end: a pull outlasts puppeteer's protocol
 * time-out for a single evaluate. Returns milliseconds.
 */
async function inWorker(
  worker: WebWorker,
  kind: 'pull' | 'http' | 'raw',
  serverUrl: string,
  token: string,
  expected: number,
): Promise<number> {
  const start = {
    pull: () => startPull(worker, serverUrl, token),
    http: () => startHttpOnly(worker, serverUrl, token),
    raw: () => startRawCopy(worker),
  };
  await start[kind]();
  for (;;) {
    const outcome = await worker.evaluate(() => (globalThis as BenchScope).benchSyncPull);
    if (outcome?.ok === false) throw new Error(`sync-pull (${kind}): ${outcome.error}`);
    if (outcome?.ok) {
      if (outcome.records !== expected)
        throw new Error(`sync-pull (${kind}): ${outcome.records} records, expected ${expected}`);
      return outcome.ms;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A new device: a fresh database, connected (not timed), then one sync round that pulls everything. */
function startPull(worker: WebWorker, serverUrl: string, token: string): Promise<void> {
  return worker.evaluate(
    (url, secret, name) => {
      const scope = globalThis as BenchScope;
      delete scope.benchSyncPull;
      const client = scope.dealsideTest?.syncClient;
      if (!client) throw new Error('no dealsideTest.syncClient hook: is this a current test build?');
      const run = async (): Promise<Outcome> => {
        await new Promise<void>((resolve, reject) => {
          const deletion = indexedDB.deleteDatabase(name);
          deletion.onsuccess = () => resolve();
          deletion.onerror = () => reject(deletion.error);
        });
        const database = client.openDatabase(name);
        try {
          const transport = client.createHttpTransport(url, secret);
          await client.connect(database, transport, { serverUrl: url, token: secret });
          const started = performance.now();
          const outcome = await client.syncOnce(database, transport);
          const ms = performance.now() - started;
          if (!outcome.ok) return { ok: false, error: `${outcome.error.code}: ${outcome.error.message}` };
          const tables = ['companies', 'contacts', 'pipelines', 'deals', 'activities'];
          const counts = await Promise.all(tables.map((table) => database.table(table).count()));
          const stored = counts.reduce((total, count) => total + count, 0);
          return stored === outcome.pulled
            ? { ok: true, ms, records: stored }
            : { ok: false, error: `pulled ${outcome.pulled}, stored ${stored}` };
        } finally {
          database.close();
        }
      };
      run().then(
        (outcome) => {
          scope.benchSyncPull = outcome;
        },
        (error: unknown) => {
          scope.benchSyncPull = { ok: false, error: String(error) };
        },
      );
    },
    serverUrl,
    token,
    DEVICE_DATABASE,
  );
}

/** The same pages the pull asks for, fetched and parsed, nothing stored. */
function startHttpOnly(worker: WebWorker, serverUrl: string, token: string): Promise<void> {
  return worker.evaluate(
    (url, secret) => {
      const scope = globalThis as BenchScope;
      delete scope.benchSyncPull;
      const run = async (): Promise<Outcome> => {
        const started = performance.now();
        let cursor = 0;
        let records = 0;
        for (;;) {
          const response = await fetch(`${url}/v1/pull?after=${cursor}&limit=500`, {
            headers: { Authorization: `Bearer ${secret}`, Accept: 'application/json' },
          });
          const page = (await response.json()) as { records: unknown[]; cursor: number; hasMore: boolean };
          records += page.records.length;
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        return { ok: true, ms: performance.now() - started, records };
      };
      run().then(
        (outcome) => {
          scope.benchSyncPull = outcome;
        },
        (error: unknown) => {
          scope.benchSyncPull = { ok: false, error: String(error) };
        },
      );
    },
    serverUrl,
    token,
  );
}

/**
 * The device database's records as stored (derived index fields included) copied with raw
 * IndexedDB into a database with the same stores and indexes, 500 records per transaction. Only
 * the writes are timed.
 */
function startRawCopy(worker: WebWorker): Promise<void> {
  return worker.evaluate(
    (source, target, chunkSize) => {
      const scope = globalThis as BenchScope;
      delete scope.benchSyncPull;
      const collections = ['companies', 'contacts', 'pipelines', 'deals', 'activities'];
      const request = <T>(pending: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          pending.onsuccess = () => resolve(pending.result);
          pending.onerror = () => reject(pending.error);
        });
      const completion = (transaction: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
          transaction.onabort = () => reject(transaction.error);
        });
      const run = async (): Promise<Outcome> => {
        const from = await request(indexedDB.open(source));
        await request(indexedDB.deleteDatabase(target));
        const opening = indexedDB.open(target, 1);
        opening.onupgradeneeded = () => {
          const reading = from.transaction(collections, 'readonly');
          for (const name of collections) {
            const model = reading.objectStore(name);
            const store = opening.result.createObjectStore(name, { keyPath: model.keyPath });
            for (const indexName of Array.from(model.indexNames)) {
              const index = model.index(indexName);
              store.createIndex(indexName, index.keyPath, {
                unique: index.unique,
                multiEntry: index.multiEntry,
              });
            }
          }
        };
        const to = await request(opening);
        let ms = 0;
        let records = 0;
        try {
          for (const name of collections) {
            let after: IDBValidKey | null = null;
            for (;;) {
              const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
              const rows: unknown[] = await request(
                from.transaction(name, 'readonly').objectStore(name).getAll(range, chunkSize),
              );
              if (rows.length === 0) break;
              after = (rows.at(-1) as { id: string }).id;
              const started = performance.now();
              const writing = to.transaction(name, 'readwrite');
              const store = writing.objectStore(name);
              for (const row of rows) store.put(row);
              await completion(writing);
              ms += performance.now() - started;
              records += rows.length;
            }
          }
        } finally {
          from.close();
          to.close();
        }
        return { ok: true, ms, records };
      };
      run().then(
        (outcome) => {
          scope.benchSyncPull = outcome;
        },
        (error: unknown) => {
          scope.benchSyncPull = { ok: false, error: String(error) };
        },
      );
    },
    DEVICE_DATABASE,
    RAW_DATABASE,
    RAW_CHUNK,
  );
}
