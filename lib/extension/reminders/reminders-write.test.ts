import { describe, expect, it } from 'vitest';
import type { DealsideDatabase } from '@/lib/extension/db/database';
import { InvalidFormError } from '@/lib/extension/db/field-problems';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeReminder, NOW } from '@/tests/unit/records';
import {
  completeReminder,
  createReminder,
  deleteReminder,
  isOpenReminder,
  type NewReminderInput,
  openReminders,
  snoozeReminder,
} from './reminders-write';

const HOUR = 3600_000;
const THREAD = {
  provider: 'gmail' as const,
  account: 'xiaoming.wang@example.com',
  threadId: '18c2f0a1b2c3d4e5',
  threadUrl: 'https://mail.google.com/mail/u/0/#inbox/18c2f0a1b2c3d4e5',
  subject: '報價單確認',
};

function input(fields: Partial<NewReminderInput> = {}): NewReminderInput {
  return {
    title: 'Follow up on the quote',
    note: '',
    dueAt: NOW + HOUR,
    dealId: null,
    contactId: null,
    thread: THREAD,
    onlyIfNoReply: true,
    ...fields,
  };
}

async function problemsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(InvalidFormError);
  return (error as InvalidFormError).problems.map((problem) => problem.field).sort();
}

async function stored(database: DealsideDatabase) {
  return database.reminders.toArray();
}

describe('createReminder', () => {
  it('stores a pending manual reminder that has not fired', async () => {
    const database = isolatedDatabase('create');
    const reminder = await createReminder(database, input(), NOW);
    expect(reminder).toMatchObject({
      title: 'Follow up on the quote',
      dueAt: NOW + HOUR,
      thread: THREAD,
      status: 'pending',
      source: 'manual',
      onlyIfNoReply: true,
      firedAt: null,
      replySeenAt: null,
      completedAt: null,
      completion: null,
      createdAt: NOW,
      updatedAt: NOW,
      deleted: false,
    });
    expect(await database.reminders.get(reminder.id)).toEqual(reminder);
  });

  it('keeps a next-step source when asked', async () => {
    const database = isolatedDatabase('create-source');
    const reminder = await createReminder(database, input({ source: 'next-step' }), NOW);
    expect(reminder.source).toBe('next-step');
  });

  it('allows a due time in the past: it is open and fires at once', async () => {
    const database = isolatedDatabase('create-past');
    const reminder = await createReminder(database, input({ dueAt: NOW - 24 * HOUR }), NOW);
    expect(reminder.dueAt).toBe(NOW - 24 * HOUR);
    expect((await openReminders(database)).map((open) => open.id)).toEqual([reminder.id]);
  });

  it('reports every invalid field together and stores nothing', async () => {
    const database = isolatedDatabase('create-invalid');
    const fields = await problemsOf(
      createReminder(
        database,
        input({
          title: '   ',
          dueAt: Number.NaN,
          thread: { ...THREAD, threadUrl: 'javascript:alert(1)' },
          dealId: 'not an id',
        }),
        NOW,
      ),
    );
    expect(fields).toEqual(['reminder.dealId', 'reminder.dueAt', 'reminder.thread', 'reminder.title']);
    expect(await stored(database)).toEqual([]);
  });

  it('refuses a title longer than 500 characters', async () => {
    const database = isolatedDatabase('create-long');
    expect(await problemsOf(createReminder(database, input({ title: 'x'.repeat(501) }), NOW))).toEqual([
      'reminder.title',
    ]);
  });

  it('does not let input overwrite the fields it owns', async () => {
    const database = isolatedDatabase('create-owned');
    // A caller passing a stored record's fields must still get a fresh, pending reminder.
    const sneaky = { ...input(), status: 'done', deleted: true, firedAt: NOW } as NewReminderInput;
    const reminder = await createReminder(database, sneaky, NOW);
    expect(reminder).toMatchObject({ status: 'pending', deleted: false, firedAt: null });
  });
});

