import type { WebWorker } from 'puppeteer-core';
import { newId, type Reminder } from '../../lib/shared/model';
import type { WorkerScope } from '../support/large-database';
import { round, summarizeLatencies } from '../support/stats';
import type { Benchmark } from '../support/types';

const PENDING = 10_000;
/** Open reminders that already fired and wait for the rep: the part of the index read on every run. */
const OVERDUE_FIRED = 100;
const SAMPLES_PER_RUN = 20;
const WARM_UP = 10;
const MINUTE = 60_000;

type BenchScope = WorkerScope & { benchRawDatabase?: IDBDatabase };

function benchReminders(now: number): Reminder[] {
  const reminder = (index: number, dueAt: number, fields: Partial<Reminder> = {}): Reminder => ({
    id: newId(now),
    createdAt: now,
    updatedAt: now,
    deleted: false,
    dueAt,
    title: `Follow up ${index}`,
    note: '',
    dealId: null,
    contactId: null,
    thread: null,
    status: index % 3 === 0 ? 'snoozed' : 'pending',
    onlyIfNoReply: index % 2 === 0,
    source: 'manual',
    firedAt: null,
    replySeenAt: null,
    completedAt: null,
    completion: null,
    ...fields,
  });
  // Due from tomorrow over the next month: none fires while the benchmark runs.
  const pending = Array.from({ length: PENDING }, (_, index) =>
    reminder(index, now + 24 * 60 * MINUTE + index * 4 * MINUTE),
  );
  const overdue = Array.from({ length: OVERDUE_FIRED }, (_, index) =>
    reminder(index, now - (index + 1) * MINUTE, { firedAt: now - index * MINUTE }),
  );
  return [...pending, ...overdue];
}

/**
 * Rebuilding the reminder alarm at a start of the service worker with 10,000 pending reminders
 * (and 100 overdue ones that fired and wait for the rep): the whole run (`reschedule`: the
 * database transaction, the notification check, the alarm and the badge), the database part
 * alone, and the same index reads with the raw IndexedDB API as the baseline (due part of
 * `[status+dueAt]` per open status, then the first reminder after now that has not fired). The
 * database is already open, as it is once the worker's first handler ran.
 */
export const reminderScheduleBenchmark: Benchmark = {
  name: 'reminders',
  description: `rebuilding the reminder alarm from ${PENDING.toLocaleString('en')} pending reminders vs raw IndexedDB`,
  async run({ worker, runs }) {
    const reminders = benchReminders(Date.now());
    const ids = reminders.map((reminder) => reminder.id);
    await worker.evaluate(async (rows) => {
      const scope = globalThis as BenchScope;
      const hooks = scope.dealsideTest;
      if (!hooks) throw new Error('no dealsideTest hook');
      await hooks.database.reminders.bulkPut(rows);
      scope.benchRawDatabase = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('dealside');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }, reminders);
    const full: number[] = [];
    const dexie: number[] = [];
    const raw: number[] = [];
    try {
      await expectSameSchedule(worker);
      await timeFull(worker, WARM_UP);
      await timeDexie(worker, WARM_UP);
      await timeRaw(worker, WARM_UP);
      for (let run = 0; run < runs; run++) {
        full.push(...(await timeFull(worker, SAMPLES_PER_RUN)));
        dexie.push(...(await timeDexie(worker, SAMPLES_PER_RUN)));
        raw.push(...(await timeRaw(worker, SAMPLES_PER_RUN)));
      }
    } finally {
      await worker.evaluate(async (benchIds) => {
        const scope = globalThis as BenchScope;
        scope.benchRawDatabase?.close();
        delete scope.benchRawDatabase;
        await scope.dealsideTest?.database.reminders.bulkDelete(benchIds);
        await scope.dealsideTest?.reminders.reschedule();
      }, ids);
    }
    const fullFigures = summarizeLatencies('reminder_schedule_10k', full);
    const dexieFigures = summarizeLatencies('reminder_schedule_10k_db', dexie);
    const rawFigures = summarizeLatencies('reminder_schedule_10k_raw_idb', raw);
    return {
      // The headline figure is the p95 of the whole run, against the ≤ 100 ms target.
      reminder_schedule_10k_ms: fullFigures.reminder_schedule_10k_p95_ms as number,
      ...fullFigures,
      ...dexieFigures,
      ...rawFigures,
      reminder_schedule_10k_db_vs_raw_idb_p95_ratio: round(
        (dexieFigures.reminder_schedule_10k_db_p95_ms as number) /
          (rawFigures.reminder_schedule_10k_raw_idb_p95_ms as number),
      ),
    };
  },
};

