import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { LIMITS, pullQuerySchema, pushRequestSchema } from '../lib/shared/sync/protocol';
import type { Database } from './db/database';
import { authenticate, bearerToken } from './http/authenticate';
import { HttpError, invalidRequest } from './http/errors';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './http/rate-limit';
import { readJsonBody } from './http/read-body';
import type { Caller } from './sync/caller';
import { readMe } from './sync/me';
import { readPull } from './sync/pull';
import { applyPush, type PushHooks } from './sync/push';
import { hashToken } from './tokens';

export type AppOptions = {
  /** A migrated database (see db/open.ts, or openPglite/openPostgres then migrate). */
  db: Database;
  /** The server's wall clock in milliseconds; tests move it. */
  now?: () => number;
  /** Requests per token; false turns limiting off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  hooks?: PushHooks;
  /** Where unexpected failures are reported: only the error's kind, never request data or tokens. */
  logError?: (message: string) => void;
};

/** The extension's pages and its background worker; nothing else calls this API from a browser. */
const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9-]{1,64}$/;

/**
 * The sync API as a Hono app (docs/sync.md). Serve it with @hono/node-server (main.ts), or call
 * `app.request()` in-process from tests and benchmarks: no port needed.
 */
export function createApp(options: AppOptions) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const limiter =
    options.rateLimit === false ? null : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const logError = options.logError ?? ((message: string) => console.error(message));

  const app = new Hono<{ Variables: { caller: Caller } }>();

  app.use(
    '*',
    cors({
      origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );

  app.get('/healthz', async (c) => {
    await db.query('SELECT 1');
    return c.json({ status: 'ok' });
  });

  app.use('/v1/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const tokenHash = hashToken(bearerToken(c.req.header('Authorization')));
    // Keyed by the presented token before it is looked up, so a flood of wrong tokens is limited too.
    const retryAfter = limiter?.take(tokenHash, now()) ?? 0;
    if (retryAfter > 0) {
      throw new HttpError(
        429,
        {
          error: 'rate-limited',
          message: `Too many requests with this token; try again in ${retryAfter} s.`,
        },
        { 'Retry-After': String(retryAfter) },
      );
    }
    c.set('caller', await authenticate(db, tokenHash));
    await next();
  });

  app.get('/v1/me', async (c) => c.json(await readMe(db, c.get('caller'))));

  app.post('/v1/push', async (c) => {
    const body = await readJsonBody(c.req.raw, LIMITS.maxRequestBytes);
    const request = pushRequestSchema.safeParse(body);
    if (!request.success) throw invalidRequest(request.error, 'push');
    return c.json(await applyPush(db, c.get('caller'), request.data, { now: now(), hooks: options.hooks }));
  });

  app.get('/v1/pull', async (c) => {
    const query = pullQuerySchema.safeParse(c.req.query());
    if (!query.success) throw invalidRequest(query.error, 'pull query');
    return c.json(await readPull(db, c.get('caller'), query.data, now()));
  });

  app.notFound((c) => c.json({ error: 'not-found', message: 'No such endpoint.' }, 404));

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(error.body, error.status);
    }
    // Database errors can quote the data that failed, so only the error's name and code are logged.
    const code = (error as { code?: unknown }).code;
    logError(
      `${c.req.method} ${c.req.routePath} failed: ${error.name}${typeof code === 'string' ? ` ${code}` : ''}`,
    );
    return c.json(
      { error: 'internal', message: 'The server could not complete the request; try again.' },
      500,
    );
  });

  return app;
}

export type DealsideApp = ReturnType<typeof createApp>;
