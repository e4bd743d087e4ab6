import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MailBodyReader } from './message-bodies';
import { createMessageReceiver } from './messaging/receive';

/**
 * Lets the sidebar read message bodies from this mail tab: the one message a content script
 * answers (`mailPage.readBodies`), and only from this extension's pages. The page is read when
 * asked, never before, and nothing is kept. The listener goes when the content script is invalidated.
 */
export function answerBodyRequests(context: ContentScriptContext, readBodies: MailBodyReader): void {
  const receive = createMessageReceiver(browser.runtime.id, 'mailTab', {
    'mailPage.readBodies': async ({ providerMessageIds }) => ({
      bodies: [...readBodies(document, providerMessageIds, location.href)].map(
        ([providerMessageId, body]) => ({
          providerMessageId,
          body,
        }),
      ),
    }),
  });
  browser.runtime.onMessage.addListener(receive);
  context.onInvalidated(() => browser.runtime.onMessage.removeListener(receive));
}
