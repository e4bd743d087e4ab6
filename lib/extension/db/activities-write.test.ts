import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import {
  makeCompany,
  makeContact,
  makeDeal,
  makeEmailActivity,
  makePipeline,
  NOW,
} from '@/tests/unit/records';
import {
  addManualActivity,
  CALL_FUTURE_GRACE_MS,
  type ManualActivityInput,
  removeActivities,
} from './activities-write';
import type { DealsideDatabase } from './database';
import { InvalidFormError } from './field-problems';

const AUTHOR = newId(NOW);
const MINUTE = 60_000;

/** A call's or meeting's input: the kinds with a date, time, duration and outcome. */
type TimedInput = Extract<ManualActivityInput, { date: string }>;

// Typed dates and times are read in the user's time zone; pin one without daylight saving.
let originalTimeZone: string | undefined;
beforeAll(() => {
  originalTimeZone = process.env.TZ;
  process.env.TZ = 'Asia/Taipei';
});
afterAll(() => {
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});

async function crmWithDeal(name: string) {
  const database = isolatedDatabase(name);
  const company = makeCompany();
  const contacts = [
    makeContact({ companyId: company.id }),
    makeContact({ emails: ['cm.lin@hongda.com.tw'] }),
  ];
  const pipeline = makePipeline();
  const deal = makeDeal(pipeline, {
    companyId: company.id,
    contactIds: contacts.map((contact) => contact.id),
  });
  await database.companies.add(company);
  await database.contacts.bulkAdd(contacts);
  await database.pipelines.add(pipeline);
  await database.deals.add(deal);
  return { database, deal, company, contacts };
}

function meeting(dealId: string, fields: Partial<TimedInput> = {}) {
  return {
    kind: 'meeting' as const,
    dealId,
    authorId: AUTHOR,
    text: '',
    date: '2026-11-20',
    time: '14:30',
    durationMinutes: '45',
    outcome: '',
    ...fields,
  };
}

async function problemsOf(database: DealsideDatabase, input: ManualActivityInput, now = NOW) {
  const error = await addManualActivity(database, input, now).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidFormError);
  return Object.fromEntries((error as InvalidFormError).problems.map((problem) => [problem.field, true]));
}

