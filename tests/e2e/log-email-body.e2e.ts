import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { fixtureTabs, liveEmailActivities as liveEmails } from './support/logging';

/**
 * Logging with full bodies, on real fixture pages: with body logging on, the sidebar asks the mail
 * tab's content script for the bodies (mailPage.readBodies) and stores them as plain text; off,
 * nothing but metadata and the snippet is stored.
 */

const GMAIL_BODY =
  'Hi Rep,\n\nCould you send the revised quote for the 200 seats by Friday?\nThanks,\nMei-Ling';
const OUTLOOK_BODY = 'Hi Rep,\nCould you send the revised quote for the 200 seats by Friday?\nMei-Ling';

describe('logging email bodies read from the mail page', () => {
  let session: ExtensionBrowser;
  const tabs = fixtureTabs(() => session);
  const openFixture = tabs.open;
  const reset = (logEmailBodies: boolean) => tabs.reset({ logEmailBodies });

  async function logOpenMessage(frame: Frame): Promise<void> {
    const button = await frame.waitForSelector(
      '[data-testid="deal-card"] [data-testid="log-email-button"]:not([disabled])',
      { timeout: 10_000 },
    );
    await button?.click();
    await frame.waitForSelector('[data-testid="log-email-button"][data-logged="true"]', { timeout: 10_000 });
  }

  beforeAll(async () => {
    session = await launchExtensionBrowser();
  });
  beforeEach(async () => {
    await reset(false);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('body logging on: the Gmail message is stored with its body as plain text, quoted history left out', async () => {
    await reset(true);
    await logOpenMessage(await openFixture('gmail-single-message.html'));
    const [stored, ...rest] = await liveEmails(session);
    expect(rest).toEqual([]);
    expect(stored?.email).toMatchObject({ provider: 'gmail', body: GMAIL_BODY });
  });

  it('body logging on: the Outlook message is stored with its body', async () => {
    await reset(true);
    await logOpenMessage(await openFixture('outlook-office-single.html'));
    const [stored, ...rest] = await liveEmails(session);
    expect(rest).toEqual([]);
    expect(stored?.email).toMatchObject({ provider: 'outlook', body: OUTLOOK_BODY });
  });

  it('body logging off (the default): no body is stored', async () => {
    await logOpenMessage(await openFixture('gmail-single-message.html'));
    await logOpenMessage(await openFixture('outlook-office-single.html'));
    const stored = await liveEmails(session);
    expect(stored.map((activity) => activity.email.provider).sort()).toEqual(['gmail', 'outlook']);
    for (const activity of stored) expect(activity.email.body).toBeNull();
  });

  it('asks before logging messages whose body the page does not show, then logs them without it', async () => {
    await reset(true);
    const frame = await openFixture('gmail-long-thread.html');
    const logAll = await frame.waitForSelector('[data-testid="log-thread-button"]:not([disabled])');
    await logAll?.click();
    const prompt = await frame.waitForSelector('[data-testid="log-body-missing"]', { timeout: 10_000 });
    // Nine of the twelve messages are collapsed: their bodies are not in the page.
    expect(await prompt?.evaluate((element) => element.textContent)).toContain(
      'Could not read the body of 9 messages from the page',
    );
    expect(await liveEmails(session)).toEqual([]);

    await (await frame.waitForSelector('[data-testid="log-without-body"]:not([disabled])'))?.click();
    await frame.waitForFunction(
      () => (document.body.textContent ?? '').includes('Logged 12 emails to this deal.'),
      { timeout: 10_000 },
    );
    const stored = await liveEmails(session);
    expect(stored).toHaveLength(12);
    const bodies = stored.map((activity) => activity.email.body).filter((body) => body !== null);
    expect(bodies.sort()).toEqual([
      'Round 10 of the pricing discussion.',
      'Round 11 of the pricing discussion.',
      'Round 12 of the pricing discussion.',
    ]);
  });
});
