import { useEffect, useState } from 'react';
import { readMailPageState, watchMailPageState } from '@/lib/extension/platform/mail-page-store';
import type { MailPageState } from '@/lib/mail-page/mail-page-state';

/** Where the sidebar page runs: in an iframe inside the mail tab, or in the browser's side panel. */
export type SidebarHost = 'frame' | 'panel';

export type MailPageView =
  | { phase: 'loading' }
  /** `tabId` null: no tab to follow (the side panel of a window without tabs, a page opened on its own). */
  | { phase: 'ready'; tabId: number | null; state: MailPageState | null }
  | { phase: 'failed' };

type Follower = { follow(tabId: number | null): void; refresh(): void; stop(): void };

/**
 * Follows one tab's stored mail state at a time. Watching starts before reading, and a read that
 * an update or another tab overtook is dropped, so the view never goes back to an older state.
 */
function createFollower(onView: (view: MailPageView) => void): Follower {
  let tabId: number | null = null;
  let generation = 0;
  let unwatch = () => {};
  const read = () => {
    const current = tabId;
    const mine = ++generation;
    if (current === null) {
      onView({ phase: 'ready', tabId: null, state: null });
      return;
    }
    readMailPageState(current).then(
      (state) => mine === generation && onView({ phase: 'ready', tabId: current, state }),
      () => mine === generation && onView({ phase: 'failed' }),
    );
  };
  return {
    follow(next) {
      if (next === tabId && generation > 0) return;
      unwatch();
      tabId = next;
      unwatch =
        next === null
          ? () => {}
          : watchMailPageState(next, (state) => {
              generation++;
              onView({ phase: 'ready', tabId: next, state });
            });
      read();
    },
    refresh: read,
    stop() {
      generation++;
      unwatch();
    },
  };
}

/**
 * The mail state the sidebar shows. In the mail tab's iframe: that tab's state (tabs.getCurrent()
 * answers with the hosting tab for an extension frame, checked in real Chromium). In the side
 * panel: the active tab of the panel's window, followed as the user switches tabs. Neither needs
 * the "tabs" permission: tab ids and activation events come without it.
 */
export function useMailPageState(host: SidebarHost): MailPageView {
  const [view, setView] = useState<MailPageView>({ phase: 'loading' });

  useEffect(() => {
    let stopped = false;
    const follower = createFollower((next) => {
      if (!stopped) setView(next);
    });
    const cleanups: (() => void)[] = [];

    const start = async () => {
      if (host === 'frame') {
        const tab = await browser.tabs.getCurrent();
        follower.follow(tab?.id ?? null);
        return;
      }
      const windowId = (await browser.windows.getCurrent()).id;
      let followedTabId: number | null = null;
      const onActivated = (info: { tabId: number; windowId: number }) => {
        if (info.windowId !== windowId) return;
        followedTabId = info.tabId;
        follower.follow(info.tabId);
      };
      // A reload or navigation of the followed tab: its content script reports again; re-read meanwhile.
      const onUpdated = (tabId: number, change: { status?: string }) => {
        if (tabId === followedTabId && change.status === 'complete') follower.refresh();
      };
      browser.tabs.onActivated.addListener(onActivated);
      browser.tabs.onUpdated.addListener(onUpdated);
      cleanups.push(
        () => browser.tabs.onActivated.removeListener(onActivated),
        () => browser.tabs.onUpdated.removeListener(onUpdated),
      );
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      followedTabId = active?.id ?? null;
      follower.follow(followedTabId);
    };
    start().catch(() => {
      if (!stopped) setView({ phase: 'failed' });
    });

    return () => {
      stopped = true;
      follower.stop();
      for (const cleanup of cleanups) cleanup();
    };
  }, [host]);

  return view;
}
