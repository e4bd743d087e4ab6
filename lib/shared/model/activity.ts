import { z } from 'zod';
import { idSchema, instantSchema, notesSchema, recordBaseSchema, uniqueValues } from './common';
import * as mini from './mini-schemas';
import { MAIL_PROVIDERS } from './mini-schemas';

export { MAIL_PROVIDERS, type MailProvider } from './mini-schemas';

/** A correspondent: a display name and an address (defined in mini-schemas.ts). */
export const mailParticipantSchema = z.object(mini.mailParticipantSchema.shape);

export const emailDetailsSchema = z.object({
  provider: z.enum(MAIL_PROVIDERS),
  /** The mail site's own id for the message (Gmail's legacy hex id, Outlook's item id). */
  providerMessageId: z.string().min(1).max(500),
  /** The RFC 5322 Message-ID, without angle brackets, when the mail site exposes it. */
  rfcMessageId: z.string().min(1).max(998).nullable(),
  threadId: z.string().min(1).max(500),
  threadUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  from: mailParticipantSchema,
  to: z.array(mailParticipantSchema).max(500),
  cc: z.array(mailParticipantSchema).max(500),
  subject: z.string().max(2000),
  snippet: z.string().max(2000),
  /** The full body, only when the rep turned body logging on; null by default for privacy. */
  body: z.string().max(1_000_000).nullable(),
});

const activityLinksSchema = recordBaseSchema.extend({
  dealId: idSchema.nullable(),
  contactIds: z.array(idSchema).max(500).refine(uniqueValues, 'lists the same contact twice'),
  companyId: idSchema.nullable(),
  occurredAt: instantSchema,
  /** Who recorded it (a user id). */
  authorId: idSchema,
  /**
   * Seen only by its author and the team's managers once synced (docs/sync.md). Added with team
   * sync: parsing fills in false for older records and backups; optional in the type so activities
   * built before the field existed still compile, and readers treat a missing value as false.
   */
  private: z.boolean().default(false).optional(),
});

export const emailActivitySchema = activityLinksSchema.extend({
  kind: z.literal('email'),
  email: emailDetailsSchema,
  /** Unique per deal and message, so a message can never be logged twice on the same deal. */
  messageKey: z.string().min(1),
});

export const noteActivitySchema = activityLinksSchema.extend({
  kind: z.literal('note'),
  text: notesSchema.min(1, 'must not be empty'),
});

export const callActivitySchema = activityLinksSchema.extend({
  kind: z.enum(['call', 'meeting']),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable(),
  outcome: z.string().trim().max(2000),
  text: notesSchema,
});

export const stageChangeActivitySchema = activityLinksSchema.extend({
  kind: z.literal('stage-change'),
  fromStageId: idSchema.nullable(),
  toStageId: idSchema,
  /** Checklist items of the stage left that the rep chose to skip. */
  skippedChecklistItemIds: z.array(idSchema),
});

export const activitySchema = z.discriminatedUnion('kind', [
  emailActivitySchema,
  noteActivitySchema,
  callActivitySchema,
  stageChangeActivitySchema,
]);

export type MailParticipant = z.infer<typeof mailParticipantSchema>;
export type EmailDetails = z.infer<typeof emailDetailsSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type EmailActivity = z.infer<typeof emailActivitySchema>;
export type ActivityKind = Activity['kind'];

/**
 * The identity of a logged message on a deal: the RFC Message-ID when known (the same across
 * Gmail and Outlook), else the provider's own id.
 */
export function emailMessageKey(
  dealId: string | null,
  email: Pick<EmailDetails, 'provider' | 'providerMessageId' | 'rfcMessageId'>,
): string {
  const message = email.rfcMessageId
    ? `rfc:${email.rfcMessageId.toLowerCase()}`
    : `${email.provider}:${email.providerMessageId}`;
  return `${dealId ?? 'no-deal'}|${message}`;
}
