import { format, parseISO, subDays } from 'date-fns';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase, putRecords } from './support/database';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import { GMAIL, type OpenMailPage, openMailSite } from './support/mail-pages';
import { person, setMailPageState, tabIdOfFrame, threadState, waitForDealTitles } from './support/mail-state';
import { recordBase } from './support/record-builders';
import { saveScreenshot } from './support/screenshots';
import { sidebarCrm } from './support/sidebar-records';

const NOW = Date.now();
const HOUR = 60 * 60 * 1000;
const crm = sidebarCrm(NOW);
const CARD = `.deals [data-testid="deal-card"][data-deal-id="${crm.seats.id}"]`;
const ITEMS = `${CARD} [data-testid="timeline-item"]`;
const NARROW = 320;
/** Every timeline activity belongs to the 200-seat deal, with Mei-Ling and Acme. */
const LINKS = {
  dealId: crm.seats.id,
  contactIds: [crm.meiLing.id],
  companyId: crm.acme.id,
  authorId: crm.settings.user.id,
};

const HOSTILE_SUBJECT = '<img src=x onerror="window.__pwned=1"><b>Bold</b> quote';
const HOSTILE_SNIPPET = '<script>window.__pwned=1</script> Please see the attached quote.';
const HOSTILE_BODY = 'Dear Rep,\n<a href="javascript:window.__pwned=1">the quote</a>';
const HOSTILE_THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/hostile-quote';

function emailActivity(
  key: string,
  occurredAt: number,
  fields: { subject: string; snippet: string; body?: string },
) {
  return {
    ...recordBase(NOW),
    ...LINKS,
    occurredAt,
    kind: 'email' as const,
    messageKey: `${crm.seats.id}|gmail:${key}`,
    email: {
      provider: 'gmail' as const,
      providerMessageId: key,
      rfcMessageId: null,
      threadId: key,
      threadUrl: key === 'hostile' ? HOSTILE_THREAD_URL : `https://mail.google.com/mail/u/0/#inbox/${key}`,
      from: { name: 'Chen Mei-Ling', address: 'meiling.chen@acme.com.tw' },
      to: [{ name: 'Rep', address: 'rep@sensecloud.com.tw' }],
      cc: [],
      subject: fields.subject,
      snippet: fields.snippet,
      body: fields.body ?? null,
    },
  };
}

/**
 * 116 more activities on the 200-seat deal (120 with sidebarCrm's four), two at each instant, five
 * hours apart: two weeks of history, pages that split ties, and every kind. The newest is an email
 * whose subject, snippet and body carry markup.
 */
function timelineActivities(): Activity[] {
  const more = Array.from({ length: 115 }, (_, index): Activity => {
    const occurredAt = NOW - HOUR * (2 + 5 * Math.floor(index / 2));
    switch (index % 4) {
      case 0:
        return emailActivity(`timeline-${index}`, occurredAt, {
          subject: `Timeline email ${index}`,
          snippet: `Snippet of email ${index}`,
        });
      case 1:
        return { ...recordBase(NOW), ...LINKS, occurredAt, kind: 'note', text: `Timeline note ${index}` };
      default:
        return {
          ...recordBase(NOW),
          ...LINKS,
          occurredAt,
          kind: index % 4 === 2 ? 'call' : 'meeting',
          durationMinutes: 15 + index,
          outcome: `Outcome ${index}`,
          text: '',
        };
    }
  });
  const hostile = emailActivity('hostile', NOW - 30 * 60 * 1000, {
    subject: HOSTILE_SUBJECT,
    snippet: HOSTILE_SNIPPET,
    body: HOSTILE_BODY,
  });
  return [...more, hostile];
}

const extra = timelineActivities();
const allActivities = [...((crm.records.activities ?? []) as Activity[]), ...extra];
const seatsActivities = allActivities.filter((activity) => activity.dealId === crm.seats.id);
/** What the timeline must list: newest first, equal instants by id, largest first. */
const expectedOrder = [...seatsActivities]
  .sort((left, right) => right.occurredAt - left.occurredAt || (left.id < right.id ? 1 : -1))
  .map((activity) => activity.id);
