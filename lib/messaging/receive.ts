import { en } from 'zod/locales';
import { z } from 'zod/mini';
import {
  envelopeSchema,
  type MessageType,
  PROTOCOL,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from './protocol';

// zod/mini brings no messages of its own: without these, refusals would only say "Invalid input".
z.config(en());

export type MessageSender = { id?: string; url?: string; tab?: { id?: number } };

export type Handlers = {
  [Type in MessageType]: (request: RequestOf<Type>, sender: MessageSender) => Promise<ResponseOf<Type>>;
};

/**
 * Turns a typed handler map into one runtime message listener. A message is acted on only if it
 * comes from this extension, is a known type, and its payload passes the type's schema; anything
 * else gets an error reply. Errors say what was wrong with the message, never what it contained.
 */
export function createMessageReceiver(extensionId: string, handlers: Handlers) {
  return async (message: unknown, sender: MessageSender): Promise<Reply<unknown>> => {
    if (sender.id !== extensionId) {
      return { ok: false, error: 'Refused: the message did not come from this extension.' };
    }
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) {
      return {
        ok: false,
        error: `Refused: not a Dealside message (${describeIssues(envelope.error.issues)}).`,
      };
    }
    const { type, payload } = envelope.data;
    const request = PROTOCOL[type].request.safeParse(payload);
    if (!request.success) {
      return {
        ok: false,
        error: `Refused: malformed ${type} request (${describeIssues(request.error.issues)}).`,
      };
    }
    try {
      const handler = handlers[type] as (request: unknown, sender: MessageSender) => Promise<unknown>;
      const response = PROTOCOL[type].response.parse(await handler(request.data, sender));
      return { ok: true, data: response };
    } catch (error) {
      return { ok: false, error: `${type} failed: ${(error as Error).message}` };
    }
  };
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || 'message'} ${issue.message}`)
    .join('; ');
}
