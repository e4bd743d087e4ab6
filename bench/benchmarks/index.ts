import type { Benchmark } from '../support/types';
import { bulkPut10k } from './bulk-put-10k';
import { contentScriptSize } from './content-script-size';
import { logEmailBenchmark } from './log-email';
import { matchMailContextBenchmark } from './match-mail-context';
import { reminderScheduleBenchmark } from './reminder-schedule';
import { searchCrmBenchmark } from './search-crm';
import { sidebarReadyBenchmark } from './sidebar-ready';
import { timelineBenchmark } from './timeline';

/**
 * Every benchmark, in the order the runner runs them. Add new ones here, one module each.
 * bulk-put-10k clears the contacts table, so it runs before the ones on the large database; log and
 * timeline add activities to it, so they run after the ones that read it.
 */
export const BENCHMARKS: readonly Benchmark[] = [
  contentScriptSize,
  bulkPut10k,
  matchMailContextBenchmark,
  searchCrmBenchmark,
  sidebarReadyBenchmark,
  logEmailBenchmark,
  timelineBenchmark,
  reminderScheduleBenchmark,
];
