import { describe, expect, it } from 'vitest';
import { defaultReportingSettings, newId, type ReportingSettings } from '@/lib/shared/model';
import { formFromSettings, parseDecimal, type ReportingForm, readReportingForm } from './reporting-form';

const ownerId = newId(Date.UTC(2026, 0, 1));

function form(change: Partial<ReportingForm> = {}): ReportingForm {
  return { ...formFromSettings(defaultReportingSettings('TWD')), ...change };
}

function rate(currency: string, perBase: string) {
  return { key: `${currency}-${perBase}`, currency, perBase };
}

describe('parseDecimal', () => {
  it.each([
    ['31.5', 31.5],
    [' 1,500,000 ', 1_500_000],
    ['1,234.5', 1234.5],
    ['.5', 0.5],
    ['0', 0],
    ['-2', -2],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['abc', '', '31,5', '1,50,000', '2e3', '1.2.3', 'Infinity', '12abc'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
});

describe('readReportingForm', () => {
  it('turns the defaults back into the same settings', () => {
    const result = readReportingForm(form());
    expect(result).toEqual({ ok: true, reporting: defaultReportingSettings('TWD') });
  });

  it('reads rates, quotas, ratios and percentages', () => {
    const result = readReportingForm(
      form({
        rates: [rate(' usd ', '31.5'), rate('JPY', '0.21')],
        quotas: [
          { key: 'a', ownerId, year: '2026', period: '11', amount: '1,000,000' },
          { key: 'b', ownerId, year: '2026', period: 'Q4', amount: '3000000' },
        ],
        coverageUnweighted: '2.5',
        coverageWeighted: '1',
        commitProbability: '60',
        healthMargin: '30',
      }),
    );
    expect(result).toEqual({
      ok: true,
      reporting: {
        baseCurrency: 'TWD',
        rates: [
          { currency: 'USD', perBase: 31.5 },
          { currency: 'JPY', perBase: 0.21 },
        ],
        quotas: [
          { ownerId, period: '2026-11', amount: 1_000_000 },
          { ownerId, period: '2026-Q4', amount: 3_000_000 },
        ],
        coverageWarning: { unweighted: 2.5, weighted: 1 },
        commitProbability: 60,
        healthMargin: 0.3,
      } satisfies ReportingSettings,
    });
  });

  it.each([
    ['0', 'reporting.error.ratePositive'],
    ['-3', 'reporting.error.ratePositive'],
    ['abc', 'reporting.error.notNumber'],
    ['', 'reporting.error.required'],
    ['2000000000', 'reporting.error.tooLarge'],
  ])('refuses the rate %j with %s', (perBase, error) => {
    const result = readReportingForm(form({ rates: [rate('USD', perBase)] }));
    expect(result).toEqual({ ok: false, errors: { 'rates.0.perBase': error } });
  });

  it.each([
    ['US', 'reporting.error.currencyShape'],
    ['', 'reporting.error.required'],
    ['ABC', 'reporting.error.currencyUnknown'],
    ['TWD', 'reporting.error.rateIsBase'],
  ])('refuses the currency %j with %s', (currency, error) => {
    const result = readReportingForm(form({ rates: [rate(currency, '2')] }));
    expect(result).toEqual({ ok: false, errors: { 'rates.0.currency': error } });
  });

  it('names the second row of a currency given twice', () => {
    const result = readReportingForm(form({ rates: [rate('USD', '31'), rate('usd', '32')] }));
    expect(result).toEqual({ ok: false, errors: { 'rates.1.currency': 'reporting.error.rateTwice' } });
  });

  it('names the second target for the same owner and period', () => {
    const quota = { ownerId, year: '2026', period: 'Q1' as const, amount: '5' };
    const result = readReportingForm(
      form({
        quotas: [
          { key: 'a', ...quota },
          { key: 'b', ...quota },
        ],
      }),
    );
    expect(result).toEqual({ ok: false, errors: { 'quotas.1.period': 'reporting.error.quotaTwice' } });
  });

  it('checks years, amounts, ratios and percentages', () => {
    const result = readReportingForm(
      form({
        quotas: [{ key: 'a', ownerId, year: '1999', period: '01', amount: '-1' }],
        coverageUnweighted: 'x',
        coverageWeighted: '101',
        commitProbability: '75.5',
        healthMargin: '120',
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        'quotas.0.year': 'reporting.error.year',
        'quotas.0.amount': 'reporting.error.notNegative',
        coverageUnweighted: 'reporting.error.notNumber',
        coverageWeighted: 'reporting.error.ratioRange',
        commitProbability: 'reporting.error.wholeNumber',
        healthMargin: 'reporting.error.percentRange',
      },
    });
  });

  it('lets the data layer refuse what the form cannot judge, by field', () => {
    const result = readReportingForm(
      form({ quotas: [{ key: 'a', ownerId: 'not-an-id', year: '2026', period: '01', amount: '1' }] }),
    );
    expect(result).toEqual({ ok: false, errors: { 'quotas.0.ownerId': 'reporting.error.invalid' } });
  });

  it('shows a stored fraction as a percentage without float noise', () => {
    const reporting = { ...defaultReportingSettings('USD'), healthMargin: 0.07 };
    expect(formFromSettings(reporting).healthMargin).toBe('7');
    expect(readReportingForm(formFromSettings(reporting))).toEqual({ ok: true, reporting });
  });
});
