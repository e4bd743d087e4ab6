import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../shared/sync/protocol';
import type { DealsideDatabase } from '../db/database';
import type { SyncPlatform } from './sync-platform';
import {
  MIN_ALARM_DELAY_MS,
  SYNC_DEBOUNCE_MS,
  SYNC_PERIOD_MS,
  type SyncClient,
  type SyncTiming,
  startSyncService,
  syncErrorOf,
} from './sync-service';

const START = Date.UTC(2026, 2, 2, 9, 0, 0);
const SERVER = 'https://sync.acme.com.tw';
const DATABASE = {} as DealsideDatabase;
const ME: MeResponse = {
  protocolVersion: 1,
  user: { id: '01JQ0000000000000000000001', name: '陳怡君', email: 'yijun@acme.com.tw', role: 'rep' },
  team: { id: '01JQ0000000000000000000002', name: 'Acme Sales' },
  members: [],
};

type Transport = { serverUrl: string; token: string };

/** The client layer as the service sees it: a status, an outbox count, and rounds that may fail. */
function fakeClient() {
  const state = {
    status: {
      connected: true,
      serverUrl: SERVER as string | null,
      pendingChanges: 0,
      error: null as SyncTiming['error'],
      nextAttemptAt: null as number | null,
    },
    token: 'secret-token' as string | null,
    rounds: [] as Transport[],
    /** What the next rounds do: succeed (sending everything) unless told otherwise. */
    failWith: null as Error | null,
    /** How long a failed round makes the next one wait (the client's backoff). */
    backoffMs: 60_000,
    /** Changes a successful round leaves in the outbox (ones the server keeps refusing, say). */
    leftOver: 0,
    /** Called during a round, after it took the outbox: the round's own writes, say. */
    duringRound: () => {},
  };
  const client: SyncClient<Transport> = {
    createHttpTransport: (serverUrl, token) => ({ serverUrl, token }),
    async connect(_database, transport, { serverUrl }) {
      if (transport.token !== 'good-token') {
        throw Object.assign(new Error('The server did not accept this token.'), { code: 'invalid-token' });
      }
      Object.assign(state.status, { connected: true, serverUrl });
      state.token = transport.token;
      return ME;
    },
    async disconnect() {
      Object.assign(state.status, { connected: false, serverUrl: null });
      state.token = null;
    },
    async syncOnce(_database, transport) {
      state.rounds.push(transport);
      state.duringRound();
      // Like the real syncOnce, a failure is recorded in the status with its backoff, not thrown.
      if (state.failWith) {
        state.status.error = { code: 'network', message: state.failWith.message };
        state.status.nextAttemptAt = Date.now() + state.backoffMs;
        return;
      }
      Object.assign(state.status, { pendingChanges: state.leftOver, error: null, nextAttemptAt: null });
    },
    readSyncStatus: async () => ({ ...state.status }),
    readToken: async () => state.token,
  };
  return { state, client };
}

function fakePlatform() {
  const listeners = {
    alarm: [] as (() => void)[],
    online: [] as (() => void)[],
    outbox: [] as (() => void)[],
  };
  const state = {
    alarmAt: null as number | null,
    granted: new Set<string>([SERVER]),
    removed: [] as string[],
  };
  const platform: SyncPlatform = {
    hasOriginAccess: async (origin) => state.granted.has(origin),
    removeOriginAccess: async (origin) => {
      state.granted.delete(origin);
      state.removed.push(origin);
    },
    setAlarm: async (when) => {
      state.alarmAt = when;
    },
    clearAlarm: async () => {
      state.alarmAt = null;
    },
    onAlarm: (listener) => listeners.alarm.push(listener),
    onOnline: (listener) => listeners.online.push(listener),
    onOutboxChange: (listener) => listeners.outbox.push(listener),
  };
  const fire = (which: keyof typeof listeners) => {
    for (const listener of listeners[which]) listener();
  };
  return { state, platform, fire };
}

