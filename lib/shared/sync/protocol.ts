import { z } from 'zod';
import { idSchema } from '../model/common';
import { hlcSchema } from './hlc';

/**
 * The team-sync wire protocol (docs/sync.md), shared by the extension and the server so both
 * validate the same shapes.
 */
export const SYNC_PROTOCOL_VERSION = 1;

/** Collections that sync. Settings stay on each device; reminders sync only to their owner. */
export const SYNC_COLLECTIONS = [
  'companies',
  'contacts',
  'pipelines',
  'deals',
  'activities',
  'reminders',
] as const;
export const syncCollectionSchema = z.enum(SYNC_COLLECTIONS);
export type SyncCollection = z.infer<typeof syncCollectionSchema>;

/** Fields that are never sent: the record key, and fields each device derives for its indexes. */
export const UNSYNCED_FIELDS: ReadonlySet<string> = new Set(['id', 'addressKeys', 'searchTerms']);

/** Bookkeeping fields: merged by the clock like any field, but a lost value is not a conflict. */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['updatedAt']);

/**
 * Activities are append-only: once created, only these fields change (removing an activity from a
 * deal, restoring it, making it private). Any other change to an existing activity is refused into
 * the conflict record.
 */
export const MUTABLE_ACTIVITY_FIELDS: ReadonlySet<string> = new Set(['deleted', 'updatedAt', 'private']);

export const LIMITS = {
  /** Request bodies above this are refused (413) before parsing. */
  maxRequestBytes: 8 * 1024 * 1024,
  maxMutationsPerPush: 500,
  maxChangesPerPush: 5_000,
  maxChangesPerMutation: 2_000,
  /** A page of pull results. */
  maxPullLimit: 1_000,
  defaultPullLimit: 500,
  /** Timestamps further ahead of the server's clock are refused: the client's clock is wrong. */
  maxClockAheadMs: 60 * 60 * 1000,
} as const;

export const fieldNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'must be a field name')
  .refine((field) => !UNSYNCED_FIELDS.has(field), 'is never synced');

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z.json();

/** One field of one record set to a value at a time, by the client that made the change. */
export const fieldChangeSchema = z.object({
  collection: syncCollectionSchema,
  recordId: idSchema,
  field: fieldNameSchema,
  value: jsonValueSchema,
  hlc: hlcSchema,
  /**
   * The field's timestamp as this client last saw it from the server (null: never seen). When the
   * server holds a different one, the change was made without seeing the current value: a conflict,
   * and the value that loses is kept.
   */
  baseHlc: hlcSchema.nullable(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** The changes of one local transaction: applied all together or not at all. */
export const mutationSchema = z.object({
  /** Counts up from 1 per client with no gaps; with the client id it makes the idempotency key. */
  mutationId: z.number().int().positive(),
  changes: z.array(fieldChangeSchema).min(1).max(LIMITS.maxChangesPerMutation),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const clientIdSchema = idSchema;

export const pushRequestSchema = z
  .object({
    clientId: clientIdSchema,
    mutations: z.array(mutationSchema).min(1).max(LIMITS.maxMutationsPerPush),
  })
  .refine(
    (request) =>
      request.mutations.every(
        (mutation, index) =>
          index === 0 || mutation.mutationId === (request.mutations[index - 1]?.mutationId ?? 0) + 1,
      ),
    { path: ['mutations'], message: 'must have consecutive mutation ids' },
  )
  .refine(
    (request) =>
      request.mutations.reduce((total, mutation) => total + mutation.changes.length, 0) <=
      LIMITS.maxChangesPerPush,
    { path: ['mutations'], message: `must hold at most ${LIMITS.maxChangesPerPush} changes in all` },
  );
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResponseSchema = z.object({
  /** The last mutation id of this client the server holds: everything up to it is durable. */
  acknowledged: z.number().int().min(0),
  /** The server's clock, so the client's clock orders later changes after what it just pushed. */
  hlc: hlcSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** 409 to a push whose first new mutation is not the one after the last acknowledged one. */
export const pushGapResponseSchema = z.object({
  error: z.literal('mutation-gap'),
  message: z.string(),
  /** Resend from this mutation id. */
  expected: z.number().int().positive(),
});

export const fieldStateSchema = z.object({ value: jsonValueSchema, hlc: hlcSchema });
export type FieldState = z.infer<typeof fieldStateSchema>;

export const pulledRecordSchema = z.discriminatedUnion('hidden', [
  z.object({
    hidden: z.literal(false),
    collection: syncCollectionSchema,
    id: idSchema,
    /** The team's change sequence number of this version of the record. */
    seq: z.number().int().positive(),
    fields: z.record(fieldNameSchema, fieldStateSchema),
  }),
  /** The record is no longer visible to this user (made private, say): drop the local copy. */
  z.object({
    hidden: z.literal(true),
    collection: syncCollectionSchema,
    id: idSchema,
    seq: z.number().int().positive(),
  }),
]);
export type PulledRecord = z.infer<typeof pulledRecordSchema>;

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPullLimit).default(LIMITS.defaultPullLimit),
});

export const pullResponseSchema = z.object({
  records: z.array(pulledRecordSchema),
  /** Pass as `after` next time; every change up to it is in this page or an earlier one. */
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
  hlc: hlcSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const ROLES = ['rep', 'manager', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const teamMemberSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const meResponseSchema = z.object({
  protocolVersion: z.number().int(),
  user: teamMemberSchema,
  team: z.object({ id: idSchema, name: z.string() }),
  members: z.array(teamMemberSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Every 4xx/5xx body: a machine-readable code and a sentence for people. */
export const errorResponseSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
