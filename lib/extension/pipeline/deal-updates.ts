import type { z } from 'zod';
import {
  calendarDateSchema,
  type Deal,
  dealSchema,
  type Id,
  newId,
  type Pipeline,
  type Stage,
  stageChangeActivitySchema,
} from '../../shared/model';
import { putRecord } from '../db/collections';
import type { DealsideDatabase } from '../db/database';
import { putDeal } from '../db/deals-write';
import { checkRecord, type FieldProblem, InvalidFormError } from '../db/field-problems';
import { userTimeZone } from '../reminders/presets';
import {
  addCalendarDays,
  addCalendarMonths,
  type CalendarDate,
  calendarDateAt,
  laterDate,
} from './calendar-dates';

export type ChecklistItem = Stage['checklist'][number];
export type StageChangeActivity = z.infer<typeof stageChangeActivitySchema>;

/**
 * A move is forward when the stage entered comes later in the pipeline's order than the stage
 * left, unless it is a lost stage: losing a deal is not progress, and asking a rep who just lost
 * a deal to confirm "budget confirmed" would be absurd. Backward moves and reopening ask nothing.
 */
export function isForwardMove(pipeline: Pipeline, fromStageId: Id, toStageId: Id): boolean {
  const from = pipeline.stages.findIndex((stage) => stage.id === fromStageId);
  const to = pipeline.stages.findIndex((stage) => stage.id === toStageId);
  return from >= 0 && to > from && pipeline.stages[to]?.kind !== 'lost';
}

/** The checklist items of the stage being left that are not done yet, on a forward move; else none. */
export function checklistToConfirm(
  pipeline: Pipeline,
  fromStageId: Id,
  toStageId: Id,
  doneItemIds: readonly Id[],
): ChecklistItem[] {
  if (!isForwardMove(pipeline, fromStageId, toStageId)) return [];
  const done = new Set(doneItemIds);
  const leaving = pipeline.stages.find((stage) => stage.id === fromStageId);
  return (leaving?.checklist ?? []).filter((item) => !done.has(item.id));
}

export type StageChangeInput = {
  dealId: Id;
  toStageId: Id;
  /** Items the rep ticked now (any stage's items of the deal's pipeline); remembered as done. */
  checkedItemIds: readonly Id[];
  /** Items of checklistToConfirm the rep chose to skip; recorded on the stage-change activity. */
  skippedItemIds: readonly Id[];
  authorId: Id;
  /** Why the deal was lost: required when the stage entered is a lost stage, ignored otherwise. */
  lostReason?: string | null;
};

export type StageChangeResult = { deal: Deal; activity: StageChangeActivity };

/** Tables every deal write touches: putDeal keeps the next-step reminder in the same transaction. */
function dealTables(database: DealsideDatabase) {
  return [database.pipelines, database.deals, database.activities, database.reminders];
}

/**
 * The live deal, parsed so that a record stored before a field existed (checklistDone) comes back
 * with that field's default.
 */
export async function loadLiveDeal(
  database: DealsideDatabase,
  dealId: Id,
  problems: FieldProblem[],
): Promise<Deal | null> {
  const stored = await database.deals.get(dealId);
  if (!stored || stored.deleted) {
    problems.push({ field: 'deal.id', message: 'no longer exists' });
    return null;
  }
  return checkRecord(dealSchema, 'deal', stored, problems);
}

async function loadDealWithPipeline(
  database: DealsideDatabase,
  dealId: Id,
): Promise<{ deal: Deal; pipeline: Pipeline }> {
  const problems: FieldProblem[] = [];
  const deal = await loadLiveDeal(database, dealId, problems);
  const pipeline = deal ? await database.pipelines.get(deal.pipelineId) : undefined;
  if (deal && (!pipeline || pipeline.deleted))
    problems.push({ field: 'deal.pipelineId', message: 'names a pipeline that no longer exists' });
  if (!deal || !pipeline || problems.length > 0) throw new InvalidFormError(problems);
  return { deal, pipeline };
}

export type StageMove = Omit<StageChangeInput, 'dealId'> & {
  /**
   * False when the move is not the rep's choice for this one deal (its stage is being deleted):
   * there is no prompt, so nothing is asked and nothing is skipped.
   */
  confirmChecklist: boolean;
};

/**
 * Moves a loaded deal within the caller's transaction and records the stage-change activity.
 * Throws InvalidFormError, naming every problem, before anything is written.
 */