describe('addManualActivity', () => {
  it('stores a note now, trimmed, linked to the deal, its contacts and its company', async () => {
    const { database, deal, company, contacts } = await crmWithDeal('note');
    const saved = await addManualActivity(
      database,
      { kind: 'note', dealId: deal.id, authorId: AUTHOR, text: '  客戶要求下週提供報價 \n' },
      NOW,
    );
    expect(saved).toMatchObject({
      kind: 'note',
      text: '客戶要求下週提供報價',
      dealId: deal.id,
      companyId: company.id,
      contactIds: contacts.map((contact) => contact.id),
      occurredAt: NOW,
      authorId: AUTHOR,
      createdAt: NOW,
      deleted: false,
    });
    expect(await database.activities.toArray()).toEqual([saved]);
    database.close();
  });

  it('marks an activity private only when the rep asks', async () => {
    const { database, deal } = await crmWithDeal('private');
    const shared = await addManualActivity(
      database,
      { kind: 'note', dealId: deal.id, authorId: AUTHOR, text: 'Budget ok' },
      NOW,
    );
    const secret = await addManualActivity(
      database,
      { kind: 'note', dealId: deal.id, authorId: AUTHOR, text: 'Champion is leaving', private: true },
      NOW,
    );
    expect((await database.activities.get(shared.id))?.private).toBe(false);
    expect((await database.activities.get(secret.id))?.private).toBe(true);
    database.close();
  });

  it('reads a meeting’s date and time in the user’s time zone and keeps its duration and outcome', async () => {
    const { database, deal } = await crmWithDeal('meeting');
    const saved = await addManualActivity(
      database,
      meeting(deal.id, { durationMinutes: '９０', outcome: ' Agreed on a pilot ', text: 'Demo at HQ' }),
      NOW,
    );
    expect(saved).toMatchObject({
      kind: 'meeting',
      occurredAt: Date.UTC(2026, 10, 20, 6, 30),
      durationMinutes: 90,
      outcome: 'Agreed on a pilot',
      text: 'Demo at HQ',
    });
    expect(await database.activities.get(saved.id)).toEqual(saved);
    database.close();
  });

  it('takes an empty date and time as now and an empty duration as unknown', async () => {
    const { database, deal } = await crmWithDeal('call-now');
    const saved = await addManualActivity(
      database,
      { ...meeting(deal.id), kind: 'call', date: '', time: '', durationMinutes: ' ' },
      NOW,
    );
    expect(saved).toMatchObject({ kind: 'call', occurredAt: NOW, durationMinutes: null });
    database.close();
  });

  it('lets a meeting be scheduled ahead, but not a call that has yet to happen', async () => {
    const { database, deal } = await crmWithDeal('future');
    const nextWeek = { date: '2026-12-03', time: '10:00' };
    expect(await addManualActivity(database, meeting(deal.id, nextWeek), NOW)).toMatchObject({
      occurredAt: Date.UTC(2026, 11, 3, 2, 0),
    });
    expect(await problemsOf(database, { ...meeting(deal.id, nextWeek), kind: 'call' })).toEqual({
      'activity.occurredAt': true,
    });
    // NOW is 17:00 in Taipei: a call typed a few minutes ahead is a rep rounding up.
    const roundedUp = { ...meeting(deal.id, { date: '2026-11-26', time: '17:05' }), kind: 'call' as const };
    expect(CALL_FUTURE_GRACE_MS).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(await addManualActivity(database, roundedUp, NOW)).toMatchObject({ occurredAt: NOW + 5 * MINUTE });
    expect(await database.activities.count()).toBe(2);
    database.close();
  });

  it.each([
    ['an empty note', { kind: 'note', text: ' \n\t ' }, 'activity.text'],
    ['a negative duration', { durationMinutes: '-5' }, 'activity.durationMinutes'],
    ['a fractional duration', { durationMinutes: '1.5' }, 'activity.durationMinutes'],
    ['a duration in words', { durationMinutes: 'an hour' }, 'activity.durationMinutes'],
    ['a duration over 24 hours', { durationMinutes: '1441' }, 'activity.durationMinutes'],
    ['an impossible date', { date: '2026-02-30' }, 'activity.date'],
    ['a date in another format', { date: '20/11/2026' }, 'activity.date'],
    ['a date before 2000', { date: '1999-12-31' }, 'activity.date'],
    ['a date after 2200', { date: '2201-01-01' }, 'activity.date'],
    ['a moment still in 1999 in UTC', { date: '2000-01-01', time: '00:30' }, 'activity.date'],
    ['the last year, beyond what an instant holds', { date: '2200-06-01' }, 'activity.date'],
    ['an impossible time', { time: '24:00' }, 'activity.time'],
    ['a time without minutes', { time: '9' }, 'activity.time'],
    ['a date without a time', { time: '' }, 'activity.time'],
    ['an outcome over 2,000 characters', { outcome: 'x'.repeat(2001) }, 'activity.outcome'],
    ['text over 20,000 characters', { text: 'x'.repeat(20_001) }, 'activity.text'],
  ] as const)('refuses %s and stores nothing', async (_, fields, field) => {
    const { database, deal } = await crmWithDeal(`invalid-${field}`);
    const input = { ...meeting(deal.id), ...fields } as ManualActivityInput;
    expect(await problemsOf(database, input)).toEqual({ [field]: true });
    expect(await database.activities.count()).toBe(0);
    database.close();
  });

  it('reports every invalid field at once', async () => {
    const { database, deal } = await crmWithDeal('invalid-all');
    expect(
      await problemsOf(
        database,
        meeting(deal.id, { date: '2026-13-01', durationMinutes: '-1', time: 'noon' }),
      ),
    ).toEqual({ 'activity.date': true, 'activity.time': true, 'activity.durationMinutes': true });
    database.close();
  });

  it('refuses a deal that is gone or deleted', async () => {
    const { database, deal } = await crmWithDeal('deal-gone');
    const note = { kind: 'note' as const, authorId: AUTHOR, text: 'Called back' };
    expect(await problemsOf(database, { ...note, dealId: newId(NOW) })).toEqual({ 'deal.id': true });
    await database.deals.put({ ...deal, deleted: true });
    expect(await problemsOf(database, { ...note, dealId: deal.id })).toEqual({ 'deal.id': true });
    expect(await database.activities.count()).toBe(0);
    database.close();
  });

  it('refuses a time the clocks skip on a daylight-saving day', async () => {
    const { database, deal } = await crmWithDeal('dst-gap');
    process.env.TZ = 'America/New_York';
    try {
      expect(await problemsOf(database, meeting(deal.id, { date: '2026-03-08', time: '02:30' }))).toEqual({
        'activity.time': true,
      });
      expect(
        await addManualActivity(database, meeting(deal.id, { date: '2026-03-08', time: '03:30' }), NOW),
      ).toMatchObject({ occurredAt: Date.UTC(2026, 2, 8, 7, 30) });
    } finally {
      process.env.TZ = 'Asia/Taipei';
    }
    database.close();
  });
});

describe('removeActivities', () => {
  it('keeps removed activities as tombstones and returns them', async () => {
    const { database, deal } = await crmWithDeal('remove');
    const [first, second, kept] = ['first', 'second', 'kept'].map((key) =>
      makeEmailActivity(deal, { messageKey: `${deal.id}|${key}` }),
    );
    if (!first || !second || !kept) throw new Error('no activities');
    await database.activities.bulkAdd([first, second, kept]);
    const later = NOW + MINUTE;
    const removed = await removeActivities(database, [first.id, second.id], later);
    expect(removed.map((activity) => activity.id)).toEqual([first.id, second.id]);
    expect(removed.every((activity) => activity.deleted && activity.updatedAt === later)).toBe(true);
    expect(await database.activities.get(first.id)).toMatchObject({ deleted: true, updatedAt: later });
    expect(await database.activities.get(kept.id)).toMatchObject({ deleted: false, updatedAt: NOW });
    expect(await database.activities.count()).toBe(3);
    database.close();
  });

  it('ignores unknown ids and is idempotent', async () => {
    const { database, deal } = await crmWithDeal('remove-twice');
    const activity = makeEmailActivity(deal);
    await database.activities.add(activity);
    expect(await removeActivities(database, [newId(NOW), activity.id], NOW + MINUTE)).toHaveLength(1);
    expect(await removeActivities(database, [activity.id], NOW + 2 * MINUTE)).toEqual([]);
    // The second call must not touch the tombstone: its updatedAt still says when it was removed.
    expect(await database.activities.get(activity.id)).toMatchObject({
      deleted: true,
      updatedAt: NOW + MINUTE,
    });
    database.close();
  });
});
