import type { z } from 'zod';
import {
  errorResponseSchema,
  type MeResponse,
  meResponseSchema,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  pullResponseSchema,
  pushGapResponseSchema,
  pushResponseSchema,
} from '../../../shared/sync/protocol';
import type { SyncErrorCode } from './sync-tables';

/** How the sync engine reaches the server: HTTP in the extension, in-process in tests. */
export type SyncTransport = {
  me(): Promise<MeResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  pull(after: number, limit: number): Promise<PullResponse>;
};

/** A failed sync request, typed so the engine can decide what to do and the rep can be told why. */
export class SyncFailure extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    /** For 'mutation-gap': the mutation id the server asks for next. */
    readonly expected: number | null = null,
    /** For 'rejected': what the server named, e.g. `mutations.2.changes.0.field`. */
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/** A pull page can be large (a new device's snapshot); the others are small. */
export const REQUEST_TIMEOUT_MS = { me: 15_000, push: 30_000, pull: 60_000 } as const;

const MAX_MESSAGE_LENGTH = 1_000;

function statusFailure(status: number, body: unknown): SyncFailure {
  const parsed = errorResponseSchema.safeParse(body);
  const message = parsed.success ? parsed.data.message.slice(0, MAX_MESSAGE_LENGTH) : `HTTP ${status}`;
  const error = parsed.success ? parsed.data.error : null;
  if (status === 401) return new SyncFailure('unauthorized', message);
  if (status === 403) return new SyncFailure('forbidden', message);
  if (status === 409) {
    const gap = pushGapResponseSchema.safeParse(body);
    return gap.success
      ? new SyncFailure('mutation-gap', message, gap.data.expected)
      : new SyncFailure(
          'invalid-response',
          `The server refused with 409 without the mutation to resend from.`,
        );
  }
  if (status === 422 && error === 'clock-ahead') return new SyncFailure('clock-ahead', message);
  if (status === 429) return new SyncFailure('rate-limited', message);
  if (status >= 400 && status < 500)
    return new SyncFailure('rejected', message, null, parsed.success ? (parsed.data.issues ?? []) : []);
  if (status >= 500) return new SyncFailure('server', message);
  return new SyncFailure('invalid-response', `The server answered with HTTP ${status}.`);
}

async function jsonBody(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new SyncFailure('network', 'The connection broke while the server was answering.');
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The sync API over HTTP (docs/sync.md): Bearer token, JSON both ways, a time-out per request, every
 * answer checked against the protocol's schemas. Failures are SyncFailure, never a raw fetch error.
 * `serverUrl` is where the API lives (its `/v1/…` paths are resolved under it).
 */
export function createHttpTransport(
  serverUrl: string,
  token: string,
  fetch: typeof globalThis.fetch = globalThis.fetch,
): SyncTransport {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;

  async function request<Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    timeoutMs: number,
    body?: unknown,
  ): Promise<z.infer<Schema>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new SyncFailure(
        'network',
        timedOut ? 'The server did not answer in time.' : 'The server could not be reached.',
      );
    }
    const json = await jsonBody(response);
    if (!response.ok) throw statusFailure(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyncFailure(
        'invalid-response',
        `The server's answer to ${path} is not what the protocol says (${issue?.path.map(String).join('.') || 'body'}: ${issue?.message ?? 'invalid'}).`,
      );
    }
    return parsed.data;
  }

  return {
    me: () => request('v1/me', meResponseSchema, REQUEST_TIMEOUT_MS.me),
    push: (pushRequest) => request('v1/push', pushResponseSchema, REQUEST_TIMEOUT_MS.push, pushRequest),
    pull: (after, limit) =>
      request(
        `v1/pull?${new URLSearchParams({ after: String(after), limit: String(limit) })}`,
        pullResponseSchema,
        REQUEST_TIMEOUT_MS.pull,
      ),
  };
}
