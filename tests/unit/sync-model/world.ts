import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { type MockInstance, vi } from 'vitest';
import { removeActivities } from '@/lib/extension/db/activities-write';
import { putRecord } from '@/lib/extension/db/collections';
import { DealsideDatabase } from '@/lib/extension/db/database';
import { loadSettings } from '@/lib/extension/db/settings';
import { logEmails } from '@/lib/extension/email-log/log-email';
import {
  connect,
  SyncFailure,
  type SyncOutcome,
  type SyncTransport,
  syncOnce,
} from '@/lib/extension/sync/client';
import { createHttpTransport } from '@/lib/extension/sync/client/http-transport';
import {
  type CapturedChange,
  deviceStateSchema,
  statusStateSchema,
} from '@/lib/extension/sync/client/sync-tables';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Activity, Deal, Pipeline } from '@/lib/shared/model';
import type { FieldChange, PushRequest } from '@/lib/shared/sync/protocol';
import type { Database } from '@/server/db/database';
import { type TestServer, type TestUser, testServer, testTeam } from '@/server/test-support/test-server';
import { makeCompany, makeContact, makeDeal, makePipeline } from '@/tests/unit/records';
import {
  type Action,
  type ActionKind,
  CLIENT_NAMES,
  type ClientIndex,
  type EditableCollection,
  type LocalAction,
  type SyncFault,
} from './actions';

const SERVER_URL = 'http://sync.test';
/** Model time starts here and only moves forward; each client's clock is it plus the client's skew. */
const START = Date.UTC(2026, 10, 26, 9, 0, 0);
/** Every action takes a second of model time; `wait` actions take more. */
const ACTION_MS = 1_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Records every replica holds before the actions start, so the first edits already contend. */
const SEEDED: readonly EditableCollection[] = ['deals', 'deals', 'contacts', 'companies'];

/** A record id that depends only on its serial number, so a shrunk run names the same records. */
function modelId(serial: number): string {
  let time = '';
  for (let remaining = START, index = 0; index < 10; index++, remaining = Math.floor(remaining / 32)) {
    time = CROCKFORD[remaining % 32] + time;
  }
  let random = '';
  for (let remaining = serial, index = 0; index < 16; index++, remaining = Math.floor(remaining / 32)) {
    random = CROCKFORD[remaining % 32] + random;
  }
  return time + random;
}

/** One browser profile: its own IndexedDB, kept across restarts. */
export type ModelClient = {
  index: ClientIndex;
  name: string;
  user: TestUser;
  clientId: string;
  indexedDB: IDBFactory;
  local: DealsideDatabase;
  transport: SyncTransport;
  online: boolean;
  skewMs: number;
  /** Applied to the first push request of the current round. */
  fault: SyncFault;
  /** Done when the current round's first request of that kind is sent. */
  actDuring: { during: 'push' | 'pull'; local: LocalAction } | null;
};

/** A change this client captured, with the action that caused it (a sync can capture too: a duplicate log yielding). */
export type CapturedByAction = { client: ClientIndex; kind: ActionKind; change: CapturedChange };

/** What the harness saw happen, for the invariants. */
export type Ledger = {
  /** Every pushed mutation's changes by `clientId#mutationId`, as first sent. */
  pushed: Map<string, FieldChange[]>;
  /** `clientId#mutationId` of each mutation in each push the server committed, in commit order. */
  applied: string[];
  captured: CapturedByAction[];
  /** Message keys logged by a log action, and those of activities a remove action took away. */
  loggedMessageKeys: Set<string>;
  removedMessageKeys: Set<string>;
  /** Things that must never happen, found while running (an unexplained failure, a crash that stuck). */
  anomalies: string[];
  /** Faults that hit a push (a round with nothing to push escapes its fault). */
  faultsHit: Record<Exclude<SyncFault, 'none'>, number>;
};

