import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMessageReceiver } from '../../mail-page/messaging/receive';
import { MessageError } from '../../mail-page/messaging/send';
import { readMessageBodies } from './read-message-bodies';

const TAB_ID = 42;

/** Routes tabs.sendMessage to a mail tab's receiver whose page shows these bodies. */
function mailTabShowing(bodies: Record<string, string>) {
  const receive = createMessageReceiver(fakeBrowser.runtime.id, 'mailTab', {
    'mailPage.readBodies': async ({ providerMessageIds }) => ({
      bodies: Object.entries(bodies)
        .filter(([id]) => providerMessageIds.includes(id) || id === 'unasked')
        .map(([providerMessageId, body]) => ({ providerMessageId, body })),
    }),
  });
  return vi
    .spyOn(fakeBrowser.tabs, 'sendMessage')
    .mockImplementation(async (_tabId: number, message: unknown) =>
      receive(message, { id: fakeBrowser.runtime.id }),
    );
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('readMessageBodies', () => {
  it('asks the tab’s top frame and returns the bodies it was asked for', async () => {
    const send = mailTabShowing({ a: 'Body A', b: 'Body B', unasked: 'not requested' });
    const bodies = await readMessageBodies(TAB_ID, ['a', 'b', 'collapsed']);
    expect(bodies).toEqual(
      new Map([
        ['a', 'Body A'],
        ['b', 'Body B'],
      ]),
    );
    expect(send).toHaveBeenCalledWith(
      TAB_ID,
      {
        channel: 'dealside',
        type: 'mailPage.readBodies',
        payload: { providerMessageIds: ['a', 'b', 'collapsed'] },
      },
      { frameId: 0 },
    );
  });

  it('sends nothing when no message is wanted', async () => {
    const send = mailTabShowing({});
    expect(await readMessageBodies(TAB_ID, [])).toEqual(new Map());
    expect(send).not.toHaveBeenCalled();
  });

  it('rejects with a clear error when the tab has no content script or refuses', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    await expect(readMessageBodies(TAB_ID, ['a'])).rejects.toThrow(
      /no bodies from the mail page \(Could not establish connection/,
    );
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async () => ({
      ok: false,
      error: 'Refused: nope',
    }));
    await expect(readMessageBodies(TAB_ID, ['a'])).rejects.toThrow('Refused: nope');
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async () => ({
      ok: true,
      data: { bodies: 'x' },
    }));
    await expect(readMessageBodies(TAB_ID, ['a'])).rejects.toBeInstanceOf(MessageError);
  });

  it('gives up when the tab does not answer in time', async () => {
    vi.useFakeTimers();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(() => new Promise(() => {}));
    const read = readMessageBodies(TAB_ID, ['a']);
    const outcome = expect(read).rejects.toThrow(
      'mailPage.readBodies: the mail page did not answer within 3000 ms',
    );
    await vi.advanceTimersByTimeAsync(3_000);
    await outcome;
  });
});
