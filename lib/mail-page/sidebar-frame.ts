import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { z } from 'zod/mini';
import type { MailProvider } from '../shared/model/mini-schemas';

export const SIDEBAR_HOST_TAG = 'dealside-sidebar';
export const PANEL_WIDTH = { min: 280, max: 600, default: 360, step: 16 } as const;

/** Only the panel's own layout is kept in storage.local (content scripts may use it); never CRM data. */
const LAYOUT_STORAGE_KEY = 'sidebarFrame.layout';

export const panelLayoutSchema = z.object({
  width: z.number().check(z.int(), z.gte(PANEL_WIDTH.min), z.lte(PANEL_WIDTH.max)),
  collapsed: z.boolean(),
});
export type PanelLayout = z.infer<typeof panelLayoutSchema>;

export const DEFAULT_PANEL_LAYOUT: PanelLayout = { width: PANEL_WIDTH.default, collapsed: false };

export function clampPanelWidth(width: number): number {
  if (!Number.isFinite(width)) return PANEL_WIDTH.default;
  return Math.round(Math.min(PANEL_WIDTH.max, Math.max(PANEL_WIDTH.min, width)));
}

/** The width after a key press on the separator, or null for keys it does not handle. */
export function widthAfterKey(width: number, key: string): number | null {
  switch (key) {
    // The panel sits at the right edge: moving its left edge left makes it wider.
    case 'ArrowLeft':
    case 'ArrowUp':
      return clampPanelWidth(width + PANEL_WIDTH.step);
    case 'ArrowRight':
    case 'ArrowDown':
      return clampPanelWidth(width - PANEL_WIDTH.step);
    case 'Home':
      return PANEL_WIDTH.min;
    case 'End':
      return PANEL_WIDTH.max;
    default:
      return null;
  }
}

export async function loadPanelLayout(): Promise<PanelLayout> {
  try {
    const stored = await browser.storage.local.get(LAYOUT_STORAGE_KEY);
    const parsed = panelLayoutSchema.safeParse(stored[LAYOUT_STORAGE_KEY]);
    return parsed.success ? parsed.data : DEFAULT_PANEL_LAYOUT;
  } catch {
    return DEFAULT_PANEL_LAYOUT;
  }
}

export async function savePanelLayout(layout: PanelLayout): Promise<void> {
  try {
    await browser.storage.local.set({ [LAYOUT_STORAGE_KEY]: panelLayoutSchema.parse(layout) });
  } catch {
    // The extension was reloaded: the layout is just not remembered this time.
  }
}

const PANEL_STYLE = `
  :host { all: initial; }
  .panel {
    position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483000;
    width: var(--panel-width, ${PANEL_WIDTH.default}px); max-width: 90vw; display: flex;
    box-shadow: -2px 0 8px rgb(0 0 0 / 0.15); background: Canvas;
  }
  .panel[data-collapsed="true"] { width: 0; box-shadow: none; }
  .panel[data-collapsed="true"] iframe, .panel[data-collapsed="true"] .resizer { display: none; }
  .panel[data-dragging="true"] iframe { pointer-events: none; }
  iframe { border: 0; width: 100%; height: 100%; color-scheme: normal; }
  .resizer {
    position: absolute; top: 0; bottom: 0; left: -4px; width: 8px; cursor: col-resize;
    background: transparent; touch-action: none;
  }
  .resizer:hover, .resizer:focus-visible { background: rgb(31 111 235 / 0.35); }
  .resizer:focus-visible { outline: 3px solid #f59e0b; outline-offset: -1px; }
  button {
    position: absolute; top: 50%; left: -28px; width: 28px; height: 56px;
    border: 1px solid #c4c7cf; border-right: 0; border-radius: 8px 0 0 8px;
    background: #1f6feb; color: #fff; font: 600 14px system-ui, sans-serif; cursor: pointer;
  }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
`;

export type SidebarFrameOptions = {
  /**
   * Move the page's content left by the panel's width instead of covering it (a right margin on
   * the root element). Off where the page lays itself out against the viewport and would not move.
   */
  shiftPage?: boolean;
};

/**
 * Hosts the extension's sidebar page in an iframe at the right edge of the mail page. The frame is
 * extension-origin, so the mail page's scripts cannot read what it shows; only the empty host
 * element, a toggle button and a resize handle live in the page's DOM, inside a closed shadow root.
 */