export async function moveDealToStage(
  database: DealsideDatabase,
  deal: Deal,
  pipeline: Pipeline,
  move: StageMove,
  now: number,
): Promise<StageChangeResult> {
  const problems: FieldProblem[] = [];
  const target = pipeline.stages.find((stage) => stage.id === move.toStageId);
  if (!target) problems.push({ field: 'deal.stageId', message: 'is not a stage of this deal’s pipeline' });
  else if (target.id === deal.stageId)
    problems.push({ field: 'deal.stageId', message: 'is the stage the deal is already in' });

  const pipelineItems = new Set(pipeline.stages.flatMap((stage) => stage.checklist.map((item) => item.id)));
  if (move.checkedItemIds.some((id) => !pipelineItems.has(id)))
    problems.push({
      field: 'stageChange.checkedItemIds',
      message: 'names a checklist item this pipeline does not have',
    });
  const asked = move.confirmChecklist
    ? checklistToConfirm(pipeline, deal.stageId, move.toStageId, deal.checklistDone)
    : [];
  const askedIds = new Set(asked.map((item) => item.id));
  const checked = new Set(move.checkedItemIds);
  if (move.skippedItemIds.some((id) => !askedIds.has(id)))
    problems.push({
      field: 'stageChange.skippedItemIds',
      message: 'names an item this move did not ask about',
    });
  else if (move.skippedItemIds.some((id) => checked.has(id)))
    problems.push({ field: 'stageChange.skippedItemIds', message: 'ticks and skips the same item' });
  const skipped = new Set(move.skippedItemIds);
  if (asked.some((item) => !checked.has(item.id) && !skipped.has(item.id)))
    problems.push({
      field: 'stageChange.checklist',
      message: 'has items that were neither ticked nor skipped',
    });

  const lostReason = target?.kind === 'lost' ? (move.lostReason ?? '').trim() : null;
  if (lostReason === '') problems.push({ field: 'deal.lostReason', message: 'needs a reason' });

  const moved = checkRecord(
    dealSchema,
    'deal',
    {
      ...deal,
      stageId: move.toStageId,
      stageEnteredAt: now,
      // The stage's kind is the deal's status: entering an open stage reopens a won or lost deal.
      status: target?.kind ?? deal.status,
      lostReason,
      checklistDone: [...new Set([...deal.checklistDone, ...move.checkedItemIds])],
      updatedAt: now,
    },
    problems,
  );
  const activity = checkRecord(
    stageChangeActivitySchema,
    'activity',
    {
      id: newId(now),
      createdAt: now,
      updatedAt: now,
      deleted: false,
      kind: 'stage-change',
      dealId: deal.id,
      contactIds: deal.contactIds,
      companyId: deal.companyId,
      occurredAt: now,
      authorId: move.authorId,
      fromStageId: deal.stageId,
      toStageId: move.toStageId,
      skippedChecklistItemIds: [...move.skippedItemIds],
    },
    problems,
  );
  if (problems.length > 0 || !moved || !activity) throw new InvalidFormError(problems);
  const stored = await putDeal(database, moved, now);
  await putRecord(database, 'activities', activity);
  return { deal: stored, activity };
}

/**
 * A rep moves a deal to another stage of its pipeline, in one transaction: the deal (stage, time
 * entered, status, ticked checklist items), its next-step reminder and the stage-change activity
 * are all written, or nothing is. On a forward move every item of checklistToConfirm must be
 * ticked or explicitly skipped. This is what the `stage_change_p95_ms` benchmark measures.
 */
export function changeStage(
  database: DealsideDatabase,
  input: StageChangeInput,
  now: number = Date.now(),
): Promise<StageChangeResult> {
  return database.transaction('rw', dealTables(database), async () => {
    const { deal, pipeline } = await loadDealWithPipeline(database, input.dealId);
    return moveDealToStage(database, deal, pipeline, { ...input, confirmChecklist: true }, now);
  });
}

export type CloseInput = {
  dealId: Id;
  authorId: Id;
  /** Needed only when the won stage comes after the deal's stage and its checklist has open items. */
  checkedItemIds?: readonly Id[];
  skippedItemIds?: readonly Id[];
};

