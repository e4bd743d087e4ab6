import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import { outboxEntries } from '../../../../tests/support/sync-client';
import { newId } from '../../../shared/model';
import type { MeResponse } from '../../../shared/sync/protocol';
import { loadSettings } from '../../db/settings';
import { SyncFailure, type SyncTransport } from './http-transport';
import { connect, disconnect, readSyncStatus, readToken } from './sync-account';
import { type DeviceState, deviceStateSchema } from './sync-tables';

function meResponse(overrides: Partial<MeResponse> = {}): MeResponse {
  const user = { id: newId(), name: '王小明', email: 'Xiaoming.Wang@Example.com', role: 'rep' as const };
  return {
    protocolVersion: 1,
    user,
    team: { id: newId(), name: 'Taipei sales' },
    members: [user],
    ...overrides,
  };
}

/** A server that only answers who the token belongs to. */
function answeringMe(me: MeResponse): SyncTransport {
  return {
    me: async () => me,
    push: async () => {
      throw new Error('not used');
    },
    pull: async () => {
      throw new Error('not used');
    },
  };
}

async function device(database: ReturnType<typeof isolatedDatabase>): Promise<DeviceState> {
  return deviceStateSchema.parse(await database.syncState.get('device'));
}

describe('connect and disconnect', () => {
  it('stores the server’s user in settings, lower-casing the address', async () => {
    const database = isolatedDatabase();
    await loadSettings(database, 'zh-TW');
    const me = meResponse();
    await connect(database, answeringMe(me), {
      serverUrl: 'https://sync.example.com',
      token: 't1',
      now: NOW,
    });
    const settings = await loadSettings(database, 'zh-TW');
    expect(settings.user).toEqual({ id: me.user.id, name: '王小明', email: 'xiaoming.wang@example.com' });
    database.close();
  });

  it('keeps the outbox and the cursor when the same user reconnects with a new token', async () => {
    const database = isolatedDatabase();
    await loadSettings(database, 'zh-TW');
    const pipeline = makePipeline();
    await database.pipelines.add(pipeline);
    const me = meResponse();
    const serverUrl = 'https://sync.example.com';
    await connect(database, answeringMe(me), { serverUrl, token: 't1', now: NOW });
    await database.deals.add(makeDeal(pipeline));
    const before = await outboxEntries(database);
    const { clientId } = await device(database);

    await connect(database, answeringMe(me), { serverUrl, token: 't2', now: NOW + 1 });
    expect(await outboxEntries(database)).toEqual(before);
    expect((await device(database)).clientId).toBe(clientId);
    expect(await readToken(database)).toBe('t2');
    database.close();
  });

  it('starts a new client with a fresh upload when connecting as someone else', async () => {
    const database = isolatedDatabase();
    await loadSettings(database, 'zh-TW');
    await database.pipelines.add(makePipeline());
    const serverUrl = 'https://sync.example.com';
    await connect(database, answeringMe(meResponse()), { serverUrl, token: 't1', now: NOW });
    const first = await device(database);
    await disconnect(database);
    await connect(database, answeringMe(meResponse()), { serverUrl, token: 't2', now: NOW + 1 });

    const second = await device(database);
    expect(second.clientId).not.toBe(first.clientId);
    expect((await outboxEntries(database)).map((entry) => entry.mutationId)).toEqual([1]);
    expect(second.lastHlc && first.lastHlc && second.lastHlc > first.lastHlc).toBe(true);
    database.close();
  });

  it('refuses a server speaking another protocol version, storing nothing', async () => {
    const database = isolatedDatabase();
    const failure = await connect(database, answeringMe(meResponse({ protocolVersion: 2 })), {
      serverUrl: 'https://sync.example.com',
      token: 't1',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).code).toBe('invalid-response');
    expect(await database.syncState.count()).toBe(0);
    expect((await readSyncStatus(database)).connected).toBe(false);
    database.close();
  });

  it('disconnects without touching CRM data, and stops capturing writes', async () => {
    const database = isolatedDatabase();
    await loadSettings(database, 'zh-TW');
    const pipeline = makePipeline();
    const deal = makeDeal(pipeline);
    await database.deals.add(deal);
    await connect(database, answeringMe(meResponse()), {
      serverUrl: 'https://sync.example.com',
      token: 't1',
      now: NOW,
    });
    await disconnect(database);
    await database.deals.update(deal.id, { amount: 1 });

    expect(await database.outbox.count()).toBe(0);
    expect(await database.syncFields.count()).toBe(0);
    expect((await database.deals.get(deal.id))?.amount).toBe(1);
    expect(await readSyncStatus(database)).toEqual({
      connected: false,
      serverUrl: null,
      teamName: null,
      userName: null,
      role: null,
      lastSyncAt: null,
      pendingChanges: 0,
      error: null,
      nextAttemptAt: null,
      quarantined: 0,
    });
    database.close();
  });
});
