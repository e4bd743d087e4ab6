import type { OpenThread } from '../../mail-page/mail-page-state';
import type { EmailActivity, Reminder } from '../../shared/model';
import { normalizeAddress } from '../../shared/model/address';

/**
 * "Only if they haven't replied": the rule that decides, at due time, whether the other party has
 * answered on the reminder's thread since the reminder was set. Pure, so it can be tested without
 * a browser; the scheduler gathers the evidence (docs/architecture.md, "Reminders").
 */

/** The user's own mailboxes: the settings' address and the account the thread lives in. */
export function ownMailboxes(addresses: readonly (string | null | undefined)[]): ReadonlySet<string> {
  return new Set(addresses.filter((address): address is string => Boolean(address)).map(normalizeAddress));
}

function isFromOtherParty(address: string, own: ReadonlySet<string>): boolean {
  return !own.has(normalizeAddress(address));
}

/**
 * The newest date of a message in the thread the page shows whose sender is not the user. Messages
 * the page shows without a sender or a date (some collapsed ones) cannot count.
 */
export function newestReplyDate(context: OpenThread, own: ReadonlySet<string>): number | null {
  let newest: number | null = null;
  for (const message of context.messages) {
    if (!message.from || message.date === null) continue;
    if (!isFromOtherParty(message.from.address, own)) continue;
    if (newest === null || message.date > newest) newest = message.date;
  }
  return newest;
}

/** Has a message from someone other than the user arrived on the reminder's thread since it was set? */
export function hasReplied(
  reminder: Pick<Reminder, 'createdAt' | 'replySeenAt' | 'thread'>,
  loggedEmails: readonly EmailActivity[],
  own: ReadonlySet<string>,
): boolean {
  if (reminder.replySeenAt !== null && reminder.replySeenAt > reminder.createdAt) return true;
  const thread = reminder.thread;
  if (!thread) return false;
  return loggedEmails.some(
    (activity) =>
      !activity.deleted &&
      activity.email.provider === thread.provider &&
      activity.email.threadId === thread.threadId &&
      activity.occurredAt > reminder.createdAt &&
      isFromOtherParty(activity.email.from.address, own),
  );
}

/** The replySeenAt a reminder should carry after the page showed its thread; null when unchanged. */
export function updatedReplySeenAt(reminder: Pick<Reminder, 'replySeenAt'>, seen: number): number | null {
  return reminder.replySeenAt === null || seen > reminder.replySeenAt ? seen : null;
}
