import { newId } from '../../lib/shared/model/ids';
import { receiveHlc, tickHlc } from '../../lib/shared/sync/hlc';
import {
  type FieldChange,
  type JsonValue,
  type Mutation,
  type PulledRecord,
  type PushResponse,
  pullResponseSchema,
  pushResponseSchema,
  type Role,
  type SyncCollection,
} from '../../lib/shared/sync/protocol';
import { addUser, createTeam, issueToken } from '../admin';
import { type AppOptions, createApp, type DealsideApp } from '../app';
import type { Database } from '../db/database';

/** An in-process server on a test database, with a clock tests can move. */
export type TestServer = {
  app: DealsideApp;
  database: Database;
  now(): number;
  setNow(time: number): void;
};

export const TEST_NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

export function testServer(database: Database, options: Partial<AppOptions> = {}): TestServer {
  let time = TEST_NOW;
  const now = () => time;
  return {
    app: createApp({ db: database, now, rateLimit: false, logError: () => {}, ...options }),
    database,
    now,
    setNow(next) {
      time = next;
    },
  };
}

export type TestUser = { id: string; token: string; tokenId: string; role: Role };

/** A team with one user per entry of `members` (name → role), each with a token. */
export async function testTeam<Name extends string>(
  database: Database,
  members: Record<Name, Role>,
): Promise<{ id: string; users: Record<Name, TestUser> }> {
  const team = await createTeam(database, `Team ${newId().slice(-6)}`);
  const users = {} as Record<Name, TestUser>;
  for (const [name, role] of Object.entries(members) as [Name, Role][]) {
    const user = await addUser(database, {
      teamId: team.id,
      name,
      email: `${name.toLowerCase()}.${newId().slice(-6).toLowerCase()}@example.com`,
      role,
    });
    const { token, tokenId } = await issueToken(database, user.id);
    users[name] = { id: user.id, token, tokenId, role };
  }
  return { id: team.id, users };
}

/**
 * A sync client as the extension behaves: a clock, a mutation counter, and the field clocks it
 * last pulled (each change's baseHlc).
 */
export class TestClient {
  readonly clientId: string;
  private nextMutationId = 1;
  private clock: string | null = null;
  private readonly seen = new Map<string, string>();

  constructor(
    readonly server: TestServer,
    readonly user: TestUser,
    clientId: string = newId(),
  ) {
    this.clientId = clientId;
  }

  /** A fresh timestamp from this client's clock, `offsetMs` off the server's wall clock. */
  tick(offsetMs = 0): string {
    this.clock = tickHlc(this.clock, this.clientId, this.server.now() + offsetMs);
    return this.clock;
  }

  /** One change per field, stamped with fresh clocks, based on the clocks last pulled. */
  changes(
    collection: SyncCollection,
    recordId: string,
    fields: Record<string, JsonValue>,
    offsetMs = 0,
  ): FieldChange[] {
    return Object.entries(fields).map(([field, value]) => ({
      collection,
      recordId,
      field,
      value,
      hlc: this.tick(offsetMs),
      baseHlc: this.seen.get(`${collection}/${recordId}/${field}`) ?? null,
    }));
  }

  /** Wraps changes into the next mutation. */
  mutation(changes: FieldChange[]): Mutation {
    return { mutationId: this.nextMutationId++, changes };
  }

  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.user.token}`);
    return Promise.resolve(this.server.app.request(path, { ...init, headers }));
  }

  pushRaw(body: unknown): Promise<Response> {
    return this.request('/v1/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  push(...mutations: Mutation[]): Promise<Response> {
    return this.pushRaw({ clientId: this.clientId, mutations });
  }

  /** Pushes and expects success. */
  async pushOk(...mutations: Mutation[]): Promise<PushResponse> {
    const response = await this.push(...mutations);
    if (response.status !== 200) throw new Error(`push ${response.status}: ${await response.text()}`);
    const body = pushResponseSchema.parse(await response.json());
    this.clock = receiveHlc(this.clock, body.hlc, this.clientId, this.server.now());
    return body;
  }

  /** Every page from `after`; records by collection/id, latest version of each. */
  async pullAll(
    after = 0,
    limit?: number,
  ): Promise<{ records: Map<string, PulledRecord>; cursor: number; pages: number }> {
    const records = new Map<string, PulledRecord>();
    let cursor = after;
    let pages = 0;
    for (;;) {
      const query = new URLSearchParams({
        after: String(cursor),
        ...(limit ? { limit: String(limit) } : {}),
      });
      const response = await this.request(`/v1/pull?${query}`);
      if (response.status !== 200) throw new Error(`pull ${response.status}: ${await response.text()}`);
      const page = pullResponseSchema.parse(await response.json());
      pages++;
      this.clock = receiveHlc(this.clock, page.hlc, this.clientId, this.server.now());
      for (const record of page.records) {
        records.set(`${record.collection}/${record.id}`, record);
        if (!record.hidden) {
          for (const [field, state] of Object.entries(record.fields)) {
            this.seen.set(`${record.collection}/${record.id}/${field}`, state.hlc);
          }
        }
      }
      cursor = page.cursor;
      if (!page.hasMore) return { records, cursor, pages };
    }
  }

  /** The visible records' values after pulling everything: collection/id → field → value. */
  async state(): Promise<Map<string, Record<string, JsonValue> | 'hidden'>> {
    const { records } = await this.pullAll();
    return new Map(
      [...records].map(([key, record]) => [
        key,
        record.hidden
          ? 'hidden'
          : Object.fromEntries(Object.entries(record.fields).map(([field, state]) => [field, state.value])),
      ]),
    );
  }
}

/** A record as field values to push: everything but the id. */
export function fieldsOf(record: { id: string } & Record<string, unknown>): Record<string, JsonValue> {
  const { id: _id, ...fields } = record;
  return fields as Record<string, JsonValue>;
}

/** A note activity's fields as the extension stores them, for pushing. */
export function noteRecord(authorId: string, fields: Record<string, unknown> = {}) {
  return {
    id: newId(),
    createdAt: 1_764_000_000_000,
    updatedAt: 1_764_000_000_000,
    deleted: false,
    kind: 'note',
    dealId: null,
    contactIds: [],
    companyId: null,
    occurredAt: 1_764_000_000_000,
    authorId,
    text: 'Called the buyer',
    ...fields,
  };
}
