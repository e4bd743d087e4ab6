import { z } from 'zod/mini';
import { MAIL_LIMITS, mailPageStateSchema } from '../mail-page-state';
import { BODY_LIMITS } from '../message-bodies';
import {
  composeMatchRequestSchema,
  composeMatchResponseSchema,
  composeSentRequestSchema,
  mailLogResponseSchema,
  threadLogRequestSchema,
} from './mail-log-messages';
import { syncConnectRequestSchema, syncConnectResponseSchema, syncNowResponseSchema } from './sync-messages';

/**
 * Every message between extension contexts: its request and response shapes. The receiver
 * validates both the envelope and the request; nothing else is ever acted on. zod/mini, because
 * content scripts send these and check the replies (see lib/shared/model/mini-schemas.ts).
 */
export const PROTOCOL = {
  /** A content script checks that the extension it belongs to is still alive (not updated or removed). */
  ping: {
    request: z.strictObject({}),
    response: z.object({ version: z.string() }),
  },
  /** A content script reports what its mail tab shows now; the background keeps it per tab. */
  'mailPage.changed': {
    request: z.strictObject({ state: mailPageStateSchema }),
    response: z.object({}),
  },
  /** Gmail compose (InboxSDK builds): do the recipients match an open deal? Only yes or no comes back. */
  'compose.matchDeal': { request: composeMatchRequestSchema, response: composeMatchResponseSchema },
  /** Gmail compose (InboxSDK builds): sent with "Log to deal" on; logged on the best-matching open deal. */
  'compose.sent': { request: composeSentRequestSchema, response: mailLogResponseSchema },
  /** Gmail thread toolbar (InboxSDK builds): log the thread's newest message on the best-matching open deal. */
  'thread.logNewest': { request: threadLogRequestSchema, response: mailLogResponseSchema },
  /**
   * The sidebar asks the mail tab's content script for the plain-text bodies of messages it is about
   * to log (only with body logging on). Bodies travel as a list, not an object keyed by id: the ids
   * come from the page, and a key like "__proto__" must stay a plain value.
   */
  'mailPage.readBodies': {
    request: z.strictObject({
      providerMessageIds: z
        .array(z.string().check(z.minLength(1), z.maxLength(MAIL_LIMITS.id)))
        .check(z.maxLength(BODY_LIMITS.messages)),
    }),
    response: z.object({
      bodies: z
        .array(
          z.object({
            providerMessageId: z.string().check(z.maxLength(MAIL_LIMITS.id)),
            body: z.string().check(z.maxLength(BODY_LIMITS.perMessage)),
          }),
        )
        .check(
          z.maxLength(BODY_LIMITS.messages),
          z.refine(
            (bodies) => bodies.reduce((total, { body }) => total + body.length, 0) <= BODY_LIMITS.perRequest,
            `holds more than ${BODY_LIMITS.perRequest} characters`,
          ),
        ),
    }),
  },
  /**
   * Team sync, from extension pages only (the background refuses content scripts): connect with a
   * server URL and token (the origin must already be granted), disconnect (local data stays), and
   * sync right away. The status is read from the database, so no reply ever holds the token.
   */
  'sync.connect': { request: syncConnectRequestSchema, response: syncConnectResponseSchema },
  'sync.disconnect': { request: z.strictObject({}), response: z.object({}) },
  'sync.now': { request: z.strictObject({}), response: syncNowResponseSchema },
} as const;

/** Messages the mail tab's content script answers (sent with tabs.sendMessage); the background answers the rest. */
export const MAIL_TAB_MESSAGES = ['mailPage.readBodies'] as const;

export type MessageType = keyof typeof PROTOCOL;
export type Receiver = 'background' | 'mailTab';
type MailTabMessageType = (typeof MAIL_TAB_MESSAGES)[number];
/** The message types one context answers. */
export type MessageTypeFor<Which extends Receiver> = Which extends 'mailTab'
  ? MailTabMessageType
  : Exclude<MessageType, MailTabMessageType>;

export function receiverOf(type: MessageType): Receiver {
  return (MAIL_TAB_MESSAGES as readonly MessageType[]).includes(type) ? 'mailTab' : 'background';
}
export type RequestOf<Type extends MessageType> = z.infer<(typeof PROTOCOL)[Type]['request']>;
export type ResponseOf<Type extends MessageType> = z.infer<(typeof PROTOCOL)[Type]['response']>;

const MESSAGE_TYPES = Object.keys(PROTOCOL) as [MessageType, ...MessageType[]];

export const envelopeSchema = z.object({
  channel: z.literal('dealside'),
  type: z.enum(MESSAGE_TYPES, { error: 'is not a Dealside message type' }),
  payload: z.unknown(),
});

export type Envelope = z.infer<typeof envelopeSchema>;

export type Reply<Response> = { ok: true; data: Response } | { ok: false; error: string };

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
