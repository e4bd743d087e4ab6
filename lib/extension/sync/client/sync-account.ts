import type { Transaction } from 'dexie';
import {
  emailAddressSchema,
  newId,
  SETTINGS_KEY,
  type Settings,
  settingsSchema,
} from '../../../shared/model';
import { encodeHlc } from '../../../shared/sync/hlc';
import {
  type MeResponse,
  type Role,
  SYNC_COLLECTIONS,
  SYNC_PROTOCOL_VERSION,
  type SyncCollection,
  type TeamMember,
} from '../../../shared/sync/protocol';
import { COLLECTION_NAMES } from '../../db/collections';
import type { DealsideDatabase } from '../../db/database';
import { defaultSettings } from '../../db/settings';
import { skipChangeCapture } from './change-capture';
import { SyncFailure, type SyncTransport } from './http-transport';
import { appendToOutbox, countPendingChanges, readDevice } from './outbox';
import { type StoredRecord, syncedFields } from './record-fields';
import {
  type AccountState,
  accountStateSchema,
  type DeviceState,
  deviceStateSchema,
  type StatusState,
  type SyncErrorInfo,
  secretStateSchema,
  statusStateSchema,
} from './sync-tables';

const SYNC_TABLES = ['syncState', 'outbox', 'syncFields', 'syncQuarantine'] as const;

/** Records are read for the initial upload this many at a time, so a large database never sits in memory whole. */
const UPLOAD_READ_SIZE = 2_000;

export type ConnectOptions = { serverUrl: string; token: string; now?: number };

async function readAccount(database: DealsideDatabase): Promise<AccountState | null> {
  const account = accountStateSchema.safeParse(await database.syncState.get('account'));
  return account.success ? account.data : null;
}

function freshStatus(): StatusState {
  return {
    key: 'status',
    lastSyncAt: null,
    lastAttemptAt: null,
    lastError: null,
    failures: 0,
    nextAttemptAt: null,
    cursor: 0,
  };
}

/**
 * The rep becomes the server's user: the deals they own and the activities they wrote carry the
 * server's user id (so they are theirs on the team too), and so do their quotas and settings.user.
 */
async function adoptServerUser(database: DealsideDatabase, user: TeamMember, now: number): Promise<void> {
  const stored = await database.settings.get(SETTINGS_KEY);
  const settings: Settings = stored
    ? settingsSchema.parse(stored)
    : defaultSettings(globalThis.navigator?.language ?? 'en', now);
  const localId = settings.user.id;
  if (localId !== user.id) {
    await database.deals.filter((deal) => deal.ownerId === localId).modify({ ownerId: user.id });
    await database.activities
      .filter((activity) => activity.authorId === localId)
      .modify({ authorId: user.id });
  }
  const email = emailAddressSchema.safeParse(user.email.trim().toLowerCase());
  await database.settings.put(
    settingsSchema.parse({
      ...settings,
      updatedAt: now,
      user: { id: user.id, name: user.name.trim().slice(0, 200), email: email.success ? email.data : '' },
      reporting: {
        ...settings.reporting,
        quotas: settings.reporting.quotas.map((quota) =>
          quota.ownerId === localId ? { ...quota, ownerId: user.id } : quota,
        ),
      },
    }),
  );
}

/**
 * Every stored record, tombstones included, as changes in the outbox. Each record's fields carry the
 * clock of its own last change (updatedAt, never later than now) rather than now: a device that
 * reconnects with an old copy then loses to the team's newer edits instead of overwriting them
 * (the server keeps the losing values in its conflict record either way).
 */
async function enqueueInitialUpload(
  database: DealsideDatabase,
  transaction: Transaction,
  clientId: string,
  now: number,
): Promise<void> {
  for (const collection of SYNC_COLLECTIONS) {
    let after: string | null = null;
    for (;;) {
      const table = database.table<StoredRecord, string>(collection);
      const records = await (after === null ? table.orderBy(':id') : table.where(':id').above(after))
        .limit(UPLOAD_READ_SIZE)
        .toArray();
      if (records.length === 0) break;
      after = records.at(-1)?.id as string;
      const device = (await readDevice(database.core, transaction.idbtrans)) as DeviceState;
      await appendToOutbox(
        database.core,
        transaction.idbtrans,
        device,
        records.map((record) => ({
          collection: collection as SyncCollection,
          recordId: record.id as string,
          fields: new Map(syncedFields(record)),
          hlc:
            typeof record.updatedAt === 'number'
              ? encodeHlc({ wall: Math.floor(Math.min(record.updatedAt, now)), counter: 0, node: clientId })
              : undefined,
        })),
        now,
      );
    }
  }
}

