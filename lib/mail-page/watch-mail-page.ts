import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type MailAdapter, mailPageStateKey, unreadable } from './adapter';
import type { MailPageState } from './mail-page-state';
import { sendMessage } from './messaging/send';

/** What the watcher needs from WXT's content-script context (a fake in unit tests). */
export type WatchContext = Pick<ContentScriptContext, 'onInvalidated'>;

export type WatchOptions = {
  read: () => MailPageState;
  emit: (state: MailPageState) => void;
  window: Window;
  /** Quiet time after the last mutation before reading. */
  debounceMs?: number;
  /** A page that never stops mutating (Gmail) is still read this often. */
  maxWaitMs?: number;
  /** After a URL change the new view renders late: "unreadable" is only believed after this long. */
  settleMs?: number;
  now?: () => number;
};

/**
 * Reads the page when it has changed and reports the state when it differs from the last one
 * reported. Mutations only arm a timer (Gmail mutates constantly); the read runs once per quiet
 * period, or at least every `maxWaitMs`. Stops when the context is invalidated.
 */
export function watchMailPage(context: WatchContext, options: WatchOptions): () => void {
  const { read, emit, window: view } = options;
  const debounceMs = options.debounceMs ?? 100;
  const maxWaitMs = options.maxWaitMs ?? 500;
  const settleMs = options.settleMs ?? 2_000;
  const now = options.now ?? (() => Date.now());

  let lastKey: string | null = null;
  let lastUrl = view.location.href;
  let urlChangedAt = now();
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt: number | null = null;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const run = () => {
    clearTimeout(debounceTimer);
    debounceTimer = undefined;
    firstPendingAt = null;
    if (stopped) return;
    const url = view.location.href;
    if (url !== lastUrl) {
      lastUrl = url;
      urlChangedAt = now();
    }
    const state = read();
    const sinceUrlChange = now() - urlChangedAt;
    if (state.status === 'unreadable' && sinceUrlChange < settleMs) {
      // Probably still rendering: look again once the page had time to settle.
      clearTimeout(settleTimer);
      settleTimer = setTimeout(run, settleMs - sinceUrlChange);
      return;
    }
    const key = mailPageStateKey(state);
    if (key === lastKey) return;
    lastKey = key;
    emit(state);
  };

  const schedule = () => {
    if (stopped) return;
    const time = now();
    firstPendingAt ??= time;
    clearTimeout(debounceTimer);
    const wait = Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - time));
    debounceTimer = setTimeout(run, wait);
  };

  const Observer = (view as Window & { MutationObserver: typeof MutationObserver }).MutationObserver;
  const observer = new Observer(schedule);
  const observe = () => {
    const target = view.document.body ?? view.document.documentElement;
    observer.observe(target, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      // Selection and expansion change without adding nodes (Outlook's list, Gmail's collapsed messages).
      attributeFilter: ['aria-selected', 'aria-expanded', 'data-legacy-message-id', 'data-convid', 'title'],
    });
  };
  observe();

  const onNavigation = () => schedule();
  view.addEventListener('hashchange', onNavigation);
  view.addEventListener('popstate', onNavigation);
  // pushState from the page is invisible to content scripts except through the Navigation API.
  const navigation = (view as Window & { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', onNavigation);

  const stop = () => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    clearTimeout(debounceTimer);
    clearTimeout(settleTimer);
    view.removeEventListener('hashchange', onNavigation);
    view.removeEventListener('popstate', onNavigation);
    navigation?.removeEventListener('currententrychange', onNavigation);
  };
  context.onInvalidated(stop);
  run();
  return stop;
}

/**
 * Wires an adapter to the background: reads the page now and after every change, and sends
 * `mailPage.changed`. Nothing here may throw into the mail page.
 */
/** Tells the background what this mail tab shows now; never throws into the page. */
export function sendMailPageState(context: ContentScriptContext, state: MailPageState): void {
  if (context.isInvalid) return;
  sendMessage((message) => browser.runtime.sendMessage(message), 'mailPage.changed', { state }).catch(() => {
    // The extension was reloaded or the background refused: the next change will try again.
  });
}

export function reportMailPage(context: ContentScriptContext, adapter: MailAdapter): () => void {
  const read = () => {
    try {
      return adapter.read(document, location.href);
    } catch {
      return unreadable(adapter.provider, `${adapter.provider}.exception`);
    }
  };
  const emit = (state: MailPageState) => sendMailPageState(context, state);
  try {
    return watchMailPage(context, { read, emit, window });
  } catch {
    emit(unreadable(adapter.provider, `${adapter.provider}.watch`));
    return () => undefined;
  }
}
