import { answerBodyRequests } from '@/lib/mail-page/answer-body-requests';
import { gmailAdapter, readGmailBodies } from '@/lib/mail-page/gmail/read-gmail';
import { GMAIL_MATCHES } from '@/lib/mail-page/hosts';
import { startGmailWithInboxSdk } from '@/lib/mail-page/inboxsdk/start-inboxsdk';
import { mountSidebarFrame } from '@/lib/mail-page/sidebar-frame';
import { reportMailPage } from '@/lib/mail-page/watch-mail-page';

const INBOXSDK_APP_ID = import.meta.env.WXT_INBOXSDK_APP_ID;

export default defineContentScript({
  matches: GMAIL_MATCHES,
  runAt: 'document_idle',
  async main(context) {
    // Before InboxSDK starts: its thread views name messages by the same legacy ids the DOM carries.
    answerBodyRequests(context, readGmailBodies);
    // Builds without an app id compile this branch out, and InboxSDK with it (it sends telemetry).
    if (INBOXSDK_APP_ID && (await startGmailWithInboxSdk(context, INBOXSDK_APP_ID))) return;
    // Each part on its own: a failure to mount must not stop reporting, and neither may reach the page.
    try {
      mountSidebarFrame(context, 'gmail', { shiftPage: true });
    } catch {
      // The browser's side panel still works without the in-page frame.
    }
    reportMailPage(context, gmailAdapter);
  },
});
