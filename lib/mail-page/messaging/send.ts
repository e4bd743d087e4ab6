import { type MessageType, PROTOCOL, type RequestOf, type ResponseOf, replySchema } from './protocol';

export class MessageError extends Error {
  override name = 'MessageError';
}

type RuntimeSend = (message: unknown) => Promise<unknown>;

/** Sends a typed request and validates the reply, so callers get either a typed response or an error. */
export async function sendMessage<Type extends MessageType>(
  send: RuntimeSend,
  type: Type,
  payload: RequestOf<Type>,
): Promise<ResponseOf<Type>> {
  const raw = await send({ channel: 'dealside', type, payload });
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new MessageError(`${type}: the reply was not a Dealside reply`);
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  return PROTOCOL[type].response.parse(reply.data.data) as ResponseOf<Type>;
}
