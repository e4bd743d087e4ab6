import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Activity, Company, Contact, Deal, Pipeline, Reminder, Settings } from '../../shared/model';
import { changeCaptureMiddleware } from '../sync/client/change-capture';
import type {
  OutboxEntry,
  QuarantinedRecord,
  SyncFieldsRow,
  SyncStateKey,
  SyncStateRow,
} from '../sync/client/sync-tables';
import { derivedFieldsMiddleware } from './derived-fields';
import { declareSchemaVersions } from './schema-versions';

export const DATABASE_NAME = 'dealside';

/**
 * The CRM database. It lives in the extension's origin (background and extension pages);
 * content scripts share the mail page's origin and must never open it.
 */
export class DealsideDatabase extends Dexie {
  settings!: EntityTable<Settings, 'id'>;
  companies!: EntityTable<Company, 'id'>;
  contacts!: EntityTable<Contact, 'id'>;
  pipelines!: EntityTable<Pipeline, 'id'>;
  deals!: EntityTable<Deal, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  reminders!: EntityTable<Reminder, 'id'>;
  /** Team sync (lib/extension/sync/client/): the device, the account, the token and the sync status. */
  syncState!: Table<SyncStateRow, SyncStateKey>;
  outbox!: EntityTable<OutboxEntry, 'mutationId'>;
  syncFields!: EntityTable<SyncFieldsRow, 'key'>;
  syncQuarantine!: EntityTable<QuarantinedRecord, 'key'>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    declareSchemaVersions(this);
    this.use(derivedFieldsMiddleware);
    this.use(changeCaptureMiddleware);
  }
}

let sharedDatabase: DealsideDatabase | undefined;

/** The one database instance of this extension context. */
export function openDatabase(): DealsideDatabase {
  sharedDatabase ??= new DealsideDatabase();
  return sharedDatabase;
}
