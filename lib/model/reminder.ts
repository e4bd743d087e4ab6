import { z } from 'zod';
import { MAIL_PROVIDERS } from './activity';
import { emailAddressSchema, idSchema, instantSchema, notesSchema, recordBaseSchema } from './common';

export const REMINDER_STATUSES = ['pending', 'done', 'snoozed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const reminderThreadSchema = z.object({
  provider: z.enum(MAIL_PROVIDERS),
  /** The mailbox the thread lives in, so the reminder reopens it in the right account. */
  account: emailAddressSchema,
  threadId: z.string().min(1).max(500),
  threadUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  subject: z.string().max(2000),
});

export const reminderSchema = recordBaseSchema.extend({
  /** An absolute instant; presets are computed in the user's time zone before storing. */
  dueAt: instantSchema,
  title: z.string().trim().min(1, 'must not be empty').max(500, 'is longer than 500 characters'),
  note: notesSchema,
  dealId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  thread: reminderThreadSchema.nullable(),
  status: z.enum(REMINDER_STATUSES),
  /** Complete silently instead of firing when the other party has replied on the thread. */
  onlyIfNoReply: z.boolean(),
});

export type Reminder = z.infer<typeof reminderSchema>;
