import type { ContentPanelDescriptor, InboxSDK, MessageView } from '@inboxsdk/core';
import { mailParticipantSchema } from '../../shared/model/mini-schemas';
import { type DateOrder, parseDisplayedDate } from '../mail-dates';
import { MAIL_LIMITS, type MailMessage, type MailPageState, mailPageStateSchema } from '../mail-page-state';

/**
 * The part of InboxSDK that Dealside uses, typed from InboxSDK's own declarations, so that the
 * unit tests' fake SDK is checked against the real API and an upgrade that changes it fails to compile.
 */
export type ThreadViewLike = Pick<
  ReturnType<typeof threadViewOf>,
  'getSubject' | 'getThreadIDAsync' | 'getMessageViewsAll' | 'on'
>;
export type MessageViewLike = Pick<
  MessageView,
  'isLoaded' | 'getMessageIDAsync' | 'getSender' | 'getRecipients' | 'getDateString'
> & { getBodyElement(): { textContent: string | null } };

export type InboxSdkLike = {
  Conversations: {
    registerThreadViewHandler(handler: (threadView: ThreadViewLike) => void): () => void;
  };
  Global: {
    addSidebarContentPanel(descriptor: ContentPanelDescriptor): Promise<{ remove(): void } | null>;
  };
  User: Pick<InboxSDK['User'], 'getEmailAddress'>;
};

// Only here to name InboxSDK's ThreadView type, which the package does not export by name.
declare function threadViewOf(
  handler: Parameters<InboxSDK['Conversations']['registerThreadViewHandler']>[0],
): Parameters<typeof handler>[0];

export class InboxSdkTimeout extends Error {
  override name = 'InboxSdkTimeout';
}

/** InboxSDK's promises can stay pending forever when Gmail's markup is not what it expects. */
export function withTimeout<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new InboxSdkTimeout(`${what} did not answer within ${milliseconds} ms`)),
      milliseconds,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export type InboxSdkGlueOptions = {
  sdk: InboxSdkLike;
  /** The element hosting the Dealside sidebar frame, shown in Gmail's own sidebar. */
  panelElement: HTMLElement;
  panelTitle: string;
  iconUrl: string;
  /** e.g. https://mail.google.com/mail/u/0/ — thread URLs are built on it. */
  mailboxUrl: string;
  onState(state: MailPageState): void;
  timeoutMs?: number;
  /** How Gmail's UI language writes numeric dates (mail-dates.ts). */
  dateOrder?: DateOrder;
};

export type InboxSdkGlue = { stop(): void };

/**
 * Hosts the sidebar in Gmail's sidebar and reports each opened thread. Resolves to null when
 * InboxSDK cannot add the panel in time: the caller then falls back to the DOM adapter.
 */
export async function startInboxSdkGlue(options: InboxSdkGlueOptions): Promise<InboxSdkGlue | null> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const panel = await withTimeout(
    options.sdk.Global.addSidebarContentPanel({
      el: options.panelElement,
      title: options.panelTitle,
      iconUrl: options.iconUrl,
      id: 'dealside',
    }),
    timeoutMs,
    'InboxSDK addSidebarContentPanel',
  ).catch(() => null);
  if (!panel) return null;

  const account = signedInAccount(options.sdk);
  let generation = 0;
  const unregister = options.sdk.Conversations.registerThreadViewHandler((threadView) => {
    const current = ++generation;
    void readThread(threadView, account, options.mailboxUrl, timeoutMs, options.dateOrder).then((state) => {
      if (current === generation) options.onState(state);
    });
    threadView.on('destroy', () => {
      if (current === generation) options.onState({ status: 'no-thread', provider: 'gmail', account });
    });
  });
  return {
    stop() {
      unregister();
      panel.remove();
    },
  };
}

/** The signed-in mailbox, or null when InboxSDK cannot tell or gives something that is not an address. */
export function signedInAccount(sdk: Pick<InboxSdkLike, 'User'>): string | null {
  try {
    const parsed = mailParticipantSchema.shape.address.safeParse(sdk.User.getEmailAddress());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** One thread URL for every InboxSDK path, so a message logged on send links like one logged from its thread. */
export function gmailThreadUrlOf(mailboxUrl: string, threadId: string): string {
  return `${mailboxUrl}#inbox/${encodeURIComponent(threadId)}`;
}

/** Builds the thread's context from InboxSDK's views; any failure becomes an "unreadable" state. */
export async function readThread(
  threadView: ThreadViewLike,
  account: string | null,
  mailboxUrl: string,
  timeoutMs: number,
  dateOrder: DateOrder = 'month-first',
): Promise<MailPageState> {
  try {
    const threadId = await withTimeout(threadView.getThreadIDAsync(), timeoutMs, 'getThreadIDAsync');
    const messages: MailMessage[] = [];
    for (const messageView of threadView.getMessageViewsAll() as MessageViewLike[]) {
      if (!messageView.isLoaded()) continue;
      messages.push(await readMessage(messageView, timeoutMs, dateOrder));
    }
    const state = mailPageStateSchema.safeParse({
      status: 'thread',
      context: {
        provider: 'gmail',
        account,
        threadId,
        subject: threadView.getSubject().slice(0, MAIL_LIMITS.subject),
        threadUrl: gmailThreadUrlOf(mailboxUrl, threadId),
        messages: messages.slice(-MAIL_LIMITS.messages),
      },
    });
    return state.success
      ? state.data
      : { status: 'unreadable', provider: 'gmail', reason: 'inboxsdk.thread.invalid' };
  } catch {
    return { status: 'unreadable', provider: 'gmail', reason: 'inboxsdk.thread.failed' };
  }
}

async function readMessage(
  messageView: MessageViewLike,
  timeoutMs: number,
  dateOrder: DateOrder,
): Promise<MailMessage> {
  const sender = messageView.getSender();
  return {
    providerMessageId: await withTimeout(messageView.getMessageIDAsync(), timeoutMs, 'getMessageIDAsync'),
    // Gmail's page does not expose the RFC Message-ID.
    rfcMessageId: null,
    from: mailParticipant(sender.name, sender.emailAddress),
    // InboxSDK does not tell To from Cc; every recipient is reported as To.
    to: messageView
      .getRecipients()
      .flatMap((recipient) => {
        const parsed = mailParticipant(recipient.name ?? '', recipient.emailAddress);
        return parsed ? [parsed] : [];
      })
      .slice(0, MAIL_LIMITS.participants),
    cc: [],
    // Gmail's display format ("Tue, Nov 24, 2026, 10:12 AM", "2026年11月24日 上午10:12"), as the DOM adapter reads it.
    date: parseDisplayedDate(messageView.getDateString(), dateOrder),
    snippet: (messageView.getBodyElement().textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAIL_LIMITS.snippet),
  };
}

/** A participant as the mail context stores it, or null when the address is not one. */
export function mailParticipant(name: string, address: string) {
  const parsed = mailParticipantSchema.safeParse({ name: name.slice(0, MAIL_LIMITS.name), address });
  return parsed.success ? parsed.data : null;
}
