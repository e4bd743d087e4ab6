import type {
  SyncConnectRequest,
  SyncConnectResponse,
  SyncError,
  SyncNowResponse,
} from '../../mail-page/messaging/sync-messages';
import type { MeResponse } from '../../shared/sync/protocol';
import type { DealsideDatabase } from '../db/database';
import { serially } from '../platform/serially';
import type { SyncStatus } from './client';
import { checkServerUrl } from './server-url';
import type { SyncPlatform } from './sync-platform';

/** A local change is sent this long after the last one, so a burst of edits is one round. */
export const SYNC_DEBOUNCE_MS = 2_000;
/**
 * Other reps' changes arrive at least this often while the browser runs. An idle round is one small
 * pull, so a team of 50 costs the server under one request a second.
 */
export const SYNC_PERIOD_MS = 60_000;
/** Chrome rings alarms no sooner than 30 s after they are set; sooner retries use a timer as well. */
export const MIN_ALARM_DELAY_MS = 30_000;

/** What the service reads of the client's status to decide when to run. */
export type SyncTiming = Pick<SyncStatus, 'connected' | 'serverUrl' | 'pendingChanges' | 'nextAttemptAt'> & {
  error: SyncError | null;
};

/** The data layer in lib/extension/sync/client/, passed in so that the timing here is tested on its own. */
export type SyncClient<Transport> = {
  createHttpTransport(serverUrl: string, token: string, fetch?: typeof globalThis.fetch): Transport;
  connect(
    database: DealsideDatabase,
    transport: Transport,
    options: { serverUrl: string; token: string; now: number },
  ): Promise<MeResponse>;
  disconnect(database: DealsideDatabase): Promise<void>;
  syncOnce(database: DealsideDatabase, transport: Transport, options: { now: number }): Promise<unknown>;
  readSyncStatus(database: DealsideDatabase): Promise<SyncTiming>;
  readToken(database: DealsideDatabase): Promise<string | null>;
};

export type SyncService = {
  connect(request: SyncConnectRequest): Promise<SyncConnectResponse>;
  disconnect(): Promise<void>;
  /** "Sync now": a round right away, even during a backoff. */
  syncNow(): Promise<SyncNowResponse>;
};

const NOT_CONNECTED: SyncError = { code: 'not-connected', message: 'Team sync is not connected.' };

/** What a failed call to the server or the client layer tells the rep; never the request itself. */
export function syncErrorOf(error: unknown): SyncError {
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError when nothing answers (or the browser refused the origin).
    return { code: 'network', message: error.message };
  }
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
    return { code: error.code.slice(0, 64), message: message.slice(0, 1_000) };
  }
  return { code: 'unknown', message: error instanceof Error ? error.message.slice(0, 1_000) : '' };
}

/**
 * Background team sync. The token is read from the database here and nowhere else: pages send
 * `sync.connect` and read the status, never the token. Local writes never wait for the network:
 * they land in IndexedDB with their outbox entry, and a round is run
 * - 2 s after the outbox last changed (SYNC_DEBOUNCE_MS), unless a backoff is running;
 * - when the alarm rings: every minute, or at the backoff's `nextAttemptAt`;
 * - when the network comes back, on "Sync now", right after connecting, and when the worker starts.
 * A round's own outbox writes (acknowledged entries removed) announce themselves like any other, so
 * a round after a change runs only if the outbox holds more than the last round left in it; this is
 * what keeps sync from re-running itself forever (the reminders' scheduler once did).
 */
