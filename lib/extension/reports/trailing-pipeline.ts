import type { Deal, Id, StageKind } from '../../shared/model';
import { addCalendarMonths, calendarDateAt } from '../pipeline/calendar-dates';
import { currencyConverter, periodOfDate } from './periods';
import type { PeriodKey, ReportContext, ReportData, StageChange } from './types';

/** How many past months a rep's own trailing average covers (the "e.g. trailing 3 months"). */
export const TRAILING_MONTHS = 3;

export type OwnerPipeline = { count: number; value: number };

type Change = Pick<StageChange, 'occurredAt' | 'fromStageId' | 'toStageId'>;

/** The `count` calendar months before the current one in the user's time zone, oldest first. */
export function trailingMonths(now: number, timeZone: string, count: number = TRAILING_MONTHS): PeriodKey[] {
  const firstOfThisMonth = `${periodOfDate(calendarDateAt(now, timeZone), 'month')}-01`;
  return Array.from({ length: count }, (_, index) =>
    periodOfDate(addCalendarMonths(firstOfThisMonth, index - count), 'month'),
  );
}

/**
 * Whether the deal was open as each month ended (`months` oldest first; docs/metrics.md "Trailing
 * average"). Its stage then is the one its last stage change by that month's end entered; before
 * its first change, the stage that change left; with no history, its current stage from the month
 * it entered it. A stage nobody knows — history that began before recording, a stage deleted since
 * (only open stages can be deleted), the time before a history-less deal entered its stage — counts
 * as open: deals start open. Months are read in the user's time zone.
 */
export function openAtMonthEnds(
  deal: Pick<Deal, 'createdAt' | 'stageId' | 'stageEnteredAt'>,
  history: readonly Change[],
  kindOf: ReadonlyMap<Id, StageKind>,
  months: readonly PeriodKey[],
  timeZone: string,
): boolean[] {
  const monthOf = (instant: number) => periodOfDate(calendarDateAt(instant, timeZone), 'month');
  const created = monthOf(deal.createdAt);
  const entered = history.length === 0 ? monthOf(deal.stageEnteredAt) : '';
  // 'YYYY-MM' strings sort as the months they name; months and history are both oldest first, so
  // one pass finds the last change by each month's end.
  let changesBy = 0;
  return months.map((month) => {
    if (created > month) return false;
    while (changesBy < history.length && monthOf((history[changesBy] as Change).occurredAt) <= month) {
      changesBy += 1;
    }
    let stageId: Id | null;
    if (changesBy > 0) stageId = (history[changesBy - 1] as Change).toStageId;
    else if (history.length > 0) stageId = (history[0] as Change).fromStageId;
    else stageId = entered <= month ? deal.stageId : null;
    return stageId === null || (kindOf.get(stageId) ?? 'open') === 'open';
  });
}

/**
 * Each owner's own trailing average: the count and base-currency value of the deals open as each
 * of the last `months` calendar months ended, averaged over those months. Values use today's
 * amounts and rates (amount history is not recorded); deals without a rate add 0. Owners with no
 * deal open at any of those month ends are absent.
 */
export function trailingOpenAverages(
  data: ReportData,
  context: ReportContext,
  months: number = TRAILING_MONTHS,
): Map<Id, OwnerPipeline> {
  const monthEnds = trailingMonths(context.now, context.timeZone, months);
  const kindOf = new Map<Id, StageKind>();
  for (const pipeline of data.pipelines)
    for (const stage of pipeline.stages) kindOf.set(stage.id, stage.kind);
  const money = currencyConverter(context.reporting);
  const totals = new Map<Id, OwnerPipeline>();
  for (const deal of data.deals) {
    if (deal.deleted) continue;
    const history = (data.stageChanges.get(deal.id) ?? []).filter((change) => !change.deleted);
    const openMonths = openAtMonthEnds(deal, history, kindOf, monthEnds, context.timeZone).filter(
      Boolean,
    ).length;
    if (openMonths === 0) continue;
    const total = totals.get(deal.ownerId) ?? { count: 0, value: 0 };
    total.count += openMonths;
    total.value += openMonths * (money.value(deal) ?? 0);
    totals.set(deal.ownerId, total);
  }
  for (const total of totals.values()) {
    total.count /= months;
    total.value /= months;
  }
  return totals;
}
