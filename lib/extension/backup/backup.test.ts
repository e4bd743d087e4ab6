import { describe, expect, it } from 'vitest';
import { loadSettings } from '@/lib/extension/db/settings';
import { newId } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import {
  makeCompany,
  makeContact,
  makeDeal,
  makeEmailActivity,
  makePipeline,
  makeReminder,
} from '@/tests/unit/records';
import { searchCrm } from '../search/search-crm';
import { exportBackup, RestoreWhileSyncedError, restoreBackup } from './backup-io';
import { type Backup, emptyBackup } from './format';
import { validateBackup } from './validate-backup';

function sampleBackup(): Backup {
  const pipeline = makePipeline();
  const company = makeCompany();
  const contact = makeContact({ companyId: company.id });
  const deal = makeDeal(pipeline, { companyId: company.id, contactIds: [contact.id] });
  const backup = emptyBackup(new Date(Date.UTC(2026, 10, 26)));
  backup.pipelines = [pipeline];
  backup.companies = [company];
  backup.contacts = [contact];
  backup.deals = [deal];
  backup.activities = [makeEmailActivity(deal)];
  backup.reminders = [makeReminder({ dealId: deal.id, contactId: contact.id })];
  return backup;
}

function problemsOf(text: string) {
  const result = validateBackup(text);
  if (result.ok) throw new Error('expected the backup to be refused');
  return result.problems;
}

