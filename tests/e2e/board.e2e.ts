import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../lib/extension/i18n/translate';
import { defaultPipeline } from '../../lib/extension/pipeline/default-pipeline';
import type { Activity, Deal } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { collectPageErrors, type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase, putRecords, updateRecord } from './support/database';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import { extensionUrl } from './support/paths';
import { dealRecord, stageIdNamed } from './support/record-builders';
import { publishScreenshot, saveScreenshot } from './support/screenshots';
import { dayFromToday, sidebarCrm } from './support/sidebar-records';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const crm = sidebarCrm(NOW);
const { pipeline } = crm;
const stage = (name: string) => stageIdNamed(pipeline, name);

const extraDeal = (fields: Partial<Deal> & Pick<Deal, 'title' | 'stageId'>): Deal =>
  dealRecord(NOW, {
    companyId: crm.acme.id,
    pipelineId: pipeline.id,
    ownerId: crm.settings.user.id,
    nextStep: { text: 'Follow up', dueDate: dayFromToday(5) },
    ...fields,
  });
/** Quiet for a month in Lead (stale after 14 days), with no next step. */
const quietLead = extraDeal({
  title: 'Quiet lead',
  stageId: stage('Lead'),
  stageEnteredAt: NOW - 30 * DAY,
  amount: 100_000,
  nextStep: null,
});
const usdLead = extraDeal({
  title: 'Gateway trial',
  stageId: stage('Lead'),
  amount: 2_000,
  currency: 'USD',
  expectedCloseDate: dayFromToday(40),
});
const usdProposal = extraDeal({
  title: 'Dashboard licences',
  stageId: stage('Proposal'),
  amount: 5_000,
  currency: 'USD',
  expectedCloseDate: dayFromToday(20),
});
/** Lost two months ago: not on a board that shows this month's closed deals. */
const lostLongAgo = extraDeal({
  title: 'Old loss',
  stageId: stage('Lost'),
  status: 'lost',
  lostReason: 'Price',
  stageEnteredAt: NOW - 62 * DAY,
  amount: 70_000,
  nextStep: null,
});

const CARD = '[data-testid="board-card"]';
const column = (stageId: string) => `[data-testid="board-column"][data-stage-id="${stageId}"]`;
const money = (amount: number, currency: string) => formatMoney(amount, currency, 'en');

