import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createTranslator, resolveLanguage } from '../i18n/translate';
import type { MailProvider } from '../model/activity';

export const SIDEBAR_HOST_TAG = 'dealside-sidebar';
const PANEL_WIDTH_PX = 360;

const PANEL_STYLE = `
  :host { all: initial; }
  .panel {
    position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483000;
    width: ${PANEL_WIDTH_PX}px; max-width: 90vw; display: flex;
    box-shadow: -2px 0 8px rgb(0 0 0 / 0.15); background: Canvas;
  }
  .panel[data-collapsed="true"] { width: 0; box-shadow: none; }
  .panel[data-collapsed="true"] iframe { display: none; }
  iframe { border: 0; width: 100%; height: 100%; color-scheme: normal; }
  button {
    position: absolute; top: 50%; left: -28px; width: 28px; height: 56px;
    border: 1px solid #c4c7cf; border-right: 0; border-radius: 8px 0 0 8px;
    background: #1f6feb; color: #fff; font: 600 14px system-ui, sans-serif; cursor: pointer;
  }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
`;

/**
 * Hosts the extension's sidebar page in an iframe at the right edge of the mail page. The frame is
 * extension-origin, so the mail page's scripts cannot read what it shows; only the empty host
 * element and a toggle button live in the page's DOM, inside a closed shadow root.
 */
export function mountSidebarFrame(context: ContentScriptContext, provider: MailProvider): void {
  if (document.querySelector(SIDEBAR_HOST_TAG)) return;
  const t = createTranslator(resolveLanguage('auto', navigator.languages));

  const host = document.createElement(SIDEBAR_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = PANEL_STYLE;

  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.dataset.collapsed = 'false';

  const frame = document.createElement('iframe');
  frame.title = t('frame.title');
  frame.src = `${browser.runtime.getURL('/sidebar.html')}?host=${provider}`;

  const toggle = document.createElement('button');
  toggle.type = 'button';
  const render = () => {
    const collapsed = panel.dataset.collapsed === 'true';
    toggle.textContent = collapsed ? '‹' : '›';
    toggle.setAttribute('aria-label', collapsed ? t('frame.expand') : t('frame.collapse'));
    toggle.setAttribute('aria-expanded', String(!collapsed));
  };
  toggle.addEventListener('click', () => {
    panel.dataset.collapsed = String(panel.dataset.collapsed !== 'true');
    render();
  });
  render();

  panel.append(toggle, frame);
  shadow.append(style, panel);
  document.documentElement.append(host);
  context.onInvalidated(() => host.remove());
}
