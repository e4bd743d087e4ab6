// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { DealsideDatabase } from '@/lib/extension/db/database';
import { loggedMessageIds } from '@/lib/extension/email-log/log-email';
import { type MailLogSettings, mailLogHandlers } from '@/lib/extension/email-log/log-from-mail';
import { createMessageReceiver } from '@/lib/mail-page/messaging/receive';
import type { EmailActivity } from '@/lib/shared/model';
import { contextOf, fixtureReader } from '@/tests/fixtures/mail/fixture-reader';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeContact, makeDeal, makePipeline } from '@/tests/unit/records';
import { gmailAdapter } from '../gmail/read-gmail';
import type { MailPageState } from '../mail-page-state';
import {
  type InboxSdkLike,
  type MessageViewLike,
  readThread,
  startInboxSdkGlue,
  type ThreadViewLike,
} from './inboxsdk-glue';
import {
  type ComposeViewLike,
  type GmailLogStringName,
  type InboxSdkLoggingLike,
  startLogFromGmail,
} from './log-from-gmail';

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

const EXTENSION_ID = 'kfiffphpeabpjplpdnioiegngmpflgmh';
const REP = { name: 'Xiaoming Wang', emailAddress: 'Xiaoming.Wang@sensecloud.com.tw' };
const MEILING = { name: 'Chen Mei-Ling', emailAddress: 'meiling.chen@acme.com.tw' };
const YIJUN = { name: '陳怡君', emailAddress: 'YiJun.Chen@hongda.com.tw' };
/** The message id of tests/fixtures/mail/gmail-single-message.html, as Gmail's data-legacy-message-id. */
const FIXTURE_MESSAGE_ID = '19a5e0c1b2c3d4e5';

const { readFixture } = fixtureReader(gmailAdapter);

type SentEvent = { getMessageID(): Promise<string>; getThreadID(): Promise<string> };

/** What the rep typed: a reply over the quoted message it answers (built node by node, never parsed). */
function composeBody(): HTMLElement {
  const reply = document.createElement('div');
  reply.dir = 'ltr';
  const bold = document.createElement('b');
  bold.textContent = '報價單';
  reply.append('附件為修正後的', bold);
  const quote = document.createElement('div');
  quote.className = 'gmail_quote';
  quote.textContent = 'On Tue, Mei-Ling wrote: 舊的內容';
  const body = document.createElement('div');
  body.append(reply, quote);
  return body;
}

