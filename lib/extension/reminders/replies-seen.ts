import type { OpenThread } from '../../mail-page/mail-page-state';
import { SETTINGS_KEY, settingsSchema } from '../../shared/model';
import { validateRecord } from '../db/collections';
import type { DealsideDatabase } from '../db/database';
import { isOpenReminder } from './reminders-write';
import { newestReplyDate, ownMailboxes, updatedReplySeenAt } from './reply-rule';

/**
 * A mail tab showed a thread: the open "only if no reply" reminders of that thread (the
 * `thread.threadId` index) learn the newest message date from someone other than the user, so
 * that the reminder can complete silently when it falls due. Returns how many were updated.
 */
export async function recordRepliesSeen(
  database: DealsideDatabase,
  context: OpenThread,
  now: number = Date.now(),
): Promise<number> {
  return database.transaction('rw', database.reminders, database.settings, async () => {
    const reminders = await database.reminders
      .where('thread.threadId')
      .equals(context.threadId)
      .filter(
        (reminder) =>
          isOpenReminder(reminder) &&
          reminder.onlyIfNoReply &&
          reminder.thread?.provider === context.provider,
      )
      .toArray();
    if (reminders.length === 0) return 0;
    const settings = settingsSchema.safeParse(await database.settings.get(SETTINGS_KEY));
    const userEmail = settings.success ? settings.data.user.email : null;
    const updates = reminders.flatMap((reminder) => {
      const seen = newestReplyDate(
        context,
        ownMailboxes([userEmail, reminder.thread?.account, context.account]),
      );
      const replySeenAt = seen === null ? null : updatedReplySeenAt(reminder, seen);
      return replySeenAt === null
        ? []
        : [validateRecord('reminders', { ...reminder, replySeenAt, updatedAt: now })];
    });
    // An empty write would still be broadcast, refreshing every open view for nothing.
    if (updates.length > 0) await database.reminders.bulkPut(updates);
    return updates.length;
  });
}