/**
 * Three reps' browsers (Dexie on fake-indexeddb, the real change capture and sync engine) and the
 * real server (server/app.ts) on one test database, reached in-process through the real HTTP
 * transport. Faults are injected in that transport and, for a crash mid-push, through the server's
 * beforeCommit hook. Date.now is each client's skewed clock while it acts (change capture reads it).
 */
export class SyncWorld {
  readonly server: TestServer;
  readonly clients: ModelClient[] = [];
  readonly ledger: Ledger = {
    pushed: new Map(),
    applied: [],
    captured: [],
    loggedMessageKeys: new Set(),
    removedMessageKeys: new Set(),
    anomalies: [],
    faultsHit: { 'duplicate-push': 0, 'lost-response': 0, 'crash-mid-push': 0 },
  };
  teamId = '';
  private pipeline: Pipeline | null = null;
  private time = START;
  private actor: ModelClient | null = null;
  private nextSerial = 1;
  private crashArmed = false;
  private crashed = false;
  private committing: string[] | null = null;
  private readonly clock: MockInstance<() => number>;

  private constructor(readonly database: Database) {
    this.server = testServer(database, {
      now: () => this.time,
      hooks: {
        beforeCommit: ({ clientId, mutationIds }) => {
          if (this.crashArmed) {
            this.crashArmed = false;
            this.crashed = true;
            throw new Error('injected crash after the push was written, before commit');
          }
          this.committing = mutationIds.map((id) => `${clientId}#${id}`);
        },
      },
    });
    this.clock = vi.spyOn(Date, 'now').mockImplementation(() => this.time + (this.actor?.skewMs ?? 0));
  }

  /** A new team of three, each rep connected from a fresh browser, sharing one pipeline. */
  static async create(database: Database): Promise<SyncWorld> {
    const world = new SyncWorld(database);
    try {
      const team = await testTeam(database, { Mei: 'rep', Wei: 'rep', Lin: 'manager' });
      world.teamId = team.id;
      for (const [index, name] of CLIENT_NAMES.entries()) {
        world.clients.push(await world.connectClient(index as ClientIndex, name, team.users[name]));
      }
      const first = world.clients[0] as ModelClient;
      await world.as(first, async () => {
        world.pipeline = await putRecord(first.local, 'pipelines', makePipeline());
        for (const collection of SEEDED) {
          await putRecord(first.local, collection, world.newRecord(first, collection, world.now(first)));
        }
      });
      for (const client of world.clients) await world.syncOrThrow(client);
      return world;
    } catch (error) {
      await world.close();
      throw error;
    }
  }

  private async connectClient(index: ClientIndex, name: string, user: TestUser): Promise<ModelClient> {
    const indexedDB = new IDBFactory();
    const client = {
      index,
      name,
      user,
      clientId: '',
      indexedDB,
      local: new DealsideDatabase(`model-${name}`, { indexedDB, IDBKeyRange }),
      online: true,
      skewMs: 0,
      fault: 'none',
      actDuring: null,
    } as ModelClient;
    client.transport = createHttpTransport(SERVER_URL, user.token, (input, init) =>
      this.fetch(client, input, init),
    );
    await this.as(client, async () => {
      await loadSettings(client.local, 'zh-TW');
      await connect(client.local, client.transport, {
        serverUrl: SERVER_URL,
        token: user.token,
        now: Date.now(),
      });
    });
    client.clientId = deviceStateSchema.parse(await client.local.syncState.get('device')).clientId;
    return client;
  }

  async close(): Promise<void> {
    this.clock.mockRestore();
    for (const client of this.clients) client.local.close();
  }

  /** Runs `work` as `client`: Date.now is its skewed clock meanwhile. */
  private async as<Result>(client: ModelClient, work: () => Promise<Result>): Promise<Result> {
    this.actor = client;
    try {
      return await work();
    } finally {
      this.actor = null;
    }
  }

  private now(client: ModelClient): number {
    return this.time + client.skewMs;
  }

  // --- The network between the clients and the server -------------------------------------------

