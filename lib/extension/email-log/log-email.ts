import type { MailMessage, OpenThread } from '../../mail-page/mail-page-state';
import {
  type EmailActivity,
  type EmailDetails,
  emailMessageKey,
  type Id,
  type MailParticipant,
  newId,
} from '../../shared/model';
import { normalizeAddress } from '../../shared/model/address';
import { compileNeverLog } from '../../shared/model/never-log';
import { validateRecord } from '../db/collections';
import type { DealsideDatabase } from '../db/database';

/** The longest body stored when the rep turned body logging on (the schema's limit). */
export const MAX_LOGGED_BODY_LENGTH = 1_000_000;

export type LogEmailRequest = {
  dealId: Id;
  context: OpenThread;
  /** Which of the thread's messages to log, by the mail site's message id. */
  providerMessageIds: readonly string[];
  authorId: Id;
  /** The rep's never-log patterns (settings). */
  neverLog: readonly string[];
  /** Message bodies by provider message id; only given when the rep turned body logging on. */
  bodies?: ReadonlyMap<string, string>;
};

export type RefusedMessage = { providerMessageId: string; pattern: string };

export type LogEmailResult = {
  /** Activities this action made live (new, or restored after a removal): what undo removes. */
  logged: EmailActivity[];
  /** Messages that were already on the deal and were left as they are. */
  alreadyLogged: number;
  /** Messages with a correspondent on the never-log list, with the pattern that refused each. */
  refused: RefusedMessage[];
  /** Messages the page did not show fully (no sender or no date): they cannot be recorded. */
  incomplete: number;
};

export class DealGoneError extends Error {
  constructor() {
    super('The deal no longer exists.');
    this.name = 'DealGoneError';
  }
}

/** The message a rep is reading: the thread's newest one (mail pages show it expanded). */
export function openMessageOf(context: OpenThread): MailMessage | null {
  return context.messages.at(-1) ?? null;
}

function participantsOf(message: MailMessage): MailParticipant[] {
  return [...(message.from ? [message.from] : []), ...message.to, ...message.cc];
}

/** What an email activity stores of a message; null when the page did not show its sender. */
export function emailDetailsOf(
  context: OpenThread,
  message: MailMessage,
  body: string | null,
): EmailDetails | null {
  if (!message.from) return null;
  return {
    provider: context.provider,
    providerMessageId: message.providerMessageId,
    rfcMessageId: message.rfcMessageId,
    threadId: context.threadId,
    threadUrl: context.threadUrl,
    from: message.from,
    to: message.to,
    cc: message.cc,
    subject: context.subject,
    snippet: message.snippet,
    body: body === null ? null : body.slice(0, MAX_LOGGED_BODY_LENGTH),
  };
}

/**
 * Records messages of a thread as email activities on a deal, exactly once per deal and message.
 *
 * Exactly once: the duplicate check and the writes happen in one read-write transaction, and
 * IndexedDB runs read-write transactions over the same tables one after another, across every
 * extension context (sidebar frame, side panel, background). So two clicks, or a log from Gmail's
 * frame racing one from the side panel, see each other's writes: the second finds the first's
 * activity by its message key and adds nothing. The unique `messageKey` index is the last guard.
 * A message removed from the deal earlier keeps its key as a tombstone and is restored, not re-added.
 *
 * Messages are refused, not half-written: any failure aborts the transaction and nothing is stored.
 */
