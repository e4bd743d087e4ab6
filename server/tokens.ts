import { createHash, randomBytes } from 'node:crypto';

/** A prefix secret scanners can recognise; the rest is 256 random bits. */
const TOKEN_PREFIX = 'dst_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Only this hash is stored: a copy of the database does not hand out working tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