  private async fetch(client: ModelClient, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    if (!client.online) throw new TypeError('fetch failed: the browser is offline');
    const url = String(input);
    const path = new URL(url).pathname;
    const actDuring = client.actDuring;
    if (actDuring && path === `/v1/${actDuring.during}`) {
      client.actDuring = null;
      await this.capturing(client, actDuring.local.kind, () => this.act(client, actDuring.local));
    }
    if (path !== '/v1/push') return this.server.app.request(url, init);
    const request = JSON.parse(String(init?.body)) as PushRequest;
    this.notePushed(request);
    const fault = client.fault;
    client.fault = 'none';
    if (fault !== 'none' && fault !== 'crash-mid-push') this.ledger.faultsHit[fault]++;
    switch (fault) {
      case 'crash-mid-push':
        return this.crashingPush(client, url, init);
      case 'duplicate-push': {
        const first = await this.send(url, init);
        const again = await this.send(url, init);
        const answers = [await first.clone().json(), await again.clone().json()] as {
          acknowledged?: number;
        }[];
        if (first.status !== again.status || answers[0]?.acknowledged !== answers[1]?.acknowledged) {
          this.anomaly(
            `a resent push was answered ${again.status} ${JSON.stringify(answers[1])}, first ${first.status} ${JSON.stringify(answers[0])}`,
          );
        }
        return again;
      }
      case 'lost-response':
        await this.send(url, init);
        throw new TypeError('fetch failed: the connection broke after the server answered');
      default:
        return this.send(url, init);
    }
  }

  /** One request to the server; a push it commits goes into the ledger of applied mutations. */
  private async send(url: string, init?: RequestInit): Promise<Response> {
    this.committing = null;
    const response = await this.server.app.request(url, init);
    // Set by the beforeCommit hook during the request.
    const committed = this.committing as string[] | null;
    if (response.status === 200 && committed) this.ledger.applied.push(...committed);
    this.committing = null;
    if (response.status >= 500 && !this.crashed)
      this.anomaly(`the server answered ${response.status} to ${new URL(url).pathname}`);
    return response;
  }

  /** The server throws after writing the push, before commit: nothing of it may remain. */
  private async crashingPush(client: ModelClient, url: string, init?: RequestInit): Promise<Response> {
    const before = await this.serverSnapshot(client.clientId);
    this.crashArmed = true;
    this.crashed = false;
    try {
      const response = await this.send(url, init);
      if (this.crashed) {
        this.ledger.faultsHit['crash-mid-push']++;
        if (response.status !== 500) this.anomaly(`a push that crashed was answered ${response.status}`);
        const after = await this.serverSnapshot(client.clientId);
        if (after !== before)
          this.anomaly(`a push that crashed before commit left changes behind: ${before} → ${after}`);
      }
      return response;
    } finally {
      this.crashArmed = false;
      this.crashed = false;
    }
  }

  private async serverSnapshot(clientId: string): Promise<string> {
    const [row] = await this.database.query(
      `SELECT (SELECT seq::text || '/' || coalesce(hlc, '') FROM teams WHERE id = $1) AS team,
         (SELECT last_mutation_id FROM clients WHERE client_id = $2) AS last_mutation_id,
         (SELECT md5(coalesce(string_agg(collection || id || seq::text || fields::text, ',' ORDER BY collection, id), ''))
            FROM records WHERE team_id = $1) AS records,
         (SELECT count(*) FROM conflicts WHERE team_id = $1) AS conflicts`,
      [this.teamId, clientId],
    );
    return JSON.stringify(row);
  }

  private notePushed(request: PushRequest): void {
    for (const mutation of request.mutations) {
      const key = `${request.clientId}#${mutation.mutationId}`;
      const previous = this.ledger.pushed.get(key);
      if (!previous) {
        this.ledger.pushed.set(key, mutation.changes);
        continue;
      }
      const same = (changes: FieldChange[]) =>
        JSON.stringify(changes.map(({ baseHlc: _base, ...change }) => change));
      if (same(previous) !== same(mutation.changes))
        this.anomaly(`mutation ${key} was resent with other changes`);
    }
  }