export function startSyncService<Transport>(
  database: DealsideDatabase,
  client: SyncClient<Transport>,
  platform: SyncPlatform,
  fetch: typeof globalThis.fetch = globalThis.fetch.bind(globalThis),
): SyncService {
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Pending changes when the last round ended: a change seen after it is new only above this. */
  let pendingAfterLastRound = 0;

  const clearTimers = () => {
    clearTimeout(debounceTimer);
    clearTimeout(retryTimer);
  };

  const scheduleNext = async (status: SyncTiming) => {
    clearTimeout(retryTimer);
    if (!status.connected) {
      await platform.clearAlarm();
      return;
    }
    const now = Date.now();
    const next = Math.min(status.nextAttemptAt ?? Number.POSITIVE_INFINITY, now + SYNC_PERIOD_MS);
    const delay = Math.max(0, next - now);
    // A stopped worker is woken by the alarm only; a running one retries sooner on its own.
    if (delay < MIN_ALARM_DELAY_MS) retryTimer = setTimeout(requestRound, delay);
    await platform.setAlarm(Math.max(next, now + MIN_ALARM_DELAY_MS));
  };

  const round = serially(async (): Promise<SyncError | null> => {
    const before = await client.readSyncStatus(database);
    const token = before.connected && before.serverUrl ? await client.readToken(database) : null;
    if (!before.serverUrl || token === null) {
      await scheduleNext({ ...before, connected: false });
      return NOT_CONNECTED;
    }
    let failure: SyncError | null = null;
    try {
      const transport = client.createHttpTransport(before.serverUrl, token, fetch);
      await client.syncOnce(database, transport, { now: Date.now() });
    } catch (error) {
      failure = syncErrorOf(error);
    }
    const after = await client.readSyncStatus(database);
    pendingAfterLastRound = after.pendingChanges;
    await scheduleNext(after);
    return after.error ?? failure;
  });

  function requestRound() {
    // Failures are in the status the pages show; the next trigger tries again.
    void round().catch(() => undefined);
  }

  /** After a local change settles: a round if something new waits and no backoff is running. */
  const afterChangesSettle = async () => {
    const status = await client.readSyncStatus(database);
    if (!status.connected || status.pendingChanges <= pendingAfterLastRound) {
      pendingAfterLastRound = Math.min(pendingAfterLastRound, status.pendingChanges);
      return;
    }
    if (status.nextAttemptAt !== null && status.nextAttemptAt > Date.now()) return;
    requestRound();
  };

  platform.onOutboxChange(() => {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => void afterChangesSettle().catch(() => undefined), SYNC_DEBOUNCE_MS);
  });
  platform.onAlarm(requestRound);
  platform.onOnline(requestRound);

  // At every start of the worker: catch up, unless a backoff says to wait (the alarm then rings).
  void client
    .readSyncStatus(database)
    .then((status) => {
      if (!status.connected) return;
      if (status.nextAttemptAt !== null && status.nextAttemptAt > Date.now()) return scheduleNext(status);
      requestRound();
    })
    .catch(() => undefined);

  return {
    async connect({ serverUrl, token }) {
      const checked = checkServerUrl(serverUrl);
      if (!checked.ok) {
        return { outcome: 'failed', error: { code: 'invalid-url', message: checked.problem } };
      }
      if (!(await platform.hasOriginAccess(checked.origin))) {
        return {
          outcome: 'failed',
          error: { code: 'permission-denied', message: checked.origin },
        };
      }
      let me: MeResponse;
      try {
        const transport = client.createHttpTransport(checked.serverUrl, token, fetch);
        me = await client.connect(database, transport, {
          serverUrl: checked.serverUrl,
          token,
          now: Date.now(),
        });
      } catch (error) {
        return { outcome: 'failed', error: syncErrorOf(error) };
      }
      pendingAfterLastRound = 0;
      // The first round (a new device pulls the team's records) runs on; the page shows its progress.
      requestRound();
      return { outcome: 'connected', teamName: me.team.name, userName: me.user.name, role: me.user.role };
    },

    async disconnect() {
      const status = await client.readSyncStatus(database);
      clearTimers();
      await client.disconnect(database);
      await platform.clearAlarm();
      const checked = status.serverUrl ? checkServerUrl(status.serverUrl) : null;
      if (checked?.ok) await platform.removeOriginAccess(checked.origin);
    },

    async syncNow() {
      clearTimeout(debounceTimer);
      return { error: await round() };
    },
  };
}
