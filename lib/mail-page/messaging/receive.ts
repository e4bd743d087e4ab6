import {
  envelopeSchema,
  type MessageTypeFor,
  PROTOCOL,
  type Receiver,
  type Reply,
  type RequestOf,
  type ResponseOf,
  receiverOf,
} from './protocol';

export type MessageSender = { id?: string; url?: string; tab?: { id?: number } };

/** One handler for every message type the context answers: the compiler says when one is missing. */
export type Handlers<Which extends Receiver = 'background'> = {
  [Type in MessageTypeFor<Which>]: (
    request: RequestOf<Type>,
    sender: MessageSender,
  ) => Promise<ResponseOf<Type>>;
};

/**
 * Turns a typed handler map into one runtime message listener for one context (the background, or
 * a mail tab's content script). A message is acted on only if it comes from this extension, is a
 * known type that this context answers, and its payload passes the type's schema; anything else
 * gets an error reply. Errors say what was wrong with the message, never what it contained.
 */
export function createMessageReceiver<Which extends Receiver>(
  extensionId: string,
  receiver: Which,
  handlers: Handlers<Which>,
) {
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
    if (receiverOf(type) !== receiver) {
      return { ok: false, error: `Refused: ${type} is not answered here.` };
    }
    const request = PROTOCOL[type].request.safeParse(payload);
    if (!request.success) {
      return {
        ok: false,
        error: `Refused: malformed ${type} request (${describeIssues(request.error.issues)}).`,
      };
    }
    try {
      const handler = handlers[type as MessageTypeFor<Which>] as (
        request: unknown,
        sender: MessageSender,
      ) => Promise<unknown>;
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