export async function logEmails(
  database: DealsideDatabase,
  request: LogEmailRequest,
  now: number = Date.now(),
): Promise<LogEmailResult> {
  const matchNeverLog = compileNeverLog(request.neverLog);
  const wanted = new Set(request.providerMessageIds);
  const result: LogEmailResult = { logged: [], alreadyLogged: 0, refused: [], incomplete: 0 };
  const candidates = new Map<string, { message: MailMessage; email: EmailDetails; occurredAt: number }>();

  for (const message of request.context.messages) {
    if (!wanted.has(message.providerMessageId)) continue;
    const pattern = participantsOf(message)
      .map((participant) => matchNeverLog(participant.address))
      .find((match) => match !== null);
    if (pattern) {
      result.refused.push({ providerMessageId: message.providerMessageId, pattern });
      continue;
    }
    const email = emailDetailsOf(
      request.context,
      message,
      request.bodies?.get(message.providerMessageId) ?? null,
    );
    if (!email || message.date === null) {
      result.incomplete++;
      continue;
    }
    // The same message twice in one thread (a page listing it twice) is one message.
    const key = emailMessageKey(request.dealId, email);
    if (!candidates.has(key)) candidates.set(key, { message, email, occurredAt: message.date });
  }
  if (candidates.size === 0) return result;

  const { activities, deals, contacts } = database;
  const keys = [...candidates.keys()];
  const addressKeys = [
    ...new Set(
      [...candidates.values()].flatMap(({ message }) =>
        participantsOf(message).map((participant) => normalizeAddress(participant.address)),
      ),
    ),
  ];
  return database.transaction('rw', [activities, deals, contacts], async () => {
    // The three reads are independent: issued together, they cost one round trip, not three.
    const [deal, existingRows, contactRows] = await Promise.all([
      deals.get(request.dealId),
      activities.where('messageKey').anyOf(keys).toArray(),
      contacts.where('addressKeys').anyOf(addressKeys).toArray(),
    ]);
    if (!deal || deal.deleted) throw new DealGoneError();
    const existing = new Map(
      existingRows.map((activity) => [activity.kind === 'email' ? activity.messageKey : '', activity]),
    );
    const knownContacts = contactRows.filter((contact) => !contact.deleted);

    const toStore: EmailActivity[] = [];
    for (const [key, { message, email, occurredAt }] of candidates) {
      const previous = existing.get(key);
      if (previous && !previous.deleted) {
        result.alreadyLogged++;
        continue;
      }
      const messageKeys = new Set(
        participantsOf(message).map((participant) => normalizeAddress(participant.address)),
      );
      const contactIds = knownContacts
        .filter((contact) => contact.emails.some((address) => messageKeys.has(normalizeAddress(address))))
        .map((contact) => contact.id);
      toStore.push(
        validateRecord('activities', {
          id: previous?.id ?? newId(now),
          createdAt: previous?.createdAt ?? now,
          updatedAt: now,
          deleted: false,
          kind: 'email',
          dealId: deal.id,
          contactIds,
          companyId: deal.companyId,
          occurredAt,
          authorId: request.authorId,
          email,
          messageKey: key,
        }) as EmailActivity,
      );
    }
    await activities.bulkPut(toStore);
    result.logged = toStore;
    return result;
  });
}

/**
 * Which of the thread's messages are already on each deal, by provider message id: the sidebar
 * shows "Logged" for them. One index lookup for every deal and message.
 */
export async function loggedMessageIds(
  database: DealsideDatabase,
  dealIds: readonly Id[],
  context: OpenThread,
): Promise<Record<Id, string[]>> {
  const keyOwners = new Map<string, { dealId: Id; providerMessageId: string }>();
  for (const dealId of dealIds) {
    for (const message of context.messages) {
      const key = emailMessageKey(dealId, { provider: context.provider, ...message });
      keyOwners.set(key, { dealId, providerMessageId: message.providerMessageId });
    }
  }
  const logged: Record<Id, string[]> = Object.fromEntries(dealIds.map((dealId) => [dealId, []]));
  if (keyOwners.size === 0) return logged;
  const rows = await database.activities
    .where('messageKey')
    .anyOf([...keyOwners.keys()])
    .toArray();
  for (const row of rows) {
    if (row.deleted || row.kind !== 'email') continue;
    const owner = keyOwners.get(row.messageKey);
    if (owner) logged[owner.dealId]?.push(owner.providerMessageId);
  }
  return logged;
}
