import { z } from 'zod/mini';

/**
 * The primitives content scripts need, written with zod/mini: every mail page loads a content
 * script, and classic zod would add about 17 kB gzip to it. Each shape is defined only here; the
 * classic schemas in common.ts and activity.ts are built from these.
 */

// Extension pages forbid eval; without this zod probes `new Function` and the browser reports a CSP violation.
z.config({ jitless: true });

export const MAIL_PROVIDERS = ['gmail', 'outlook'] as const;
export type MailProvider = (typeof MAIL_PROVIDERS)[number];

/** Milliseconds since the Unix epoch, between 2000 and 2200: anything outside is a corrupt clock or file. */
export const instantSchema = z
  .number()
  .check(
    z.int('must be a whole number of milliseconds'),
    z.gte(Date.UTC(2000, 0, 1), 'is before the year 2000'),
    z.lte(Date.UTC(2200, 0, 1), 'is after the year 2200'),
  );

/** Addresses are stored lower-cased, so that lookups by address are exact. */
export const emailAddressSchema = z.pipe(
  z.string().check(z.trim(), z.maxLength(254, 'is longer than 254 characters')),
  z.email('is not an email address').check(z.toLowerCase()),
);

export const mailParticipantSchema = z.object({
  name: z.string().check(z.trim(), z.maxLength(200)),
  address: emailAddressSchema,
});
