import { compareHlc } from '../../lib/shared/sync/hlc';
import { mergeRecord, type RecordFields } from '../../lib/shared/sync/merge';
import type { FieldChange, FieldState, Mutation, SyncCollection } from '../../lib/shared/sync/protocol';
import { canSee, type Viewer } from './visibility';

/** A record as the server keeps it. */
export type ServerRecord = {
  collection: SyncCollection;
  id: string;
  createdBy: string;
  fields: RecordFields;
};

export type ConflictReason = 'concurrent' | 'append-only' | 'forbidden';

/**
 * A value kept because it lost, with the value that won. `…Incoming` says which side came in this
 * push (its writer is the pushing user); the other side's writer is found from its clock's node.
 */
export type PushConflict = {
  collection: SyncCollection;
  recordId: string;
  field: string;
  winner: FieldState | null;
  loser: FieldState;
  winnerIncoming: boolean;
  loserIncoming: boolean;
  reason: ConflictReason;
};

export type AppliedPush = {
  /** Every record a mutation touched, in the order first touched, with its fields after the push. */
  records: ServerRecord[];
  conflicts: PushConflict[];
};

export function recordKey(collection: string, id: string): string {
  return `${collection}/${id}`;
}

/** The fields derived from a record that the server queries by. */
export function recordFacts(record: ServerRecord) {
  const isActivity = record.collection === 'activities';
  const messageKey = record.fields.messageKey?.value;
  return {
    deleted: record.fields.deleted?.value === true,
    private: isActivity && record.fields.private?.value === true,
    messageKey: isActivity && typeof messageKey === 'string' ? messageKey : null,
  };
}

function groupByRecord(changes: readonly FieldChange[]): FieldChange[][] {
  const groups = new Map<string, FieldChange[]>();
  for (const change of changes) {
    const key = recordKey(change.collection, change.recordId);
    const group = groups.get(key);
    if (group) group.push(change);
    else groups.set(key, [change]);
  }
  return [...groups.values()];
}

export type ApplyContext = {
  pusher: Viewer;
  /** Records as stored before the push, by recordKey. */
  stored: ReadonlyMap<string, ServerRecord>;
  /** Live activities holding each logged message key before the push: message key → activity id. */
  liveMessageKeys: ReadonlyMap<string, string>;
  /** Later than every clock in the push: what the server stamps on values it sets itself. */
  serverHlc: string;
};

/**
 * Applies a push's new mutations in order with the merge rule of lib/shared/sync/merge.ts. Pure: the
 * caller loads what it needs and writes back `records` and `conflicts` in one transaction.
 */
export function applyMutations(mutations: readonly Mutation[], context: ApplyContext): AppliedPush {
  const working = new Map(context.stored);
  const liveMessageKeys = new Map(context.liveMessageKeys);
  const touched = new Set<string>();
  const conflicts: PushConflict[] = [];

  for (const mutation of mutations) {
    for (const changes of groupByRecord(mutation.changes)) {
      const { collection, recordId } = changes[0] as FieldChange;
      const key = recordKey(collection, recordId);
      touched.add(key);
      const existing = working.get(key);
      // Someone else's reminder, or a private activity a rep may not see: never applied, kept as a conflict.
      if (existing && !canSee({ ...existing, ...recordFacts(existing) }, context.pusher)) {
        for (const change of changes) {
          conflicts.push({
            collection,
            recordId,
            field: change.field,
            winner: existing.fields[change.field] ?? null,
            loser: { value: change.value, hlc: change.hlc },
            winnerIncoming: false,
            loserIncoming: true,
            reason: 'forbidden',
          });
        }
        continue;
      }
      const merged = mergeRecord(collection, existing?.fields, changes);
      for (const conflict of merged.conflicts) {
        const isIncoming = (state: FieldState) =>
          changes.some(
            (change) => change.field === conflict.field && compareHlc(change.hlc, state.hlc) === 0,
          );
        conflicts.push({
          collection,
          recordId,
          field: conflict.field,
          winner: conflict.winner,
          loser: conflict.loser,
          winnerIncoming: isIncoming(conflict.winner),
          loserIncoming: isIncoming(conflict.loser),
          reason: conflict.reason,
        });
      }
      let record: ServerRecord = {
        collection,
        id: recordId,
        createdBy: existing?.createdBy ?? context.pusher.userId,
        fields: merged.fields,
      };
      if (collection === 'activities') {
        // A restored log is a new log of its message as far as duplicates go.
        const logsAgain = !existing || (recordFacts(existing).deleted && !recordFacts(record).deleted);
        if (logsAgain) record = keepFirstLogOfMessage(record, liveMessageKeys, context.serverHlc);
        trackLiveMessageKey(existing, record, liveMessageKeys);
      }
      working.set(key, record);
    }
  }
  return { records: [...touched].map((key) => working.get(key) as ServerRecord), conflicts };
}

/**
 * The same message logged on the same deal from two devices makes two activities with one
 * message key (docs/sync.md). The first live one is kept; a later one is stored as a tombstone
 * whose key no longer collides, stamped with the server's clock so both devices converge on it.
 */
function keepFirstLogOfMessage(
  record: ServerRecord,
  liveMessageKeys: ReadonlyMap<string, string>,
  serverHlc: string,
): ServerRecord {
  const { messageKey, deleted } = recordFacts(record);
  const holder = messageKey === null ? undefined : liveMessageKeys.get(messageKey);
  if (deleted || holder === undefined || holder === record.id) return record;
  return {
    ...record,
    fields: {
      ...record.fields,
      deleted: { value: true, hlc: serverHlc },
      messageKey: { value: `${messageKey}#dup:${record.id}`, hlc: serverHlc },
    },
  };
}

function trackLiveMessageKey(
  before: ServerRecord | undefined,
  after: ServerRecord,
  liveMessageKeys: Map<string, string>,
): void {
  const previous = before ? recordFacts(before) : null;
  if (previous?.messageKey && liveMessageKeys.get(previous.messageKey) === after.id) {
    liveMessageKeys.delete(previous.messageKey);
  }
  const current = recordFacts(after);
  if (current.messageKey && !current.deleted && !liveMessageKeys.has(current.messageKey)) {
    liveMessageKeys.set(current.messageKey, after.id);
  }
}
