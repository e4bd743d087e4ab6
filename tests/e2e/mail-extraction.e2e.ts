import { isDeepStrictEqual } from 'node:util';
import type { Page, WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailAdapter } from '../../lib/mail-page/adapter';
import { gmailAdapter } from '../../lib/mail-page/gmail/read-gmail';
import { type MailPageState, mailPageStateSchema } from '../../lib/mail-page/mail-page-state';
import { outlookAdapter } from '../../lib/mail-page/outlook/read-outlook';
import { hostileGmailHtml, hostileOutlookHtml } from '../fixtures/mail/hostile-pages';
import { fixtureHtml, loadMailPage } from '../fixtures/mail/load-fixture';
import {
  FIXTURE_URLS,
  type FixtureName,
  HOSTILE_GMAIL_URL,
  HOSTILE_OUTLOOK_URL,
} from '../fixtures/mail/urls';
import { collectPageErrors, type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { serveMailPages, waitForSidebarFrame } from './support/mail-pages';

/**
 * The content scripts in real Chromium on the dated fixture pages (tests/fixtures/mail), served at
 * the real mail URLs: what they report (kept by the background in storage.session) must equal what
 * the adapters read from the same pages in the unit tests, where every field is checked by hand.
 */

type Session = ExtensionBrowser;

/** The parts of the worker's `chrome` global these tests read. */
type StorageArea = { get(keys: null): Promise<Record<string, unknown>> };
type WorkerGlobal = { chrome: { storage: { session: StorageArea; local: StorageArea } } };

function expectedState(adapter: MailAdapter, html: string, url: string): MailPageState {
  const page = loadMailPage(html, url);
  try {
    return adapter.read(page.document, url);
  } finally {
    void page.close();
  }
}

async function reportedStates(worker: WebWorker): Promise<Record<string, unknown>> {
  return worker.evaluate(async () => {
    const all = await (globalThis as unknown as WorkerGlobal).chrome.storage.session.get(null);
    return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('mailPage.')));
  });
}

/** Where two JSON values first differ, as a path, for failure messages. */
function firstDifference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(actual, expected)) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${path}: ${JSON.stringify(actual)?.slice(0, 200)} ≠ ${JSON.stringify(expected)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    const difference = firstDifference(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (difference) return difference;
  }
  return `${path}: differs`;
}

