import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DealsideDatabase } from '@/lib/extension/db/database';
import { createDeal, putDeal } from '@/lib/extension/db/deals-write';
import { type Deal, newId } from '@/lib/shared/model';
import { isolatedDatabase, isolatedIndexedDb } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, makeReminder, NOW } from '@/tests/unit/records';
import { nextStepDueAt, syncNextStepReminder } from './next-step-reminder';
import {
  completeReminder,
  deleteReminder,
  isOpenReminder,
  openReminders,
  snoozeReminder,
} from './reminders-write';

const HOUR = 3600_000;
/** 2026-12-01 09:00 in Taipei (UTC+8, no daylight saving). */
const DEC_1_NINE = Date.UTC(2026, 11, 1, 1, 0);

let originalTimeZone: string | undefined;
beforeAll(() => {
  originalTimeZone = process.env.TZ;
  process.env.TZ = 'Asia/Taipei';
});
afterAll(() => {
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});

function dealWith(fields: Partial<Deal> = {}): Deal {
  return makeDeal(makePipeline(), { nextStep: { text: '安排產線參訪', dueDate: '2026-12-01' }, ...fields });
}

async function nextStepReminders(database: DealsideDatabase, deal: Deal) {
  const all = await database.reminders.where('dealId').equals(deal.id).toArray();
  return all.filter((reminder) => reminder.source === 'next-step');
}

async function liveNextStepReminders(database: DealsideDatabase, deal: Deal) {
  return (await nextStepReminders(database, deal)).filter((reminder) => !reminder.deleted);
}

describe('nextStepDueAt', () => {
  it('is 9:00 of the due date in the user’s time zone', () => {
    expect(nextStepDueAt('2026-12-01')).toBe(DEC_1_NINE);
  });

  it('follows daylight saving: 9:00 local on the days New York changes its clocks', () => {
    process.env.TZ = 'America/New_York';
    try {
      expect(new Date(nextStepDueAt('2026-03-08')).toISOString()).toBe('2026-03-08T13:00:00.000Z');
      expect(new Date(nextStepDueAt('2026-11-01')).toISOString()).toBe('2026-11-01T14:00:00.000Z');
    } finally {
      process.env.TZ = 'Asia/Taipei';
    }
  });
});

