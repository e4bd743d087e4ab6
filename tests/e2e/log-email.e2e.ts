import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { dumpDatabase, putRecords } from './support/database';
import { fixtureTabs, liveEmailActivities } from './support/logging';

/**
 * Logging email from real fixture pages: the content script reads the page, the sidebar offers
 * "Log email", and the database holds each message once per deal whatever the rep clicks.
 */

async function logButton(frame: Frame) {
  const button = await frame.waitForSelector(
    '[data-testid="deal-card"] [data-testid="log-email-button"]:not([disabled])',
    {
      timeout: 10_000,
    },
  );
  if (!button) throw new Error('no Log email button');
  return button;
}

function waitForText(frame: Frame, text: string) {
  return frame.waitForFunction(
    (expected: string) => (document.body.textContent ?? '').includes(expected),
    { timeout: 10_000 },
    text,
  );
}

describe('logging email to a deal', () => {
  let session: ExtensionBrowser;
  const tabs = fixtureTabs(() => session);
  const liveEmails = () => liveEmailActivities(session);
  const openFixture = tabs.open;
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

  it('Gmail: one click logs the open message; it shows in the activity list and as "Logged"', async () => {
    const frame = await openFixture('gmail-single-message.html');
    await (await logButton(frame)).click();
    await frame.waitForSelector('[data-testid="log-email-button"][data-logged="true"]');
    await waitForText(frame, 'Logged 1 email to this deal.');

    const [stored, ...rest] = await liveEmails();
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({
      dealId: tabs.crm.deal.id,
      email: { provider: 'gmail', from: { address: 'meiling.chen@acme.com.tw' }, body: null },
    });
    expect(stored?.email.snippet.length).toBeLessThanOrEqual(300);
    // The card's activity list refreshes once the write is committed.
    await frame.waitForFunction(
      (subject: string) =>
        [...document.querySelectorAll('[data-testid="deal-card"] [data-testid="activity"]')].some((item) =>
          (item.textContent ?? '').includes(subject),
        ),
      { timeout: 10_000 },
      stored?.email.subject ?? '∅',
    );

    // The same thread opened again (another tab): already logged, nothing to add.
    const again = await openFixture('gmail-single-message.html');
    await again.waitForSelector('[data-testid="log-email-button"][data-logged="true"]');
    expect(await liveEmails()).toHaveLength(1);
  });

  it('two rapid clicks make one activity', async () => {
    const frame = await openFixture('gmail-single-message.html');
    await logButton(frame);
    await frame.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="log-email-button"]');
      button?.click();
      button?.click();
    });
    await frame.waitForSelector('[data-testid="log-email-button"][data-logged="true"]');
    expect(await liveEmails()).toHaveLength(1);
  });

  it('undo right after logging removes the email, as a tombstone', async () => {
    const frame = await openFixture('outlook-office-single.html');
    await (await logButton(frame)).click();
    const undo = await frame.waitForSelector('[data-testid="log-undo"]');
    const [logged] = await liveEmails();
    expect(logged?.email.provider).toBe('outlook');
    await undo?.click();
    await waitForText(frame, 'Removed from this deal.');
    await frame.waitForSelector('[data-testid="log-email-button"][data-logged="false"]:not([disabled])');
    expect(await liveEmails()).toEqual([]);
    const dump = await dumpDatabase(session.worker);
    expect(dump.activities).toEqual([expect.objectContaining({ id: logged?.id, deleted: true })]);
  });

  it('refuses a correspondent on the never-log list, says why, and stores nothing', async () => {
    await reset({ neverLog: ['*@acme.com.tw'] });
    const frame = await openFixture('gmail-single-message.html');
    await (await logButton(frame)).click();
    const refusal = await frame.waitForSelector('[data-testid="log-refused"]');
    expect(await refusal?.evaluate((element) => element.textContent)).toContain('*@acme.com.tw');
    expect(await liveEmails()).toEqual([]);
  });

  it('logs every message of a long thread once, and the auto-log rule adds nothing more', async () => {
    const frame = await openFixture('gmail-long-thread.html');
    const logAll = await frame.waitForSelector('[data-testid="log-thread-button"]:not([disabled])');
    await logAll?.click();
    await waitForText(frame, 'to this deal.');
    const logged = await liveEmails();
    expect(logged.length).toBeGreaterThan(1);
    expect(new Set(logged.map((activity) => activity.messageKey)).size).toBe(logged.length);

    await putRecords(session.worker, { settings: [tabs.crm.settings({ autoLogOpenDeals: true })] });
    await openFixture('gmail-long-thread.html');
    expect(await liveEmails()).toHaveLength(logged.length);
  });

  it('auto-log (when turned on) logs the thread with the deal’s contact without a click', async () => {
    await reset({ autoLogOpenDeals: true });
    const frame = await openFixture('outlook-office-single.html');
    await frame.waitForSelector('[data-testid="auto-logged"]');
    await frame.waitForSelector('[data-testid="log-email-button"][data-logged="true"]');
    expect(await liveEmails()).toHaveLength(1);
  });
});
