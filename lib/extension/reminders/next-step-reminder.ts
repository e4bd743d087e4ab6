import { parse, set } from 'date-fns';
import type { Deal, Reminder } from '../../shared/model';
import { putRecord } from '../db/collections';
import type { DealsideDatabase } from '../db/database';
import { createReminder, deleteReminder, isOpenReminder } from './reminders-write';

/** A next step falls due at the start of the working day, in the user's time zone. */
export const NEXT_STEP_REMINDER_HOUR = 9;

/** A YYYY-MM-DD due date at 9:00 in this browser's time zone, as an instant. */
export function nextStepDueAt(dueDate: string): number {
  const day = parse(dueDate, 'yyyy-MM-dd', new Date(0));
  return set(day, { hours: NEXT_STEP_REMINDER_HOUR, minutes: 0, seconds: 0, milliseconds: 0 }).getTime();
}

/** What the deal's next-step reminder should say and when, or null when the deal should have none. */
function wantedReminder(deal: Deal): { title: string; dueAt: number } | null {
  if (deal.deleted || deal.status !== 'open' || !deal.nextStep?.dueDate) return null;
  return { title: deal.nextStep.text, dueAt: nextStepDueAt(deal.nextStep.dueDate) };
}

/** A deal's write: the deal as stored before it (null for a new deal) and as it is being stored. */
export type DealChange = { before: Deal | null; after: Deal };

/**
 * Keeps the one reminder of a deal's next step in step with the deal: created when the next step
 * gets a due date, retitled or rescheduled (to fire again) when it changes, and tombstoned when
 * the next step loses its date or the deal closes or is deleted — the reminder no longer applies,
 * which is not the same as the rep having done it. What the rep did to the reminder holds until
 * the next step itself changes: a snooze is kept, a done one stays done, a deleted one stays gone.
 * That is why the deal before the write is needed: a snoozed reminder's own due time is the
 * snooze, not the next step's date.
 *
 * Call it in the transaction that writes the deal: it joins that transaction (which must include
 * `reminders`), so the lookup and the write cannot interleave with another sync, and two syncs of
 * the same deal, in any context, leave one reminder. Returns the deal's open reminder, if any.
 */
export function syncNextStepReminder(
  database: DealsideDatabase,
  { before, after: deal }: DealChange,
  now: number = Date.now(),
): Promise<Reminder | null> {
  return database.transaction('rw', database.reminders, async () => {
    const all = await database.reminders
      .where('dealId')
      .equals(deal.id)
      .filter((reminder) => reminder.source === 'next-step')
      .sortBy('createdAt');
    const live = all.filter((reminder) => !reminder.deleted);
    // Only one should exist; extra ones (e.g. merged in by a future sync) go, keeping the oldest.
    const [kept, ...extra] = live;
    for (const reminder of extra) await deleteReminder(database, reminder.id, now);

    const wanted = wantedReminder(deal);
    if (!wanted) {
      if (kept) await deleteReminder(database, kept.id, now);
      return null;
    }
    const wantedBefore = before ? wantedReminder(before) : null;
    if (!kept) {
      const sameStep = wantedBefore?.dueAt === wanted.dueAt && wantedBefore.title === wanted.title;
      if (sameStep && all.length > 0) return null;
      return createReminder(
        database,
        {
          ...wanted,
          note: '',
          dealId: deal.id,
          contactId: deal.contactIds[0] ?? null,
          thread: null,
          onlyIfNoReply: false,
          source: 'next-step',
        },
        now,
      );
    }
    const rescheduled = (wantedBefore ?? kept).dueAt !== wanted.dueAt;
    const retitled = kept.title !== wanted.title;
    if (rescheduled || (retitled && !isOpenReminder(kept))) {
      // A new date, or a new step after the last one was done, is a new thing to be reminded of.
      return putRecord(database, 'reminders', {
        ...kept,
        ...wanted,
        status: 'pending',
        firedAt: null,
        completedAt: null,
        completion: null,
        updatedAt: now,
      });
    }
    if (retitled) return putRecord(database, 'reminders', { ...kept, title: wanted.title, updatedAt: now });
    return isOpenReminder(kept) ? kept : null;
  });
}
