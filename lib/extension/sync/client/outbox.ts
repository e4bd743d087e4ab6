import { type DBCore, type DBCoreMutateResponse, type DBCoreTransaction, Dexie } from 'dexie';
import { tickHlc } from '../../../shared/sync/hlc';
import {
  BOOKKEEPING_FIELDS,
  type JsonValue,
  LIMITS,
  type SyncCollection,
} from '../../../shared/sync/protocol';
import type { DealsideDatabase } from '../../db/database';
import {
  type CapturedChange,
  type DeviceState,
  deviceStateSchema,
  type OutboxEntry,
  recordKey,
} from './sync-tables';

/** What one write did to one record: its changed fields and their new values. */
export type CapturedRecord = {
  collection: SyncCollection;
  recordId: string;
  fields: ReadonlyMap<string, JsonValue>;
  /** The timestamp to give these fields; by default the one ticked for this call. */
  hlc?: string;
};

function checked(response: DBCoreMutateResponse, table: string): void {
  if (response.numFailures > 0) {
    const [first] = Object.values(response.failures);
    throw new Error(`Could not write the ${table} table: ${first?.message ?? 'unknown error'}`);
  }
}

/** Merges records listed more than once: the later write of a field wins, as it did in the table. */
function byRecord(records: readonly CapturedRecord[]): CapturedRecord[] {
  const merged = new Map<string, CapturedRecord>();
  for (const record of records) {
    if (record.fields.size === 0) continue;
    const key = recordKey(record.collection, record.recordId);
    const previous = merged.get(key);
    merged.set(
      key,
      previous ? { ...record, fields: new Map([...previous.fields, ...record.fields]) } : record,
    );
  }
  return [...merged.values()];
}

/**
 * Splits changes into mutations the server takes (LIMITS.maxChangesPerMutation), never splitting a
 * record: other devices would otherwise pull half a new record, which its schema refuses.
 */
function intoMutations(changesByRecord: readonly CapturedChange[][]): CapturedChange[][] {
  const mutations: CapturedChange[][] = [];
  let current: CapturedChange[] = [];
  for (const changes of changesByRecord) {
    if (current.length > 0 && current.length + changes.length > LIMITS.maxChangesPerMutation) {
      mutations.push(current);
      current = [];
    }
    current.push(...changes);
  }
  if (current.length > 0) mutations.push(current);
  return mutations;
}

export function readDevice(core: DBCore, trans: DBCoreTransaction): Promise<DeviceState | null> {
  return core
    .table('syncState')
    .get({ trans, key: 'device' })
    .then((row) => {
      const parsed = deviceStateSchema.safeParse(row);
      return parsed.success ? parsed.data : null;
    });
}

/**
 * Appends changes to the outbox inside the caller's transaction, so they commit or roll back with
 * the write they describe. Each call ticks the device's clock once and takes the next mutation ids
 * (both stored in the database, so every extension context shares one clock and one counter).
 * `device` is the row as read in this transaction (read it again before another call). Returns the
 * number of changes appended.
 *
 * Each change's baseHlc is filled in when it is pushed (sync-engine.ts): until then the field's
 * clock as last seen cannot change (a pull skips fields with pending changes), and keeping that
 * bookkeeping out of every local write keeps writes cheap.
 *
 * Written as a chain of the database's own promises rather than with async/await: the change
 * capture middleware calls it from inside Dexie, where only those keep the transaction's zone.
 */
export function appendToOutbox(
  core: DBCore,
  trans: DBCoreTransaction,
  device: DeviceState,
  records: readonly CapturedRecord[],
  now: number,
): Promise<number> {
  const touched = byRecord(records);
  if (touched.length === 0) return Dexie.Promise.resolve(0);
  const hlc = tickHlc(device.lastHlc, device.clientId, now);
  const changesByRecord = touched.map((record) =>
    [...record.fields].map(
      ([field, value]): CapturedChange => ({
        collection: record.collection,
        recordId: record.recordId,
        field,
        value: withoutNul(value),
        hlc: record.hlc ?? hlc,
      }),
    ),
  );
  let nextMutationId = device.nextMutationId;
  const entries: OutboxEntry[] = intoMutations(changesByRecord).map((changes) => ({
    mutationId: nextMutationId++,
    changes,
    editCount: editCountOf(changes),
    createdAt: now,
  }));
  const nextDevice: DeviceState = { ...device, lastHlc: hlc, nextMutationId };
  return core
    .table('outbox')
    .mutate({ type: 'add', trans, values: entries })
    .then((response) => {
      checked(response, 'outbox');
      return core.table('syncState').mutate({ type: 'put', trans, values: [nextDevice] });
    })
    .then((response) => {
      checked(response, 'syncState');
      return entries.reduce((total, entry) => total + entry.changes.length, 0);
    });
}

/** Edits captured and not yet acknowledged by the server, counted from the editCount index alone. */
export async function countPendingChanges(database: DealsideDatabase): Promise<number> {
  const counts = (await database.outbox.orderBy('editCount').keys()) as number[];
  return counts.reduce((total, count) => total + count, 0);
}

/** `collection/recordId/field` of every change waiting in the outbox. */
export async function pendingFieldKeys(database: DealsideDatabase): Promise<Set<string>> {
  const pending = new Set<string>();
  await database.outbox.each((entry) => {
    for (const change of entry.changes)
      pending.add(`${change.collection}/${change.recordId}/${change.field}`);
  });
  return pending;
}

/**
 * PostgreSQL can store no NUL character in text or JSON, so the server refuses one (422) and the
 * change would wait in the outbox forever. It goes as U+FFFD, the character HTML parsers put in its
 * place; the next pull brings that value back, so every replica agrees.
 */
export function withoutNul(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key.replaceAll('\u0000', '\uFFFD'), withoutNul(item)]),
    );
  }
  return value;
}

/** The changes a rep would count as edits: all but bookkeeping fields such as updatedAt. */
export function editCountOf(changes: readonly { field: string }[]): number {
  return changes.filter((change) => !BOOKKEEPING_FIELDS.has(change.field)).length;
}
