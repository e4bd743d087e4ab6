import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DealsideDatabase } from '@/lib/extension/db/database';

/** A private IndexedDB, so tests never share or block each other's databases. */
export function isolatedIndexedDb() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** A Dealside database in its own private IndexedDB. */
export function isolatedDatabase(name = 'test'): DealsideDatabase {
  return new DealsideDatabase(name, isolatedIndexedDb());
}
