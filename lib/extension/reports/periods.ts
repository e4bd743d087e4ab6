import type { Deal, Id, Pipeline, ReportingSettings, Stage } from '../../shared/model';
import { type CalendarDate, calendarDateAt } from '../pipeline/calendar-dates';
import type { PeriodKey, PeriodKind, UnconvertedDeal } from './types';

/** The month 'YYYY-MM' or quarter 'YYYY-Qn' a calendar date falls in. */
export function periodOfDate(date: CalendarDate, kind: PeriodKind): PeriodKey {
  if (kind === 'month') return date.slice(0, 7);
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export function periodKindOf(period: PeriodKey): PeriodKind {
  return period.includes('Q') ? 'quarter' : 'month';
}

/** The period holding the user's today. */
export function currentPeriod(now: number, timeZone: string, kind: PeriodKind): PeriodKey {
  return periodOfDate(calendarDateAt(now, timeZone), kind);
}

/** An amount in the base currency, or null when its currency has no rate (docs/metrics.md "Currencies"). */
export function toBaseCurrency(
  amount: number,
  currency: string,
  reporting: ReportingSettings,
): number | null {
  if (currency === reporting.baseCurrency) return amount;
  const rate = reporting.rates.find((candidate) => candidate.currency === currency);
  return rate ? amount * rate.perBase : null;
}

/** Converts many deals' amounts: the rates looked up once, and the deals without one collected. */
export function currencyConverter(reporting: ReportingSettings) {
  const perBase = new Map<string, number>(reporting.rates.map((rate) => [rate.currency, rate.perBase]));
  perBase.set(reporting.baseCurrency, 1);
  const unconverted: UnconvertedDeal[] = [];
  return {
    unconverted,
    /** The deal's amount in base currency; null (and the deal listed once) when its currency has no rate. */
    value(deal: Pick<Deal, 'id' | 'amount' | 'currency'>): number | null {
      const rate = perBase.get(deal.currency);
      if (rate === undefined) {
        unconverted.push({ dealId: deal.id, currency: deal.currency });
        return null;
      }
      return deal.amount * rate;
    },
  };
}

export type StageInfo = { stage: Stage; pipelineId: Id; index: number };

/** Every stage of every pipeline by id (stage ids are unique ids, never reused across pipelines). */
export function stagesById(pipelines: readonly Pipeline[]): Map<Id, StageInfo> {
  const stages = new Map<Id, StageInfo>();
  for (const pipeline of pipelines) {
    pipeline.stages.forEach((stage, index) => {
      stages.set(stage.id, { stage, pipelineId: pipeline.id, index });
    });
  }
  return stages;
}

/** A deal's stage probability in percent; 0 when its stage no longer exists. */
export function stageProbability(stages: ReadonlyMap<Id, StageInfo>, stageId: Id): number {
  return stages.get(stageId)?.stage.probability ?? 0;
}
