import { OUTLOOK_MATCHES } from '@/lib/mail/hosts';
import { mountSidebarFrame } from '@/lib/mail/sidebar-frame';

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  main(context) {
    mountSidebarFrame(context, 'outlook');
  },
});
