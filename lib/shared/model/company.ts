import { z } from 'zod';
import { nameSchema, notesSchema, recordBaseSchema, uniqueValues } from './common';
import { registrableDomainSchema } from './domain';

export const companySchema = recordBaseSchema.extend({
  name: nameSchema,
  /** Registrable domains; an address at any of them (or a subdomain) belongs to this company. */
  domains: z.array(registrableDomainSchema).max(50).refine(uniqueValues, 'lists the same domain twice'),
  notes: notesSchema,
});

export type Company = z.infer<typeof companySchema>;
