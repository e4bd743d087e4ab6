import { z } from 'zod';
import {
  emailAddressSchema,
  idSchema,
  nameSchema,
  notesSchema,
  recordBaseSchema,
  uniqueValues,
} from './common';

export const contactSchema = recordBaseSchema.extend({
  name: nameSchema,
  /** Lower-cased addresses; the first one is the contact's primary address. */
  emails: z.array(emailAddressSchema).max(20).refine(uniqueValues, 'lists the same address twice'),
  companyId: idSchema.nullable(),
  jobTitle: z.string().trim().max(200, 'is longer than 200 characters'),
  phone: z
    .string()
    .trim()
    .max(40, 'is longer than 40 characters')
    .regex(/^[0-9+()#*.,\-\s]*(?:(?:ext|x|分機)\.?\s*\d+)?$/i, 'is not a phone number'),
  notes: notesSchema,
});

export type Contact = z.infer<typeof contactSchema>;

/**
 * What a contact's job title was stored as before it became `jobTitle` (database version 9,
 * backup version 2): older databases, backups and clients of a sync server still say `title`.
 */
export const LEGACY_JOB_TITLE_FIELD = 'title';

/** The contact's fields with a legacy `title` moved to `jobTitle`; the same object when it has none. */
export function withJobTitleRenamed<T extends Record<string, unknown>>(contact: T): T {
  if (!Object.hasOwn(contact, LEGACY_JOB_TITLE_FIELD)) return contact;
  const { [LEGACY_JOB_TITLE_FIELD]: jobTitle, ...rest } = contact;
  return { ...rest, jobTitle: rest.jobTitle ?? jobTitle } as unknown as T;
}
