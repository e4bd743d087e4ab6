import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Pipeline, type Settings } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords, readSettings, updateRecord } from './support/database';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import { acmeLoggingCrm } from './support/logging';
import { OptionsPage } from './support/options-page';
import { dealRecord, stageIdNamed } from './support/record-builders';
import { publishScreenshot, saveScreenshot, screenshotAtWidth } from './support/screenshots';

/**
 * The options page's Reports section, driven by its labels and buttons as a manager would, and
 * checked against the settings record the database holds afterwards.
 */
describe('the Reports settings on the options page', () => {
  let session: ExtensionBrowser;
  let options: OptionsPage;
  const now = Date.now();
  const crm = acmeLoggingCrm(now);
  const pipeline = crm.records.pipelines[0] as Pipeline;
  // A teammate's deal, as sync would bring it: the options page knows the owner only by id.
  const teammateId = newId(now + 1);
  const teammateDeal = dealRecord(now, {
    title: 'Globex: pilot',
    stageId: stageIdNamed(pipeline, 'Qualified'),
    companyId: null,
    pipelineId: pipeline.id,
    ownerId: teammateId,
  });

  const byRole = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

  async function section(): Promise<ElementHandle<Element>> {
    const found = await options.page.waitForSelector('section[aria-labelledby="reporting-heading"]', {
      timeout: 10_000,
    });
    if (!found) throw new Error('no Reports section');
    return found;
  }

  async function within(parent: ElementHandle<Element>, role: string, name: string) {
    const element = await parent.waitForSelector(byRole(role, name), { timeout: 10_000 });
    if (!element) throw new Error(`no ${role} named ${name}`);
    return element;
  }

  async function replaceText(field: ElementHandle<Element>, text: string) {
    await field.evaluate((element) => (element as HTMLInputElement).select());
    if (text === '') await field.press('Backspace');
    else await field.type(text);
  }

  const stored = async (): Promise<Settings> => {
    const settings = await readSettings(session.worker);
    if (!settings) throw new Error('no settings record');
    return settings;
  };

  /** Polls the database until `check` holds (writes commit a moment after the click). */
  async function eventually(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  const focused = () =>
    options.page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
    );

  const scrollToReports = () =>
    options.page.evaluate(() =>
      document.querySelector('section.reporting-panel')?.scrollIntoView({ block: 'start' }),
    );

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, {
      settings: [crm.settings()],
      ...crm.records,
      deals: [...crm.records.deals, teammateDeal],
    });
    options = await OptionsPage.open(session, { width: 1280, height: 900 });
    await section();
  });
  afterAll(async () => {
    await options?.close();
    await session?.close();
  });

  it('stores an exchange rate and a teammate’s quarterly target', async () => {
    const reports = await section();
    await (await within(reports, 'button', 'Add a rate')).click();
    // The new row's currency box takes the keyboard.
    expect(await focused()).toBe('Currency of rate 1');
    await options.page.keyboard.type('usd');
    await replaceText(await within(reports, 'textbox', 'How many TWD 1 USD is worth'), '31.5');

    await (await within(reports, 'button', 'Add a target')).click();
    const target = await within(reports, 'group', 'Target 1');
    const owner = await within(target, 'combobox', 'Owner');
    const ownerNames = await owner.$$eval('option', (choices) => choices.map((choice) => choice.textContent));
    expect(ownerNames).toEqual(['Rep (you)', 'Teammate 1']);
    await owner.select(teammateId);
    await replaceText(await within(target, 'textbox', 'Year'), '2026');
    await (await within(target, 'combobox', 'Month or quarter')).select('Q4');
    await replaceText(await within(target, 'textbox', 'Target (TWD)'), '3,000,000');

    await (await within(reports, 'button', 'Save report settings')).click();
    await reports.waitForSelector('::-p-text(Report settings saved.)', { timeout: 10_000 });
    await eventually(async () => (await stored()).reporting.rates.length === 1, 'the rate is stored');
    const { reporting } = await stored();
    expect(reporting.rates).toEqual([{ currency: 'USD', perBase: 31.5 }]);
    expect(reporting.quotas).toEqual([{ ownerId: teammateId, period: '2026-Q4', amount: 3_000_000 }]);
    expect(reporting.coverageWarning).toEqual({ unweighted: 3, weighted: 1 });
  });

  it.each([
    ['0', 'A rate must be more than 0.'],
    ['-2', 'A rate must be more than 0.'],
    ['abc', 'Enter a number, such as 31.5.'],
  ])('refuses the rate %j next to its field and stores nothing', async (typed, message) => {
    const before = await stored();
    const reports = await section();
    const rate = await within(reports, 'textbox', 'How many TWD 1 USD is worth');
    await replaceText(rate, typed);
    await (await within(reports, 'button', 'Save report settings')).click();

    const row = await rate.evaluateHandle((input) => input.closest('li') as Element);
    const error = await row.waitForSelector('[data-testid="field-error"]', { timeout: 10_000 });
    expect(await error?.evaluate((element) => element.textContent)).toBe(message);
    expect(await rate.evaluate((input) => input.getAttribute('aria-invalid'))).toBe('true');
    expect(await rate.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await reports.$eval('[role="alert"]', (alert) => alert.textContent?.trim())).toBe(
      'Not saved. Please correct the fields marked below.',
    );
    expect(await stored()).toEqual(before);
  });

  it('adds and removes rows from the keyboard, focus staying in the section', async () => {
    const reports = await section();
    const addRate = await within(reports, 'button', 'Add a rate');
    await addRate.focus();
    await options.page.keyboard.press('Enter');
    expect(await focused()).toBe('Currency of rate 2');
    await (await within(reports, 'button', 'Remove rate 2')).focus();
    await options.page.keyboard.press('Enter');
    expect(await focused()).toBe('Add a rate');
    expect(await reports.$(byRole('textbox', 'Currency of rate 2'))).toBeNull();
  });

  it('has no serious accessibility problems with an error showing', async () => {
    const violations = blockingViolations(await runAxe(options.page));
    expect(violations, describeViolations('options page', violations)).toEqual([]);
  });

  it('fits a narrow window, in light and dark, in English and Traditional Chinese', async () => {
    // The refused rate from above is corrected, so the pictures show the section as it is used.
    const reports = await section();
    await replaceText(await within(reports, 'textbox', 'How many TWD 1 USD is worth'), '31.5');
    // Its problem goes as soon as it is edited.
    expect(await reports.$('[data-testid="field-error"]')).toBeNull();
    await (await within(reports, 'button', 'Save report settings')).click();
    await reports.waitForSelector('::-p-text(Report settings saved.)', { timeout: 10_000 });
    await scrollToReports();
    const english = await saveScreenshot(options.page, 'options-reporting-en-1280');
    await publishScreenshot(english, 'options-reporting-en.png');

    await screenshotAtWidth(options.page, 320, 'options-reporting-en-320', 900);
    await scrollToReports();
    expect(await horizontalOverflow(options.page)).toBe(0);
    await emulateColorScheme(options.page, 'dark');
    await saveScreenshot(options.page, 'options-reporting-en-320-dark');
    expect(await horizontalOverflow(options.page)).toBe(0);
    await emulateColorScheme(options.page, 'light');

    await updateRecord(session.worker, 'settings', 'settings', { language: 'zh-TW' });
    await options.page.waitForFunction(
      () => document.querySelector('#reporting-heading')?.textContent === '報表',
    );
    const chinese = await section();
    await within(chinese, 'textbox', '1 USD 可換多少 TWD');
    await options.page.setViewport({ width: 1280, height: 900 });
    await scrollToReports();
    await saveScreenshot(options.page, 'options-reporting-zh-TW-1280');
    await screenshotAtWidth(options.page, 320, 'options-reporting-zh-TW-320', 900);
    await scrollToReports();
    expect(await horizontalOverflow(options.page)).toBe(0);
    await emulateColorScheme(options.page, 'dark');
    await saveScreenshot(options.page, 'options-reporting-zh-TW-320-dark');
    expect(await horizontalOverflow(options.page)).toBe(0);
    await emulateColorScheme(options.page, 'light');
  });
});