const byId = new Map(seatsActivities.map((activity) => [activity.id, activity]));
const hostileId = extra.at(-1)?.id ?? '';

function expectedDayHeading(day: string): string {
  if (day === format(new Date(), 'yyyy-MM-dd')) return 'Today';
  if (day === format(subDays(new Date(), 1), 'yyyy-MM-dd')) return 'Yesterday';
  return format(parseISO(day), 'PPPP');
}

function shownIds(frame: Frame): Promise<string[]> {
  return frame.$$eval(ITEMS, (items) => items.map((item) => item.getAttribute('data-activity-id') ?? ''));
}

function itemSelector(id: string): string {
  return `${CARD} [data-activity-id="${id}"]`;
}

/** What the focused element is, in words a failure message can show. */
function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '(nothing)';
    const testId = element.getAttribute('data-testid');
    return testId ? `[${testId}]` : `${element.tagName.toLowerCase()}:${element.textContent?.trim() ?? ''}`;
  });
}

async function waitForItemCount(frame: Frame, count: number): Promise<void> {
  await frame.waitForFunction(
    (selector: string, wanted: number) => document.querySelectorAll(selector).length === wanted,
    { timeout: 10_000, polling: 100 },
    ITEMS,
    count,
  );
}

describe('the deal timeline in the sidebar', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, { ...crm.records, activities: allActivities });
    gmail = await openMailSite(session, GMAIL);
    await setMailPageState(
      session.worker,
      await tabIdOfFrame(gmail.frame),
      threadState({
        threadId: 'thread-acme',
        subject: 'Re: Quote for 200 seats',
        from: person('Chen Mei-Ling', 'meiling.chen@acme.com.tw'),
      }),
    );
    await waitForDealTitles(gmail.frame, ['Acme: 200 seats', 'Acme: support renewal']);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the card’s latest three at once, grouped by day', async () => {
    await waitForItemCount(gmail.frame, 3);
    expect(await shownIds(gmail.frame)).toEqual(expectedOrder.slice(0, 3));
    expect(await gmail.frame.$(`${CARD} ::-p-text(Show full timeline)`)).not.toBeNull();
  });

  it('pages to the end with “Load more”: every activity once, newest first, under its day', async () => {
    const { frame } = gmail;
    await frame.click(`${CARD} ::-p-text(Show full timeline)`);
    await waitForItemCount(frame, 50);
    expect(await focused(frame)).toBe('[timeline-item]');
    const loadMore = `${CARD} [data-testid="timeline-load-more"]`;
    let pagesLoaded = 1;
    while (await frame.$(loadMore)) {
      const before = (await shownIds(frame)).length;
      await frame.click(loadMore);
      await frame.waitForFunction(
        (selector: string, count: number) =>
          document.querySelectorAll(selector).length > count && !document.querySelector('[aria-busy="true"]'),
        { timeout: 10_000, polling: 100 },
        ITEMS,
        before,
      );
      pagesLoaded += 1;
      // Focus goes to the first activity the page added.
      expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-activity-id'))).toBe(
        expectedOrder[before],
      );
    }
    expect(pagesLoaded).toBe(3);
    await frame.waitForSelector(`${CARD} [data-testid="timeline-end"]`);
    const ids = await shownIds(frame);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expectedOrder);

    const days = await frame.$$eval(`${CARD} [data-testid="timeline-day"]`, (groups) =>
      groups.map((group) => ({
        day: group.getAttribute('data-day') ?? '',
        heading: group.querySelector('h5')?.textContent ?? '',
        ids: [...group.querySelectorAll('[data-activity-id]')].map((item) =>
          item.getAttribute('data-activity-id'),
        ),
      })),
    );
    expect(days.length).toBeGreaterThan(10);
    expect(days.map((group) => group.day)).toEqual(
      days
        .map((group) => group.day)
        .sort()
        .reverse(),
    );
    expect(new Set(days.map((group) => group.day)).size).toBe(days.length);
    for (const group of days) {
      expect(group.heading).toBe(expectedDayHeading(group.day));
      for (const id of group.ids) {
        expect(format(byId.get(id ?? '')?.occurredAt ?? 0, 'yyyy-MM-dd')).toBe(group.day);
      }
    }
  });

  it('shows calls and meetings with their duration and outcome, stage changes with both stages', async () => {
    const call = seatsActivities.find(
      (activity) => activity.kind === 'call' && activity.durationMinutes === 17,
    );
    const callText = await gmail.frame.$eval(itemSelector(call?.id ?? ''), (item) =>
      item.textContent?.replace(/\s+/g, ' '),
    );
    expect(callText).toContain('Call');
    expect(callText).toContain('Outcome 2');
    expect(callText).toContain('17 minutes');
    const stageChange = seatsActivities.find((activity) => activity.kind === 'stage-change');
    expect(
      await gmail.frame.$eval(itemSelector(stageChange?.id ?? ''), (item) => item.textContent),
    ).toContain('Qualified → Proposal');
    // Stage history cannot be removed: time in stage is computed from it.
    expect(
      await gmail.frame.$(`${itemSelector(stageChange?.id ?? '')} [data-testid="timeline-remove"]`),
    ).toBeNull();
    expect(
      await gmail.frame.$(`${itemSelector(call?.id ?? '')} [data-testid="timeline-remove"]`),
    ).not.toBeNull();
  });

  it('shows hostile mail text as text and links back to the thread', async () => {
    const { frame } = gmail;
    const item = itemSelector(hostileId);
    expect(await frame.$eval(`${item} [data-testid="activity"]`, (line) => line.textContent)).toContain(
      HOSTILE_SUBJECT,
    );
    expect(await frame.$eval(`${item} [data-testid="timeline-from"]`, (line) => line.textContent)).toBe(
      'From Chen Mei-Ling <meiling.chen@acme.com.tw>',
    );
    const link = await frame.$eval(`${item} [data-testid="timeline-open-in-mail"]`, (anchor) => ({
      href: anchor.getAttribute('href'),
      target: anchor.getAttribute('target'),
      rel: anchor.getAttribute('rel'),
    }));
    expect(link).toEqual({ href: HOSTILE_THREAD_URL, target: '_blank', rel: 'noopener noreferrer' });
    expect(
      await frame.$eval(`${CARD} [data-testid="timeline-open-in-mail"]:not(${item} *)`, (anchor) =>
        anchor.getAttribute('href'),
      ),
    ).toMatch(/^https:\/\/mail\.google\.com\/mail\/u\/0\/#inbox\/timeline-\d+$/);
  });

  it('expands and folds an email’s preview by keyboard, showing snippet and body as text', async () => {
    const { frame, page } = gmail;
    const toggle = `${itemSelector(hostileId)} [data-testid="timeline-preview-toggle"]`;
    const preview = `${itemSelector(hostileId)} [data-testid="timeline-preview"]`;
    const expanded = () => frame.$eval(toggle, (button) => button.getAttribute('aria-expanded'));
    const previewShown = () =>
      frame.$eval(preview, (region) => ({
        visible: (region as HTMLElement).offsetHeight > 0,
        text: region.textContent,
      }));
    expect(await expanded()).toBe('false');
    expect((await previewShown()).visible).toBe(false);

    await frame.focus(toggle);
    await page.keyboard.press('Enter');
    await frame.waitForFunction(
      (selector: string) => document.querySelector(selector)?.getAttribute('aria-expanded') === 'true',
      {},
      toggle,
    );
    const shown = await previewShown();
    expect(shown.visible).toBe(true);
    expect(shown.text).toContain(HOSTILE_SNIPPET);
    expect(shown.text).toContain('<a href="javascript:window.__pwned=1">the quote</a>');
    expect(await frame.$eval(toggle, (button) => button.getAttribute('aria-controls'))).toBe(
      await frame.$eval(preview, (region) => region.id),
    );

    await page.keyboard.press('Space');
    await frame.waitForFunction(
      (selector: string) => document.querySelector(selector)?.getAttribute('aria-expanded') === 'false',
      {},
      toggle,
    );
    expect((await previewShown()).visible).toBe(false);

    await page.keyboard.press('Space');
    await frame.waitForFunction(
      (selector: string) => document.querySelector(selector)?.getAttribute('aria-expanded') === 'true',
      {},
      toggle,
    );
    const injected = await frame.$$eval(
      `${CARD} :is(img, b, script, a[href^="javascript"], [onerror])`,
      (elements) => elements.length,
    );
    expect(injected).toBe(0);
    const blocking = blockingViolations(await runAxe(frame));
    expect(blocking, describeViolations('sidebar with the full timeline', blocking)).toEqual([]);
  });

  it('removes an email from the deal after an inline confirmation, by keyboard, as a tombstone', async () => {
    const { frame, page } = gmail;
    const email = expectedOrder.slice(60).find((id) => byId.get(id)?.kind === 'email') ?? '';
    const remove = `${itemSelector(email)} [data-testid="timeline-remove"]`;

    await frame.focus(remove);
    await page.keyboard.press('Enter');
    await frame.waitForSelector(`${itemSelector(email)} [data-testid="timeline-confirm"]`);
    expect(await focused(frame)).toBe('button:Cancel');
    // Escape backs out, and focus returns to the button.
    await page.keyboard.press('Escape');
    await frame.waitForSelector(remove);
    expect(await focused(frame)).toBe('[timeline-remove]');
    expect((await dumpDatabase(session.worker)).activities).toContainEqual(
      expect.objectContaining({ id: email, deleted: false }),
    );

    await page.keyboard.press('Enter');
    await frame.waitForSelector(`${itemSelector(email)} [data-testid="timeline-confirm"]`);
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focused(frame)).toBe('[timeline-remove-confirm]');
    await page.keyboard.press('Enter');

    await waitForItemCount(frame, expectedOrder.length - 1);
    expect(await shownIds(frame)).toEqual(expectedOrder.filter((id) => id !== email));
    expect(
      await frame.$eval(`${CARD} [data-testid="deal-timeline"]`, (section) => section.textContent),
    ).toContain('Removed from the deal.');
    const stored = (await dumpDatabase(session.worker)).activities as Activity[];
    const removed = stored.find((activity) => activity.id === email);
    expect(removed).toMatchObject({ deleted: true });
    expect(removed?.updatedAt).toBeGreaterThan(removed?.createdAt ?? Number.POSITIVE_INFINITY);
    expect(stored.filter((activity) => activity.deleted)).toHaveLength(1);
  });

  it('fits a narrow panel in both languages and both color schemes', async () => {
    const { frame, page } = gmail;
    const showTimeline = () =>
      frame.$eval(`${CARD} [data-testid="deal-timeline"]`, (section) =>
        section.scrollIntoView({ block: 'start' }),
      );
    await page.setViewport({ width: NARROW, height: 900 });
    // A removal waiting for confirmation is the widest row the timeline draws.
    const note = expectedOrder.find((id) => byId.get(id)?.kind === 'note') ?? '';
    await frame.click(`${itemSelector(note)} [data-testid="timeline-remove"]`);
    await frame.waitForSelector(`${itemSelector(note)} [data-testid="timeline-confirm"]`);
    await showTimeline();
    await saveScreenshot(page, 'sidebar-timeline-en-320');
    expect(await horizontalOverflow(frame)).toBe(0);
    await page.keyboard.press('Escape');
    await frame.waitForSelector(`${itemSelector(note)} [data-testid="timeline-remove"]`);

    await emulateColorScheme(page, 'dark');
    await showTimeline();
    await saveScreenshot(page, 'sidebar-timeline-dark-320');
    await emulateColorScheme(page, 'light');

    await putRecords(session.worker, { settings: [{ ...crm.settings, language: 'zh-TW' }] });
    await frame.waitForFunction(() => document.body.textContent?.includes('從商機移除'), {
      timeout: 10_000,
      polling: 100,
    });
    await frame.waitForSelector(itemSelector(hostileId));
    await showTimeline();
    await saveScreenshot(page, 'sidebar-timeline-zh-TW-320');
    expect(await horizontalOverflow(frame)).toBe(0);
    await putRecords(session.worker, { settings: [crm.settings] });

    expect(await frame.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(gmail.pageErrors).toEqual([]);
  });
});
