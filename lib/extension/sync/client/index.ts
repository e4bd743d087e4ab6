/** The extension's side of team sync (docs/sync.md, Client). */
export { applyPulledRecords, type PullApplied } from './apply-pull';
export { skipChangeCapture } from './change-capture';
export { createHttpTransport, SyncFailure, type SyncTransport } from './http-transport';
export {
  type ConnectOptions,
  connect,
  disconnect,
  readSyncStatus,
  readToken,
  type SyncStatus,
  teamMembers,
} from './sync-account';
export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay, type SyncOutcome, syncOnce } from './sync-engine';
export { SYNC_ERROR_CODES, type SyncErrorCode, type SyncErrorInfo } from './sync-tables';
