import type { Translate } from '@/lib/extension/i18n/translate';
import type { PeriodKey, PeriodKind } from '@/lib/extension/reports/types';

/** "November 2026" / "2026年11月" for 'YYYY-MM'; "Q4 2026" / "2026 年第 4 季" for 'YYYY-Qn'. */
export function periodLabel(period: PeriodKey, language: string, t: Translate): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') return t('dashboard.quarterLabel', { year, quarter: Number(period.slice(6)) });
  const month = Number(period.slice(5, 7));
  // Noon UTC on the 1st names the same month in every time zone.
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, 1, 12),
  );
}

/** The period of `kind` that a month or quarter key starts in: where a forecast table begins. */
export function startingPeriod(period: PeriodKey, kind: PeriodKind): PeriodKey {
  const year = period.slice(0, 4);
  const isQuarter = period[5] === 'Q';
  if (kind === 'quarter') {
    return isQuarter ? period : `${year}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;
  }
  if (!isQuarter) return period;
  const firstMonth = (Number(period.slice(6)) - 1) * 3 + 1;
  return `${year}-${String(firstMonth).padStart(2, '0')}`;
}
