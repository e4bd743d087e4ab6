type ChromeSidePanel = {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  open?(options: { windowId: number }): Promise<void>;
};
type FirefoxSidebar = { sidebarAction?: { open(): Promise<void> } };

function chromeSidePanel(): ChromeSidePanel | undefined {
  return (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
}

/**
 * The toolbar button opens the popup (the manifest's `default_popup`), and the popup offers the
 * side panel. Chrome keeps a panel behaviour across restarts and updates, and versions before the
 * popup told it to open the panel on a click; that must be undone or the popup never shows.
 * For the background to call at start-up.
 */
export function letToolbarOpenPopup(): void {
  chromeSidePanel()
    ?.setPanelBehavior({ openPanelOnActionClick: false })
    .catch(() => {});
}

/**
 * Opens Dealside in the browser's side panel (Chrome) or sidebar (Firefox) of `windowId`. Both
 * browsers accept this only during a user action: call it synchronously in the click handler,
 * before any `await`. Rejects when this browser has no way to do it.
 */
export function openSidePanel(windowId: number): Promise<void> {
  const sidePanel = chromeSidePanel();
  if (sidePanel?.open) return sidePanel.open({ windowId });
  const { sidebarAction } = browser as unknown as FirefoxSidebar;
  if (sidebarAction) return sidebarAction.open();
  return Promise.reject(new Error('this browser cannot open a side panel from an extension page'));
}
