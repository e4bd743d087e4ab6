import type { ComposeView, InboxSDK } from '@inboxsdk/core';
import type { MailParticipant } from '../../shared/model';
import { textWithin } from '../adapter';
import { cleanText } from '../addresses';
import { GMAIL_QUOTED_TEXT } from '../gmail/selectors';
import type { DateOrder } from '../mail-dates';
import { MAIL_LIMITS } from '../mail-page-state';
import type { MailLogResponse } from '../messaging/mail-log-messages';
import type { RequestOf } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import {
  gmailThreadUrlOf,
  mailParticipant,
  readThread,
  signedInAccount,
  type ThreadViewLike,
  withTimeout,
} from './inboxsdk-glue';

/** The parts of InboxSDK's compose view used here, from its own declarations (see inboxsdk-glue.ts). */
export type ComposeViewLike = Pick<
  ComposeView,
  | 'getToRecipients'
  | 'getCcRecipients'
  | 'getBccRecipients'
  | 'getFromContact'
  | 'getSubject'
  | 'getBodyElement'
  | 'addStatusBar'
  | 'on'
>;

export type InboxSdkLoggingLike = {
  Compose: { registerComposeViewHandler(handler: (composeView: ComposeViewLike) => void): () => void };
  Toolbars: {
    registerThreadButton(descriptor: {
      title: string;
      iconUrl?: string;
      positions?: ('THREAD' | 'ROW' | 'LIST')[] | null;
      onClick(event: { selectedThreadViews: ThreadViewLike[] }): void;
    }): () => void;
  };
  ButterBar: { showMessage(message: { text: string; time?: number }): { destroy(): void } };
  User: Pick<InboxSDK['User'], 'getEmailAddress'>;
};

/** Strings shown in Gmail's page, from the browser's catalogs (public/_locales). */
export type GmailLogStringName =
  | 'gmailLogToggle'
  | 'gmailLogThreadButton'
  | 'gmailLogLogged'
  | 'gmailLogLoggedOthers'
  | 'gmailLogAlreadyLogged'
  | 'gmailLogNoDeal'
  | 'gmailLogRefused'
  | 'gmailLogIncomplete'
  | 'gmailLogFailed';

export type LogFromGmailOptions = {
  sdk: InboxSdkLoggingLike;
  /** Sends one runtime message to the background (browser.runtime.sendMessage). */
  send(message: unknown): Promise<unknown>;
  strings(name: GmailLogStringName): string;
  iconUrl: string;
  /** e.g. https://mail.google.com/mail/u/0/ — thread URLs are built on it. */
  mailboxUrl: string;
  timeoutMs?: number;
  dateOrder?: DateOrder;
  now?: () => number;
};

const NOTICE_MS = 6000;

/**
 * Logging from Gmail's own UI: a "Log to deal" toggle in every compose, and a "Log to Dealside"
 * button in the thread toolbar. Both hand the message to the background, which alone opens the
 * database; the page gets a label and a text notice, never a deal's name or any other CRM data.
 */
export function startLogFromGmail(options: LogFromGmailOptions): { stop(): void } {
  const { sdk, strings } = options;
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  const account = signedInAccount(sdk);
  const notify = (response: MailLogResponse | null) =>
    sdk.ButterBar.showMessage({ text: strings(noticeOf(response)), time: NOTICE_MS });
  const request = <Type extends 'compose.matchDeal' | 'compose.sent' | 'thread.logNewest'>(
    type: Type,
    payload: RequestOf<Type>,
  ) => sendMessage(options.send, type, payload);

  const unregisterCompose = sdk.Compose.registerComposeViewHandler((composeView) => {
    const toggle = mountLogToggle(composeView, strings('gmailLogToggle'));
    let asked = 0;
    const refreshDefault = () => {
      const current = ++asked;
      const recipients = readRecipients(composeView);
      void request('compose.matchDeal', { account, recipients: [...recipients.to, ...recipients.cc] })
        .then(({ matched }) => matched)
        .catch(() => false)
        .then((matched) => {
          if (current === asked) toggle.setDefault(matched);
        });
    };
    refreshDefault();
    composeView.on('recipientsChanged', refreshDefault);

    // Gmail's undo-send closes the compose before the message really goes; InboxSDK's `sent` comes
    // after that, when the compose's fields may be gone. So the draft is read when Send is pressed.
    let pressed: Draft | null = null;
    composeView.on('presending', () => {
      pressed = readDraft(composeView);
    });
    composeView.on('sent', (event) => {
      const draft = pressed ?? readDraft(composeView);
      pressed = null;
      if (!toggle.isOn()) return;
      if (draft) void logSent(draft, event);
      else notify(null);
    });
  });

  async function logSent(
    draft: Draft,
    sent: { getMessageID(): Promise<string>; getThreadID(): Promise<string> },
  ) {
    try {
      // The ids Gmail's thread view carries as data-legacy-message-id and data-legacy-thread-id,
      // which the DOM adapter and the thread view read too: the message key is the same, so
      // logging this message again from the sidebar finds it already logged.
      const [messageId, threadId] = await withTimeout(
        Promise.all([sent.getMessageID(), sent.getThreadID()]),
        timeoutMs,
        'InboxSDK sent message ids',
      );
      const context = {
        provider: 'gmail' as const,
        account,
        threadId,
        subject: draft.subject,
        threadUrl: gmailThreadUrlOf(options.mailboxUrl, threadId),
        messages: [
          {
            providerMessageId: messageId,
            rfcMessageId: null,
            from: draft.from,
            to: draft.to,
            cc: draft.cc,
            date: now(),
            snippet: draft.snippet,
          },
        ],
      };
      notify(await request('compose.sent', { context, bcc: draft.bcc }));
    } catch {
      notify(null);
    }
  }

  const unregisterButton = sdk.Toolbars.registerThreadButton({
    title: strings('gmailLogThreadButton'),
    iconUrl: options.iconUrl,
    positions: ['THREAD'],
    onClick: (event) => {
      const threadView = event.selectedThreadViews[0];
      if (threadView) void logThread(threadView);
    },
  });

  async function logThread(threadView: ThreadViewLike) {
    const state = await readThread(threadView, account, options.mailboxUrl, timeoutMs, options.dateOrder);
    if (state.status !== 'thread') {
      notify({ outcome: 'incomplete', otherDeals: 0 });
      return;
    }
    try {
      notify(await request('thread.logNewest', { context: state.context }));
    } catch {
      notify(null);
    }
  }

  return {
    stop() {
      unregisterCompose();
      unregisterButton();
    },
  };
}

