import type { Id } from '../../shared/model';
import { calendarDateAt } from '../pipeline/calendar-dates';
import { currencyConverter, periodOfDate, stageProbability, stagesById } from './periods';
import type { DealData, Forecast, ForecastCell, ForecastRow, PeriodKind, ReportContext } from './types';

export function emptyForecastCell(): ForecastCell {
  return {
    weighted: 0,
    pipeline: 0,
    commitPipeline: 0,
    won: 0,
    bestCase: 0,
    commit: 0,
    openCount: 0,
    wonCount: 0,
  };
}

type Row = Omit<ForecastRow, 'period'>;

function ownerCell(row: Row, ownerId: Id): ForecastCell {
  let cell = row.byOwner[ownerId];
  if (!cell) {
    cell = emptyForecastCell();
    row.byOwner[ownerId] = cell;
  }
  return cell;
}

function finish(cell: ForecastCell): void {
  cell.bestCase = cell.won + cell.pipeline;
  cell.commit = cell.won + cell.commitPipeline;
}

/**
 * The weighted forecast per month or quarter, for the team and per owner (docs/metrics.md
 * "Forecast"). Open deals count in the period of their expected close date, won deals in the
 * period of their won date (when they entered the won stage, in the user's time zone); lost deals
 * not at all. Open deals without a close date go to `noCloseDate`.
 */
export function forecast(data: DealData, context: ReportContext, periodKind: PeriodKind): Forecast {
  const { reporting, timeZone } = context;
  const stages = stagesById(data.pipelines);
  const money = currencyConverter(reporting);
  const rows = new Map<string, Row>();
  const noCloseDate: Row = { team: emptyForecastCell(), byOwner: {} };
  const rowFor = (period: string) => {
    let row = rows.get(period);
    if (!row) {
      row = { team: emptyForecastCell(), byOwner: {} };
      rows.set(period, row);
    }
    return row;
  };

  for (const deal of data.deals) {
    if (deal.status === 'lost' || deal.deleted) continue;
    const value = money.value(deal);
    if (value === null) continue;
    if (deal.status === 'won') {
      const row = rowFor(periodOfDate(calendarDateAt(deal.stageEnteredAt, timeZone), periodKind));
      for (const cell of [row.team, ownerCell(row, deal.ownerId)]) {
        cell.won += value;
        cell.wonCount += 1;
      }
      continue;
    }
    const probability = stageProbability(stages, deal.stageId);
    const row =
      deal.expectedCloseDate === null
        ? noCloseDate
        : rowFor(periodOfDate(deal.expectedCloseDate, periodKind));
    for (const cell of [row.team, ownerCell(row, deal.ownerId)]) {
      cell.weighted += (value * probability) / 100;
      cell.pipeline += value;
      if (probability >= reporting.commitProbability) cell.commitPipeline += value;
      cell.openCount += 1;
    }
  }

  const periods = [...rows.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([period, row]) => ({ period, ...row }));
  for (const row of [...periods, noCloseDate]) {
    finish(row.team);
    for (const cell of Object.values(row.byOwner)) finish(cell);
  }
  return {
    periodKind,
    baseCurrency: reporting.baseCurrency,
    periods,
    noCloseDate,
    unconverted: money.unconverted,
  };
}
