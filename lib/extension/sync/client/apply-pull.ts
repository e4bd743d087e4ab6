import type { Transaction } from 'dexie';
import {
  type JsonValue,
  type PulledRecord,
  SYNC_COLLECTIONS,
  type SyncCollection,
} from '../../../shared/sync/protocol';
import { RECORD_SCHEMAS } from '../../db/collections';
import type { DealsideDatabase } from '../../db/database';
import { skipChangeCapture } from './change-capture';
import { appendToOutbox, pendingFieldKeys, readDevice } from './outbox';
import type { StoredRecord } from './record-fields';
import { type QuarantinedRecord, recordKey, type SyncFieldsRow } from './sync-tables';

/** Every table applying a pull writes: the synced collections and the sync bookkeeping. */
export const PULL_TABLES = [
  ...SYNC_COLLECTIONS,
  'syncState',
  'outbox',
  'syncFields',
  'syncQuarantine',
] as const;

export type PullApplied = {
  /** Records written (created or updated). */
  applied: number;
  /** Local copies dropped because the server no longer shows them to this user. */
  hidden: number;
  /** Pulled records the schema refused, kept in syncQuarantine instead of applied. */
  quarantined: number;
  /** Local email activities that gave their message key to a pulled one (docs/sync.md, duplicate logs). */
  yielded: number;
};

type VisibleRecord = Extract<PulledRecord, { hidden: false }>;

/** A pulled record merged with the local copy, valid and about to be written. */
type Merged = { collection: SyncCollection; id: string; record: StoredRecord; hlcs: Record<string, string> };

/** A page lists a record once; if the server ever sent two versions, the later one is the record. */
function latestVersions(records: readonly PulledRecord[]): PulledRecord[] {
  const latest = new Map<string, PulledRecord>();
  for (const record of records) {
    const key = recordKey(record.collection, record.id);
    const previous = latest.get(key);
    if (!previous || previous.seq < record.seq) latest.set(key, record);
  }
  return [...latest.values()];
}

function groupByCollection<Item extends { collection: SyncCollection }>(
  items: readonly Item[],
): Map<SyncCollection, Item[]> {
  const groups = new Map<SyncCollection, Item[]>();
  for (const item of items) {
    const group = groups.get(item.collection);
    if (group) group.push(item);
    else groups.set(item.collection, [item]);
  }
  return groups;
}

async function dropHidden(database: DealsideDatabase, hidden: readonly PulledRecord[]): Promise<void> {
  for (const [collection, records] of groupByCollection(hidden)) {
    await database.table(collection).bulkDelete(records.map((record) => record.id));
  }
  const keys = hidden.map((record) => recordKey(record.collection, record.id));
  await database.syncFields.bulkDelete(keys);
  await database.syncQuarantine.bulkDelete(keys);
}

/**
 * Per field, the server's value, unless the outbox holds a change to that field: that change wins or
 * loses on the server and the outcome comes back in a later pull. Fields the server did not send
 * keep their local values.
 */
async function mergeWithLocal(
  database: DealsideDatabase,
  visible: readonly VisibleRecord[],
  now: number,
): Promise<{ merged: Merged[]; quarantined: QuarantinedRecord[] }> {
  const pending = await pendingFieldKeys(database);
  const merged: Merged[] = [];
  const quarantined: QuarantinedRecord[] = [];
  for (const [collection, records] of groupByCollection(visible)) {
    const ids = records.map((record) => record.id);
    const keys = ids.map((id) => recordKey(collection, id));
    const locals: (StoredRecord | undefined)[] = await database.table(collection).bulkGet(ids);
    const known = await database.syncFields.bulkGet(keys);
    records.forEach((pulled, index) => {
      const key = keys[index] as string;
      const record: StoredRecord = { ...(locals[index] ?? { id: pulled.id }) };
      const hlcs = { ...known[index]?.hlcs };
      for (const [field, state] of Object.entries(pulled.fields)) {
        if (pending.has(`${key}/${field}`)) continue;
        record[field] = state.value;
        hlcs[field] = state.hlc;
      }
      const result = RECORD_SCHEMAS[collection].safeParse(record);
      if (result.success) {
        merged.push({ collection, id: pulled.id, record: result.data as StoredRecord, hlcs });
      } else {
        // A concurrent merge can make a combination the schema refuses (a lost reason on a won deal):
        // the local copy stays as it is, and the server's version is kept here for the rep.
        quarantined.push({
          key,
          collection,
          recordId: pulled.id,
          record: record as Record<string, JsonValue>,
          issues: result.error.issues.map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          })),
          seq: pulled.seq,
          quarantinedAt: now,
        });
      }
    });
  }
  return { merged, quarantined };
}

function messageKeyOf(record: StoredRecord | undefined): string | null {
  return typeof record?.messageKey === 'string' ? record.messageKey : null;
}

function duplicateKey(messageKey: string, activityId: string): string {
  return `${messageKey}#dup:${activityId}`;
}

