import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import { enableCapture, outboxEntries } from '../../../../tests/support/sync-client';
import { newId } from '../../../shared/model';
import { compareHlc, encodeHlc } from '../../../shared/sync/hlc';
import {
  LIMITS,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../shared/sync/protocol';
import type { DealsideDatabase } from '../../db/database';
import { createHttpTransport, SyncFailure, type SyncTransport } from './http-transport';
import { readSyncStatus } from './sync-account';
import { BACKOFF_MAX_MS, backoffDelay, syncOnce } from './sync-engine';
import type { AccountState, StatusState } from './sync-tables';

const SERVER_HLC = encodeHlc({ wall: NOW + 60_000, counter: 3, node: 'server' });
const EMPTY_PAGE: PullResponse = { records: [], cursor: 0, hasMore: false, hlc: SERVER_HLC };

/** A server that remembers the last mutation id it took, as docs/sync.md describes, and pulls nothing. */
class ScriptedServer implements SyncTransport {
  lastApplied = 0;
  readonly pushes: PushRequest[] = [];
  /** Thrown by the next push instead of answering, then cleared. */
  failNextPush: SyncFailure | null = null;

  async me(): Promise<never> {
    throw new Error('not used');
  }

  async push(request: PushRequest): Promise<PushResponse> {
    this.pushes.push(request);
    if (this.failNextPush) {
      const failure = this.failNextPush;
      this.failNextPush = null;
      throw failure;
    }
    const firstNew = request.mutations.find((mutation) => mutation.mutationId > this.lastApplied);
    if (firstNew && firstNew.mutationId !== this.lastApplied + 1) {
      throw new SyncFailure('mutation-gap', 'gap', this.lastApplied + 1);
    }
    this.lastApplied = Math.max(this.lastApplied, request.mutations.at(-1)?.mutationId ?? 0);
    return { acknowledged: this.lastApplied, hlc: SERVER_HLC };
  }

  async pull(): Promise<PullResponse> {
    return EMPTY_PAGE;
  }
}

async function connectedDatabase(): Promise<DealsideDatabase> {
  const database = isolatedDatabase();
  await enableCapture(database);
  const account: AccountState = {
    key: 'account',
    serverUrl: 'https://sync.example.com',
    userId: newId(),
    userName: 'Mei',
    teamId: newId(),
    teamName: 'Taipei sales',
    role: 'rep',
    members: [],
    connectedAt: NOW,
  };
  const status: StatusState = {
    key: 'status',
    lastSyncAt: null,
    lastAttemptAt: null,
    lastError: null,
    failures: 0,
    nextAttemptAt: null,
    cursor: 0,
  };
  await database.syncState.bulkPut([account, status]);
  return database;
}

async function addDeals(database: DealsideDatabase, count: number): Promise<void> {
  const pipeline = makePipeline();
  for (let index = 0; index < count; index++) await database.deals.add(makeDeal(pipeline));
}

describe('backoffDelay', () => {
  it('doubles from 30 seconds with each failure in a row, up to 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 100].map(backoffDelay)).toEqual([
      0,
      30_000,
      60_000,
      120_000,
      240_000,
      480_000,
      900_000,
      BACKOFF_MAX_MS,
    ]);
  });
});

