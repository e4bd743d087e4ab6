import { laterHlc } from '../../lib/shared/sync/hlc';
import type { JsonValue, PushRequest, PushResponse, SyncCollection } from '../../lib/shared/sync/protocol';
import { type Database, type Queryable, teamTransaction } from '../db/database';
import { HttpError } from '../http/errors';
import {
  type AppliedPush,
  applyMutations,
  recordFacts,
  recordKey,
  type ServerRecord,
} from './apply-mutations';
import type { Caller } from './caller';
import { withLegacyFieldsRenamed } from './legacy-fields';
import { serverHlc } from './server-clock';
import { validatePushChanges } from './validate-push';

export type PushHooks = {
  /**
   * Runs inside the push's transaction after every write, just before commit. Throwing rolls the
   * whole push back: tests use it to simulate a server that crashes mid-push.
   */
  beforeCommit?: (push: { teamId: string; clientId: string; mutationIds: number[] }) => void | Promise<void>;
};

const clientIdTaken = () =>
  new HttpError(403, {
    error: 'client-id-taken',
    message: 'This client id belongs to another user. Disconnect and connect again to get a new one.',
  });

/**
 * The client's last applied mutation id, registering the client id to the pusher on first use, and
 * locking the client's row so two pushes from one client cannot both apply the same mutation. A
 * client id already used by another user is refused: in another team, row-level security hides
 * its row, so the insert does nothing and the select finds nothing.
 */
async function claimClient(transaction: Queryable, caller: Caller, clientId: string): Promise<number> {
  const lockClient = () =>
    transaction.query<{ user_id: string; last_mutation_id: number }>(
      'SELECT user_id, last_mutation_id FROM clients WHERE team_id = $1 AND client_id = $2 FOR UPDATE',
      [caller.teamId, clientId],
    );
  let rows = await lockClient();
  if (rows.length === 0) {
    await transaction.query(
      `INSERT INTO clients (client_id, team_id, user_id) VALUES ($2, $1, $3)
       ON CONFLICT (client_id) DO NOTHING`,
      [caller.teamId, clientId, caller.userId],
    );
    rows = await lockClient();
  }
  const client = rows[0];
  if (!client || client.user_id !== caller.userId) throw clientIdTaken();
  return client.last_mutation_id;
}

/**
 * Locks the team row: a team's pushes apply one at a time, so each reads the records as the last
 * one left them and sequence numbers commit in order. Everything from here to commit holds the
 * lock, so it is kept to a few statements.
 */
async function lockTeam(
  transaction: Queryable,
  teamId: string,
): Promise<{ seq: number; hlc: string | null }> {
  const rows = await transaction.query<{ seq: number; hlc: string | null }>(
    'SELECT seq, hlc FROM teams WHERE id = $1 FOR UPDATE',
    [teamId],
  );
  const team = rows[0];
  if (!team) throw new Error('The authenticated team is missing');
  return team;
}

/**
 * The stored records the push changes, and the live activities already holding the message keys it
 * logs (usually none), in one statement.
 */
async function loadTouched(
  transaction: Queryable,
  teamId: string,
  mutations: PushRequest['mutations'],
): Promise<{ stored: Map<string, ServerRecord>; liveMessageKeys: Map<string, string> }> {
  const keys = new Map<string, [SyncCollection, string]>();
  const messageKeys = new Set<string>();
  for (const mutation of mutations) {
    for (const change of mutation.changes) {
      keys.set(recordKey(change.collection, change.recordId), [change.collection, change.recordId]);
      if (
        change.collection === 'activities' &&
        change.field === 'messageKey' &&
        typeof change.value === 'string'
      ) {
        messageKeys.add(change.value);
      }
    }
  }
  const rows = await transaction.query<{
    collection: SyncCollection;
    id: string;
    created_by: string | null;
    fields: ServerRecord['fields'] | null;
    message_key: string | null;
  }>(
    `SELECT collection, id, created_by, fields, NULL AS message_key FROM records
     WHERE team_id = $1 AND (collection, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
     UNION ALL
     SELECT collection, id, NULL, NULL, message_key FROM records
     WHERE team_id = $1 AND collection = 'activities' AND NOT deleted
       AND (message_key = ANY($4::text[]) OR message_key IN (
         -- A restored log takes its stored key back: whoever holds that key now matters too.
         SELECT touched.message_key FROM records touched
         WHERE touched.team_id = $1 AND touched.collection = 'activities' AND touched.id = ANY($5::text[])
       ))`,
    [
      teamId,
      [...keys.values()].map(([collection]) => collection),
      [...keys.values()].map(([, id]) => id),
      [...messageKeys],
      [...keys.values()].filter(([collection]) => collection === 'activities').map(([, id]) => id),
    ],
  );
  const stored = new Map<string, ServerRecord>();
  const liveMessageKeys = new Map<string, string>();
  for (const row of rows) {
    if (row.message_key !== null) liveMessageKeys.set(row.message_key, row.id);
    else if (row.fields && row.created_by) {
      stored.set(recordKey(row.collection, row.id), {
        collection: row.collection,
        id: row.id,
        createdBy: row.created_by,
        fields: row.fields,
      });
    }
  }
  return { stored, liveMessageKeys };
}

const json = (value: JsonValue | undefined) => (value === undefined ? null : JSON.stringify(value));

/**
 * Every write of the push in one statement: the records (each touched one with the team's next
 * sequence number), the conflict record, the team's sequence and clock, the client's last
 * mutation id. A conflict's stored side is attributed to the user whose client issued its clock
 * (the clock's node); the side that came in this push to the pusher.
 */
