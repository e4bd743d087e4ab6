import { defaultPipeline } from '../../lib/extension/pipeline/default-pipeline';
import type { Deal, Pipeline } from '../../lib/shared/model';
import { newId } from '../../lib/shared/model/ids';
import { tickHlc } from '../../lib/shared/sync/hlc';
import {
  type FieldChange,
  type JsonValue,
  type Mutation,
  pushResponseSchema,
  type SyncCollection,
} from '../../lib/shared/sync/protocol';

/**
 * A sync client for load tests in Node: what the extension's sync engine sends (a clock, a gap-free
 * mutation counter, each change based on the field's clock this client last saw), over HTTP with
 * keep-alive, without IndexedDB.
 */
export class LoadClient {
  readonly clientId = newId();
  private clock: string | null = null;
  private nextMutationId = 1;
  /** The clock of this client's last write of each field: nobody else writes its records. */
  private readonly seen = new Map<string, string>();

  constructor(
    readonly serverUrl: string,
    readonly token: string,
  ) {}

  /** The next mutation: one change per field of each record, all stamped with one fresh clock. */
  mutation(
    records: { collection: SyncCollection; id: string; fields: Record<string, JsonValue> }[],
  ): Mutation {
    this.clock = tickHlc(this.clock, this.clientId, Date.now());
    const hlc = this.clock;
    const changes: FieldChange[] = records.flatMap(({ collection, id, fields }) =>
      Object.entries(fields).map(([field, value]) => {
        const key = `${collection}/${id}/${field}`;
        const baseHlc = this.seen.get(key) ?? null;
        this.seen.set(key, hlc);
        return { collection, recordId: id, field, value, hlc, baseHlc };
      }),
    );
    return { mutationId: this.nextMutationId++, changes };
  }

  /** Pushes and checks that the server acknowledged everything sent. */
  async push(mutations: Mutation[]): Promise<void> {
    const response = await fetch(`${this.serverUrl}/v1/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: this.clientId, mutations }),
    });
    const body: unknown = await response.json();
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${JSON.stringify(body)}`);
    const { acknowledged } = pushResponseSchema.parse(body);
    const last = mutations.at(-1)?.mutationId;
    if (acknowledged !== last) throw new Error(`push acknowledged ${acknowledged}, sent up to ${last}`);
  }

  async get(path: string): Promise<void> {
    const response = await fetch(`${this.serverUrl}${path}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  }
}

export const BENCH_PIPELINE: Pipeline = defaultPipeline('zh-TW', Date.UTC(2026, 0, 1));

/** A valid open deal owned by `ownerId`: what a rep's client uploads for a new deal. */
export function benchDeal(ownerId: string, title: string, now: number): Deal {
  const stage = BENCH_PIPELINE.stages[0];
  if (!stage) throw new Error('the default pipeline has no stages');
  return {
    id: newId(now),
    createdAt: now,
    updatedAt: now,
    deleted: false,
    title,
    companyId: null,
    contactIds: [],
    pipelineId: BENCH_PIPELINE.id,
    stageId: stage.id,
    stageEnteredAt: now,
    amount: 1_200_000,
    currency: 'TWD',
    expectedCloseDate: '2026-12-31',
    closeDatePushes: 0,
    ownerId,
    nextStep: { text: '安排產線參訪', dueDate: '2026-12-01' },
    status: 'open',
    lostReason: null,
    checklistDone: [],
  };
}

/** Every field but the id, as a client uploads a new record. */
export function fieldsOf(record: { id: string }): Record<string, JsonValue> {
  const { id: _id, ...fields } = record;
  return fields as Record<string, JsonValue>;
}

/**
 * Runs `task` in `concurrency` loops, each `count` times, and returns every call's latency in
 * milliseconds. Loops start together and run until each has done its share.
 */
export async function timedLoops(
  concurrency: number,
  count: number,
  task: (loop: number, iteration: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      for (let iteration = 0; iteration < count; iteration++) {
        const before = performance.now();
        await task(loop, iteration);
        latencies.push(performance.now() - before);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}

/**
 * Like timedLoops, but each loop starts a call every `intervalMs` (or right after the previous one,
 * when that took longer), the loops' first calls spread over the first interval: load at a given
 * rate rather than as fast as the server answers.
 */
export async function pacedLoops(
  concurrency: number,
  count: number,
  intervalMs: number,
  task: (loop: number, iteration: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const sleepUntil = (time: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, time - performance.now())));
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      let next = started + (intervalMs * loop) / concurrency;
      for (let iteration = 0; iteration < count; iteration++) {
        await sleepUntil(next);
        const before = performance.now();
        await task(loop, iteration);
        latencies.push(performance.now() - before);
        next += intervalMs;
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}
