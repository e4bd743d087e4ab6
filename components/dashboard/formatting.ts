import type { Language } from '@/lib/extension/i18n/translate';

/** Number formats the dashboard's tables and charts share, in the page's language. */
export type Formats = {
  money: (amount: number) => string;
  /** NT$20M / NT$2,000萬: for chart axes, where the full figure does not fit. */
  compactMoney: (amount: number) => string;
  /** 0.42 → "42%". */
  percent: (share: number) => string;
  /** 2.5 → "2.5×". */
  ratio: (ratio: number) => string;
  days: (days: number) => string;
  count: (count: number) => string;
};

export function formatsFor(language: Language, currency: string): Formats {
  const money = new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  });
  const compactMoney = new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(language);
  return {
    money: (amount) => money.format(amount),
    compactMoney: (amount) => compactMoney.format(amount),
    percent: (share) => percent.format(share),
    ratio: (ratio) => `${decimal.format(ratio)}×`,
    days: (days) => decimal.format(days),
    count: (value) => count.format(value),
  };
}
