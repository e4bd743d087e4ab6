import { z } from 'zod';
import { currencySchema, emailAddressSchema, idSchema, instantSchema, uniqueValues } from './common';
import { registrableDomainSchema } from './domain';
import { neverLogListSchema } from './never-log';

/** One reason a deal was lost, as the rep picks it from a list. */
export const lostReasonSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is longer than 100 characters');

export const lostReasonListSchema = z
  .array(lostReasonSchema)
  .min(1, 'needs at least one reason')
  .max(30, 'has more than 30 reasons')
  .refine(
    (reasons) => uniqueValues(reasons.map((reason) => reason.toLocaleLowerCase())),
    'lists the same reason twice',
  );

export const LANGUAGE_CHOICES = ['auto', 'en', 'zh-TW'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** Settings are one record with a fixed key. */
export const SETTINGS_KEY = 'settings';

/** A monthly period 'YYYY-MM' or a quarterly one 'YYYY-Qn', as calendar periods in the user's time zone. */
export const reportPeriodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, "is not a month 'YYYY-MM' or a quarter 'YYYY-Qn'");

/** How many base-currency units one unit of `currency` is worth (TWD base: USD perBase 32). */
export const exchangeRateSchema = z.object({
  currency: currencySchema,
  perBase: z.number().finite('must be a number').positive('must be above 0').max(1_000_000_000),
});

/** A rep's target for one month or quarter, in the base currency. */
export const quotaSchema = z.object({
  ownerId: idSchema,
  period: reportPeriodSchema,
  amount: z.number().finite('must be a number').nonnegative('must not be negative').max(1_000_000_000_000),
});

/** The manager dashboard's settings (docs/metrics.md says how each one enters the numbers). */
export const reportingSettingsSchema = z.object({
  baseCurrency: currencySchema,
  rates: z
    .array(exchangeRateSchema)
    .max(200)
    .refine((rates) => uniqueValues(rates.map((rate) => rate.currency)), 'lists the same currency twice'),
  quotas: z
    .array(quotaSchema)
    .max(10_000)
    .refine(
      (quotas) => uniqueValues(quotas.map((quota) => `${quota.ownerId}|${quota.period}`)),
      'lists the same owner and period twice',
    ),
  /** Warn when open pipeline ÷ remaining target falls below these ratios. */
  coverageWarning: z
    .object({
      unweighted: z.number().finite().min(0).max(100).default(3),
      weighted: z.number().finite().min(0).max(100).default(1),
    })
    .default({ unweighted: 3, weighted: 1 }),
  /** Commit = open deals in stages whose probability is at least this percentage. */
  commitProbability: z.number().int().min(0).max(100).default(75),
  /** A rep is warned when below the team average by this fraction (0.25: 25% below). */
  healthMargin: z.number().finite().min(0).max(1).default(0.25),
});

export type ExchangeRate = z.infer<typeof exchangeRateSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type ReportingSettings = z.infer<typeof reportingSettingsSchema>;

/** Reporting defaults for a user whose amounts are in `defaultCurrency`. */
export function defaultReportingSettings(defaultCurrency: string): ReportingSettings {
  return {
    baseCurrency: defaultCurrency,
    rates: [],
    quotas: [],
    coverageWarning: { unweighted: 3, weighted: 1 },
    commitProbability: 75,
    healthMargin: 0.25,
  };
}

/**
 * Records and backups from before reporting existed have no `reporting`: it is filled in here,
 * before validation, because its base currency defaults to another field (defaultCurrency), which
 * a field-level default cannot see.
 */
function withReportingDefaults(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  if (record.reporting !== undefined || typeof record.defaultCurrency !== 'string') return input;
  return { ...record, reporting: defaultReportingSettings(record.defaultCurrency) };
}

const settingsObjectSchema = z.object({
  id: z.literal(SETTINGS_KEY),
  updatedAt: instantSchema,
  user: z.object({
    /** The local user's id; deals they own carry it as ownerId. */
    id: idSchema,
    name: z.string().trim().max(200, 'is longer than 200 characters'),
    email: emailAddressSchema.or(z.literal('')),
  }),
  /** The user's own company domains: colleagues at these domains are never matched as customers. */
  ownDomains: z.array(registrableDomainSchema).max(20).refine(uniqueValues, 'lists the same domain twice'),
  defaultCurrency: currencySchema,
  /** 'auto' follows the browser's language. */
  language: z.enum(LANGUAGE_CHOICES),
  // The logging fields came later: defaults let older stored records and backups parse.
  /** Addresses and domains whose mail is never logged (lib/shared/model/never-log.ts). */
  neverLog: neverLogListSchema.default([]),
  /** Off: email activities keep metadata and a short snippet only, never the body. */
  logEmailBodies: z.boolean().default(false),
  /** On: opening a thread logs every email exchanged with contacts of an open deal. */
  autoLogOpenDeals: z.boolean().default(false),
  /**
   * The reasons offered when a deal is marked lost (lib/extension/pipeline/lost-reasons.ts); null offers
   * the built-in list in the user's language, so it follows a language change until edited.
   */
  lostReasons: lostReasonListSchema.nullable().default(null),
  /** Added with the manager dashboard; withReportingDefaults fills it in for older records. */
  reporting: reportingSettingsSchema,
});

export const settingsSchema = z.preprocess(withReportingDefaults, settingsObjectSchema);

export type Settings = z.infer<typeof settingsSchema>;
