import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationIdOf, SNOOZE_FROM_NOTIFICATION_MS } from '../../lib/extension/reminders/notifications';
import type { ReminderService } from '../../lib/extension/reminders/reminder-service';
import { RECHECK_AT_LEAST_EVERY_MS, REMINDER_ALARM_NAME } from '../../lib/extension/reminders/scheduler';
import { newId, type Reminder } from '../../lib/shared/model';
import { fixtureHtml } from '../fixtures/mail/load-fixture';
import { FIXTURE_URLS } from '../fixtures/mail/urls';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase, putRecords } from './support/database';
import { acmeLoggingCrm } from './support/logging';
import { serveMailPages } from './support/mail-pages';
import { OptionsPage } from './support/options-page';
import { reminderRecord } from './support/record-builders';
import { backupOf } from './support/records';

/**
 * Reminders firing in real Chromium: the alarm rings, a system notification appears (listed by
 * chrome.notifications.getAll in the worker), the badge counts it, and its click and buttons act.
 * Puppeteer cannot click a system notification: the tests call the handlers the notification's
 * click and buttons call (lib/extension/test-hooks.ts). Restarts reuse one profile directory.
 */

type Hooks = { dealsideTest?: { reminders: ReminderService } };
type Chrome = {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
};

const THREAD_URL = FIXTURE_URLS['gmail-single-message.html'];
const INBOX_URL = FIXTURE_URLS['gmail-inbox.html'];
const THREAD = {
  provider: 'gmail' as const,
  account: 'rep@example.com',
  // What the Gmail adapter reads from the fixture: the thread's legacy hex id.
  threadId: '19a5e0c1b2c3d4e5',
  threadUrl: THREAD_URL,
  subject: 'Quote for 200 seats',
};

/** A reminder about the quote thread, due when `fields` says. */
function quoteReminder(fields: Partial<Reminder> & Pick<Reminder, 'dueAt'>): Reminder {
  return reminderRecord(Date.now(), {
    title: 'Follow up on the quote',
    note: 'Ask about the discount',
    thread: THREAD,
    ...fields,
  });
}

function shownNotifications(worker: WebWorker): Promise<string[]> {
  return worker.evaluate(async () =>
    Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()),
  );
}

async function waitForNotification(worker: WebWorker, id: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await shownNotifications(worker)).includes(id)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `notification ${id} never appeared (shown: ${(await shownNotifications(worker)).join(', ')})`,
  );
}

function toolbar(worker: WebWorker): Promise<{ badge: string; title: string }> {
  return worker.evaluate(async () => {
    const { action } = (globalThis as unknown as { chrome: Chrome }).chrome;
    return { badge: await action.getBadgeText({}), title: await action.getTitle({}) };
  });
}