  private anomaly(message: string): void {
    this.ledger.anomalies.push(message);
  }

  // --- Actions -----------------------------------------------------------------------------------

  async perform(action: Action): Promise<void> {
    this.time += ACTION_MS;
    if (action.kind === 'wait') {
      this.time += action.seconds * 1_000;
      return;
    }
    const client = this.clients[action.client] as ModelClient;
    await this.as(client, () => this.capturing(client, action.kind, () => this.act(client, action)));
  }

  /**
   * Runs `work` and notes the changes it captured, with the kind of action that caused them. Read
   * right after `work`: a sync round may push them before it ends.
   */
  private async capturing(client: ModelClient, kind: ActionKind, work: () => Promise<void>): Promise<void> {
    const firstNew = deviceStateSchema.parse(await client.local.syncState.get('device')).nextMutationId;
    await work();
    for (const entry of await client.local.outbox.where('mutationId').aboveOrEqual(firstNew).toArray()) {
      for (const change of entry.changes) this.ledger.captured.push({ client: client.index, kind, change });
    }
  }

  private async act(client: ModelClient, action: Exclude<Action, { kind: 'wait' }>): Promise<void> {
    const now = this.now(client);
    switch (action.kind) {
      case 'create':
        await putRecord(client.local, action.collection, this.newRecord(client, action.collection, now));
        return;
      case 'edit':
        return this.editRecord(client, action, now);
      case 'delete': {
        const record = await this.pickRecord(client, action.collection, false, action.pick);
        if (!record) return;
        if (action.hard) await client.local.table(action.collection).delete(record.id);
        else await putRecord(client.local, action.collection, { ...record, deleted: true, updatedAt: now });
        return;
      }
      case 'undelete': {
        const record = await this.pickRecord(client, action.collection, true, action.pick);
        if (record)
          await putRecord(client.local, action.collection, { ...record, deleted: false, updatedAt: now });
        return;
      }
      case 'log':
        return this.logMessage(client, action.pick, action.message, now);
      case 'remove-log': {
        const activity = (await this.pickRecord(client, 'activities', false, action.pick)) as
          | Activity
          | undefined;
        if (!activity) return;
        const removed = await removeActivities(client.local, [activity.id], now);
        for (const gone of removed)
          if (gone.kind === 'email') this.ledger.removedMessageKeys.add(gone.messageKey);
        return;
      }
      case 'sync':
        client.fault = action.fault;
        await this.sync(client, action.fault);
        client.fault = 'none';
        return;
      case 'sync-while':
        client.actDuring = { during: action.during, local: action.local };
        await this.sync(client, 'none');
        client.actDuring = null;
        return;
      case 'offline':
        client.online = false;
        return;
      case 'online':
        client.online = true;
        return;
      case 'restart':
        client.local.close();
        client.local = new DealsideDatabase(client.local.name, { indexedDB: client.indexedDB, IDBKeyRange });
        await client.local.open();
        return;
      case 'skew':
        client.skewMs = action.minutes * 60_000;
        return;
    }
  }

  private async editRecord(
    client: ModelClient,
    edit: Extract<Action, { kind: 'edit' }>,
    now: number,
  ): Promise<void> {
    const record = await this.pickRecord(client, edit.collection, false, edit.pick);
    if (record) {
      await putRecord(client.local, edit.collection, { ...record, [edit.field]: edit.value, updatedAt: now });
    }
  }

  private newRecord(client: ModelClient, collection: EditableCollection, now: number) {
    const serial = this.nextSerial++;
    const base = { id: modelId(serial), createdAt: now, updatedAt: now };
    switch (collection) {
      case 'deals':
        return makeDeal(this.pipeline as Pipeline, {
          ...base,
          ownerId: client.user.id,
          stageEnteredAt: now,
          title: `Deal ${serial}`,
        });
      case 'contacts':
        return makeContact({
          ...base,
          name: `Contact ${serial}`,
          emails: [`contact${serial}@hongda.com.tw`],
        });
      case 'companies':
        return makeCompany({ ...base, name: `Company ${serial}` });
    }
  }