describe('background sync', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts the service the way a worker start does, and lets its start-up round finish. */
  async function started(setUp: (client: ReturnType<typeof fakeClient>['state']) => void = () => {}) {
    const client = fakeClient();
    setUp(client.state);
    const platform = fakePlatform();
    const service = startSyncService(DATABASE, client.client, platform.platform, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    return { client: client.state, platform: platform.state, fire: platform.fire, service };
  }

  it('catches up when the worker starts and then waits for the 5-minute alarm', async () => {
    const { client, platform } = await started((state) => {
      state.status.pendingChanges = 2;
    });
    expect(client.rounds).toEqual([{ serverUrl: SERVER, token: 'secret-token' }]);
    expect(platform.alarmAt).toBe(START + SYNC_PERIOD_MS);
  });

  it('does nothing at all while not connected', async () => {
    const { client, platform, fire } = await started((state) => {
      Object.assign(state.status, { connected: false, serverUrl: null, pendingChanges: 3 });
      state.token = null;
    });
    fire('outbox');
    fire('online');
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS * 3);
    expect(client.rounds).toEqual([]);
    expect(platform.alarmAt).toBeNull();
  });

  it('sends a burst of local changes as one round, 2 s after the last one', async () => {
    const { client, fire } = await started();
    client.rounds.length = 0;
    for (let edit = 1; edit <= 5; edit += 1) {
      client.status.pendingChanges = edit;
      fire('outbox');
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(client.rounds).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS);
    expect(client.rounds).toHaveLength(1);
    expect(client.status.pendingChanges).toBe(0);
  });

  it("is not re-run by a round's own outbox writes", async () => {
    const { client, fire } = await started();
    client.rounds.length = 0;
    // Each round writes the outbox, which Dexie announces as an outbox change like any other, and
    // this one leaves a change there that the server refuses.
    client.duringRound = () => fire('outbox');
    client.leftOver = 1;
    client.status.pendingChanges = 2;
    fire('outbox');
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS * 20);
    expect(client.rounds).toHaveLength(1);
    // A new local change still goes out.
    client.status.pendingChanges = 2;
    fire('outbox');
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS * 20);
    expect(client.rounds).toHaveLength(2);
  });

  it('leaves failed changes to the backoff, and retries when the network comes back', async () => {
    const { client, platform, fire } = await started();
    client.rounds.length = 0;
    client.failWith = new TypeError('Failed to fetch');
    client.status.pendingChanges = 1;
    fire('outbox');
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS);
    expect(client.rounds).toHaveLength(1);
    expect(platform.alarmAt).toBe(START + SYNC_DEBOUNCE_MS + 60_000);

    // More edits while offline wait for the backoff instead of hammering the server.
    client.status.pendingChanges = 2;
    fire('outbox');
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS * 5);
    expect(client.rounds).toHaveLength(1);

    client.failWith = null;
    fire('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(client.rounds).toHaveLength(2);
    expect(client.status).toMatchObject({ pendingChanges: 0, error: null });
    expect(platform.alarmAt).toBe(Date.now() + SYNC_PERIOD_MS);
  });

  it('retries a short backoff with a timer, since alarms ring no sooner than 30 s', async () => {
    const { client, platform, fire } = await started();
    client.rounds.length = 0;
    client.failWith = new TypeError('Failed to fetch');
    client.backoffMs = 4_000;
    client.status.pendingChanges = 1;
    fire('outbox');
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS);
    expect(client.rounds).toHaveLength(1);
    expect(platform.alarmAt).toBe(Date.now() + MIN_ALARM_DELAY_MS);
    client.failWith = null;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(client.rounds).toHaveLength(2);
  });

  it('rings the alarm for a round, and "Sync now" runs one even during a backoff', async () => {
    const { client, fire, service } = await started();
    client.rounds.length = 0;
    fire('alarm');
    await vi.advanceTimersByTimeAsync(0);
    expect(client.rounds).toHaveLength(1);

    client.failWith = new TypeError('Failed to fetch');
    expect(await service.syncNow()).toEqual({
      error: { code: 'network', message: 'Failed to fetch' },
    });
    client.failWith = null;
    expect(await service.syncNow()).toEqual({ error: null });
    expect(client.rounds).toHaveLength(3);
  });

  it('connects only to a granted origin with a token the server accepts, then syncs', async () => {
    const { client, platform, service } = await started((state) => {
      Object.assign(state.status, { connected: false, serverUrl: null });
      state.token = null;
    });
    expect(await service.connect({ serverUrl: 'http://sync.acme.com.tw', token: 'good-token' })).toEqual({
      outcome: 'failed',
      error: { code: 'invalid-url', message: 'insecure' },
    });
    expect(await service.connect({ serverUrl: 'https://other.example', token: 'good-token' })).toEqual({
      outcome: 'failed',
      error: { code: 'permission-denied', message: 'https://other.example' },
    });
    expect(await service.connect({ serverUrl: `${SERVER}/`, token: 'bad-token' })).toEqual({
      outcome: 'failed',
      error: { code: 'invalid-token', message: 'The server did not accept this token.' },
    });
    expect(client.rounds).toEqual([]);

    expect(await service.connect({ serverUrl: `${SERVER}/`, token: 'good-token' })).toEqual({
      outcome: 'connected',
      teamName: 'Acme Sales',
      userName: '陳怡君',
      role: 'rep',
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(client.rounds).toEqual([{ serverUrl: SERVER, token: 'good-token' }]);
    expect(platform.alarmAt).not.toBeNull();
  });

  it('disconnects: no more rounds, no alarm, and the origin is no longer granted', async () => {
    const { client, platform, fire, service } = await started();
    client.rounds.length = 0;
    client.status.pendingChanges = 1;
    fire('outbox');
    await service.disconnect();
    await vi.advanceTimersByTimeAsync(SYNC_DEBOUNCE_MS * 2);
    fire('alarm');
    await vi.advanceTimersByTimeAsync(0);
    expect(client.rounds).toEqual([]);
    expect(platform.alarmAt).toBeNull();
    expect(platform.removed).toEqual([SERVER]);
    expect(await service.syncNow()).toMatchObject({ error: { code: 'not-connected' } });
  });
});

describe('syncErrorOf', () => {
  it('calls a failed fetch a network error and keeps a coded error, shortened', () => {
    expect(syncErrorOf(new TypeError('Failed to fetch'))).toEqual({
      code: 'network',
      message: 'Failed to fetch',
    });
    expect(syncErrorOf(Object.assign(new Error('x'.repeat(2_000)), { code: 'clock-ahead' }))).toEqual({
      code: 'clock-ahead',
      message: 'x'.repeat(1_000),
    });
    expect(syncErrorOf('weird')).toEqual({ code: 'unknown', message: '' });
  });
});
