import { z } from 'zod/mini';
import {
  emailAddressSchema,
  instantSchema,
  MAIL_PROVIDERS,
  mailParticipantSchema,
} from '../shared/model/mini-schemas';

/**
 * What a mail adapter read from the open mail page. Mail content is hostile input: adapters
 * shorten long text to these limits and drop what cannot be parsed before a context is built,
 * and every receiver validates it again with these schemas. zod/mini, because content scripts
 * validate with them (see lib/shared/model/mini-schemas.ts).
 */
export const MAIL_LIMITS = {
  /** Display names: mailParticipantSchema (lib/shared/model/mini-schemas.ts) allows 200 characters. */
  name: 200,
  subject: 1000,
  snippet: 300,
  participants: 1000,
  messages: 500,
  id: 500,
} as const;

export const mailMessageSchema = z.object({
  /** The mail site's own id (Gmail's legacy hex id, Outlook's item id). */
  providerMessageId: z.string().check(z.minLength(1), z.maxLength(MAIL_LIMITS.id)),
  /** RFC 5322 Message-ID without angle brackets, when the page exposes it. */
  rfcMessageId: z.nullable(z.string().check(z.minLength(1), z.maxLength(998))),
  /** Null when the page did not show the sender (some collapsed messages). */
  from: z.nullable(mailParticipantSchema),
  to: z.array(mailParticipantSchema).check(z.maxLength(MAIL_LIMITS.participants)),
  cc: z.array(mailParticipantSchema).check(z.maxLength(MAIL_LIMITS.participants)),
  /** Null when the page shows no parseable date. */
  date: z.nullable(instantSchema),
  snippet: z.string().check(z.maxLength(MAIL_LIMITS.snippet)),
});

export const openThreadSchema = z.object({
  provider: z.enum(MAIL_PROVIDERS),
  /** The signed-in mailbox, when the page shows it. */
  account: z.nullable(emailAddressSchema),
  threadId: z.string().check(z.minLength(1), z.maxLength(MAIL_LIMITS.id)),
  subject: z.string().check(z.maxLength(MAIL_LIMITS.subject)),
  threadUrl: z.url({ protocol: /^https$/ }),
  /** Oldest first. */
  messages: z.array(mailMessageSchema).check(z.maxLength(MAIL_LIMITS.messages)),
});

/** The state of one mail tab: a thread is open, a list is shown, or the page could not be read. */
export const mailPageStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('thread'), context: openThreadSchema }),
  z.object({
    status: z.literal('no-thread'),
    provider: z.enum(MAIL_PROVIDERS),
    account: z.nullable(emailAddressSchema),
  }),
  z.object({
    status: z.literal('unreadable'),
    provider: z.enum(MAIL_PROVIDERS),
    /** Which part could not be read (e.g. "gmail.message.sender"); never page content. */
    reason: z.string().check(z.maxLength(200)),
  }),
]);

export type MailMessage = z.infer<typeof mailMessageSchema>;
export type OpenThread = z.infer<typeof openThreadSchema>;
export type MailPageState = z.infer<typeof mailPageStateSchema>;
