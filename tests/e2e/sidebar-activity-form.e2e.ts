import type { ElementHandle, Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase, putRecords } from './support/database';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import { GMAIL, type OpenMailPage, openMailSite } from './support/mail-pages';
import { person, setMailPageState, tabIdOfFrame, threadState, waitForDealTitles } from './support/mail-state';
import { saveScreenshot, screenshotAtWidth } from './support/screenshots';
import { sidebarCrm } from './support/sidebar-records';

const crm = sidebarCrm();
const HONGDA_THREAD = threadState({
  threadId: 'thread-hongda',
  subject: 'MES 導入時程',
  from: person('林志明', 'cm.lin@hongda.com.tw'),
});
const CARD = `[data-testid="deal-card"][data-deal-id="${crm.mes.id}"]`;
const OPENER = `${CARD} [data-testid="add-activity"]`;
const FORM = `${CARD} [data-testid="add-activity-form"]`;
/** The panel is 90% of the viewport at most: 288 px here, about the narrowest a rep can make it. */
const NARROW = 320;

/** What the focused element in the sidebar is, in words a failure message can show. */
function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '(nothing)';
    const testId = element.getAttribute('data-testid');
    if (testId) return `[${testId}]`;
    if (element instanceof HTMLInputElement) return `${element.type}:${element.value}`;
    return `${element.tagName.toLowerCase()}:${element.textContent?.trim() ?? ''}`;
  });
}

/** The form's control a label names: found through the label, as a screen reader would. */
async function labelled(frame: Frame, label: string): Promise<ElementHandle<HTMLInputElement>> {
  const control = await frame.evaluateHandle(
    (form: string, text: string) =>
      [...document.querySelectorAll<HTMLLabelElement>(`${form} label`)].find(
        (candidate) => candidate.textContent === text,
      )?.control ?? null,
    FORM,
    label,
  );
  const element = control.asElement();
  if (!element) throw new Error(`No control labelled "${label}" in the form`);
  return element as ElementHandle<HTMLInputElement>;
}

async function storedActivities(session: ExtensionBrowser): Promise<Activity[]> {
  return (await dumpDatabase(session.worker)).activities as Activity[];
}

async function waitForCardText(frame: Frame, text: string): Promise<void> {
  await frame.waitForFunction(
    (card: string, wanted: string) =>
      !document.querySelector(`${card} [data-testid="add-activity-form"]`) &&
      document.querySelector(card)?.textContent?.includes(wanted),
    { timeout: 10_000, polling: 100 },
    CARD,
    text,
  );
}

async function expectAccessible(frame: Frame, where: string): Promise<void> {
  const blocking = blockingViolations(await runAxe(frame));
  expect(blocking, describeViolations(where, blocking)).toEqual([]);
}