describe('changing a reminder', () => {
  async function withReminder(name: string, fields = {}) {
    const database = isolatedDatabase(name);
    const reminder = makeReminder({ firedAt: NOW + 3 * 24 * HOUR, ...fields });
    await database.reminders.add(reminder);
    return { database, reminder };
  }

  it('snoozes: status snoozed, the new due time, not fired yet', async () => {
    const { database, reminder } = await withReminder('snooze');
    const later = NOW + 10 * 24 * HOUR;
    const snoozed = await snoozeReminder(database, reminder.id, later, NOW + HOUR);
    expect(snoozed).toMatchObject({ status: 'snoozed', dueAt: later, firedAt: null, updatedAt: NOW + HOUR });
    expect(await database.reminders.get(reminder.id)).toEqual(snoozed);
  });

  it('snoozes a snoozed reminder again', async () => {
    const { database, reminder } = await withReminder('snooze-twice', { status: 'snoozed' });
    const snoozed = await snoozeReminder(database, reminder.id, NOW + 5 * HOUR, NOW);
    expect(snoozed?.dueAt).toBe(NOW + 5 * HOUR);
  });

  it('refuses an invalid snooze time and keeps the reminder', async () => {
    const { database, reminder } = await withReminder('snooze-invalid');
    await expect(snoozeReminder(database, reminder.id, Number.NaN, NOW)).rejects.toThrow();
    expect(await database.reminders.get(reminder.id)).toEqual(reminder);
  });

  it('completes as done or replied, with the time', async () => {
    const { database, reminder } = await withReminder('complete');
    const done = await completeReminder(database, reminder.id, 'done', NOW + HOUR);
    expect(done).toMatchObject({ status: 'done', completion: 'done', completedAt: NOW + HOUR });
    expect(await database.reminders.get(reminder.id)).toEqual(done);
    expect(done && isOpenReminder(done)).toBe(false);

    const { database: other, reminder: second } = await withReminder('complete-replied');
    expect(await completeReminder(other, second.id, 'replied', NOW)).toMatchObject({
      status: 'done',
      completion: 'replied',
    });
  });

  it('deletes as a tombstone', async () => {
    const { database, reminder } = await withReminder('delete');
    await deleteReminder(database, reminder.id, NOW + HOUR);
    expect(await database.reminders.get(reminder.id)).toEqual({
      ...reminder,
      deleted: true,
      updatedAt: NOW + HOUR,
    });
    expect(await openReminders(database)).toEqual([]);
  });

  it('changes nothing on a done or deleted reminder, or one that never existed', async () => {
    const { database } = await withReminder('closed');
    const done = makeReminder({ status: 'done', completion: 'done', completedAt: NOW });
    const deleted = makeReminder({ deleted: true });
    await database.reminders.bulkAdd([done, deleted]);
    const before = await stored(database);

    for (const id of [done.id, deleted.id, 'missing']) {
      expect(await snoozeReminder(database, id, NOW + HOUR, NOW + HOUR)).toBeNull();
      expect(await completeReminder(database, id, 'done', NOW + HOUR)).toBeNull();
      expect(await completeReminder(database, id, 'replied', NOW + HOUR)).toBeNull();
    }
    await deleteReminder(database, deleted.id, NOW + HOUR);
    await deleteReminder(database, 'missing', NOW + HOUR);
    expect(await stored(database)).toEqual(before);
  });

  it('still deletes a done reminder (the rep clears it from the list)', async () => {
    const { database } = await withReminder('delete-done');
    const done = makeReminder({ status: 'done', completion: 'done', completedAt: NOW });
    await database.reminders.add(done);
    await deleteReminder(database, done.id, NOW + HOUR);
    expect((await database.reminders.get(done.id))?.deleted).toBe(true);
  });
});

describe('openReminders', () => {
  it('lists pending and snoozed reminders soonest first, without done or deleted ones', async () => {
    const database = isolatedDatabase('open');
    const at = (hours: number) => NOW + hours * HOUR;
    const reminders = [
      makeReminder({ title: 'later', dueAt: at(5) }),
      makeReminder({ title: 'snoozed', status: 'snoozed', dueAt: at(2) }),
      makeReminder({ title: 'overdue', dueAt: at(-30) }),
      makeReminder({ title: 'done', status: 'done', completion: 'done', completedAt: NOW, dueAt: at(1) }),
      makeReminder({ title: 'deleted', deleted: true, dueAt: at(1) }),
      makeReminder({ title: 'deleted snoozed', status: 'snoozed', deleted: true, dueAt: at(3) }),
      makeReminder({ title: 'same time', dueAt: at(5) }),
    ];
    await database.reminders.bulkAdd(reminders);
    const titles = (await openReminders(database)).map((reminder) => reminder.title);
    // Equal due times fall back to the id, which is made in creation order here.
    expect(titles).toEqual(['overdue', 'snoozed', 'later', 'same time']);
  });

  it('is empty for an empty database', async () => {
    expect(await openReminders(isolatedDatabase('open-empty'))).toEqual([]);
  });
});
