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
  title: z.string().trim().max(200, 'is longer than 200 characters'),
  phone: z
    .string()
    .trim()
    .max(40, 'is longer than 40 characters')
    .regex(/^[0-9+()#*.,\-\s]*(?:(?:ext|x|分機)\.?\s*\d+)?$/i, 'is not a phone number'),
  notes: notesSchema,
});

export type Contact = z.infer<typeof contactSchema>;
