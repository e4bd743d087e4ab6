import type { Frame, Page, WebWorker } from 'puppeteer-core';
import {
  type MailPageState,
  mailPageStateSchema,
  type OpenThread,
} from '../../../lib/mail-page/mail-page-state';
import type { MailParticipant } from '../../../lib/shared/model';

/**
 * The sidebar's tab as the sidebar itself sees it: tabs.getCurrent() in the extension frame answers
 * with the mail tab that hosts it (no "tabs" permission needed).
 */
export async function tabIdOfFrame(frame: Frame | Page): Promise<number> {
  const tabId = await frame.evaluate(async () => {
    const tabs = (
      globalThis as unknown as { chrome: { tabs: { getCurrent(): Promise<{ id?: number } | undefined> } } }
    ).chrome.tabs;
    return (await tabs.getCurrent())?.id ?? null;
  });
  if (tabId === null) throw new Error('tabs.getCurrent() found no tab for this frame');
  return tabId;
}

/**
 * Stores a mail tab's state in session storage from the service worker, where the background puts
 * what a content script reports: the sidebar cannot tell the difference, and the adapters are not needed.
 */
export async function setMailPageState(
  worker: WebWorker,
  tabId: number,
  state: MailPageState,
): Promise<void> {
  const valid = mailPageStateSchema.parse(state);
  await worker.evaluate(
    async (key, value) => {
      const storage = (
        globalThis as unknown as { chrome: { storage: { session: { set(items: object): Promise<void> } } } }
      ).chrome.storage.session;
      await storage.set({ [key]: value });
    },
    `mailPage.${tabId}`,
    valid,
  );
}

export function person(name: string, address: string): MailParticipant {
  return { name, address };
}

type ThreadFields = {
  threadId: string;
  subject: string;
  from: MailParticipant;
  to?: MailParticipant[];
  cc?: MailParticipant[];
  account?: string;
  provider?: OpenThread['provider'];
  snippet?: string;
  date?: number;
};

/** A one-message thread as an adapter would report it. */
export function threadState(fields: ThreadFields): MailPageState {
  const provider = fields.provider ?? 'gmail';
  return {
    status: 'thread',
    context: {
      provider,
      account: fields.account ?? 'rep@sensecloud.com.tw',
      threadId: fields.threadId,
      subject: fields.subject,
      threadUrl:
        provider === 'gmail'
          ? `https://mail.google.com/mail/u/0/#inbox/${encodeURIComponent(fields.threadId)}`
          : `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(fields.threadId)}`,
      messages: [
        {
          providerMessageId: `${fields.threadId}-1`,
          rfcMessageId: null,
          from: fields.from,
          to: fields.to ?? [person('Rep', 'rep@sensecloud.com.tw')],
          cc: fields.cc ?? [],
          date: fields.date ?? Date.UTC(2026, 0, 15, 9, 0),
          snippet: fields.snippet ?? '',
        },
      ],
    },
  };
}

/**
 * Waits until the sidebar (or the side panel) shows these deal titles, in this order (the cards
 * refresh live). It polls, with no animation frames, as a side panel may sit in a background tab.
 */
export async function waitForDealTitles(
  frame: Frame | Page,
  titles: readonly string[],
  timeoutMs = 10_000,
): Promise<void> {
  try {
    await frame.waitForFunction(
      (expected: readonly string[]) => {
        const shown = [...document.querySelectorAll('.deals > .deal-list [data-testid="deal-card"] h3')].map(
          (heading) => heading.textContent ?? '',
        );
        return shown.length === expected.length && shown.every((title, index) => title === expected[index]);
      },
      { timeout: timeoutMs, polling: 100 },
      titles,
    );
  } catch (error) {
    const shown = await frame.$eval('main', (main) => main.textContent ?? '').catch(() => '(no main)');
    throw new Error(
      `The sidebar never showed the deals ${JSON.stringify(titles)}; it shows:\n${shown.slice(0, 3000)}\n(${(error as Error).message})`,
    );
  }
}

export type ShownDeal = {
  title: string;
  company: string;
  reasons: string[];
  stage: string;
  amount: string;
  close: string;
  nextStep: string;
  owner: string;
  overdue: number;
  activities: string[];
};

/** What each open deal card says, in order. */
export function readDealCards(
  frame: Frame,
  selector = '.deals > .deal-list [data-testid="deal-card"]',
): Promise<ShownDeal[]> {
  return frame.$$eval(selector, (cards) =>
    cards.map((card) => {
      const text = (testId: string) =>
        card.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
      return {
        title: card.querySelector('h3')?.textContent ?? '',
        company: text('deal-company'),
        reasons: [...card.querySelectorAll('[data-testid="deal-reason"]')].map(
          (chip) => chip.textContent ?? '',
        ),
        stage: card.querySelector('[data-testid="deal-stage"] .stage-label')?.textContent ?? '',
        amount: text('deal-amount'),
        close: text('deal-close'),
        nextStep: text('deal-next-step'),
        owner: text('deal-owner'),
        overdue: card.querySelectorAll('[data-testid="overdue"]').length,
        activities: [...card.querySelectorAll('[data-testid="activity"]')].map((item) =>
          (item.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      };
    }),
  );
}
