import { type Id, idSchema, type Reminder } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import type { Translate } from '../i18n/translate';
import { openThreadInMailTab } from '../platform/mail-tabs';
import { completeReminder, snoozeReminder } from './reminders-write';
import { type FiredReminder, stillNotified } from './scheduler';

/**
 * The system notification of a fired reminder and what its clicks do. Chrome allows two buttons:
 * "Done" and "Snooze 1 h"; "Tomorrow" is offered by the popup and the sidebar. Firefox shows no
 * buttons at all, so there the popup is where a reminder is done or snoozed.
 */

const NOTIFICATION_PREFIX = 'dealside-reminder:';
export const SNOOZE_FROM_NOTIFICATION_MS = 60 * 60 * 1000;
/** The button order of every reminder notification. */
export const NOTIFICATION_BUTTONS = ['done', 'snooze'] as const;
/** Notifications show a few lines; a long note is cut, the reminder itself keeps all of it. */
const NOTE_LIMIT = 200;

export function notificationIdOf(reminderId: Id): string {
  return `${NOTIFICATION_PREFIX}${reminderId}`;
}

/** The reminder a notification belongs to; null for any other notification. */
export function reminderIdOf(notificationId: string): Id | null {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return null;
  const parsed = idSchema.safeParse(notificationId.slice(NOTIFICATION_PREFIX.length));
  return parsed.success ? parsed.data : null;
}

export type NotificationContent = {
  title: string;
  /** The deal (or that it is gone) and the note, one per line. */
  message: string;
  /** The thread's subject. */
  contextMessage: string;
  buttons: [string, string];
};

function shortened(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > NOTE_LIMIT ? `${trimmed.slice(0, NOTE_LIMIT - 1)}…` : trimmed;
}

/** More reminders than this firing together are announced by one summary notification. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;
export const SUMMARY_NOTIFICATION_ID = 'dealside-reminders-due';

/** The summary of many reminders firing at once: how many, and the first few titles. */
export function summaryContent(
  fired: readonly FiredReminder[],
  translate: Translate,
): { title: string; message: string; contextMessage: string } {
  const shown = fired.slice(0, MAX_SEPARATE_NOTIFICATIONS).map(({ reminder }) => shortened(reminder.title));
  const more = fired.length - shown.length;
  return {
    title: translate('reminderAlert.summaryTitle', { count: fired.length }),
    message: [...shown, ...(more > 0 ? [translate('reminderAlert.summaryMore', { count: more })] : [])].join(
      '\n',
    ),
    contextMessage: translate('reminderAlert.summaryHint'),
  };
}

/** Plain text only: the system draws it, nothing is parsed as markup. */
export function notificationContent(
  { reminder, deal }: FiredReminder,
  translate: Translate,
): NotificationContent {
  const dealLine =
    deal === null ? '' : deal === 'deleted' ? translate('reminderAlert.dealDeleted') : deal.title;
  return {
    title: reminder.title,
    message: [dealLine, shortened(reminder.note)].filter(Boolean).join('\n'),
    contextMessage: reminder.thread?.subject ?? '',
    buttons: [translate('reminderAlert.done'), translate('reminderAlert.snoozeHour')],
  };
}

export async function showReminderNotifications(
  fired: readonly FiredReminder[],
  translate: Translate,
): Promise<void> {
  const iconUrl = browser.runtime.getURL('/icon/128.png');
  if (fired.length > MAX_SEPARATE_NOTIFICATIONS) {
    // Many at once (the browser was closed for days, a backup was restored): one summary instead
    // of a flood; its click opens the popup, which lists them all with Done and Snooze.
    await browser.notifications.create(SUMMARY_NOTIFICATION_ID, {
      type: 'basic',
      iconUrl,
      ...summaryContent(fired, translate),
      priority: 2,
    });
    return;
  }
  await Promise.all(
    fired.map((entry) => {
      const { buttons, ...text } = notificationContent(entry, translate);
      return browser.notifications.create(notificationIdOf(entry.reminder.id), {
        type: 'basic',
        iconUrl,
        ...text,
        buttons: buttons.map((title) => ({ title })),
        priority: 2,
      });
    }),
  );
}

/** Takes down the notifications of reminders that were done, snoozed or deleted since they fired. */
export async function clearStaleReminderNotifications(database: DealsideDatabase): Promise<void> {
  const shown = Object.keys(await browser.notifications.getAll());
  const ids = shown.map(reminderIdOf).filter((id): id is Id => id !== null);
  if (ids.length === 0) return;
  const current = await stillNotified(database, ids);
  await Promise.all(
    ids.filter((id) => !current.has(id)).map((id) => browser.notifications.clear(notificationIdOf(id))),
  );
}

export type ClickResult = 'thread' | 'popup' | 'nothing';

/**
 * A click on the notification: the reminder's thread, in an open tab of its mailbox or a new one.
 * A reminder without a thread, and the summary of many, open the toolbar popup, which lists what is due, where the browser
 * allows that without a click on the toolbar (Chrome 127+); otherwise nothing opens, the
 * notification having said it all.
 */
export async function handleNotificationClick(
  database: DealsideDatabase,
  notificationId: string,
): Promise<ClickResult> {
  const id = reminderIdOf(notificationId);
  if (!id && notificationId !== SUMMARY_NOTIFICATION_ID) return 'nothing';
  await browser.notifications.clear(notificationId);
  if (id) {
    const reminder = await database.reminders.get(id);
    if (!reminder || reminder.deleted) return 'nothing';
    if (reminder.thread) {
      await openThreadInMailTab(reminder.thread);
      return 'thread';
    }
  }
  try {
    await browser.action.openPopup();
    return 'popup';
  } catch {
    return 'nothing';
  }
}

/** "Done" completes the reminder; "Snooze 1 h" moves it an hour from now, to fire again then. */
export async function handleNotificationButton(
  database: DealsideDatabase,
  notificationId: string,
  buttonIndex: number,
  now: number = Date.now(),
): Promise<Reminder | null> {
  const id = reminderIdOf(notificationId);
  const button = NOTIFICATION_BUTTONS[buttonIndex];
  if (!id || !button) return null;
  await browser.notifications.clear(notificationId);
  return button === 'done'
    ? completeReminder(database, id, 'done', now)
    : snoozeReminder(database, id, now + SNOOZE_FROM_NOTIFICATION_MS, now);
}
