import { describe, expect, it } from 'vitest';
import {
  clampPanelWidth,
  DEFAULT_PANEL_LAYOUT,
  loadPanelLayout,
  savePanelLayout,
  widthAfterKey,
} from './sidebar-frame';

describe('the sidebar panel’s layout', () => {
  it('keeps the width between 280 and 600 px', () => {
    expect(clampPanelWidth(100)).toBe(280);
    expect(clampPanelWidth(1_000)).toBe(600);
    expect(clampPanelWidth(Number.NaN)).toBe(360);
    expect(widthAfterKey(360, 'ArrowLeft')).toBe(376);
    expect(widthAfterKey(360, 'ArrowRight')).toBe(344);
    expect(widthAfterKey(590, 'ArrowLeft')).toBe(600);
    expect(widthAfterKey(360, 'Home')).toBe(280);
    expect(widthAfterKey(360, 'End')).toBe(600);
    expect(widthAfterKey(360, 'Enter')).toBeNull();
  });

  it('remembers only the width and the collapsed flag, and ignores anything invalid stored', async () => {
    expect(await loadPanelLayout()).toEqual(DEFAULT_PANEL_LAYOUT);
    await savePanelLayout({ width: 420, collapsed: true });
    expect(await loadPanelLayout()).toEqual({ width: 420, collapsed: true });
    expect(await browser.storage.local.get(null)).toEqual({
      'sidebarFrame.layout': { width: 420, collapsed: true },
    });
    await browser.storage.local.set({ 'sidebarFrame.layout': { width: 9_999, collapsed: 'yes' } });
    expect(await loadPanelLayout()).toEqual(DEFAULT_PANEL_LAYOUT);
  });
});
