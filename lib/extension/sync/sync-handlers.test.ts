import { describe, expect, it, vi } from 'vitest';
import { createMessageReceiver, type Handlers } from '../../mail-page/messaging/receive';
import { syncMessageHandlers } from './sync-handlers';
import type { SyncService } from './sync-service';

const EXTENSION_ID = 'kfiffphpeabpjplpdnioiegngmpflgmh';
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const OPTIONS_PAGE = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}options.html#sync` };
/** A content script: same extension id, but the mail page's URL and a tab. */
const MAIL_CONTENT_SCRIPT = {
  id: EXTENSION_ID,
  url: 'https://mail.google.com/mail/u/0/#inbox',
  tab: { id: 7 },
};

function receiverWith(service: SyncService) {
  const otherHandlers = Object.fromEntries(
    ['ping', 'mailPage.changed', 'compose.matchDeal', 'compose.sent', 'thread.logNewest'].map((type) => [
      type,
      async () => {
        throw new Error(`${type} is not part of this test`);
      },
    ]),
  );
  return createMessageReceiver(EXTENSION_ID, 'background', {
    ...otherHandlers,
    ...syncMessageHandlers(service, EXTENSION_ORIGIN),
  } as Handlers<'background'>);
}

const connectMessage = {
  channel: 'dealside',
  type: 'sync.connect',
  payload: { serverUrl: 'https://evil.example', token: 'stolen' },
};

describe('sync messages', () => {
  it('are answered for extension pages only, never for a mail page’s content script', async () => {
    const service: SyncService = {
      connect: vi.fn(async () => ({
        outcome: 'connected' as const,
        teamName: 'Acme Sales',
        userName: '陳怡君',
        role: 'rep',
      })),
      disconnect: vi.fn(async () => {}),
      syncNow: vi.fn(async () => ({ error: null })),
    };
    const receive = receiverWith(service);

    for (const type of ['sync.connect', 'sync.disconnect', 'sync.now']) {
      const payload = type === 'sync.connect' ? connectMessage.payload : {};
      expect(await receive({ channel: 'dealside', type, payload }, MAIL_CONTENT_SCRIPT)).toEqual({
        ok: false,
        error: `${type} failed: only Dealside’s own pages may do this`,
      });
    }
    expect(service.connect).not.toHaveBeenCalled();
    expect(service.disconnect).not.toHaveBeenCalled();
    expect(service.syncNow).not.toHaveBeenCalled();

    expect(await receive(connectMessage, OPTIONS_PAGE)).toEqual({
      ok: true,
      data: { outcome: 'connected', teamName: 'Acme Sales', userName: '陳怡君', role: 'rep' },
    });
    expect(await receive({ channel: 'dealside', type: 'sync.now', payload: {} }, OPTIONS_PAGE)).toEqual({
      ok: true,
      data: { error: null },
    });
  });

  it('refuse a connect request without a token before it reaches the service', async () => {
    const service = { connect: vi.fn(), disconnect: vi.fn(), syncNow: vi.fn() } as unknown as SyncService;
    const reply = await receiverWith(service)(
      { ...connectMessage, payload: { serverUrl: 'https://sync.acme.com.tw', token: '' } },
      OPTIONS_PAGE,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Refused: malformed sync.connect/),
    });
    expect(service.connect).not.toHaveBeenCalled();
  });
});
