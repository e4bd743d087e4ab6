import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { chromeExtensionDir } from './support/builds';
import { clearDatabase, putRecords } from './support/database';
import { GMAIL, MAIL_SITES, type OpenMailPage, openMailSite } from './support/mail-pages';
import { person, setMailPageState, tabIdOfFrame, threadState } from './support/mail-state';
import { extensionUrl } from './support/paths';
import { sidebarCrm } from './support/sidebar-records';

const OUTLOOK = MAIL_SITES.find((site) => site.provider === 'outlook');

/** The deal titles the panel shows, once they equal `titles` (the panel may sit in a background tab: poll, no rAF). */
async function waitForPanelDeals(panel: Page, titles: readonly string[]): Promise<void> {
  await panel.waitForFunction(
    (expected: readonly string[]) => {
      const shown = [...document.querySelectorAll('.deals > .deal-list [data-testid="deal-card"] h3')].map(
        (heading) => heading.textContent,
      );
      return shown.length === expected.length && shown.every((title, index) => title === expected[index]);
    },
    { timeout: 10_000, polling: 100 },
    titles,
  );
}

describe('the browser side panel', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  let outlook: OpenMailPage;
  let panel: Page;
  const crm = sidebarCrm();

  beforeAll(async () => {
    if (!OUTLOOK) throw new Error('no Outlook site');
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, crm.records);
    gmail = await openMailSite(session, GMAIL);
    outlook = await openMailSite(session, OUTLOOK);
    await setMailPageState(
      session.worker,
      await tabIdOfFrame(gmail.frame),
      threadState({
        threadId: 'acme',
        subject: 'Quote',
        from: person('Mei-Ling', 'meiling.chen@acme.com.tw'),
      }),
    );
    await setMailPageState(
      session.worker,
      await tabIdOfFrame(outlook.frame),
      threadState({
        provider: 'outlook',
        threadId: 'hongda',
        subject: 'MES',
        from: person('林志明', 'cm.lin@hongda.com.tw'),
      }),
    );
    // Chrome's side panel cannot be opened by a test; the same page in a tab of the same window
    // follows that window's active tab in the same way.
    panel = await session.newPage({ width: 360, height: 800 });
    await panel.goto(extensionUrl('sidepanel.html'));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is declared as Chrome’s side panel, opened from the toolbar button', () => {
    const manifest = JSON.parse(readFileSync(path.join(chromeExtensionDir(), 'manifest.json'), 'utf8'));
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(manifest.action).toEqual({ default_title: '__MSG_extName__' });
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
    await waitForPanelDeals(panel, ['Acme: 200 seats', 'Acme: support renewal']);
    await outlook.page.bringToFront();
    await waitForPanelDeals(panel, ['宏達 MES 系統導入']);
    await gmail.page.bringToFront();
    await waitForPanelDeals(panel, ['Acme: 200 seats', 'Acme: support renewal']);
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
