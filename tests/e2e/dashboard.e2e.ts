import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatsFor } from '../../components/dashboard/formatting';
import { generateDemoBackup } from '../../demo/data/demo-backup';
import { COLLECTION_NAMES } from '../../lib/extension/db/collections';
import { DealsideDatabase } from '../../lib/extension/db/database';
import { coverage } from '../../lib/extension/reports/coverage';
import { forecast } from '../../lib/extension/reports/forecast';
import { healthWarnings } from '../../lib/extension/reports/health';
import { loadReportData } from '../../lib/extension/reports/load-report-data';
import { currentPeriod } from '../../lib/extension/reports/periods';
import { compareReps } from '../../lib/extension/reports/rep-comparison';
import type { ReportContext, ReportData } from '../../lib/extension/reports/types';
import type { Settings } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { collectPageErrors, type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords, type RecordsByTable } from './support/database';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import { extensionUrl } from './support/paths';
import { publishScreenshot, saveScreenshot } from './support/screenshots';

const NOW = Date.now();
const DAY_MS = 24 * 3600_000;
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const demo = generateDemoBackup({ now: NOW });
const demoSettings = demo.settings as Settings;
const THIS_MONTH = currentPeriod(NOW, TIME_ZONE, 'month');
/** The demo as imported (its quotas and rates included), in English. */
const settings: Settings = { ...demoSettings, language: 'en' };
const records: RecordsByTable = { settings: [settings] };
for (const name of COLLECTION_NAMES) records[name] = demo[name];
const context: ReportContext = { now: NOW, timeZone: TIME_ZONE, reporting: settings.reporting };
const formats = formatsFor('en', settings.reporting.baseCurrency);

/** The same data the page reads, through the same loader, from an in-memory copy of the database. */
async function expectedReportData(): Promise<ReportData> {
  const database = new DealsideDatabase(`dashboard-e2e-${NOW}`, { indexedDB, IDBKeyRange });
  await database.transaction('rw', database.tables, async () => {
    for (const name of COLLECTION_NAMES) await database.table(name).bulkPut(demo[name]);
  });
  const data = await loadReportData(database, NOW);
  database.close();
  return data;
}

