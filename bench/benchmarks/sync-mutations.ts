import type { Deal } from '../../lib/shared/model';
import type { Database } from '../../server/db/database';
import { round } from '../support/stats';
import { BENCH_PIPELINE, benchDeal, fieldsOf, LoadClient } from '../support/sync-load';
import {
  type BenchDriver,
  benchTeam,
  createBenchDatabase,
  postgresReachable,
  startBenchServer,
} from '../support/sync-server';
import type { Benchmark } from '../support/types';

const CLIENTS = 8;
const DEALS_PER_CLIENT = 200;
/** A client's outbox after a busy minute: each mutation edits one deal (amount and updatedAt). */
const MUTATIONS_PER_PUSH = 50;
/** Seconds of sustained load per measured run. */
const SECONDS_PER_RUN = 2;

/**
 * `sync_mutations_per_s`: eight clients of one team push batches of 50 mutations (two field
 * changes each, to the deals they uploaded) back to back for a while, to server/main.ts in its own
 * process over loopback HTTP; the figure is the mutations the server acknowledged (applied and
 * committed) per second. On PostgreSQL (`sync_mutations_per_s`, when reachable) and on PGlite
 * (`sync_mutations_per_s_pglite`). Baseline in the same run, on the same database, before the
 * server starts: the same number of rows written per transaction by one plain upsert statement each,
 * with the same concurrency (`…_raw_sql_rows_per_s`), what the database does without the protocol.
 */
export const syncMutationsBenchmark: Benchmark = {
  name: 'sync-mutations',
  description: `Sustained applied mutations per second (${CLIENTS} clients, ${MUTATIONS_PER_PUSH} per push), PostgreSQL and PGlite`,
  async run({ runs }) {
    const drivers: BenchDriver[] = (await postgresReachable()) ? ['postgres', 'pglite'] : ['pglite'];
    if (drivers.length === 1) console.log('  sync-mutations: PostgreSQL unreachable, PGlite only');
    const seconds = SECONDS_PER_RUN * runs;
    const metrics: Record<string, number> = {};
    for (const driver of drivers) {
      const suffix = driver === 'postgres' ? '' : '_pglite';
      const figures = await measure(driver, seconds);
      metrics[`sync_mutations_per_s${suffix}`] = round(figures.mutationsPerSecond);
      metrics[`sync_mutations_raw_sql_rows_per_s${suffix}`] = round(figures.rawRowsPerSecond);
    }
    return metrics;
  },
};

async function measure(
  driver: BenchDriver,
  seconds: number,
): Promise<{ mutationsPerSecond: number; rawRowsPerSecond: number }> {
  const database = await createBenchDatabase(driver);
  try {
    const setup = await database.open();
    let users: { id: string; token: string }[];
    let rawRowsPerSecond: number;
    try {
      users = (await benchTeam(setup, CLIENTS)).users;
      rawRowsPerSecond = await rawUpserts(setup, seconds);
    } finally {
      await setup.close();
    }
    const server = await startBenchServer(database);
    try {
      const clients = users.map((user) => new LoadClient(server.url, user.token));
      const deals = await Promise.all(clients.map((client, index) => upload(client, users[index]?.id ?? '')));
      const deadline = performance.now() + seconds * 1_000;
      const started = performance.now();
      const applied = await Promise.all(
        clients.map(async (client, index) => {
          const owned = deals[index] ?? [];
          let count = 0;
          while (performance.now() < deadline) {
            await client.push(
              Array.from({ length: MUTATIONS_PER_PUSH }, (_, offset) => {
                const deal = owned[(count + offset) % owned.length] as Deal;
                return client.mutation([
                  {
                    collection: 'deals',
                    id: deal.id,
                    fields: { amount: 1_000 + count + offset, updatedAt: Date.now() },
                  },
                ]);
              }),
            );
            count += MUTATIONS_PER_PUSH;
          }
          return count;
        }),
      );
      const elapsed = (performance.now() - started) / 1_000;
      return {
        mutationsPerSecond: applied.reduce((total, count) => total + count, 0) / elapsed,
        rawRowsPerSecond,
      };
    } finally {
      await server.close();
    }
  } finally {
    await database.dispose();
  }
}

/** A rep's client uploading the pipeline and its deals, 100 records per mutation (not timed). */
async function upload(client: LoadClient, ownerId: string): Promise<Deal[]> {
  const deals = Array.from({ length: DEALS_PER_CLIENT }, (_, index) =>
    benchDeal(ownerId, `Deal ${index}`, Date.now()),
  );
  const records = [
    { collection: 'pipelines' as const, id: BENCH_PIPELINE.id, fields: fieldsOf(BENCH_PIPELINE) },
    ...deals.map((deal) => ({ collection: 'deals' as const, id: deal.id, fields: fieldsOf(deal) })),
  ];
  for (let start = 0; start < records.length; start += 100) {
    await client.push([client.mutation(records.slice(start, start + 100))]);
  }
  return deals;
}

/**
 * The database alone: CLIENTS loops, each writing MUTATIONS_PER_PUSH deal-sized rows per
 * transaction with one upsert, into a scratch table, for `seconds`. Rows per second.
 */
async function rawUpserts(database: Database, seconds: number): Promise<number> {
  const row = JSON.stringify(fieldsOf(benchDeal('01J00000000000000000000000', 'Deal', Date.now())));
  await database.query(
    'CREATE TABLE bench_upserts (id text PRIMARY KEY, fields jsonb NOT NULL, seq bigint NOT NULL)',
  );
  try {
    const deadline = performance.now() + seconds * 1_000;
    const started = performance.now();
    const written = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, loop) => {
        let count = 0;
        while (performance.now() < deadline) {
          const ids = Array.from(
            { length: MUTATIONS_PER_PUSH },
            (_, offset) => `${loop}-${(count + offset) % DEALS_PER_CLIENT}`,
          );
          await database.transaction((transaction) =>
            transaction.query(
              `INSERT INTO bench_upserts (id, fields, seq)
               SELECT id, $2::jsonb, $3 FROM unnest($1::text[]) AS id
               ON CONFLICT (id) DO UPDATE SET fields = excluded.fields, seq = excluded.seq`,
              [ids, row, count],
            ),
          );
          count += MUTATIONS_PER_PUSH;
        }
        return count;
      }),
    );
    return written.reduce((total, count) => total + count, 0) / ((performance.now() - started) / 1_000);
  } finally {
    await database.query('DROP TABLE bench_upserts');
  }
}