  /** The `pick`-th (modulo) of the client's live or deleted records of a collection, by id. */
  private async pickRecord(
    client: ModelClient,
    collection: EditableCollection | 'activities',
    deleted: boolean,
    pick: number,
  ): Promise<({ id: string } & Record<string, unknown>) | undefined> {
    const records = (await client.local.table(collection).toArray()) as ({
      id: string;
      deleted: boolean;
    } & Record<string, unknown>)[];
    const candidates = records.filter((record) => record.deleted === deleted);
    return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
  }

  /** The sidebar's Log email: message `message` of a thread every rep has in their inbox. */
  private async logMessage(client: ModelClient, pick: number, message: number, now: number): Promise<void> {
    const deal = (await this.pickRecord(client, 'deals', false, pick)) as Deal | undefined;
    if (!deal) return;
    const messageId = `model-${message}`;
    const context: OpenThread = {
      provider: 'gmail',
      account: 'rep@example.com',
      threadId: `model-thread-${message}`,
      subject: `報價單 ${message}`,
      threadUrl: `https://mail.google.com/mail/u/0/#inbox/model${message}`,
      messages: [
        {
          providerMessageId: messageId,
          rfcMessageId: `${messageId}@mail.example.com`,
          from: { name: '陳怡君', address: 'yijun.chen@hongda.com.tw' },
          to: [{ name: 'Rep', address: 'rep@example.com' }],
          cc: [],
          date: START - (message + 1) * 60_000,
          snippet: '附件為修正後的報價單',
        },
      ],
    };
    const result = await logEmails(
      client.local,
      { dealId: deal.id, context, providerMessageIds: [messageId], authorId: client.user.id, neverLog: [] },
      now,
    );
    this.ledger.loggedMessageKeys.add(`${deal.id}|rfc:${messageId}@mail.example.com`);
    if (result.logged.length + result.alreadyLogged !== 1)
      this.anomaly(`logging message ${message} did nothing`);
  }

  /** One round; it may fail only as the injected fault or being offline explains. */
  private async sync(client: ModelClient, fault: SyncFault): Promise<SyncOutcome> {
    const outcome = await syncOnce(client.local, client.transport, { now: this.now(client) });
    if (!outcome.ok) {
      const explained =
        (outcome.error.code === 'network' && (!client.online || fault === 'lost-response')) ||
        (outcome.error.code === 'server' && fault === 'crash-mid-push');
      if (!explained)
        this.anomaly(`${client.name}'s sync failed: ${outcome.error.code} ${outcome.error.message}`);
    }
    return outcome;
  }

  private async syncOrThrow(client: ModelClient): Promise<void> {
    const outcome = await this.as(client, () => this.sync(client, 'none'));
    if (!outcome.ok) throw new SyncFailure(outcome.error.code, outcome.error.message);
  }

  /**
   * Everyone back online, syncing in turn until every outbox is empty and every client has pulled
   * the team's last change.
   */
  async settle(maxRounds = 6): Promise<void> {
    for (const client of this.clients) {
      client.online = true;
      client.fault = 'none';
    }
    for (let round = 0; round < maxRounds; round++) {
      this.time += ACTION_MS;
      for (const client of this.clients) await this.syncOrThrow(client);
      if (await this.quiescent()) return;
    }
    throw new Error(`the replicas did not settle in ${maxRounds} rounds of syncing`);
  }

  async teamSeq(): Promise<number> {
    const [team] = await this.database.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [
      this.teamId,
    ]);
    return team?.seq ?? 0;
  }

  private async quiescent(): Promise<boolean> {
    const seq = await this.teamSeq();
    for (const client of this.clients) {
      if ((await client.local.outbox.count()) > 0) return false;
      const status = statusStateSchema.parse(await client.local.syncState.get('status'));
      if (status.cursor !== seq) return false;
    }
    return true;
  }
}
