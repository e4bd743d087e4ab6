import { decodeHlc, receiveHlc } from '../../../shared/sync/hlc';
import { type FieldChange, LIMITS, type Mutation, type PushResponse } from '../../../shared/sync/protocol';
import type { DealsideDatabase } from '../../db/database';
import { applyPulledPage, PULL_TABLES } from './apply-pull';
import { skipChangeCapture } from './change-capture';
import { SyncFailure, type SyncTransport } from './http-transport';
import { editCountOf } from './outbox';
import {
  type AccountState,
  accountStateSchema,
  type DeviceState,
  deviceStateSchema,
  type OutboxEntry,
  recordKey,
  type StatusState,
  type SyncErrorInfo,
  statusStateSchema,
} from './sync-tables';

/** The team's member list (names, roles) is read again at most this often. */
export const MEMBERS_REFRESH_MS = 60 * 60_000;

/**
 * Re-reads who is on the team, so a teammate who joined after this device connected is shown by
 * name and a changed role or team name shows in options.
 */
async function refreshMembers(
  database: DealsideDatabase,
  transport: SyncTransport,
  account: AccountState,
  now: number,
): Promise<void> {
  if (now - (account.membersCheckedAt ?? account.connectedAt) < MEMBERS_REFRESH_MS) return;
  const me = await transport.me();
  await database.transaction('rw', database.syncState, async () => {
    const current = accountStateSchema.safeParse(await database.syncState.get('account'));
    // Disconnected, or connected elsewhere, while the request was out: not this account's list.
    if (!current.success || current.data.teamId !== me.team.id || current.data.userId !== me.user.id) return;
    await database.syncState.put({
      ...current.data,
      members: me.members,
      userName: me.user.name,
      role: me.user.role,
      teamName: me.team.name,
      membersCheckedAt: now,
    });
  });
}

/** The first retry waits this long; each failure in a row doubles it, up to BACKOFF_MAX_MS. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 15 * 60_000;

/** How long to wait after `failures` failed rounds in a row: no jitter, so tests and reps can predict it. */
export function backoffDelay(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
}

export type SyncOutcome =
  | {
      ok: true;
      /** Mutations the server acknowledged in this round. */
      pushed: number;
      /** Records pulled (and applied, hidden or quarantined) in this round. */
      pulled: number;
    }
  | { ok: false; error: SyncErrorInfo; nextAttemptAt: number | null };

const MAX_ERROR_MESSAGE_LENGTH = 1_000;

function errorInfo(error: unknown): SyncErrorInfo {
  if (error instanceof SyncFailure) {
    return { code: error.code, message: error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH) };
  }
  // A database failure here: its name and message describe the operation, not the records.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : 'Unknown failure';
  return { code: 'local', message: message.slice(0, MAX_ERROR_MESSAGE_LENGTH) };
}

/** The device as long as it is still the one this round started with (not disconnected meanwhile). */
async function currentDevice(database: DealsideDatabase, clientId: string): Promise<DeviceState | null> {
  const device = deviceStateSchema.safeParse(await database.syncState.get('device'));
  return device.success && device.data.captureEnabled && device.data.clientId === clientId
    ? device.data
    : null;
}

async function readStatus(database: DealsideDatabase): Promise<StatusState | null> {
  const status = statusStateSchema.safeParse(await database.syncState.get('status'));
  return status.success ? status.data : null;
}

/**
 * The oldest outbox entries that fit in one push: at most LIMITS.maxMutationsPerPush mutations and
 * LIMITS.maxChangesPerPush changes, with consecutive ids. Reading stops at the first that does not fit.
 */
async function nextBatch(database: DealsideDatabase): Promise<OutboxEntry[]> {
  let changes = 0;
  const entries = await database.outbox
    .orderBy('mutationId')
    .until((entry) => {
      changes += entry.changes.length;
      return changes > LIMITS.maxChangesPerPush;
    })
    .limit(LIMITS.maxMutationsPerPush)
    .toArray();
  const consecutive = entries.findIndex(
    (entry, index) => index > 0 && entry.mutationId !== (entries[index - 1] as OutboxEntry).mutationId + 1,
  );
  return consecutive === -1 ? entries : entries.slice(0, consecutive);
}

/**
 * Each change with the clock its field had when it was made (docs/sync.md, Push): the clock of an
 * earlier change to the field still waiting in this batch, else the one last seen (pulled, or
 * acknowledged). Fields with pending changes keep their clocks until then, so this is the clock the
 * rep's edit was based on.
 */
