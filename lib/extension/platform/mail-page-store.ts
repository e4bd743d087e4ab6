import { type MailPageState, mailPageStateSchema } from '../../mail-page/mail-page-state';

/**
 * The latest state of each mail tab, in the browser's session storage: it survives the service
 * worker being stopped, is cleared when the browser closes, and is readable by extension pages
 * only (content scripts and mail pages cannot read it).
 */
const KEY_PREFIX = 'mailPage.';

export function mailPageStorageKey(tabId: number): string {
  return `${KEY_PREFIX}${tabId}`;
}

export async function saveMailPageState(tabId: number, state: MailPageState): Promise<void> {
  await browser.storage.session.set({ [mailPageStorageKey(tabId)]: state });
}

export async function forgetMailPageState(tabId: number): Promise<void> {
  await browser.storage.session.remove(mailPageStorageKey(tabId));
}

function parseStoredState(value: unknown): MailPageState | null {
  const result = mailPageStateSchema.safeParse(value);
  return result.success ? result.data : null;
}

/** Every mail tab's latest state (reminders look for an open tab of the thread's account). */
export async function readAllMailPageStates(): Promise<{ tabId: number; state: MailPageState }[]> {
  const stored = await browser.storage.session.get(null);
  return Object.entries(stored).flatMap(([key, value]) => {
    const tabId = key.startsWith(KEY_PREFIX) ? Number(key.slice(KEY_PREFIX.length)) : Number.NaN;
    const state = Number.isInteger(tabId) ? parseStoredState(value) : null;
    return state ? [{ tabId, state }] : [];
  });
}

export async function readMailPageState(tabId: number): Promise<MailPageState | null> {
  const key = mailPageStorageKey(tabId);
  const stored = await browser.storage.session.get(key);
  return parseStoredState(stored[key]);
}

/** Calls back with each new state of the tab; returns the unsubscribe function. */
export function watchMailPageState(
  tabId: number,
  onChange: (state: MailPageState | null) => void,
): () => void {
  const key = mailPageStorageKey(tabId);
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[key];
    if (area === 'session' && change) onChange(parseStoredState(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
