import { describe, expect, it, vi } from 'vitest';
import type { MailPageState } from '../mail-context';
import {
  type InboxSdkLike,
  type MessageViewLike,
  readThread,
  startInboxSdkGlue,
  type ThreadViewLike,
} from './inboxsdk-glue';

function fakeMessage(fields: Partial<MessageViewLike> = {}): MessageViewLike {
  return {
    isLoaded: () => true,
    getMessageIDAsync: async () => '18c2f0a1b2c3d4e5',
    getSender: () => ({ name: '陳怡君', emailAddress: 'YiJun.Chen@hongda.com.tw' }),
    getRecipients: () => [
      { name: 'Xiaoming Wang', emailAddress: 'xiaoming.wang@sensecloud.com.tw' },
      { emailAddress: 'not an address' },
    ],
    getDateString: () => 'Tue, Nov 24, 2026, 10:12 AM',
    getBodyElement: () => ({ textContent: '  附件為修正後的\n報價單  ' }),
    ...fields,
  };
}

function fakeThread(
  messages: MessageViewLike[],
  threadId: Promise<string> = Promise.resolve('18c2f0a1b2c3d4e5'),
) {
  const listeners: Record<string, () => void> = {};
  const threadView = {
    getSubject: () => '報價單確認 <img src=x onerror=alert(1)>',
    getThreadIDAsync: () => threadId,
    getMessageViewsAll: () => messages,
    on: (event: string, listener: () => void) => {
      listeners[event] = listener;
      return threadView;
    },
  } as unknown as ThreadViewLike;
  return { threadView, destroy: () => listeners.destroy?.() };
}

function fakeSdk(panel: Promise<{ remove(): void } | null>) {
  let handler: ((threadView: ThreadViewLike) => void) | undefined;
  const unregister = vi.fn();
  const sdk: InboxSdkLike = {
    Conversations: {
      registerThreadViewHandler: (callback) => {
        handler = callback;
        return unregister;
      },
    },
    Global: { addSidebarContentPanel: () => panel },
    User: { getEmailAddress: () => 'Xiaoming.Wang@sensecloud.com.tw' },
  };
  return { sdk, unregister, open: (threadView: ThreadViewLike) => handler?.(threadView) };
}

const MAILBOX = 'https://mail.google.com/mail/u/0/';

describe('InboxSDK glue', () => {
  it('reports an opened thread as a validated context, and "no thread" when it closes', async () => {
    const remove = vi.fn();
    const { sdk, open, unregister } = fakeSdk(Promise.resolve({ remove }));
    const states: MailPageState[] = [];
    const glue = await startInboxSdkGlue({
      sdk,
      panelElement: {} as HTMLElement,
      panelTitle: 'Dealside',
      iconUrl: 'chrome-extension://id/icon/32.png',
      mailboxUrl: MAILBOX,
      onState: (state) => states.push(state),
    });
    expect(glue).not.toBeNull();
    const thread = fakeThread([fakeMessage(), fakeMessage({ isLoaded: () => false })]);
    open(thread.threadView);
    await vi.waitFor(() => expect(states).toHaveLength(1));
    expect(states[0]).toEqual({
      status: 'thread',
      context: {
        provider: 'gmail',
        account: 'xiaoming.wang@sensecloud.com.tw',
        threadId: '18c2f0a1b2c3d4e5',
        subject: '報價單確認 <img src=x onerror=alert(1)>',
        threadUrl: `${MAILBOX}#inbox/18c2f0a1b2c3d4e5`,
        messages: [
          {
            providerMessageId: '18c2f0a1b2c3d4e5',
            rfcMessageId: null,
            from: { name: '陳怡君', address: 'yijun.chen@hongda.com.tw' },
            to: [{ name: 'Xiaoming Wang', address: 'xiaoming.wang@sensecloud.com.tw' }],
            cc: [],
            // Gmail shows local time.
            date: new Date(2026, 10, 24, 10, 12).getTime(),
            snippet: '附件為修正後的 報價單',
          },
        ],
      },
    });
    thread.destroy();
    expect(states[1]).toEqual({
      status: 'no-thread',
      provider: 'gmail',
      account: 'xiaoming.wang@sensecloud.com.tw',
    });
    glue?.stop();
    expect(unregister).toHaveBeenCalledOnce();
    expect(remove).toHaveBeenCalledOnce();
  });

  it('gives up when InboxSDK never adds the panel, so the DOM adapter can take over', async () => {
    const { sdk } = fakeSdk(new Promise(() => {}));
    const glue = await startInboxSdkGlue({
      sdk,
      panelElement: {} as HTMLElement,
      panelTitle: 'Dealside',
      iconUrl: '',
      mailboxUrl: MAILBOX,
      onState: () => {},
      timeoutMs: 20,
    });
    expect(glue).toBeNull();
  });

  it('reports a thread whose id never arrives as unreadable instead of hanging', async () => {
    const thread = fakeThread([fakeMessage()], new Promise(() => {}));
    await expect(readThread(thread.threadView, null, MAILBOX, 20)).resolves.toEqual({
      status: 'unreadable',
      provider: 'gmail',
      reason: 'inboxsdk.thread.failed',
    });
  });

  it('ignores a stale thread that finishes loading after a newer one', async () => {
    const { sdk, open } = fakeSdk(Promise.resolve({ remove: () => {} }));
    const states: MailPageState[] = [];
    await startInboxSdkGlue({
      sdk,
      panelElement: {} as HTMLElement,
      panelTitle: 'Dealside',
      iconUrl: '',
      mailboxUrl: MAILBOX,
      onState: (state) => states.push(state),
    });
    let resolveSlow: (id: string) => void = () => {};
    open(fakeThread([fakeMessage()], new Promise((resolve) => (resolveSlow = resolve))).threadView);
    open(fakeThread([fakeMessage()], Promise.resolve('fast-thread')).threadView);
    await vi.waitFor(() => expect(states).toHaveLength(1));
    resolveSlow('slow-thread');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(states).toHaveLength(1);
    expect(states[0]?.status === 'thread' && states[0].context.threadId).toBe('fast-thread');
  });
});
