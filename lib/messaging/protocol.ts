import { z } from 'zod/mini';
import { mailPageStateSchema } from '../mail/mail-context';

/**
 * Every message between extension contexts: its request and response shapes. The receiver
 * validates both the envelope and the request; nothing else is ever acted on. zod/mini, because
 * content scripts send these and check the replies (see lib/model/mini-schemas.ts).
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
} as const;

export type MessageType = keyof typeof PROTOCOL;
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
