import { z } from 'zod';
import { MAIL_PROVIDERS } from './activity';
import { emailAddressSchema, idSchema, instantSchema, notesSchema, recordBaseSchema } from './common';

export const REMINDER_STATUSES = ['pending', 'done', 'snoozed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** How a reminder ended: the rep marked it done, or the other party replied first ("only if no reply"). */
export const REMINDER_COMPLETIONS = ['done', 'replied'] as const;
export type ReminderCompletion = (typeof REMINDER_COMPLETIONS)[number];

/** Set by the rep, or kept in step with a deal's next-step due date (one per deal). */
export const REMINDER_SOURCES = ['manual', 'next-step'] as const;
export type ReminderSource = (typeof REMINDER_SOURCES)[number];

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
  // The fields below came with firing reminders (issue 6); defaults let older records and backups parse.
  source: z.enum(REMINDER_SOURCES).default('manual'),
  /** When the notification for the current `dueAt` was shown; null until then (and after a snooze). */
  firedAt: instantSchema.nullable().default(null),
  /** The newest message from the other party seen on the thread (by the mail adapters or in logged email). */
  replySeenAt: instantSchema.nullable().default(null),
  completedAt: instantSchema.nullable().default(null),
  completion: z.enum(REMINDER_COMPLETIONS).nullable().default(null),
});

export type Reminder = z.infer<typeof reminderSchema>;
