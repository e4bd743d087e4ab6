import { Dexie } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DealsideDatabase } from '@/lib/extension/db/database';
import { defaultSettings } from '@/lib/extension/db/settings';
import { newId, type Reminder } from '@/lib/shared/model';
import { isolatedDatabase, isolatedIndexedDb } from '@/tests/unit/isolated-database';
import { makeDeal, makeEmailActivity, makePipeline, makeReminder, NOW } from '@/tests/unit/records';
import {
  alarmTime,
  applyOutcome,
  countDue,
  decideDue,
  isWaitingToFire,
  nextAlarmAt,
  RECHECK_AT_LEAST_EVERY_MS,
  runReminderSchedule,
  stillNotified,
} from './scheduler';

const MINUTE = 60_000;
const THREAD = {
  provider: 'gmail' as const,
  account: 'rep@example.com',
  threadId: '18c2f0a1b2c3d4e5',
  threadUrl: 'https://mail.google.com/mail/u/0/#inbox/18c2f0a1b2c3d4e5',
  subject: '報價單確認',
};
const never = () => false;

function reminderDue(offsetMinutes: number, fields: Partial<Reminder> = {}): Reminder {
  return makeReminder({
    id: newId(NOW),
    createdAt: NOW - 60 * MINUTE,
    dueAt: NOW + offsetMinutes * MINUTE,
    ...fields,
  });
}

describe('scheduler decisions', () => {
  it('fires every open reminder that is due and has not fired, soonest first', () => {
    const late = reminderDue(-1);
    const early = reminderDue(-30, { status: 'snoozed' });
    const exactlyNow = reminderDue(0);
    const reminders = [
      late,
      early,
      exactlyNow,
      reminderDue(1),
      reminderDue(-5, { firedAt: NOW - 5 * MINUTE }),
      reminderDue(-5, { status: 'done', completion: 'done', completedAt: NOW }),
      reminderDue(-5, { deleted: true }),
    ];
    expect(decideDue(reminders, NOW, never)).toEqual([
      { reminder: early, outcome: 'fire' },
      { reminder: late, outcome: 'fire' },
      { reminder: exactlyNow, outcome: 'fire' },
    ]);
  });

  it('completes as replied only reminders that asked for it', () => {
    const asked = reminderDue(-1, { onlyIfNoReply: true });
    const notAsked = reminderDue(-2);
    const decisions = decideDue([asked, notAsked], NOW, () => true);
    expect(decisions.map((decision) => decision.outcome)).toEqual(['fire', 'replied']);
    expect(applyOutcome({ reminder: asked, outcome: 'replied' }, NOW)).toMatchObject({
      status: 'done',
      completion: 'replied',
      completedAt: NOW,
      firedAt: null,
    });
    expect(applyOutcome({ reminder: notAsked, outcome: 'fire' }, NOW)).toMatchObject({
      status: 'pending',
      firedAt: NOW,
      completion: null,
    });
  });

  it('sets the alarm for the soonest reminder still waiting to fire', () => {
    expect(nextAlarmAt([])).toBeNull();
    expect(
      nextAlarmAt([
        reminderDue(10),
        reminderDue(3, { status: 'snoozed' }),
        reminderDue(1, { firedAt: NOW }),
        reminderDue(2, { status: 'done' }),
        reminderDue(2, { deleted: true }),
      ]),
    ).toBe(NOW + 3 * MINUTE);
  });

  it('rings for the next due time, and at least every few minutes to find reminders written meanwhile', () => {
    expect(alarmTime(NOW + MINUTE, NOW)).toBe(NOW + MINUTE);
    expect(alarmTime(NOW + 60 * MINUTE, NOW)).toBe(NOW + RECHECK_AT_LEAST_EVERY_MS);
    expect(alarmTime(null, NOW)).toBe(NOW + RECHECK_AT_LEAST_EVERY_MS);
  });

  it('counts open reminders whose time has come, fired or not', () => {
    expect(
      countDue(
        [
          reminderDue(-10, { firedAt: NOW - 10 * MINUTE }),
          reminderDue(0),
          reminderDue(1),
          reminderDue(-1, { status: 'done' }),
          reminderDue(-1, { deleted: true }),
        ],
        NOW,
      ),
    ).toBe(2);
  });

  it('fires each reminder exactly once however often and whenever the scheduler runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -120, max: 120 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 12 }),
        (dueOffsets, steps) => {
          let reminders = dueOffsets.map((offset) => reminderDue(offset));
          const firedCount = new Map<string, number>();
          let now = NOW - 60 * MINUTE;
          for (const step of steps) {
            now += step * MINUTE;
            const decisions = decideDue(reminders, now, never);
            for (const { reminder } of decisions)
              firedCount.set(reminder.id, (firedCount.get(reminder.id) ?? 0) + 1);
            const stored = new Map(
              decisions.map((decision) => [decision.reminder.id, applyOutcome(decision, now)]),
            );
            reminders = reminders.map((reminder) => stored.get(reminder.id) ?? reminder);
          }
          for (const reminder of reminders) {
            expect(firedCount.get(reminder.id) ?? 0).toBe(reminder.dueAt <= now ? 1 : 0);
            expect(isWaitingToFire(reminder)).toBe(reminder.dueAt > now);
          }
        },
      ),
    );
  });

  it('decides among 10,000 pending reminders', () => {
    const reminders = Array.from({ length: 10_000 }, (_, index) => reminderDue(index - 10));
    expect(decideDue(reminders, NOW, never)).toHaveLength(11);
    expect(
      nextAlarmAt(reminders.map((reminder) => applyOutcome({ reminder, outcome: 'fire' }, NOW))),
    ).toBeNull();
    expect(nextAlarmAt(reminders.filter((reminder) => reminder.dueAt > NOW))).toBe(NOW + MINUTE);
    expect(countDue(reminders, NOW)).toBe(11);
  });
});

