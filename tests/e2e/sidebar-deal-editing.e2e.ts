import { mkdir } from 'node:fs/promises';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDateAt } from '../../lib/extension/pipeline/calendar-dates';
import type { Activity, Deal, Settings } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { dumpDatabase, putRecords } from './support/database';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import { fixtureTabs } from './support/logging';
import { ARTIFACTS_DIR, extensionUrl } from './support/paths';
import { publishScreenshot } from './support/screenshots';

/**
 * Editing a deal's sales process on the sidebar's deal card, beside a Gmail fixture thread: the
 * checklist prompt on a forward move, the overdue flag's one-click fixes, lost with a reason,
 * refused amounts, all by keyboard; and the screenshots of the stage editor.
 */

const FIXTURE = 'gmail-single-message.html';
const CARD = '[data-testid="deal-card"]';
const PROMPT = '[data-testid="checklist-prompt"]';
const LOST_PROMPT = '[data-testid="lost-reason-prompt"]';
const WIDE = 1280;
const NARROW = 320;
const HEIGHT = 900;
/** A one-colour 360×900 PNG compresses to about 2.5 kB; the sidebar with any text is well over 30 kB. */
const BLANK_CAPTURE_BYTES = 10_000;

function today(): string {
  return calendarDateAt(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** The focused element of the frame: its test id, else its tag and text. */
function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '';
    const testId = element.getAttribute('data-testid');
    if (testId) return testId;
    return `${element.tagName.toLowerCase()}:${element.textContent?.trim() ?? ''}`;
  });
}

async function tabTo(frame: Frame, testId: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const keyboard = frame.page().keyboard;
  for (let presses = 0; presses < 60 && (await focused(frame)) !== testId; presses++) {
    if (key === 'Tab') await keyboard.press('Tab');
    else {
      await keyboard.down('Shift');
      await keyboard.press('Tab');
      await keyboard.up('Shift');
    }
  }
  expect(await focused(frame)).toBe(testId);
}

function waitForText(frame: Frame, selector: string, text: string) {
  return frame.waitForFunction(
    (where: string, wanted: string) => document.querySelector(where)?.textContent?.includes(wanted) ?? false,
    { timeout: 10_000, polling: 100 },
    selector,
    text,
  );
}

async function storedDeal(session: ExtensionBrowser, id: string): Promise<Deal> {
  const dump = await dumpDatabase(session.worker);
  const deal = (dump.deals as Deal[]).find((candidate) => candidate.id === id);
  if (!deal) throw new Error('the deal is not stored');
  return deal;
}

async function stageChanges(session: ExtensionBrowser) {
  const dump = await dumpDatabase(session.worker);
  return (dump.activities as Activity[]).filter(
    (activity): activity is Extract<Activity, { kind: 'stage-change' }> => activity.kind === 'stage-change',
  );
}

/** Saves the sidebar frame alone, so the docs show the card at a readable size. */
async function screenshotSidebar(frame: Frame, name: string): Promise<string> {
  const page = frame.page();
  await page.bringToFront();
  await frame.evaluate(() => document.fonts.ready.then(() => undefined));
  const element = await frame.frameElement();
  if (!element) throw new Error('the sidebar frame is not on the page');
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const filePath = `${ARTIFACTS_DIR}/${name}.png` as const;
  // Right after a resize or a modal dialog opening, Chromium sometimes composites the extension's
  // out-of-process frame as an empty white box; a capture that small is taken again after paints.
  for (let attempt = 0; attempt < 5; attempt++) {
    for (const target of [page, frame])
      await target.evaluate(
        () =>
          new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
      );
    const box = await element.boundingBox();
    if (!box) throw new Error('the sidebar frame is not visible');
    const image = await page.screenshot({ path: filePath, clip: box });
    if (image.byteLength > BLANK_CAPTURE_BYTES) return filePath;
  }
  throw new Error(`the sidebar frame stayed blank in ${name}`);
}

/** Opens the prompt for a move to Negotiation: the stage select, one step down, then Move. */
async function openNegotiationPrompt(frame: Frame, page: Page): Promise<void> {
  await frame.focus(`${CARD} [data-testid="stage-select"]`);
  await page.keyboard.press('ArrowDown');
  expect(
    await frame.$eval(
      `${CARD} [data-testid="stage-select"]`,
      (select) => (select as HTMLSelectElement).selectedOptions[0]?.text,
    ),
  ).toBe('Negotiation');
  await page.keyboard.press('Tab');
  expect(await focused(frame)).toBe('stage-move');
  await page.keyboard.press('Enter');
  await frame.waitForSelector(`${PROMPT}[open]`);
}