const cellTexts = (page: Page, table: string) =>
  page.$$eval(`[data-testid="${table}"] tbody tr`, (rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
  );

describe('the dashboard', () => {
  let session: ExtensionBrowser;
  let page: Page;
  let pageErrors: string[];
  let data: ReportData;

  async function openDashboard(): Promise<void> {
    await page.goto(extensionUrl('dashboard.html'));
    await page.waitForSelector('[data-testid="forecast-table"]', { timeout: 15_000 });
    // Health and stage conversion follow once the activities are read.
    await page.waitForSelector('[data-testid="health"] h2 ~ :not(.status-loading)', { timeout: 15_000 });
    await page.waitForSelector('[data-testid="stages"] h2 ~ :not(.status-loading)', { timeout: 15_000 });
  }

  beforeAll(async () => {
    data = await expectedReportData();
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, records);
    page = await session.newPage();
    pageErrors = collectPageErrors(page);
    await openDashboard();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the weighted forecast by month that lib/extension/reports/forecast computes', async () => {
    const expected = forecast(data, context, 'month')
      .periods.filter((row) => row.period >= THIS_MONTH)
      .slice(0, 6)
      .map((row) => [
        formats.money(row.team.weighted),
        formats.money(row.team.won),
        formats.money(row.team.pipeline),
        formats.money(row.team.bestCase),
        formats.count(row.team.openCount),
      ]);
    expect(expected.length).toBeGreaterThan(0);
    const shown = (await cellTexts(page, 'forecast-table')).map((row) => row.slice(1));
    expect(shown).toEqual(expected);
    const ratesNote = await page.$eval('[data-testid="rates-note"]', (note) => note.textContent);
    expect(ratesNote).toContain('Amounts in TWD');
    expect(ratesNote).toContain('1 USD = 32 TWD');
    expect(await page.$('[data-testid="unconverted-deals"]')).toBeNull();
    expect(await page.$('[data-testid="forecast-chart"] svg')).not.toBeNull();
  });

  it('switches the forecast to commit and to quarters', async () => {
    await page.click('[data-testid="forecast-scenario-commit"]');
    await page.click('[data-testid="forecast-kind-quarter"]');
    const quarter = currentPeriod(NOW, TIME_ZONE, 'quarter');
    const expected = forecast(data, context, 'quarter')
      .periods.filter((row) => row.period >= quarter)
      .slice(0, 4)
      .map((row) => [formats.money(row.team.commitPipeline), formats.money(row.team.commit)]);
    const shown = (await cellTexts(page, 'forecast-table')).map((row) => row.slice(3, 5));
    expect(shown).toEqual(expected);
    await page.click('[data-testid="forecast-scenario-bestCase"]');
    await page.click('[data-testid="forecast-kind-month"]');
  });

  it('shows coverage against the quota that lib/extension/reports/coverage computes', async () => {
    const expected = coverage(data, context, THIS_MONTH).rows.find((row) => row.ownerId === settings.user.id);
    if (!expected || expected.weightedCoverage === null) throw new Error('the quota should not be reached');
    const mine = (await cellTexts(page, 'coverage-table'))[0];
    expect(mine?.slice(3, 7)).toEqual([
      formats.money(expected.remaining),
      formats.money(expected.weighted),
      formats.money(expected.pipeline),
      formats.ratio(expected.weightedCoverage),
    ]);
  });

  it('shows the health warnings, and a warning opens to its deals', async () => {
    const expected = healthWarnings(data, context).warnings;
    expect(expected.length).toBeGreaterThan(0);
    const shown = await page.$$eval('[data-testid="health-warnings"] > li', (items) =>
      items.map((item) => `${item.getAttribute('data-kind')}|${item.getAttribute('data-owner')}`),
    );
    expect(shown).toEqual(expected.map((warning) => `${warning.kind}|${warning.ownerId}`));

    const first = expected.find((warning) => warning.dealIds.length > 0);
    if (!first) throw new Error('the demo data has no warning with deals');
    const index = expected.indexOf(first);
    const summaries = await page.$$('[data-testid="health-warning"] summary');
    await summaries[index]?.click();
    await page.waitForSelector(
      `[data-testid="health-warnings"] > li:nth-child(${index + 1}) [data-testid="warning-deals"]`,
    );
    const titles = await page.$$eval(
      `[data-testid="health-warnings"] > li:nth-child(${index + 1}) [data-testid="warning-deal-open"]`,
      (buttons) => buttons.map((button) => button.textContent),
    );
    const titleOf = new Map(data.deals.map((deal) => [deal.id, deal.title]));
    expect(titles).toEqual(first.dealIds.map((dealId) => titleOf.get(dealId)));
  });

  it('opens a listed deal in a drawer, and Escape brings focus back', async () => {
    const opener = await page.waitForSelector('details[open] [data-testid="warning-deal-open"]');
    const title = await opener?.evaluate((button) => button.textContent);
    await opener?.click();
    await page.waitForSelector('[data-testid="deal-drawer"] [data-testid="deal-card"]');
    expect(
      await page.$eval('[data-testid="deal-drawer"] [data-testid="deal-card"]', (card) => card.textContent),
    ).toContain(title);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="deal-drawer"]'));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(title);
  });

  it('shows the rep table that lib/extension/reports/rep-comparison computes, sortable from the keyboard', async () => {
    const expected = compareReps(data, context, THIS_MONTH);
    const mine = expected.rows.find((row) => row.ownerId === settings.user.id);
    if (!mine) throw new Error('the demo user has no rep row');
    const rows = await cellTexts(page, 'reps-table');
    expect(rows).toHaveLength(expected.rows.length);
    expect(rows[0]?.slice(1, 4)).toEqual([
      formats.count(mine.openCount),
      formats.money(mine.pipelineValue),
      formats.money(mine.weightedValue),
    ]);
    const footer = await page.$$eval(
      '[data-testid="reps-table"] tfoot th, [data-testid="reps-table"] tfoot td',
      (cells) => cells.map((cell) => cell.textContent),
    );
    expect(footer.slice(0, 2)).toEqual(['Team average', formats.count(expected.teamAverage.openCount)]);

    const sortButton = await page.$('[data-testid="reps-table"] [data-testid="sort-pipelineValue"]');
    await sortButton?.focus();
    await page.keyboard.press('Enter');
    const sortOf = () =>
      page.$eval('[data-testid="reps-table"] [data-testid="sort-pipelineValue"]', (button) =>
        button.closest('th')?.getAttribute('aria-sort'),
      );
    expect(await sortOf()).toBe('descending');
    await page.keyboard.press('Space');
    expect(await sortOf()).toBe('ascending');
  });

  it('has no serious accessibility problems and fits a narrow window', async () => {
    const blocking = blockingViolations(await runAxe(page));
    expect(blocking, describeViolations('dashboard', blocking)).toEqual([]);
    await page.setViewport({ width: 320, height: 800 });
    // The charts follow their box's width from a ResizeObserver, a frame or two after the resize.
    await page
      .waitForFunction(() =>
        [...document.querySelectorAll('.dashboard-chart svg')].every(
          (svg) => svg.getBoundingClientRect().width <= 320,
        ),
      )
      .catch(() => undefined);
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'dashboard-320');
    await page.setViewport({ width: 1280, height: 800 });
  });

  it('takes screenshots in English, Traditional Chinese and dark mode', async () => {
    await page.setViewport({ width: 1280, height: 1400 });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    // No tooltip from the last click in the pictures.
    await page.mouse.move(1279, 1);
    const english = await saveScreenshot(page, 'dashboard-en');
    await publishScreenshot(english, 'dashboard-en.png');

    await emulateColorScheme(page, 'dark');
    const dark = await saveScreenshot(page, 'dashboard-dark');
    expect(dark).toBeTruthy();
    await emulateColorScheme(page, 'light');

    await putRecords(session.worker, { settings: [{ ...settings, language: 'zh-TW' }] });
    await page.waitForFunction(() => document.documentElement.lang === 'zh-TW', { timeout: 10_000 });
    await page.waitForSelector('[data-testid="forecast-table"]');
    const chinese = await saveScreenshot(page, 'dashboard-zh-TW');
    await publishScreenshot(chinese, 'dashboard-zh-TW.png');
    expect(pageErrors).toEqual([]);
  });

  it('warns about a rep whose pipeline fell below their own trailing average, in Chinese too', async () => {
    // A teammate whose one deal, open since 120 days ago, was lost ten days ago: open at one or
    // more of the last three month ends, none open now.
    const template = demo.deals[0];
    if (!template) throw new Error('the demo has no deals');
    const lostStage = demo.pipelines[0]?.stages.find((stage) => stage.kind === 'lost');
    if (!lostStage) throw new Error('the demo pipeline has no lost stage');
    const teammateDeal = {
      ...template,
      id: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      title: 'Teammate’s lost deal',
      ownerId: '01JZZZZZZZZZZZZZZZZZZZZZZY',
      createdAt: NOW - 120 * DAY_MS,
      stageId: lostStage.id,
      status: 'lost' as const,
      lostReason: 'Price',
      stageEnteredAt: NOW - 10 * DAY_MS,
      nextStep: null,
    };
    await putRecords(session.worker, { deals: [teammateDeal] });
    const expected = healthWarnings({ ...data, deals: [...data.deals, teammateDeal] }, context).warnings.find(
      (warning) => warning.kind === 'below-trailing-count' && warning.ownerId === teammateDeal.ownerId,
    );
    if (!expected || expected.average === null) throw new Error('the teammate should be below their average');
    const warning = await page.waitForSelector(
      `[data-testid="health-warnings"] > li[data-kind="below-trailing-count"][data-owner="${teammateDeal.ownerId}"]`,
      { timeout: 10_000 },
    );
    const text = await warning?.evaluate((item) => item.querySelector('summary')?.textContent);
    const average = formatsFor('zh-TW', settings.reporting.baseCurrency).days(expected.average);
    expect(text).toBe(`同事 1 有 0 筆進行中商機；自己近 3 個月月底的平均為 ${average}。`);
    await warning?.evaluate((item) => item.querySelector('summary')?.click());
    expect(await warning?.evaluate((item) => item.querySelector('.dashboard-note')?.textContent)).toBe(
      '沒有進行中的商機。',
    );
  });

  it('points to the board and the options page when there are no deals yet', async () => {
    await clearDatabase(session.worker);
    await putRecords(session.worker, { settings: [settings] });
    await page.goto(extensionUrl('dashboard.html'));
    await page.waitForSelector('[data-testid="dashboard-empty"]', { timeout: 10_000 });
    const links = await page.$$eval('[data-testid="dashboard-empty"] a', (anchors) =>
      anchors.map((anchor) => new URL(anchor.href).pathname),
    );
    expect(links).toEqual(['/board.html', '/options.html']);
  });
});