export function mountSidebarFrame(
  context: ContentScriptContext,
  provider: MailProvider,
  options: SidebarFrameOptions = {},
): void {
  if (document.querySelector(SIDEBAR_HOST_TAG)) return;
  // The browser's own catalogs (public/_locales): the in-page panel needs four strings, and the
  // content script must stay small, so it does not bundle the extension pages' i18n library.
  const t = (name: 'frameTitle' | 'frameCollapse' | 'frameExpand' | 'frameResize') =>
    browser.i18n.getMessage(name);
  const root = document.documentElement;
  const originalMargin = {
    value: root.style.getPropertyValue('margin-right'),
    priority: root.style.getPropertyPriority('margin-right'),
  };
  let layout: PanelLayout = DEFAULT_PANEL_LAYOUT;

  const host = document.createElement(SIDEBAR_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = PANEL_STYLE;

  const panel = document.createElement('div');
  panel.className = 'panel';

  const frame = createSidebarIframe(provider);

  const toggle = document.createElement('button');
  toggle.type = 'button';

  const resizer = document.createElement('div');
  resizer.className = 'resizer';
  resizer.tabIndex = 0;
  resizer.setAttribute('role', 'separator');
  resizer.setAttribute('aria-orientation', 'vertical');
  resizer.setAttribute('aria-valuemin', String(PANEL_WIDTH.min));
  resizer.setAttribute('aria-valuemax', String(PANEL_WIDTH.max));
  resizer.setAttribute('aria-label', t('frameResize'));

  const render = () => {
    const { collapsed, width } = layout;
    panel.dataset.collapsed = String(collapsed);
    panel.style.setProperty('--panel-width', `${width}px`);
    resizer.setAttribute('aria-valuenow', String(width));
    toggle.textContent = collapsed ? '‹' : '›';
    toggle.setAttribute('aria-label', collapsed ? t('frameExpand') : t('frameCollapse'));
    toggle.setAttribute('aria-expanded', String(!collapsed));
    if (options.shiftPage) {
      if (collapsed) restorePageMargin();
      else
        root.style.setProperty('margin-right', `${Math.min(width, window.innerWidth * 0.9)}px`, 'important');
    }
  };
  const restorePageMargin = () => {
    if (originalMargin.value)
      root.style.setProperty('margin-right', originalMargin.value, originalMargin.priority);
    else root.style.removeProperty('margin-right');
  };
  const update = (changes: Partial<PanelLayout>, persist: boolean) => {
    layout = { ...layout, ...changes };
    render();
    if (persist) void savePanelLayout(layout);
  };

  toggle.addEventListener('click', () => update({ collapsed: !layout.collapsed }, true));
  resizer.addEventListener('keydown', (event) => {
    const width = widthAfterKey(layout.width, event.key);
    if (width === null) return;
    event.preventDefault();
    update({ width }, true);
  });
  resizer.addEventListener('pointerdown', (event) => {
    // preventDefault keeps the page from selecting text, and also from focusing: focus by hand.
    event.preventDefault();
    resizer.focus();
    resizer.setPointerCapture(event.pointerId);
    panel.dataset.dragging = 'true';
  });
  resizer.addEventListener('pointermove', (event) => {
    if (!resizer.hasPointerCapture(event.pointerId)) return;
    update({ width: clampPanelWidth(window.innerWidth - event.clientX) }, false);
  });
  const endDrag = (event: PointerEvent) => {
    if (!resizer.hasPointerCapture(event.pointerId)) return;
    resizer.releasePointerCapture(event.pointerId);
    delete panel.dataset.dragging;
    void savePanelLayout(layout);
  };
  resizer.addEventListener('pointerup', endDrag);
  resizer.addEventListener('pointercancel', endDrag);
  render();

  panel.append(toggle, resizer, frame);
  shadow.append(style, panel);
  root.append(host);
  void loadPanelLayout().then((stored) => {
    if (!context.isInvalid) update(stored, false);
  });
  context.onInvalidated(() => {
    host.remove();
    if (options.shiftPage) restorePageMargin();
  });
}

/** The extension-origin sidebar page in an iframe; the mail page's scripts cannot read inside it. */
export function createSidebarIframe(provider: MailProvider): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.title = browser.i18n.getMessage('frameTitle');
  frame.src = `${browser.runtime.getURL('/sidebar.html')}?host=${provider}`;
  return frame;
}
