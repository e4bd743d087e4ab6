import { defineMailAdapter, type MailAdapter, textWithin, UnreadableError } from '../adapter';
import {
  cleanText,
  findAddressIn,
  type Participant,
  ParticipantList,
  parseAddressList,
  toParticipant,
} from '../addresses';
import { type DateOrder, dateOrderFor, parseDisplayedDate } from '../mail-dates';
import { MAIL_LIMITS, type MailMessage, type MailPageState } from '../mail-page-state';
import { collectBodies, type IdentifiedMessage } from '../message-bodies';
import {
  type OutlookLocation,
  outlookConversationUrl,
  outlookDeeplinkUrl,
  parseOutlookUrl,
} from './outlook-url';
import { OUTLOOK_QUOTED_HISTORY_START, OUTLOOK_QUOTED_TEXT, OUTLOOK_SELECTORS, outlook } from './selectors';

/** The first address any account element shows: the Me button (work) or the folder tree root (consumer). */
export function readOutlookAccount(document: Document): string | null {
  for (const selector of [...OUTLOOK_SELECTORS['account.me'], ...OUTLOOK_SELECTORS['account.folderRoot']]) {
    const element = document.querySelector(selector);
    if (!element) continue;
    const address =
      findAddressIn(element.getAttribute('aria-label')) ??
      findAddressIn(element.getAttribute('title')) ??
      findAddressIn(element.textContent);
    if (address) return address;
  }
  return null;
}

/**
 * Message containers, found structurally so that no localized label is needed: each date element
 * (id ending in _DATETIME) belongs to the largest ancestor below the pane holding no other date.
 */
function messageContainers(pane: Element): Element[] {
  const dates = outlook.queryAll(pane, 'message.date');
  if (dates.length === 0) return outlook.queryAll(pane, 'message.container');
  const dateCount = new Map<Element, number>();
  for (const date of dates) {
    for (let node = date.parentElement; node && node !== pane; node = node.parentElement) {
      dateCount.set(node, (dateCount.get(node) ?? 0) + 1);
    }
  }
  return dates.map((date) => {
    let container: Element = date;
    for (
      let node = date.parentElement;
      node && node !== pane && dateCount.get(node) === 1;
      node = node.parentElement
    ) {
      container = node;
    }
    return container;
  });
}

