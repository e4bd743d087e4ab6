import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '@/server/admin';
import type { Database } from '@/server/db/database';
import { migrate } from '@/server/db/migrate';
import { openPglite } from '@/server/db/pglite';
import { type TestServer, type TestUser, testServer, testTeam } from '@/server/test-support/test-server';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeCompany, makeDeal, makeEmailActivity, makePipeline } from '@/tests/unit/records';
import { type Activity, SETTINGS_KEY } from '../../../shared/model';
import { COLLECTION_NAMES } from '../../db/collections';
import type { DealsideDatabase } from '../../db/database';
import { createDeal } from '../../db/deals-write';
import { loadSettings } from '../../db/settings';
import { createHttpTransport, SyncFailure, type SyncTransport } from './http-transport';
import { connect, disconnect, readSyncStatus, readToken, teamMembers } from './sync-account';
import { MEMBERS_REFRESH_MS, syncOnce } from './sync-engine';

/** The real server (server/app.ts) on an in-memory PGlite, reached in-process through app.request. */
let database: Database;
let server: TestServer;

beforeAll(async () => {
  database = await openPglite();
  await migrate(database);
  // Change capture stamps changes with this computer's clock; the server must agree with it.
  server = testServer(database, { now: () => Date.now() });
}, 60_000);

afterAll(async () => {
  await database?.close();
});

function transportFor(user: TestUser): SyncTransport {
  return createHttpTransport('http://sync.test', user.token, async (input, init) =>
    server.app.request(String(input), init),
  );
}

/** A browser profile with some CRM data of its own, connected as `user`. */
async function connectedDevice(
  user: TestUser,
): Promise<{ local: DealsideDatabase; transport: SyncTransport }> {
  const local = isolatedDatabase();
  await loadSettings(local, 'zh-TW');
  const transport = transportFor(user);
  await connect(local, transport, { serverUrl: 'http://sync.test', token: user.token });
  return { local, transport };
}

async function syncAll(...devices: { local: DealsideDatabase; transport: SyncTransport }[]): Promise<void> {
  for (const device of devices) {
    const outcome = await syncOnce(device.local, device.transport);
    if (!outcome.ok) throw new Error(`sync failed: ${outcome.error.code} ${outcome.error.message}`);
  }
}

/** Every synced record, tombstones included, by collection. */
async function contents(local: DealsideDatabase): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const name of COLLECTION_NAMES) result[name] = await local.table(name).orderBy('id').toArray();
  return result;
}

