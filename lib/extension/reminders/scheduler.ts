import {
  type Activity,
  type EmailActivity,
  type Id,
  type Reminder,
  SETTINGS_KEY,
  type Settings,
  settingsSchema,
} from '../../shared/model';
import { validateRecord } from '../db/collections';
import type { DealsideDatabase } from '../db/database';
import { isOpenReminder, OPEN_REMINDER_STATUSES } from './reminders-write';
import { hasReplied, ownMailboxes } from './reply-rule';

/**
 * When reminders fire. Everything is decided from the database on every run — at each start of the
 * service worker or the browser, when the alarm rings, and after any change to reminders — so
 * nothing lives only in memory. The pure functions hold the rules; runReminderSchedule applies
 * them in one read-write transaction (docs/architecture.md, "Reminders").
 */

/** The one alarm: it rings at the soonest due time of an open reminder that has not fired yet. */
export const REMINDER_ALARM_NAME = 'dealside.reminders.next';

export type DueOutcome = 'fire' | 'replied';
export type DueDecision = { reminder: Reminder; outcome: DueOutcome };

/** Open and not yet notified for its current due time (a snooze resets firedAt). */
export function isWaitingToFire(reminder: Reminder): boolean {
  return isOpenReminder(reminder) && reminder.firedAt === null;
}

/**
 * What happens now to each reminder that is due and waiting: it fires, or — "only if no reply" and
 * the other party answered — it completes silently. Soonest first.
 */
export function decideDue(
  reminders: readonly Reminder[],
  now: number,
  replied: (reminder: Reminder) => boolean,
): DueDecision[] {
  return reminders
    .filter((reminder) => isWaitingToFire(reminder) && reminder.dueAt <= now)
    .sort((left, right) => left.dueAt - right.dueAt || left.id.localeCompare(right.id))
    .map((reminder) => ({
      reminder,
      outcome: reminder.onlyIfNoReply && replied(reminder) ? 'replied' : 'fire',
    }));
}

/** The record as stored after the decision: marked fired, or done because they replied. */
export function applyOutcome({ reminder, outcome }: DueDecision, now: number): Reminder {
  return outcome === 'fire'
    ? { ...reminder, firedAt: now, updatedAt: now }
    : { ...reminder, status: 'done', completion: 'replied', completedAt: now, updatedAt: now };
}

/** When the alarm should ring: the soonest due time of a reminder still waiting to fire, or never. */
export function nextAlarmAt(reminders: readonly Reminder[]): number | null {
  let soonest: number | null = null;
  for (const reminder of reminders) {
    if (isWaitingToFire(reminder) && (soonest === null || reminder.dueAt < soonest)) soonest = reminder.dueAt;
  }
  return soonest;
}

/**
 * The longest the alarm waits. A reminder written by a page while the worker is stopped is not
 * heard (Dexie's broadcast reaches running contexts only); the worker's next run finds it, and
 * this bounds how long that can take.
 */
export const RECHECK_AT_LEAST_EVERY_MS = 5 * 60 * 1000;

/** When the one alarm rings: the next due time, but never later than the recheck. */
export function alarmTime(next: number | null, now: number): number {
  const recheck = now + RECHECK_AT_LEAST_EVERY_MS;
  return next === null ? recheck : Math.min(next, recheck);
}

/** The toolbar badge's number: open reminders whose due time has come, fired or not. */
export function countDue(reminders: readonly Reminder[], now: number): number {
  return reminders.filter((reminder) => isOpenReminder(reminder) && reminder.dueAt <= now).length;
}

export type FiredReminder = {
  reminder: Reminder;
  /** The deal's title; null when the reminder has no deal; `deleted` when its deal is gone. */
  deal: { title: string } | 'deleted' | null;
};

export type ScheduleRun = {
  fired: FiredReminder[];
  replied: Reminder[];
  nextAlarmAt: number | null;
  dueCount: number;
  /** Null before any extension page created the settings record. */
  settings: Settings | null;
};

function dueRange(database: DealsideDatabase, status: Reminder['status'], now: number) {
  return database.reminders
    .where('[status+dueAt]')
    .between([status, Number.NEGATIVE_INFINITY], [status, now], true, true)
    .filter((reminder) => !reminder.deleted);
}

/** The soonest reminder of one status due after `now` that still waits to fire (stops at the first). */
function firstWaitingAfter(database: DealsideDatabase, status: Reminder['status'], now: number) {
  return database.reminders
    .where('[status+dueAt]')
    .between([status, now], [status, Number.POSITIVE_INFINITY], false, true)
    .filter(isWaitingToFire)
    .first();
}

