import { roleSchema } from '../../lib/shared/sync/protocol';
import type { Database } from '../db/database';
import type { Caller } from '../sync/caller';
import { HttpError } from './errors';

/** Longer than any token the CLI issues; longer ones are not worth hashing. */
const MAX_TOKEN_LENGTH = 256;
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export function unauthorized(message: string): HttpError {
  return new HttpError(
    401,
    { error: 'unauthorized', message },
    { 'WWW-Authenticate': 'Bearer realm="dealside"' },
  );
}

/** The token in an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string {
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  if (!token || token.length > MAX_TOKEN_LENGTH) {
    throw unauthorized('Send the API token from your team admin as "Authorization: Bearer <token>".');
  }
  return token;
}

/**
 * The owner of a live token, through the one function that reads tokens before the team is known.
 * It runs as its owner whoever calls it, so it is called directly, in one round trip, rather than
 * in a transaction that first switches to the app role: this fixed statement is the only query a
 * request makes outside a team transaction.
 */
export async function authenticate(database: Database, tokenHash: string): Promise<Caller> {
  const rows = await database.query<{ token_id: string; user_id: string; team_id: string; role: string }>(
    'SELECT token_id, user_id, team_id, role FROM dealside_authenticate($1)',
    [tokenHash],
  );
  const row = rows[0];
  if (!row) throw unauthorized('This token is not valid or was revoked. Ask your team admin for a new one.');
  return {
    tokenId: row.token_id,
    userId: row.user_id,
    teamId: row.team_id,
    role: roleSchema.parse(row.role),
  };
}
