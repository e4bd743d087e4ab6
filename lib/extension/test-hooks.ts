import { DealsideDatabase } from './db/database';
import { logEmails } from './email-log/log-email';
import { matchOpenThread } from './matching/match-open-thread';
import { changeStage } from './pipeline/deal-updates';
import { readTimelinePage } from './queries/timeline';
import type { ReminderService } from './reminders/reminder-service';
import { runReminderSchedule } from './reminders/scheduler';
import { forecast } from './reports/forecast';
import { healthWarnings } from './reports/health';
import { loadReportData } from './reports/load-report-data';
import { currentPeriod } from './reports/periods';
import { compareReps } from './reports/rep-comparison';
import { searchCrm } from './search/search-crm';
import { connect, createHttpTransport, syncOnce } from './sync/client';

/** What test builds expose on the service worker's `globalThis.dealsideTest`. */
export type TestHooks = {
  database: DealsideDatabase;
  /** For benchmarks: the code measured where it runs, in the extension's own context. */
  matchOpenThread: typeof matchOpenThread;
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
  /** The dashboard's numbers, measured where they run (the `forecast_50k_ms` benchmark). */
  reports: {
    loadReportData: typeof loadReportData;
    forecast: typeof forecast;
    healthWarnings: typeof healthWarnings;
    compareReps: typeof compareReps;
    currentPeriod: typeof currentPeriod;
  };
  /**
   * Team sync's client layer on a database of the caller's own, beside the extension's (the
   * `sync_pull_100k_s` benchmark pulls into a new device's database while background sync leaves
   * it alone).
   */
  syncClient: {
    openDatabase(name: string): DealsideDatabase;
    connect: typeof connect;
    syncOnce: typeof syncOnce;
    createHttpTransport: typeof createHttpTransport;
  };
};

/**
 * Only test builds (`--mode test`) call this: it lets e2e tests and benchmarks reach the database
 * from the service worker. Store builds drop it, since the call site is compiled out.
 */
export function installTestHooks(database: DealsideDatabase, reminders: ReminderService): void {
  const hooks: TestHooks = {
    database,
    matchOpenThread,
    searchCrm,
    logEmails,
    readTimelinePage,
    changeStage,
    runReminderSchedule,
    reminders,
    reports: { loadReportData, forecast, healthWarnings, compareReps, currentPeriod },
    syncClient: {
      openDatabase: (name) => new DealsideDatabase(name),
      connect,
      syncOnce,
      createHttpTransport,
    },
  };
  Object.assign(globalThis, { dealsideTest: hooks });
}
