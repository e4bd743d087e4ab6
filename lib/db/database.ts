import { Dexie, type EntityTable } from 'dexie';
import type { Activity, Company, Contact, Deal, Pipeline, Reminder, Settings } from '../model';
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

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    declareSchemaVersions(this);
    this.use(derivedFieldsMiddleware);
  }
}

let sharedDatabase: DealsideDatabase | undefined;

/** The one database instance of this extension context. */
export function openDatabase(): DealsideDatabase {
  sharedDatabase ??= new DealsideDatabase();
  return sharedDatabase;
}
