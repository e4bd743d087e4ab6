import type { PulledRecord, PullResponse, SyncCollection } from '../../lib/shared/sync/protocol';
import { type Database, teamTransaction } from '../db/database';
import type { Caller } from './caller';
import { serverHlc } from './server-clock';
import { canSee } from './visibility';

type RecordRow = {
  collection: SyncCollection;
  id: string;
  seq: number;
  fields: Extract<PulledRecord, { hidden: false }>['fields'];
  created_by: string;
  private: boolean;
};

/**
 * GET /v1/pull (docs/sync.md, Pull): the team's records changed after `after`, in sequence order.
 * A record the caller may not see comes as a hidden entry, so a copy they had is dropped.
 */
export async function readPull(
  database: Database,
  caller: Caller,
  query: { after: number; limit: number },
  now: number,
): Promise<PullResponse> {
  return teamTransaction(database, caller.teamId, async (transaction) => {
    const rows = await transaction.query<RecordRow>(
      `SELECT collection, id, seq, fields, created_by, private FROM records
       WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [caller.teamId, query.after, query.limit + 1],
    );
    // Read after the records: the team's clock commits with them, so it is at least as late as any.
    const teams = await transaction.query<{ hlc: string | null }>('SELECT hlc FROM teams WHERE id = $1', [
      caller.teamId,
    ]);
    const page = rows.slice(0, query.limit);
    const records = page.map((row): PulledRecord => {
      const base = { collection: row.collection, id: row.id, seq: row.seq };
      const visible = canSee(
        { collection: row.collection, createdBy: row.created_by, private: row.private },
        caller,
      );
      return visible ? { hidden: false, ...base, fields: row.fields } : { hidden: true, ...base };
    });
    return {
      records,
      cursor: page.at(-1)?.seq ?? query.after,
      hasMore: rows.length > query.limit,
      hlc: serverHlc(teams[0]?.hlc ?? null, now),
    };
  });
}