async function closeDeal(
  database: DealsideDatabase,
  input: CloseInput,
  kind: 'won' | 'lost',
  lostReason: string | null,
  now: number,
): Promise<StageChangeResult> {
  return database.transaction('rw', dealTables(database), async () => {
    const { deal, pipeline } = await loadDealWithPipeline(database, input.dealId);
    const target = pipeline.stages.find((stage) => stage.kind === kind);
    if (!target)
      throw new InvalidFormError([{ field: 'deal.stageId', message: `the pipeline has no ${kind} stage` }]);
    return moveDealToStage(
      database,
      deal,
      pipeline,
      {
        toStageId: target.id,
        checkedItemIds: input.checkedItemIds ?? [],
        skippedItemIds: input.skippedItemIds ?? [],
        authorId: input.authorId,
        lostReason,
        confirmChecklist: true,
      },
      now,
    );
  });
}

/**
 * Moves the deal to its pipeline's won stage. Winning is a forward move, so the stage being left
 * asks its open checklist items like any other (checklistToConfirm tells the UI which).
 */
export function markWon(
  database: DealsideDatabase,
  input: CloseInput,
  now: number = Date.now(),
): Promise<StageChangeResult> {
  return closeDeal(database, input, 'won', null, now);
}

/**
 * Moves the deal to its pipeline's lost stage with the reason. The reason is one of
 * lostReasonChoices (lost-reasons.ts) or the rep's own words: the list is what the UI offers, not
 * a rule, so editing the list never makes an older reason invalid.
 */
export function markLost(
  database: DealsideDatabase,
  input: Pick<CloseInput, 'dealId' | 'authorId'>,
  reason: string,
  now: number = Date.now(),
): Promise<StageChangeResult> {
  return closeDeal(database, input, 'lost', reason, now);
}

/** Typed dates further than this from today are taken for typos ("2062" for "2026"). */
export const MAX_MONTHS_AHEAD = 120;
export const MAX_MONTHS_BEHIND = 12;

/**
 * Refuses a typed calendar date that is far from today. Only dates the rep changes are judged:
 * a deal whose stored date has since fallen far behind can still be edited.
 */
function checkDateWindow(
  field: string,
  date: string | null,
  today: CalendarDate,
  problems: FieldProblem[],
): void {
  if (date === null || !calendarDateSchema.safeParse(date).success) return;
  if (date > addCalendarMonths(today, MAX_MONTHS_AHEAD))
    problems.push({ field, message: 'is more than 10 years ahead: check the year' });
  else if (date < addCalendarMonths(today, -MAX_MONTHS_BEHIND))
    problems.push({ field, message: 'is more than a year in the past: check the year' });
}

/** A moved expected close date: a later date than the stored one counts as a push, an earlier one does not. */
function pushesAfter(deal: Deal, expectedCloseDate: CalendarDate | null): number {
  const pushed =
    deal.expectedCloseDate !== null &&
    expectedCloseDate !== null &&
    expectedCloseDate > deal.expectedCloseDate;
  return deal.closeDatePushes + (pushed ? 1 : 0);
}

/** An amount as typed: thousands separators and full-width digits allowed, empty is 0. */
function typedAmount(amount: number | string): number {
  if (typeof amount === 'number') return amount;
  const text = amount.normalize('NFKC').trim().replace(/,/g, '');
  return text === '' ? 0 : Number(text);
}

/** A date as typed: empty is none. */
function typedDate(date: string | null): string | null {
  return date?.trim() || null;
}

export type DealDetailsInput = {
  dealId: Id;
  /** A number, or the text the rep typed (commas and full-width digits allowed; empty is 0). */
  amount?: number | string;
  /** An ISO 4217 code; lower case is accepted. */
  currency?: string;
  /** YYYY-MM-DD; null or empty clears it. */
  expectedCloseDate?: string | null;
  /** Null, or empty text with no due date, clears the next step. */
  nextStep?: { text: string; dueDate: string | null } | null;
};

/**
 * Edits the amount, currency, expected close date and next step of a deal in one transaction
 * (with its next-step reminder). Every invalid field is reported at once and nothing is stored.
 * Fields left out keep their value; a call that changes nothing writes nothing.
 */