/** The deal's email activities logged since the reminder was set (the `[dealId+occurredAt]` index). */
async function loggedEmailsSince(database: DealsideDatabase, reminder: Reminder): Promise<EmailActivity[]> {
  if (!reminder.dealId || !reminder.thread) return [];
  const activities = await database.activities
    .where('[dealId+occurredAt]')
    .between([reminder.dealId, reminder.createdAt], [reminder.dealId, Number.POSITIVE_INFINITY], false, true)
    .filter((activity) => activity.kind === 'email' && !activity.deleted)
    .toArray();
  return activities.filter((activity: Activity): activity is EmailActivity => activity.kind === 'email');
}

function parseSettings(stored: unknown): Settings | null {
  const result = settingsSchema.safeParse(stored);
  return result.success ? result.data : null;
}

/**
 * One run of the scheduler at `now`. Deciding that a reminder fires and storing its firedAt happen
 * in the same read-write transaction, and IndexedDB runs read-write transactions on a store one
 * after another, so two runs (a restart racing the alarm) can never both fire it. Reads only the
 * due part of the `[status+dueAt]` index and one row past it, whatever the number of pending
 * reminders. Showing notifications is left to the caller, after the commit.
 */
export async function runReminderSchedule(database: DealsideDatabase, now: number): Promise<ScheduleRun> {
  return database.transaction(
    'rw',
    [database.reminders, database.activities, database.deals, database.settings],
    async () => {
      const settings = parseSettings(await database.settings.get(SETTINGS_KEY));
      const due = (
        await Promise.all(OPEN_REMINDER_STATUSES.map((status) => dueRange(database, status, now).toArray()))
      ).flat();
      const waiting = due.filter((reminder) => isWaitingToFire(reminder) && reminder.onlyIfNoReply);
      const evidence = new Map<Id, EmailActivity[]>(
        await Promise.all(
          waiting.map(
            async (reminder) => [reminder.id, await loggedEmailsSince(database, reminder)] as const,
          ),
        ),
      );
      const decisions = decideDue(due, now, (reminder) =>
        hasReplied(
          reminder,
          evidence.get(reminder.id) ?? [],
          ownMailboxes([settings?.user.email, reminder.thread?.account]),
        ),
      );
      const stored = decisions.map((decision) => validateRecord('reminders', applyOutcome(decision, now)));
      // Only when something changed: every write is broadcast as 'storagemutated', which runs the
      // scheduler again, so an empty write would keep the worker busy forever.
      if (stored.length > 0) await database.reminders.bulkPut(stored);
      const fired = stored.filter((_reminder, index) => decisions[index]?.outcome === 'fire');

      const updated = new Map(stored.map((reminder) => [reminder.id, reminder]));
      const afterwards = due.map((reminder) => updated.get(reminder.id) ?? reminder);
      const later = await Promise.all(
        OPEN_REMINDER_STATUSES.map((status) => firstWaitingAfter(database, status, now)),
      );
      const deals = await database.deals.bulkGet(
        fired.map((reminder) => reminder.dealId).filter((id): id is Id => id !== null),
      );
      const dealsById = new Map(deals.flatMap((deal) => (deal ? [[deal.id, deal] as const] : [])));
      return {
        fired: fired.map((reminder) => {
          const deal = reminder.dealId ? dealsById.get(reminder.dealId) : undefined;
          return {
            reminder,
            deal: reminder.dealId === null ? null : !deal || deal.deleted ? 'deleted' : { title: deal.title },
          };
        }),
        replied: stored.filter((reminder) => reminder.completion === 'replied'),
        nextAlarmAt: nextAlarmAt(later.filter((reminder): reminder is Reminder => reminder !== undefined)),
        dueCount: countDue(afterwards, now),
        settings,
      };
    },
  );
}

/**
 * Reminders that are open and fired (their notification may be on screen), among the given ids.
 * The rest's notifications are stale: done, snoozed, or deleted elsewhere.
 */
export async function stillNotified(database: DealsideDatabase, ids: readonly Id[]): Promise<Set<Id>> {
  const reminders = await database.reminders.bulkGet([...ids]);
  return new Set(
    reminders
      .filter((reminder): reminder is Reminder => reminder !== undefined)
      .filter((reminder) => isOpenReminder(reminder) && reminder.firedAt !== null)
      .map((reminder) => reminder.id),
  );
}