/**
 * Connects this browser to a team server: asks the server who the token belongs to, then in one
 * transaction stores the account and the token, makes the rep the server's user, turns change
 * capture on and enqueues every local record for the first push. Reconnecting the same user to the
 * same server and team (a new token) keeps the outbox and the pull cursor. Returns the server's answer.
 */
export async function connect(
  database: DealsideDatabase,
  transport: SyncTransport,
  { serverUrl, token, now = Date.now() }: ConnectOptions,
): Promise<MeResponse> {
  const me = await transport.me();
  if (me.protocolVersion !== SYNC_PROTOCOL_VERSION) {
    throw new SyncFailure(
      'invalid-response',
      `The server speaks sync protocol version ${me.protocolVersion}; this extension speaks version ${SYNC_PROTOCOL_VERSION}.`,
    );
  }
  const tables = [database.settings, ...COLLECTION_NAMES.map((name) => database.table(name))];
  await database.transaction(
    'rw',
    [...tables, ...SYNC_TABLES.map((name) => database.table(name))],
    async (transaction) => {
      // Rewriting owners is not an edit to send: the initial upload below sends the records as they end up.
      skipChangeCapture(transaction);
      const previous = await readAccount(database);
      const device = deviceStateSchema.safeParse(await database.syncState.get('device'));
      const account: AccountState = {
        key: 'account',
        serverUrl,
        userId: me.user.id,
        userName: me.user.name,
        teamId: me.team.id,
        teamName: me.team.name,
        role: me.user.role,
        members: me.members,
        connectedAt: now,
      };
      await database.syncState.bulkPut([account, { key: 'secret', token }]);
      const sameAccount =
        previous?.serverUrl === serverUrl &&
        previous.userId === me.user.id &&
        previous.teamId === me.team.id &&
        device.success &&
        device.data.captureEnabled;
      if (sameAccount) return;

      await database.outbox.clear();
      await database.syncFields.clear();
      await database.syncQuarantine.clear();
      // A new client id: the server counts mutation ids per client, and this one starts again at 1.
      const clientId = newId(now);
      await database.syncState.bulkPut([
        freshStatus(),
        {
          key: 'device',
          clientId,
          captureEnabled: true,
          lastHlc: device.success ? device.data.lastHlc : null,
          nextMutationId: 1,
        },
      ]);
      await adoptServerUser(database, me.user, now);
      await enqueueInitialUpload(database, transaction, clientId, now);
    },
  );
  return me;
}

/**
 * Stops syncing: the account, the token, the outbox, the field clocks, the quarantine and the status
 * go; every CRM record stays. Local writes are no longer captured.
 */
export async function disconnect(database: DealsideDatabase): Promise<void> {
  await database.transaction(
    'rw',
    SYNC_TABLES.map((name) => database.table(name)),
    async () => {
      await database.syncState.bulkDelete(['account', 'secret', 'status']);
      await database.outbox.clear();
      await database.syncFields.clear();
      await database.syncQuarantine.clear();
      const device = deviceStateSchema.safeParse(await database.syncState.get('device'));
      if (device.success) await database.syncState.put({ ...device.data, captureEnabled: false });
    },
  );
}

/** What pages show about sync. Never the token. */
export type SyncStatus = {
  connected: boolean;
  serverUrl: string | null;
  teamName: string | null;
  userName: string | null;
  role: Role | null;
  lastSyncAt: number | null;
  /** Field changes captured and not yet acknowledged by the server. */
  pendingChanges: number;
  error: SyncErrorInfo | null;
  nextAttemptAt: number | null;
  /** Pulled records kept aside because their schema refused them. */
  quarantined: number;
};

export async function readSyncStatus(database: DealsideDatabase): Promise<SyncStatus> {
  return database.transaction('r', database.syncState, database.outbox, database.syncQuarantine, async () => {
    const account = await readAccount(database);
    const status = statusStateSchema.safeParse(await database.syncState.get('status'));
    return {
      connected: account !== null,
      serverUrl: account?.serverUrl ?? null,
      teamName: account?.teamName ?? null,
      userName: account?.userName ?? null,
      role: account?.role ?? null,
      lastSyncAt: status.success ? status.data.lastSyncAt : null,
      pendingChanges: await countPendingChanges(database),
      error: status.success ? status.data.lastError : null,
      nextAttemptAt: status.success ? status.data.nextAttemptAt : null,
      quarantined: await database.syncQuarantine.count(),
    };
  });
}

/** The sync token, for the background's requests only: never send it to a page or a content script. */
export async function readToken(database: DealsideDatabase): Promise<string | null> {
  const secret = secretStateSchema.safeParse(await database.syncState.get('secret'));
  return secret.success ? secret.data.token : null;
}

/** The team's members as the server listed them when this browser connected (owner names, roles). */
export async function teamMembers(database: DealsideDatabase): Promise<TeamMember[]> {
  return (await readAccount(database))?.members ?? [];
}
