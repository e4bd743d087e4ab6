import type { MailPageState } from '../../mail-page/mail-page-state';
import type { Reminder } from '../../shared/model';
import { readAllMailPageStates } from './mail-page-store';

type ReminderThread = NonNullable<Reminder['thread']>;

/** The mailbox a tab shows; null when the page could not be read. */
function mailboxOf(state: MailPageState): { provider: string; account: string | null } | null {
  if (state.status === 'thread') return state.context;
  if (state.status === 'no-thread') return state;
  return null;
}

/**
 * A mail tab signed in to the thread's mailbox, from the states content scripts report (kept in
 * session storage by the background), so no `tabs` permission is needed. A tab whose account
 * could not be read is not reused: the thread might belong to another mailbox.
 */
export function findMailTab(
  tabs: readonly { tabId: number; state: MailPageState }[],
  thread: Pick<ReminderThread, 'provider' | 'account'>,
): number | null {
  const match = tabs.find(({ state }) => {
    const mailbox = mailboxOf(state);
    return mailbox?.provider === thread.provider && mailbox.account === thread.account.toLowerCase();
  });
  return match ? match.tabId : null;
}

/**
 * Shows the thread: in an open tab of its mailbox when there is one (brought to the front, its
 * window focused), else in a new tab. A thread deleted in the mail site cannot be known here; the
 * mail site then shows its own "not found" view of the mailbox.
 */
export async function openThreadInMailTab(
  thread: ReminderThread,
): Promise<{ tabId: number; reused: boolean }> {
  const tabId = findMailTab(await readAllMailPageStates(), thread);
  if (tabId !== null) {
    try {
      const tab = await browser.tabs.update(tabId, { url: thread.threadUrl, active: true });
      if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      return { tabId, reused: true };
    } catch {
      // The tab closed while the worker was stopped (its state outlived it): open a new one.
    }
  }
  const created = await browser.tabs.create({ url: thread.threadUrl, active: true });
  if (created.windowId !== undefined) await browser.windows.update(created.windowId, { focused: true });
  if (created.id === undefined) throw new Error('the browser opened the thread in a tab without an id');
  return { tabId: created.id, reused: false };
}
