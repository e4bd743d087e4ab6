import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DealsideDatabase } from '@/lib/extension/db/database';
import { newId } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, makeReminder, NOW } from '@/tests/unit/records';
import { loadAllReminders, loadThreadReminders, REPLIED_SHOWN_FOR_MS } from './reminder-queries';

const HOUR = 3_600_000;
const THREAD = {
  provider: 'gmail' as const,
  account: 'rep@example.com',
  threadId: 'thread-a',
  threadUrl: 'https://mail.google.com/mail/u/0/#inbox/thread-a',
  subject: 'Quote',
};

let database: DealsideDatabase;
beforeEach(() => {
  database = isolatedDatabase();
});
afterEach(() => database.close());

describe('reminder lists', () => {
  it('lists open reminders soonest first with their deal, and recent "they replied" completions', async () => {
    const pipeline = makePipeline();
    const deal = makeDeal(pipeline, { title: 'Acme renewal' });
    const goneDeal = makeDeal(pipeline, { title: 'Old deal', deleted: true });
    const later = makeReminder({ id: newId(NOW + 1), dueAt: NOW + 5 * HOUR, dealId: deal.id });
    const sooner = makeReminder({
      id: newId(NOW + 2),
      dueAt: NOW + HOUR,
      status: 'snoozed',
      dealId: goneDeal.id,
    });
    const replied = makeReminder({
      id: newId(NOW + 3),
      status: 'done',
      completion: 'replied',
      completedAt: NOW - HOUR,
    });
    const repliedLongAgo = makeReminder({
      id: newId(NOW + 4),
      status: 'done',
      completion: 'replied',
      completedAt: NOW - REPLIED_SHOWN_FOR_MS - 1,
    });
    const done = makeReminder({ id: newId(NOW + 5), status: 'done', completion: 'done', completedAt: NOW });
    const deleted = makeReminder({ id: newId(NOW + 6), deleted: true });
    await database.pipelines.put(pipeline);
    await database.deals.bulkPut([deal, goneDeal]);
    await database.reminders.bulkPut([later, sooner, replied, repliedLongAgo, done, deleted]);

    const lists = await loadAllReminders(database, NOW);

    expect(lists.open.map((item) => item.reminder.id)).toEqual([sooner.id, later.id]);
    expect(lists.open.map(({ dealTitle, dealGone }) => ({ dealTitle, dealGone }))).toEqual([
      { dealTitle: null, dealGone: true },
      { dealTitle: 'Acme renewal', dealGone: false },
    ]);
    expect(lists.replied.map((item) => item.reminder.id)).toEqual([replied.id]);
  });

  it('lists a thread’s reminders and its deals’ reminders once each', async () => {
    const pipeline = makePipeline();
    const deal = makeDeal(pipeline);
    const onThreadAndDeal = makeReminder({ id: newId(NOW + 1), thread: THREAD, dealId: deal.id });
    const onDealOnly = makeReminder({ id: newId(NOW + 2), dealId: deal.id, dueAt: NOW + HOUR });
    const elsewhere = makeReminder({
      id: newId(NOW + 3),
      thread: { ...THREAD, threadId: 'thread-b' },
    });
    await database.pipelines.put(pipeline);
    await database.deals.put(deal);
    await database.reminders.bulkPut([onThreadAndDeal, onDealOnly, elsewhere]);

    const lists = await loadThreadReminders(database, 'thread-a', [deal.id], NOW);

    expect(lists.open.map((item) => item.reminder.id)).toEqual([onDealOnly.id, onThreadAndDeal.id]);
    expect((await loadThreadReminders(database, 'thread-a', [], NOW)).open).toHaveLength(1);
  });
});
