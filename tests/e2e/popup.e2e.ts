import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetDueAt, userTimeZone } from '../../lib/extension/reminders/presets';
import { type Reminder, reminderSchema } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { collectPageErrors, type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { chromeExtensionDir } from './support/builds';
import { clearDatabase, dumpDatabase, putRecords, updateRecord } from './support/database';
import { extensionUrl } from './support/paths';
import { reminderRecord } from './support/record-builders';
import { publishScreenshot, saveScreenshot } from './support/screenshots';
import { sidebarCrm } from './support/sidebar-records';

const HOUR = 3600_000;
const ITEM = '[data-testid="reminder-item"]';

describe('the toolbar popup', () => {
  let session: ExtensionBrowser;
  let popup: Page;
  let pageErrors: string[];
  const now = Date.now();
  const crm = sidebarCrm(now);

  /** Overdue, later today (or just overdue, in the last minute of a day), tomorrow, and done. */
  function reminders() {
    const reminder = (fields: Partial<Reminder> & Pick<Reminder, 'title' | 'dueAt'>) =>
      reminderRecord(now, fields);
    const endOfToday = new Date(now).setHours(23, 59, 0, 0);
    return {
      overdue: reminder({
        title: 'Call Mei-Ling about the quote',
        dueAt: now - 2 * HOUR,
        dealId: crm.seats.id,
        contactId: crm.meiLing.id,
        firedAt: now - 2 * HOUR,
        thread: {
          provider: 'gmail',
          account: 'rep@sensecloud.com.tw',
          threadId: 'thread-acme',
          threadUrl: 'https://mail.google.com/mail/u/0/#inbox/thread-acme',
          subject: 'Quote for 200 seats',
        },
      }),
      today: reminder({
        title: '安排產線參訪',
        dueAt: Math.max(now + 60_000, Math.min(now + HOUR, endOfToday)),
        dealId: crm.mes.id,
        source: 'next-step',
      }),
      later: reminder({ title: 'Renewal check-in', dueAt: now + 3 * 24 * HOUR, dealId: crm.renewal.id }),
      done: reminder({
        title: 'Already handled',
        dueAt: now - HOUR,
        status: 'done',
        completion: 'done',
        completedAt: now - HOUR,
      }),
    };
  }

  const shownTitles = () =>
    popup.$$eval(`${ITEM} .reminder-title`, (titles) => titles.map((title) => title.textContent));

  async function storedReminder(id: string): Promise<Reminder> {
    const dump = await dumpDatabase(session.worker);
    const found = dump.reminders.find((row) => (row as Reminder).id === id);
    return reminderSchema.parse(found);
  }

  /** Waits until the stored reminder satisfies `check`, then returns it. */
  async function waitForStored(id: string, check: (reminder: Reminder) => boolean): Promise<Reminder> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const reminder = await storedReminder(id);
      if (check(reminder)) return reminder;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return storedReminder(id);
  }

  async function openPopup(): Promise<void> {
    await popup.goto(extensionUrl('popup.html'));
    await popup.waitForSelector('[data-testid="reminder-lists"], [data-testid="popup-due"] .status-empty');
  }

  /** The id of the listed reminder titled `title`, once it is listed. */
  async function listedId(title: string): Promise<string> {
    const handle = await popup.waitForFunction(
      (itemSelector: string, wanted: string) =>
        [...document.querySelectorAll<HTMLElement>(itemSelector)].find(
          (item) => item.querySelector('.reminder-title')?.textContent === wanted,
        )?.dataset.reminderId,
      { timeout: 10_000 },
      ITEM,
      title,
    );
    return String(await handle.jsonValue());
  }

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    const { overdue, today, later, done } = reminders();
    await putRecords(session.worker, { ...crm.records, reminders: [overdue, today, later, done] });
    popup = await session.newPage({ width: 360, height: 600 });
    pageErrors = collectPageErrors(popup);
    await openPopup();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is the toolbar button’s popup, and the side panel is still declared', () => {
    const manifest = JSON.parse(readFileSync(path.join(chromeExtensionDir(), 'manifest.json'), 'utf8'));
    expect(manifest.action).toEqual({ default_title: '__MSG_extName__', default_popup: 'popup.html' });
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
  });

  it('lists what is due, overdue first, with its deal, and nothing later or done', async () => {
    await popup.waitForSelector(ITEM);
    expect(await shownTitles()).toEqual(['Call Mei-Ling about the quote', '安排產線參訪']);
    const deals = await popup.$$eval(`${ITEM} .reminder-deal`, (lines) =>
      lines.map((line) => line.textContent),
    );
    expect(deals).toEqual(['Acme: 200 seats', '宏達 MES 系統導入']);
    expect(await popup.title()).toBe('Dealside');
    const blocking = blockingViolations(await runAxe(popup));
    expect(blocking, describeViolations('popup with due reminders', blocking)).toEqual([]);
  });

  /** The popup as the browser shows it: 360 px wide and only as tall as its content. */
  async function screenshotFitted(name: string): Promise<string> {
    const height = await popup.evaluate(() => Math.ceil(document.body.scrollHeight));
    await popup.setViewport({ width: 360, height: Math.max(200, Math.min(height, 600)) });
    const file = await saveScreenshot(popup, name);
    await popup.setViewport({ width: 360, height: 600 });
    return file;
  }

  it('takes screenshots in English, 繁體中文 and dark mode', async () => {
    const english = await screenshotFitted('popup-en');
    await updateRecord(session.worker, 'settings', 'settings', { language: 'zh-TW' });
    await popup.waitForFunction(() => document.documentElement.lang === 'zh-TW', { timeout: 10_000 });
    await popup.waitForSelector(ITEM);
    expect(await popup.$eval('[data-testid="popup-due"] h2', (heading) => heading.textContent)).toBe(
      '現在與今天到期',
    );
    const chinese = await screenshotFitted('popup-zh-TW');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await screenshotFitted('popup-zh-TW-dark');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await updateRecord(session.worker, 'settings', 'settings', { language: 'en' });
    await popup.waitForFunction(() => document.documentElement.lang === 'en', { timeout: 10_000 });
    await publishScreenshot(english, 'popup-en.png');
    await publishScreenshot(chinese, 'popup-zh-TW.png');
  });

  it('Done completes the reminder in the database and takes it off the list', async () => {
    const { overdue } = reminders();
    const id = await listedId(overdue.title);
    const done = await popup.$(`${ITEM}[data-reminder-id="${id}"] [data-testid="reminder-done"]`);
    await done?.click();
    const stored = await waitForStored(id, (reminder) => reminder.status === 'done');
    expect(stored).toMatchObject({ status: 'done', completion: 'done' });
    await popup.waitForFunction(
      (selector: string) => !document.querySelector(selector),
      { timeout: 10_000 },
      `${ITEM}[data-reminder-id="${id}"]`,
    );
    expect(await popup.$eval('[data-testid="reminder-outcome"]', (note) => note.textContent)).toBe(
      `Marked “${overdue.title}” done.`,
    );
  });

  it('Snooze 1 h and Tomorrow 9:00 move the due time in the database', async () => {
    const id = await listedId('安排產線參訪');
    const button = (name: string) => popup.$(`${ITEM}[data-reminder-id="${id}"] [data-testid="${name}"]`);

    const beforeSnooze = Date.now();
    await (await button('reminder-snooze-hour'))?.click();
    const snoozed = await waitForStored(id, (reminder) => reminder.status === 'snoozed');
    expect(snoozed.firedAt).toBeNull();
    expect(snoozed.dueAt).toBeGreaterThanOrEqual(beforeSnooze + HOUR);
    expect(snoozed.dueAt).toBeLessThanOrEqual(Date.now() + HOUR);

    await openPopup();
    const beforeTomorrow = Date.now();
    // Snoozed an hour, it may now fall due tomorrow and have left the list.
    const stillListed = await popup.$(`${ITEM}[data-reminder-id="${id}"]`);
    if (!stillListed) await updateRecord(session.worker, 'reminders', id, { dueAt: beforeTomorrow - HOUR });
    await popup.waitForSelector(`${ITEM}[data-reminder-id="${id}"]`);
    await (await button('reminder-snooze-tomorrow'))?.click();
    const tomorrow = await waitForStored(id, (reminder) => reminder.dueAt > beforeTomorrow + HOUR);
    expect([
      presetDueAt('tomorrow', beforeTomorrow, userTimeZone()),
      presetDueAt('tomorrow', Date.now(), userTimeZone()),
    ]).toContain(tomorrow.dueAt);
    await popup.waitForSelector('[data-testid="popup-due"] .status-empty');
    expect(await popup.$eval('[data-testid="popup-due"] .status-empty', (note) => note.textContent)).toMatch(
      /^Nothing is due today\. Next reminder: /,
    );
  });

  it('finds a deal and opens it in the popup', async () => {
    await popup.type('[data-testid="quick-search"]', 'MES');
    const result = await popup.waitForSelector('button[data-result="deal"]');
    expect(await result?.evaluate((button) => button.textContent)).toBe('宏達 MES 系統導入');
    await popup.keyboard.press('Enter');
    const card = await popup.waitForSelector('[data-testid="opened-record"] [data-testid="deal-card"] h3');
    expect(await card?.evaluate((heading) => heading.textContent)).toBe('宏達 MES 系統導入');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('宏達 MES 系統導入');
    await popup.click('[data-testid="close-opened"]');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'quick-search',
    );
  });

  it('links to the board, the dashboard and the options page, and opens the side panel of its window', async () => {
    const links = await popup.$$eval('[data-testid="popup"] nav a', (anchors) =>
      anchors.map((link) => (link as HTMLAnchorElement).href),
    );
    expect(links).toEqual([
      extensionUrl('board.html'),
      extensionUrl('dashboard.html'),
      extensionUrl('options.html'),
    ]);
    await popup.waitForSelector('[data-testid="open-side-panel"]:not([disabled])');
    const panel = session.browser.waitForTarget((target) => target.url() === extensionUrl('sidepanel.html'), {
      timeout: 10_000,
    });
    await popup.click('[data-testid="open-side-panel"]');
    expect((await panel).url()).toBe(extensionUrl('sidepanel.html'));
    expect(await popup.$('[data-testid="popup"] [role="alert"]')).toBeNull();
  });

  it('shows an empty state when nothing is set, and raised no page errors', async () => {
    await clearDatabase(session.worker);
    await putRecords(session.worker, crm.records);
    await openPopup();
    expect(await popup.$eval('[data-testid="popup-due"] .status-empty', (note) => note.textContent)).toBe(
      'No reminders. Open an email and choose “Remind me” to set one.',
    );
    expect(pageErrors).toEqual([]);
  });
});
