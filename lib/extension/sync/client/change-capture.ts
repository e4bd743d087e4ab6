import {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  Dexie,
  type Middleware,
  type Transaction,
} from 'dexie';
import { SYNC_COLLECTIONS, type SyncCollection } from '../../../shared/sync/protocol';
import { appendToOutbox, type CapturedRecord, readDevice } from './outbox';
import { changedFields, type StoredRecord } from './record-fields';
import { CAPTURE_TABLES } from './sync-tables';

const SYNCED_TABLES: ReadonlySet<string> = new Set(SYNC_COLLECTIONS);

/**
 * Read-write transactions this middleware opened, with the capture tables in their scope. Upgrade
 * transactions are not among them: they reshape stored data before sync can see it.
 */
const capturable = new WeakSet<object>();
/** Transactions writing what the server sent (or bookkeeping that enqueues its own changes). */
const skipped = new WeakSet<object>();
/** Captures of one transaction run one after another, each diffing against the previous one's result. */
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Turns capture off for one transaction: call it first thing inside the transaction. Pulled records
 * are applied this way, or they would be echoed back to the server as local edits.
 */
export function skipChangeCapture(transaction: Transaction): void {
  skipped.add(transaction.idbtrans);
}

function inOrder<Result>(transaction: object, task: () => Promise<Result>): Promise<Result> {
  const previous = queues.get(transaction) ?? Dexie.Promise.resolve();
  const result = previous.then(task);
  queues.set(
    transaction,
    result.catch(() => undefined),
  );
  return result;
}

/** The stored records a request is about to replace or delete, by position (undefined: none). */
function recordsBefore(
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<{ keys: string[]; before: (StoredRecord | undefined)[] }> {
  const { trans } = request;
  const primaryKey = table.schema.primaryKey;
  switch (request.type) {
    case 'add': {
      // An add never replaces: one whose key exists fails, and is left out below.
      const keys = request.keys ?? request.values.map((value) => primaryKey.extractKey?.(value));
      return Dexie.Promise.resolve({ keys, before: keys.map(() => undefined) });
    }
    case 'put': {
      const keys = request.keys ?? request.values.map((value) => primaryKey.extractKey?.(value));
      return table.getMany({ trans, keys }).then((before) => ({ keys, before }));
    }
    case 'delete':
      return table.getMany({ trans, keys: request.keys }).then((before) => ({ keys: request.keys, before }));
    case 'deleteRange':
      return table
        .query({ trans, values: true, query: { index: primaryKey, range: request.range } })
        .then(({ result }) => ({
          keys: result.map((record) => primaryKey.extractKey?.(record)),
          before: result as StoredRecord[],
        }));
  }
}

/** What the request did to each record, from the records before it and the writes that succeeded. */
function capturedRecords(
  collection: SyncCollection,
  request: DBCoreMutateRequest,
  keys: readonly string[],
  before: readonly (StoredRecord | undefined)[],
  response: DBCoreMutateResponse,
): CapturedRecord[] {
  const captured: CapturedRecord[] = [];
  if (request.type === 'delete' || request.type === 'deleteRange') {
    // Hard deletes (a backup restore clears the tables) travel as tombstones: the team keeps the record.
    keys.forEach((recordId, index) => {
      const old = before[index];
      if (old && old.deleted !== true) {
        captured.push({ collection, recordId, fields: new Map([['deleted', true]]) });
      }
    });
    return captured;
  }
  // A request may write one key twice: each write is compared with the one before it.
  const latest = new Map<string, StoredRecord | undefined>();
  request.values.forEach((value, index) => {
    if (response.failures[index]) return;
    const recordId = keys[index] as string;
    const old = latest.has(recordId) ? latest.get(recordId) : before[index];
    latest.set(recordId, value);
    captured.push({ collection, recordId, fields: changedFields(old, value) });
  });
  return captured;
}

/**
 * A chain of the database's own promises, not async/await: Dexie's layers below read the current
 * transaction from a zone that only its promises carry across each step.
 */
function mutateAndCapture(
  core: DBCore,
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  return readDevice(core, request.trans).then((device) => {
    if (!device?.captureEnabled) return table.mutate(request);
    return recordsBefore(table, request).then(({ keys, before }) =>
      table.mutate(request).then((response) => {
        const records = capturedRecords(table.name as SyncCollection, request, keys, before, response);
        return appendToOutbox(core, request.trans, device, records, Date.now()).then(() => response);
      }),
    );
  });
}

function capturingTable(core: DBCore, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (request) =>
      capturable.has(request.trans) && !skipped.has(request.trans)
        ? inOrder(request.trans, () => mutateAndCapture(core, table, request))
        : table.mutate(request),
  };
}

/**
 * Change capture for team sync (docs/sync.md, Client): every write to a synced collection, in a
 * read-write transaction, appends its changed fields to the outbox in that same transaction, so the
 * write and its outbox entry commit or roll back together; a crash can lose neither alone. Whether
 * capture is on is read inside the transaction too ('device'.captureEnabled), so every extension
 * context agrees.
 *
 * Like Dexie Cloud's mutation tracking, it widens read-write transactions over synced collections
 * to the capture tables, and sits low in the stack (level 1): below Dexie's hooks, so it sees the
 * values as stored, and below the derived-fields middleware (level 10), whose fields it ignores.
 */
export const changeCaptureMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'DealsideChangeCapture',
  level: 1,
  create: (down) => {
    const tableNames = new Set(down.schema.tables.map((table) => table.name));
    // A database opened at a version before sync (older shapes in upgrade tests) has nothing to capture into.
    if (!CAPTURE_TABLES.every((name) => tableNames.has(name))) return down;
    const tables = new Map<string, DBCoreTable>();
    return {
      ...down,
      transaction: (storeNames, mode, options) => {
        if (mode !== 'readwrite' || !storeNames.some((name) => SYNCED_TABLES.has(name))) {
          return down.transaction(storeNames, mode, options);
        }
        const transaction = down.transaction([...new Set([...storeNames, ...CAPTURE_TABLES])], mode, options);
        capturable.add(transaction);
        return transaction;
      },
      table: (tableName) => {
        let table = tables.get(tableName);
        if (!table) {
          const downTable = down.table(tableName);
          table = SYNCED_TABLES.has(tableName) ? capturingTable(down, downTable) : downTable;
          tables.set(tableName, table);
        }
        return table;
      },
    };
  },
};
