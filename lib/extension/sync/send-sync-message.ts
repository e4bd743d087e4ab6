import type { RequestOf, ResponseOf } from '../../mail-page/messaging/protocol';
import { sendMessage } from '../../mail-page/messaging/send';

type SyncMessageType = 'sync.connect' | 'sync.disconnect' | 'sync.now';

/** An extension page asks the background, which holds the token, to act on team sync. */
export function sendSyncMessage<Type extends SyncMessageType>(
  type: Type,
  payload: RequestOf<Type>,
): Promise<ResponseOf<Type>> {
  return sendMessage((message) => browser.runtime.sendMessage(message), type, payload);
}
