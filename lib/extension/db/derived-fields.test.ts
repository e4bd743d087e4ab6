import { Dexie, liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { isolatedIndexedDb } from '@/tests/unit/isolated-database';
import { makeCompany, makeContact, makeDeal, makePipeline } from '@/tests/unit/records';
import { restoreBackup } from '../backup/backup-io';
import { emptyBackup } from '../backup/format';
import { DealsideDatabase } from './database';
import { declareSchemaVersions } from './schema-versions';

type StoredContact = { id: string; name: string; addressKeys: string[]; searchTerms: string[] };

/** The database, and a plain Dexie on the same IndexedDB that shows rows exactly as stored. */
async function databases(name: string) {
  const factory = isolatedIndexedDb();
  const database = new DealsideDatabase(name, factory);
  await database.open();
  const raw = new Dexie(name, factory);
  declareSchemaVersions(raw);
  await raw.open();
  const storedContact = async (id: string) => (await raw.table('contacts').get(id)) as StoredContact;
  return { database, raw, storedContact };
}

describe('derived fields', () => {
  it('are computed on every write path and kept current on updates', async () => {
    const { database, raw, storedContact } = await databases('writes');
    const added = makeContact({ name: '陳怡君', emails: ['Yi.Jun+crm@gmail.com'.toLowerCase()] });
    const put = makeContact({ name: '林志明' });
    const [bulkAdded, bulkPut] = [makeContact({ name: 'Amy Chen' }), makeContact({ name: '王大同' })];
    await database.contacts.add(added);
    await database.contacts.put(put);
    await database.contacts.bulkAdd([bulkAdded]);
    await database.contacts.bulkPut([bulkPut]);
    expect((await storedContact(added.id)).addressKeys).toEqual(['yijun@gmail.com']);
    for (const contact of [put, bulkAdded, bulkPut]) {
      expect((await storedContact(contact.id)).searchTerms).toContain(contact.name.toLowerCase());
    }

    await database.contacts.update(added.id, { name: '黃雅婷', emails: ['yating@hongda.com.tw'] });
    expect((await storedContact(added.id)).searchTerms).toContain('~雅婷');
    expect((await storedContact(added.id)).searchTerms).not.toContain('~怡君');
    expect((await storedContact(added.id)).addressKeys).toEqual(['yating@hongda.com.tw']);

    await database.contacts.where('id').equals(put.id).modify({ name: '張家豪' });
    expect((await storedContact(put.id)).searchTerms).toContain('張家豪');
    await database.contacts.toCollection().modify((contact) => {
      contact.jobTitle = 'Purchasing Manager';
    });
    expect((await storedContact(bulkPut.id)).searchTerms).toContain('purchasing');
    await database.contacts.bulkUpdate([{ key: bulkAdded.id, changes: { name: 'Amy Lin' } }]);
    expect((await storedContact(bulkAdded.id)).searchTerms).toContain('amy lin');

    // Stale derived fields handed in are replaced, never stored.
    await database.contacts.put({ ...put, name: '周杰', searchTerms: ['stale'] } as typeof put);
    expect((await storedContact(put.id)).searchTerms).not.toContain('stale');

    const company = makeCompany({ name: 'Acme Taiwan Ltd.', domains: ['acme.com.tw'] });
    const deal = makeDeal(makePipeline(), { title: '設備聯網 PoC' });
    const backup = emptyBackup();
    backup.companies = [company];
    backup.deals = [deal];
    await restoreBackup(database, backup);
    expect((await raw.table('companies').get(company.id)).searchTerms).toEqual(
      expect.arrayContaining(['acme taiwan ltd.', 'acme', 'taiwan', 'acme.com.tw', '~cme']),
    );
    expect((await raw.table('deals').get(deal.id)).searchTerms).toEqual(
      expect.arrayContaining(['設備聯網', '~聯網', 'poc']),
    );
    database.close();
    raw.close();
  });

  it('never show on reads and never touch the caller’s objects', async () => {
    const { database, raw } = await databases('reads');
    const contact = makeContact();
    const snapshot = structuredClone(contact);
    await database.contacts.add(contact);
    await database.contacts.bulkPut([contact]);
    expect(contact).toEqual(snapshot);

    expect(await database.contacts.get(contact.id)).toEqual(contact);
    expect(await database.contacts.bulkGet([contact.id])).toEqual([contact]);
    expect(await database.contacts.toArray()).toEqual([contact]);
    expect(
      await database.contacts
        .where('emails')
        .equals(contact.emails[0] ?? '')
        .toArray(),
    ).toEqual([contact]);
    expect(await database.contacts.filter((row) => !row.deleted).toArray()).toEqual([contact]);
    expect(await database.contacts.orderBy('updatedAt').reverse().first()).toEqual(contact);
    const visited: unknown[] = [];
    await database.contacts.each((row) => visited.push(row));
    expect(visited).toEqual([contact]);

    const observed = await new Promise<unknown>((resolve, reject) => {
      const subscription = liveQuery(() => database.contacts.toArray()).subscribe({
        next: (rows) => {
          subscription.unsubscribe();
          resolve(rows);
        },
        error: reject,
      });
    });
    expect(observed).toEqual([contact]);
    expect(Object.keys((await raw.table('contacts').get(contact.id)) as object)).toEqual(
      expect.arrayContaining(['addressKeys', 'searchTerms']),
    );
    database.close();
    raw.close();
  });
});
