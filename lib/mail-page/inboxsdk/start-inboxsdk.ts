import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { dateOrderFor } from '../mail-dates';
import { createSidebarIframe } from '../sidebar-frame';
import { sendMailPageState } from '../watch-mail-page';
import { startInboxSdkGlue, withTimeout } from './inboxsdk-glue';
import { startLogFromGmail } from './log-from-gmail';

const LOAD_TIMEOUT_MS = 15_000;

/**
 * Gmail through InboxSDK, for builds made with an InboxSDK app id. Resolves to false whenever
 * InboxSDK does not come up in time, so the caller falls back to the DOM adapter and its own panel.
 */
export async function startGmailWithInboxSdk(context: ContentScriptContext, appId: string): Promise<boolean> {
  try {
    const InboxSDK = await import('@inboxsdk/core');
    const sdk = await withTimeout(
      InboxSDK.load(2, appId, { appName: 'Dealside', appIconUrl: browser.runtime.getURL('/icon/128.png') }),
      LOAD_TIMEOUT_MS,
      'InboxSDK.load',
    );
    const mailboxUrl = `${location.origin}${location.pathname}`;
    const dateOrder = dateOrderFor(document.documentElement.lang);
    // Independent of the panel: the compose toggle and the toolbar button work even when the
    // sidebar falls back to Dealside's own panel.
    const logging = startLogFromGmail({
      sdk,
      send: (message) => browser.runtime.sendMessage(message),
      strings: (name) => browser.i18n.getMessage(name),
      iconUrl: browser.runtime.getURL('/icon/32.png'),
      mailboxUrl,
      dateOrder,
    });
    context.onInvalidated(() => logging.stop());
    const frame = createSidebarIframe('gmail');
    frame.style.cssText = 'border:0;width:100%;height:100%;';
    const glue = await startInboxSdkGlue({
      sdk,
      panelElement: frame,
      panelTitle: 'Dealside',
      iconUrl: browser.runtime.getURL('/icon/32.png'),
      mailboxUrl,
      onState: (state) => sendMailPageState(context, state),
      dateOrder,
    });
    if (!glue) return false;
    context.onInvalidated(() => glue.stop());
    return true;
  } catch {
    return false;
  }
}
