import { z } from 'zod';
import { idSchema, instantSchema } from '../../../shared/model/common';
import { hlcSchema } from '../../../shared/sync/hlc';
import {
  clientIdSchema,
  fieldChangeSchema,
  type jsonValueSchema,
  roleSchema,
  type syncCollectionSchema,
  teamMemberSchema,
} from '../../../shared/sync/protocol';

/**
 * The rows of the sync tables (schema version 8). Every extension context reads and writes them,
 * so rows are parsed when read rather than trusted.
 */

/** This browser profile as a sync client: its clock and mutation counter live in the database. */
export const deviceStateSchema = z.object({
  key: z.literal('device'),
  clientId: clientIdSchema,
  /** Off: local writes are not recorded in the outbox (not connected, or disconnected). */
  captureEnabled: z.boolean(),
  /** The newest timestamp this device issued or received; null before the first. */
  lastHlc: hlcSchema.nullable(),
  nextMutationId: z.number().int().positive(),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

/** Who this device syncs as. Never the token: that is the 'secret' row, read by the background only. */
export const accountStateSchema = z.object({
  key: z.literal('account'),
  serverUrl: z.string().min(1),
  userId: idSchema,
  userName: z.string(),
  teamId: idSchema,
  teamName: z.string(),
  role: roleSchema,
  members: z.array(teamMemberSchema),
  connectedAt: instantSchema,
  /** When the member list was last read from the server (connectedAt until the first refresh). */
  membersCheckedAt: instantSchema.optional(),
});
export type AccountState = z.infer<typeof accountStateSchema>;

export const secretStateSchema = z.object({ key: z.literal('secret'), token: z.string().min(1) });
export type SecretState = z.infer<typeof secretStateSchema>;

/** Sync error codes: what went wrong, for the rep's words and for retry decisions. */
export const SYNC_ERROR_CODES = [
  /** Nothing answered, or not in time. */
  'network',
  /** 401: the token is wrong or revoked. */
  'unauthorized',
  /** 403: the token may not do this (another user's client id, say). */
  'forbidden',
  /** 422 clock-ahead: this computer's clock is more than an hour ahead of the server's. */
  'clock-ahead',
  /** 409 the server misses mutations this device no longer holds. */
  'mutation-gap',
  /** 429: too many requests; retried later. */
  'rate-limited',
  /** Another 4xx: the server refused the request as invalid. */
  'rejected',
  /** 5xx. */
  'server',
  /** The answer is not what the protocol says (or speaks another protocol version). */
  'invalid-response',
  /** This browser's database failed during the round. */
  'local',
  /** There is no account to sync with. */
  'not-connected',
] as const;
export const syncErrorCodeSchema = z.enum(SYNC_ERROR_CODES);
export type SyncErrorCode = z.infer<typeof syncErrorCodeSchema>;

export const syncErrorInfoSchema = z.object({ code: syncErrorCodeSchema, message: z.string() });
export type SyncErrorInfo = z.infer<typeof syncErrorInfoSchema>;

export const statusStateSchema = z.object({
  key: z.literal('status'),
  lastSyncAt: instantSchema.nullable(),
  lastAttemptAt: instantSchema.nullable(),
  lastError: syncErrorInfoSchema.nullable(),
  /** Failed rounds in a row; the backoff grows with it. */
  failures: z.number().int().min(0),
  nextAttemptAt: instantSchema.nullable(),
  /** Where the next pull starts: every change up to it has been applied. */
  cursor: z.number().int().min(0),
});
export type StatusState = z.infer<typeof statusStateSchema>;

export type SyncStateRow = DeviceState | AccountState | SecretState | StatusState;
export type SyncStateKey = SyncStateRow['key'];

/** A field change as captured; its baseHlc is added when it is pushed (sync-engine.ts). */
export const capturedChangeSchema = fieldChangeSchema.omit({ baseHlc: true });
export type CapturedChange = z.infer<typeof capturedChangeSchema>;

/** One captured mutation waiting for the server's acknowledgement. */
export const outboxEntrySchema = z.object({
  mutationId: z.number().int().positive(),
  changes: z.array(capturedChangeSchema).min(1),
  /**
   * The changes a rep would count as edits (all but bookkeeping fields such as updatedAt), indexed:
   * the "changes waiting" figure is summed from the index keys alone.
   */
  editCount: z.number().int().nonnegative(),
  createdAt: instantSchema,
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/**
 * Each field's timestamp as this device knows it: from the last pull, or from its own change the
 * server acknowledged since. It is the `baseHlc` of the next change to the field.
 */
export type SyncFieldsRow = { key: string; hlcs: Record<string, string> };

/** A pulled record the collection's schema refused: kept, never applied and never thrown away. */
export type QuarantinedRecord = {
  key: string;
  collection: z.infer<typeof syncCollectionSchema>;
  recordId: string;
  /** The record as the merge made it. */
  record: Record<string, z.infer<typeof jsonValueSchema>>;
  issues: { path: string; message: string }[];
  seq: number;
  quarantinedAt: number;
};

/** The tables a read-write transaction over synced records also needs, for change capture. */
export const CAPTURE_TABLES = ['syncState', 'outbox'] as const;

export function recordKey(collection: string, recordId: string): string {
  return `${collection}/${recordId}`;
}
