import type { Deal } from '../../lib/shared/model';
import { round, summarizeLatencies } from '../support/stats';
import {
  BENCH_PIPELINE,
  benchDeal,
  fieldsOf,
  LoadClient,
  pacedLoops,
  timedLoops,
} from '../support/sync-load';
import { type BenchUser, benchTeam, preferredBenchDatabase, startBenchServer } from '../support/sync-server';
import type { Benchmark } from '../support/types';

const CLIENTS = 50;
/** The same 50 clients spread over teams of five: pushes of different teams do not wait for each other. */
const SMALL_TEAM_SIZE = 5;
/** Each push edits two fields (amount, updatedAt) of five deals: ten changes. */
const DEALS_PER_CLIENT = 5;
const WARM_UP_PUSHES = 3;
const PUSHES_PER_RUN = 10;
/**
 * The paced variant: each client pushes once a second, twice as often as background sync does at
 * most (a round 2 s after the last change, lib/extension/sync/sync-service.ts).
 */
const PACED_INTERVAL_MS = 1_000;
const PACED_PUSHES_PER_RUN = 3;

/**
 * `sync_push_p95_ms`: 50 reps of one team, each its own client and token, push ten-change batches
 * at the same time, over and over, to server/main.ts in its own process (loopback HTTP,
 * keep-alive), each waiting for the answer before the next: the latency of one push from request
 * to acknowledgement. One team is the hard case: a team's pushes take its lock one at a time
 * (docs/sync.md, Pull). The same 50 clients in ten teams of five give `sync_push_10_teams_*`, and
 * the one team pushing once a second each (not back to back) gives `sync_push_paced_*`.
 * Baseline in the same run: GET /healthz (one `SELECT 1`) under the same 50-way concurrency.
 * Metric names carry `_pglite` when PostgreSQL was not reachable.
 */
export const syncPushBenchmark: Benchmark = {
  name: 'sync-push',
  description: `${CLIENTS} concurrent clients pushing 10-change batches (one team, back to back and paced; ten teams) vs GET /healthz`,
  async run({ runs }) {
    const database = await preferredBenchDatabase('sync-push');
    try {
      const setup = await database.open();
      let oneTeam: BenchUser[];
      const smallTeams: BenchUser[] = [];
      try {
        oneTeam = (await benchTeam(setup, CLIENTS)).users;
        for (let team = 0; team < CLIENTS / SMALL_TEAM_SIZE; team++) {
          smallTeams.push(...(await benchTeam(setup, SMALL_TEAM_SIZE)).users);
        }
      } finally {
        await setup.close();
      }
      const server = await startBenchServer(database);
      try {
        const count = PUSHES_PER_RUN * runs;
        const fleet = await uploadingFleet(server.url, oneTeam);
        const healthz = (loop: number) => (fleet[loop] as Rep).client.get('/healthz');
        await timedLoops(CLIENTS, WARM_UP_PUSHES, healthz);
        await timedLoops(CLIENTS, WARM_UP_PUSHES, (loop, iteration) => edit(fleet, loop, iteration));
        const health = await timedLoops(CLIENTS, count, healthz);
        const pushes = await timedLoops(CLIENTS, count, (loop, iteration) =>
          edit(fleet, loop, WARM_UP_PUSHES + iteration),
        );

        const paced = await pacedLoops(
          CLIENTS,
          PACED_PUSHES_PER_RUN * runs,
          PACED_INTERVAL_MS,
          (loop, iteration) => edit(fleet, loop, WARM_UP_PUSHES + count + iteration),
        );

        const spread = await uploadingFleet(server.url, smallTeams);
        await timedLoops(CLIENTS, WARM_UP_PUSHES, (loop, iteration) => edit(spread, loop, iteration));
        const spreadPushes = await timedLoops(CLIENTS, count, (loop, iteration) =>
          edit(spread, loop, WARM_UP_PUSHES + iteration),
        );

        const name = database.driver === 'postgres' ? 'sync_push' : 'sync_push_pglite';
        const perSecond = ({ latencies, elapsedMs }: { latencies: number[]; elapsedMs: number }) =>
          round(latencies.length / (elapsedMs / 1_000));
        return {
          ...summarizeLatencies(name, pushes.latencies),
          [`${name}_per_s`]: perSecond(pushes),
          ...summarizeLatencies(`${name}_healthz`, health.latencies),
          ...summarizeLatencies(`${name}_paced`, paced.latencies),
          ...summarizeLatencies(`${name}_10_teams`, spreadPushes.latencies),
          [`${name}_10_teams_per_s`]: perSecond(spreadPushes),
        };
      } finally {
        await server.close();
      }
    } finally {
      await database.dispose();
    }
  },
};

type Rep = { client: LoadClient; deals: Deal[] };

/** One client per user, each having uploaded the pipeline and its deals (not timed). */
function uploadingFleet(serverUrl: string, users: readonly BenchUser[]): Promise<Rep[]> {
  return Promise.all(
    users.map(async (user, index) => {
      const client = new LoadClient(serverUrl, user.token);
      const deals = Array.from({ length: DEALS_PER_CLIENT }, (_, deal) =>
        benchDeal(user.id, `Deal ${index}-${deal}`, Date.now()),
      );
      await client.push([
        client.mutation([
          { collection: 'pipelines', id: BENCH_PIPELINE.id, fields: fieldsOf(BENCH_PIPELINE) },
          ...deals.map((deal) => ({ collection: 'deals' as const, id: deal.id, fields: fieldsOf(deal) })),
        ]),
      ]);
      return { client, deals };
    }),
  );
}

/** A rep's next push: a new amount on each of its deals. */
function edit(fleet: readonly Rep[], loop: number, iteration: number): Promise<void> {
  const { client, deals } = fleet[loop] as Rep;
  return client.push([
    client.mutation(
      deals.map((deal) => ({
        collection: 'deals' as const,
        id: deal.id,
        fields: { amount: 1_000 * (iteration + 1), updatedAt: Date.now() },
      })),
    ),
  ]);
}
