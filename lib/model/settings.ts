import { z } from 'zod';
import { currencySchema, emailAddressSchema, idSchema, instantSchema, uniqueValues } from './common';
import { registrableDomainSchema } from './domain';

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
});

export type Settings = z.infer<typeof settingsSchema>;
