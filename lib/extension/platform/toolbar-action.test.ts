import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { letToolbarOpenPopup, openSidePanel } from './toolbar-action';

afterEach(() => {
  vi.unstubAllGlobals();
  fakeBrowser.reset();
});

function stubChromeSidePanel() {
  const sidePanel = {
    setPanelBehavior: vi.fn(async () => {}),
    open: vi.fn(async () => {}),
  };
  vi.stubGlobal('chrome', { sidePanel });
  return sidePanel;
}

describe('the toolbar button and the side panel', () => {
  it('undoes the older "open the panel on click" so the popup shows (Chrome)', () => {
    const sidePanel = stubChromeSidePanel();
    letToolbarOpenPopup();
    expect(sidePanel.setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: false });
  });

  it('opens Chrome’s side panel in the given window, synchronously', () => {
    const sidePanel = stubChromeSidePanel();
    void openSidePanel(7);
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 7 });
  });

  it('opens Firefox’s sidebar when there is no Chrome side panel', async () => {
    vi.stubGlobal('chrome', undefined);
    const open = vi.fn(async () => {});
    Object.assign(fakeBrowser, { sidebarAction: { open } });
    try {
      await openSidePanel(7);
      expect(open).toHaveBeenCalledOnce();
    } finally {
      Reflect.deleteProperty(fakeBrowser, 'sidebarAction');
    }
  });

  it('says so when the browser has neither', async () => {
    vi.stubGlobal('chrome', undefined);
    letToolbarOpenPopup();
    await expect(openSidePanel(7)).rejects.toThrow('cannot open a side panel');
  });
});
