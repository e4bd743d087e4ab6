import {
  type Activity,
  calendarDateSchema,
  callActivitySchema,
  type Id,
  instantSchema,
  newId,
  noteActivitySchema,
} from '../../shared/model';
import { putRecord } from './collections';
import type { DealsideDatabase } from './database';
import { checkRecord, type FieldProblem, InvalidFormError } from './field-problems';

/**
 * Removes activities from their deal as tombstones (kept, marked deleted, so sync can carry the
 * removal and an email can be logged again later). Already removed or unknown ids are ignored.
 * Returns the activities that were live and are now removed.
 */
export async function removeActivities(
  database: DealsideDatabase,
  activityIds: readonly Id[],
  now: number = Date.now(),
): Promise<Activity[]> {
  return database.transaction('rw', database.activities, async () => {
    const stored = await database.activities.bulkGet([...activityIds]);
    const removed: Activity[] = [];
    for (const activity of stored) {
      if (!activity || activity.deleted) continue;
      removed.push(await putRecord(database, 'activities', { ...activity, deleted: true, updatedAt: now }));
    }
    return removed;
  });
}

/** What the sidebar's "Add note / call / meeting" form holds, as typed. */
export type ManualActivityInput = {
  dealId: Id;
  text: string;
  authorId: Id;
  /** With team sync: seen only by its author and the team's managers (docs/sync.md). */
  private?: boolean;
} & (
  | { kind: 'note' }
  | {
      kind: 'call' | 'meeting';
      /** YYYY-MM-DD in the user's time zone; empty together with `time` means now. */
      date: string;
      /** HH:mm (24-hour) in the user's time zone. */
      time: string;
      /** Whole minutes as typed (full-width digits too); empty when not known. */
      durationMinutes: string;
      outcome: string;
    }
);

/**
 * How far ahead of the clock a call may be logged: a rep who rounds "ended at 14:05" up is not
 * mistaken, but a call tomorrow has not happened yet.
 */
export const CALL_FUTURE_GRACE_MS = 5 * 60_000;

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Adds a note, call or meeting to a deal, linked to the deal's contacts and company, in one
 * transaction; every invalid field is reported at once (InvalidFormError) and nothing is stored.
 *
 * When it happened: notes are recorded now. Calls and meetings take a date and time read in the
 * user's time zone (the browser's); a time the clocks skip on a daylight-saving day is refused
 * rather than silently moved. A call has happened, so it may not be later than now (give or take
 * CALL_FUTURE_GRACE_MS); a meeting may be scheduled ahead. Either lies between 2000 and 2200.
 */
export async function addManualActivity(
  database: DealsideDatabase,
  input: ManualActivityInput,
  now: number = Date.now(),
): Promise<Activity> {
  return database.transaction('rw', [database.deals, database.activities], async () => {
    const problems: FieldProblem[] = [];
    const stored = await database.deals.get(input.dealId);
    const deal = stored && !stored.deleted ? stored : null;
    if (!deal) problems.push({ field: 'deal.id', message: 'no longer exists' });

    const common = {
      id: newId(now),
      createdAt: now,
      updatedAt: now,
      deleted: false,
      dealId: input.dealId,
      contactIds: deal?.contactIds ?? [],
      companyId: deal?.companyId ?? null,
      authorId: input.authorId,
      private: input.private ?? false,
      text: input.text.trim(),
    };
    let activity: Activity | null;
    if (input.kind === 'note') {
      activity = checkRecord(
        noteActivitySchema,
        'activity',
        { ...common, kind: 'note', occurredAt: now },
        problems,
      );
    } else {
      const occurredAt = typedInstant(input.date, input.time, now, problems);
      if (input.kind === 'call' && occurredAt !== null && occurredAt > now + CALL_FUTURE_GRACE_MS)
        problems.push({ field: 'activity.occurredAt', message: 'is in the future, and a call has happened' });
      activity = checkRecord(
        callActivitySchema,
        'activity',
        {
          ...common,
          kind: input.kind,
          // A placeholder when the date is wrong, so the other fields are still checked.
          occurredAt: occurredAt ?? now,
          durationMinutes: typedMinutes(input.durationMinutes),
          outcome: input.outcome,
        },
        problems,
      );
    }
    if (problems.length > 0 || !activity) throw new InvalidFormError(problems);
    return putRecord(database, 'activities', activity);
  });
}

/** The instant a date and time typed in the user's time zone name; null, with problems, if none. */
function typedInstant(date: string, time: string, now: number, problems: FieldProblem[]): number | null {
  const day = date.trim();
  const clock = time.trim();
  if (day === '' && clock === '') return now;
  const dayIsValid = calendarDateSchema.safeParse(day).success;
  if (!dayIsValid)
    problems.push({ field: 'activity.date', message: 'is not a real date between 2000 and 2200' });
  const clockMatch = TIME_OF_DAY.exec(clock);
  if (!clockMatch) problems.push({ field: 'activity.time', message: 'must be a time written HH:mm' });
  if (!dayIsValid || !clockMatch) return null;

  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const hours = Number(clockMatch[1]);
  const minutes = Number(clockMatch[2]);
  const local = new Date(year, month - 1, dayOfMonth, hours, minutes);
  if (local.getHours() !== hours || local.getMinutes() !== minutes) {
    problems.push({ field: 'activity.time', message: 'does not exist on that day (the clocks moved)' });
    return null;
  }
  // 2000-01-01 00:30 in Taipei is still 1999 in UTC: the stored instant has the last word.
  if (!instantSchema.safeParse(local.getTime()).success) {
    problems.push({ field: 'activity.date', message: 'is not between 2000 and 2200' });
    return null;
  }
  return local.getTime();
}

/** Minutes as typed: empty is unknown (null); anything but whole digits is left for the schema to refuse. */
function typedMinutes(typed: string): number | null {
  const text = typed.normalize('NFKC').trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