/** A compose window: its events can be fired, and its "Log to deal" checkbox read and clicked. */
function fakeComposeView(recipients: { name?: string; emailAddress: string }[]) {
  const listeners = new Map<string, ((data?: unknown) => void)[]>();
  const statusBarElement = document.createElement('div');
  const attachShadow = vi.spyOn(statusBarElement, 'attachShadow');
  const body = composeBody();
  let to = recipients;
  const fields: Omit<ComposeViewLike, 'on' | 'addStatusBar'> = {
    getToRecipients: () => to,
    getCcRecipients: () => [],
    getBccRecipients: () => [],
    getFromContact: () => REP,
    getSubject: () => 'Re: Quote for 200 seats <img src=x onerror=alert(1)>',
    getBodyElement: () => body,
  };
  const composeView = {
    ...fields,
    addStatusBar: () => ({ el: statusBarElement, destroy: () => {}, destroyed: false, setHeight: () => {} }),
    on: (event: string, listener: (data?: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return composeView;
    },
  } as unknown as ComposeViewLike;
  const toggleRoot = () => attachShadow.mock.results[0]?.value as ShadowRoot;
  const checkbox = () => toggleRoot().querySelector('input') as HTMLInputElement;
  return {
    composeView,
    statusBarElement,
    toggleRoot,
    checkbox,
    emit: (event: string, data?: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(data);
    },
    setRecipients: (next: typeof recipients) => {
      to = next;
    },
    clickToggle: () => {
      checkbox().checked = !checkbox().checked;
      checkbox().dispatchEvent(new Event('change'));
    },
  };
}

function sentEvent(messageId: Promise<string>, threadId: Promise<string> = messageId): SentEvent {
  return { getMessageID: () => messageId, getThreadID: () => threadId };
}

function fakeLoggingSdk() {
  let composeHandler: ((composeView: ComposeViewLike) => void) | undefined;
  let button: Parameters<InboxSdkLoggingLike['Toolbars']['registerThreadButton']>[0] | undefined;
  const notices: string[] = [];
  const unregisterCompose = vi.fn();
  const unregisterButton = vi.fn();
  const sdk: InboxSdkLoggingLike = {
    Compose: {
      registerComposeViewHandler: (handler) => {
        composeHandler = handler;
        return unregisterCompose;
      },
    },
    Toolbars: {
      registerThreadButton: (descriptor) => {
        button = descriptor;
        return unregisterButton;
      },
    },
    ButterBar: {
      showMessage: ({ text }) => {
        notices.push(text);
        return { destroy: () => {} };
      },
    },
    User: { getEmailAddress: () => REP.emailAddress },
  };
  return {
    sdk,
    notices,
    unregisterCompose,
    unregisterButton,
    button: () => button,
    openCompose: (composeView: ComposeViewLike) => composeHandler?.(composeView),
    clickButton: (threadView: ThreadViewLike) => button?.onClick({ selectedThreadViews: [threadView] }),
  };
}

/** The background's real receiver and handlers over a private database, as the content script reaches it. */
function background(database: DealsideDatabase) {
  const settings: MailLogSettings = {
    user: { id: '01KAYQ00000000000000000000', name: 'Xiaoming Wang', email: '' },
    ownDomains: ['sensecloud.com.tw'],
    neverLog: [],
  };
  const receive = createMessageReceiver(EXTENSION_ID, 'background', {
    ping: async () => ({ version: '0.1.0' }),
    'mailPage.changed': async () => ({}),
    'sync.connect': async () => ({ outcome: 'failed', error: { code: 'not-connected', message: '' } }),
    'sync.disconnect': async () => ({}),
    'sync.now': async () => ({ error: null }),
    ...mailLogHandlers(database, async () => settings),
  });
  return vi.fn((message: unknown) => receive(message, { id: EXTENSION_ID, tab: { id: 7 } }));
}

/** One open deal whose contacts are Mei-Ling (the fixture's sender) and 陳怡君 (the fake thread's). */
async function seededDatabase() {
  const database = isolatedDatabase();
  const pipeline = makePipeline();
  const meiling = makeContact({ name: MEILING.name, emails: [MEILING.emailAddress] });
  const yijun = makeContact();
  const deal = makeDeal(pipeline, { contactIds: [meiling.id, yijun.id] });
  await database.pipelines.put(pipeline);
  await database.contacts.bulkPut([meiling, yijun]);
  await database.deals.put(deal);
  return { database, deal };
}

function startLogging(sdk: InboxSdkLoggingLike, send: (message: unknown) => Promise<unknown>) {
  return startLogFromGmail({
    sdk,
    send,
    strings: (name: GmailLogStringName) => name,
    iconUrl: 'chrome-extension://id/icon/32.png',
    mailboxUrl: MAILBOX,
    timeoutMs: 50,
    now: () => Date.UTC(2026, 10, 26, 9, 30),
  });
}

function sentTypes(send: ReturnType<typeof background>): string[] {
  return send.mock.calls.map(([message]) => (message as { type: string }).type);
}

describe('log on send (InboxSDK compose)', () => {
  it('turns "Log to deal" on for a matching recipient and logs the sent message under the sidebar’s key', async () => {
    const { database, deal } = await seededDatabase();
    const send = background(database);
    const fake = fakeLoggingSdk();
    startLogging(fake.sdk, send);
    const compose = fakeComposeView([MEILING]);
    fake.openCompose(compose.composeView);

    // Only the label is in Gmail's DOM, inside a closed shadow root; the light DOM stays empty.
    expect(compose.statusBarElement.childNodes).toHaveLength(0);
    expect(compose.toggleRoot().textContent).toContain('gmailLogToggle');
    await vi.waitFor(() => expect(compose.checkbox().checked).toBe(true));

    compose.emit('presending', { cancel: () => {} });
    compose.emit('sent', sentEvent(Promise.resolve(FIXTURE_MESSAGE_ID), Promise.resolve('19a5e0c1b2c3d4e0')));
    await vi.waitFor(() => expect(fake.notices).toEqual(['gmailLogLogged']));

    const [stored] = (await database.activities.toArray()) as EmailActivity[];
    expect(stored).toMatchObject({
      dealId: deal.id,
      occurredAt: Date.UTC(2026, 10, 26, 9, 30),
      email: {
        provider: 'gmail',
        providerMessageId: FIXTURE_MESSAGE_ID,
        threadId: '19a5e0c1b2c3d4e0',
        threadUrl: `${MAILBOX}#inbox/19a5e0c1b2c3d4e0`,
        from: { name: 'Xiaoming Wang', address: 'xiaoming.wang@sensecloud.com.tw' },
        to: [{ name: 'Chen Mei-Ling', address: 'meiling.chen@acme.com.tw' }],
        subject: 'Re: Quote for 200 seats <img src=x onerror=alert(1)>',
        snippet: '附件為修正後的 報價單',
      },
    });
    // The same message as Gmail's DOM adapter reads it later in the sidebar: already logged.
    const fromPage = contextOf(readFixture('gmail-single-message.html'));
    expect(fromPage.messages.map((message) => message.providerMessageId)).toEqual([FIXTURE_MESSAGE_ID]);
    expect(await loggedMessageIds(database, [deal.id], fromPage)).toEqual({
      [deal.id]: [FIXTURE_MESSAGE_ID],
    });
  });

  it('follows the recipients until the rep flips the toggle, and then keeps the rep’s choice', async () => {
    const { database } = await seededDatabase();
    const send = background(database);
    const fake = fakeLoggingSdk();
    startLogging(fake.sdk, send);
    const compose = fakeComposeView([{ emailAddress: 'stranger@gmail.com' }]);
    fake.openCompose(compose.composeView);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(compose.checkbox().checked).toBe(false);

    compose.setRecipients([MEILING]);
    compose.emit('recipientsChanged', {});
    await vi.waitFor(() => expect(compose.checkbox().checked).toBe(true));

    compose.clickToggle();
    compose.setRecipients([YIJUN]);
    compose.emit('recipientsChanged', {});
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(3));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(compose.checkbox().checked).toBe(false);

    compose.emit('presending', { cancel: () => {} });
    compose.emit('sent', sentEvent(Promise.resolve(FIXTURE_MESSAGE_ID)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sentTypes(send)).toEqual(['compose.matchDeal', 'compose.matchDeal', 'compose.matchDeal']);
    expect(fake.notices).toEqual([]);
    expect(await database.activities.count()).toBe(0);
  });

  it('logs what was pressed Send on, even when the compose is gone by the time Gmail really sends', async () => {
    const { database } = await seededDatabase();
    const send = background(database);
    const fake = fakeLoggingSdk();
    startLogging(fake.sdk, send);
    const compose = fakeComposeView([MEILING]);
    fake.openCompose(compose.composeView);
    await vi.waitFor(() => expect(compose.checkbox().checked).toBe(true));

    compose.emit('presending', { cancel: () => {} });
    compose.setRecipients([]);
    compose.composeView.getFromContact = () => {
      throw new Error('compose destroyed');
    };
    compose.emit('sent', sentEvent(Promise.resolve(FIXTURE_MESSAGE_ID)));
    await vi.waitFor(() => expect(fake.notices).toEqual(['gmailLogLogged']));
  });

  it('reports a failure when Gmail never gives the sent message’s id, and stores nothing', async () => {
    const { database } = await seededDatabase();
    const send = background(database);
    const fake = fakeLoggingSdk();
    startLogging(fake.sdk, send);
    const compose = fakeComposeView([MEILING]);
    fake.openCompose(compose.composeView);
    await vi.waitFor(() => expect(compose.checkbox().checked).toBe(true));

    compose.emit('presending', { cancel: () => {} });
    compose.emit('sent', sentEvent(new Promise(() => {})));
    await vi.waitFor(() => expect(fake.notices).toEqual(['gmailLogFailed']));
    expect(sentTypes(send)).not.toContain('compose.sent');
  });

  it('leaves the toggle off when the background cannot be reached', async () => {
    const fake = fakeLoggingSdk();
    const send = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    startLogging(fake.sdk, send);
    const compose = fakeComposeView([MEILING]);
    fake.openCompose(compose.composeView);
    await vi.waitFor(() => expect(send).toHaveBeenCalledOnce());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(compose.checkbox().checked).toBe(false);
  });
});

describe('"Log to Dealside" in the thread toolbar', () => {
  it('logs the thread’s newest message on the best deal and says so in a text notice', async () => {
    const { database, deal } = await seededDatabase();
    const send = background(database);
    const fake = fakeLoggingSdk();
    startLogging(fake.sdk, send);
    expect(fake.button()).toMatchObject({ title: 'gmailLogThreadButton', positions: ['THREAD'] });
    const older = fakeMessage({ getMessageIDAsync: async () => '18c2f0a1b2c3d4e0' });
    const thread = fakeThread([older, fakeMessage()]);

    fake.clickButton(thread.threadView);
    await vi.waitFor(() => expect(fake.notices).toEqual(['gmailLogLogged']));
    fake.clickButton(thread.threadView);
    await vi.waitFor(() => expect(fake.notices).toEqual(['gmailLogLogged', 'gmailLogAlreadyLogged']));

    const activities = (await database.activities.toArray()) as EmailActivity[];
    expect(activities.map((activity) => [activity.dealId, activity.email.providerMessageId])).toEqual([
      [deal.id, '18c2f0a1b2c3d4e5'],
    ]);
  });

  it('says when no deal matches, when the thread cannot be read, and when the background fails', async () => {
    const database = isolatedDatabase();
    const fake = fakeLoggingSdk();
    const stop = startLogging(fake.sdk, background(database));
    fake.clickButton(fakeThread([fakeMessage()]).threadView);
    await vi.waitFor(() => expect(fake.notices).toEqual(['gmailLogNoDeal']));
    fake.clickButton(fakeThread([fakeMessage()], new Promise(() => {})).threadView);
    await vi.waitFor(() => expect(fake.notices).toEqual(['gmailLogNoDeal', 'gmailLogIncomplete']));
    stop.stop();
    expect(fake.unregisterCompose).toHaveBeenCalledOnce();
    expect(fake.unregisterButton).toHaveBeenCalledOnce();

    const failing = fakeLoggingSdk();
    startLogging(failing.sdk, async () => ({ ok: false, error: 'thread.logNewest failed: database closed' }));
    failing.clickButton(fakeThread([fakeMessage()]).threadView);
    await vi.waitFor(() => expect(failing.notices).toEqual(['gmailLogFailed']));
  });
});