describe('team sync against the real server', () => {
  it('makes the rep the server’s user, uploads their records, and delivers them to a teammate', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'manager' });
    const local = isolatedDatabase();
    const settings = await loadSettings(local, 'zh-TW');
    const pipeline = makePipeline();
    const own = makeDeal(pipeline, { ownerId: settings.user.id });
    const colleagues = makeDeal(pipeline);
    const logged = makeEmailActivity(own, { authorId: settings.user.id });
    await local.pipelines.add(pipeline);
    await local.deals.bulkAdd([own, colleagues]);
    await local.activities.add(logged);

    const mei = transportFor(team.users.Mei);
    const me = await connect(local, mei, { serverUrl: 'http://sync.test', token: team.users.Mei.token });
    expect(me.user.id).toBe(team.users.Mei.id);
    expect((await local.settings.get(SETTINGS_KEY))?.user).toMatchObject({ id: me.user.id, name: 'Mei' });
    expect((await local.deals.get(own.id))?.ownerId).toBe(me.user.id);
    expect((await local.deals.get(colleagues.id))?.ownerId).toBe(colleagues.ownerId);
    expect((await local.activities.get(logged.id))?.authorId).toBe(me.user.id);
    expect(await readSyncStatus(local)).toMatchObject({
      connected: true,
      userName: 'Mei',
      role: 'rep',
      pendingChanges: expect.any(Number),
    });
    expect((await readSyncStatus(local)).pendingChanges).toBeGreaterThan(0);
    expect(await readToken(local)).toBe(team.users.Mei.token);
    expect((await teamMembers(local)).map((member) => member.name).sort()).toEqual(['Mei', 'Wei']);

    await syncAll({ local, transport: mei });
    expect((await readSyncStatus(local)).pendingChanges).toBe(0);

    const manager = await connectedDevice(team.users.Wei);
    await syncAll(manager);
    expect(await contents(manager.local)).toEqual(await contents(local));
    expect((await manager.local.deals.get(own.id))?.ownerId).toBe(me.user.id);
  });

  it('gives a team one first pipeline when each rep made a first deal before connecting', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep' });
    const devices = [];
    for (const [user, language] of [
      [team.users.Mei, 'zh-TW'],
      [team.users.Wei, 'en'],
    ] as const) {
      const local = isolatedDatabase();
      const settings = await loadSettings(local, language);
      await createDeal(local, {
        title: `${language} first deal`,
        amount: '1000',
        currency: 'TWD',
        expectedCloseDate: '',
        stageIndex: null,
        company: { kind: 'none' },
        contact: { kind: 'none' },
        ownerId: settings.user.id,
        language,
      });
      const transport = transportFor(user);
      await connect(local, transport, { serverUrl: 'http://sync.test', token: user.token });
      devices.push({ local, transport });
    }
    await syncAll(...devices, ...devices);

    for (const device of devices) {
      const pipelines = await device.local.pipelines.toArray();
      expect(pipelines).toHaveLength(1);
      const deals = await device.local.deals.toArray();
      expect(deals).toHaveLength(2);
      const stageIds = new Set(pipelines[0]?.stages.map((stage) => stage.id));
      expect(deals.every((deal) => deal.pipelineId === pipelines[0]?.id && stageIds.has(deal.stageId))).toBe(
        true,
      );
    }
    const [first, second] = await Promise.all(devices.map((device) => contents(device.local)));
    expect(first).toEqual(second);
  });

  it('sends a NUL character, which PostgreSQL cannot store, as U+FFFD and converges on it', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep' });
    const mei = await connectedDevice(team.users.Mei);
    const wei = await connectedDevice(team.users.Wei);
    const company = makeCompany({ notes: 'imported\u0000notes' });
    await mei.local.companies.add(company);
    await syncAll(mei, wei, mei);

    expect((await readSyncStatus(mei.local)).pendingChanges).toBe(0);
    for (const device of [mei, wei]) {
      expect((await device.local.companies.get(company.id))?.notes).toBe('imported\uFFFDnotes');
    }
  });

  it('learns the name of a teammate who joined after connecting, at most an hour later', async () => {
    const team = await testTeam(database, { Mei: 'rep' });
    const mei = await connectedDevice(team.users.Mei);
    const joined = await addUser(database, {
      teamId: team.id,
      name: '王偉',
      email: 'wei@hongda.com.tw',
      role: 'rep',
    });

    await syncOnce(mei.local, mei.transport, { now: Date.now() + 60_000 });
    expect((await teamMembers(mei.local)).map((member) => member.id)).not.toContain(joined.id);
    await syncOnce(mei.local, mei.transport, { now: Date.now() + MEMBERS_REFRESH_MS + 60_000 });
    expect((await teamMembers(mei.local)).map((member) => member.name).sort()).toEqual(['Mei', '王偉']);
  });

  it('sets aside a change the server refuses and still sends the rest of the rep’s edits', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep' });
    const mei = await connectedDevice(team.users.Mei);
    const wei = await connectedDevice(team.users.Wei);
    const company = makeCompany({ name: 'Hongda Electronics' });
    const deal = makeDeal(makePipeline(), { ownerId: team.users.Mei.id });
    // A field this server does not know, as a newer extension might write: written around the schemas.
    await mei.local.companies.put({ ...company, sector: 'semiconductors' } as typeof company);
    await mei.local.deals.add(deal);

    const outcome = await syncOnce(mei.local, mei.transport);
    expect(outcome).toMatchObject({ ok: true });
    expect(await readSyncStatus(mei.local)).toMatchObject({ pendingChanges: 0, quarantined: 1, error: null });
    await syncAll(wei);
    expect(await wei.local.companies.get(company.id)).toMatchObject({ name: 'Hongda Electronics' });
    expect(await wei.local.deals.get(deal.id)).toMatchObject({ title: deal.title });
  });

  it('keeps both reps’ offline edits to different fields of one deal', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep' });
    const mei = await connectedDevice(team.users.Mei);
    const wei = await connectedDevice(team.users.Wei);
    const deal = makeDeal(makePipeline(), { ownerId: team.users.Mei.id });
    await mei.local.deals.add(deal);
    await syncAll(mei, wei);

    await mei.local.deals.update(deal.id, { title: 'MES rollout, phase 2', updatedAt: Date.now() });
    await wei.local.deals.update(deal.id, { amount: 2_400_000, updatedAt: Date.now() });
    await syncAll(mei, wei, mei);

    for (const device of [mei, wei]) {
      expect(await device.local.deals.get(deal.id)).toMatchObject({
        title: 'MES rollout, phase 2',
        amount: 2_400_000,
      });
    }
    expect(await contents(mei.local)).toEqual(await contents(wei.local));
  });

  it('resends harmlessly after the server applied a push whose answer was lost', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep' });
    const mei = await connectedDevice(team.users.Mei);
    const deal = makeDeal(makePipeline(), { ownerId: team.users.Mei.id });
    await mei.local.deals.add(deal);
    let answerLost = true;
    const lossy: SyncTransport = {
      ...mei.transport,
      push: async (request) => {
        const answer = await mei.transport.push(request);
        if (!answerLost) return answer;
        answerLost = false;
        throw new SyncFailure('network', 'The connection broke while the server was answering.');
      },
    };
    expect(await syncOnce(mei.local, lossy)).toMatchObject({ ok: false, error: { code: 'network' } });
    await mei.local.deals.update(deal.id, { amount: 1, updatedAt: Date.now() });
    await syncAll({ local: mei.local, transport: lossy });

    const wei = await connectedDevice(team.users.Wei);
    await syncAll(wei);
    expect(await wei.local.deals.get(deal.id)).toMatchObject({ amount: 1, title: deal.title });
    expect(await contents(wei.local)).toEqual(await contents(mei.local));
  });

  it('converges on one log when two reps log the same message on the same deal', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep' });
    const mei = await connectedDevice(team.users.Mei);
    const wei = await connectedDevice(team.users.Wei);
    const deal = makeDeal(makePipeline(), { ownerId: team.users.Mei.id });
    await mei.local.deals.add(deal);
    await syncAll(mei, wei);

    const meiLog = makeEmailActivity(deal, { authorId: team.users.Mei.id });
    const weiLog = { ...makeEmailActivity(deal, { authorId: team.users.Wei.id }) } as Activity;
    await mei.local.activities.add(meiLog);
    await wei.local.activities.add(weiLog);
    await syncAll(mei, wei, mei, wei);

    for (const device of [mei, wei]) {
      const logs = await device.local.activities.where('dealId').equals(deal.id).toArray();
      expect(logs.filter((log) => !log.deleted).map((log) => log.id)).toEqual([meiLog.id]);
      expect(logs.find((log) => log.id === weiLog.id)).toMatchObject({
        deleted: true,
        messageKey: `${meiLog.kind === 'email' ? meiLog.messageKey : ''}#dup:${weiLog.id}`,
      });
    }
    expect(await contents(mei.local)).toEqual(await contents(wei.local));
  });

  it('takes a private activity away from a teammate rep, but not from the manager', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep', Lin: 'manager' });
    const mei = await connectedDevice(team.users.Mei);
    const wei = await connectedDevice(team.users.Wei);
    const lin = await connectedDevice(team.users.Lin);
    const deal = makeDeal(makePipeline(), { ownerId: team.users.Mei.id });
    const note = makeEmailActivity(deal, { authorId: team.users.Mei.id });
    await mei.local.deals.add(deal);
    await mei.local.activities.add(note);
    await syncAll(mei, wei, lin);
    expect(await wei.local.activities.get(note.id)).toBeDefined();

    await mei.local.activities.update(note.id, { private: true, updatedAt: Date.now() });
    await syncAll(mei, wei, lin);
    expect(await wei.local.activities.get(note.id)).toBeUndefined();
    expect(await lin.local.activities.get(note.id)).toMatchObject({ private: true });
  });

  it('does not let a device reconnecting with an old copy overwrite the team’s newer edits', async () => {
    const team = await testTeam(database, { Mei: 'rep', Wei: 'rep' });
    const mei = await connectedDevice(team.users.Mei);
    const wei = await connectedDevice(team.users.Wei);
    const deal = makeDeal(makePipeline(), { ownerId: team.users.Mei.id, updatedAt: Date.now() - 60_000 });
    await mei.local.deals.add(deal);
    await syncAll(mei, wei);

    await disconnect(mei.local);
    expect(await readSyncStatus(mei.local)).toMatchObject({ connected: false, pendingChanges: 0 });
    expect(await readToken(mei.local)).toBeNull();
    expect(await mei.local.deals.get(deal.id)).toEqual(deal);
    await wei.local.deals.update(deal.id, { title: 'Renamed by Wei', updatedAt: Date.now() });
    await syncAll(wei);

    await connect(mei.local, mei.transport, { serverUrl: 'http://sync.test', token: team.users.Mei.token });
    await syncAll(mei);
    expect((await mei.local.deals.get(deal.id))?.title).toBe('Renamed by Wei');
  });
});