describe('validateBackup', () => {
  it('accepts a consistent backup', () => {
    const result = validateBackup(JSON.stringify(sampleBackup()));
    expect(result.ok).toBe(true);
  });

  it('refuses text that is not JSON, or JSON that is not a Dealside backup', () => {
    expect(problemsOf('{"format": "dealside-backup",')[0]?.message).toMatch(/is not valid JSON/);
    expect(problemsOf('[]')[0]?.collection).toBe('file');
    expect(problemsOf(JSON.stringify({ ...sampleBackup(), format: 'other' }))[0]?.message).toMatch(
      /not a Dealside backup/,
    );
  });

  it('refuses a backup from a newer version and says to update', () => {
    const [problem] = problemsOf(JSON.stringify({ ...sampleBackup(), version: 99 }));
    expect(problem?.message).toMatch(/newer Dealside/);
  });

  it('names the collection, position, record id and field of every bad record', () => {
    const backup = sampleBackup();
    const contact = backup.contacts[0];
    const deal = backup.deals[0];
    if (!contact || !deal) throw new Error('sample incomplete');
    const text = JSON.stringify({
      ...backup,
      contacts: [{ ...contact, emails: ['not-an-address'] }],
      deals: [{ ...deal, amount: -1 }],
    });
    const problems = problemsOf(text);
    expect(problems).toContainEqual(
      expect.objectContaining({ collection: 'contacts', index: 0, recordId: contact.id, field: 'emails.0' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ collection: 'deals', index: 0, recordId: deal.id, field: 'amount' }),
    );
  });

  it('refuses duplicate ids, dangling references, foreign stages and a message logged twice', () => {
    const backup = sampleBackup();
    const [company] = backup.companies;
    const [deal] = backup.deals;
    const [activity] = backup.activities;
    if (!company || !deal || !activity) throw new Error('sample incomplete');
    const missing = newId();
    const text = JSON.stringify({
      ...backup,
      companies: [company, company],
      deals: [{ ...deal, stageId: newId(), contactIds: [missing] }],
      activities: [activity, { ...activity, id: newId() }],
    });
    const fields = problemsOf(text).map((problem) => `${problem.collection}.${problem.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'companies.id',
        'deals.contactIds.0',
        'deals.stageId',
        'activities.messageKey',
      ]),
    );
  });
});

describe('export and restore', () => {
  it('round-trips every record, tombstones and settings included', async () => {
    const source = isolatedDatabase('source');
    const backup = sampleBackup();
    backup.companies.push(makeCompany({ deleted: true, domains: ['gone.com.tw'] }));
    await loadSettings(source, 'zh-TW');
    await restoreBackup(source, backup);

    const exported = await exportBackup(source);
    const revalidated = validateBackup(JSON.stringify(exported));
    if (!revalidated.ok) throw new Error(JSON.stringify(revalidated.problems));

    const target = isolatedDatabase('target');
    await target.contacts.add(makeContact({ emails: ['stale@old.com'] }));
    await restoreBackup(target, revalidated.backup);
    const reexported = await exportBackup(target, new Date(exported.exportedAt));
    expect(reexported).toEqual(exported);
    expect(await target.contacts.where('emails').equals('stale@old.com').count()).toBe(0);
    source.close();
    target.close();
  });

  it('imports a version 1 file, whose contacts name their job title `title`, as jobTitle', async () => {
    const backup = sampleBackup();
    const [contact] = backup.contacts;
    if (!contact) throw new Error('no contact');
    const departed = makeContact({ emails: ['cm.lin@hongda.com.tw'], jobTitle: 'CTO', deleted: true });
    backup.contacts.push(departed);
    const asVersion1 = ({ jobTitle, ...rest }: (typeof backup.contacts)[number]) => ({
      ...rest,
      title: jobTitle,
    });
    const version1File = JSON.stringify({ ...backup, version: 1, contacts: backup.contacts.map(asVersion1) });

    const result = validateBackup(version1File);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.backup.contacts).toEqual(backup.contacts);
    const database = isolatedDatabase('version-1');
    await restoreBackup(database, result.backup);
    expect(await database.contacts.get(contact.id)).toEqual(contact);
    expect(await database.contacts.get(departed.id)).toEqual(departed);
    expect(await database.deals.toArray()).toEqual(backup.deals);
    expect((await searchCrm(database, '採購')).contacts.map((found) => found.id)).toEqual([contact.id]);
    const exported = await exportBackup(database);
    expect(exported.version).toBe(2);
    expect(JSON.stringify(exported.contacts)).not.toMatch(/"title"/);
    database.close();
  });

  it('keeps the fields the database derives for its indexes out of backup files', async () => {
    const database = isolatedDatabase('derived');
    const backup = sampleBackup();
    await restoreBackup(database, backup);
    const exported = await exportBackup(database, new Date(backup.exportedAt));
    expect(exported).toEqual(backup);
    expect(JSON.stringify(exported)).not.toMatch(/addressKeys|searchTerms/);
    database.close();
  });

  it('refuses to restore while connected to team sync, and changes nothing', async () => {
    const database = isolatedDatabase('synced');
    const before = sampleBackup();
    await restoreBackup(database, before);
    const snapshot = await exportBackup(database, new Date(before.exportedAt));
    await database.syncState.put({
      key: 'account',
      serverUrl: 'https://sync.example.com',
      userId: newId(),
      userName: 'Mei',
      teamId: newId(),
      teamName: 'Hongda Sales',
      role: 'rep',
      members: [],
      connectedAt: Date.now(),
    });

    const other = sampleBackup();
    other.companies.push(makeCompany({ name: 'Only in the file' }));
    await expect(restoreBackup(database, other)).rejects.toBeInstanceOf(RestoreWhileSyncedError);
    expect(await exportBackup(database, new Date(before.exportedAt))).toEqual(snapshot);
    database.close();
  });

  it('changes nothing when the restore fails part-way', async () => {
    const database = isolatedDatabase('atomic');
    const before = sampleBackup();
    await restoreBackup(database, before);
    const snapshot = await exportBackup(database, new Date(before.exportedAt));

    const broken = sampleBackup();
    const [activity] = broken.activities;
    if (!activity) throw new Error('sample incomplete');
    // Two activities with one message key pass record checks but break the unique index mid-write.
    broken.activities.push({ ...activity, id: newId() });
    await expect(restoreBackup(database, broken)).rejects.toThrow();

    expect(await exportBackup(database, new Date(before.exportedAt))).toEqual(snapshot);
    database.close();
  });
});