/** Waits until some mail tab has reported exactly `expected`. */
async function waitForReported(
  worker: WebWorker,
  expected: MailPageState,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    last = await reportedStates(worker);
    if (Object.values(last).some((state) => isDeepStrictEqual(state, expected))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const differences = Object.entries(last).map(
    ([key, state]) => `${key}: ${firstDifference(state, expected)}`,
  );
  throw new Error(`No tab reported the expected state:\n${differences.join('\n')}`);
}

type OpenPage = { page: Page; pageErrors: string[]; blocked: string[]; dialogs: string[] };

async function openAt(session: Session, url: string, html: string): Promise<OpenPage> {
  const page = await session.newPage();
  const pageErrors = collectPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const blocked = await serveMailPages(page, new Map([[url.split('#')[0] as string, html]]));
  await page.goto(url, { waitUntil: 'load' });
  return { page, pageErrors, blocked, dialogs };
}

/**
 * The single-page app's way of opening another thread: the page's own script swaps the view and
 * changes the URL (hash on Gmail, pushState on Outlook); the content script is not reloaded.
 */
async function navigateInPage(
  page: Page,
  html: string,
  change: { hash?: string; pushState?: string },
): Promise<void> {
  await page.evaluate(
    (markup: string, hash: string | null, pushState: string | null) => {
      const next = new DOMParser().parseFromString(markup, 'text/html');
      document.title = next.title;
      document.documentElement.lang = next.documentElement.lang;
      document.body.replaceChildren(...[...next.body.childNodes].map((node) => document.adoptNode(node)));
      if (hash !== null) location.hash = hash;
      if (pushState !== null) history.pushState({}, '', pushState);
    },
    html,
    change.hash ?? null,
    change.pushState ?? null,
  );
}

function fixtureCase(adapter: MailAdapter, name: FixtureName, url: string = FIXTURE_URLS[name]) {
  const html = fixtureHtml(name);
  return { html, url, expected: expectedState(adapter, html, url) };
}

describe('mail extraction in real Chromium', () => {
  let session: Session;
  let worker: WebWorker;

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    worker = session.worker;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('Gmail: reports the open thread, another thread after in-page navigation, then no thread on the list', async () => {
    const first = fixtureCase(gmailAdapter, 'gmail-single-message.html');
    expect(first.expected.status).toBe('thread');
    const { page, pageErrors, blocked } = await openAt(session, first.url, first.html);
    await waitForReported(worker, first.expected);

    const ccUrl = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXKcCcRrTtYyUuIiOoPpAaSsDd';
    const second = fixtureCase(gmailAdapter, 'gmail-cc.html', ccUrl);
    expect(second.expected).toMatchObject({ status: 'thread', context: { subject: 'Kick-off' } });
    await navigateInPage(page, second.html, { hash: '#inbox/FMfcgzQXKcCcRrTtYyUuIiOoPpAaSsDd' });
    await waitForReported(worker, second.expected);

    await navigateInPage(page, fixtureHtml('gmail-inbox.html'), { hash: '#inbox' });
    await waitForReported(worker, { status: 'no-thread', provider: 'gmail', account: 'rep@example.com' });

    // Back to a thread with the browser's own history.
    await page.goBack();
    expect(page.url()).toBe(ccUrl);
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });

  for (const name of ['gmail-long-thread.html', 'gmail-chinese.html', 'gmail-reply-draft.html'] as const) {
    it(`Gmail: reports ${name} as the adapter reads it`, async () => {
      const fixture = fixtureCase(gmailAdapter, name);
      const { page, pageErrors } = await openAt(session, fixture.url, fixture.html);
      await waitForReported(worker, fixture.expected);
      expect(pageErrors).toEqual([]);
      await page.close();
    });
  }

  it('Gmail: a page whose markup changed is reported unreadable, with the part that failed', async () => {
    const fixture = fixtureCase(gmailAdapter, 'gmail-broken.html');
    expect(fixture.expected).toEqual({
      status: 'unreadable',
      provider: 'gmail',
      reason: 'gmail.thread.subject',
    });
    const { page } = await openAt(session, fixture.url, fixture.html);
    await waitForReported(worker, fixture.expected);
    await page.close();
  });

  it('Outlook: reports the open conversation, another after pushState, then no thread on the list', async () => {
    const first = fixtureCase(outlookAdapter, 'outlook-office-single.html');
    const { page, pageErrors, blocked } = await openAt(session, first.url, first.html);
    await waitForReported(worker, first.expected);

    const otherUrl =
      'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS0xNDk5LTQ3NzItMDACLTAwCgAQAOther%3D';
    const second = fixtureCase(outlookAdapter, 'outlook-office-cc.html', otherUrl);
    expect(second.expected).toMatchObject({
      status: 'thread',
      context: { subject: 'Kick-off', threadId: 'AAQkADAwATM3ZmYAZS0xNDk5LTQ3NzItMDACLTAwCgAQAOther=' },
    });
    await navigateInPage(page, second.html, { pushState: otherUrl });
    await waitForReported(worker, second.expected);

    await navigateInPage(page, fixtureHtml('outlook-office-list.html'), { pushState: '/mail/inbox' });
    await waitForReported(worker, { status: 'no-thread', provider: 'outlook', account: 'rep@contoso.com' });
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });

  for (const name of [
    'outlook-office-long.html',
    'outlook-office-chinese.html',
    'outlook-live.html',
    'outlook-deeplink.html',
    'outlook-office-broken.html',
  ] as const) {
    it(`Outlook: reports ${name} as the adapter reads it (${FIXTURE_URLS[name]})`, async () => {
      const fixture = fixtureCase(outlookAdapter, name);
      const { page, pageErrors } = await openAt(session, fixture.url, fixture.html);
      await waitForReported(worker, fixture.expected);
      expect(pageErrors).toEqual([]);
      await page.close();
    });
  }

  for (const [host, adapter, url, html] of [
    ['Gmail', gmailAdapter, HOSTILE_GMAIL_URL, hostileGmailHtml()],
    ['Outlook', outlookAdapter, HOSTILE_OUTLOOK_URL, hostileOutlookHtml()],
  ] as const) {
    it(`${host}: the hostile page executes nothing and reports a valid, bounded state`, async () => {
      const expected = expectedState(adapter, html, url);
      const { page, pageErrors, dialogs, blocked } = await openAt(session, url, html);
      await waitForSidebarFrame(page, adapter.provider);
      await waitForReported(worker, expected, 20_000);
      expect(mailPageStateSchema.parse(expected)).toEqual(expected);
      expect(expected.status === 'thread' && expected.context.messages.length).toBe(480);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
      // Nothing tried to load an <img src=x> or a javascript: URL.
      expect(blocked).toEqual([]);
      await page.close();
    });
  }

  it('the panel’s width follows the keyboard on its separator, is remembered, and shifts Gmail’s page', async () => {
    const fixture = fixtureCase(gmailAdapter, 'gmail-single-message.html');
    const { page } = await openAt(session, fixture.url, fixture.html);
    const frame = await waitForSidebarFrame(page, 'gmail');
    const separator = page.locator('::-p-aria([role="separator"])');
    await separator.click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const frameElement = await frame.frameElement();
    await page.waitForFunction(() => document.documentElement.style.marginRight === '392px');
    expect((await frameElement?.boundingBox())?.width).toBe(392);
    const main = await page.$eval('[role="main"]', (element) => element.getBoundingClientRect().right);
    expect(main).toBeLessThanOrEqual(1280 - 392);

    await page.reload({ waitUntil: 'load' });
    const reloaded = await waitForSidebarFrame(page, 'gmail');
    await page.waitForFunction(() => document.documentElement.style.marginRight === '392px');
    expect((await (await reloaded.frameElement())?.boundingBox())?.width).toBe(392);
    const stored = await worker.evaluate(() =>
      (globalThis as unknown as WorkerGlobal).chrome.storage.local.get(null),
    );
    expect(stored).toEqual({ 'sidebarFrame.layout': { width: 392, collapsed: false } });
    await page.close();
  });
});
