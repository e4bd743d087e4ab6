import { describe, expect, it } from 'vitest';
import { NOW } from '@/tests/unit/records';
import { encodeHlc } from '../../../shared/sync/hlc';
import { createHttpTransport, SyncFailure } from './http-transport';

const HLC = encodeHlc({ wall: NOW, counter: 0, node: 'server' });

type Recorded = { url: string; init: RequestInit };

function answering(status: number, body: unknown, recorded: Recorded[] = []): typeof globalThis.fetch {
  return async (input, init) => {
    recorded.push({ url: String(input), init: init ?? {} });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

async function failureOf(promise: Promise<unknown>): Promise<SyncFailure> {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(caught instanceof SyncFailure)) throw new Error(`expected a SyncFailure, got ${String(caught)}`);
  return caught;
}

describe('createHttpTransport', () => {
  it('sends the token as a Bearer header and the push as JSON under the server’s path', async () => {
    const recorded: Recorded[] = [];
    const transport = createHttpTransport(
      'https://crm.example.com/dealside',
      'secret-token',
      answering(200, { acknowledged: 1, hlc: HLC }, recorded),
    );
    const request = {
      clientId: '01JD0000000000000000000000',
      mutations: [
        {
          mutationId: 1,
          changes: [
            {
              collection: 'deals' as const,
              recordId: '01JD0000000000000000000001',
              field: 'amount',
              value: 5,
              hlc: HLC,
              baseHlc: null,
            },
          ],
        },
      ],
    };
    expect(await transport.push(request)).toEqual({ acknowledged: 1, hlc: HLC });
    const [call] = recorded;
    expect(call?.url).toBe('https://crm.example.com/dealside/v1/push');
    expect(call?.init.method).toBe('POST');
    const headers = new Headers(call?.init.headers);
    expect(headers.get('Authorization')).toBe('Bearer secret-token');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(call?.init.body))).toEqual(request);
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('asks for a pull page after a cursor', async () => {
    const recorded: Recorded[] = [];
    const transport = createHttpTransport(
      'https://crm.example.com/',
      'secret-token',
      answering(200, { records: [], cursor: 12, hasMore: false, hlc: HLC }, recorded),
    );
    expect((await transport.pull(12, 500)).cursor).toBe(12);
    expect(recorded[0]?.url).toBe('https://crm.example.com/v1/pull?after=12&limit=500');
    expect(recorded[0]?.init.method).toBe('GET');
  });

  it.each([
    [401, { error: 'unauthorized', message: 'The token is not valid.' }, 'unauthorized'],
    [403, { error: 'forbidden', message: 'This client id belongs to another user.' }, 'forbidden'],
    [422, { error: 'clock-ahead', message: 'Your computer’s clock is ahead.' }, 'clock-ahead'],
    [422, { error: 'invalid-request', message: 'The push is not valid.' }, 'rejected'],
    [413, { error: 'too-large', message: 'The request is too large.' }, 'rejected'],
    [429, { error: 'rate-limited', message: 'Too many requests.' }, 'rate-limited'],
    [500, { error: 'internal', message: 'The server could not complete the request; try again.' }, 'server'],
    [502, '<html>Bad gateway</html>', 'server'],
  ] as const)('turns HTTP %i into a %s failure', async (status, body, code) => {
    const transport = createHttpTransport('https://crm.example.com', 'token', answering(status, body, []));
    const failure = await failureOf(transport.me());
    expect(failure.code).toBe(code);
    expect(failure.message).toBe(typeof body === 'string' ? `HTTP ${status}` : body.message);
  });

  it('reads the mutation to resend from a 409', async () => {
    const transport = createHttpTransport(
      'https://crm.example.com',
      'token',
      answering(409, { error: 'mutation-gap', message: 'Resend from 4.', expected: 4 }),
    );
    const failure = await failureOf(transport.pull(0, 10));
    expect(failure).toMatchObject({ code: 'mutation-gap', expected: 4 });
  });

  it('refuses an answer the protocol does not describe', async () => {
    const transport = createHttpTransport(
      'https://crm.example.com',
      'token',
      answering(200, { records: [{ hidden: false, collection: 'deals', id: 'not-an-id' }], cursor: 1 }),
    );
    const failure = await failureOf(transport.pull(0, 10));
    expect(failure.code).toBe('invalid-response');
    expect(failure.message).toMatch(/v1\/pull/);
  });

  it('reports an unreachable server and a time-out as network failures', async () => {
    const unreachable = createHttpTransport('https://crm.example.com', 'token', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await failureOf(unreachable.me())).toMatchObject({
      code: 'network',
      message: 'The server could not be reached.',
    });
    const slow = createHttpTransport('https://crm.example.com', 'token', async () => {
      throw new DOMException('The operation timed out.', 'TimeoutError');
    });
    expect(await failureOf(slow.me())).toMatchObject({
      code: 'network',
      message: 'The server did not answer in time.',
    });
  });
});