/** Both sides find the same next due time and the same number due: the baseline does the same work. */
async function expectSameSchedule(worker: WebWorker): Promise<void> {
  const now = Date.now();
  const dexie = await worker.evaluate(async (at) => {
    const hooks = (globalThis as BenchScope).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const run = await hooks.runReminderSchedule(hooks.database, at);
    return { next: run.nextAlarmAt, due: run.dueCount, fired: run.fired.length };
  }, now);
  const raw = (await worker.evaluate(rawSchedules, 1, now)).last;
  if (dexie.fired !== 0 || dexie.next !== raw.next || dexie.due !== raw.due) {
    throw new Error(`reminders: the scheduler and the raw read disagree: ${JSON.stringify({ dexie, raw })}`);
  }
}

async function timeFull(worker: WebWorker, count: number): Promise<number[]> {
  return worker.evaluate(async (total) => {
    const hooks = (globalThis as BenchScope).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const elapsed: number[] = [];
    for (let index = 0; index < total; index++) {
      const started = performance.now();
      await hooks.reminders.reschedule();
      elapsed.push(performance.now() - started);
    }
    return elapsed;
  }, count);
}

async function timeDexie(worker: WebWorker, count: number): Promise<number[]> {
  return worker.evaluate(async (total) => {
    const hooks = (globalThis as BenchScope).dealsideTest;
    if (!hooks) throw new Error('no dealsideTest hook');
    const elapsed: number[] = [];
    for (let index = 0; index < total; index++) {
      const started = performance.now();
      await hooks.runReminderSchedule(hooks.database, Date.now());
      elapsed.push(performance.now() - started);
    }
    return elapsed;
  }, count);
}

async function timeRaw(worker: WebWorker, count: number): Promise<number[]> {
  return worker.evaluate(rawSchedules, count, null).then((result) => result.elapsed);
}

/**
 * Runs in the worker: the scheduler's reads with the raw API, in one read-write transaction over
 * the same stores as the scheduler's: the settings, the due rows of each open status, counted when live;
 * then per status the first row after now that is live and has not fired.
 */
async function rawSchedules(
  count: number,
  fixedNow: number | null,
): Promise<{ elapsed: number[]; last: { next: number | null; due: number } }> {
  type Row = { deleted: boolean; firedAt: number | null; dueAt: number };
  const database = (globalThis as BenchScope).benchRawDatabase;
  if (!database) throw new Error('reminders: the worker was not prepared');
  const statuses = ['pending', 'snoozed'];
  const elapsed: number[] = [];
  let last: { next: number | null; due: number } = { next: null, due: 0 };
  for (let index = 0; index < count; index++) {
    const now = fixedNow ?? Date.now();
    const started = performance.now();
    last = await new Promise((resolve, reject) => {
      const transaction = database.transaction(['reminders', 'activities', 'deals', 'settings'], 'readwrite');
      const byDue = transaction.objectStore('reminders').index('[status+dueAt]');
      let due = 0;
      let next: number | null = null;
      let open = statuses.length * 2 + 1;
      const settings = transaction.objectStore('settings').get('settings');
      settings.onsuccess = () => settle();
      settings.onerror = () => reject(settings.error);
      const settle = () => {
        open -= 1;
        if (open === 0) resolve({ next, due });
      };
      for (const status of statuses) {
        const dueRows = byDue.openCursor(
          IDBKeyRange.bound([status, Number.NEGATIVE_INFINITY], [status, now]),
        );
        dueRows.onsuccess = () => {
          const cursor = dueRows.result;
          if (!cursor) return settle();
          if (!(cursor.value as Row).deleted) due += 1;
          cursor.continue();
        };
        dueRows.onerror = () => reject(dueRows.error);
        const later = byDue.openCursor(
          IDBKeyRange.bound([status, now], [status, Number.POSITIVE_INFINITY], true),
        );
        later.onsuccess = () => {
          const cursor = later.result;
          if (!cursor) return settle();
          const row = cursor.value as Row;
          if (row.deleted || row.firedAt !== null) return cursor.continue();
          if (next === null || row.dueAt < next) next = row.dueAt;
          settle();
        };
        later.onerror = () => reject(later.error);
      }
    });
    elapsed.push(performance.now() - started);
  }
  return { elapsed, last };
}
