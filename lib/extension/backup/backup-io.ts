import { SETTINGS_KEY } from '../../shared/model';
import { COLLECTION_NAMES, type CollectionName } from '../db/collections';
import type { DealsideDatabase } from '../db/database';
import { type Backup, emptyBackup } from './format';

/** Reads every record, tombstones included, from one consistent snapshot of the database. */
export async function exportBackup(database: DealsideDatabase, now: Date = new Date()): Promise<Backup> {
  const tables = [database.settings, ...COLLECTION_NAMES.map((name) => database.table(name))];
  return database.transaction('r', tables, async () => {
    const backup = emptyBackup(now);
    backup.settings = (await database.settings.get(SETTINGS_KEY)) ?? null;
    for (const name of COLLECTION_NAMES) {
      (backup[name] as unknown[]) = await database.table(name).toArray();
    }
    return backup;
  });
}

export type RestoreSummary = Record<CollectionName, number>;

/**
 * A restore while connected to team sync would send every restored record to the team as a fresh
 * edit, winning over teammates' newer ones, and would replace the user id the team knows this rep by.
 */
export class RestoreWhileSyncedError extends Error {
  constructor() {
    super('Disconnect from team sync before restoring a backup.');
    this.name = 'RestoreWhileSyncedError';
  }
}

/**
 * Replaces every record with the backup's, in one transaction: if anything fails part-way, the
 * database is left exactly as it was. The backup must come from `validateBackup`.
 * Settings are replaced only when the backup holds them. Refused while connected to team sync
 * (RestoreWhileSyncedError), checked inside the same transaction.
 */
export async function restoreBackup(database: DealsideDatabase, backup: Backup): Promise<RestoreSummary> {
  const tables = [
    database.settings,
    database.syncState,
    ...COLLECTION_NAMES.map((name) => database.table(name)),
  ];
  return database.transaction('rw', tables, async () => {
    if (await database.syncState.get('account')) throw new RestoreWhileSyncedError();
    const summary = {} as RestoreSummary;
    for (const name of COLLECTION_NAMES) {
      const table = database.table(name);
      await table.clear();
      await table.bulkAdd(backup[name]);
      summary[name] = backup[name].length;
    }
    if (backup.settings) await database.settings.put(backup.settings);
    return summary;
  });
}

export function backupFileName(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `dealside-backup-${day}.json`;
}