describe('the pipeline board', () => {
  let session: ExtensionBrowser;
  let page: Page;
  let pageErrors: string[];

  async function openBoard(): Promise<void> {
    await page.goto(extensionUrl('board.html'));
    await page.waitForSelector(`${column(stage('Lead'))} ${CARD}`, { timeout: 15_000 });
    // The stale flags arrive with the second query.
    await page.waitForFunction(() => !document.querySelector('[data-testid="board-checking"]'));
  }

  const titlesIn = (stageId: string) =>
    page.$$eval(`${column(stageId)} ${CARD} .board-card-open`, (buttons) =>
      buttons.map((button) => button.textContent),
    );

  async function columnFigures(stageId: string) {
    return page.$eval(column(stageId), (element) => {
      const amounts = (testId: string) =>
        [...element.querySelectorAll(`[data-testid="${testId}"] .board-amount`)].map(
          (amount) => amount.textContent,
        );
      return {
        count: element.querySelector('[data-testid="column-count"]')?.textContent,
        total: amounts('column-total'),
        weighted: amounts('column-weighted'),
      };
    });
  }

  async function storedDeal(id: string): Promise<Deal> {
    const dump = await dumpDatabase(session.worker);
    return dump.deals.find((row) => (row as Deal).id === id) as Deal;
  }

  /** Presses Tab until the focused element matches `selector`, as a keyboard user would. */
  async function tabTo(selector: string, limit = 25): Promise<void> {
    for (let press = 0; press < limit; press++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((wanted: string) => document.activeElement?.matches(wanted) ?? false, selector))
        return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  const focusedTitle = () =>
    page.evaluate(
      () => document.activeElement?.closest('[data-testid="board-card"]')?.querySelector('bdi')?.textContent,
    );

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, {
      ...crm.records,
      deals: [...(crm.records.deals ?? []), quietLead, usdLead, usdProposal, lostLongAgo],
    });
    page = await session.newPage();
    pageErrors = collectPageErrors(page);
    await openBoard();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows a column per stage with counts, totals and weighted totals per currency', async () => {
    const names = await page.$$eval('[data-testid="board-column"] h2 bdi', (headings) =>
      headings.map((heading) => heading.textContent),
    );
    expect(names).toEqual(['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    expect(await columnFigures(stage('Lead'))).toEqual({
      count: '2 deals',
      total: [money(100_000, 'TWD'), money(2_000, 'USD')],
      weighted: [money(10_000, 'TWD'), money(200, 'USD')],
    });
    expect(await columnFigures(stage('Proposal'))).toEqual({
      count: '2 deals',
      total: [money(1_200_000, 'TWD'), money(5_000, 'USD')],
      weighted: [money(600_000, 'TWD'), money(2_500, 'USD')],
    });
    expect(await columnFigures(stage('Negotiation'))).toEqual({
      count: '1 deal',
      total: [money(8_500, 'USD')],
      weighted: [money(6_375, 'USD')],
    });
    // Closed columns: this month's only (the pilot was won now; the old loss is not shown).
    expect(await titlesIn(stage('Won'))).toEqual(['Acme: pilot']);
    expect(await columnFigures(stage('Lost'))).toEqual({ count: '0 deals', total: [], weighted: [] });
    expect(
      await page.$eval(
        `${column(stage('Won'))} [data-testid="column-closed-month"]`,
        (note) => note.textContent,
      ),
    ).toBe('Closed this month');
    // Soonest close first: the Proposal column lists the deal closing in 20 days before the one in 30.
    expect(await titlesIn(stage('Proposal'))).toEqual(['Dashboard licences', 'Acme: 200 seats']);
  });

  it('shows owner, company and flags on the cards', async () => {
    const card = (id: string) => `${CARD}[data-deal-id="${id}"]`;
    expect(
      await page.$eval(
        `${card(crm.renewal.id)} [data-testid="board-card-owner"]`,
        (owner) => owner.textContent,
      ),
    ).toBe('A teammate');
    expect(
      await page.$eval(
        `${card(crm.seats.id)} [data-testid="board-card-owner"]`,
        (owner) => owner.textContent,
      ),
    ).toBe('王小明 Wang');
    expect(
      await page.$eval(
        `${card(crm.seats.id)} [data-testid="board-card-company"]`,
        (name) => name.textContent,
      ),
    ).toBe('Acme Trading');
    expect(await page.$(`${card(crm.renewal.id)} [data-testid="flag-overdue"]`)).not.toBeNull();
    expect(await page.$(`${card(crm.seats.id)} [data-testid="flag-overdue"]`)).toBeNull();
    expect(await page.$(`${card(quietLead.id)} [data-testid="flag-stale"]`)).not.toBeNull();
    expect(await page.$(`${card(quietLead.id)} [data-testid="flag-no-next-step"]`)).not.toBeNull();
    expect(await page.$(`${card(usdLead.id)} [data-testid="flag-stale"]`)).toBeNull();
  });

  it('filters overdue deals, stale deals, owner and search', async () => {
    const allTitles = () =>
      page.$$eval(`${CARD} .board-card-open`, (buttons) =>
        buttons.map((button) => button.textContent).sort(),
      );
    await page.click('[data-testid="board-overdue-only"]');
    await page.waitForFunction(
      (selector: string) => document.querySelectorAll(selector).length === 1,
      {},
      CARD,
    );
    expect(await allTitles()).toEqual(['Acme: support renewal']);
    await page.click('[data-testid="board-overdue-only"]');
    await page.click('[data-testid="board-stale-only"]');
    await page.waitForFunction(
      (selector: string) => document.querySelectorAll(selector).length === 1,
      {},
      CARD,
    );
    expect(await allTitles()).toEqual(['Quiet lead']);
    await page.click('[data-testid="board-stale-only"]');
    await page.select('[data-testid="board-owner"]', 'me');
    await page.waitForFunction(
      (selector: string) => document.querySelectorAll(selector).length === 6,
      {},
      CARD,
    );
    expect(await allTitles()).not.toContain('Acme: support renewal');
    await page.select('[data-testid="board-owner"]', 'everyone');
    await page.type('[data-testid="board-search"]', '宏達');
    await page.waitForFunction(
      (selector: string) => document.querySelectorAll(selector).length === 1,
      {},
      CARD,
    );
    expect(await allTitles()).toEqual(['宏達 MES 系統導入']);
    await page.click('.board-filters button.link');
    await page.waitForFunction(
      (selector: string) => document.querySelectorAll(selector).length === 7,
      {},
      CARD,
    );
  });

  it('moves a deal forward with the keyboard only, through the checklist prompt', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo('.board-card-open');
    expect(await focusedTitle()).toBe('Gateway trial');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTitle()).toBe('宏達 MES 系統導入');
    await page.keyboard.press('m');
    await page.waitForSelector('[data-testid="stage-picker"][open]');
    // The next stage is preselected.
    expect(
      await page.$eval(
        '[data-testid="stage-picker"] input:checked',
        (input) => (input as HTMLInputElement).value,
      ),
    ).toBe(stage('Proposal'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="checklist-prompt"][open]');
    const items = await page.$$eval('[data-testid="checklist-item"] legend', (legends) =>
      legends.map((legend) => legend.textContent),
    );
    expect(items).toEqual(['Budget confirmed', 'Decision maker known', 'Timeline known']);
    expect(blockingViolations(await runAxe(page))).toEqual([]);
    // Done, skip, done — by keyboard: Tab into each item's radio group, arrows pick.
    await tabTo('[data-testid="checklist-item"]:nth-of-type(1) input');
    await page.keyboard.press('Space');
    await tabTo('[data-testid="checklist-item"]:nth-of-type(2) input');
    await page.keyboard.press('ArrowRight');
    await tabTo('[data-testid="checklist-item"]:nth-of-type(3) input');
    await page.keyboard.press('Space');
    await tabTo('[data-testid="prompt-confirm"]');
    await page.keyboard.press('Enter');

    await page.waitForSelector(`${column(stage('Proposal'))} ${CARD}[data-deal-id="${crm.mes.id}"]`);
    expect(await titlesIn(stage('Qualified'))).toEqual([]);
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="board-card"]') !== null, {
      timeout: 5_000,
    });
    expect(await focusedTitle()).toBe('宏達 MES 系統導入');
    expect(await page.$eval('[data-testid="board-announcement"]', (note) => note.textContent)).toBe(
      'Moved “宏達 MES 系統導入” to Proposal.',
    );
    const qualified = pipeline.stages.find((candidate) => candidate.name === 'Qualified');
    const [budget, decisionMaker, timeline] = qualified?.checklist.map((item) => item.id) ?? [];
    const stored = await storedDeal(crm.mes.id);
    expect(stored).toMatchObject({ stageId: stage('Proposal'), status: 'open' });
    expect([...stored.checklistDone].sort()).toEqual([budget, timeline].sort());
    const dump = await dumpDatabase(session.worker);
    const changes = (dump.activities as Activity[]).filter(
      (activity) => activity.kind === 'stage-change' && activity.dealId === crm.mes.id,
    );
    expect(changes).toEqual([
      expect.objectContaining({
        fromStageId: stage('Qualified'),
        toStageId: stage('Proposal'),
        skippedChecklistItemIds: [decisionMaker],
        authorId: crm.settings.user.id,
      }),
    ]);
  });

  it('moves a deal by drag and drop', async () => {
    const card = await page.$(`${CARD}[data-deal-id="${crm.renewal.id}"]`);
    const target = await page.$(`${column(stage('Proposal'))} [data-testid="column-list"]`);
    const from = await card?.boundingBox();
    const to = await target?.boundingBox();
    if (!from || !to) throw new Error('card or column not on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + 30);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 - 40, from.y + 40, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 40, { steps: 10 });
    expect(await page.$(`${column(stage('Proposal'))}.drop-target`)).not.toBeNull();
    await page.mouse.up();
    // Backward: nothing to confirm, the move is written at once.
    await page.waitForSelector(`${column(stage('Proposal'))} ${CARD}[data-deal-id="${crm.renewal.id}"]`);
    expect(await page.$('dialog[open]')).toBeNull();
    expect(await storedDeal(crm.renewal.id)).toMatchObject({ stageId: stage('Proposal') });
    expect(await titlesIn(stage('Negotiation'))).toEqual([]);
  });

  it('opens a card as a drawer with the deal and its timeline, and Escape closes it', async () => {
    await page.click(`${CARD}[data-deal-id="${crm.seats.id}"] .board-card-open`);
    await page.waitForSelector('[data-testid="deal-drawer"][open] [data-testid="deal-card"]');
    await page.waitForSelector('[data-testid="deal-drawer"] [data-testid="timeline-item"]');
    const drawer = await page.$eval('[data-testid="deal-drawer"]', (element) => element.textContent ?? '');
    expect(drawer).toContain('Acme: 200 seats');
    expect(drawer).toContain('Quote for 200 seats');
    const blocking = blockingViolations(await runAxe(page));
    expect(blocking, describeViolations('board with the deal drawer', blocking)).toEqual([]);
    await saveScreenshot(page, 'board-drawer-en');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="deal-drawer"]'));
    expect(await focusedTitle()).toBe('Acme: 200 seats');
  });

  it('has no serious accessibility issue, fits 320 px, and is shown in English, 繁體中文 and dark mode', async () => {
    const blocking = blockingViolations(await runAxe(page));
    expect(blocking, describeViolations('board', blocking)).toEqual([]);
    // No focus ring in the pictures.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const english = await saveScreenshot(page, 'board-en');

    await page.setViewport({ width: 320, height: 700 });
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'board-320');
    await page.setViewport({ width: 1280, height: 800 });

    // A Taiwanese team names its process in Chinese: the same stages, renamed.
    const chinese = defaultPipeline('zh-TW');
    await updateRecord(session.worker, 'pipelines', pipeline.id, {
      name: chinese.name,
      stages: pipeline.stages.map((stage, index) => ({
        ...stage,
        name: chinese.stages[index]?.name ?? stage.name,
      })),
    });
    await updateRecord(session.worker, 'settings', 'settings', { language: 'zh-TW' });
    await page.waitForFunction(() => document.documentElement.lang === 'zh-TW', { timeout: 10_000 });
    await page.waitForFunction(
      (name: string) => document.querySelector('[data-testid="board-column"] h2 bdi')?.textContent === name,
      { timeout: 10_000 },
      chinese.stages[0]?.name ?? '',
    );
    await page.waitForSelector(CARD);
    expect(await page.$eval('h1', (heading) => heading.textContent)).toBe('銷售流程看板');
    const chineseShot = await saveScreenshot(page, 'board-zh-TW');
    await emulateColorScheme(page, 'dark');
    const darkBlocking = blockingViolations(await runAxe(page));
    expect(darkBlocking, describeViolations('board, dark', darkBlocking)).toEqual([]);
    await saveScreenshot(page, 'board-zh-TW-dark');
    await emulateColorScheme(page, 'light');
    await updateRecord(session.worker, 'settings', 'settings', { language: 'en' });
    await page.waitForFunction(() => document.documentElement.lang === 'en', { timeout: 10_000 });
    await publishScreenshot(english, 'board-en.png');
    await publishScreenshot(chineseShot, 'board-zh-TW.png');
  });

  it('is linked from the toolbar popup and the sidebar', async () => {
    const other = await session.newPage();
    for (const pageName of ['popup.html', 'sidepanel.html']) {
      await other.goto(extensionUrl(pageName));
      const link = await other.waitForSelector('a[href$="/board.html"]');
      expect(await link?.evaluate((anchor) => anchor.textContent)).toBe('Pipeline board');
    }
    await other.close();
  });

  it('logged no error', () => {
    expect(pageErrors).toEqual([]);
  });
});
