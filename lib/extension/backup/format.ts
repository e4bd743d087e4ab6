import { z } from 'zod';
import type { Settings } from '../../shared/model';
import { COLLECTION_NAMES, type CollectionName, type RecordOf } from '../db/collections';

export const BACKUP_FORMAT = 'dealside-backup';
/**
 * Raise when the file's shape changes, and teach upgrade-backup.ts to read the older one.
 * 2: a contact's job title is `jobTitle` (`title` in version 1).
 */
export const BACKUP_VERSION = 2;

/** The envelope, checked before any record is looked at. Records are validated one by one later. */
export const backupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `is not "${BACKUP_FORMAT}": this is not a Dealside backup` }),
  version: z.number().int().min(1),
  exportedAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  settings: z.unknown(),
  companies: z.array(z.unknown()),
  contacts: z.array(z.unknown()),
  pipelines: z.array(z.unknown()),
  deals: z.array(z.unknown()),
  activities: z.array(z.unknown()),
  reminders: z.array(z.unknown()),
});

export type Backup = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  settings: Settings | null;
} & { [Name in CollectionName]: RecordOf<Name>[] };

export function emptyBackup(exportedAt: Date = new Date()): Backup {
  const backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    settings: null,
  } as Backup;
  for (const name of COLLECTION_NAMES) (backup[name] as unknown[]) = [];
  return backup;
}
