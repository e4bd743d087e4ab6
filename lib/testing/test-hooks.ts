import type { DealsideDatabase } from '../db/database';
import { logEmails } from '../logging/log-email';
import { matchMailContext } from '../matching/match-mail-context';
import { changeStage } from '../pipeline/deal-updates';
import { readTimelinePage } from '../queries/timeline';
import type { ReminderService } from '../reminders/reminder-service';
import { runReminderSchedule } from '../reminders/scheduler';
import { searchCrm } from '../search/search-crm';

/** What test builds expose on the service worker's `globalThis.dealsideTest`. */
export type TestHooks = {
  database: DealsideDatabase;
  /** For benchmarks: the code measured where it runs, in the extension's own context. */
  matchMailContext: typeof matchMailContext;
  searchCrm: typeof searchCrm;
  logEmails: typeof logEmails;
  readTimelinePage: typeof readTimelinePage;
  /** A stage change with its history activity (the `stage_change_p95_ms` benchmark). */
  changeStage: typeof changeStage;
  /** The scheduler's database part alone, without alarms, badge or notifications. */
  runReminderSchedule: typeof runReminderSchedule;
  /**
   * The reminder scheduler and the notification handlers: puppeteer cannot click a system
   * notification, so tests call the same handlers its click and buttons call.
   */
  reminders: ReminderService;
};

/**
 * Only test builds (`--mode test`) call this: it lets e2e tests and benchmarks reach the database
 * from the service worker. Store builds drop it, since the call site is compiled out.
 */
export function installTestHooks(database: DealsideDatabase, reminders: ReminderService): void {
  const hooks: TestHooks = {
    database,
    matchMailContext,
    searchCrm,
    logEmails,
    readTimelinePage,
    changeStage,
    runReminderSchedule,
    reminders,
  };
  Object.assign(globalThis, { dealsideTest: hooks });
}
