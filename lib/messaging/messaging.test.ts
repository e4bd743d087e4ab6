import { describe, expect, it, vi } from 'vitest';
import { createMessageReceiver } from './receive';
import { MessageError, sendMessage } from './send';

const EXTENSION_ID = 'kfiffphpeabpjplpdnioiegngmpflgmh';

function receiverWithSpy() {
  const ping = vi.fn(async () => ({ version: '1.2.3' }));
  const mailPageChanged = vi.fn(async () => ({}));
  return {
    ping,
    receive: createMessageReceiver(EXTENSION_ID, { ping, 'mailPage.changed': mailPageChanged }),
  };
}

describe('message receiver', () => {
  it('answers a valid message from this extension', async () => {
    const { receive, ping } = receiverWithSpy();
    const reply = await receive({ channel: 'dealside', type: 'ping', payload: {} }, { id: EXTENSION_ID });
    expect(reply).toEqual({ ok: true, data: { version: '1.2.3' } });
    expect(ping).toHaveBeenCalledOnce();
  });

  it('refuses messages from other extensions or web pages without acting', async () => {
    const { receive, ping } = receiverWithSpy();
    const message = { channel: 'dealside', type: 'ping', payload: {} };
    for (const sender of [
      { id: 'someotherextensionidaaaaaaaaaaaa' },
      {},
      { url: 'https://mail.google.com/' },
    ]) {
      const reply = await receive(message, sender);
      expect(reply).toEqual({ ok: false, error: expect.stringMatching(/did not come from this extension/) });
    }
    expect(ping).not.toHaveBeenCalled();
  });

  it('refuses unknown types and malformed payloads with an error that says why', async () => {
    const { receive, ping } = receiverWithSpy();
    const sender = { id: EXTENSION_ID };
    expect(await receive({ channel: 'dealside', type: 'deleteEverything', payload: {} }, sender)).toEqual({
      ok: false,
      error: expect.stringMatching(/type is not a Dealside message type/),
    });
    expect(await receive({ channel: 'dealside', type: 'ping', payload: { extra: 1 } }, sender)).toEqual({
      ok: false,
      error: expect.stringMatching(/malformed ping request \(message Unrecognized key/),
    });
    expect(await receive('ping', sender)).toEqual({
      ok: false,
      error: expect.stringMatching(/not a Dealside message/),
    });
    expect(ping).not.toHaveBeenCalled();
  });

  it('turns a failing handler into an error reply', async () => {
    const receive = createMessageReceiver(EXTENSION_ID, {
      ping: async () => {
        throw new Error('database closed');
      },
      'mailPage.changed': async () => ({}),
    });
    expect(await receive({ channel: 'dealside', type: 'ping', payload: {} }, { id: EXTENSION_ID })).toEqual({
      ok: false,
      error: 'ping failed: database closed',
    });
  });
});

describe('sendMessage', () => {
  it('returns the typed response of a successful reply', async () => {
    const { receive } = receiverWithSpy();
    const send = (message: unknown) => receive(message, { id: EXTENSION_ID });
    await expect(sendMessage(send, 'ping', {})).resolves.toEqual({ version: '1.2.3' });
  });

  it('throws the receiver’s error, and refuses replies that are not Dealside replies', async () => {
    await expect(
      sendMessage(async () => ({ ok: false, error: 'Refused: nope' }), 'ping', {}),
    ).rejects.toThrow('Refused: nope');
    await expect(sendMessage(async () => undefined, 'ping', {})).rejects.toBeInstanceOf(MessageError);
    await expect(sendMessage(async () => ({ ok: true, data: { version: 7 } }), 'ping', {})).rejects.toThrow();
  });
});
