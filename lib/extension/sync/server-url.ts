/**
 * The team sync server's address as the rep types it in options. A token travels with every
 * request, so only https is accepted, except on this computer's loopback, where nothing crosses a
 * network (a server run for trying sync out, or a test). The manifest's optional host permissions
 * (wxt.config.ts) allow exactly these origins.
 */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

export type ServerUrlProblem =
  /** Nothing typed. */
  | 'empty'
  /** Not a URL at all. */
  | 'invalid'
  /** http:// to anything but the loopback, or another scheme. */
  | 'insecure'
  /** user:password@ in the address: the token is the only credential. */
  | 'credentials'
  /** ?query or #fragment: the server is addressed by its origin and path only. */
  | 'query';

export type ServerUrlCheck =
  | {
      ok: true;
      /** Scheme, host and path without a trailing slash: what requests are built on. */
      serverUrl: string;
      /** Scheme, host and port: what the host permission is asked for. */
      origin: string;
    }
  | { ok: false; problem: ServerUrlProblem };

export function checkServerUrl(typed: string): ServerUrlCheck {
  const text = typed.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) return { ok: false, problem: url.protocol === 'http:' ? 'insecure' : 'invalid' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  if (url.search !== '' || url.hash !== '' || text.endsWith('?') || text.endsWith('#')) {
    return { ok: false, problem: 'query' };
  }
  return { ok: true, serverUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, origin: url.origin };
}

/** The host permission pattern that covers one origin (any path). */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}