/**
 * The unique messageKey index must never make a pull fail. On the server a message key is held by
 * one live activity (tombstones may share it); here every activity holds its key exclusively. For
 * each key: a live pulled activity keeps it; a live local one not in this page yields exactly as the
 * server would (tombstone, `<key>#dup:<id>`) as a local change; a tombstone that collides is renamed
 * here only (the server lets it keep the key, and activities' other fields are append-only there).
 * Activities whose local copy gives up a key are written without one first, so whoever takes it
 * next never meets it.
 */
async function settleMessageKeys(
  database: DealsideDatabase,
  transaction: Transaction,
  merged: readonly Merged[],
  now: number,
): Promise<number> {
  const activities = merged.filter((item) => item.collection === 'activities');
  const takers = new Map<string, Merged[]>();
  for (const item of activities) {
    const messageKey = messageKeyOf(item.record);
    if (messageKey !== null) takers.set(messageKey, [...(takers.get(messageKey) ?? []), item]);
  }
  if (takers.size === 0) return 0;

  const pageIds = new Set(activities.map((item) => item.id));
  const localCopies = new Map(
    (await database.activities.bulkGet([...pageIds])).flatMap((activity) =>
      activity ? [[activity.id, activity as StoredRecord] as const] : [],
    ),
  );
  const holders = new Map(
    (
      await database.activities
        .where('messageKey')
        .anyOf([...takers.keys()])
        .toArray()
    )
      .filter((holder) => !pageIds.has(holder.id))
      .map((holder) => [messageKeyOf(holder as StoredRecord) as string, holder as StoredRecord]),
  );

  const yielding: StoredRecord[] = [];
  const renamedHere: StoredRecord[] = [];
  for (const [messageKey, candidates] of takers) {
    const holder = holders.get(messageKey);
    const live = candidates.filter((item) => item.record.deleted !== true);
    const winner = live[0] ?? (holder && holder.deleted !== true ? null : candidates[0]);
    for (const item of candidates) {
      if (item !== winner) item.record = { ...item.record, messageKey: duplicateKey(messageKey, item.id) };
    }
    if (!holder || winner === null) continue;
    const renamed = { ...holder, messageKey: duplicateKey(messageKey, holder.id as string) };
    if (holder.deleted === true) renamedHere.push(renamed);
    else yielding.push({ ...renamed, deleted: true });
  }

  const givingUp = activities.flatMap((item) => {
    const local = localCopies.get(item.id);
    const localKey = messageKeyOf(local);
    if (!local || localKey === null || localKey === messageKeyOf(item.record)) return [];
    const { messageKey: _released, ...withoutKey } = local;
    return [withoutKey];
  });
  await database.table('activities').bulkPut([...yielding, ...renamedHere, ...givingUp]);

  const device = await readDevice(database.core, transaction.idbtrans);
  if (yielding.length > 0 && device?.captureEnabled) {
    await appendToOutbox(
      database.core,
      transaction.idbtrans,
      device,
      yielding.map((activity) => ({
        collection: 'activities',
        recordId: activity.id as string,
        fields: new Map<string, JsonValue>([
          ['deleted', true],
          ['messageKey', activity.messageKey as string],
        ]),
      })),
      now,
    );
  }
  return yielding.length;
}

/**
 * Applies one page of pulled records inside the caller's transaction, which must cover PULL_TABLES
 * and have change capture skipped (the sync engine saves the page's cursor in the same one).
 */
export async function applyPulledPage(
  database: DealsideDatabase,
  transaction: Transaction,
  records: readonly PulledRecord[],
  now: number,
): Promise<PullApplied> {
  const latest = latestVersions(records);
  const hidden = latest.filter((record) => record.hidden);
  const visible = latest.filter((record): record is VisibleRecord => !record.hidden);
  await dropHidden(database, hidden);
  const { merged, quarantined } = await mergeWithLocal(database, visible, now);
  const yielded = await settleMessageKeys(database, transaction, merged, now);
  for (const [collection, items] of groupByCollection(merged)) {
    await database.table(collection).bulkPut(items.map((item) => item.record));
  }
  const syncFieldsRows: SyncFieldsRow[] = merged.map((item) => ({
    key: recordKey(item.collection, item.id),
    hlcs: item.hlcs,
  }));
  await database.syncFields.bulkPut(syncFieldsRows);
  await database.syncQuarantine.bulkDelete(syncFieldsRows.map((row) => row.key));
  await database.syncQuarantine.bulkPut(quarantined);
  return { applied: merged.length, hidden: hidden.length, quarantined: quarantined.length, yielded };
}

/** Applies pulled records in one transaction, with change capture off (they came from the server). */
export async function applyPulledRecords(
  database: DealsideDatabase,
  records: readonly PulledRecord[],
  now: number = Date.now(),
): Promise<PullApplied> {
  return database.transaction(
    'rw',
    PULL_TABLES.map((name) => database.table(name)),
    async (transaction) => {
      skipChangeCapture(transaction);
      return applyPulledPage(database, transaction, records, now);
    },
  );
}
