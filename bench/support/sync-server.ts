import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Role } from '../../lib/shared/sync/protocol';
import { addUser, createTeam, issueToken } from '../../server/admin';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';

/**
 * The sync server for the sync benchmarks: server/main.ts in its own Node process on a free
 * loopback port (as `npm run server` runs it), on a fresh PostgreSQL database when one answers,
 * else on PGlite in a temporary directory. The benchmark fills the database first through the same
 * code the server uses (admin functions, SQL), then starts the server on it.
 */
export type BenchDriver = 'postgres' | 'pglite';

export type BenchDatabase = {
  driver: BenchDriver;
  /** Environment variables that point server/main.ts at this database. */
  environment: Record<string, string>;
  /** Opens it in this process (migrated); PGlite allows one process at a time, so close it before `startServer`. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The same default as the server tests' (server/test-support/databases.ts). */
const POSTGRES_URL =
  process.env.DEALSIDE_BENCH_DATABASE_URL ||
  process.env.DEALSIDE_TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh, empty database of the given kind; `dispose` removes it. */
export async function createBenchDatabase(driver: BenchDriver): Promise<BenchDatabase> {
  if (driver === 'pglite') {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'dealside-bench-pglite-'));
    const dataDir = path.join(directory, 'data');
    return {
      driver,
      environment: { DEALSIDE_DATA_DIR: dataDir },
      open: () => openDatabase({ databaseUrl: undefined, dataDir, maxConnections: 1 }),
      dispose: () => rm(directory, { recursive: true, force: true }),
    };
  }
  const name = `dealside_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    driver,
    environment: { DATABASE_URL: databaseUrl },
    open: () => openDatabase({ databaseUrl, dataDir: '', maxConnections: 10 }),
    dispose: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** PostgreSQL when one answers, else PGlite; says which, since the figures differ a lot. */
export async function preferredBenchDatabase(label: string): Promise<BenchDatabase> {
  const driver: BenchDriver = (await postgresReachable()) ? 'postgres' : 'pglite';
  console.log(
    `  ${label}: the server stores in ${driver === 'postgres' ? `PostgreSQL (${new URL(POSTGRES_URL).host})` : 'PGlite (PostgreSQL unreachable)'}`,
  );
  return createBenchDatabase(driver);
}

export type BenchUser = { id: string; token: string };

/** A team with `count` users of `role`, each with a token. */
export async function benchTeam(
  database: Database,
  count: number,
  role: Role = 'rep',
): Promise<{ teamId: string; users: BenchUser[] }> {
  const team = await createTeam(database, `Bench ${randomBytes(3).toString('hex')}`);
  const users: BenchUser[] = [];
  for (let index = 0; index < count; index++) {
    const user = await addUser(database, {
      teamId: team.id,
      name: `Rep ${index + 1}`,
      email: `rep${index + 1}@bench.example.com`,
      role,
    });
    users.push({ id: user.id, token: (await issueToken(database, user.id)).token });
  }
  return { teamId: team.id, users };
}

export type RunningBenchServer = { url: string; close(): Promise<void> };

/** Starts `npm run server` (server/main.ts) on the database, rate limits off, and waits until it listens. */
export async function startBenchServer(database: BenchDatabase): Promise<RunningBenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...database.environment,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_POOL_MAX: '10',
      // The benchmarks are the flood the limits are there to stop.
      DEALSIDE_RATE_LIMIT_BURST: '1000000000',
      DEALSIDE_RATE_LIMIT_PER_SECOND: '1000000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the sync server did not start: ${errors}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+),/.exec(output);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sync server exited with ${code}: ${errors}`));
    });
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
