import { z } from 'zod/mini';

/**
 * The options page's team-sync messages to the background (lib/mail-page/messaging/protocol.ts). zod/mini,
 * since content scripts import the protocol. The token goes in, never out: replies carry names and
 * errors only, and the status itself is read from the database.
 */
export const SYNC_LIMITS = { serverUrl: 2_048, token: 512, errorCode: 64, errorMessage: 1_000 } as const;

/** A failure the rep can read: a machine-readable code (see SyncPanel's wording) and the server's words. */
export const syncErrorSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(SYNC_LIMITS.errorCode)),
  message: z.string().check(z.maxLength(SYNC_LIMITS.errorMessage)),
});
export type SyncError = z.infer<typeof syncErrorSchema>;

export const syncConnectRequestSchema = z.strictObject({
  serverUrl: z.string().check(z.minLength(1), z.maxLength(SYNC_LIMITS.serverUrl)),
  token: z.string().check(z.minLength(1), z.maxLength(SYNC_LIMITS.token)),
});
export type SyncConnectRequest = z.infer<typeof syncConnectRequestSchema>;

export const syncConnectResponseSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('connected'),
    teamName: z.string(),
    userName: z.string(),
    role: z.string(),
  }),
  z.object({ outcome: z.literal('failed'), error: syncErrorSchema }),
]);
export type SyncConnectResponse = z.infer<typeof syncConnectResponseSchema>;

/** "Sync now": null when the round went through, else why it did not. */
export const syncNowResponseSchema = z.object({ error: z.nullable(syncErrorSchema) });
export type SyncNowResponse = z.infer<typeof syncNowResponseSchema>;
