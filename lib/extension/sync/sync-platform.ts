import { Dexie } from 'dexie';
import { DATABASE_NAME } from '../db/database';
import { hasOriginAccess, removeOriginAccess } from './origin-access';

/** One alarm for sync, apart from the reminders' (lib/extension/reminders/scheduler.ts). */
export const SYNC_ALARM_NAME = 'dealside.sync.next';

/**
 * What the background sync needs from the browser, kept apart so that the service's timing can be
 * tested without one (see sync-service.test.ts).
 */
export type SyncPlatform = {
  hasOriginAccess(origin: string): Promise<boolean>;
  removeOriginAccess(origin: string): Promise<void>;
  /** Wakes the worker at `when` (the browser may ring up to 30 s later; see MIN_ALARM_DELAY_MS). */
  setAlarm(when: number): Promise<void>;
  clearAlarm(): Promise<void>;
  onAlarm(listener: () => void): void;
  /** The network came back. */
  onOnline(listener: () => void): void;
  /** The outbox changed in any extension context: a local write to send, or a sync's own progress. */
  onOutboxChange(listener: () => void): void;
};

/** Dexie names each changed table as `idb://<database>/<table>/…` in the parts it broadcasts. */
export function touchesTable(parts: Record<string, unknown>, table: string): boolean {
  const prefix = `idb://${DATABASE_NAME}/${table}/`;
  return Object.keys(parts).some((part) => part === 'all' || part.startsWith(prefix));
}

/**
 * Listeners are added synchronously when the worker starts, as Manifest V3 requires for an event to
 * wake a stopped worker. Dexie broadcasts every committed write to the other contexts of the origin
 * (and fires it here for this context's own writes), so a deal edited in the sidebar reaches the
 * worker without a message.
 */
export function browserSyncPlatform(): SyncPlatform {
  return {
    hasOriginAccess,
    removeOriginAccess,
    setAlarm: (when) => browser.alarms.create(SYNC_ALARM_NAME, { when }),
    clearAlarm: async () => {
      await browser.alarms.clear(SYNC_ALARM_NAME);
    },
    onAlarm: (listener) =>
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === SYNC_ALARM_NAME) listener();
      }),
    onOnline: (listener) => globalThis.addEventListener('online', listener),
    onOutboxChange: (listener) =>
      Dexie.on('storagemutated', (parts) => {
        if (touchesTable(parts, 'outbox')) listener();
      }),
  };
}
