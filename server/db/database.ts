/**
 * The one database interface the server uses, with two drivers: PGlite (embedded PostgreSQL, see
 * pglite.ts) and a node-postgres pool (postgres.ts). Both speak the same SQL, so every query and
 * migration is written once.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with numbered parameters ($1, $2, …). int8 columns come back as numbers. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The role request transactions run as. It owns nothing, so row-level security applies to it; the
 * migration creates it (see migrations/001-initial.sql).
 */
export const APP_ROLE = 'dealside_app';

/**
 * A transaction as the app role, scoped to one team: row-level security shows and accepts only
 * that team's rows. `set_config(…, true)` lasts until the transaction ends, so a pooled connection
 * never carries one request's team or role into the next.
 */
export function teamTransaction<T>(
  database: Database,
  teamId: string,
  work: (transaction: Queryable) => Promise<T>,
): Promise<T> {
  return database.transaction(async (transaction) => {
    await transaction.query("SELECT set_config('role', $1, true), set_config('app.team_id', $2, true)", [
      APP_ROLE,
      teamId,
    ]);
    return work(transaction);
  });
}
