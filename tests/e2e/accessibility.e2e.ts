import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords, readSettings } from './support/database';
import { emulateColorScheme } from './support/layout';
import { GMAIL, openMailSite, readSidebarSummary } from './support/mail-pages';
import { OptionsPage } from './support/options-page';
import { extensionUrl } from './support/paths';
import { backupOf, sampleCrm } from './support/records';

/** Fails on serious or critical violations; prints every violation, minor ones too, to fix later. */
async function expectAccessible(target: Page | Frame, where: string): Promise<void> {
  const violations = await runAxe(target);
  if (violations.length > 0) console.warn(describeViolations(where, violations));
  const blocking = blockingViolations(violations);
  expect(blocking, describeViolations(where, blocking)).toEqual([]);
}

async function openSidebarTab(session: ExtensionBrowser): Promise<Page> {
  const page = await session.newPage({ width: 360, height: 800 });
  await page.goto(extensionUrl('sidebar.html?host=gmail'));
  await page.waitForSelector('main h1');
  await page.waitForSelector('[data-testid="crm-summary"], .status-empty');
  return page;
}

describe('accessibility (axe-core: no serious or critical violations)', () => {
  let session: ExtensionBrowser;
  const fileDir = mkdtempSync(path.join(os.tmpdir(), 'dealside-e2e-axe-'));

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
  });
  afterAll(async () => {
    await session?.close();
    await rm(fileDir, { recursive: true, force: true });
  });

  it('catches a planted violation, so a silent checker cannot pass these tests', async () => {
    const sidebar = await openSidebarTab(session);
    await sidebar.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main')?.append(image);
    });
    const blocking = blockingViolations(await runAxe(sidebar));
    expect(blocking.map((violation) => violation.id)).toEqual(['image-alt']);
    await sidebar.close();
  });

  it('sidebar and options with an empty database', async () => {
    const sidebar = await openSidebarTab(session);
    await expectAccessible(sidebar, 'sidebar.html, empty');
    const options = await OptionsPage.open(session);
    await expectAccessible(options.page, 'options.html, empty');
    await sidebar.close();
    await options.close();
  });

  it('sidebar and options with data, in light and dark mode', async () => {
    await putRecords(session.worker, sampleCrm());
    const sidebar = await openSidebarTab(session);
    const options = await OptionsPage.open(session);
    for (const scheme of ['light', 'dark'] as const) {
      for (const page of [sidebar, options.page]) await emulateColorScheme(page, scheme);
      await expectAccessible(sidebar, `sidebar.html, with data, ${scheme}`);
      await expectAccessible(options.page, `options.html, with data, ${scheme}`);
    }
    await sidebar.close();
    await options.close();
  });

  it('the sidebar inside the Gmail page', async () => {
    const gmail = await openMailSite(session, GMAIL);
    await readSidebarSummary(gmail.frame);
    await expectAccessible(gmail.frame, 'sidebar frame in Gmail');
    await gmail.page.close();
  });

  it('the problem list of a refused backup and the confirmation of a valid one, light and dark', async () => {
    const options = await OptionsPage.open(session);
    const crm = sampleCrm();
    // Enough problems that the list scrolls: a scrolling region must be reachable by keyboard.
    const [template] = crm.contacts;
    if (!template) throw new Error('sample data changed');
    const contacts = Array.from({ length: 40 }, (_, index) => ({
      ...template,
      id: newId(),
      emails: [`not an address ${index}`],
    }));
    const broken = { ...crm, contacts: [...crm.contacts, ...contacts] };
    const badFile = path.join(fileDir, 'broken.json');
    writeFileSync(badFile, JSON.stringify(backupOf(broken, null)));
    const goodFile = path.join(fileDir, 'good.json');
    writeFileSync(goodFile, JSON.stringify(backupOf(crm, null)));

    for (const scheme of ['light', 'dark'] as const) {
      await emulateColorScheme(options.page, scheme);
      await options.chooseImportFile(badFile);
      await options.problems();
      const scrolls = await options.page.$eval(
        'ul.problems',
        (list) => list.scrollHeight > list.clientHeight,
      );
      expect(scrolls, 'the problem list should be long enough to scroll').toBe(true);
      await expectAccessible(options.page, `options.html, problem list, ${scheme}`);
      await options.chooseImportFile(goodFile);
      await options.confirmationText();
      await expectAccessible(options.page, `options.html, confirmation, ${scheme}`);
      await options.button('Cancel').click();
    }
    await options.close();
  });

  it('options in Traditional Chinese', async () => {
    const options = await OptionsPage.open(session);
    const settings = await readSettings(session.worker);
    if (!settings) throw new Error('no settings record');
    await putRecords(session.worker, { settings: [{ ...settings, language: 'zh-TW' }] });
    await options.page.waitForSelector('::-p-text(Dealside 選項)');
    expect(await options.page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await expectAccessible(options.page, 'options.html, zh-TW');
    await putRecords(session.worker, { settings: [settings] });
    await options.close();
  });
});
