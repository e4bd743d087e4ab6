import { openDatabase } from '@/lib/db/database';
import { createMessageReceiver } from '@/lib/messaging/receive';
import { installTestHooks } from '@/lib/testing/test-hooks';

export default defineBackground({
  type: 'module',
  main() {
    const receive = createMessageReceiver(browser.runtime.id, {
      ping: async () => ({ version: browser.runtime.getManifest().version }),
    });
    browser.runtime.onMessage.addListener((message, sender) => receive(message, sender));

    if (import.meta.env.MODE === 'test') installTestHooks(openDatabase());
  },
});