describe('runReminderSchedule on the database', () => {
  it('fires a due reminder once, across repeated starts, and keeps the alarm on the next one', async () => {
    const database = isolatedDatabase('schedule-once');
    const due = reminderDue(-5);
    const next = reminderDue(30);
    await database.reminders.bulkAdd([due, next, reminderDue(-10, { firedAt: NOW - 10 * MINUTE })]);

    const first = await runReminderSchedule(database, NOW);
    expect(first.fired.map((entry) => entry.reminder.id)).toEqual([due.id]);
    expect(first.nextAlarmAt).toBe(next.dueAt);
    expect(first.dueCount).toBe(2);
    expect((await database.reminders.get(due.id))?.firedAt).toBe(NOW);

    for (const later of [NOW, NOW + MINUTE, NOW + 2 * MINUTE]) {
      const again = await runReminderSchedule(database, later);
      expect(again.fired).toEqual([]);
      expect(again.nextAlarmAt).toBe(next.dueAt);
    }
    const whenNextIsDue = await runReminderSchedule(database, next.dueAt);
    expect(whenNextIsDue.fired.map((entry) => entry.reminder.id)).toEqual([next.id]);
    expect(whenNextIsDue.nextAlarmAt).toBeNull();
    database.close();
  });

  it('writes nothing when nothing is due, so its own runs never wake it again', async () => {
    const database = isolatedDatabase('schedule-quiet');
    await database.reminders.bulkAdd([reminderDue(30), reminderDue(-10, { firedAt: NOW - 10 * MINUTE })]);
    const mutations: unknown[] = [];
    const listener = (parts: unknown) => mutations.push(parts);
    Dexie.on('storagemutated', listener);
    try {
      await runReminderSchedule(database, NOW);
      await runReminderSchedule(database, NOW + MINUTE);
    } finally {
      Dexie.on('storagemutated').unsubscribe(listener);
    }
    expect(mutations).toEqual([]);
    database.close();
  });

  it('fires once when two connections run at the same moment (a start racing the alarm)', async () => {
    const indexedDb = isolatedIndexedDb();
    const first = new DealsideDatabase('race', indexedDb);
    const second = new DealsideDatabase('race', indexedDb);
    const reminders = Array.from({ length: 20 }, (_, index) => reminderDue(-index));
    await first.reminders.bulkAdd(reminders);
    const runs = await Promise.all([
      runReminderSchedule(first, NOW),
      runReminderSchedule(second, NOW),
      runReminderSchedule(first, NOW + 1),
    ]);
    const fired = runs.flatMap((run) => run.fired.map((entry) => entry.reminder.id));
    expect(fired.sort()).toEqual(reminders.map((reminder) => reminder.id).sort());
    first.close();
    second.close();
  });

  it('completes an "only if no reply" reminder silently when a reply was seen or logged', async () => {
    const database = isolatedDatabase('schedule-replied');
    const deal = makeDeal(makePipeline());
    const seenOnPage = reminderDue(-1, {
      onlyIfNoReply: true,
      thread: THREAD,
      replySeenAt: NOW - 30 * MINUTE,
    });
    const logged = reminderDue(-2, { onlyIfNoReply: true, thread: THREAD, dealId: deal.id });
    const noReply = reminderDue(-3, { onlyIfNoReply: true, thread: THREAD, dealId: deal.id, createdAt: NOW });
    await database.settings.add({
      ...defaultSettings('en', NOW),
      user: { id: newId(), name: '', email: 'rep@example.com' },
    });
    await database.deals.add(deal);
    await database.activities.add(makeEmailActivity(deal, { occurredAt: NOW - 20 * MINUTE }));
    await database.reminders.bulkAdd([seenOnPage, logged, noReply]);

    const run = await runReminderSchedule(database, NOW);
    expect(run.fired.map((entry) => entry.reminder.id)).toEqual([noReply.id]);
    expect(run.replied.map((reminder) => reminder.id).sort()).toEqual([seenOnPage.id, logged.id].sort());
    expect(run.dueCount).toBe(1);
    expect(await database.reminders.get(logged.id)).toMatchObject({ status: 'done', completion: 'replied' });
    expect(await stillNotified(database, [seenOnPage.id, logged.id, noReply.id])).toEqual(
      new Set([noReply.id]),
    );
    database.close();
  });

  it('still fires a reminder whose deal was deleted, and says so', async () => {
    const database = isolatedDatabase('schedule-deal-gone');
    const pipeline = makePipeline();
    const live = makeDeal(pipeline, { title: 'Acme: 200 seats' });
    const removed = makeDeal(pipeline, { deleted: true });
    await database.deals.bulkAdd([live, removed]);
    const reminders = [
      reminderDue(-3, { dealId: live.id }),
      reminderDue(-2, { dealId: removed.id }),
      reminderDue(-1, { dealId: newId() }),
      reminderDue(0),
    ];
    await database.reminders.bulkAdd(reminders);
    const run = await runReminderSchedule(database, NOW);
    expect(run.fired.map((entry) => entry.deal)).toEqual([
      { title: 'Acme: 200 seats' },
      'deleted',
      'deleted',
      null,
    ]);
    expect(run.settings).toBeNull();
    database.close();
  });

  it('with 10,000 pending reminders fires only the due ones and finds the next', async () => {
    const database = isolatedDatabase('schedule-10k');
    const pending = Array.from({ length: 10_000 }, (_, index) =>
      reminderDue(index + 1, { status: index % 3 === 0 ? 'snoozed' : 'pending' }),
    );
    const due = [reminderDue(-1), reminderDue(-2, { firedAt: NOW - 2 * MINUTE })];
    await database.reminders.bulkAdd([...pending, ...due]);
    const run = await runReminderSchedule(database, NOW);
    expect(run.fired.map((entry) => entry.reminder.id)).toEqual([due[0]?.id]);
    expect(run.nextAlarmAt).toBe(NOW + MINUTE);
    expect(run.dueCount).toBe(2);
    expect(await database.reminders.filter((reminder) => reminder.firedAt !== null).count()).toBe(2);
    database.close();
  });
});
