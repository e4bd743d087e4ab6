import { defineMailAdapter, type MailAdapter, textWithin, UnreadableError } from '../adapter';
import {
  cleanText,
  findAddressIn,
  type Participant,
  ParticipantList,
  parseAddress,
  toParticipant,
} from '../addresses';
import { dateOrderFor, parseDisplayedDate } from '../mail-dates';
import { MAIL_LIMITS, type MailMessage, type MailPageState } from '../mail-page-state';
import { collectBodies, type IdentifiedMessage } from '../message-bodies';
import { gmailThreadUrl, parseGmailUrl } from './gmail-url';
import { GMAIL_QUOTED_TEXT, gmail } from './selectors';

/** Localized labels of the cc row in Gmail's details table ("cc:", "副本：", "抄送：", "Cc:", "Kopie:"). */
const CC_LABEL = /^\s*(cc|副本|抄送|cópia|kopie|copie|копия)\s*[:：]?\s*$/i;
const TO_LABEL = /^\s*(to|收件者|收件人|宛先|an|à|para|кому)\s*[:：]?\s*$/i;

function participantOf(element: Element): Participant | null {
  return toParticipant(element.getAttribute('name') ?? element.textContent, element.getAttribute('email'));
}

/** "Subject - user@example.com - Gmail": the address is the segment before "Gmail". */
function accountFromTitle(title: string): string | null {
  const segments = title.slice(-400).split(' - ');
  if (segments.length < 3) return null;
  return parseAddress(segments[segments.length - 2]);
}

export function readGmailAccount(document: Document): string | null {
  const fromTitle = accountFromTitle(document.title);
  if (fromTitle) return fromTitle;
  const button = gmail.queryFirst(document, 'account.button');
  return findAddressIn(button?.getAttribute('aria-label'));
}

type Recipients = { to: Participant[]; cc: Participant[] };

function readRecipients(message: Element, sender: Element | null, body: Element | null): Recipients {
  const to = new ParticipantList();
  const cc = new ParticipantList();
  let fromDetails = false;
  for (const row of gmail.queryAll(message, 'message.detailsRow')) {
    const label = cleanText(row.firstElementChild?.textContent, 40);
    const target = CC_LABEL.test(label) ? cc : TO_LABEL.test(label) ? to : null;
    if (!target) continue;
    fromDetails = true;
    for (const chip of row.querySelectorAll('span[email]')) target.add(participantOf(chip));
  }
  if (!fromDetails) {
    const line = gmail.queryFirst(message, 'message.recipientLine');
    const chips = line
      ? gmail.queryAll(line, 'message.recipient')
      : // Without the recipient line's class: every other chip in the header.
        [...message.querySelectorAll('[email]')].filter(
          (chip) => chip !== sender && !sender?.contains(chip) && !body?.contains(chip),
        );
    for (const chip of chips) to.add(participantOf(chip));
  }
  return { to: to.participants, cc: cc.participants };
}

/** The message's `providerMessageId`: Gmail's legacy hex id (what InboxSDK reports too), else its perm id. */
function gmailMessageId(element: Element): string {
  return cleanText(
    element.getAttribute('data-legacy-message-id') ??
      element.getAttribute('data-message-id')?.replace(/^#/, ''),
    MAIL_LIMITS.id,
  );
}

/** The open thread's view: Gmail's main region holds the subject and its messages. */
function threadScope(subject: Element): ParentNode {
  return subject.closest('[role="main"]') ?? subject.ownerDocument;
}

/** The thread's message elements in page order, without reply drafts and nested duplicates. */
function threadMessages(scope: ParentNode): Element[] {
  const compose = gmail.queryAll(scope, 'thread.compose');
  return gmail.queryAll(scope, 'thread.message').filter(
    (element) =>
      !compose.some((draft) => draft.contains(element)) &&
      // Nested matches (a message element inside another) are the same message.
      !element.parentElement?.closest('[data-legacy-message-id],[data-message-id]'),
  );
}

function readMessage(element: Element, order: ReturnType<typeof dateOrderFor>): MailMessage | null {
  const providerMessageId = gmailMessageId(element);
  if (!providerMessageId) return null;
  const sender = gmail.queryFirst(element, 'message.sender');
  const dateElement = gmail.queryFirst(element, 'message.date');
  const body = gmail.queryFirst(element, 'message.body');
  const snippetSource = body
    ? textWithin(body, MAIL_LIMITS.snippet, GMAIL_QUOTED_TEXT)
    : (gmail.queryFirst(element, 'message.snippet')?.textContent ?? '');
  const { to, cc } = readRecipients(element, sender, body);
  return {
    providerMessageId,
    // Gmail's DOM never shows the RFC Message-ID.
    rfcMessageId: null,
    from: sender ? participantOf(sender) : null,
    to,
    cc,
    date: parseDisplayedDate(dateElement?.getAttribute('title') || dateElement?.textContent, order),
    snippet: cleanText(snippetSource.replace(/^\s*-\s*/, ''), MAIL_LIMITS.snippet),
  };
}

function readGmailPage(document: Document, url: string): MailPageState {
  const location = parseGmailUrl(url);
  if (!location) throw new UnreadableError('gmail.url');
  const account = readGmailAccount(document);
  if (!location.threadToken) return { status: 'no-thread', provider: 'gmail', account };

  const subject = gmail.queryFirst(document, 'thread.subject');
  if (!subject) throw new UnreadableError('gmail.thread.subject');
  const idCarrier = subject.matches('[data-legacy-thread-id],[data-thread-perm-id]')
    ? subject
    : gmail.queryFirst(document, 'thread.ids');
  const threadId =
    cleanText(idCarrier?.getAttribute('data-legacy-thread-id'), MAIL_LIMITS.id) ||
    cleanText(idCarrier?.getAttribute('data-thread-perm-id'), MAIL_LIMITS.id) ||
    location.threadToken;

  const order = dateOrderFor(document.documentElement.lang);
  const elements = threadMessages(threadScope(subject));
  const messages: MailMessage[] = [];
  for (const element of elements) {
    if (messages.length >= MAIL_LIMITS.messages) break;
    const message = readMessage(element, order);
    if (message) messages.push(message);
  }
  if (elements.length === 0) throw new UnreadableError('gmail.thread.message');
  if (messages.length === 0) throw new UnreadableError('gmail.message.id');

  return {
    status: 'thread',
    context: {
      provider: 'gmail',
      account,
      threadId,
      subject: cleanText(subject.textContent, MAIL_LIMITS.subject),
      threadUrl: gmailThreadUrl(location, location.threadToken),
      messages,
    },
  };
}

export const gmailAdapter: MailAdapter = defineMailAdapter('gmail', readGmailPage);

/**
 * The plain-text bodies of the open thread's messages with these ids, found exactly as the adapter
 * finds and names messages. Quoted history (GMAIL_QUOTED_TEXT) is left out, as in the snippet;
 * messages Gmail shows collapsed have no body in the page and are absent.
 */
export function readGmailBodies(
  document: Document,
  providerMessageIds: readonly string[],
): Map<string, string> {
  const subject = gmail.queryFirst(document, 'thread.subject');
  if (!subject) return new Map();
  const messages: IdentifiedMessage[] = threadMessages(threadScope(subject)).map((element) => ({
    providerMessageId: gmailMessageId(element),
    element,
  }));
  return collectBodies(messages, providerMessageIds, (element) => gmail.queryFirst(element, 'message.body'), {
    exclude: GMAIL_QUOTED_TEXT,
  });
}