describe('adding a note, call or meeting from a deal card', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, crm.records);
    gmail = await openMailSite(session, GMAIL);
    await setMailPageState(session.worker, await tabIdOfFrame(gmail.frame), HONGDA_THREAD);
    await waitForDealTitles(gmail.frame, ['宏達 MES 系統導入']);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('adds a note by keyboard only: it shows on the card and is stored, linked to the deal', async () => {
    const { frame, page } = gmail;
    await frame.focus('[data-testid="quick-search"]');
    for (let presses = 0; presses < 40 && (await focused(frame)) !== '[add-activity]'; presses++)
      await page.keyboard.press('Tab');
    expect(await focused(frame)).toBe('[add-activity]');
    expect(
      await frame.$eval(OPENER, (button) => button.closest('[data-deal-id]')?.getAttribute('data-deal-id')),
    ).toBe(crm.mes.id);

    await page.keyboard.press('Enter');
    await frame.waitForSelector(FORM);
    expect(await frame.$eval(OPENER, (button) => button.getAttribute('aria-expanded'))).toBe('true');
    expect(await focused(frame)).toBe('radio:note');
    await page.keyboard.press('Tab');
    expect(await focused(frame)).toBe('textarea:');
    const note = '產線參訪改到 12/5，林經理已確認';
    await page.keyboard.type(note);
    await page.keyboard.press('Tab');
    expect(await focused(frame)).toBe('button:Add note');
    await page.keyboard.press('Enter');

    await waitForCardText(frame, note);
    expect(await focused(frame)).toBe('[add-activity]');
    expect(await frame.$eval(`${CARD} .add-activity [role="status"]`, (status) => status.textContent)).toBe(
      'Note added.',
    );
    const notes = (await storedActivities(session)).filter((activity) => activity.kind === 'note');
    expect(notes.filter((activity) => activity.dealId === crm.mes.id)).toEqual([
      expect.objectContaining({
        kind: 'note',
        text: note,
        dealId: crm.mes.id,
        contactIds: [crm.chihMing.id],
        companyId: crm.hongda.id,
        authorId: crm.settings.user.id,
        deleted: false,
      }),
    ]);
  });

  it('adds a meeting with its duration and outcome, at the date and time the form showed', async () => {
    const { frame } = gmail;
    await frame.click(OPENER);
    await frame.waitForSelector(FORM);
    await frame.click(`${FORM} input[type="radio"][value="meeting"]`);
    await frame.waitForSelector(`${FORM} input[type="date"]`);
    await expectAccessible(frame, 'sidebar, add-meeting form');
    // The time as the browser reads what the form shows, in the same (the user's) time zone.
    const shownAt = await frame.$eval(FORM, (form) => {
      const value = (type: string) => (form.querySelector(`input[type="${type}"]`) as HTMLInputElement).value;
      return new Date(`${value('date')}T${value('time')}`).getTime();
    });
    await (await labelled(frame, 'Duration (minutes)')).type('45');
    const outcome = 'Agreed on a pilot line in January';
    await (await labelled(frame, 'Outcome (optional)')).type(outcome);
    await frame.click(`${FORM} button[type="submit"]`);

    await waitForCardText(frame, outcome);
    const meetings = (await storedActivities(session)).filter((activity) => activity.kind === 'meeting');
    expect(meetings).toEqual([
      expect.objectContaining({
        dealId: crm.mes.id,
        occurredAt: shownAt,
        durationMinutes: 45,
        outcome,
        text: '',
        contactIds: [crm.chihMing.id],
      }),
    ]);
  });

  it('refuses an invalid duration at the field and stores nothing; Escape closes the form', async () => {
    const { frame, page } = gmail;
    const before = await storedActivities(session);
    await frame.click(OPENER);
    await frame.waitForSelector(FORM);
    await frame.click(`${FORM} input[type="radio"][value="call"]`);
    const duration = await labelled(frame, 'Duration (minutes)');
    await duration.type('1.5');
    await frame.click(`${FORM} button[type="submit"]`);

    const error = await frame.waitForSelector(`${FORM} [data-testid="field-error"]`);
    expect(await error?.evaluate((element) => element.textContent)).toBe(
      'Enter whole minutes from 0 to 1440 (24 hours).',
    );
    const described = await duration.evaluate((input) => ({
      invalid: input.getAttribute('aria-invalid'),
      describedBy: document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent,
    }));
    expect(described).toEqual({
      invalid: 'true',
      describedBy: 'Enter whole minutes from 0 to 1440 (24 hours).',
    });
    await expectAccessible(frame, 'sidebar, add-call form with an error');
    expect(await storedActivities(session)).toEqual(before);

    await duration.focus();
    await page.keyboard.press('Escape');
    await frame.waitForSelector(FORM, { hidden: true });
    expect(await focused(frame)).toBe('[add-activity]');
    expect(await frame.$eval(OPENER, (button) => button.getAttribute('aria-expanded'))).toBe('false');
    expect(await storedActivities(session)).toEqual(before);
  });

  it('fits a narrow panel in English and Traditional Chinese, light and dark', async () => {
    const { frame, page } = gmail;
    const openMeetingForm = async () => {
      await frame.click(OPENER);
      await frame.click(`${FORM} input[type="radio"][value="meeting"]`);
      await frame.$eval(FORM, (form) => form.scrollIntoView({ block: 'center' }));
    };
    await openMeetingForm();
    await screenshotAtWidth(page, NARROW, 'sidebar-activity-form-en-320');
    expect(await horizontalOverflow(frame)).toBe(0);
    await emulateColorScheme(page, 'dark');
    await saveScreenshot(page, 'sidebar-activity-form-en-320-dark');
    await expectAccessible(frame, 'sidebar, add-meeting form, dark');
    await emulateColorScheme(page, 'light');
    await page.keyboard.press('Escape');

    await putRecords(session.worker, { settings: [{ ...crm.settings, language: 'zh-TW' }] });
    await frame.waitForFunction(
      (opener: string) => document.querySelector(opener)?.textContent === '新增備註／電話／會議',
      { timeout: 10_000, polling: 100 },
      OPENER,
    );
    await openMeetingForm();
    await saveScreenshot(page, 'sidebar-activity-form-zh-TW-320');
    expect(await horizontalOverflow(frame)).toBe(0);
    expect(await frame.$eval(`${FORM} button[type="submit"]`, (button) => button.textContent)).toBe(
      '新增會議',
    );
    await putRecords(session.worker, { settings: [crm.settings] });
    expect(gmail.pageErrors).toEqual([]);
  });
});
