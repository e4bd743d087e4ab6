import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reminder } from '../../lib/shared/model';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { dumpDatabase, putRecords } from './support/database';
import { horizontalOverflow } from './support/layout';
import { fixtureTabs } from './support/logging';
import { reminderRecord } from './support/record-builders';
import { publishScreenshot, screenshotAtWidth } from './support/screenshots';

/**
 * "Remind me" and the reminder lists in the sidebar beside a Gmail fixture thread: the presets
 * store the right instant in the browser's time zone, a past time asks first, and Done and Snooze
 * work from the list, in English and 繁體中文.
 */

const HOUR = 3_600_000;
const NARROW = 320;
const HEIGHT = 860;

function waitForText(frame: Frame, text: string) {
  return frame.waitForFunction(
    (expected: string) => (document.body.textContent ?? '').includes(expected),
    { timeout: 10_000 },
    text,
  );
}

/** Sets a controlled input's value the way typing would, so React sees the change. */
async function fillInput(frame: Frame, selector: string, value: string) {
  await frame.$eval(
    selector,
    (element, text) => {
      const input = element as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

/** Tomorrow 9:00 on the browser's own clock, computed with plain Date (not the code under test). */
function tomorrowNineInBrowser(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    const due = new Date();
    due.setDate(due.getDate() + 1);
    due.setHours(9, 0, 0, 0);
    return due.getTime();
  });
}

function localInstantInBrowser(frame: Frame, year: number, monthIndex: number, day: number, hour: number) {
  return frame.evaluate(
    (...parts: [number, number, number, number]) =>
      new Date(parts[0], parts[1], parts[2], parts[3]).getTime(),
    year,
    monthIndex,
    day,
    hour,
  );
}

async function liveReminders(session: ExtensionBrowser): Promise<Reminder[]> {
  const dump = await dumpDatabase(session.worker);
  return (dump.reminders as Reminder[]).filter((reminder) => !reminder.deleted);
}

async function waitForReminders(session: ExtensionBrowser, count: number): Promise<Reminder[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reminders = await liveReminders(session);
    if (reminders.length === count || Date.now() > deadline) return reminders;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The stored reminder once `settled` holds for it (a write from the sidebar has landed). */
async function waitForReminder(
  session: ExtensionBrowser,
  id: string,
  settled: (reminder: Reminder) => boolean,
): Promise<Reminder | undefined> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reminder = (await liveReminders(session)).find((stored) => stored.id === id);
    if ((reminder && settled(reminder)) || Date.now() > deadline) return reminder;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openRemindMe(frame: Frame) {
  await (await frame.waitForSelector('[data-testid="remind-me-open"]'))?.click();
  await frame.waitForSelector('[data-testid="remind-me-form"]');
}

function itemTitles(frame: Frame, group: string): Promise<string[]> {
  return frame.$$eval(`[data-testid="reminder-group-${group}"] .reminder-title`, (titles) =>
    titles.map((title) => title.textContent ?? ''),
  );
}

describe('reminders in the sidebar', () => {
  let session: ExtensionBrowser;
  const tabs = fixtureTabs(() => session);
  const openThread = () => tabs.open('gmail-single-message.html');
  const reset = tabs.reset;

  beforeAll(async () => {
    session = await launchExtensionBrowser();
  });
  beforeEach(async () => {
    await reset();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('"Tomorrow 9:00" stores 9:00 tomorrow on the browser’s clock, for this thread and deal, under Upcoming', async () => {
    const frame = await openThread();
    await openRemindMe(frame);
    // The focus moved into the form, on the prefilled title.
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'remind-me-title',
    );
    expect(
      await frame.$eval('[data-testid="remind-me-title"]', (input) => (input as HTMLInputElement).value),
    ).toBe('Follow up: Quote for 200 seats');
    await frame.type('textarea', 'Ask about the revised quote');
    await (await frame.waitForSelector('[data-testid="remind-preset-tomorrow"]'))?.click();
    await frame.waitForSelector('[data-testid="remind-me-undo"]');
    // Saving closes the form and gives the focus back to the button that opened it.
    expect(await frame.$('[data-testid="remind-me-form"]')).toBeNull();
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'remind-me-open',
    );

    const [stored, ...rest] = await waitForReminders(session, 1);
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({
      title: 'Follow up: Quote for 200 seats',
      note: 'Ask about the revised quote',
      dueAt: await tomorrowNineInBrowser(frame),
      dealId: tabs.crm.deal.id,
      contactId: tabs.crm.records.contacts[0]?.id,
      status: 'pending',
      onlyIfNoReply: false,
      thread: { provider: 'gmail', account: 'rep@example.com', subject: 'Quote for 200 seats' },
    });
    expect(stored?.thread?.threadUrl).toMatch(/^https:\/\/mail\.google\.com\/mail\/u\/0\/#inbox\//);

    await frame.waitForSelector('[data-testid="reminder-group-upcoming"] [data-testid="reminder-item"]');
    expect(await itemTitles(frame, 'upcoming')).toEqual(['Follow up: Quote for 200 seats']);
    const row = await frame.$eval(
      '[data-testid="reminder-group-upcoming"]',
      (group) => group.textContent ?? '',
    );
    expect(row).toContain('Acme: 200 seats');
    expect(row).toContain('Ask about the revised quote');
    expect(row).toContain('9:00 AM');

    // Undo removes it again.
    await (await frame.$('[data-testid="remind-me-undo"]'))?.click();
    await waitForText(frame, 'Reminder removed.');
    expect(await liveReminders(session)).toEqual([]);
    await waitForText(frame, 'No reminders for this email or its deals.');
  });

  it('Escape closes the form without saving; a custom time in the past asks "Fire it now?"', async () => {
    const frame = await openThread();
    await openRemindMe(frame);
    await frame.focus('[data-testid="remind-me-title"]');
    await frame.page().keyboard.press('Escape');
    expect(await frame.$('[data-testid="remind-me-form"]')).toBeNull();
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'remind-me-open',
    );

    await openRemindMe(frame);
    await fillInput(frame, '[data-testid="remind-me-date"]', '2020-02-30');
    await (await frame.$('[data-testid="remind-me-form"] button[type="submit"]'))?.click();
    await waitForText(frame, 'Enter a valid date.');

    await fillInput(frame, '[data-testid="remind-me-date"]', '2020-01-06');
    await fillInput(frame, '[data-testid="remind-me-time"]', '08:30');
    await (await frame.$('[data-testid="remind-me-form"] button[type="submit"]'))?.click();
    const question = await frame.waitForSelector('[data-testid="remind-me-past"]');
    expect(await question?.evaluate((element) => element.textContent)).toContain(
      'This time has passed. Fire it now?',
    );
    expect(await liveReminders(session)).toEqual([]);
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'remind-me-fire-now',
    );
    await (await frame.$('[data-testid="remind-me-fire-now"]'))?.click();
    const [stored] = await waitForReminders(session, 1);
    expect(stored?.dueAt).toBe((await localInstantInBrowser(frame, 2020, 0, 6, 8)) + 30 * 60_000);
    await frame.waitForSelector('[data-testid="reminder-group-overdue"] [data-testid="reminder-item"]');
  });

  it('Done and Snooze work from the list; "all reminders" shows every one', async () => {
    const now = Date.now();
    const overdue = reminderRecord(now, {
      title: 'Send the revised quote',
      dueAt: now - HOUR,
      dealId: tabs.crm.deal.id,
    });
    const upcoming = reminderRecord(now + 1, {
      title: 'Call about the seats',
      dueAt: now + 3 * 24 * HOUR,
      dealId: tabs.crm.deal.id,
    });
    const elsewhere = reminderRecord(now + 2, { title: 'Another customer', dueAt: now + 5 * 24 * HOUR });
    await putRecords(session.worker, { reminders: [overdue, upcoming, elsewhere] });
    const frame = await openThread();
    await frame.waitForSelector('[data-testid="reminder-group-overdue"] [data-testid="reminder-item"]');
    expect(await itemTitles(frame, 'overdue')).toEqual(['Send the revised quote']);
    expect(await itemTitles(frame, 'upcoming')).toEqual(['Call about the seats']);

    await (
      await frame.$('[data-testid="reminder-group-overdue"] [data-testid="reminder-snooze-hour"]')
    )?.click();
    await waitForText(frame, 'Snoozed until');
    const snoozed = (await liveReminders(session)).find((stored) => stored.id === overdue.id);
    expect(snoozed?.status).toBe('snoozed');
    expect(snoozed?.dueAt).toBeGreaterThan(now + HOUR - 60_000);
    expect(snoozed?.dueAt).toBeLessThan(Date.now() + HOUR + 1);
    await frame.waitForFunction(() => !document.querySelector('[data-testid="reminder-group-overdue"]'));

    await (
      await frame.waitForSelector(
        `[data-reminder-id="${upcoming.id}"] [data-testid="reminder-snooze-tomorrow"]:not([disabled])`,
      )
    )?.click();
    const tomorrow = await waitForReminder(session, upcoming.id, (stored) => stored.status === 'snoozed');
    expect(tomorrow?.dueAt).toBe(await tomorrowNineInBrowser(frame));

    await (
      await frame.waitForSelector(
        `[data-reminder-id="${overdue.id}"] [data-testid="reminder-done"]:not([disabled])`,
      )
    )?.click();
    await waitForText(frame, 'Marked “Send the revised quote” done.');
    const done = (await liveReminders(session)).find((stored) => stored.id === overdue.id);
    expect(done).toMatchObject({ status: 'done', completion: 'done' });
    await frame.waitForFunction(
      (id: string) => !document.querySelector(`[data-reminder-id="${id}"]`),
      {},
      overdue.id,
    );

    // "All" adds the reminder of no deal and no thread.
    await (await frame.$('[data-testid="reminders-scope-all"]'))?.click();
    await waitForText(frame, 'Another customer');
    await (await frame.$('[data-testid="reminders-scope-thread"]'))?.click();
    await frame.waitForFunction(() => !(document.body.textContent ?? '').includes('Another customer'));
  });

  for (const language of ['en', 'zh-TW'] as const) {
    it(`fits 320 px in ${language}, with every group and "Completed: they replied"`, async () => {
      await reset({ language });
      const now = Date.now();
      const zh = language === 'zh-TW';
      await putRecords(session.worker, {
        reminders: [
          reminderRecord(now, {
            title: zh ? '寄出修訂報價' : 'Send the revised quote',
            dueAt: now - 2 * HOUR,
            dealId: tabs.crm.deal.id,
          }),
          reminderRecord(now + 1, {
            title: zh ? '確認 200 個座位的交期' : 'Confirm delivery for the 200 seats',
            note: zh ? '陳美玲希望週五前回覆' : 'Mei-Ling wants an answer by Friday',
            dueAt: now + 4 * 24 * HOUR,
            dealId: tabs.crm.deal.id,
            status: 'snoozed',
          }),
          reminderRecord(now + 2, {
            title: zh ? '跟進：報價' : 'Follow up: Quote',
            dueAt: now - 24 * HOUR,
            dealId: tabs.crm.deal.id,
            status: 'done',
            completion: 'replied',
            completedAt: now - 20 * HOUR,
          }),
        ],
      });
      const frame = await openThread();
      const page = frame.page();
      await frame.waitForSelector('[data-testid="reminder-group-replied"]');
      await waitForText(frame, zh ? '已完成：對方已回覆' : 'Completed: they replied');
      await openRemindMe(frame);
      await page.setViewport({ width: NARROW, height: HEIGHT });
      await frame.$eval('[data-testid="remind-me"]', (element) => element.scrollIntoView());
      expect(await horizontalOverflow(frame)).toBe(0);
      await screenshotAtWidth(page, NARROW, `sidebar-reminders-form-${language}`, HEIGHT);
      await frame.$eval('[data-testid="reminders-section"]', (element) => element.scrollIntoView());
      const list = await screenshotAtWidth(page, NARROW, `sidebar-reminders-${language}`, HEIGHT);
      expect(await horizontalOverflow(frame)).toBe(0);
      await publishScreenshot(list, `sidebar-reminders-${language}.png`);
    });
  }
});
