import { type Deal, type Pipeline, settingsSchema } from '../../shared/model';
import { COLLECTION_NAMES, type CollectionName, RECORD_SCHEMAS } from '../db/collections';
import { BACKUP_VERSION, type Backup, backupEnvelopeSchema } from './format';
import { upgradeBackupContacts } from './upgrade-backup';

/** One reason a backup was refused: where (collection, position, record id, field) and why. */
export type BackupProblem = {
  collection: CollectionName | 'settings' | 'file';
  index: number | null;
  recordId: string | null;
  field: string;
  message: string;
};

export type BackupValidation = { ok: true; backup: Backup } | { ok: false; problems: BackupProblem[] };

/** Enough to fix a file; a file with more problems is unlikely to be the right file at all. */
const MAX_PROBLEMS = 500;

function fileProblem(field: string, message: string): BackupProblem {
  return { collection: 'file', index: null, recordId: null, field, message };
}

function recordIdOf(record: unknown): string | null {
  if (typeof record === 'object' && record !== null && 'id' in record && typeof record.id === 'string') {
    return record.id;
  }
  return null;
}

/**
 * Checks a whole backup file before anything is written: JSON syntax, the envelope, every record
 * against its schema, duplicate ids, and references between records. Either the file is
 * entirely valid, or the caller gets every problem found (up to a limit) and writes nothing.
 */
export function validateBackup(text: string): BackupValidation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [fileProblem('', `is not valid JSON (${(error as Error).message})`)] };
  }

  const envelope = backupEnvelopeSchema.safeParse(parsed);
  if (!envelope.success) {
    return {
      ok: false,
      problems: envelope.error.issues.map((issue) => fileProblem(issue.path.join('.'), issue.message)),
    };
  }
  if (envelope.data.version > BACKUP_VERSION) {
    return {
      ok: false,
      problems: [
        fileProblem(
          'version',
          `is ${envelope.data.version}, made by a newer Dealside (this one reads up to ${BACKUP_VERSION}); update Dealside first`,
        ),
      ],
    };
  }

  const problems: BackupProblem[] = [];
  const report = (problem: BackupProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  let settings: Backup['settings'] = null;
  if (envelope.data.settings !== null && envelope.data.settings !== undefined) {
    const result = settingsSchema.safeParse(envelope.data.settings);
    if (result.success) settings = result.data;
    else {
      for (const issue of result.error.issues) {
        report({
          collection: 'settings',
          index: null,
          recordId: null,
          field: issue.path.join('.'),
          message: issue.message,
        });
      }
    }
  }

  const stored = {
    ...envelope.data,
    contacts: upgradeBackupContacts(envelope.data.version, envelope.data.contacts),
  };
  const valid = {} as { [Name in CollectionName]: Backup[Name] };
  for (const collection of COLLECTION_NAMES) {
    const records: unknown[] = [];
    const seenIds = new Set<string>();
    stored[collection].forEach((raw, index) => {
      const result = RECORD_SCHEMAS[collection].safeParse(raw);
      const recordId = recordIdOf(raw);
      if (!result.success) {
        for (const issue of result.error.issues) {
          report({ collection, index, recordId, field: issue.path.join('.'), message: issue.message });
        }
        return;
      }
      if (seenIds.has(result.data.id)) {
        report({ collection, index, recordId, field: 'id', message: 'is used by an earlier record too' });
        return;
      }
      seenIds.add(result.data.id);
      records.push(result.data);
    });
    (valid[collection] as unknown[]) = records;
  }

  checkReferences(valid, report);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    backup: {
      format: envelope.data.format,
      version: BACKUP_VERSION,
      exportedAt: envelope.data.exportedAt,
      settings,
      ...valid,
    },
  };
}

type Collections = { [Name in CollectionName]: Backup[Name] };

/** A record must not point at a record the backup does not hold: nothing is orphaned on restore. */
function checkReferences(collections: Collections, report: (problem: BackupProblem) => void): void {
  const ids = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, new Set(collections[name].map((record) => record.id))]),
  ) as Record<CollectionName, Set<string>>;
  const pipelines = new Map<string, Pipeline>(
    collections.pipelines.map((pipeline) => [pipeline.id, pipeline]),
  );

  const expect = (
    collection: CollectionName,
    index: number,
    recordId: string,
    field: string,
    target: CollectionName,
    id: string | null,
  ) => {
    if (id !== null && !ids[target].has(id)) {
      report({
        collection,
        index,
        recordId,
        field,
        message: `refers to ${target} record ${id}, which the backup does not hold`,
      });
    }
  };

  collections.contacts.forEach((contact, index) => {
    expect('contacts', index, contact.id, 'companyId', 'companies', contact.companyId);
  });
  collections.deals.forEach((deal: Deal, index) => {
    expect('deals', index, deal.id, 'companyId', 'companies', deal.companyId);
    deal.contactIds.forEach((contactId, position) => {
      expect('deals', index, deal.id, `contactIds.${position}`, 'contacts', contactId);
    });
    const pipeline = pipelines.get(deal.pipelineId);
    if (!pipeline) {
      expect('deals', index, deal.id, 'pipelineId', 'pipelines', deal.pipelineId);
    } else if (!pipeline.stages.some((stage) => stage.id === deal.stageId)) {
      report({
        collection: 'deals',
        index,
        recordId: deal.id,
        field: 'stageId',
        message: `is not a stage of pipeline "${pipeline.name}"`,
      });
    }
  });
  const messageKeys = new Set<string>();
  collections.activities.forEach((activity, index) => {
    expect('activities', index, activity.id, 'dealId', 'deals', activity.dealId);
    expect('activities', index, activity.id, 'companyId', 'companies', activity.companyId);
    activity.contactIds.forEach((contactId, position) => {
      expect('activities', index, activity.id, `contactIds.${position}`, 'contacts', contactId);
    });
    if (activity.kind === 'email') {
      if (messageKeys.has(activity.messageKey)) {
        report({
          collection: 'activities',
          index,
          recordId: activity.id,
          field: 'messageKey',
          message: 'logs a message that an earlier activity already logged on the same deal',
        });
      }
      messageKeys.add(activity.messageKey);
    }
  });
  collections.reminders.forEach((reminder, index) => {
    expect('reminders', index, reminder.id, 'dealId', 'deals', reminder.dealId);
    expect('reminders', index, reminder.id, 'contactId', 'contacts', reminder.contactId);
  });
}
