import { queryOptions } from '@tanstack/react-query';
import type { Id, Reminder } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import { isOpenReminder, openReminders } from '../reminders/reminders-write';

/** How long a reminder that completed because they replied stays in the lists. */
export const REPLIED_SHOWN_FOR_MS = 7 * 24 * 3_600_000;

export type ReminderItem = {
  reminder: Reminder;
  /** The deal's title; null when the reminder has no deal or the deal is gone. */
  dealTitle: string | null;
  /** The reminder names a deal that was deleted (it still fires, and says so). */
  dealGone: boolean;
};

export type ReminderLists = {
  /** Pending and snoozed, soonest first. */
  open: ReminderItem[];
  /** Completed because the other party replied, within REPLIED_SHOWN_FOR_MS; newest first. */
  replied: ReminderItem[];
};

function isRecentlyReplied(reminder: Reminder, now: number): boolean {
  return (
    !reminder.deleted &&
    reminder.status === 'done' &&
    reminder.completion === 'replied' &&
    reminder.completedAt !== null &&
    reminder.completedAt >= now - REPLIED_SHOWN_FOR_MS
  );
}

async function withDeals(
  database: DealsideDatabase,
  open: readonly Reminder[],
  replied: readonly Reminder[],
): Promise<ReminderLists> {
  const dealIds = [...new Set([...open, ...replied].flatMap((reminder) => reminder.dealId ?? []))];
  const deals = await database.deals.bulkGet(dealIds);
  const titles = new Map(
    deals.flatMap((deal) => (deal && !deal.deleted ? [[deal.id, deal.title] as const] : [])),
  );
  const item = (reminder: Reminder): ReminderItem => {
    const dealTitle = reminder.dealId ? (titles.get(reminder.dealId) ?? null) : null;
    return { reminder, dealTitle, dealGone: reminder.dealId !== null && dealTitle === null };
  };
  return { open: open.map(item), replied: replied.map(item) };
}

const byDueAt = (left: Reminder, right: Reminder) =>
  left.dueAt - right.dueAt || left.id.localeCompare(right.id);
const byCompletedDesc = (left: Reminder, right: Reminder) =>
  (right.completedAt ?? 0) - (left.completedAt ?? 0);

/** Every open reminder and the recent "they replied" completions. */
export async function loadAllReminders(database: DealsideDatabase, now: number): Promise<ReminderLists> {
  return database.transaction('r', database.reminders, database.deals, async () => {
    const [open, done] = await Promise.all([
      openReminders(database),
      database.reminders
        .where('[status+dueAt]')
        .between(['done', -Infinity], ['done', Infinity])
        .filter((reminder) => isRecentlyReplied(reminder, now))
        .toArray(),
    ]);
    return withDeals(database, open, done.sort(byCompletedDesc));
  });
}

/** The reminders of one thread and of its deals, from the `thread.threadId` and `dealId` indexes. */
export async function loadThreadReminders(
  database: DealsideDatabase,
  threadId: string,
  dealIds: readonly Id[],
  now: number,
): Promise<ReminderLists> {
  return database.transaction('r', database.reminders, database.deals, async () => {
    const [onThread, onDeals] = await Promise.all([
      database.reminders.where('thread.threadId').equals(threadId).toArray(),
      dealIds.length > 0
        ? database.reminders
            .where('dealId')
            .anyOf([...dealIds])
            .toArray()
        : [],
    ]);
    const unique = new Map([...onThread, ...onDeals].map((reminder) => [reminder.id, reminder]));
    const all = [...unique.values()];
    return withDeals(
      database,
      all.filter(isOpenReminder).sort(byDueAt),
      all.filter((reminder) => isRecentlyReplied(reminder, now)).sort(byCompletedDesc),
    );
  });
}

export type ReminderScope = { threadId: string; dealIds: readonly Id[] } | null;

/**
 * One thread's and its deals' reminders, or every reminder when `scope` is null. Every key starts
 * with 'reminders'. `now` is not in the key: the lists refetch after every write (the sidebar
 * invalidates all queries), and the view regroups them by the minute itself.
 */
export const remindersQuery = (database: DealsideDatabase, scope: ReminderScope) =>
  queryOptions({
    queryKey: scope
      ? ['reminders', 'thread', scope.threadId, [...scope.dealIds].sort()]
      : ['reminders', 'all'],
    queryFn: () =>
      scope
        ? loadThreadReminders(database, scope.threadId, scope.dealIds, Date.now())
        : loadAllReminders(database, Date.now()),
  });