/** The label before the people ("To:", "收件者：") is dropped; what is left is a header-style list. */
function stripLineLabel(text: string): string {
  return text.replace(/^\s*[^<>@"]{1,20}?[:：]\s*/, '');
}

function personaParticipant(persona: Element): Participant | null {
  const address = findAddressIn(persona.getAttribute('title')) ?? findAddressIn(persona.textContent);
  return toParticipant(persona.textContent, address);
}

function participantsOf(line: Element | null, list: ParticipantList): void {
  if (!line) return;
  const personas = outlook.queryAll(line, 'message.persona');
  if (personas.length > 0) {
    for (const persona of personas) list.add(personaParticipant(persona));
    return;
  }
  const parsed = parseAddressList(stripLineLabel(line.textContent ?? ''));
  for (const participant of parsed.participants) list.add(participant);
  for (let index = 0; index < parsed.dropped; index += 1) list.drop();
}

/**
 * Each message container with its `providerMessageId`: the deeplink's item id when the pane shows
 * that one message, else the per-message prefix of the date element's id, else the position.
 */
function identifiedMessages(pane: Element, singleItemId: string | null): IdentifiedMessage[] {
  const containers = messageContainers(pane);
  return containers.map((element, index) => {
    const preferred = singleItemId && containers.length === 1 ? singleItemId : null;
    const idFromDate = outlook.queryFirst(element, 'message.date')?.id.replace(/_DATETIME$/, '') ?? '';
    return {
      providerMessageId: cleanText(preferred || idFromDate || `message-${index}`, MAIL_LIMITS.id),
      element,
    };
  });
}

function readMessage(container: Element, providerMessageId: string, order: DateOrder): MailMessage | null {
  if (!providerMessageId) return null;
  const dateElement = outlook.queryFirst(container, 'message.date');
  const from = new ParticipantList(1);
  const to = new ParticipantList();
  const fromLine = outlook.queryFirst(container, 'message.from');
  const toLine = outlook.queryFirst(container, 'message.to');
  participantsOf(fromLine, from);
  participantsOf(toLine, to);
  if (!fromLine) {
    // No labelled From line (collapsed messages, or labels in a language not listed): the header's
    // first persona is the sender, and without a To line the others are recipients.
    const personas = outlook
      .queryAll(container, 'message.persona')
      .filter((persona) => !persona.closest('[role="document"]'));
    const [sender, ...others] = personas;
    if (sender) from.add(personaParticipant(sender));
    if (!toLine) for (const other of others) to.add(personaParticipant(other));
  }
  const cc = new ParticipantList();
  participantsOf(outlook.queryFirst(container, 'message.cc'), cc);
  const body = outlook.queryFirst(container, 'message.body');
  return {
    providerMessageId,
    // Outlook's reading pane does not show the Internet Message-ID.
    rfcMessageId: null,
    from: (from.participants[0] as Participant | undefined) ?? null,
    to: to.participants,
    cc: cc.participants,
    date: parseDisplayedDate(dateElement?.getAttribute('title') || dateElement?.textContent, order),
    snippet: body
      ? cleanText(textWithin(body, MAIL_LIMITS.snippet, OUTLOOK_QUOTED_TEXT), MAIL_LIMITS.snippet)
      : '',
  };
}

function readMessages(pane: Element, document: Document, singleItemId: string | null): MailMessage[] {
  const order = dateOrderFor(document.documentElement.lang);
  const identified = identifiedMessages(pane, singleItemId);
  if (identified.length === 0) throw new UnreadableError('outlook.message.date');
  const messages: MailMessage[] = [];
  for (const { element, providerMessageId } of identified) {
    if (messages.length >= MAIL_LIMITS.messages) break;
    const message = readMessage(element, providerMessageId, order);
    if (message) messages.push(message);
  }
  // Outlook can show the newest message on top; the context lists the oldest first.
  if (messages.every((message) => message.date !== null)) {
    messages.sort((first, second) => (first.date ?? 0) - (second.date ?? 0));
  }
  return messages;
}

function readSubject(pane: Element): string {
  for (const heading of outlook.queryAll(pane, 'pane.subject')) {
    if (heading.closest('[role="document"]')) continue;
    return cleanText(heading.getAttribute('title') || heading.textContent, MAIL_LIMITS.subject);
  }
  throw new UnreadableError('outlook.pane.subject');
}

/** The pane the adapter reads at this URL: the single item's (deeplink) or the conversation's. */
function readingPane(document: Document, location: OutlookLocation): Element | null {
  const conversation = outlook.queryFirst(document, 'pane.conversation');
  return location.deeplinkItemId ? (outlook.queryFirst(document, 'pane.item') ?? conversation) : conversation;
}

function readDeeplink(
  document: Document,
  location: OutlookLocation,
  itemId: string,
  account: string | null,
): MailPageState {
  const pane = readingPane(document, location);
  if (!pane) throw new UnreadableError('outlook.pane.item');
  const messages = readMessages(pane, document, itemId);
  const id = cleanText(itemId, MAIL_LIMITS.id);
  if (!id) throw new UnreadableError('outlook.url.itemId');
  return {
    status: 'thread',
    context: {
      provider: 'outlook',
      account,
      threadId: id,
      subject: readSubject(pane),
      threadUrl: outlookDeeplinkUrl(location, id),
      messages,
    },
  };
}

function readOutlookPage(document: Document, url: string): MailPageState {
  const location = parseOutlookUrl(url);
  if (!location) throw new UnreadableError('outlook.url');
  const account = readOutlookAccount(document);
  if (location.deeplinkItemId) return readDeeplink(document, location, location.deeplinkItemId, account);

  const pane = outlook.queryFirst(document, 'pane.conversation');
  const selectedRow = outlook.queryFirst(document, 'list.selectedRow');
  const conversationId = cleanText(
    location.conversationId ?? selectedRow?.getAttribute('data-convid'),
    MAIL_LIMITS.id,
  );
  if (!pane) {
    // A selected row with no reading pane is the list with the pane turned off: no thread open.
    if (location.conversationId) throw new UnreadableError('outlook.pane.conversation');
    return { status: 'no-thread', provider: 'outlook', account };
  }
  if (!conversationId) {
    // The pane shows "select an item to read" until a conversation is opened.
    if (outlook.queryAll(pane, 'message.date').length === 0)
      return { status: 'no-thread', provider: 'outlook', account };
    throw new UnreadableError('outlook.thread.id');
  }
  return {
    status: 'thread',
    context: {
      provider: 'outlook',
      account,
      threadId: conversationId,
      subject: readSubject(pane),
      threadUrl: outlookConversationUrl(location, conversationId),
      messages: readMessages(pane, document, null),
    },
  };
}

export const outlookAdapter: MailAdapter = defineMailAdapter('outlook', readOutlookPage);

/**
 * The plain-text bodies of the open conversation's messages with these ids, found and named exactly
 * as the adapter does (the URL decides the pane and the deeplink's id). Quoted history is left out:
 * everything from Outlook's reply header on, and quoted blocks; collapsed messages are absent.
 */
export function readOutlookBodies(
  document: Document,
  providerMessageIds: readonly string[],
  url: string,
): Map<string, string> {
  const location = parseOutlookUrl(url);
  const pane = location ? readingPane(document, location) : null;
  if (!location || !pane) return new Map();
  return collectBodies(
    identifiedMessages(pane, location.deeplinkItemId),
    providerMessageIds,
    (element) => outlook.queryFirst(element, 'message.body'),
    { exclude: OUTLOOK_QUOTED_TEXT, stopAt: OUTLOOK_QUOTED_HISTORY_START },
  );
}
