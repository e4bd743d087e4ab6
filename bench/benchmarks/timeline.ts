import type { WebWorker } from 'puppeteer-core';
import { TIMELINE_PAGE_SIZE } from '../../lib/extension/queries/timeline';
import { ensureLargeDatabase, type WorkerScope } from '../support/large-database';
import { ensureLongTimelineDeal, LONG_TIMELINE_ACTIVITIES } from '../support/long-timeline';
import { round, summarizeLatencies } from '../support/stats';
import type { Benchmark } from '../support/types';

const SAMPLES_PER_RUN = 40;
const WARM_UP = 20;

type BenchScope = WorkerScope & { benchRawDatabase?: IDBDatabase };

/**
 * The first page of a deal's timeline (newest first, removed activities skipped) for a deal with
 * 5,000 activities in the large database, in the service worker: readTimelinePage from the call
 * until its promise settles, beside the same page read with the raw IndexedDB API (a reversed
 * cursor on the `[dealId+occurredAt]` index in one read-only transaction). Also every later page
 * of the same timeline, walked with the cursors readTimelinePage returns, which checks that the
 * walk shows each live activity exactly once.
 */
export const timelineBenchmark: Benchmark = {
  name: 'timeline',
  description: `first timeline page of a deal with ${LONG_TIMELINE_ACTIVITIES.toLocaleString('en')} activities vs raw IndexedDB`,
  async run({ worker, runs }) {
    const backup = await ensureLargeDatabase(worker);
    const dealId = await ensureLongTimelineDeal(worker, backup);
    await worker.evaluate(async () => {
      (globalThis as BenchScope).benchRawDatabase = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('dealside');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    });
    const dexie: number[] = [];
    const raw: number[] = [];
    const laterPages: number[] = [];
    try {
      await expectSamePage(worker, dealId);
      await timeDexie(worker, dealId, WARM_UP);
      await timeRaw(worker, dealId, WARM_UP);
      // Alternate in blocks so neither side always meets a warmer cache or a busier disk.
      for (let run = 0; run < runs; run++) {
        dexie.push(...(await timeDexie(worker, dealId, SAMPLES_PER_RUN)));
        raw.push(...(await timeRaw(worker, dealId, SAMPLES_PER_RUN)));
        laterPages.push(...(await timeWalk(worker, dealId)));
      }
    } finally {
      await worker.evaluate(() => {
        const scope = globalThis as BenchScope;
        scope.benchRawDatabase?.close();
        delete scope.benchRawDatabase;
      });
    }
    const dexieFigures = summarizeLatencies('timeline_first_page', dexie);
    const rawFigures = summarizeLatencies('timeline_raw_idb', raw);
    return {
      ...dexieFigures,
      ...rawFigures,
      timeline_first_page_vs_raw_idb_p95_ratio: round(
        (dexieFigures.timeline_first_page_p95_ms as number) / (rawFigures.timeline_raw_idb_p95_ms as number),
      ),
      ...summarizeLatencies('timeline_later_page', laterPages),
    };
  },
};

/** Both sides read the same activities in the same order: the baseline does the same work. */
async function expectSamePage(worker: WebWorker, dealId: string): Promise<void> {
  const [dexieIds, rawIds] = await Promise.all([
    worker.evaluate(async (id) => {
      const hooks = (globalThis as BenchScope).dealsideTest;
      if (!hooks) throw new Error('no dealsideTest hook');
      const page = await hooks.readTimelinePage(hooks.database, id, null);
      return page.activities.map((activity) => activity.id);
    }, dealId),
    readRawPage(worker, dealId),
  ]);
  if (dexieIds.length !== TIMELINE_PAGE_SIZE || dexieIds.join() !== rawIds.join()) {
    throw new Error(`timeline: readTimelinePage and the raw read disagree on the first page`);
  }
}

async function timeDexie(worker: WebWorker, dealId: string, count: number): Promise<number[]> {
  return worker.evaluate(
    async (id, total) => {
      const hooks = (globalThis as BenchScope).dealsideTest;
      if (!hooks) throw new Error('no dealsideTest hook');
      const elapsed: number[] = [];
      for (let index = 0; index < total; index++) {
        const started = performance.now();
        await hooks.readTimelinePage(hooks.database, id, null);
        elapsed.push(performance.now() - started);
      }
      return elapsed;
    },
    dealId,
    count,
  );
}

async function readRawPage(worker: WebWorker, dealId: string): Promise<string[]> {
  return worker.evaluate(rawFirstPages, dealId, 1, TIMELINE_PAGE_SIZE).then((result) => result.ids);
}

async function timeRaw(worker: WebWorker, dealId: string, count: number): Promise<number[]> {
  return worker.evaluate(rawFirstPages, dealId, count, TIMELINE_PAGE_SIZE).then((result) => result.elapsed);
}

/**
 * Runs in the worker: reads the first page `count` times the way readTimelinePage does (one more
 * activity than the page holds, to know whether another page exists), with the raw API.
 */
async function rawFirstPages(
  dealId: string,
  count: number,
  pageSize: number,
): Promise<{ elapsed: number[]; ids: string[] }> {
  type Row = { id: string; deleted: boolean };
  const database = (globalThis as BenchScope).benchRawDatabase;
  if (!database) throw new Error('timeline: the worker was not prepared');
  const elapsed: number[] = [];
  let ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const rows = await new Promise<Row[]>((resolve, reject) => {
      const found: Row[] = [];
      const transaction = database.transaction('activities', 'readonly');
      const request = transaction
        .objectStore('activities')
        .index('[dealId+occurredAt]')
        .openCursor(
          IDBKeyRange.bound([dealId, Number.NEGATIVE_INFINITY], [dealId, Number.POSITIVE_INFINITY]),
          'prev',
        );
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor) {
          const row = cursor.value as Row;
          if (!row.deleted) found.push(row);
          if (found.length <= pageSize) {
            cursor.continue();
            return;
          }
        }
        resolve(found);
      };
      request.onerror = () => reject(request.error);
    });
    elapsed.push(performance.now() - started);
    ids = rows.slice(0, pageSize).map((row) => row.id);
  }
  return { elapsed, ids };
}

/** Every page after the first, following nextCursor to the end; checks the walk saw each live activity once. */
async function timeWalk(worker: WebWorker, dealId: string): Promise<number[]> {
  return worker.evaluate(async (id) => {
    const hooks = (globalThis as BenchScope).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const elapsed: number[] = [];
    const seen = new Set<string>();
    let page = await hooks.readTimelinePage(hooks.database, id, null);
    for (const activity of page.activities) seen.add(activity.id);
    let shown = page.activities.length;
    while (page.nextCursor) {
      const started = performance.now();
      page = await hooks.readTimelinePage(hooks.database, id, page.nextCursor);
      elapsed.push(performance.now() - started);
      for (const activity of page.activities) seen.add(activity.id);
      shown += page.activities.length;
    }
    const live = await hooks.database.activities
      .where('[dealId+occurredAt]')
      .between([id, Number.NEGATIVE_INFINITY], [id, Number.POSITIVE_INFINITY])
      .filter((activity) => !activity.deleted)
      .count();
    if (shown !== seen.size || seen.size !== live)
      throw new Error(
        `timeline: the walk showed ${shown} (${seen.size} distinct) of ${live} live activities`,
      );
    return elapsed;
  }, dealId);
}
