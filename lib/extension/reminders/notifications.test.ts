import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTranslator } from '@/lib/extension/i18n/translate';
import { saveMailPageState } from '@/lib/extension/platform/mail-page-store';
import { newId } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeReminder, NOW } from '@/tests/unit/records';
import {
  clearStaleReminderNotifications,
  handleNotificationButton,
  handleNotificationClick,
  notificationContent,
  notificationIdOf,
  reminderIdOf,
  SNOOZE_FROM_NOTIFICATION_MS,
  SUMMARY_NOTIFICATION_ID,
  showReminderNotifications,
  summaryContent,
} from './notifications';

const THREAD = {
  provider: 'gmail' as const,
  account: 'rep@example.com',
  threadId: 'FMfcgzQXJWDsKmNqFvZqgFZBhpWGWtjx',
  threadUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmNqFvZqgFZBhpWGWtjx',
  subject: 'Quote for 200 seats',
};
const english = createTranslator('en');

describe('reminder notifications', () => {
  it('names the reminder, its deal (or that the deal is gone), the note and the thread', () => {
    const reminder = makeReminder({
      title: 'Chase the quote',
      note: 'Ask about the <b>discount</b>',
      thread: THREAD,
    });
    expect(notificationContent({ reminder, deal: { title: 'Acme: 200 seats' } }, english)).toEqual({
      title: 'Chase the quote',
      message: 'Acme: 200 seats\nAsk about the <b>discount</b>',
      contextMessage: 'Quote for 200 seats',
      buttons: ['Done', 'Snooze 1 h'],
    });
    expect(notificationContent({ reminder, deal: 'deleted' }, createTranslator('zh-TW'))).toMatchObject({
      message: '此商機已不存在\nAsk about the <b>discount</b>',
      buttons: ['完成', '1 小時後再提醒'],
    });
    const bare = notificationContent(
      { reminder: makeReminder({ note: 'x'.repeat(5000) }), deal: null },
      english,
    );
    expect(bare.message).toHaveLength(200);
    expect(bare.contextMessage).toBe('');
  });

  it('recognizes only its own notification ids', () => {
    const id = newId(NOW);
    expect(reminderIdOf(notificationIdOf(id))).toBe(id);
    expect(reminderIdOf('dealside-reminder:not-an-id')).toBeNull();
    expect(reminderIdOf(id)).toBeNull();
  });

  it('announces many reminders firing at once with one summary, whose click opens the popup', async () => {
    const database = isolatedDatabase('notification-summary');
    const fired = Array.from({ length: 5 }, (_, index) => ({
      reminder: makeReminder({ id: newId(NOW), title: `Follow up ${index + 1}`, firedAt: NOW }),
      deal: null,
    }));
    await showReminderNotifications(fired.slice(0, 3), english);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toHaveLength(3);
    await fakeBrowser.notifications.clear(notificationIdOf(fired[0]?.reminder.id ?? ''));

    fakeBrowser.reset();
    await showReminderNotifications(fired, english);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([SUMMARY_NOTIFICATION_ID]);
    expect(summaryContent(fired, english)).toEqual({
      title: '5 reminders are due',
      message: 'Follow up 1\nFollow up 2\nFollow up 3\n…and 2 more',
      contextMessage: 'Open Dealside’s toolbar popup to see them all.',
    });
    const opened = await handleNotificationClick(database, SUMMARY_NOTIFICATION_ID);
    expect(opened === 'popup' || opened === 'nothing').toBe(true);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    database.close();
  });

  it('"Done" completes, "Snooze 1 h" moves the reminder an hour on, and both take the notification down', async () => {
    const database = isolatedDatabase('notification-buttons');
    const done = makeReminder({ id: newId(NOW), firedAt: NOW });
    const snoozed = makeReminder({ id: newId(NOW), firedAt: NOW });
    await database.reminders.bulkAdd([done, snoozed]);
    await showReminderNotifications(
      [done, snoozed].map((reminder) => ({ reminder, deal: null })),
      english,
    );
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toHaveLength(2);

    await handleNotificationButton(database, notificationIdOf(done.id), 0, NOW + 1);
    await handleNotificationButton(database, notificationIdOf(snoozed.id), 1, NOW + 2);
    expect(await database.reminders.get(done.id)).toMatchObject({ status: 'done', completion: 'done' });
    expect(await database.reminders.get(snoozed.id)).toMatchObject({
      status: 'snoozed',
      dueAt: NOW + 2 + SNOOZE_FROM_NOTIFICATION_MS,
      firedAt: null,
    });
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await handleNotificationButton(database, notificationIdOf(done.id), 2)).toBeNull();
    expect(await handleNotificationButton(database, 'someone-else', 0)).toBeNull();
    database.close();
  });

  it('takes down notifications of reminders done or snoozed elsewhere', async () => {
    const database = isolatedDatabase('notification-stale');
    const shown = makeReminder({ id: newId(NOW), firedAt: NOW });
    const doneElsewhere = makeReminder({ id: newId(NOW), firedAt: NOW, status: 'done' });
    await database.reminders.bulkAdd([shown, doneElsewhere]);
    await showReminderNotifications(
      [shown, doneElsewhere].map((reminder) => ({ reminder, deal: null })),
      english,
    );
    await fakeBrowser.notifications.create('another-extension-feature', {
      type: 'basic',
      title: '',
      message: '',
      iconUrl: '',
    });
    await clearStaleReminderNotifications(database);
    expect(Object.keys(await fakeBrowser.notifications.getAll()).sort()).toEqual(
      ['another-extension-feature', notificationIdOf(shown.id)].sort(),
    );
    database.close();
  });

  it('a click opens the thread in the open tab of its mailbox, else in a new tab', async () => {
    const database = isolatedDatabase('notification-click');
    const reminder = makeReminder({ id: newId(NOW), thread: THREAD, firedAt: NOW });
    await database.reminders.add(reminder);
    const otherAccount = await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/1/#inbox' });
    await saveMailPageState(otherAccount.id as number, {
      status: 'no-thread',
      provider: 'gmail',
      account: 'me@gmail.com',
    });

    expect(await handleNotificationClick(database, notificationIdOf(reminder.id))).toBe('thread');
    const created = (await fakeBrowser.tabs.query({})).find((tab) => tab.url === THREAD.threadUrl);
    expect(created).toBeDefined();

    const sameAccount = await fakeBrowser.tabs.create({
      url: 'https://mail.google.com/mail/u/0/#inbox',
      active: false,
    });
    await saveMailPageState(sameAccount.id as number, {
      status: 'no-thread',
      provider: 'gmail',
      account: 'rep@example.com',
    });
    const before = (await fakeBrowser.tabs.query({})).length;
    await handleNotificationClick(database, notificationIdOf(reminder.id));
    expect((await fakeBrowser.tabs.query({})).length).toBe(before);
    expect(await fakeBrowser.tabs.get(sameAccount.id as number)).toMatchObject({
      url: THREAD.threadUrl,
      active: true,
    });
    expect(await handleNotificationClick(database, notificationIdOf(newId()))).toBe('nothing');
    database.close();
  });
});
