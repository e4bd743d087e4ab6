import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';

/**
 * The databases server tests run against: PGlite always; PostgreSQL when one is reachable at
 * DEALSIDE_TEST_DATABASE_URL (default: the local server), each test file in a fresh database that
 * is dropped afterwards. Test files declare their tests with describeOnEachDriver.
 */
export type TestDriver = {
  name: 'pglite' | 'postgres';
  /** Why this driver's tests are skipped, or null when they run. */
  skipReason: string | null;
  /** A fresh, migrated database. */
  open(): Promise<TestDatabase>;
};

export type TestDatabase = {
  database: Database;
  /** A new connection as the app role with no team set, for the isolation tests. */
  openAppRoleSession(): Promise<{
    query(sql: string, params?: unknown[]): Promise<unknown[]>;
    close(): Promise<void>;
  }>;
  close(): Promise<void>;
};

/** Starting PGlite takes seconds on a busy machine: more than vitest's default hook time-out. */
const OPEN_TIMEOUT_MS = 60_000;

const DEFAULT_TEST_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const testUrl = process.env.DEALSIDE_TEST_DATABASE_URL || DEFAULT_TEST_URL;

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: testUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL not reachable at ${new URL(testUrl).host} (${(error as Error).message}); set DEALSIDE_TEST_DATABASE_URL`;
  } finally {
    await client.end().catch(() => {});
  }
}

let postgresSkipReason: Promise<string | null> | undefined;

async function openPgliteForTest(): Promise<TestDatabase> {
  const database = await openPglite();
  await migrate(database);
  return {
    database,
    // PGlite is one session: the app role without a team is a transaction that sets only the role.
    async openAppRoleSession() {
      return {
        query: (sql, params) =>
          database.transaction(async (transaction) => {
            await transaction.query("SELECT set_config('role', 'dealside_app', true)");
            return transaction.query(sql, params);
          }),
        async close() {},
      };
    },
    close: () => database.close(),
  };
}

function urlWithDatabase(name: string): string {
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openPostgresForTest(): Promise<TestDatabase> {
  const name = `dealside_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = openPostgres({ connectionString: urlWithDatabase(name), maxConnections: 5 });
  await migrate(database);
  return {
    database,
    async openAppRoleSession() {
      const client = new pg.Client({ connectionString: urlWithDatabase(name) });
      await client.connect();
      await client.query('SET ROLE dealside_app');
      return {
        query: async (sql, params) => (await client.query(sql, params)).rows,
        close: () => client.end(),
      };
    },
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: testUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Both drivers, PostgreSQL marked skipped (with the reason) when none is reachable. */
export async function testDrivers(): Promise<TestDriver[]> {
  postgresSkipReason ??= probePostgres();
  const skipReason = await postgresSkipReason;
  return [
    { name: 'pglite', skipReason: null, open: openPgliteForTest },
    { name: 'postgres', skipReason, open: openPostgresForTest },
  ];
}

/**
 * Declares a file's tests once per driver ("<title> on pglite", "<title> on postgres"), each
 * driver's on a fresh migrated database opened before them and closed after; PostgreSQL's are
 * skipped, titled with the reason, when none is reachable. `test` resolves to the current driver's
 * database when the tests run.
 */
export async function describeOnEachDriver(
  title: string,
  subject: string,
  body: (test: TestDatabase) => void,
): Promise<void> {
  for (const driver of await testDrivers()) {
    describe(`${title} on ${driver.name}`, () => {
      let opened: TestDatabase | undefined;
      const current = (): TestDatabase => {
        if (!opened) throw new Error(`The ${driver.name} test database is not open`);
        return opened;
      };
      beforeAll(async () => {
        if (!driver.skipReason) opened = await driver.open();
      }, OPEN_TIMEOUT_MS);
      afterAll(async () => {
        await opened?.close();
      });
      describe.skipIf(driver.skipReason)(driver.skipReason ?? subject, () =>
        body({
          get database() {
            return current().database;
          },
          openAppRoleSession: () => current().openAppRoleSession(),
          close: () => current().close(),
        }),
      );
    });
  }
}