describe('editing a deal’s sales process on the sidebar card', () => {
  let session: ExtensionBrowser;
  const tabs = fixtureTabs(() => session);

  /** Replaces the fixture's deal with these fields (and the settings with these) before the tab opens. */
  async function openWithDeal(fields: Partial<Deal>, settings: Partial<Settings> = {}) {
    await tabs.reset(settings);
    await putRecords(session.worker, { deals: [{ ...tabs.crm.deal, ...fields }] });
    const frame = await tabs.open(FIXTURE);
    return { frame, page: frame.page() };
  }

  beforeAll(async () => {
    session = await launchExtensionBrowser();
  });
  beforeEach(async () => {
    await tabs.reset();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('moves the deal forward by keyboard: the checklist is ticked or skipped, the move recorded', async () => {
    const frame = await tabs.open(FIXTURE);
    const page = frame.page();
    const { deal, records } = tabs.crm;
    const proposal = records.pipelines[0]?.stages.find((stage) => stage.name === 'Proposal');
    const [quoteSent, competitorsKnown] = proposal?.checklist ?? [];
    if (!quoteSent || !competitorsKnown)
      throw new Error('the default Proposal stage has two checklist items');
    await waitForText(frame, `${CARD} [data-testid="time-in-stage"]`, 'In Proposal since today');

    // Escape cancels, moves nothing, and gives focus back to Move.
    await openNegotiationPrompt(frame, page);
    await page.keyboard.press('Escape');
    await frame.waitForSelector(PROMPT, { hidden: true });
    expect(await focused(frame)).toBe('stage-move');
    expect(await stageChanges(session)).toEqual([]);

    await page.keyboard.press('Enter');
    await frame.waitForSelector(`${PROMPT}[open]`);
    expect(
      await frame.$$eval(`${PROMPT} [data-testid="checklist-item"] legend`, (legends) =>
        legends.map((legend) => legend.textContent),
      ),
    ).toEqual(['Quote sent', 'Competitors known']);
    // Nothing is preselected: confirming at once names what still needs an answer.
    await tabTo(frame, 'prompt-confirm');
    await page.keyboard.press('Enter');
    await waitForText(frame, PROMPT, '2 items need Done or Skip.');
    expect(await focused(frame)).toBe('checklist-done');

    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(
      await frame.$$eval(`${PROMPT} input:checked`, (inputs) =>
        inputs.map((input) => input.getAttribute('data-testid')),
      ),
    ).toEqual(['checklist-done', 'checklist-skip']);
    await tabTo(frame, 'prompt-confirm');
    await page.keyboard.press('Enter');

    await frame.waitForSelector(PROMPT, { hidden: true });
    await waitForText(frame, `${CARD} [data-testid="deal-stage"]`, 'Negotiation');
    await waitForText(frame, `${CARD} [data-testid="process-status"]`, 'Moved to Negotiation.');
    await waitForText(
      frame,
      `${CARD} [data-testid="timeline-item"][data-kind="stage-change"]`,
      'Proposal → Negotiation',
    );
    expect(await focused(frame)).toBe('stage-move');

    const [change, ...others] = await stageChanges(session);
    expect(others).toEqual([]);
    expect(change).toMatchObject({
      dealId: deal.id,
      fromStageId: proposal?.id,
      toStageId: records.pipelines[0]?.stages.find((stage) => stage.name === 'Negotiation')?.id,
      skippedChecklistItemIds: [competitorsKnown.id],
    });
    expect((await storedDeal(session, deal.id)).checklistDone).toEqual([quoteSent.id]);

    // The board shows the move made in the sidebar: the deal sits in the Negotiation column.
    const board = await session.newPage();
    try {
      await board.goto(extensionUrl(`board.html?pipeline=${deal.pipelineId}`));
      const negotiation = records.pipelines[0]?.stages.find((stage) => stage.name === 'Negotiation')?.id;
      await board.waitForSelector(
        `[data-testid="board-column"][data-stage-id="${negotiation}"] [data-testid="board-card"]`,
        { timeout: 15_000 },
      );
      const titles = await board.$$eval(
        `[data-testid="board-column"][data-stage-id="${negotiation}"] [data-testid="board-card"] bdi`,
        (elements) => elements.map((element) => element.textContent),
      );
      expect(titles).toContain(deal.title);
    } finally {
      await board.close();
    }
  });

  it('flags an overdue deal, and “+1 week” moves its date a week from today', async () => {
    const pastDate = addCalendarDays(today(), -3);
    const { frame, page } = await openWithDeal({
      expectedCloseDate: pastDate,
      stageEnteredAt: Date.now() - 12 * 86_400_000,
    });
    const flag = await frame.waitForSelector(`${CARD} [data-testid="overdue-flag"]`);
    expect(await flag?.evaluate((element) => element.textContent)).toContain('Overdue: expected to close');
    await waitForText(frame, `${CARD} [data-testid="time-in-stage"]`, 'In Proposal for 12 days');
    expect(await frame.$(`${CARD} [data-testid="close-pushes"]`)).toBeNull();

    await frame.focus(`${CARD} [data-testid="extend-week"]`);
    await page.keyboard.press('Enter');
    await frame.waitForSelector(`${CARD} [data-testid="overdue-flag"]`, { hidden: true });
    await waitForText(frame, `${CARD} [data-testid="close-pushes"]`, 'Close date moved 1 time');
    // The button went with the flag; focus stays on the card, on the outcome.
    expect(await focused(frame)).toBe('process-status');
    const stored = await storedDeal(session, tabs.crm.deal.id);
    expect(stored).toMatchObject({ expectedCloseDate: addCalendarDays(today(), 7), closeDatePushes: 1 });
  });

  it('asks why a deal is lost, stores the reason, and reopens it from the closed deals', async () => {
    const { frame, page } = await openWithDeal({});
    await frame.focus(`${CARD} [data-testid="mark-lost"]`);
    await page.keyboard.press('Enter');
    await frame.waitForSelector(`${LOST_PROMPT}[open]`);
    expect(await focused(frame)).toBe('lost-reason-choice');
    await tabTo(frame, 'prompt-confirm');
    await page.keyboard.press('Enter');
    await waitForText(frame, LOST_PROMPT, 'Choose or type a reason.');
    expect((await storedDeal(session, tabs.crm.deal.id)).status).toBe('open');

    await tabTo(frame, 'lost-reason-choice', 'Shift+Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(
      await frame.$eval(`${LOST_PROMPT} input:checked`, (input) => (input as HTMLInputElement).value),
    ).toBe('No budget');
    await tabTo(frame, 'prompt-confirm');
    await page.keyboard.press('Enter');
    await frame.waitForSelector(LOST_PROMPT, { hidden: true });
    await frame.waitForFunction(
      (card: string) => !document.querySelector(`${card}`),
      { timeout: 10_000 },
      CARD,
    );
    expect(await storedDeal(session, tabs.crm.deal.id)).toMatchObject({
      status: 'lost',
      lostReason: 'No budget',
    });
    const [lost] = await stageChanges(session);
    expect(lost?.skippedChecklistItemIds).toEqual([]);

    // "Show won and lost" brings the card back, offering to reopen it in an open stage.
    await frame.$$eval('.toggle input[type="checkbox"]', (inputs) =>
      inputs.find((input) => input.closest('.toggle')?.textContent?.includes('Show won and lost'))?.focus(),
    );
    await page.keyboard.press('Space');
    await frame.waitForSelector(`[data-testid="closed-deals"] ${CARD}`);
    await frame.focus(`[data-testid="closed-deals"] [data-testid="stage-select"]`);
    expect(await focused(frame)).toBe('stage-select');
    await page.keyboard.press('Tab');
    expect(
      await frame.$eval(
        '[data-testid="closed-deals"] [data-testid="stage-move"]',
        (button) => button.textContent,
      ),
    ).toBe('Reopen');
    await page.keyboard.press('Enter');
    await frame.waitForFunction(
      () => !document.querySelector('[data-testid="closed-deals"] [data-testid="deal-card"]'),
      { timeout: 10_000 },
    );
    expect(await storedDeal(session, tabs.crm.deal.id)).toMatchObject({ status: 'open', lostReason: null });
  });

  it('refuses a negative amount next to the field and stores nothing; Escape cancels', async () => {
    const { frame, page } = await openWithDeal({});
    const before = await storedDeal(session, tabs.crm.deal.id);
    await frame.focus(`${CARD} [data-testid="deal-edit"]`);
    await page.keyboard.press('Enter');
    await frame.waitForSelector(`${CARD} [data-testid="deal-edit-form"]`);
    expect(await focused(frame)).toBe('deal-edit-amount');
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.type('-5');
    await page.keyboard.press('Enter');
    await waitForText(
      frame,
      `${CARD} [data-testid="deal-edit-form"] [data-testid="field-error"]`,
      'Enter an amount of 0 or more',
    );
    expect(
      await frame.$eval(`${CARD} [data-testid="deal-edit-amount"]`, (input) =>
        input.getAttribute('aria-invalid'),
      ),
    ).toBe('true');
    expect(await storedDeal(session, tabs.crm.deal.id)).toEqual(before);

    await page.keyboard.press('Escape');
    await frame.waitForSelector(`${CARD} [data-testid="deal-edit-form"]`, { hidden: true });
    expect(await focused(frame)).toBe('deal-edit');
    expect(await storedDeal(session, tabs.crm.deal.id)).toEqual(before);
  });

  it('nudges a deal with no next step; a suggestion fills the field', async () => {
    const { frame, page } = await openWithDeal({});
    const suggestions = await frame.$$eval(`${CARD} [data-testid="next-step-suggestion"]`, (buttons) =>
      buttons.map((button) => button.textContent),
    );
    expect(suggestions).toEqual([
      'Follow up: Quote sent',
      'Follow up: Competitors known',
      'Schedule a follow-up call',
    ]);
    await frame.focus(`${CARD} [data-testid="next-step-suggestion"]`);
    await page.keyboard.press('Enter');
    expect(await focused(frame)).toBe('deal-edit-next-step');
    expect(
      await frame.$eval(
        `${CARD} [data-testid="deal-edit-next-step"]`,
        (input) => (input as HTMLInputElement).value,
      ),
    ).toBe('Follow up: Quote sent');
    await page.keyboard.press('Enter');
    await waitForText(frame, `${CARD} [data-testid="deal-next-step"]`, 'Follow up: Quote sent');
    expect(await frame.$(`${CARD} [data-testid="next-step-nudge"]`)).toBeNull();
    expect((await storedDeal(session, tabs.crm.deal.id)).nextStep).toEqual({
      text: 'Follow up: Quote sent',
      dueDate: null,
    });
  });

  it('screenshots: the checklist prompt and the overdue flag, in English, zh-TW, at 320 px and dark', async () => {
    const stale = Date.now() - 20 * 86_400_000;
    for (const language of ['en', 'zh-TW'] as const) {
      const { frame, page } = await openWithDeal(
        {
          expectedCloseDate: addCalendarDays(today(), -5),
          stageEnteredAt: stale,
          closeDatePushes: 2,
          amount: 480_000,
        },
        { language },
      );
      await page.setViewport({ width: WIDE, height: HEIGHT });
      await frame.waitForSelector(`${CARD} [data-testid="overdue-flag"]`);
      await frame.waitForSelector(`${CARD} [data-testid="stale-flag"]`);
      await screenshotSidebar(frame, `sidebar-overdue-${language}`);
      expect(describeViolations('overdue card', blockingViolations(await runAxe(frame)))).toBe(
        'overdue card: no violations',
      );

      await frame.focus(`${CARD} [data-testid="stage-select"]`);
      await page.keyboard.press('ArrowDown');
      await frame.focus(`${CARD} [data-testid="stage-move"]`);
      await page.keyboard.press('Enter');
      await frame.waitForSelector(`${PROMPT}[open]`);
      await frame.focus(`${PROMPT} [data-testid="checklist-done"]`);
      await page.keyboard.press('Space');
      expect(describeViolations('checklist prompt', blockingViolations(await runAxe(frame)))).toBe(
        'checklist prompt: no violations',
      );
      const prompt = await screenshotSidebar(frame, `sidebar-stage-editor-${language}`);
      await publishScreenshot(prompt, `sidebar-stage-editor-${language}.png`);

      await page.setViewport({ width: NARROW, height: HEIGHT });
      await screenshotSidebar(frame, `sidebar-stage-editor-${language}-320`);
      expect(await horizontalOverflow(frame)).toBe(0);
      await emulateColorScheme(page, 'dark');
      await screenshotSidebar(frame, `sidebar-stage-editor-${language}-320-dark`);
      await page.keyboard.press('Escape');
      await frame.waitForSelector(PROMPT, { hidden: true });
      await screenshotSidebar(frame, `sidebar-overdue-${language}-320-dark`);
      expect(await horizontalOverflow(frame)).toBe(0);
      await emulateColorScheme(page, 'light');
      await page.setViewport({ width: WIDE, height: HEIGHT });
    }
  });
});
