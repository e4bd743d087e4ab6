import { z } from 'zod';
import { MAIL_PROVIDERS, mailParticipantSchema } from '../model/activity';
import { emailAddressSchema, instantSchema } from '../model/common';

/**
 * What a mail adapter read from the open mail page. Mail content is hostile input: adapters
 * shorten long text to these limits and drop what cannot be parsed before a context is built,
 * and every receiver validates it again with these schemas.
 */
export const MAIL_LIMITS = {
  /** Display names: mailParticipantSchema (lib/model/activity.ts) allows 200 characters. */
  name: 200,
  subject: 1000,
  snippet: 300,
  participants: 1000,
  messages: 500,
  id: 500,
} as const;

export const mailMessageSchema = z.object({
  /** The mail site's own id (Gmail's legacy hex id, Outlook's item id). */
  providerMessageId: z.string().min(1).max(MAIL_LIMITS.id),
  /** RFC 5322 Message-ID without angle brackets, when the page exposes it. */
  rfcMessageId: z.string().min(1).max(998).nullable(),
  /** Null when the page did not show the sender (some collapsed messages). */
  from: mailParticipantSchema.nullable(),
  to: z.array(mailParticipantSchema).max(MAIL_LIMITS.participants),
  cc: z.array(mailParticipantSchema).max(MAIL_LIMITS.participants),
  /** Null when the page shows no parseable date. */
  date: instantSchema.nullable(),
  snippet: z.string().max(MAIL_LIMITS.snippet),
});

export const mailContextSchema = z.object({
  provider: z.enum(MAIL_PROVIDERS),
  /** The signed-in mailbox, when the page shows it. */
  account: emailAddressSchema.nullable(),
  threadId: z.string().min(1).max(MAIL_LIMITS.id),
  subject: z.string().max(MAIL_LIMITS.subject),
  threadUrl: z.url({ protocol: /^https$/ }),
  /** Oldest first. */
  messages: z.array(mailMessageSchema).max(MAIL_LIMITS.messages),
});

/** The state of one mail tab: a thread is open, a list is shown, or the page could not be read. */
export const mailPageStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('thread'), context: mailContextSchema }),
  z.object({
    status: z.literal('no-thread'),
    provider: z.enum(MAIL_PROVIDERS),
    account: emailAddressSchema.nullable(),
  }),
  z.object({
    status: z.literal('unreadable'),
    provider: z.enum(MAIL_PROVIDERS),
    /** Which part could not be read (e.g. "gmail.message.sender"); never page content. */
    reason: z.string().max(200),
  }),
]);

export type MailMessage = z.infer<typeof mailMessageSchema>;
export type MailContext = z.infer<typeof mailContextSchema>;
export type MailPageState = z.infer<typeof mailPageStateSchema>;
