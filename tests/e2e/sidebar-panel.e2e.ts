import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { chromeExtensionDir } from './support/builds';
import { openGmailAndOutlook } from './support/gmail-and-outlook';
import type { OpenMailPage } from './support/mail-pages';
import { person, setMailPageState, tabIdOfFrame, threadState, waitForDealTitles } from './support/mail-state';
import { extensionUrl } from './support/paths';
import { sidebarCrm } from './support/sidebar-records';

describe('the browser side panel', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  let outlook: OpenMailPage;
  let panel: Page;
  const crm = sidebarCrm();

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    ({ gmail, outlook } = await openGmailAndOutlook(session, {
      records: crm.records,
      gmailThread: threadState({
        threadId: 'acme',
        subject: 'Quote',
        from: person('Mei-Ling', 'meiling.chen@acme.com.tw'),
      }),
      outlookThread: threadState({
        provider: 'outlook',
        threadId: 'hongda',
        subject: 'MES',
        from: person('林志明', 'cm.lin@hongda.com.tw'),
      }),
    }));
    // Chrome's side panel cannot be opened by a test; the same page in a tab of the same window
    // follows that window's active tab in the same way.
    panel = await session.newPage({ width: 360, height: 800 });
    await panel.goto(extensionUrl('sidepanel.html'));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is declared as Chrome’s side panel, opened from the toolbar popup', () => {
    const manifest = JSON.parse(readFileSync(path.join(chromeExtensionDir(), 'manifest.json'), 'utf8'));
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(manifest.action).toEqual({ default_title: '__MSG_extName__', default_popup: 'popup.html' });
  });

  it('asks for a mail tab while the active tab shows no mail', async () => {
    await panel.bringToFront();
    await panel.waitForSelector('[data-testid="no-mail-tab"]');
    expect(await panel.$eval('[data-testid="no-mail-tab"]', (note) => note.textContent)).toBe(
      'Open a Gmail or Outlook tab in this window to see its email’s contacts and deals here.',
    );
    expect(await panel.$('[data-testid="quick-search"]')).not.toBeNull();
    expect(await panel.title()).toBe('Dealside side panel');
    const blocking = blockingViolations(await runAxe(panel));
    expect(blocking, describeViolations('side panel, no mail tab', blocking)).toEqual([]);
  });

  it('follows the active tab: the Gmail thread, then the Outlook thread, then back', async () => {
    await gmail.page.bringToFront();
    await waitForDealTitles(panel, ['Acme: 200 seats', 'Acme: support renewal']);
    await outlook.page.bringToFront();
    await waitForDealTitles(panel, ['宏達 MES 系統導入']);
    await gmail.page.bringToFront();
    await waitForDealTitles(panel, ['Acme: 200 seats', 'Acme: support renewal']);
  });

  it('follows a new state of the active tab live', async () => {
    await setMailPageState(session.worker, await tabIdOfFrame(gmail.frame), {
      status: 'unreadable',
      provider: 'gmail',
      reason: 'gmail.thread.subject',
    });
    await panel.waitForSelector('[data-testid="unreadable-note"]', { timeout: 10_000 });
    await panel.bringToFront();
    const blocking = blockingViolations(await runAxe(panel));
    expect(blocking, describeViolations('side panel, unreadable', blocking)).toEqual([]);
    expect([...gmail.pageErrors, ...outlook.pageErrors]).toEqual([]);
  });
});
