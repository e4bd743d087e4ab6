import type { Handlers, MessageSender } from '../../mail-page/messaging/receive';
import type { SyncService } from './sync-service';

/**
 * Only this extension's own pages (options) may connect, disconnect or sync. Content scripts share
 * the extension id but run in the mail page, and their sender URL is the mail page's; a message
 * from one is refused, so a compromised mail page can never point sync at another server.
 */
export function isExtensionPage(sender: MessageSender, extensionOrigin: string): boolean {
  return sender.url?.startsWith(extensionOrigin) === true;
}

function requireExtensionPage(sender: MessageSender, extensionOrigin: string): void {
  if (!isExtensionPage(sender, extensionOrigin)) throw new Error('only Dealside’s own pages may do this');
}

/** @param extensionOrigin `browser.runtime.getURL('/')`: chrome-extension://<id>/ */
export function syncMessageHandlers(
  service: SyncService,
  extensionOrigin: string,
): Pick<Handlers<'background'>, 'sync.connect' | 'sync.disconnect' | 'sync.now'> {
  return {
    'sync.connect': async (request, sender) => {
      requireExtensionPage(sender, extensionOrigin);
      return service.connect(request);
    },
    'sync.disconnect': async (_request, sender) => {
      requireExtensionPage(sender, extensionOrigin);
      await service.disconnect();
      return {};
    },
    'sync.now': async (_request, sender) => {
      requireExtensionPage(sender, extensionOrigin);
      return service.syncNow();
    },
  };
}
