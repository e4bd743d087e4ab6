type ChromeSidePanel = { setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void> };
type FirefoxSidebar = {
  sidebarAction?: { toggle(): Promise<void> };
  browserAction?: { onClicked: { addListener(listener: () => void): void } };
};

/**
 * The toolbar button opens the Dealside side panel: Chrome does it itself once told to; Firefox
 * needs the click to toggle its sidebar (it must happen inside the click handler). For the
 * background to call at start-up; the panel is the fallback when the in-page sidebar cannot mount.
 */
export function openSidePanelFromToolbar(): void {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
  if (sidePanel) {
    sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
    return;
  }
  const { sidebarAction, browserAction } = browser as unknown as FirefoxSidebar;
  if (sidebarAction && browserAction) browserAction.onClicked.addListener(() => void sidebarAction.toggle());
}
