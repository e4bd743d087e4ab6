import { openDatabase } from '@/lib/db/database';
import { forgetMailPageState, saveMailPageState } from '@/lib/mail/mail-page-store';
import { createMessageReceiver } from '@/lib/messaging/receive';
import { installTestHooks } from '@/lib/testing/test-hooks';

export default defineBackground({
  type: 'module',
  main() {
    const receive = createMessageReceiver(browser.runtime.id, {
      ping: async () => ({ version: browser.runtime.getManifest().version }),
      'mailPage.changed': async ({ state }, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) throw new Error('only a mail tab’s content script reports its state');
        await saveMailPageState(tabId, state);
        return {};
      },
    });
    browser.runtime.onMessage.addListener((message, sender) => receive(message, sender));
    browser.tabs.onRemoved.addListener((tabId) => void forgetMailPageState(tabId));

    if (import.meta.env.MODE === 'test') installTestHooks(openDatabase());
  },
});
