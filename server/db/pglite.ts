import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database';

/** Sequence numbers stay far below 2^53, so plain numbers are exact and easier to use than BigInt. */
const parsers = { [types.INT8]: (value: string) => Number(value) };

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<R>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql) {
      await target.exec(sql);
    },
  };
}

export class DataDirectoryInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data directory ${dataDir} is in use by process ${pid} (a running server?). PGlite allows one ` +
        'process at a time: stop that process first, or use PostgreSQL (DATABASE_URL) to run the CLI ' +
        'while the server runs.',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's embedded database: a second process opening the same directory would
 * corrupt it. A lock file beside the directory (inside, it would stop PGlite initializing an empty
 * one) names the process holding it; a lock left by a process that died is taken over.
 */
function lockDataDirectory(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(lockPath, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && processIsAlive(holder)) {
        throw new DataDirectoryInUseError(dataDir, holder);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}

/**
 * An embedded PostgreSQL. `dataDir` undefined keeps everything in memory (tests); otherwise the
 * directory is created if needed and locked to this process.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  let unlock = () => {};
  let database: PGlite;
  if (dataDir === undefined) {
    database = await PGlite.create({ parsers });
  } else {
    const directory = resolve(dataDir);
    await mkdir(dirname(directory), { recursive: true });
    unlock = lockDataDirectory(directory);
    try {
      database = await PGlite.create(directory, { parsers });
    } catch (error) {
      unlock();
      throw error;
    }
  }
  return {
    driver: 'pglite',
    ...queryable(database),
    transaction(work) {
      return database.transaction((transaction) => work(queryable(transaction)));
    },
    async close() {
      try {
        await database.close();
      } finally {
        unlock();
      }
    },
  };
}
