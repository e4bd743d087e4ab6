import type { Deal, Id, Stage } from '../../shared/model';
import { calendarDateAt } from '../pipeline/calendar-dates';
import { isOverdue, isStale } from '../pipeline/deal-health';
import { currencyConverter, currentPeriod, stagesById } from './periods';
import { trailingOpenAverages } from './trailing-pipeline';
import type { Health, HealthWarning, HealthWarningKind, ReportContext, ReportData } from './types';

const DAY_MS = 24 * 3600_000;

/**
 * isStale, without its calendar work when the elapsed time alone decides. Calendar days where
 * the rep is and elapsed 24-hour days differ by less than one day, plus a clock change (at most
 * a day, the largest ever: Samoa's), so a deal quiet for at most limit − 2 days cannot be stale and
 * one quiet for at least limit + 1 days is; isStale decides the days between. Health checks every
 * open deal, and this keeps 50,000 of them cheap.
 */
export function isStaleQuick(
  deal: Pick<Deal, 'status' | 'deleted' | 'stageEnteredAt'>,
  stage: Pick<Stage, 'staleAfterDays'>,
  lastActivity: number | null,
  now: number,
  timeZone: string,
): boolean {
  if (deal.deleted || deal.status !== 'open' || stage.staleAfterDays === null) return false;
  const quiet = now - Math.max(lastActivity ?? deal.stageEnteredAt, deal.stageEnteredAt);
  if (quiet <= (stage.staleAfterDays - 2) * DAY_MS) return false;
  if (quiet >= (stage.staleAfterDays + 1) * DAY_MS) return true;
  return isStale(deal, stage, lastActivity, now, timeZone);
}

type OwnerDeals = { open: Id[]; value: number; overdue: Id[]; stale: Id[]; noNextStep: Id[] };

/**
 * Pipeline health warnings (docs/metrics.md "Health"): owners whose open deal count or value is
 * below the team average, or below their own trailing average (trailing-pipeline.ts), by the
 * configured margin, and per owner the overdue deals, the stale deals and the open deals without
 * a next step. Each warning carries the deal ids behind it.
 */
export function healthWarnings(data: ReportData, context: ReportContext): Health {
  const { reporting, now, timeZone } = context;
  const today = calendarDateAt(now, timeZone);
  const stages = stagesById(data.pipelines);
  const money = currencyConverter(reporting);
  const owners = new Map<Id, OwnerDeals>();
  const ownerDeals = (ownerId: Id) => {
    let owner = owners.get(ownerId);
    if (!owner) {
      owner = { open: [], value: 0, overdue: [], stale: [], noNextStep: [] };
      owners.set(ownerId, owner);
    }
    return owner;
  };
  // A rep with a target this month or quarter is on the team even with no open deal: that is the warning.
  const month = currentPeriod(now, timeZone, 'month');
  const quarter = currentPeriod(now, timeZone, 'quarter');
  for (const quota of reporting.quotas) {
    if (quota.period === month || quota.period === quarter) ownerDeals(quota.ownerId);
  }

  for (const deal of data.deals) {
    if (deal.deleted || deal.status !== 'open') continue;
    const owner = ownerDeals(deal.ownerId);
    owner.open.push(deal.id);
    owner.value += money.value(deal) ?? 0;
    if (isOverdue(deal, today)) owner.overdue.push(deal.id);
    const stage = stages.get(deal.stageId)?.stage;
    if (stage && isStaleQuick(deal, stage, data.lastActivityAt.get(deal.id) ?? null, now, timeZone)) {
      owner.stale.push(deal.id);
    }
    if (deal.nextStep === null) owner.noNextStep.push(deal.id);
  }

  const warnings: HealthWarning[] = [];
  const floor = 1 - reporting.healthMargin;
  const dealWarning = (kind: HealthWarningKind, ownerId: Id, dealIds: Id[]) => {
    if (dealIds.length > 0) warnings.push({ kind, ownerId, dealIds, value: null, average: null });
  };
  const belowAverage = (
    kind: HealthWarningKind,
    ownerId: Id,
    dealIds: Id[],
    value: number,
    average: number,
  ) => {
    if (value < average * floor) warnings.push({ kind, ownerId, dealIds, value, average });
  };

  // The team: reps with open deals or a target now. An average of one rep is that rep, so
  // comparing needs at least two.
  const team = new Set(owners.keys());
  const compare = team.size >= 2;
  let totalCount = 0;
  let totalValue = 0;
  for (const owner of owners.values()) {
    totalCount += owner.open.length;
    totalValue += owner.value;
  }
  const averageCount = totalCount / team.size;
  const averageValue = totalValue / team.size;
  // A rep whose every deal closed since is off the team, yet the very case to flag against their own past.
  const trailing = trailingOpenAverages(data, context);
  for (const ownerId of trailing.keys()) ownerDeals(ownerId);
  for (const [ownerId, owner] of owners) {
    const count = owner.open.length;
    if (compare && team.has(ownerId)) {
      belowAverage('low-open-count', ownerId, owner.open, count, averageCount);
      belowAverage('low-open-value', ownerId, owner.open, owner.value, averageValue);
    }
    const own = trailing.get(ownerId);
    if (own) {
      belowAverage('below-trailing-count', ownerId, owner.open, count, own.count);
      belowAverage('below-trailing-value', ownerId, owner.open, owner.value, own.value);
    }
    dealWarning('overdue', ownerId, owner.overdue);
    dealWarning('stale', ownerId, owner.stale);
    dealWarning('no-next-step', ownerId, owner.noNextStep);
  }
  return { baseCurrency: reporting.baseCurrency, warnings, unconverted: money.unconverted };
}
