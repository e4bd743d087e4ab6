import type { Backup } from '../../lib/extension/backup/format';
import { newId } from '../../lib/shared/model/ids';
import { encodeHlc } from '../../lib/shared/sync/hlc';
import {
  type FieldState,
  type JsonValue,
  SYNC_COLLECTIONS,
  UNSYNCED_FIELDS,
} from '../../lib/shared/sync/protocol';
import type { Database } from '../../server/db/database';

const CHUNK_SIZE = 2_000;

type Row = {
  collection: string;
  id: string;
  fields: Record<string, FieldState>;
  deleted: boolean;
  private: boolean;
  messageKey: string | null;
};

/** A record as the server stores it after a client uploaded it: each field with its writer's clock. */
function serverRow(collection: string, record: Record<string, unknown>, clientId: string): Row {
  const updatedAt = typeof record.updatedAt === 'number' ? record.updatedAt : Date.now();
  const hlc = encodeHlc({ wall: Math.floor(updatedAt), counter: 0, node: clientId });
  const fields: Record<string, FieldState> = {};
  for (const [field, value] of Object.entries(record)) {
    if (!UNSYNCED_FIELDS.has(field) && value !== undefined)
      fields[field] = { value: value as JsonValue, hlc };
  }
  const isActivity = collection === 'activities';
  return {
    collection,
    id: record.id as string,
    fields,
    deleted: record.deleted === true,
    private: isActivity && record.private === true,
    messageKey: isActivity && typeof record.messageKey === 'string' ? record.messageKey : null,
  };
}

/**
 * Stores every synced record of `backup` as the team's, as if `createdBy` had pushed them (each
 * field stamped with its record's updatedAt), in bulk SQL: the push path would take minutes for
 * 100k records and is measured on its own (sync-push, sync-mutations). Returns the number stored.
 */
export async function fillTeam(
  database: Database,
  teamId: string,
  createdBy: string,
  backup: Backup,
): Promise<number> {
  const clientId = newId();
  const rows = SYNC_COLLECTIONS.flatMap((collection) =>
    (backup[collection] as unknown as Record<string, unknown>[]).map((record) =>
      serverRow(collection, record, clientId),
    ),
  );
  let latestHlc = '';
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const chunk = rows.slice(start, start + CHUNK_SIZE);
    for (const row of chunk) {
      for (const state of Object.values(row.fields)) if (state.hlc > latestHlc) latestHlc = state.hlc;
    }
    await database.query(
      `INSERT INTO records (team_id, collection, id, created_by, fields, seq, deleted, private, message_key)
       SELECT $1, collection, id, $2, fields::jsonb, seq, deleted, private, message_key
       FROM unnest($3::text[], $4::text[], $5::text[], $6::int8[], $7::bool[], $8::bool[], $9::text[])
         AS row (collection, id, fields, seq, deleted, private, message_key)`,
      [
        teamId,
        createdBy,
        chunk.map((row) => row.collection),
        chunk.map((row) => row.id),
        chunk.map((row) => JSON.stringify(row.fields)),
        chunk.map((_, index) => start + index + 1),
        chunk.map((row) => row.deleted),
        chunk.map((row) => row.private),
        chunk.map((row) => row.messageKey),
      ],
    );
  }
  await database.query('UPDATE teams SET seq = $2, hlc = $3 WHERE id = $1', [teamId, rows.length, latestHlc]);
  return rows.length;
}