async function writePush(
  transaction: Queryable,
  caller: Caller,
  clientId: string,
  push: { applied: AppliedPush; firstSeq: number; hlc: string; acknowledged: number },
): Promise<void> {
  const { records, conflicts } = push.applied;
  const facts = records.map(recordFacts);
  await transaction.query(
    `WITH
     team_update AS (UPDATE teams SET seq = $2, hlc = $3 WHERE id = $1),
     client_update AS (
       UPDATE clients SET last_mutation_id = $6 WHERE team_id = $1 AND client_id = $4
     ),
     record_upsert AS (
       INSERT INTO records (team_id, collection, id, created_by, fields, seq, deleted, private, message_key)
       SELECT $1, collection, id, created_by, fields::jsonb, seq, deleted, private, message_key
       FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::int8[], $12::bool[], $13::bool[], $14::text[])
         AS changed (collection, id, created_by, fields, seq, deleted, private, message_key)
       ON CONFLICT (team_id, collection, id) DO UPDATE SET
         fields = excluded.fields, seq = excluded.seq, deleted = excluded.deleted,
         private = excluded.private, message_key = excluded.message_key
     ),
     lost AS (
       SELECT * FROM unnest($15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::bool[],
         $21::text[], $22::text[], $23::bool[], $24::text[])
         AS lost (collection, record_id, field, winner_value, winner_hlc, winner_incoming, loser_value,
           loser_hlc, loser_incoming, reason)
     ),
     conflict_insert AS (
       INSERT INTO conflicts (team_id, client_id, collection, record_id, field, winner_value, winner_hlc,
         winner_user_id, loser_value, loser_hlc, loser_user_id, reason)
       SELECT $1, $4, collection, record_id, field, winner_value::jsonb, winner_hlc,
         CASE WHEN winner_incoming THEN $5 ELSE (
           SELECT user_id FROM clients WHERE team_id = $1 AND client_id = split_part(winner_hlc, ':', 3)
         ) END,
         loser_value::jsonb, loser_hlc,
         CASE WHEN loser_incoming THEN $5 ELSE (
           SELECT user_id FROM clients WHERE team_id = $1 AND client_id = split_part(loser_hlc, ':', 3)
         ) END,
         reason
       FROM lost
     )
     SELECT 1`,
    [
      caller.teamId,
      push.firstSeq + records.length - 1,
      push.hlc,
      clientId,
      caller.userId,
      push.acknowledged,
      records.map((record) => record.collection),
      records.map((record) => record.id),
      records.map((record) => record.createdBy),
      records.map((record) => JSON.stringify(record.fields)),
      records.map((_, index) => push.firstSeq + index),
      facts.map((fact) => fact.deleted),
      facts.map((fact) => fact.private),
      facts.map((fact) => fact.messageKey),
      conflicts.map((conflict) => conflict.collection),
      conflicts.map((conflict) => conflict.recordId),
      conflicts.map((conflict) => conflict.field),
      conflicts.map((conflict) => json(conflict.winner?.value)),
      conflicts.map((conflict) => conflict.winner?.hlc ?? null),
      conflicts.map((conflict) => conflict.winnerIncoming),
      conflicts.map((conflict) => json(conflict.loser.value)),
      conflicts.map((conflict) => conflict.loser.hlc),
      conflicts.map((conflict) => conflict.loserIncoming),
      conflicts.map((conflict) => conflict.reason),
    ],
  );
}

function latestClockOf(request: PushRequest): string | null {
  let latest: string | null = null;
  for (const mutation of request.mutations) {
    for (const change of mutation.changes) latest = laterHlc(latest, change.hlc);
  }
  return latest;
}

/**
 * POST /v1/push (docs/sync.md, Push): the whole push in one transaction under the team's lock.
 * Mutations the client already had acknowledged are skipped; a gap is refused with 409.
 */
export async function applyPush(
  database: Database,
  caller: Caller,
  pushed: PushRequest,
  options: { now: number; hooks?: PushHooks },
): Promise<PushResponse> {
  const request = withLegacyFieldsRenamed(pushed);
  validatePushChanges(request, options.now);
  return teamTransaction(database, caller.teamId, async (transaction) => {
    const lastApplied = await claimClient(transaction, caller, request.clientId);
    const fresh = request.mutations.filter((mutation) => mutation.mutationId > lastApplied);
    const firstFresh = fresh[0];
    if (firstFresh && firstFresh.mutationId !== lastApplied + 1) {
      throw new HttpError(409, {
        error: 'mutation-gap',
        message: `Mutations must follow on from ${lastApplied}; resend from ${lastApplied + 1}.`,
        expected: lastApplied + 1,
      });
    }
    const team = await lockTeam(transaction, caller.teamId);
    // Later than every clock the team has seen and every clock in this push, whichever process answers.
    const hlc = serverHlc(laterHlc(team.hlc, latestClockOf(request)), options.now);
    // A resent push whose mutations are all applied changes nothing.
    if (!firstFresh) return { acknowledged: lastApplied, hlc };
    const { stored, liveMessageKeys } = await loadTouched(transaction, caller.teamId, fresh);
    const applied = applyMutations(fresh, { pusher: caller, stored, liveMessageKeys, serverHlc: hlc });
    const acknowledged = fresh.at(-1)?.mutationId ?? lastApplied;
    await writePush(transaction, caller, request.clientId, {
      applied,
      firstSeq: team.seq + 1,
      hlc,
      acknowledged,
    });
    await options.hooks?.beforeCommit?.({
      teamId: caller.teamId,
      clientId: request.clientId,
      mutationIds: fresh.map((mutation) => mutation.mutationId),
    });
    return { acknowledged, hlc };
  });
}
