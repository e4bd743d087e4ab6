import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { putRecords } from './support/database';
import { openGmailAndOutlook } from './support/gmail-and-outlook';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import type { OpenMailPage } from './support/mail-pages';
import { person, threadState, waitForDealTitles } from './support/mail-state';
import { publishScreenshot, saveScreenshot, screenshotAtWidth } from './support/screenshots';
import { sidebarCrm } from './support/sidebar-records';

const WIDE = 1280;
const HEIGHT = 900;
const NARROW = 320;
const DEALS = ['Acme: 200 seats', 'Acme: support renewal'];

function acmeThread(provider: 'gmail' | 'outlook') {
  return threadState({
    provider,
    threadId: `acme-${provider}`,
    subject: 'Re: Quote for 200 seats',
    from: person('Chen Mei-Ling', 'meiling.chen@acme.com.tw'),
    to: [person('王小明', 'rep@sensecloud.com.tw')],
    cc: [person('David Lin', 'david.lin@acme.com.tw'), person('Jason Wu 吳傑森', 'jason.wu@newco.com.tw')],
  });
}

async function waitForText(frame: Frame, text: string): Promise<void> {
  await frame.waitForFunction(
    (wanted: string) => document.body.textContent?.includes(wanted),
    { timeout: 10_000, polling: 100 },
    text,
  );
}

describe('README screenshots of the sidebar with a matched thread', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  let outlook: OpenMailPage;
  const crm = sidebarCrm();

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    ({ gmail, outlook } = await openGmailAndOutlook(session, {
      records: crm.records,
      gmailThread: acmeThread('gmail'),
      outlookThread: acmeThread('outlook'),
      viewport: { width: WIDE, height: HEIGHT },
    }));
    await waitForDealTitles(gmail.frame, DEALS);
    await waitForDealTitles(outlook.frame, DEALS);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('beside Gmail and Outlook, in English', async () => {
    await publishScreenshot(
      await saveScreenshot(gmail.page, 'sidebar-gmail-en-thread'),
      'sidebar-gmail-en.png',
    );
    await publishScreenshot(
      await saveScreenshot(outlook.page, 'sidebar-outlook-en-thread'),
      'sidebar-outlook-en.png',
    );
  });

  it('at 320 px, without sideways scrolling', async () => {
    const narrow = await screenshotAtWidth(gmail.page, NARROW, 'sidebar-gmail-en-320-thread', HEIGHT);
    await publishScreenshot(narrow, 'sidebar-320.png');
    expect(await horizontalOverflow(gmail.frame)).toBe(0);
    await gmail.page.setViewport({ width: WIDE, height: HEIGHT });
  });

  it('in dark mode', async () => {
    await emulateColorScheme(gmail.page, 'dark');
    await publishScreenshot(
      await saveScreenshot(gmail.page, 'sidebar-gmail-dark-thread'),
      'sidebar-dark.png',
    );
    await emulateColorScheme(gmail.page, 'light');
  });

  it('in Traditional Chinese', async () => {
    await putRecords(session.worker, { settings: [{ ...crm.settings, language: 'zh-TW' }] });
    for (const { frame } of [gmail, outlook]) await waitForText(frame, '2 筆進行中商機');
    await publishScreenshot(
      await saveScreenshot(gmail.page, 'sidebar-gmail-zh-TW-thread'),
      'sidebar-gmail-zh-TW.png',
    );
    await publishScreenshot(
      await saveScreenshot(outlook.page, 'sidebar-outlook-zh-TW-thread'),
      'sidebar-outlook-zh-TW.png',
    );
    await screenshotAtWidth(outlook.page, NARROW, 'sidebar-outlook-zh-TW-320-thread', HEIGHT);
    expect(await horizontalOverflow(outlook.frame)).toBe(0);
    await putRecords(session.worker, { settings: [crm.settings] });
    expect([...gmail.pageErrors, ...outlook.pageErrors]).toEqual([]);
  });
});