describe('syncNextStepReminder', () => {
  /** Stores the deal the way every deal write does, and returns its open next-step reminder. */
  async function save(database: DealsideDatabase, deal: Deal, now: number) {
    await putDeal(database, deal, now);
    const [open, ...more] = (await liveNextStepReminders(database, deal)).filter(isOpenReminder);
    expect(more).toEqual([]);
    return open ?? null;
  }

  it('creates one pending next-step reminder for the deal, due at 9:00 of the due date', async () => {
    const database = isolatedDatabase('create');
    const contactId = makeDeal(makePipeline()).ownerId;
    const deal = dealWith({ contactIds: [contactId] });
    const reminder = await syncNextStepReminder(database, { before: null, after: deal }, NOW);
    expect(reminder).toMatchObject({
      title: '安排產線參訪',
      dueAt: DEC_1_NINE,
      dealId: deal.id,
      contactId,
      thread: null,
      source: 'next-step',
      status: 'pending',
      firedAt: null,
    });
    expect(await liveNextStepReminders(database, deal)).toEqual([reminder]);
  });

  it('leaves one reminder, untouched, after repeated syncs', async () => {
    const database = isolatedDatabase('repeat');
    const deal = dealWith();
    const first = await save(database, deal, NOW);
    for (let round = 1; round <= 5; round++) await save(database, deal, NOW + round * HOUR);
    for (let round = 1; round <= 3; round++) {
      await syncNextStepReminder(database, { before: null, after: deal }, NOW + round * HOUR);
    }
    expect(await nextStepReminders(database, deal)).toEqual([first]);
  });

  it('leaves one reminder after concurrent syncs, from one connection and from two', async () => {
    const factory = isolatedIndexedDb();
    const sidebar = new DealsideDatabase('concurrent', factory);
    const background = new DealsideDatabase('concurrent', factory);
    const deal = dealWith();
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        syncNextStepReminder(index % 2 ? sidebar : background, { before: null, after: deal }, NOW + index),
      ),
    );
    await Promise.all([putDeal(sidebar, deal, NOW + 10), putDeal(background, deal, NOW + 11)]);
    expect(await nextStepReminders(sidebar, deal)).toHaveLength(1);
    sidebar.close();
    background.close();
  });

  it('adds nothing for a next step without a due date, or a closed deal', async () => {
    const database = isolatedDatabase('none');
    for (const deal of [
      dealWith({ nextStep: null }),
      dealWith({ nextStep: { text: 'Call back', dueDate: null } }),
      dealWith({ status: 'won' }),
      dealWith({ status: 'lost', lostReason: 'price' }),
      dealWith({ deleted: true }),
    ]) {
      expect(await save(database, deal, NOW)).toBeNull();
    }
    expect(await database.reminders.count()).toBe(0);
  });

  it('tombstones the reminder when the next step is cleared, loses its date, or the deal closes', async () => {
    const database = isolatedDatabase('remove');
    const endings: Partial<Deal>[] = [
      { nextStep: null },
      { nextStep: { text: '安排產線參訪', dueDate: null } },
      { status: 'won' },
      { status: 'lost', lostReason: 'budget' },
      { deleted: true },
    ];
    for (const ending of endings) {
      const deal = dealWith();
      await save(database, deal, NOW);
      expect(await save(database, { ...deal, ...ending }, NOW + HOUR)).toBeNull();
      const reminders = await nextStepReminders(database, deal);
      expect(reminders.map(({ deleted, updatedAt }) => ({ deleted, updatedAt }))).toEqual([
        { deleted: true, updatedAt: NOW + HOUR },
      ]);
    }
    expect(await openReminders(database)).toEqual([]);
  });

  it('reschedules on a new due date: due again, not fired, no longer snoozed', async () => {
    const database = isolatedDatabase('reschedule');
    const deal = dealWith();
    const created = await save(database, deal, NOW);
    if (!created) throw new Error('no reminder');
    await snoozeReminder(database, created.id, DEC_1_NINE + HOUR, NOW);
    await database.reminders.update(created.id, { firedAt: DEC_1_NINE + HOUR });

    const moved = { ...deal, nextStep: { text: '安排產線參訪', dueDate: '2026-12-03' } };
    expect(await save(database, moved, NOW + HOUR)).toMatchObject({
      id: created.id,
      dueAt: DEC_1_NINE + 2 * 24 * HOUR,
      status: 'pending',
      firedAt: null,
      updatedAt: NOW + HOUR,
    });
  });

  it('keeps a snooze through edits that leave the due date alone, and follows a new text', async () => {
    const database = isolatedDatabase('retitle');
    const deal = dealWith();
    const created = await save(database, deal, NOW);
    if (!created) throw new Error('no reminder');
    const snoozed = await snoozeReminder(database, created.id, DEC_1_NINE + HOUR, NOW);
    expect(await save(database, { ...deal, amount: 2_000_000 }, NOW + HOUR)).toEqual(snoozed);

    const renamed = { ...deal, nextStep: { text: 'Send the revised quote', dueDate: '2026-12-01' } };
    expect(await save(database, renamed, NOW + 2 * HOUR)).toEqual({
      ...snoozed,
      title: 'Send the revised quote',
      updatedAt: NOW + 2 * HOUR,
    });
  });

  it('keeps a done reminder done until the next step changes, then reopens that same reminder', async () => {
    const database = isolatedDatabase('done');
    const deal = dealWith();
    const created = await save(database, deal, NOW);
    if (!created) throw new Error('no reminder');
    const done = await completeReminder(database, created.id, 'done', NOW + HOUR);

    expect(await save(database, { ...deal, amount: 5 }, NOW + 2 * HOUR)).toBeNull();
    expect(await nextStepReminders(database, deal)).toEqual([done]);

    const next = { ...deal, nextStep: { text: 'Sign the contract', dueDate: '2026-12-10' } };
    expect(await save(database, next, NOW + 3 * HOUR)).toMatchObject({
      id: created.id,
      title: 'Sign the contract',
      status: 'pending',
      completion: null,
      completedAt: null,
    });
  });

  it('does not bring back a reminder the rep deleted until the next step changes', async () => {
    const database = isolatedDatabase('rep-deleted');
    const deal = dealWith();
    const created = await save(database, deal, NOW);
    if (!created) throw new Error('no reminder');
    await deleteReminder(database, created.id, NOW + HOUR);
    expect(await save(database, { ...deal, amount: 5 }, NOW + 2 * HOUR)).toBeNull();

    const moved = { ...deal, nextStep: { text: '安排產線參訪', dueDate: '2026-12-03' } };
    expect(await save(database, moved, NOW + 3 * HOUR)).toMatchObject({ dueAt: DEC_1_NINE + 2 * 24 * HOUR });
  });

  it('creates a fresh reminder when a next step gets a date again after being cleared', async () => {
    const database = isolatedDatabase('again');
    const deal = dealWith();
    await save(database, deal, NOW);
    await save(database, { ...deal, nextStep: null }, NOW + HOUR);
    const again = await save(database, deal, NOW + 2 * HOUR);
    expect(await liveNextStepReminders(database, deal)).toEqual([again]);
    expect(await nextStepReminders(database, deal)).toHaveLength(2);
  });

  it('removes duplicates left by older data, keeping the oldest', async () => {
    const database = isolatedDatabase('duplicates');
    const deal = dealWith();
    const first = await save(database, deal, NOW);
    if (!first) throw new Error('no reminder');
    await database.reminders.add({ ...first, id: newId(NOW), createdAt: NOW + 1 });
    await save(database, deal, NOW + HOUR);
    expect((await liveNextStepReminders(database, deal)).map((reminder) => reminder.id)).toEqual([first.id]);
  });

  it('never touches manual reminders of the deal', async () => {
    const database = isolatedDatabase('manual');
    const deal = dealWith();
    await save(database, deal, NOW);
    await database.reminders.add(makeReminder({ dealId: deal.id, title: '安排產線參訪' }));
    await save(database, { ...deal, nextStep: null }, NOW + HOUR);
    expect((await openReminders(database)).map((reminder) => reminder.source)).toEqual(['manual']);
  });

  it('keeps at most one live reminder, matching the deal, through any edits synced concurrently', async () => {
    const nextSteps = fc.option(
      fc.record({
        text: fc.constantFrom('Call back', '安排產線參訪'),
        dueDate: fc.option(fc.constantFrom('2026-12-01', '2026-12-02', '2027-01-15')),
      }),
    );
    const edits = fc.array(
      fc.record({ nextStep: nextSteps, status: fc.constantFrom('open', 'open', 'won'), copies: fc.nat(3) }),
      { minLength: 1, maxLength: 6 },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(edits, async (steps) => {
        const factory = isolatedIndexedDb();
        const name = `property-${run++}`;
        const connections = [new DealsideDatabase(name, factory), new DealsideDatabase(name, factory)];
        const deal = dealWith();
        try {
          for (const [index, step] of steps.entries()) {
            const edited: Deal = { ...deal, nextStep: step.nextStep, status: step.status as Deal['status'] };
            await Promise.all(
              Array.from({ length: step.copies + 1 }, (_, copy) =>
                putDeal(connections[copy % 2] as DealsideDatabase, edited, NOW + index),
              ),
            );
            const live = await liveNextStepReminders(connections[0] as DealsideDatabase, deal);
            expect(live.length).toBeLessThanOrEqual(1);
            const dueDate = edited.status === 'open' ? edited.nextStep?.dueDate : null;
            if (dueDate) {
              expect(live[0]).toMatchObject({
                title: edited.nextStep?.text,
                dueAt: nextStepDueAt(dueDate),
                status: 'pending',
              });
            } else {
              expect(live).toEqual([]);
            }
          }
        } finally {
          for (const connection of connections) connection.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('deal writes keep the next-step reminder', () => {
  it('putDeal stores the deal and its one reminder; clearing the next step removes it', async () => {
    const database = isolatedDatabase('put-deal');
    const deal = dealWith();
    await putDeal(database, deal, NOW);
    await putDeal(database, deal, NOW + HOUR);
    expect(await database.deals.get(deal.id)).toEqual(deal);
    expect(await liveNextStepReminders(database, deal)).toHaveLength(1);

    await putDeal(database, { ...deal, nextStep: null, updatedAt: NOW + 2 * HOUR }, NOW + 2 * HOUR);
    expect(await liveNextStepReminders(database, deal)).toEqual([]);
  });

  it('putDeal stores neither an invalid deal nor a reminder for it', async () => {
    const database = isolatedDatabase('put-invalid');
    await expect(putDeal(database, dealWith({ title: '' }), NOW)).rejects.toThrow();
    expect(await database.deals.count()).toBe(0);
    expect(await database.reminders.count()).toBe(0);
  });

  it('createDeal writes through putDeal in its transaction: a new deal has no next step, so no reminder', async () => {
    const database = isolatedDatabase('create-deal');
    const { deal } = await createDeal(
      database,
      {
        title: 'MES 系統導入',
        amount: '',
        currency: 'TWD',
        expectedCloseDate: '',
        stageIndex: null,
        company: { kind: 'none' },
        contact: { kind: 'none' },
        ownerId: makeDeal(makePipeline()).ownerId,
        language: 'zh-TW',
      },
      NOW,
    );
    expect(await database.deals.get(deal.id)).toEqual(deal);
    expect(await database.reminders.count()).toBe(0);
  });
});
