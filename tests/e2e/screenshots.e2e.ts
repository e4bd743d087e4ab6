import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords, readSettings } from './support/database';
import { CJK_FONT_FAMILY, emulateColorScheme, horizontalOverflow, platformFontsOf } from './support/layout';
import { GMAIL, type OpenMailPage, openMailSite, waitForSidebarSummary } from './support/mail-pages';
import { OptionsPage } from './support/options-page';
import { backupOf, SAMPLE_SUMMARY_LINES, sampleCrm } from './support/records';
import { publishScreenshot, saveScreenshot, screenshotAtWidth } from './support/screenshots';

const WIDE = 1280;
/** The narrowest window worth supporting; the panel is then 90% of it (288 px). */
const NARROW = 320;
const PANEL_WIDTH = 360;

async function sidebarBox(gmail: OpenMailPage) {
  const element = await gmail.frame.frameElement();
  const box = await element?.boundingBox();
  if (!box) throw new Error('the sidebar frame is not visible');
  return box;
}

describe('screenshots, and what they must show', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  let options: OptionsPage;

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, sampleCrm());
    gmail = await openMailSite(session, GMAIL, { width: WIDE, height: 800 });
    await waitForSidebarSummary(gmail.frame, SAMPLE_SUMMARY_LINES);
    options = await OptionsPage.open(session, { width: WIDE, height: 900 });
  });
  afterAll(async () => {
    await options?.close();
    await session?.close();
  });

  it("uses the theme's font, not the smaller one Chrome injects into extension pages", async () => {
    const bodyFont = () => ({
      size: getComputedStyle(document.body).fontSize,
      family: getComputedStyle(document.body).fontFamily,
    });
    for (const font of [await gmail.frame.evaluate(bodyFont), await options.page.evaluate(bodyFont)]) {
      expect(font.size).toBe('14px');
      expect(font.family).toMatch(/^system-ui, .*"Noto Sans CJK TC"/);
    }
  });

  it('the sidebar beside Gmail at 1280 px and at 320 px, without sideways scrolling', async () => {
    // The README's sidebar pictures show a matched thread: sidebar-screenshots.e2e.ts publishes them.
    await screenshotAtWidth(gmail.page, WIDE, 'sidebar-gmail-en-1280');
    expect(await sidebarBox(gmail)).toMatchObject({ x: WIDE - PANEL_WIDTH, width: PANEL_WIDTH });
    expect(await horizontalOverflow(gmail.frame)).toBe(0);

    await screenshotAtWidth(gmail.page, NARROW, 'sidebar-gmail-en-320');
    expect((await sidebarBox(gmail)).width).toBeCloseTo(NARROW * 0.9, 0);
    expect(await horizontalOverflow(gmail.frame), 'the sidebar scrolls sideways at 288 px').toBe(0);
    await gmail.page.setViewport({ width: WIDE, height: 800 });
  });

  it('the options page in English, wide and narrow', async () => {
    const wide = await screenshotAtWidth(options.page, WIDE, 'options-en-1280', 900);
    await publishScreenshot(wide, 'options-en.png');
    await screenshotAtWidth(options.page, NARROW, 'options-en-320', 900);
    expect(await horizontalOverflow(options.page), 'the options page scrolls sideways at 320 px').toBe(0);
    await options.page.setViewport({ width: WIDE, height: 900 });
  });

  it('dark mode, in the sidebar and the options page', async () => {
    for (const page of [options.page, gmail.page]) await emulateColorScheme(page, 'dark');
    const background = await gmail.frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(13, 17, 23)');
    await saveScreenshot(gmail.page, 'sidebar-gmail-dark');
    await saveScreenshot(options.page, 'options-dark');
    for (const page of [options.page, gmail.page]) await emulateColorScheme(page, 'light');
  });

  it('Traditional Chinese, drawn with a CJK font rather than empty boxes', async () => {
    const settings = await readSettings(session.worker);
    if (!settings) throw new Error('no settings record');
    await putRecords(session.worker, { settings: [{ ...settings, language: 'zh-TW' }] });

    await options.page.waitForSelector('::-p-text(Dealside 選項)');
    expect(await options.page.$eval('#backup-heading', (heading) => heading.textContent)).toBe('備份與還原');
    for (const selector of ['#backup-heading', '#settings-heading', 'section p.help']) {
      const fonts = await platformFontsOf(options.page, selector);
      expect(
        fonts.every((font) => CJK_FONT_FAMILY.test(font.familyName)),
        `${selector} is drawn with ${JSON.stringify(fonts)}; install fonts-noto-cjk`,
      ).toBe(true);
    }
    const chinese = await saveScreenshot(options.page, 'options-zh-TW');
    await publishScreenshot(chinese, 'options-zh-TW.png');
    await screenshotAtWidth(options.page, NARROW, 'options-zh-TW-320', 900);
    expect(await horizontalOverflow(options.page)).toBe(0);
    await options.page.setViewport({ width: WIDE, height: 900 });

    await waitForSidebarSummary(gmail.frame, ['3 位聯絡人', '2 家公司', '1 筆進行中商機', '1 個待辦提醒']);
    await saveScreenshot(gmail.page, 'sidebar-gmail-zh-TW');
    await putRecords(session.worker, { settings: [settings] });
  });

  it('the problems of a refused backup', async () => {
    // Last: the list stays on the page, and its record ids differ from run to run.
    await options.page.waitForSelector('::-p-text(Dealside options)');
    const crm = sampleCrm();
    const broken = {
      ...crm,
      contacts: crm.contacts.map((contact, index) =>
        index === 3 ? { ...contact, emails: ['mei@'] } : contact,
      ),
      deals: crm.deals.map((deal, index) => (index === 1 ? { ...deal, currency: 'NTD' } : deal)),
    };
    const directory = mkdtempSync(path.join(os.tmpdir(), 'dealside-e2e-screenshot-'));
    const file = path.join(directory, 'dealside-backup-2026-01-15.json');
    writeFileSync(file, JSON.stringify(backupOf(broken, null)));
    try {
      await options.chooseImportFile(file);
      expect((await options.problems()).items).toHaveLength(2);
      await screenshotAtWidth(options.page, WIDE, 'options-backup-problems', 1000);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