async function withBaseClocks(
  database: DealsideDatabase,
  batch: readonly OutboxEntry[],
): Promise<Mutation[]> {
  const keys = [
    ...new Set(
      batch.flatMap((entry) => entry.changes.map((change) => recordKey(change.collection, change.recordId))),
    ),
  ];
  const known = new Map(
    (await database.syncFields.bulkGet(keys)).flatMap((row) => (row ? [[row.key, row.hlcs] as const] : [])),
  );
  const latest = new Map<string, string>();
  return batch.map(({ mutationId, changes }) => ({
    mutationId,
    changes: changes.map((change): FieldChange => {
      const key = recordKey(change.collection, change.recordId);
      const fieldKey = `${key}/${change.field}`;
      const baseHlc = latest.get(fieldKey) ?? known.get(key)?.[change.field] ?? null;
      latest.set(fieldKey, change.hlc);
      return { ...change, baseHlc };
    }),
  }));
}

/**
 * The server holds every mutation up to `acknowledged`: they leave the outbox, their fields' clocks
 * become the ones last seen (the base of the next change to them), and the server's clock is merged.
 */
async function acknowledge(
  database: DealsideDatabase,
  clientId: string,
  acknowledged: number,
  serverHlc: string | null,
  now: number,
): Promise<void> {
  await database.transaction('rw', database.syncState, database.outbox, database.syncFields, async () => {
    const device = await currentDevice(database, clientId);
    if (!device) return;
    const done = database.outbox.where('mutationId').belowOrEqual(acknowledged);
    const hlcsByRecord = new Map<string, Record<string, string>>();
    for (const entry of await done.toArray()) {
      for (const change of entry.changes) {
        const key = recordKey(change.collection, change.recordId);
        hlcsByRecord.set(key, { ...hlcsByRecord.get(key), [change.field]: change.hlc });
      }
    }
    const keys = [...hlcsByRecord.keys()];
    const known = await database.syncFields.bulkGet(keys);
    await database.syncFields.bulkPut(
      keys.map((key, index) => ({ key, hlcs: { ...known[index]?.hlcs, ...hlcsByRecord.get(key) } })),
    );
    await done.delete();
    if (serverHlc !== null) {
      await database.syncState.put({
        ...device,
        lastHlc: receiveHlc(device.lastHlc, serverHlc, clientId, now),
      });
    }
  });
}

/** A change the server refused, by its place in the batch sent (`mutations.M.changes.C…`). */
function refusedChanges(
  batch: readonly OutboxEntry[],
  issues: readonly { path: string; message: string }[],
): { entry: OutboxEntry; index: number; message: string }[] {
  const refused = new Map<string, { entry: OutboxEntry; index: number; message: string }>();
  for (const issue of issues) {
    const match = /^mutations\.(\d+)\.changes\.(\d+)(\.|$)/.exec(issue.path);
    const entry = match ? batch[Number(match[1])] : undefined;
    const index = Number(match?.[2]);
    if (entry && index < entry.changes.length) {
      refused.set(`${entry.mutationId}/${index}`, { entry, index, message: issue.message });
    }
  }
  return [...refused.values()];
}

/**
 * Takes changes the server refuses (a field it does not know, a value it cannot store: a newer
 * extension than the server, say) out of the outbox into the quarantine, where the status counts
 * them, so the rest of the rep's edits still go. A mutation left empty keeps its place in the
 * sequence with its record's updatedAt, which the server always takes.
 */
async function setAsideRefused(
  database: DealsideDatabase,
  refused: readonly { entry: OutboxEntry; index: number; message: string }[],
  now: number,
): Promise<void> {
  await database.transaction('rw', database.outbox, database.syncQuarantine, async () => {
    const byEntry = new Map<number, (typeof refused)[number][]>();
    for (const item of refused) {
      byEntry.set(item.entry.mutationId, [...(byEntry.get(item.entry.mutationId) ?? []), item]);
    }
    for (const [mutationId, items] of byEntry) {
      const entry = await database.outbox.get(mutationId);
      if (!entry) continue;
      const indexes = new Set(items.map((item) => item.index));
      await database.syncQuarantine.bulkPut(
        items.flatMap(({ index, message }) => {
          const change = entry.changes[index];
          if (!change) return [];
          return [
            {
              key: `refused/${mutationId}/${index}`,
              collection: change.collection,
              recordId: change.recordId,
              record: { [change.field]: change.value },
              issues: [{ path: change.field, message }],
              seq: 0,
              quarantinedAt: now,
            },
          ];
        }),
      );
      const kept = entry.changes.filter((_, index) => !indexes.has(index));
      const first = entry.changes[0] as OutboxEntry['changes'][number];
      const changes =
        kept.length > 0 ? kept : [{ ...first, field: 'updatedAt', value: decodeHlc(first.hlc).wall }];
      await database.outbox.put({
        ...entry,
        changes,
        editCount: editCountOf(changes),
      });
    }
  });
}

/** Rounds of setting refused changes aside in one push, before giving up (the server keeps refusing). */
const MAX_SET_ASIDE_ROUNDS = 3;

