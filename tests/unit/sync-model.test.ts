import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeOnEachDriver, type TestDatabase } from '@/server/test-support/databases';
import { type Action, actionArbitrary, describeActions } from './sync-model/actions';
import { violatedInvariants } from './sync-model/invariants';
import { type Ledger, SyncWorld } from './sync-model/world';

/**
 * Model-based test of team sync (docs/sync.md, issue 7): three reps' browsers edit, delete,
 * undelete and log email offline and online, restart, run skewed clocks, and sync through a network
 * that duplicates pushes, loses answers after the server committed, and a server that crashes
 * mid-push. After everyone has synced until nothing moves, the invariants of invariants.ts hold.
 */
/** About 10 s per driver on an idle 2-core machine; set DEALSIDE_SYNC_MODEL_RUNS for a longer soak. */
const RUNS = Number(process.env.DEALSIDE_SYNC_MODEL_RUNS ?? 50);
const MAX_ACTIONS = 30;
/** Generous: the machine may be busy with browsers; a run rarely takes more than a second. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 3_000);

/** Runs the actions, lets everyone sync, checks the invariants; returns the faults that hit a push. */
async function runScenario(
  database: TestDatabase['database'],
  actions: readonly Action[],
): Promise<Ledger['faultsHit']> {
  const world = await SyncWorld.create(database);
  try {
    for (const action of actions) await world.perform(action);
    await world.settle();
    const problems = await violatedInvariants(world);
    if (problems.length > 0) {
      throw new Error(`${problems.join('\n')}\n\nActions:\n${describeActions(actions)}`);
    }
    return world.ledger.faultsHit;
  } finally {
    await world.close();
  }
}

await describeOnEachDriver('team sync model', 'three clients, faults, then everyone syncs', (test) => {
  it(
    'converges on the server, keeps every acknowledged write, applies each mutation once, and never revives a deleted record',
    async () => {
      const faultsHit = { 'duplicate-push': 0, 'lost-response': 0, 'crash-mid-push': 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(actionArbitrary, { minLength: 1, maxLength: MAX_ACTIONS, size: 'max' }),
          async (actions) => {
            const hit = await runScenario(test.database, actions);
            for (const fault of Object.keys(faultsHit) as (keyof typeof faultsHit)[])
              faultsHit[fault] += hit[fault];
          },
        ),
        { numRuns: RUNS },
      );
      // The runs exercised every fault, not just edits and clean syncs.
      expect(
        Object.values(faultsHit).every((count) => count > 0),
        JSON.stringify(faultsHit),
      ).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    'holds on a scripted run with every fault',
    async () => {
      const faultsHit = await runScenario(test.database, [
        { kind: 'create', client: 0, collection: 'deals' },
        { kind: 'sync', client: 0, fault: 'lost-response' },
        { kind: 'sync', client: 1, fault: 'none' },
        { kind: 'log', client: 0, pick: 0, message: 1 },
        { kind: 'log', client: 1, pick: 0, message: 1 },
        { kind: 'edit', client: 1, collection: 'deals', pick: 0, field: 'title', value: 'ERP upgrade' },
        { kind: 'skew', client: 2, minutes: 45 },
        { kind: 'sync', client: 2, fault: 'none' },
        {
          kind: 'edit',
          client: 2,
          collection: 'deals',
          pick: 0,
          field: 'title',
          value: 'Cloud migration',
        },
        { kind: 'delete', client: 0, collection: 'deals', pick: 0, hard: false },
        { kind: 'sync', client: 0, fault: 'crash-mid-push' },
        { kind: 'sync', client: 1, fault: 'duplicate-push' },
        { kind: 'offline', client: 2 },
        { kind: 'sync', client: 2, fault: 'none' },
        { kind: 'restart', client: 2 },
        { kind: 'online', client: 2 },
        { kind: 'sync', client: 2, fault: 'duplicate-push' },
        { kind: 'sync', client: 0, fault: 'none' },
        {
          kind: 'sync-while',
          client: 0,
          during: 'pull',
          local: {
            kind: 'edit',
            client: 0,
            collection: 'contacts',
            pick: 0,
            field: 'name',
            value: 'Lin Wei',
          },
        },
        { kind: 'edit', client: 1, collection: 'contacts', pick: 0, field: 'name', value: 'Chen Mei' },
        { kind: 'sync', client: 1, fault: 'none' },
        { kind: 'log', client: 2, pick: 0, message: 2 },
        { kind: 'sync', client: 2, fault: 'none' },
        {
          kind: 'sync-while',
          client: 1,
          during: 'pull',
          local: { kind: 'log', client: 1, pick: 0, message: 2 },
        },
        { kind: 'undelete', client: 0, collection: 'deals', pick: 0 },
      ]);
      expect(faultsHit).toEqual({ 'duplicate-push': 2, 'lost-response': 1, 'crash-mid-push': 1 });
    },
    TIMEOUT_MS,
  );

  // Found by the property above. Mei restores her removed log of a message while Wei, who never
  // saw her log, logged the same message anew: the server then holds two live activities for one
  // message, and clients rename the restored one locally only, so they no longer match the server.
  it(
    'keeps one live activity when a removed log is restored while a teammate logged the same message',
    async () => {
      await runScenario(test.database, [
        { kind: 'log', client: 0, pick: 0, message: 0 },
        { kind: 'sync', client: 0, fault: 'none' },
        { kind: 'remove-log', client: 0, pick: 0 },
        { kind: 'sync', client: 0, fault: 'none' },
        { kind: 'log', client: 1, pick: 0, message: 0 },
        { kind: 'sync', client: 1, fault: 'none' },
        { kind: 'log', client: 0, pick: 0, message: 0 },
        { kind: 'sync', client: 0, fault: 'none' },
      ]);
    },
    TIMEOUT_MS,
  );
});
