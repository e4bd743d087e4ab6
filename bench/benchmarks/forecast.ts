import { ensureLargeDatabase, LARGE_DATASET, type WorkerScope } from '../support/large-database';
import { round, summarize } from '../support/stats';
import type { Benchmark } from '../support/types';

const WARM_UP = 3;
const SAMPLES_PER_RUN = 5;
const TIME_ZONE = 'Asia/Taipei';

type Samples = {
  loadMs: number;
  rawReadMs: number;
  warmLoadMs: number;
  deals: number;
  histories: number;
  coldMs: number;
  reports: number[];
  baseline: number[];
};

/**
 * Issue 8's `forecast_50k_ms`: the dashboard's numbers — the monthly forecast, the health
 * warnings and the rep comparison for the current month — over the large database's 50,000 deals
 * and their stage history, in the extension's service worker (real Chromium), on data already
 * read by loadReportData. Beside it, in the same worker and run: a plain loop over the same
 * arrays summing amounts and counting stage changes, the floor any report costs. The read itself
 * is reported as `report_load_50k_ms` (once, cold; then `_warm_ms` for a second read) beside
 * `report_raw_read_50k_ms` (the same records read, nothing else), and the first computation as
 * `forecast_50k_cold_ms` (its time-zone day cache still empty).
 */
export const forecastBenchmark: Benchmark = {
  name: 'forecast',
  description: 'forecast + health + rep comparison over 50,000 deals with stage history vs a plain loop',
  async run({ worker, runs }) {
    await ensureLargeDatabase(worker);
    const samples: Samples = await worker.evaluate(
      async (now, timeZone, warmUp, measured) => {
        const hooks = (globalThis as WorkerScope).dealsideTest;
        if (!hooks) throw new Error('forecast: no dealsideTest hook');
        const settings = await hooks.database.settings.get('settings');
        if (!settings) throw new Error('forecast: no settings');
        const { reports } = hooks;
        const loadStart = performance.now();
        const data = await reports.loadReportData(hooks.database, now);
        const loadMs = performance.now() - loadStart;
        const warmLoadStart = performance.now();
        await reports.loadReportData(hooks.database, now);
        const warmLoadMs = performance.now() - warmLoadStart;
        // The floor of the read: the same records through Dexie's query API, no grouping, one transaction.
        const rawStart = performance.now();
        const database = hooks.database;
        await database.transaction('r', [database.deals, database.pipelines, database.activities], () =>
          Promise.all([
            database.deals.toArray(),
            database.activities
              .where('[kind+dealId+occurredAt]')
              .between(['stage-change', -Infinity], ['stage-change', [[]]])
              .toArray(),
            database.pipelines.toArray().then((pipelines) => {
              // loadReportData's activityHorizon: the longest stale limit + 1 day.
              const limits = pipelines.flatMap((pipeline) =>
                pipeline.stages.flatMap((stage) => stage.staleAfterDays ?? []),
              );
              if (limits.length === 0) return [];
              const horizon = now - (Math.max(...limits) + 1) * 24 * 3600_000;
              return database.activities.where('occurredAt').between(horizon, now, true, true).toArray();
            }),
          ]),
        );
        const rawReadMs = performance.now() - rawStart;
        const context = { now, timeZone, reporting: settings.reporting };
        const period = reports.currentPeriod(now, timeZone, 'month');
        let checksum = 0;
        const compute = () => {
          const started = performance.now();
          const forecast = reports.forecast(data, context, 'month');
          const health = reports.healthWarnings(data, context);
          const comparison = reports.compareReps(data, context, period);
          checksum += forecast.periods.length + health.warnings.length + comparison.rows.length;
          return performance.now() - started;
        };
        const plainLoop = () => {
          const started = performance.now();
          let sum = 0;
          for (const deal of data.deals) sum += deal.amount;
          for (const history of data.stageChanges.values()) sum += history.length;
          checksum += sum > 0 ? 1 : 0;
          return performance.now() - started;
        };
        const coldMs = compute();
        const reportTimes: number[] = [];
        const baselineTimes: number[] = [];
        for (let sample = 0; sample < warmUp + measured; sample++) {
          const reportMs = compute();
          const baselineMs = plainLoop();
          if (sample < warmUp) continue;
          reportTimes.push(reportMs);
          baselineTimes.push(baselineMs);
        }
        if (checksum === 0) throw new Error('forecast: nothing was computed');
        return {
          loadMs,
          warmLoadMs,
          rawReadMs,
          deals: data.deals.length,
          histories: data.stageChanges.size,
          coldMs,
          reports: reportTimes,
          baseline: baselineTimes,
        };
      },
      LARGE_DATASET.now,
      TIME_ZONE,
      WARM_UP,
      runs * SAMPLES_PER_RUN,
    );
    if (samples.deals < LARGE_DATASET.deals * 0.9 || samples.histories === 0) {
      throw new Error(
        `forecast: ${samples.deals} deals, ${samples.histories} with history; the data set changed?`,
      );
    }
    const figures = {
      ...summarize('forecast_50k_ms', samples.reports),
      ...summarize('forecast_50k_plain_loop_ms', samples.baseline),
    };
    return {
      ...figures,
      forecast_50k_cold_ms: round(samples.coldMs),
      report_load_50k_ms: round(samples.loadMs),
      report_load_50k_warm_ms: round(samples.warmLoadMs),
      report_raw_read_50k_ms: round(samples.rawReadMs),
    };
  },
};
