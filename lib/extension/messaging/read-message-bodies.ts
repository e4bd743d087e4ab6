import { MessageError, sendMessage } from '../../mail-page/messaging/send';

/** The content script reads the page synchronously; a tab that has not answered by then never will. */
export const READ_BODIES_TIMEOUT_MS = 3_000;

/**
 * Asks the mail tab's content script for the plain-text bodies of these messages (extension pages
 * only: content scripts cannot reach other tabs). Resolves with the bodies the page showed;
 * messages shown collapsed are missing from the map. Rejects with a MessageError when the tab has
 * no Dealside content script, refuses, sends a malformed reply, or does not answer in time.
 */
export async function readMessageBodies(
  tabId: number,
  providerMessageIds: readonly string[],
  timeoutMs: number = READ_BODIES_TIMEOUT_MS,
): Promise<Map<string, string>> {
  if (providerMessageIds.length === 0) return new Map();
  // Only the top frame: that is where the content script reads the mail page.
  const send = (message: unknown) => browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new MessageError(`mailPage.readBodies: the mail page did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const { bodies } = await Promise.race([
      sendMessage(send, 'mailPage.readBodies', { providerMessageIds: [...providerMessageIds] }),
      timeout,
    ]);
    const wanted = new Set(providerMessageIds);
    return new Map(
      bodies
        .filter(({ providerMessageId }) => wanted.has(providerMessageId))
        .map(({ providerMessageId, body }) => [providerMessageId, body]),
    );
  } catch (error) {
    if (error instanceof MessageError) throw error;
    // The browser's own errors ("Receiving end does not exist": no content script in that tab) and
    // replies that fail the schema.
    throw new MessageError(`mailPage.readBodies: no bodies from the mail page (${(error as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}
