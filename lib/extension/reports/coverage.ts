import type { Id } from '../../shared/model';
import { calendarDateAt } from '../pipeline/calendar-dates';
import { currencyConverter, periodKindOf, periodOfDate, stageProbability, stagesById } from './periods';
import type { Coverage, CoverageRow, DealData, PeriodKey, ReportContext } from './types';

type Totals = { won: number; weighted: number; pipeline: number };

/**
 * Quota coverage for one month or quarter (docs/metrics.md "Coverage"): per owner with a quota
 * for the period, the open pipeline closing in it over what is left of the quota, and the team
 * row over those owners.
 */
export function coverage(data: DealData, context: ReportContext, period: PeriodKey): Coverage {
  const { reporting, timeZone } = context;
  const kind = periodKindOf(period);
  const quotas = reporting.quotas.filter((quota) => quota.period === period);
  const totals = new Map<Id, Totals>(
    quotas.map((quota) => [quota.ownerId, { won: 0, weighted: 0, pipeline: 0 }]),
  );
  const stages = stagesById(data.pipelines);
  const money = currencyConverter(reporting);

  for (const deal of data.deals) {
    const owner = totals.get(deal.ownerId);
    if (!owner || deal.deleted || deal.status === 'lost') continue;
    const inPeriod =
      deal.status === 'won'
        ? periodOfDate(calendarDateAt(deal.stageEnteredAt, timeZone), kind) === period
        : deal.expectedCloseDate !== null && periodOfDate(deal.expectedCloseDate, kind) === period;
    if (!inPeriod) continue;
    const value = money.value(deal);
    if (value === null) continue;
    if (deal.status === 'won') {
      owner.won += value;
    } else {
      owner.pipeline += value;
      owner.weighted += (value * stageProbability(stages, deal.stageId)) / 100;
    }
  }

  const row = (ownerId: Id | null, quota: number, sums: Totals): CoverageRow => {
    const remaining = quota - sums.won;
    const targetReached = remaining <= 0;
    const weightedCoverage = targetReached ? null : sums.weighted / remaining;
    const unweightedCoverage = targetReached ? null : sums.pipeline / remaining;
    const warnings: CoverageRow['warnings'] = [];
    if (weightedCoverage !== null && weightedCoverage < reporting.coverageWarning.weighted)
      warnings.push('weighted');
    if (unweightedCoverage !== null && unweightedCoverage < reporting.coverageWarning.unweighted) {
      warnings.push('unweighted');
    }
    return {
      ownerId,
      period,
      quota,
      ...sums,
      remaining,
      weightedCoverage,
      unweightedCoverage,
      targetReached,
      warnings,
    };
  };

  const rows = quotas.map((quota) => row(quota.ownerId, quota.amount, totals.get(quota.ownerId) as Totals));
  if (rows.length > 0) {
    const team = { won: 0, weighted: 0, pipeline: 0 };
    let teamQuota = 0;
    for (const ownerRow of rows) {
      teamQuota += ownerRow.quota;
      team.won += ownerRow.won;
      team.weighted += ownerRow.weighted;
      team.pipeline += ownerRow.pipeline;
    }
    rows.push(row(null, teamQuota, team));
  }
  return { baseCurrency: reporting.baseCurrency, rows, unconverted: money.unconverted };
}
