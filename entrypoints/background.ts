import '#inboxsdk-background';
import { openDatabase } from '@/lib/extension/db/database';
import { loadSettings } from '@/lib/extension/db/settings';
import { mailLogHandlers } from '@/lib/extension/email-log/log-from-mail';
import { forgetMailPageState, saveMailPageState } from '@/lib/extension/platform/mail-page-store';
import '@/lib/extension/messaging/readable-errors';
import { letToolbarOpenPopup } from '@/lib/extension/platform/toolbar-action';
import { startReminderService } from '@/lib/extension/reminders/reminder-service';
import { recordRepliesSeen } from '@/lib/extension/reminders/replies-seen';
import { startBackgroundSync } from '@/lib/extension/sync/background-sync';
import { installTestHooks } from '@/lib/extension/test-hooks';
import { createMessageReceiver } from '@/lib/mail-page/messaging/receive';

export default defineBackground({
  type: 'module',
  main() {
    letToolbarOpenPopup();
    // Rebuilds the reminder alarm from the database at every start of the worker.
    const reminders = startReminderService(openDatabase());
    // Team sync, when connected: rounds after local changes, on its alarm, and when back online.
    const sync = startBackgroundSync(openDatabase());
    const receive = createMessageReceiver(browser.runtime.id, 'background', {
      ping: async () => ({ version: browser.runtime.getManifest().version }),
      'mailPage.changed': async ({ state }, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) throw new Error('only a mail tab’s content script reports its state');
        await saveMailPageState(tabId, state);
        // "Only if no reply" reminders of this thread learn of the other party's newest message.
        if (state.status === 'thread') await recordRepliesSeen(openDatabase(), state.context);
        return {};
      },
      ...mailLogHandlers(openDatabase(), () => loadSettings(openDatabase(), browser.i18n.getUILanguage())),
      ...sync.handlers,
    });
    browser.runtime.onMessage.addListener((message, sender) =>
      // InboxSDK's own messages are answered by its background listener, not refused by ours.
      isInboxSdkMessage(message) ? undefined : receive(message, sender),
    );
    browser.tabs.onRemoved.addListener((tabId) => void forgetMailPageState(tabId));
    // A tab that loads a new document may have left the mail site; if it is still a mail page, its
    // content script reports again. (In-page thread changes are not loads and keep the state.)
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (change.status === 'loading') void forgetMailPageState(tabId);
    });

    if (import.meta.env.MODE === 'test') installTestHooks(openDatabase(), reminders);
  },
});

function isInboxSdkMessage(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    typeof message.type === 'string' &&
    message.type.startsWith('inboxsdk__')
  );
}
