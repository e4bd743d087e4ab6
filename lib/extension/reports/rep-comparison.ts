import type { Id } from '../../shared/model';
import { calendarDateAt, calendarDaysBetween } from '../pipeline/calendar-dates';
import { isOverdue } from '../pipeline/deal-health';
import { currencyConverter, periodKindOf, periodOfDate, stageProbability, stagesById } from './periods';
import type { DealData, PeriodKey, RepComparison, ReportContext, RepRow } from './types';

type Sums = Omit<RepRow, 'ownerId' | 'winRate' | 'averageDealSize' | 'averageCycleDays'> & {
  /** Won deals whose amount converted: the average deal size divides by these. */
  wonConverted: number;
  cycleDays: number;
};

function emptySums(): Sums {
  return {
    openCount: 0,
    pipelineValue: 0,
    weightedValue: 0,
    wonCount: 0,
    wonValue: 0,
    lostCount: 0,
    overdueCount: 0,
    wonConverted: 0,
    cycleDays: 0,
  };
}

function ratios(sums: Sums) {
  const closed = sums.wonCount + sums.lostCount;
  return {
    winRate: closed === 0 ? null : sums.wonCount / closed,
    averageDealSize: sums.wonConverted === 0 ? null : sums.wonValue / sums.wonConverted,
    averageCycleDays: sums.wonCount === 0 ? null : sums.cycleDays / sums.wonCount,
  };
}

/**
 * The rep comparison table for one month or quarter (docs/metrics.md "Rep comparison"): open
 * pipeline as it stands now, won/lost and the cycle over deals closed in the period, and a team
 * average row (counts and values: the mean per rep; rates and averages: over the team's deals).
 */
export function compareReps(data: DealData, context: ReportContext, period: PeriodKey): RepComparison {
  const { reporting, now, timeZone } = context;
  const kind = periodKindOf(period);
  const today = calendarDateAt(now, timeZone);
  const stages = stagesById(data.pipelines);
  const money = currencyConverter(reporting);
  const owners = new Map<Id, Sums>();
  const sumsFor = (ownerId: Id) => {
    let sums = owners.get(ownerId);
    if (!sums) {
      sums = emptySums();
      owners.set(ownerId, sums);
    }
    return sums;
  };

  for (const deal of data.deals) {
    if (deal.deleted) continue;
    if (deal.status === 'open') {
      const sums = sumsFor(deal.ownerId);
      sums.openCount += 1;
      if (isOverdue(deal, today)) sums.overdueCount += 1;
      const value = money.value(deal);
      if (value !== null) {
        sums.pipelineValue += value;
        sums.weightedValue += (value * stageProbability(stages, deal.stageId)) / 100;
      }
      continue;
    }
    const closedOn = calendarDateAt(deal.stageEnteredAt, timeZone);
    if (periodOfDate(closedOn, kind) !== period) continue;
    const sums = sumsFor(deal.ownerId);
    if (deal.status === 'lost') {
      sums.lostCount += 1;
      continue;
    }
    sums.wonCount += 1;
    sums.cycleDays += calendarDaysBetween(calendarDateAt(deal.createdAt, timeZone), closedOn);
    const value = money.value(deal);
    if (value !== null) {
      sums.wonValue += value;
      sums.wonConverted += 1;
    }
  }

  const rows: RepRow[] = [...owners].map(([ownerId, sums]) => ({
    ownerId,
    openCount: sums.openCount,
    pipelineValue: sums.pipelineValue,
    weightedValue: sums.weightedValue,
    wonCount: sums.wonCount,
    wonValue: sums.wonValue,
    lostCount: sums.lostCount,
    overdueCount: sums.overdueCount,
    ...ratios(sums),
  }));

  const team = emptySums();
  for (const sums of owners.values()) {
    for (const key of Object.keys(team) as (keyof Sums)[]) team[key] += sums[key];
  }
  const reps = Math.max(1, owners.size);
  const teamAverage: RepRow = {
    ownerId: null,
    openCount: team.openCount / reps,
    pipelineValue: team.pipelineValue / reps,
    weightedValue: team.weightedValue / reps,
    wonCount: team.wonCount / reps,
    wonValue: team.wonValue / reps,
    lostCount: team.lostCount / reps,
    overdueCount: team.overdueCount / reps,
    ...ratios(team),
  };
  return { period, baseCurrency: reporting.baseCurrency, rows, teamAverage, unconverted: money.unconverted };
}
