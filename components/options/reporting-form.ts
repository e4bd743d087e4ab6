import { z } from 'zod';
import { en, type MessageKey } from '@/lib/extension/i18n/en';
import { type ReportingSettings, reportingSettingsSchema } from '@/lib/shared/model';

/** One exchange-rate row as typed: "1 {currency} = {perBase} {base currency}". */
export type RateRow = { key: string; currency: string; perBase: string };

export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
/** The part of a period after the year: a month '01'…'12' or a quarter 'Q1'…'Q4'. */
export type PeriodPart = (typeof MONTHS)[number] | (typeof QUARTERS)[number];

export type QuotaRow = { key: string; ownerId: string; year: string; period: PeriodPart; amount: string };

/** The Reports section's fields as the user typed them; numbers stay text until saved. */
export type ReportingForm = {
  baseCurrency: string;
  rates: RateRow[];
  quotas: QuotaRow[];
  coverageUnweighted: string;
  coverageWeighted: string;
  /** A percentage, 0–100. */
  commitProbability: string;
  /** A percentage, 0–100, stored as a fraction. */
  healthMargin: string;
};

/** Field problems keyed by field path ('rates.0.perBase', 'healthMargin'), as message keys. */
export type ReportingErrors = Partial<Record<string, MessageKey>>;

let nextRowKey = 0;
/** Keys React uses to keep each row's inputs (and focus) with the row when another is removed. */
export function newRowKey(): string {
  nextRowKey += 1;
  return `row-${nextRowKey}`;
}

export function formFromSettings(reporting: ReportingSettings): ReportingForm {
  return {
    baseCurrency: reporting.baseCurrency,
    rates: reporting.rates.map((rate) => ({
      key: newRowKey(),
      currency: rate.currency,
      perBase: String(rate.perBase),
    })),
    quotas: reporting.quotas.map((quota) => {
      const [year = '', period = '01'] = quota.period.split('-');
      return {
        key: newRowKey(),
        ownerId: quota.ownerId,
        year,
        period: period as PeriodPart,
        amount: String(quota.amount),
      };
    }),
    coverageUnweighted: String(reporting.coverageWarning.unweighted),
    coverageWeighted: String(reporting.coverageWarning.weighted),
    commitProbability: String(reporting.commitProbability),
    // Rounded so that 0.07 shows as 7, not 7.000000000000001.
    healthMargin: String(Math.round(reporting.healthMargin * 100 * 1e6) / 1e6),
  };
}

/**
 * A decimal as people type it: "31.5", " 1,500,000 ", "2e3" is not. Thousands separators are only
 * accepted in groups of three, so "31,5" (a European decimal comma) is refused, not read as 315.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)) return Number(trimmed.replaceAll(',', ''));
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  return Number(trimmed);
}

const SUPPORTED_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const currencyField = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(
    z
      .string()
      .min(1, 'reporting.error.required' satisfies MessageKey)
      .regex(/^[A-Z]{3}$/, 'reporting.error.currencyShape' satisfies MessageKey)
      .refine(
        (code) => SUPPORTED_CURRENCIES.has(code),
        'reporting.error.currencyUnknown' satisfies MessageKey,
      ),
  );

/** A typed number, then the checks of `range` on its value. */
function decimalField(range: z.ZodNumber) {
  return z
    .string()
    .transform((text, context) => {
      if (text.trim() === '') {
        context.addIssue({ code: 'custom', message: 'reporting.error.required' satisfies MessageKey });
        return z.NEVER;
      }
      const value = parseDecimal(text);
      if (value === null || !Number.isFinite(value)) {
        context.addIssue({ code: 'custom', message: 'reporting.error.notNumber' satisfies MessageKey });
        return z.NEVER;
      }
      return value;
    })
    .pipe(range);
}

const rateField = decimalField(
  z
    .number()
    .positive('reporting.error.ratePositive' satisfies MessageKey)
    .max(1_000_000_000, 'reporting.error.tooLarge' satisfies MessageKey),
);
const amountField = decimalField(
  z
    .number()
    .nonnegative('reporting.error.notNegative' satisfies MessageKey)
    .max(1_000_000_000_000, 'reporting.error.tooLarge' satisfies MessageKey),
);
const ratioField = decimalField(
  z
    .number()
    .nonnegative('reporting.error.notNegative' satisfies MessageKey)
    .max(100, 'reporting.error.ratioRange' satisfies MessageKey),
);
const percentField = decimalField(
  z
    .number()
    .min(0, 'reporting.error.percentRange' satisfies MessageKey)
    .max(100, 'reporting.error.percentRange' satisfies MessageKey),
);
const yearField = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'reporting.error.year' satisfies MessageKey)
  .refine(
    (year) => Number(year) >= 2000 && Number(year) <= 2200,
    'reporting.error.year' satisfies MessageKey,
  );