describe('syncOnce', () => {
  it('pushes the outbox in batches within the limits, removes what was acknowledged, and merges the server clock', async () => {
    const database = await connectedDatabase();
    const pipeline = makePipeline();
    // 400 deals of ~17 fields: more changes than one push may carry.
    await database.deals.bulkAdd(Array.from({ length: 400 }, () => makeDeal(pipeline)));
    await addDeals(database, 3);
    const server = new ScriptedServer();

    const outcome = await syncOnce(database, server, { now: NOW });
    expect(outcome).toMatchObject({ ok: true });
    expect(server.pushes.length).toBeGreaterThan(1);
    for (const push of server.pushes) {
      expect(push.mutations.length).toBeLessThanOrEqual(LIMITS.maxMutationsPerPush);
      expect(push.mutations.flatMap((mutation) => mutation.changes).length).toBeLessThanOrEqual(
        LIMITS.maxChangesPerPush,
      );
    }
    const sent = server.pushes.flatMap((push) => push.mutations.map((mutation) => mutation.mutationId));
    expect(sent).toEqual(sent.map((_, index) => index + 1));
    expect(await database.outbox.count()).toBe(0);
    const device = await database.syncState.get('device');
    expect(device?.key === 'device' && compareHlc(device.lastHlc as string, SERVER_HLC)).toBe(1);
    expect(await readSyncStatus(database)).toMatchObject({ lastSyncAt: NOW, error: null, pendingChanges: 0 });
    database.close();
  });

  it('bases each pushed change on the clock its field had when the rep made it', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    await database.deals.add(deal);
    await database.deals.update(deal.id, { amount: 1 });
    await database.deals.update(deal.id, { amount: 2 });
    const server = new ScriptedServer();
    await syncOnce(database, server, { now: NOW });

    const amounts = server.pushes
      .flatMap((push) => push.mutations.flatMap((mutation) => mutation.changes))
      .filter((change) => change.field === 'amount');
    expect(amounts.map((change) => change.value)).toEqual([deal.amount, 1, 2]);
    expect(amounts.map((change) => change.baseHlc)).toEqual([null, amounts[0]?.hlc, amounts[1]?.hlc]);

    // Acknowledged: the next edit is based on the rep's own last value.
    await database.deals.update(deal.id, { amount: 3 });
    await syncOnce(database, server, { now: NOW + 1 });
    const latest = server.pushes
      .at(-1)
      ?.mutations.at(-1)
      ?.changes.find((change) => change.field === 'amount');
    expect(latest).toMatchObject({ value: 3, baseHlc: amounts[2]?.hlc });
    database.close();
  });

  it('resends after a lost answer without harm: the server skips what it already holds', async () => {
    const database = await connectedDatabase();
    await addDeals(database, 2);
    const server = new ScriptedServer();
    // The server applies the first push, but its answer never arrives.
    const push = server.push.bind(server);
    let answerLost = true;
    server.push = async (request) => {
      const answer = await push(request);
      if (!answerLost) return answer;
      answerLost = false;
      throw new SyncFailure('network', 'The connection broke while the server was answering.');
    };
    expect(await syncOnce(database, server, { now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'network' },
    });
    expect(await database.outbox.count()).toBe(2);

    await addDeals(database, 1);
    expect(await syncOnce(database, server, { now: NOW + 1_000 })).toMatchObject({ ok: true, pushed: 3 });
    expect(server.lastApplied).toBe(3);
    expect(await database.outbox.count()).toBe(0);
    database.close();
  });

  it('drops outbox entries the server says it already holds (409 with a later expected id)', async () => {
    const database = await connectedDatabase();
    await addDeals(database, 3);
    const server = new ScriptedServer();
    server.lastApplied = 2;
    server.failNextPush = new SyncFailure('mutation-gap', 'gap', 3);

    expect(await syncOnce(database, server, { now: NOW })).toMatchObject({ ok: true });
    expect(server.pushes.at(-1)?.mutations.map((mutation) => mutation.mutationId)).toEqual([3]);
    expect(await database.outbox.count()).toBe(0);
    database.close();
  });

  it('reports a gap it cannot close and keeps every pending change', async () => {
    const database = await connectedDatabase();
    await addDeals(database, 3);
    await database.outbox.where('mutationId').equals(1).delete();
    const server = new ScriptedServer();

    const outcome = await syncOnce(database, server, { now: NOW });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'mutation-gap' } });
    expect((await outboxEntries(database)).map((entry) => entry.mutationId)).toEqual([2, 3]);
    expect((await readSyncStatus(database)).error?.code).toBe('mutation-gap');
    database.close();
  });

  it('backs off further with each failure in a row and starts again after a success', async () => {
    const database = await connectedDatabase();
    await addDeals(database, 1);
    const server = new ScriptedServer();
    server.failNextPush = new SyncFailure('server', 'The server could not complete the request.');
    expect(await syncOnce(database, server, { now: NOW })).toMatchObject({ nextAttemptAt: NOW + 30_000 });
    server.failNextPush = new SyncFailure('unauthorized', 'The token was revoked.');
    expect(await syncOnce(database, server, { now: NOW + 30_000 })).toMatchObject({
      nextAttemptAt: NOW + 30_000 + 60_000,
    });
    expect(await readSyncStatus(database)).toMatchObject({
      error: { code: 'unauthorized', message: 'The token was revoked.' },
      nextAttemptAt: NOW + 90_000,
      lastSyncAt: null,
      pendingChanges: expect.any(Number),
    });

    expect(await syncOnce(database, server, { now: NOW + 90_000 })).toMatchObject({ ok: true });
    expect(await readSyncStatus(database)).toMatchObject({
      error: null,
      nextAttemptAt: null,
      lastSyncAt: NOW + 90_000,
    });
    database.close();
  });

  it('saves the cursor with each page and stops at a page that does not move forward', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    const { id, ...fields } = deal;
    const hlc = encodeHlc({ wall: NOW, counter: 0, node: 'server' });
    const pages: PullResponse[] = [
      {
        records: [
          {
            hidden: false,
            collection: 'deals',
            id,
            seq: 7,
            fields: Object.fromEntries(
              Object.entries(fields).map(([field, value]) => [field, { value, hlc }]),
            ),
          },
        ],
        cursor: 7,
        hasMore: true,
        hlc,
      },
      { records: [], cursor: 7, hasMore: true, hlc },
    ];
    const server = new ScriptedServer();
    server.pull = async () => pages.shift() ?? EMPTY_PAGE;

    const outcome = await syncOnce(database, server, { now: NOW });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
    expect(await database.deals.get(id)).toEqual(deal);
    expect((await database.syncState.get('status')) as StatusState).toMatchObject({ cursor: 7, failures: 1 });
    database.close();
  });

  it('applies nothing from an answer that breaks the protocol, and says so', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    const { id, ...fields } = deal;
    const hlc = encodeHlc({ wall: NOW, counter: 0, node: 'server' });
    const page = {
      records: [
        { hidden: false, collection: 'deals', id, seq: 1, fields: { title: { value: fields.title, hlc } } },
        { hidden: false, collection: 'deals', id: 'not-a-ulid', seq: 2, fields: {} },
      ],
      cursor: 2,
      hasMore: false,
      hlc,
    };
    const transport = createHttpTransport(
      'https://sync.example.com',
      'token',
      async () => new Response(JSON.stringify(page), { status: 200 }),
    );
    const outcome = await syncOnce(database, transport, { now: NOW });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
    expect(await database.deals.count()).toBe(0);
    expect((await database.syncState.get('status')) as StatusState).toMatchObject({ cursor: 0, failures: 1 });
    database.close();
  });

  it('does nothing without an account', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    await addDeals(database, 1);
    const server = new ScriptedServer();
    expect(await syncOnce(database, server, { now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
    expect(server.pushes).toEqual([]);
    database.close();
  });
});