function alarmTime(worker: WebWorker): Promise<number | null> {
  return worker.evaluate(
    async (name) =>
      (await (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get(name))?.scheduledTime ?? null,
    REMINDER_ALARM_NAME,
  );
}

async function storedReminder(worker: WebWorker, id: string): Promise<Reminder> {
  const dump = await dumpDatabase(worker);
  const reminder = (dump.reminders as Reminder[]).find((candidate) => candidate.id === id);
  if (!reminder) throw new Error(`no reminder ${id}`);
  return reminder;
}

/** Nothing due sooner: the alarm only rechecks, a few minutes after the last run. */
function expectRecheckAlarm(scheduled: number | null, lastRunAfter: number): void {
  expect(scheduled).toBeGreaterThanOrEqual(lastRunAfter + RECHECK_AT_LEAST_EVERY_MS);
  expect(scheduled).toBeLessThan(Date.now() + RECHECK_AT_LEAST_EVERY_MS + 1);
}

function reschedule(worker: WebWorker): Promise<void> {
  return worker.evaluate(async () => {
    await (globalThis as Hooks).dealsideTest?.reminders.reschedule();
  });
}

describe('reminders firing', () => {
  let session: ExtensionBrowser;
  const crm = acmeLoggingCrm();

  beforeAll(async () => {
    session = await launchExtensionBrowser();
  });
  beforeEach(async () => {
    // Keep the first tab: the browser needs one open.
    for (const page of (await session.browser.pages()).slice(1)) await page.close();
    await clearDatabase(session.worker);
    await putRecords(session.worker, { ...crm.records, settings: [crm.settings()] });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('fires on time, counts on the badge, opens the thread in the mail tab, snoozes and completes', async () => {
    const reminder = quoteReminder({ dueAt: Date.now() + 3_000, dealId: crm.deal.id });
    await putRecords(session.worker, { reminders: [reminder] });
    const notificationId = notificationIdOf(reminder.id);

    await waitForNotification(session.worker, notificationId);
    const fired = await storedReminder(session.worker, reminder.id);
    expect(fired.firedAt).toBeGreaterThanOrEqual(reminder.dueAt);
    expect(await toolbar(session.worker)).toEqual({ badge: '1', title: 'Dealside: 1 reminder due' });
    expectRecheckAlarm(await alarmTime(session.worker), fired.firedAt ?? 0);

    // A Gmail tab of the same account is open on the inbox: the click brings the thread up there.
    const mailTab = await session.newPage();
    await serveMailPages(
      mailTab,
      new Map([[INBOX_URL.split('#')[0] as string, fixtureHtml('gmail-inbox.html')]]),
    );
    await mailTab.goto(INBOX_URL, { waitUntil: 'load' });
    await session.worker.evaluate(async () => {
      const deadline = Date.now() + 10_000;
      const storage = (
        globalThis as unknown as { chrome: { storage: { session: { get(key: null): Promise<object> } } } }
      ).chrome.storage.session;
      while (Object.keys(await storage.get(null)).length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const pagesBefore = (await session.browser.pages()).length;
    const clicked = await session.worker.evaluate(
      (id) => (globalThis as Hooks).dealsideTest?.reminders.click(id),
      notificationId,
    );
    expect(clicked).toBe('thread');
    await mailTab.waitForFunction((url) => location.href === url, { timeout: 10_000 }, THREAD_URL);
    expect((await session.browser.pages()).length).toBe(pagesBefore);
    expect(await shownNotifications(session.worker)).not.toContain(notificationId);

    // "Snooze 1 h": due an hour on, waiting to fire again, the alarm moved, the badge cleared.
    const snoozedAt = Date.now();
    await session.worker.evaluate(
      (id) => (globalThis as Hooks).dealsideTest?.reminders.clickButton(id, 1),
      notificationId,
    );
    const snoozed = await storedReminder(session.worker, reminder.id);
    expect(snoozed).toMatchObject({ status: 'snoozed', firedAt: null });
    expect(snoozed.dueAt - snoozedAt).toBeGreaterThanOrEqual(SNOOZE_FROM_NOTIFICATION_MS);
    expect(snoozed.dueAt - snoozedAt).toBeLessThan(SNOOZE_FROM_NOTIFICATION_MS + 60_000);
    expectRecheckAlarm(await alarmTime(session.worker), snoozedAt);
    expect(await toolbar(session.worker)).toEqual({ badge: '', title: 'Dealside' });

    // "Done": completed, nothing left to ring for.
    const doneAt = Date.now();
    await session.worker.evaluate(
      (id) => (globalThis as Hooks).dealsideTest?.reminders.clickButton(id, 0),
      notificationId,
    );
    expect(await storedReminder(session.worker, reminder.id)).toMatchObject({
      status: 'done',
      completion: 'done',
    });
    expectRecheckAlarm(await alarmTime(session.worker), doneAt);
  });

  it('opens a new tab when no mail tab of the account is open, and says when the deal is gone', async () => {
    const reminder = quoteReminder({ dueAt: Date.now() - 1_000, dealId: newId() });
    await putRecords(session.worker, { reminders: [reminder] });
    await waitForNotification(session.worker, notificationIdOf(reminder.id));
    const opened = session.browser.waitForTarget((target) => target.url() === THREAD_URL, {
      timeout: 10_000,
    });
    const clicked = await session.worker.evaluate(
      (id) => (globalThis as Hooks).dealsideTest?.reminders.click(id),
      notificationIdOf(reminder.id),
    );
    expect(clicked).toBe('thread');
    expect((await opened).url()).toBe(THREAD_URL);
  });

  it('completes an "only if no reply" reminder silently once the thread showed their reply', async () => {
    const reminder = quoteReminder({
      dueAt: Date.now() + 60_000,
      createdAt: Date.UTC(2024, 0, 1),
      onlyIfNoReply: true,
    });
    await putRecords(session.worker, { reminders: [reminder] });
    // The fixture thread holds a message from Chen Mei-Ling: its content script reports it.
    const page = await session.newPage();
    await serveMailPages(
      page,
      new Map([[THREAD_URL.split('#')[0] as string, fixtureHtml('gmail-single-message.html')]]),
    );
    await page.goto(THREAD_URL, { waitUntil: 'load' });
    const deadline = Date.now() + 10_000;
    while ((await storedReminder(session.worker, reminder.id)).replySeenAt === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await storedReminder(session.worker, reminder.id)).replySeenAt).toBeGreaterThan(
      reminder.createdAt,
    );

    await putRecords(session.worker, {
      reminders: [{ ...(await storedReminder(session.worker, reminder.id)), dueAt: Date.now() - 1 }],
    });
    await reschedule(session.worker);
    expect(await storedReminder(session.worker, reminder.id)).toMatchObject({
      status: 'done',
      completion: 'replied',
      firedAt: null,
    });
    expect(await shownNotifications(session.worker)).toEqual([]);
  });

  it('hears of reminders written in another extension context (a backup restored in the options page)', async () => {
    const reminder = quoteReminder({ dueAt: Date.now() + 8_000 });
    const options = await OptionsPage.open(session);
    const file = path.join(session.tempDir('backup'), 'with-reminder.json');
    writeFileSync(
      file,
      JSON.stringify(
        backupOf(
          { companies: [], contacts: [], pipelines: [], deals: [], activities: [], reminders: [reminder] },
          crm.settings(),
        ),
      ),
    );
    await options.importBackup(file);
    const deadline = Date.now() + 5_000;
    while ((await alarmTime(session.worker)) !== reminder.dueAt && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await alarmTime(session.worker)).toBe(reminder.dueAt);
    await waitForNotification(session.worker, notificationIdOf(reminder.id));
    await options.close();
  });
});

describe('reminders across browser restarts', () => {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'dealside-e2e-restart-'));
  afterAll(async () => {
    await rm(profileDir, { recursive: true, force: true });
  });

  it('fires a reminder that fell due while the browser was closed once, at the next start only', async () => {
    const crm = acmeLoggingCrm();
    const reminder = quoteReminder({ dueAt: Date.now() + 4_000, dealId: crm.deal.id });
    const first = await launchExtensionBrowser({ profileDir });
    try {
      await putRecords(first.worker, { ...crm.records, settings: [crm.settings()], reminders: [reminder] });
      await reschedule(first.worker);
      expect(await alarmTime(first.worker)).toBe(reminder.dueAt);
    } finally {
      await first.close();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reminder.dueAt - Date.now()) + 500));

    // The worker's first run at start fires it; no test hook is called before it shows.
    const second = await launchExtensionBrowser({ profileDir });
    let firedAt: number | null;
    try {
      await waitForNotification(second.worker, notificationIdOf(reminder.id));
      firedAt = (await storedReminder(second.worker, reminder.id)).firedAt;
      expect(firedAt).toBeGreaterThan(reminder.dueAt);
      expect(await toolbar(second.worker)).toMatchObject({ badge: '1' });
    } finally {
      await second.close();
    }

    const third = await launchExtensionBrowser({ profileDir });
    try {
      await reschedule(third.worker);
      expect(await shownNotifications(third.worker)).toEqual([]);
      expect((await storedReminder(third.worker, reminder.id)).firedAt).toBe(firedAt);
      // Still due and not done: the badge keeps counting it.
      expect(await toolbar(third.worker)).toMatchObject({ badge: '1' });
    } finally {
      await third.close();
    }
  });
});