export function updateDealDetails(
  database: DealsideDatabase,
  input: DealDetailsInput,
  now: number = Date.now(),
  timeZone: string = userTimeZone(),
): Promise<Deal> {
  return database.transaction('rw', [database.deals, database.reminders], async () => {
    const problems: FieldProblem[] = [];
    const deal = await loadLiveDeal(database, input.dealId, problems);
    if (!deal) throw new InvalidFormError(problems);
    const today = calendarDateAt(now, timeZone);

    const amount = input.amount === undefined ? deal.amount : typedAmount(input.amount);
    if (Number.isNaN(amount)) problems.push({ field: 'deal.amount', message: 'must be a number' });
    const currency = input.currency === undefined ? deal.currency : input.currency.trim().toUpperCase();

    const expectedCloseDate =
      input.expectedCloseDate === undefined ? deal.expectedCloseDate : typedDate(input.expectedCloseDate);
    if (expectedCloseDate !== deal.expectedCloseDate)
      checkDateWindow('deal.expectedCloseDate', expectedCloseDate, today, problems);

    let nextStep = deal.nextStep;
    if (input.nextStep !== undefined) {
      const text = input.nextStep?.text.trim() ?? '';
      const dueDate = typedDate(input.nextStep?.dueDate ?? null);
      // Empty text with a date is a mistake the schema names ("must not be empty"), not a cleared step.
      nextStep = text === '' && dueDate === null ? null : { text, dueDate };
      if (dueDate !== null && dueDate !== deal.nextStep?.dueDate)
        checkDateWindow('deal.nextStep', dueDate, today, problems);
    }

    const unchanged =
      amount === deal.amount &&
      currency === deal.currency &&
      expectedCloseDate === deal.expectedCloseDate &&
      nextStep?.text === deal.nextStep?.text &&
      nextStep?.dueDate === deal.nextStep?.dueDate;
    if (unchanged && problems.length === 0) return deal;

    const updated = checkRecord(
      dealSchema,
      'deal',
      {
        ...deal,
        amount,
        currency,
        expectedCloseDate,
        closeDatePushes: pushesAfter(deal, expectedCloseDate),
        nextStep,
        updatedAt: now,
      },
      problems,
    );
    if (problems.length > 0 || !updated) throw new InvalidFormError(problems);
    return putDeal(database, updated, now);
  });
}

/** How far "extend" moves an expected close date: a week, a month, or a day the rep picks. */
export type CloseDateExtension = 'week' | 'month' | { date: string };

/**
 * The one-click fix for an overdue (or slipping) deal. A week or a month counts from the later of
 * today and the current date: an overdue deal extended "+1 week" is due a week from today (from
 * its old date it could still be overdue), while a deal not yet due moves a week past its date. A
 * picked day must be today or later and later than the current date. Always a push when the deal
 * had a date. Only open deals have a close date to extend.
 */
export function extendCloseDate(
  database: DealsideDatabase,
  dealId: Id,
  by: CloseDateExtension,
  now: number = Date.now(),
  timeZone: string = userTimeZone(),
): Promise<Deal> {
  return database.transaction('rw', [database.deals, database.reminders], async () => {
    const problems: FieldProblem[] = [];
    const deal = await loadLiveDeal(database, dealId, problems);
    if (!deal) throw new InvalidFormError(problems);
    if (deal.status !== 'open')
      throw new InvalidFormError([
        { field: 'deal.status', message: 'is closed: only an open deal’s close date can be extended' },
      ]);
    const today = calendarDateAt(now, timeZone);
    const from = deal.expectedCloseDate ? laterDate(today, deal.expectedCloseDate) : today;
    let expectedCloseDate: string;
    if (by === 'week') expectedCloseDate = addCalendarDays(from, 7);
    else if (by === 'month') expectedCloseDate = addCalendarMonths(from, 1);
    else {
      expectedCloseDate = by.date.trim();
      const valid = calendarDateSchema.safeParse(expectedCloseDate).success;
      if (valid && expectedCloseDate < today)
        problems.push({
          field: 'deal.expectedCloseDate',
          message: 'is in the past: pick today or a later day',
        });
      else if (valid && deal.expectedCloseDate !== null && expectedCloseDate <= deal.expectedCloseDate)
        problems.push({
          field: 'deal.expectedCloseDate',
          message: 'is not later than the current expected close date',
        });
      else checkDateWindow('deal.expectedCloseDate', expectedCloseDate, today, problems);
    }
    const updated = checkRecord(
      dealSchema,
      'deal',
      {
        ...deal,
        expectedCloseDate,
        closeDatePushes: pushesAfter(deal, expectedCloseDate),
        updatedAt: now,
      },
      problems,
    );
    if (problems.length > 0 || !updated) throw new InvalidFormError(problems);
    return putDeal(database, updated, now);
  });
}
