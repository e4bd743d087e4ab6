import type { Browser, WebWorker } from 'puppeteer-core';

/** What every benchmark gets: one browser with the test build loaded, shared by all of them. */
export type BenchContext = {
  browser: Browser;
  /** The extension's service worker, where `globalThis.dealsideTest.database` lives. */
  worker: WebWorker;
  extensionId: string;
  /** Measured runs per metric (warm-up runs come on top). */
  runs: number;
};

/** Metric name → value; names say the unit (`_ms`, `_ratio`). */
export type Metrics = Record<string, number>;

export type Benchmark = {
  /** Used to pick benchmarks on the command line: `tsx bench/run.ts bulk-put-10k`. */
  name: string;
  description: string;
  run(context: BenchContext): Promise<Metrics>;
};
