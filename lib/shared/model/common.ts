import { z } from 'zod';
import * as mini from './mini-schemas';

/** ULIDs: client-generated, globally unique, and sortable by creation time (see lib/shared/model/ids.ts). */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
export type Id = z.infer<typeof idSchema>;

/** Milliseconds since the Unix epoch, between 2000 and 2200 (defined in mini-schemas.ts). */
export const instantSchema = z.number().pipe(mini.instantSchema);

/** A calendar day with no time zone (expected close dates, due dates): YYYY-MM-DD. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 2000 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'is not a real date between 2000 and 2200');

/** Fields every stored record carries, so that sync can be added without reshaping data. */
export const recordBaseSchema = z.object({
  id: idSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** A tombstone: deleted records stay so that deletions can be synced and undone. */
  deleted: z.boolean(),
});

export const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'is longer than 200 characters');

export const notesSchema = z.string().max(20_000, 'is longer than 20,000 characters');

/** A lower-cased email address (defined in mini-schemas.ts). */
export const emailAddressSchema = z.string().pipe(mini.emailAddressSchema);

const SUPPORTED_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code the runtime can format (TWD, USD, …). */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as TWD or USD')
  // Only judged once the shape is right, so a malformed code gets one message, not two.
  .refine(
    (code) => !/^[A-Z]{3}$/.test(code) || SUPPORTED_CURRENCIES.has(code),
    'is not an ISO 4217 currency code',
  );

/** Deal amounts in major units (dollars, not cents). A trillion is more than any deal: larger is a typo. */
export const amountSchema = z
  .number()
  .finite('must be a number')
  .nonnegative('must not be negative')
  .max(1_000_000_000_000, 'is larger than 1,000,000,000,000');

export function uniqueValues(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}
