import { z } from 'zod';
import { neverLogListSchema } from '../logging/never-log';
import { currencySchema, emailAddressSchema, idSchema, instantSchema, uniqueValues } from './common';
import { registrableDomainSchema } from './domain';

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

export const settingsSchema = z.object({
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
  /** Addresses and domains whose mail is never logged (lib/logging/never-log.ts). */
  neverLog: neverLogListSchema.default([]),
  /** Off: email activities keep metadata and a short snippet only, never the body. */
  logEmailBodies: z.boolean().default(false),
  /** On: opening a thread logs every email exchanged with contacts of an open deal. */
  autoLogOpenDeals: z.boolean().default(false),
  /**
   * The reasons offered when a deal is marked lost (lib/pipeline/lost-reasons.ts); null offers
   * the built-in list in the user's language, so it follows a language change until edited.
   */
  lostReasons: lostReasonListSchema.nullable().default(null),
});

export type Settings = z.infer<typeof settingsSchema>;
