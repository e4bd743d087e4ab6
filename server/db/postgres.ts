import pg from 'pg';
import type { Database, Queryable, Row } from './database';

/** Sequence numbers stay far below 2^53, so plain numbers are exact and easier to use than strings. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<R>({ text: sql, values: params as unknown[], types });
      return result.rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
  };
}

export type PostgresOptions = {
  connectionString: string;
  /** Connections per server process; several processes share one PostgreSQL. */
  maxConnections?: number;
};

/** A PostgreSQL server reached through a node-postgres pool. */
export function openPostgres({ connectionString, maxConnections = 10 }: PostgresOptions): Database {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  // The error text can quote data, so only its code is reported.
  pool.on('error', (error: Error & { code?: string }) => {
    console.error(`PostgreSQL connection error (${error.code ?? error.name}); reconnecting on next use`);
  });
  return {
    driver: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          // A connection that cannot roll back is discarded rather than handed to the next request.
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close() {
      return pool.end();
    },
  };
}
