import { type Id, newId, type Reminder, type ReminderCompletion, reminderSchema } from '../../shared/model';
import { putRecord } from '../db/collections';
import type { DealsideDatabase } from '../db/database';
import { checkRecord, type FieldProblem, InvalidFormError } from '../db/field-problems';

export type NewReminderInput = Pick<
  Reminder,
  'title' | 'note' | 'dueAt' | 'dealId' | 'contactId' | 'thread' | 'onlyIfNoReply'
> & { source?: Reminder['source'] };

/** Statuses that still fire: a snoozed reminder is pending with a later due time. */
export const OPEN_REMINDER_STATUSES = ['pending', 'snoozed'] as const;

export function isOpenReminder(reminder: Reminder): boolean {
  return !reminder.deleted && reminder.status !== 'done';
}

/**
 * Stores a new reminder. A due time in the past is allowed (the UI asks first): it fires at once.
 * Every invalid field is reported together, as `reminder.<field>`, and nothing is stored.
 */
export async function createReminder(
  database: DealsideDatabase,
  input: NewReminderInput,
  now: number = Date.now(),
): Promise<Reminder> {
  const problems: FieldProblem[] = [];
  const reminder = checkRecord(
    reminderSchema,
    'reminder',
    {
      // The input first: a caller's object carrying more than its type (a stored record, a message
      // payload) must not make the new reminder done, deleted or already fired.
      ...input,
      id: newId(now),
      createdAt: now,
      updatedAt: now,
      deleted: false,
      status: 'pending',
      source: input.source ?? 'manual',
      firedAt: null,
      replySeenAt: null,
      completedAt: null,
      completion: null,
    },
    problems,
  );
  if (!reminder) throw new InvalidFormError(problems);
  await putRecord(database, 'reminders', reminder);
  return reminder;
}

/** Changes one open reminder in a transaction; null when it is gone or already done. */
async function updateOpenReminder(
  database: DealsideDatabase,
  id: Id,
  change: (reminder: Reminder) => Reminder,
): Promise<Reminder | null> {
  return database.transaction('rw', database.reminders, async () => {
    const stored = await database.reminders.get(id);
    if (!stored || !isOpenReminder(stored)) return null;
    return putRecord(database, 'reminders', change(stored));
  });
}

/** Moves the due time; the reminder fires again at `until` (its earlier notification is forgotten). */
export function snoozeReminder(
  database: DealsideDatabase,
  id: Id,
  until: number,
  now: number = Date.now(),
): Promise<Reminder | null> {
  return updateOpenReminder(database, id, (reminder) => ({
    ...reminder,
    status: 'snoozed',
    dueAt: until,
    firedAt: null,
    updatedAt: now,
  }));
}

/** Ends a reminder: done by the rep, or 'replied' when the other party answered first. */
export function completeReminder(
  database: DealsideDatabase,
  id: Id,
  completion: ReminderCompletion,
  now: number = Date.now(),
): Promise<Reminder | null> {
  return updateOpenReminder(database, id, (reminder) => ({
    ...reminder,
    status: 'done',
    completion,
    completedAt: now,
    updatedAt: now,
  }));
}

/** Removes a reminder as a tombstone (sync carries the deletion). */
export async function deleteReminder(
  database: DealsideDatabase,
  id: Id,
  now: number = Date.now(),
): Promise<void> {
  await database.transaction('rw', database.reminders, async () => {
    const stored = await database.reminders.get(id);
    if (!stored || stored.deleted) return;
    await putRecord(database, 'reminders', { ...stored, deleted: true, updatedAt: now });
  });
}

/** Every open reminder, soonest first, from the `[status+dueAt]` index. */
export async function openReminders(database: DealsideDatabase): Promise<Reminder[]> {
  const lists = await Promise.all(
    OPEN_REMINDER_STATUSES.map((status) =>
      database.reminders
        .where('[status+dueAt]')
        .between([status, -Infinity], [status, Infinity])
        .filter((reminder) => !reminder.deleted)
        .toArray(),
    ),
  );
  return lists.flat().sort((left, right) => left.dueAt - right.dueAt || left.id.localeCompare(right.id));
}
