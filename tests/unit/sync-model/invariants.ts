import { deviceStateSchema } from '@/lib/extension/sync/client/sync-tables';
import { sameJson } from '@/lib/shared/sync/merge';
import {
  type FieldChange,
  type FieldState,
  type JsonValue,
  SYNC_COLLECTIONS,
} from '@/lib/shared/sync/protocol';
import type { SyncWorld } from './world';

type ServerRecord = { collection: string; id: string; fields: Record<string, FieldState> };
type ServerConflict = {
  collection: string;
  record_id: string;
  field: string;
  winner_hlc: string | null;
  loser_value: JsonValue;
  loser_hlc: string;
};

/** What the server holds for the world's team, read as the table owner (past row-level security). */
async function readServer(world: SyncWorld) {
  const records = await world.database.query<ServerRecord>(
    'SELECT collection, id, fields FROM records WHERE team_id = $1 ORDER BY collection, id',
    [world.teamId],
  );
  const conflicts = await world.database.query<ServerConflict>(
    'SELECT collection, record_id, field, winner_hlc, loser_value, loser_hlc FROM conflicts WHERE team_id = $1',
    [world.teamId],
  );
  const clients = await world.database.query<{ client_id: string; last_mutation_id: number }>(
    'SELECT client_id, last_mutation_id FROM clients WHERE team_id = $1',
    [world.teamId],
  );
  return {
    records,
    byKey: new Map(records.map((record) => [`${record.collection}/${record.id}`, record])),
    conflicts,
    lastMutationIds: new Map(clients.map((client) => [client.client_id, client.last_mutation_id])),
  };
}

type Server = Awaited<ReturnType<typeof readServer>>;