const formSchema = z
  .object({
    baseCurrency: currencyField,
    rates: z.array(z.object({ key: z.string(), currency: currencyField, perBase: rateField })),
    quotas: z.array(
      z.object({
        key: z.string(),
        ownerId: z.string(),
        year: yearField,
        period: z.enum([...MONTHS, ...QUARTERS]),
        amount: amountField,
      }),
    ),
    coverageUnweighted: ratioField,
    coverageWeighted: ratioField,
    commitProbability: percentField.pipe(z.number().int('reporting.error.wholeNumber' satisfies MessageKey)),
    healthMargin: percentField,
  })
  .superRefine((form, context) => {
    const seenCurrencies = new Set<string>();
    form.rates.forEach((rate, index) => {
      const path = ['rates', index, 'currency'];
      if (rate.currency === form.baseCurrency) {
        context.addIssue({
          code: 'custom',
          path,
          message: 'reporting.error.rateIsBase' satisfies MessageKey,
        });
      } else if (seenCurrencies.has(rate.currency)) {
        context.addIssue({ code: 'custom', path, message: 'reporting.error.rateTwice' satisfies MessageKey });
      }
      seenCurrencies.add(rate.currency);
    });
    const seenQuotas = new Set<string>();
    form.quotas.forEach((quota, index) => {
      const key = `${quota.ownerId}|${quota.year}-${quota.period}`;
      if (seenQuotas.has(key)) {
        context.addIssue({
          code: 'custom',
          path: ['quotas', index, 'period'],
          message: 'reporting.error.quotaTwice' satisfies MessageKey,
        });
      }
      seenQuotas.add(key);
    });
  });

export type ReportingFormResult =
  | { ok: true; reporting: ReportingSettings }
  | { ok: false; errors: ReportingErrors };

/**
 * Checks the typed form and turns it into reporting settings; on any problem, nothing is
 * returned to store, only the problems by field. The stored shape is checked again with the
 * settings schema, so that the form can never store what the data layer would refuse.
 */
export function readReportingForm(form: ReportingForm): ReportingFormResult {
  const typed = formSchema.safeParse(form);
  if (!typed.success) return { ok: false, errors: errorsOf(typed.error.issues) };
  const value = typed.data;
  const candidate = {
    baseCurrency: value.baseCurrency,
    rates: value.rates.map((rate) => ({ currency: rate.currency, perBase: rate.perBase })),
    quotas: value.quotas.map((quota) => ({
      ownerId: quota.ownerId,
      period: `${quota.year}-${quota.period}`,
      amount: quota.amount,
    })),
    coverageWarning: { unweighted: value.coverageUnweighted, weighted: value.coverageWeighted },
    commitProbability: value.commitProbability,
    healthMargin: value.healthMargin / 100,
  };
  const stored = reportingSettingsSchema.safeParse(candidate);
  if (!stored.success) return { ok: false, errors: errorsOf(stored.error.issues) };
  return { ok: true, reporting: stored.data };
}

function errorsOf(issues: readonly z.core.$ZodIssue[]): ReportingErrors {
  const errors: ReportingErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    // The data layer's messages are English sentences, not catalog keys: those get a generic one.
    const message = Object.hasOwn(en, issue.message)
      ? (issue.message as MessageKey)
      : 'reporting.error.invalid';
    errors[field] ??= message;
  }
  return errors;
}

/** Data-layer paths ('coverageWarning.weighted', 'quotas.2.ownerId') named as the form's fields. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [head, index, leaf] = path.map(String);
  if (head === 'coverageWarning') return index === 'weighted' ? 'coverageWeighted' : 'coverageUnweighted';
  if ((head === 'rates' || head === 'quotas') && index !== undefined) {
    return leaf === undefined ? `${head}.${index}` : `${head}.${index}.${leaf}`;
  }
  return head ?? 'form';
}
