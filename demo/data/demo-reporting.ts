import {
  defaultReportingSettings,
  type Id,
  type Quota,
  type ReportingSettings,
} from '../../lib/shared/model';
import { taipeiDay } from './time';

/**
 * TWD per unit, round figures near recent rates: for the demo's USD deals, and two more
 * currencies a Taiwanese vendor quotes in.
 */
export const DEMO_RATES = [
  { currency: 'USD', perBase: 32 },
  { currency: 'EUR', perBase: 35 },
  { currency: 'JPY', perBase: 0.21 },
] as const;

/**
 * The seller's target per month. The demo's rep wins about 5–7 million TWD a month with some 15–20
 * million open, so the target is a stretch: never reached, and the open pipeline is below 3× what
 * is left of it, so the demo shows a coverage warning.
 */
export const DEMO_MONTHLY_QUOTA = 12_000_000;
const MONTHS_AROUND = 2;
const QUARTERS_AROUND = 1;

/**
 * Reporting settings for the demo: TWD as base, rates for the other currencies, and the seller's
 * quotas from two months before to two months after the current one, and for the previous,
 * current and next quarter (periods in Taipei, where the demo's seller works), so coverage shows
 * whichever period the dashboard is set to.
 */
export function demoReporting(now: number, ownerId: Id): ReportingSettings {
  const [year, month] = taipeiDay(now).split('-').map(Number) as [number, number];
  const monthKey = (offset: number) =>
    new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
  const quarterKey = (offset: number) => {
    const quarterIndex = year * 4 + Math.floor((month - 1) / 3) + offset;
    return `${Math.floor(quarterIndex / 4)}-Q${(quarterIndex % 4) + 1}`;
  };
  const quotas: Quota[] = [];
  for (let offset = -MONTHS_AROUND; offset <= MONTHS_AROUND; offset++) {
    quotas.push({ ownerId, period: monthKey(offset), amount: DEMO_MONTHLY_QUOTA });
  }
  for (let offset = -QUARTERS_AROUND; offset <= QUARTERS_AROUND; offset++) {
    quotas.push({ ownerId, period: quarterKey(offset), amount: 3 * DEMO_MONTHLY_QUOTA });
  }
  return { ...defaultReportingSettings('TWD'), rates: DEMO_RATES.map((rate) => ({ ...rate })), quotas };
}