/** JSON as stored: properties holding undefined are absent. */
function plain(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/**
 * A tombstoned activity may hold its message key on the server while a client renames it to
 * `<key>#dup:<id>` locally: the client's unique index allows one holder per key, the server only
 * one live one (lib/extension/sync/client/apply-pull.ts, settleMessageKeys). Compared without that suffix.
 */
function comparable(collection: string, record: Record<string, JsonValue>): Record<string, JsonValue> {
  if (collection !== 'activities' || record.deleted !== true || typeof record.messageKey !== 'string')
    return record;
  return { ...record, messageKey: record.messageKey.replace(/#dup:[0-9A-Z]{26}$/, '') };
}

/** (a) Every replica holds exactly the server's records, field for field, and nothing quarantined. */
async function replicasEqualServer(world: SyncWorld, server: Server): Promise<string[]> {
  const problems: string[] = [];
  for (const client of world.clients) {
    const quarantined = await client.local.syncQuarantine.count();
    if (quarantined > 0) problems.push(`${client.name} quarantined ${quarantined} pulled records`);
    for (const collection of SYNC_COLLECTIONS) {
      const expected = new Map(
        server.records
          .filter((record) => record.collection === collection)
          .map((record) => {
            const value: Record<string, JsonValue> = { id: record.id };
            for (const [field, state] of Object.entries(record.fields)) value[field] = state.value;
            return [record.id, comparable(collection, value)];
          }),
      );
      const local = new Map(
        ((await client.local.table(collection).toArray()) as { id: string }[]).map((record) => [
          record.id,
          comparable(collection, plain(record) as Record<string, JsonValue>),
        ]),
      );
      for (const id of new Set([...expected.keys(), ...local.keys()])) {
        const want = expected.get(id);
        const have = local.get(id);
        if (want && have && sameJson(want, have)) continue;
        const fields = want && have ? [...new Set([...Object.keys(want), ...Object.keys(have)])] : [];
        const differing = fields.filter((field) => !sameJson(want?.[field] ?? null, have?.[field] ?? null));
        problems.push(
          `${client.name}'s ${collection}/${id} ${
            !want
              ? 'is not on the server'
              : !have
                ? 'is missing'
                : `differs in ${differing.map((field) => `${field} (server ${JSON.stringify(want[field])}, local ${JSON.stringify(have[field])})`).join(', ')}`
          }`,
        );
      }
    }
  }
  return problems;
}

/**
 * (b) Every acknowledged write is the live value, or in the conflict record, or was replaced by a
 * write made on top of it (whose baseHlc is its clock). Writes of an equal value stand in for each
 * other; `updatedAt` is bookkeeping and never a conflict; the server's own tombstoning of a second
 * log of one message (clock node `server`) replaces the loser's `deleted` and `messageKey` by design.
 */
function acknowledgedWritesKept(world: SyncWorld, server: Server): string[] {
  const acknowledged: FieldChange[] = [];
  for (const [key, changes] of world.ledger.pushed) {
    const [clientId, mutationId] = key.split('#') as [string, string];
    if (Number(mutationId) <= (server.lastMutationIds.get(clientId) ?? 0)) acknowledged.push(...changes);
  }
  const fieldKey = (collection: string, recordId: string, field: string) =>
    `${collection}/${recordId}/${field}`;
  const replacedKnowingly = new Set(
    acknowledged.flatMap((change) =>
      change.baseHlc
        ? [`${fieldKey(change.collection, change.recordId, change.field)}@${change.baseHlc}`]
        : [],
    ),
  );
  const conflictLosers = new Set(
    server.conflicts.map(
      (conflict) =>
        `${fieldKey(conflict.collection, conflict.record_id, conflict.field)}@${conflict.loser_hlc}`,
    ),
  );
  const preservedDirectly = (change: FieldChange) => {
    const at = `${fieldKey(change.collection, change.recordId, change.field)}@${change.hlc}`;
    return replacedKnowingly.has(at) || conflictLosers.has(at);
  };
  const problems: string[] = [];
  for (const change of acknowledged) {
    if (change.field === 'updatedAt') continue;
    const live = server.byKey.get(`${change.collection}/${change.recordId}`)?.fields[change.field];
    if (live && (live.hlc === change.hlc || sameJson(live.value, change.value))) continue;
    if (preservedDirectly(change)) continue;
    const sameValueKept = acknowledged.some(
      (other) =>
        other !== change &&
        other.collection === change.collection &&
        other.recordId === change.recordId &&
        other.field === change.field &&
        sameJson(other.value, change.value) &&
        preservedDirectly(other),
    );
    if (sameValueKept) continue;
    const serverTombstonedDuplicate =
      change.collection === 'activities' &&
      (change.field === 'deleted' || change.field === 'messageKey') &&
      live?.hlc.endsWith(':server');
    if (serverTombstonedDuplicate) continue;
    problems.push(
      `the acknowledged write ${change.collection}/${change.recordId}.${change.field} = ${JSON.stringify(change.value)} (${change.hlc}) vanished: live ${JSON.stringify(live ?? null)}`,
    );
  }
  return problems;
}

/**
 * (c) No mutation applied twice: each client's committed mutations are exactly 1..last_mutation_id,
 * each once; every pushed mutation was acknowledged and every outbox is empty; no conflict recorded
 * twice; at most one live activity per logged message, and exactly one for a message logged and
 * never removed.
 */
async function appliedOnce(world: SyncWorld, server: Server): Promise<string[]> {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const key of world.ledger.applied) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, count] of counts)
    if (count > 1) problems.push(`mutation ${key} was applied ${count} times`);
  for (const client of world.clients) {
    const last = server.lastMutationIds.get(client.clientId) ?? 0;
    const device = deviceStateSchema.parse(await client.local.syncState.get('device'));
    if (device.nextMutationId - 1 !== last) {
      problems.push(`${client.name} made ${device.nextMutationId - 1} mutations, the server holds ${last}`);
    }
    const pending = await client.local.outbox.count();
    if (pending > 0) problems.push(`${client.name} still has ${pending} mutations waiting`);
    for (let id = 1; id <= last; id++) {
      if (!counts.has(`${client.clientId}#${id}`))
        problems.push(`${client.name}'s mutation ${id} was never applied`);
    }
  }
  const conflictKeys = new Set<string>();
  for (const conflict of server.conflicts) {
    const key = `${conflict.collection}/${conflict.record_id}/${conflict.field} ${conflict.winner_hlc} > ${conflict.loser_hlc}`;
    if (conflictKeys.has(key)) problems.push(`the conflict ${key} was recorded twice`);
    conflictKeys.add(key);
  }
  const liveByMessage = new Map<string, number>();
  for (const record of server.records) {
    const messageKey = record.fields.messageKey?.value;
    if (
      record.collection === 'activities' &&
      record.fields.deleted?.value !== true &&
      typeof messageKey === 'string'
    ) {
      liveByMessage.set(messageKey, (liveByMessage.get(messageKey) ?? 0) + 1);
    }
  }
  for (const [messageKey, live] of liveByMessage) {
    if (live > 1) problems.push(`${live} live activities log ${messageKey}`);
  }
  for (const messageKey of world.ledger.loggedMessageKeys) {
    if (!world.ledger.removedMessageKeys.has(messageKey) && liveByMessage.get(messageKey) !== 1) {
      problems.push(
        `${messageKey} was logged and never removed, yet ${liveByMessage.get(messageKey) ?? 0} activities log it`,
      );
    }
  }
  return problems;
}

/**
 * (d) A record that was ever deleted is live again only by an explicit undelete: its live
 * `deleted: false` carries the clock of an undelete action's change (or of logging the message
 * again, which restores a removed email activity).
 */
function noDeletedRecordReturns(world: SyncWorld, server: Server): string[] {
  const deletedEver = new Set<string>();
  const undeletes = new Set<string>();
  for (const { kind, change } of world.ledger.captured) {
    if (change.field !== 'deleted') continue;
    const key = `${change.collection}/${change.recordId}`;
    if (change.value === true) deletedEver.add(key);
    else if (kind === 'undelete' || kind === 'log') undeletes.add(`${key}@${change.hlc}`);
  }
  const problems: string[] = [];
  for (const key of deletedEver) {
    const deleted = server.byKey.get(key)?.fields.deleted;
    if (deleted && deleted.value === false && !undeletes.has(`${key}@${deleted.hlc}`)) {
      problems.push(`${key} was deleted and is live again (${deleted.hlc}) without an undelete`);
    }
  }
  return problems;
}

/** Every invariant, after the world settled; an empty list when all hold. */
export async function violatedInvariants(world: SyncWorld): Promise<string[]> {
  const server = await readServer(world);
  return [
    ...world.ledger.anomalies,
    ...(await replicasEqualServer(world, server)).map((problem) => `(a) ${problem}`),
    ...acknowledgedWritesKept(world, server).map((problem) => `(b) ${problem}`),
    ...(await appliedOnce(world, server)).map((problem) => `(c) ${problem}`),
    ...noDeletedRecordReturns(world, server).map((problem) => `(d) ${problem}`),
  ];
}
