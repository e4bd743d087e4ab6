import { Dexie } from 'dexie';
import type { Settings } from '../../shared/model';
import { DATABASE_NAME, type DealsideDatabase } from '../db/database';
import { createTranslator, resolveLanguage, type Translate } from '../i18n/translate';
import { showDueCount } from '../platform/badge';
import { serially } from '../platform/serially';
import {
  type ClickResult,
  clearStaleReminderNotifications,
  handleNotificationButton,
  handleNotificationClick,
  showReminderNotifications,
} from './notifications';
import { alarmTime, REMINDER_ALARM_NAME, runReminderSchedule, type ScheduleRun } from './scheduler';

export type ReminderService = {
  /** Runs the scheduler now (or right after the run in progress); resolves when it is done. */
  reschedule(): Promise<ScheduleRun>;
  click(notificationId: string): Promise<ClickResult>;
  clickButton(notificationId: string, buttonIndex: number): Promise<void>;
};

function translatorFor(settings: Settings | null): Translate {
  return createTranslator(resolveLanguage(settings?.language ?? 'auto', navigator.languages));
}

/** Dexie names each changed table as `idb://<database>/<table>/…` in the parts it broadcasts. */
function touchesReminders(parts: Record<string, unknown>): boolean {
  const prefix = `idb://${DATABASE_NAME}/reminders/`;
  return Object.keys(parts).some((part) => part === 'all' || part.startsWith(prefix));
}

/**
 * Wires reminders into the background. The scheduler runs when the worker starts (this call, at
 * the top level of the worker), when the browser starts or the extension is installed or updated,
 * when the alarm rings, and whenever reminders change in any extension context: Dexie broadcasts
 * every committed write as 'storagemutated' to the other contexts of the origin (BroadcastChannel),
 * the worker included. A write made while the worker is stopped is found at its next run, at the
 * latest when the alarm rings (RECHECK_AT_LEAST_EVERY_MS).
 * Listeners are added synchronously, as MV3 requires for events to wake the worker.
 */
export function startReminderService(database: DealsideDatabase): ReminderService {
  const reschedule = serially(async () => {
    const run = await runReminderSchedule(database, Date.now());
    const translate = translatorFor(run.settings);
    await showReminderNotifications(run.fired, translate);
    await clearStaleReminderNotifications(database);
    await browser.alarms.create(REMINDER_ALARM_NAME, { when: alarmTime(run.nextAlarmAt, Date.now()) });
    await showDueCount(
      run.dueCount,
      run.dueCount === 0
        ? translate('app.name')
        : translate('reminderAlert.badgeTitle', { count: run.dueCount }),
    );
    return run;
  });
  // Failures surface as unhandled rejections in the extension's error list; the next event retries.
  const request = () => void reschedule();

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM_NAME) request();
  });
  browser.runtime.onStartup.addListener(request);
  browser.runtime.onInstalled.addListener(request);
  Dexie.on('storagemutated', (parts) => {
    if (touchesReminders(parts)) request();
  });

  const click = (notificationId: string) => handleNotificationClick(database, notificationId);
  const clickButton = async (notificationId: string, buttonIndex: number) => {
    await handleNotificationButton(database, notificationId, buttonIndex);
    await reschedule();
  };
  browser.notifications.onClicked.addListener((notificationId) => void click(notificationId));
  browser.notifications.onButtonClicked.addListener(
    (notificationId, buttonIndex) => void clickButton(notificationId, buttonIndex),
  );

  request();
  return { reschedule, click, clickButton };
}
