import type { Benchmark } from '../support/types';
import { boardBenchmark } from './board';
import { bulkPut10k } from './bulk-put-10k';
import { contentScriptSize } from './content-script-size';
import { dashboardBenchmark } from './dashboard';
import { forecastBenchmark } from './forecast';
import { logEmailBenchmark } from './log-email';
import { matchOpenThreadBenchmark } from './match-open-thread';
import { reminderScheduleBenchmark } from './reminder-schedule';
import { searchCrmBenchmark } from './search-crm';
import { sidebarReadyBenchmark } from './sidebar-ready';
import { stageChangeBenchmark } from './stage-change';
import { syncMutationsBenchmark } from './sync-mutations';
import { syncPullBenchmark } from './sync-pull';
import { syncPushBenchmark } from './sync-push';
import { timelineBenchmark } from './timeline';

/**
 * Every benchmark, in the order the runner runs them. Add new ones here, one module each.
 * bulk-put-10k clears the contacts table, so it runs before the ones on the large database; log and
 * timeline add activities to it, so they run after the ones that read it (forecast among them).
 * board and stage-change add their own 5,000-deal pipeline (bench/support/board-dataset.ts) to
 * whatever is loaded; stage-change moves its deals, so it runs after board. The sync benchmarks
 * start their own server and pull into a database of their own, so they touch none of this.
 */
export const BENCHMARKS: readonly Benchmark[] = [
  contentScriptSize,
  bulkPut10k,
  matchOpenThreadBenchmark,
  searchCrmBenchmark,
  sidebarReadyBenchmark,
  forecastBenchmark,
  dashboardBenchmark,
  logEmailBenchmark,
  timelineBenchmark,
  reminderScheduleBenchmark,
  boardBenchmark,
  stageChangeBenchmark,
  syncPullBenchmark,
  syncPushBenchmark,
  syncMutationsBenchmark,
];
