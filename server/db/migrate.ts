import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from './database';

const MIGRATIONS_DIRECTORY = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.sql$/;
/** Any constant: processes starting together on one PostgreSQL take turns to migrate. */
const MIGRATION_LOCK_KEY = 7_203_510;

export type Migration = { version: number; name: string; sql: string };

/** The numbered SQL files in migrations/, in order. */
export function readMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIRECTORY)
    .flatMap((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) return [];
      const sql = readFileSync(new URL(file, MIGRATIONS_DIRECTORY), 'utf8');
      return [{ version: Number(match[1]), name: match[2] as string, sql }];
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the migrations this database has not had yet, each in its own transaction with its row
 * in schema_migrations. Runs as the connecting role, which then owns the tables.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await database.transaction(async (transaction) => {
      await transaction.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await transaction.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = await transaction.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.length > 0) return false;
      await transaction.exec(migration.sql);
      await transaction.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
