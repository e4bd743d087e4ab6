import { type MeResponse, SYNC_PROTOCOL_VERSION, type TeamMember } from '../../lib/shared/sync/protocol';
import { type Database, teamTransaction } from '../db/database';
import type { Caller } from './caller';

/** GET /v1/me: who the token belongs to, and the team's members (for owner names and roles). */
export function readMe(database: Database, caller: Caller): Promise<MeResponse> {
  return teamTransaction(database, caller.teamId, async (transaction) => {
    const teams = await transaction.query<{ id: string; name: string }>(
      'SELECT id, name FROM teams WHERE id = $1',
      [caller.teamId],
    );
    const members = await transaction.query<TeamMember>(
      'SELECT id, name, email, role FROM users WHERE team_id = $1 ORDER BY name, id',
      [caller.teamId],
    );
    const team = teams[0];
    const user = members.find((member) => member.id === caller.userId);
    if (!team || !user) throw new Error('The authenticated user or team is missing');
    return { protocolVersion: SYNC_PROTOCOL_VERSION, user, team, members };
  });
}
