import { z } from 'zod/mini';
import { emailAddressSchema, mailParticipantSchema } from '../../shared/model/mini-schemas';
import { MAIL_LIMITS, openThreadSchema } from '../mail-page-state';

/**
 * The messages Gmail's compose and thread toolbar (InboxSDK builds) send to the background, which
 * alone opens the database. zod/mini: the Gmail content script imports these through the protocol.
 * Replies carry outcomes only, never CRM records: whatever the content script holds can end up
 * in the mail page's DOM.
 */

const participantsSchema = z.array(mailParticipantSchema).check(z.maxLength(MAIL_LIMITS.participants));

export const composeMatchRequestSchema = z.strictObject({
  account: z.nullable(emailAddressSchema),
  recipients: participantsSchema,
});

export const composeMatchResponseSchema = z.object({ matched: z.boolean() });

export const composeSentRequestSchema = z.strictObject({
  context: openThreadSchema.check(
    z.refine((context) => context.messages.length === 1, 'must hold exactly the sent message'),
  ),
  /** Never stored (the thread view does not show Bcc either), but checked against the never-log list. */
  bcc: participantsSchema,
});

export const threadLogRequestSchema = z.strictObject({
  context: openThreadSchema.check(
    z.refine((context) => context.messages.length > 0, 'holds no message to log'),
  ),
});

export const MAIL_LOG_OUTCOMES = ['logged', 'already-logged', 'no-deal', 'refused', 'incomplete'] as const;
export type MailLogOutcome = (typeof MAIL_LOG_OUTCOMES)[number];

export const mailLogResponseSchema = z.object({
  outcome: z.enum(MAIL_LOG_OUTCOMES),
  /** Open deals that matched besides the one logged on: the rep may want to log there too. */
  otherDeals: z.number().check(z.int(), z.gte(0)),
});

export type ComposeMatchRequest = z.infer<typeof composeMatchRequestSchema>;
export type ComposeSentRequest = z.infer<typeof composeSentRequestSchema>;
export type MailLogResponse = z.infer<typeof mailLogResponseSchema>;