async function pushOutbox(
  database: DealsideDatabase,
  transport: SyncTransport,
  clientId: string,
  now: number,
): Promise<number> {
  let pushed = 0;
  let setAsideRounds = 0;
  for (;;) {
    const batch = await nextBatch(database);
    const first = batch[0]?.mutationId;
    const last = batch.at(-1)?.mutationId;
    if (first === undefined || last === undefined) return pushed;
    let response: PushResponse;
    try {
      response = await transport.push({ clientId, mutations: await withBaseClocks(database, batch) });
    } catch (error) {
      if (
        error instanceof SyncFailure &&
        error.code === 'rejected' &&
        setAsideRounds < MAX_SET_ASIDE_ROUNDS
      ) {
        const refused = refusedChanges(batch, error.issues);
        if (refused.length === 0) throw error;
        setAsideRounds += 1;
        await setAsideRefused(database, refused, now);
        continue;
      }
      if (!(error instanceof SyncFailure) || error.code !== 'mutation-gap' || error.expected === null)
        throw error;
      if (error.expected <= first) {
        throw new SyncFailure(
          'mutation-gap',
          `The server expects change set ${error.expected} from this browser, which no longer holds it (it starts at ${first}). Disconnect and connect again to send everything anew.`,
        );
      }
      // The server already holds the ones below `expected` (its acknowledgement was lost): drop them.
      await acknowledge(database, clientId, error.expected - 1, null, now);
      continue;
    }
    if (response.acknowledged < first) {
      throw new SyncFailure('invalid-response', 'The server acknowledged none of the changes sent.');
    }
    await acknowledge(database, clientId, response.acknowledged, response.hlc, now);
    pushed += Math.min(response.acknowledged, last) - first + 1;
  }
}

async function pullPages(
  database: DealsideDatabase,
  transport: SyncTransport,
  clientId: string,
  now: number,
): Promise<number> {
  let pulled = 0;
  let cursor = (await readStatus(database))?.cursor ?? 0;
  for (;;) {
    const page = await transport.pull(cursor, LIMITS.defaultPullLimit);
    if (page.cursor < cursor || (page.hasMore && page.cursor === cursor)) {
      throw new SyncFailure('invalid-response', 'The server sent a pull page that does not move forward.');
    }
    const applied = await database.transaction(
      'rw',
      PULL_TABLES.map((name) => database.table(name)),
      async (transaction) => {
        skipChangeCapture(transaction);
        const status = await readStatus(database);
        if (!status || !(await currentDevice(database, clientId))) return false;
        await applyPulledPage(database, transaction, page.records, now);
        await database.syncState.put({ ...status, cursor: page.cursor });
        // Read again: applying may have enqueued a change (a duplicate email log yielding).
        const device = (await currentDevice(database, clientId)) as DeviceState;
        await database.syncState.put({
          ...device,
          lastHlc: receiveHlc(device.lastHlc, page.hlc, clientId, now),
        });
        return true;
      },
    );
    if (!applied) return pulled;
    pulled += page.records.length;
    cursor = page.cursor;
    if (!page.hasMore) return pulled;
  }
}

/** Stores how the round ended; nothing when the account was disconnected meanwhile. */
async function recordOutcome(
  database: DealsideDatabase,
  now: number,
  error: SyncErrorInfo | null,
): Promise<number | null> {
  return database.transaction('rw', database.syncState, async () => {
    const status = await readStatus(database);
    if (!status || !accountStateSchema.safeParse(await database.syncState.get('account')).success)
      return null;
    const failures = error ? status.failures + 1 : 0;
    const nextAttemptAt = error ? now + backoffDelay(failures) : null;
    await database.syncState.put({
      ...status,
      lastSyncAt: error ? status.lastSyncAt : now,
      lastAttemptAt: now,
      lastError: error,
      failures,
      nextAttemptAt,
    });
    return nextAttemptAt;
  });
}

/**
 * One sync round (docs/sync.md): pushes the outbox oldest first in batches, then pulls every page
 * after the stored cursor, applying each page and saving its cursor in one transaction. A failure
 * is not thrown: it is stored in the status (with the failures in a row and the backoff's next
 * attempt) and returned. Everything done before it stays done: acknowledged entries are gone,
 * applied pages are applied.
 */
export async function syncOnce(
  database: DealsideDatabase,
  transport: SyncTransport,
  { now = Date.now() }: { now?: number } = {},
): Promise<SyncOutcome> {
  const device = deviceStateSchema.safeParse(await database.syncState.get('device'));
  const account = accountStateSchema.safeParse(await database.syncState.get('account'));
  if (!device.success || !device.data.captureEnabled || !account.success) {
    return {
      ok: false,
      error: { code: 'not-connected', message: 'Team sync is not connected.' },
      nextAttemptAt: null,
    };
  }
  const { clientId } = device.data;
  try {
    const pushed = await pushOutbox(database, transport, clientId, now);
    const pulled = await pullPages(database, transport, clientId, now);
    await refreshMembers(database, transport, account.data, now);
    await recordOutcome(database, now, null);
    return { ok: true, pushed, pulled };
  } catch (caught) {
    const error = errorInfo(caught);
    const nextAttemptAt = await recordOutcome(database, now, error);
    return { ok: false, error, nextAttemptAt };
  }
}