/** The notice for a background reply; null when the background could not be reached or failed. */
function noticeOf(response: MailLogResponse | null): GmailLogStringName {
  if (!response) return 'gmailLogFailed';
  switch (response.outcome) {
    case 'logged':
      return response.otherDeals > 0 ? 'gmailLogLoggedOthers' : 'gmailLogLogged';
    case 'already-logged':
      return 'gmailLogAlreadyLogged';
    case 'no-deal':
      return 'gmailLogNoDeal';
    case 'refused':
      return 'gmailLogRefused';
    case 'incomplete':
      return 'gmailLogIncomplete';
  }
}

type Recipients = { to: MailParticipant[]; cc: MailParticipant[]; bcc: MailParticipant[] };

type Draft = Recipients & { from: MailParticipant | null; subject: string; snippet: string };

function participants(contacts: readonly { name?: string; emailAddress: string }[]): MailParticipant[] {
  return contacts
    .flatMap((contact) => {
      const parsed = mailParticipant(contact.name ?? '', contact.emailAddress);
      return parsed ? [parsed] : [];
    })
    .slice(0, MAIL_LIMITS.participants);
}

function readRecipients(composeView: ComposeViewLike): Recipients {
  try {
    return {
      to: participants(composeView.getToRecipients()),
      cc: participants(composeView.getCcRecipients()),
      bcc: participants(composeView.getBccRecipients()),
    };
  } catch {
    return { to: [], cc: [], bcc: [] };
  }
}

/** What is logged of a message being sent; null when the compose can no longer be read. */
function readDraft(composeView: ComposeViewLike): Draft | null {
  try {
    const sender = composeView.getFromContact();
    return {
      ...readRecipients(composeView),
      from: mailParticipant(sender.name, sender.emailAddress),
      subject: cleanText(composeView.getSubject(), MAIL_LIMITS.subject),
      // As the DOM adapter reads a message: the new text, without the quoted history.
      snippet: cleanText(
        textWithin(composeView.getBodyElement(), MAIL_LIMITS.snippet, GMAIL_QUOTED_TEXT),
        MAIL_LIMITS.snippet,
      ),
    };
  } catch {
    return null;
  }
}

const TOGGLE_STYLE = `
  :host { all: initial; }
  label {
    display: flex; align-items: center; gap: 6px; height: 100%; padding: 0 16px;
    font: 13px/1.4 "Google Sans", Roboto, Arial, sans-serif; color: #444746; cursor: pointer;
  }
  input { margin: 0; width: 16px; height: 16px; accent-color: #0b57d0; cursor: pointer; }
  input:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
`;

type LogToggle = {
  isOn(): boolean;
  /** Follows whether the recipients match, until the rep flips the toggle: then the rep's choice stays. */
  setDefault(on: boolean): void;
};

/**
 * A labelled checkbox in the compose's status bar, inside a closed shadow root: Gmail's styles and
 * scripts see only the host element. It starts off until the background says the recipients match.
 */
function mountLogToggle(composeView: ComposeViewLike, label: string): LogToggle {
  const statusBar = composeView.addStatusBar({ height: 32 });
  const shadow = statusBar.el.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = TOGGLE_STYLE;
  const labelElement = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'checkbox';
  let chosenByRep = false;
  input.addEventListener('change', () => {
    chosenByRep = true;
  });
  labelElement.append(input, document.createTextNode(label));
  shadow.append(style, labelElement);
  return {
    isOn: () => input.checked,
    setDefault(on) {
      if (!chosenByRep) input.checked = on;
    },
  };
}
