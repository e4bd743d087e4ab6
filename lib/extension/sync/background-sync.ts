import type { DealsideDatabase } from '../db/database';
import { connect, createHttpTransport, disconnect, readSyncStatus, readToken, syncOnce } from './client';
import { syncMessageHandlers } from './sync-handlers';
import { browserSyncPlatform } from './sync-platform';
import { startSyncService } from './sync-service';

/**
 * Team sync in the background worker: the service over the client layer and the browser, and the
 * handlers for the options page's messages. Called once at the top level of every worker start.
 */
export function startBackgroundSync(database: DealsideDatabase) {
  const service = startSyncService(
    database,
    { connect, disconnect, syncOnce, readSyncStatus, readToken, createHttpTransport },
    browserSyncPlatform(),
  );
  return { service, handlers: syncMessageHandlers(service, browser.runtime.getURL('/')) };
}
