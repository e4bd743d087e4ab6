import type { z } from 'zod';
import { emailAddressSchema, idSchema, nameSchema } from '../lib/shared/model/common';
import { newId } from '../lib/shared/model/ids';
import { type JsonValue, type Role, roleSchema } from '../lib/shared/sync/protocol';
import type { Database } from './db/database';
import type { ConflictReason } from './sync/apply-mutations';
import { generateToken, hashToken } from './tokens';

/**
 * Managing teams, users and tokens: what the CLI does, and what tests use to set up a server. These
 * run as the database owner, whom row-level security does not restrict, so every query names the
 * team, user or token it touches.
 */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AdminError(`${what} ${result.error.issues[0]?.message ?? 'is invalid'}`);
  return result.data;
}

export type Team = { id: string; name: string };
export type User = { id: string; teamId: string; name: string; email: string; role: Role };

export async function createTeam(database: Database, name: string): Promise<Team> {
  const team = { id: newId(), name: parse(nameSchema, name, 'The team name') };
  await database.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [team.id, team.name]);
  return team;
}

export async function listTeams(database: Database): Promise<(Team & { members: number })[]> {
  const rows = await database.query<{ id: string; name: string; members: number }>(
    `SELECT teams.id, teams.name, count(users.id)::int AS members
     FROM teams LEFT JOIN users ON users.team_id = teams.id
     GROUP BY teams.id ORDER BY teams.created_at, teams.id`,
  );
  return rows;
}

async function requireTeam(database: Database, teamId: string): Promise<void> {
  const rows = await database.query('SELECT 1 FROM teams WHERE id = $1', [
    parse(idSchema, teamId, 'The team id'),
  ]);
  if (rows.length === 0) throw new AdminError(`No team with id ${teamId}`);
}

export async function addUser(
  database: Database,
  input: { teamId: string; name: string; email: string; role: string },
): Promise<User> {
  await requireTeam(database, input.teamId);
  const user: User = {
    id: newId(),
    teamId: input.teamId,
    name: parse(nameSchema, input.name, 'The name'),
    email: parse(emailAddressSchema, input.email, 'The email'),
    role: parse(roleSchema, input.role, 'The role'),
  };
  const inserted = await database.query(
    `INSERT INTO users (id, team_id, name, email, role) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (team_id, email) DO NOTHING RETURNING id`,
    [user.id, user.teamId, user.name, user.email, user.role],
  );
  if (inserted.length === 0) throw new AdminError(`The team already has a user with the email ${user.email}`);
  return user;
}

export async function listUsers(database: Database, teamId: string): Promise<User[]> {
  await requireTeam(database, teamId);
  return database.query<User>(
    `SELECT id, team_id AS "teamId", name, email, role FROM users
     WHERE team_id = $1 ORDER BY created_at, id`,
    [teamId],
  );
}

/** A new token for a user. The token is returned once; only its hash is stored. */
export async function issueToken(
  database: Database,
  userId: string,
): Promise<{ tokenId: string; token: string; user: User }> {
  const users = await database.query<User>(
    'SELECT id, team_id AS "teamId", name, email, role FROM users WHERE id = $1',
    [parse(idSchema, userId, 'The user id')],
  );
  const user = users[0];
  if (!user) throw new AdminError(`No user with id ${userId}`);
  const token = generateToken();
  const tokenId = newId();
  await database.query('INSERT INTO tokens (id, user_id, team_id, token_hash) VALUES ($1, $2, $3, $4)', [
    tokenId,
    user.id,
    user.teamId,
    hashToken(token),
  ]);
  return { tokenId, token, user };
}

/** Revokes a token at once: the next request presenting it gets 401. False if it was already revoked. */
export async function revokeToken(database: Database, tokenId: string): Promise<boolean> {
  const rows = await database.query<{ revoked: boolean }>(
    'SELECT revoked_at IS NOT NULL AS revoked FROM tokens WHERE id = $1',
    [parse(idSchema, tokenId, 'The token id')],
  );
  const token = rows[0];
  if (!token) throw new AdminError(`No token with id ${tokenId}`);
  if (token.revoked) return false;
  await database.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [
    tokenId,
  ]);
  return true;
}

export type StoredConflict = {
  collection: string;
  recordId: string;
  field: string;
  winner: { value: JsonValue; hlc: string; userId: string | null } | null;
  loser: { value: JsonValue; hlc: string; userId: string | null };
  clientId: string;
  reason: ConflictReason;
};

/** A team's conflict record, oldest first: every value that lost, with the value that won. */
export async function readConflicts(database: Database, teamId: string): Promise<StoredConflict[]> {
  const rows = await database.query<{
    collection: string;
    record_id: string;
    field: string;
    winner_value: JsonValue;
    winner_hlc: string | null;
    winner_user_id: string | null;
    loser_value: JsonValue;
    loser_hlc: string;
    loser_user_id: string | null;
    client_id: string;
    reason: ConflictReason;
  }>('SELECT * FROM conflicts WHERE team_id = $1 ORDER BY id', [teamId]);
  return rows.map((row) => ({
    collection: row.collection,
    recordId: row.record_id,
    field: row.field,
    winner:
      row.winner_hlc === null
        ? null
        : { value: row.winner_value, hlc: row.winner_hlc, userId: row.winner_user_id },
    loser: { value: row.loser_value, hlc: row.loser_hlc, userId: row.loser_user_id },
    clientId: row.client_id,
    reason: row.reason,
  }));
}
