import { describe, expect, it, vi } from 'vitest';
import '../../extension/messaging/readable-errors';
import { createMessageReceiver, type Handlers } from './receive';
import { MessageError, sendMessage } from './send';

const EXTENSION_ID = 'kfiffphpeabpjplpdnioiegngmpflgmh';

/** The background's handlers these tests send to; the other types are never sent here. */
function backgroundHandlers(handlers: Pick<Handlers, 'ping' | 'mailPage.changed'>): Handlers {
  return handlers as Handlers;
}

function receiverWithSpy() {
  const ping = vi.fn(async () => ({ version: '1.2.3' }));
  const mailPageChanged = vi.fn(async () => ({}));
  return {
    ping,
    receive: createMessageReceiver(
      EXTENSION_ID,
      'background',
      backgroundHandlers({ ping, 'mailPage.changed': mailPageChanged }),
    ),
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
    const receive = createMessageReceiver(
      EXTENSION_ID,
      'background',
      backgroundHandlers({
        ping: async () => {
          throw new Error('database closed');
        },
        'mailPage.changed': async () => ({}),
      }),
    );
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

describe('mailPage.readBodies: answered by the mail tab only', () => {
  const readBodies = {
    channel: 'dealside',
    type: 'mailPage.readBodies',
    payload: { providerMessageIds: ['a'] },
  };
  const sender = { id: EXTENSION_ID };

  function mailTabReceiver() {
    const handler = vi.fn(async () => ({ bodies: [{ providerMessageId: 'a', body: 'Hello' }] }));
    return {
      handler,
      receive: createMessageReceiver(EXTENSION_ID, 'mailTab', { 'mailPage.readBodies': handler }),
    };
  }

  it('the mail tab answers it, and nothing else', async () => {
    const { handler, receive } = mailTabReceiver();
    expect(await receive(readBodies, sender)).toEqual({
      ok: true,
      data: { bodies: [{ providerMessageId: 'a', body: 'Hello' }] },
    });
    expect(await receive({ channel: 'dealside', type: 'ping', payload: {} }, sender)).toEqual({
      ok: false,
      error: 'Refused: ping is not answered here.',
    });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('the background refuses it without acting', async () => {
    const { receive, ping } = receiverWithSpy();
    expect(await receive(readBodies, sender)).toEqual({
      ok: false,
      error: 'Refused: mailPage.readBodies is not answered here.',
    });
    expect(ping).not.toHaveBeenCalled();
  });

  it('refuses more than 500 ids, and replies over the size limits', async () => {
    const { handler, receive } = mailTabReceiver();
    const tooMany = {
      ...readBodies,
      payload: { providerMessageIds: Array.from({ length: 501 }, (_, i) => `m${i}`) },
    };
    expect(await receive(tooMany, sender)).toEqual({
      ok: false,
      error: expect.stringMatching(/malformed mailPage.readBodies request \(providerMessageIds/),
    });
    expect(handler).not.toHaveBeenCalled();

    const huge = (providerMessageId: string, length: number) => ({
      providerMessageId,
      body: 'x'.repeat(length),
    });
    const reply = (bodies: unknown[]) => async () => ({ ok: true, data: { bodies } });
    const ids = { providerMessageIds: ['a'] };
    await expect(sendMessage(reply([huge('a', 1_000_001)]), 'mailPage.readBodies', ids)).rejects.toThrow();
    const fiveFull = ['a', 'b', 'c', 'd', 'e'].map((id) => huge(id, 1_000_000));
    await expect(sendMessage(reply(fiveFull), 'mailPage.readBodies', ids)).rejects.toThrow(
      /4000000 characters/,
    );
    await expect(
      sendMessage(reply(fiveFull.slice(0, 4)), 'mailPage.readBodies', ids),
    ).resolves.toHaveProperty('bodies.length', 4);
  });
});
