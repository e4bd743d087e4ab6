import { HttpError } from './errors';

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, {
    error: 'too-large',
    message: `The request body is larger than ${maxBytes} bytes; send fewer changes per push.`,
  });
}

/**
 * Reads a JSON body of at most `maxBytes`. A declared Content-Length above the limit is refused
 * without reading; otherwise the bytes are counted as they arrive, so a missing or wrong
 * Content-Length cannot slip a larger body past the limit, and nothing is parsed until all of it
 * fits.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, { error: 'invalid-json', message: 'The request body is not UTF-8 text.' });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, { error: 'invalid-json', message: 'The request body is not valid JSON.' });
  }
}
