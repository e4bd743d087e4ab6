import type { Dexie, Transaction } from 'dexie';
import { LEGACY_JOB_TITLE_FIELD, withJobTitleRenamed } from '../../shared/model/contact';
import { withDerivedFields } from './derived-fields';

/**
 * Every version of the database's shape, oldest first. Never edit a released version: add a new
 * one with an upgrade function, and a test that opens the previous version filled with data.
 *
 * Index notes: `*emails` and `*domains` are multi-entry (one index entry per address/domain);
 * `&messageKey` is unique, so the same message cannot be logged twice on one deal.
 * `*addressKeys` and `*searchTerms` index derived fields (lib/extension/db/derived-fields.ts).
 */
export const SCHEMA_VERSIONS = [
  {
    version: 1,
    stores: {
      settings: 'id',
      companies: 'id, *domains, updatedAt',
      contacts: 'id, *emails, companyId, updatedAt',
      pipelines: 'id, updatedAt',
      deals: 'id, companyId, *contactIds, pipelineId, stageId, status, updatedAt',
      activities: 'id, [dealId+occurredAt], *contactIds, companyId, &messageKey, occurredAt, updatedAt',
      reminders: 'id, dueAt, status, dealId, updatedAt',
    },
  },
  {
    version: 2,
    // Deals learn when they entered their stage and how often their close date slipped
    // (time-in-stage, staleness and close-date hygiene need both); index close dates for overdue lists.
    stores: {
      deals: 'id, companyId, *contactIds, pipelineId, stageId, status, expectedCloseDate, updatedAt',
    },
    upgrade: async (transaction: Transaction) => {
      await transaction
        .table('deals')
        .toCollection()
        .modify((deal: Record<string, unknown>) => {
          deal.stageEnteredAt ??= deal.updatedAt;
          deal.closeDatePushes ??= 0;
        });
    },
  },
  {
    version: 3,
    // Exact matching of mail correspondents (Gmail addresses without dots and +tags) and quick
    // search (word prefixes and Chinese substrings) need keys derived from each record; the
    // database keeps them on every write. Existing rows get them here.
    stores: {
      contacts: 'id, *emails, *addressKeys, *searchTerms, companyId, updatedAt',
      companies: 'id, *domains, *searchTerms, updatedAt',
      deals:
        'id, companyId, *contactIds, pipelineId, stageId, status, expectedCloseDate, *searchTerms, updatedAt',
    },
    upgrade: async (transaction: Transaction) => {
      for (const tableName of ['contacts', 'companies', 'deals']) {
        await transaction
          .table(tableName)
          .toCollection()
          .modify((record: Record<string, unknown>) => {
            Object.assign(record, withDerivedFields(tableName, record));
          });
      }
    },
  },
  {
    version: 4,
    // Firing reminders: the scheduler reads pending reminders in due order, and the mail adapters'
    // reports find the reminders of the thread on screen ("only if no reply").
    stores: {
      reminders: 'id, dueAt, status, dealId, [status+dueAt], thread.threadId, updatedAt',
    },
    upgrade: async (transaction: Transaction) => {
      await transaction
        .table('reminders')
        .toCollection()
        .modify((reminder: Record<string, unknown>) => {
          reminder.source ??= 'manual';
          reminder.firedAt ??= null;
          reminder.replySeenAt ??= null;
          reminder.completedAt ??= reminder.status === 'done' ? reminder.updatedAt : null;
          reminder.completion ??= reminder.status === 'done' ? 'done' : null;
        });
    },
  },
  {
    version: 5,
    // Deals remember which checklist items of their stage are done (the sales process): existing
    // deals start with none, so every reader sees the field.
    stores: {},
    upgrade: async (transaction: Transaction) => {
      await transaction
        .table('deals')
        .toCollection()
        .modify((deal: Record<string, unknown>) => {
          deal.checklistDone ??= [];
        });
    },
  },
  {
    version: 6,
    // The pipeline board reads a pipeline's open deals and the deals closed in one month, never the
    // pipeline's whole closed history.
    stores: {
      deals:
        'id, companyId, *contactIds, pipelineId, stageId, status, expectedCloseDate, *searchTerms, [pipelineId+status+stageEnteredAt], updatedAt',
    },
  },
  {
    version: 7,
    // The dashboard reads every deal's stage history without reading the other activities (most
    // of them, emails above all): stage changes by kind, already grouped by deal in time order.
    // IndexedDB fills a new index from the stored rows itself, so no upgrade function is needed.
    stores: {
      activities:
        'id, [dealId+occurredAt], [kind+dealId+occurredAt], *contactIds, companyId, &messageKey, occurredAt, updatedAt',
    },
  },
  {
    version: 8,
    // Team sync (docs/sync.md): the device's clock and mutation counter, the account, the outbox of
    // captured changes (editCount indexed so pending edits are counted from index keys alone,
    // without reading every entry), each record's field clocks as last seen, and pulled records the
    // schemas refused. Activities can be private; existing ones are not.
    stores: {
      syncState: 'key',
      outbox: 'mutationId, editCount',
      syncFields: 'key',
      syncQuarantine: 'key',
    },
    upgrade: async (transaction: Transaction) => {
      await transaction
        .table('activities')
        .toCollection()
        .modify((activity: Record<string, unknown>) => {
          activity.private ??= false;
        });
    },
  },
  {
    version: 9,
    // A contact's job title is `jobTitle`: deals and reminders have titles that mean something else.
    // Every contact moves, tombstones too, with its search terms derived afresh; so do sync's notes
    // on contacts (field clocks, unsent changes, quarantined copies), so the next push and pull
    // agree with a server that renamed its stored contacts the same way (docs/sync.md).
    stores: {},
    upgrade: async (transaction: Transaction) => {
      await transaction
        .table('contacts')
        .toCollection()
        .modify((contact: Record<string, unknown>) => {
          const renamed = withJobTitleRenamed(contact);
          delete contact[LEGACY_JOB_TITLE_FIELD];
          Object.assign(contact, withDerivedFields('contacts', renamed));
        });
      await transaction
        .table('syncFields')
        .where('key')
        .startsWith('contacts/')
        .modify((row: { hlcs: Record<string, string> }) => {
          row.hlcs = withJobTitleRenamed(row.hlcs);
        });
      await transaction
        .table('outbox')
        .toCollection()
        .modify((entry: { changes: { collection: string; field: string }[] }) => {
          for (const change of entry.changes) {
            if (change.collection === 'contacts' && change.field === LEGACY_JOB_TITLE_FIELD) {
              change.field = 'jobTitle';
            }
          }
        });
      await transaction
        .table('syncQuarantine')
        .where('key')
        .startsWith('contacts/')
        .modify((row: { record: Record<string, unknown> }) => {
          row.record = withJobTitleRenamed(row.record);
        });
    },
  },
] as const satisfies readonly {
  version: number;
  stores: Record<string, string>;
  upgrade?: (transaction: Transaction) => Promise<void>;
}[];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0;

/** Declares versions up to and including `upToVersion` (tests open older shapes this way). */
export function declareSchemaVersions(database: Dexie, upToVersion: number = CURRENT_SCHEMA_VERSION): void {
  for (const definition of SCHEMA_VERSIONS) {
    if (definition.version > upToVersion) break;
    const version = database.version(definition.version).stores(definition.stores);
    if ('upgrade' in definition) version.upgrade(definition.upgrade);
  }
}
