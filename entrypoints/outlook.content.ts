import { answerBodyRequests } from '@/lib/mail-page/answer-body-requests';
import { OUTLOOK_MATCHES } from '@/lib/mail-page/hosts';
import { outlookAdapter, readOutlookBodies } from '@/lib/mail-page/outlook/read-outlook';
import { mountSidebarFrame } from '@/lib/mail-page/sidebar-frame';
import { reportMailPage } from '@/lib/mail-page/watch-mail-page';

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  main(context) {
    answerBodyRequests(context, readOutlookBodies);
    // Each part on its own: a failure to mount must not stop reporting, and neither may reach the page.
    try {
      // Outlook lays its panes out against the viewport: the panel overlays the reading pane's edge.
      mountSidebarFrame(context, 'outlook');
    } catch {
      // The browser's side panel still works without the in-page frame.
    }
    reportMailPage(context, outlookAdapter);
  },
});
