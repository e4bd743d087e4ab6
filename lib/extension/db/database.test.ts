import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Activity, Contact, Deal, EmailActivity } from '@/lib/shared/model';
import { isolatedIndexedDb } from '@/tests/unit/isolated-database';
import {
  makeCompany,
  makeContact,
  makeDeal,
  makeEmailActivity,
  makePipeline,
  makeReminder,
} from '@/tests/unit/records';
import { searchCrm } from '../search/search-crm';
import { InvalidRecordError, putRecord } from './collections';
import { DealsideDatabase } from './database';
import { withDerivedFields } from './derived-fields';
import { CURRENT_SCHEMA_VERSION, declareSchemaVersions } from './schema-versions';
import { loadSettings } from './settings';

describe('DealsideDatabase', () => {
  it('finds contacts by any of their addresses and companies by any of their domains', async () => {
    const database = new DealsideDatabase('lookups', isolatedIndexedDb());
    const company = makeCompany({ domains: ['hongda.com.tw', 'hongda.tw'] });
    const contact = makeContact({
      emails: ['yijun.chen@hongda.com.tw', 'yijun@gmail.com'],
      companyId: company.id,
    });
    await database.companies.add(company);
    await database.contacts.add(contact);

    expect((await database.contacts.where('emails').equals('yijun@gmail.com').first())?.id).toBe(contact.id);
    expect((await database.companies.where('domains').equals('hongda.tw').first())?.id).toBe(company.id);
    expect(await database.contacts.where('companyId').equals(company.id).count()).toBe(1);
    database.close();
  });

  it('never stores the same message twice on one deal, but allows it on another deal', async () => {
    const database = new DealsideDatabase('message-keys', isolatedIndexedDb());
    const pipeline = makePipeline();
    const deal = makeDeal(pipeline);
    const otherDeal = makeDeal(pipeline);
    await database.activities.add(makeEmailActivity(deal));
    await expect(database.activities.add(makeEmailActivity(deal))).rejects.toThrow(/ConstraintError|unique/i);
    await database.activities.add(makeEmailActivity(otherDeal));
    expect(await database.activities.count()).toBe(2);
    database.close();
  });

  it('lists a deal’s activities by date and reminders by due time', async () => {
    const database = new DealsideDatabase('ordering', isolatedIndexedDb());
    const deal = makeDeal(makePipeline());
    const older = makeEmailActivity(deal, { occurredAt: Date.UTC(2026, 0, 1), messageKey: 'a' });
    const newer = makeEmailActivity(deal, { occurredAt: Date.UTC(2026, 5, 1), messageKey: 'b' });
    await database.activities.bulkAdd([newer, older]);
    const timeline = await database.activities
      .where('[dealId+occurredAt]')
      .between([deal.id, Dexie.minKey], [deal.id, Dexie.maxKey])
      .reverse()
      .toArray();
    expect(timeline.map((activity) => activity.id)).toEqual([newer.id, older.id]);

    const later = makeReminder({ dueAt: Date.UTC(2026, 11, 2) });
    const sooner = makeReminder({ dueAt: Date.UTC(2026, 11, 1) });
    await database.reminders.bulkAdd([later, sooner]);
    expect((await database.reminders.orderBy('dueAt').first())?.id).toBe(sooner.id);
    database.close();
  });

  it('refuses invalid records at the data layer, naming the field', async () => {
    const database = new DealsideDatabase('validation', isolatedIndexedDb());
    const pipeline = makePipeline();
    const error = await putRecord(
      database,
      'deals',
      makeDeal(pipeline, { amount: -5, currency: 'XX' }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as InvalidRecordError).issues.map((issue) => issue.path)).toEqual(['amount', 'currency']);
    expect(await database.deals.count()).toBe(0);
    database.close();
  });

  it('creates settings once, with a stable user id', async () => {
    const database = new DealsideDatabase('settings', isolatedIndexedDb());
    const first = await loadSettings(database, 'zh-TW');
    const second = await loadSettings(database, 'en-US');
    expect(second).toEqual(first);
    expect(first.defaultCurrency).toBe('TWD');
    database.close();
  });
});

describe('schema upgrades', () => {
  it('upgrades a version 1 database filled with data without losing a record', async () => {
    const factory = isolatedIndexedDb();
    const pipeline = makePipeline();
    const companies = Array.from({ length: 20 }, (_, index) =>
      makeCompany({ domains: [`company${index}.com.tw`] }),
    );
    const contacts = companies.map((company, index) =>
      makeContact({ companyId: company.id, emails: [`buyer${index}@company${index}.com.tw`] }),
    );
    const deals = contacts.map((contact) => {
      const {
        stageEnteredAt: _entered,
        closeDatePushes: _pushes,
        ...version1Deal
      } = makeDeal(pipeline, {
        contactIds: [contact.id],
        companyId: contact.companyId,
        updatedAt: Date.UTC(2026, 3, 1),
      });
      return version1Deal;
    });
    const activities = deals.map((deal) =>
      makeEmailActivity({ ...deal, stageEnteredAt: 0, closeDatePushes: 0 }),
    );
    const reminders = deals.map((deal) => makeReminder({ dealId: deal.id }));

    const version1 = new Dexie('upgrade', factory);
    declareSchemaVersions(version1, 1);
    await version1.open();
    await version1.table('pipelines').add(pipeline);
    await version1.table('companies').bulkAdd(companies);
    await version1.table('contacts').bulkAdd(contacts);
    await version1.table('deals').bulkAdd(deals);
    await version1.table('activities').bulkAdd(activities);
    await version1.table('reminders').bulkAdd(reminders);
    version1.close();

    const upgraded = new DealsideDatabase('upgrade', factory);
    await upgraded.open();
    expect(upgraded.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await upgraded.pipelines.toArray()).toEqual([pipeline]);
    expect(await upgraded.companies.toArray()).toEqual(sortById(companies));
    expect(await upgraded.contacts.toArray()).toEqual(sortById(contacts));
    expect(await upgraded.activities.toArray()).toEqual(sortById(activities));
    expect(await upgraded.reminders.toArray()).toEqual(sortById(reminders));
    const upgradedDeals = await upgraded.deals.toArray();
    expect(upgradedDeals).toEqual(
      sortById(deals).map((deal) => ({ ...deal, stageEnteredAt: deal.updatedAt, closeDatePushes: 0 })),
    );
    expect(await upgraded.deals.where('expectedCloseDate').equals('2026-12-31').count()).toBe(deals.length);
    upgraded.close();
  });

  it('upgrades a version 2 database filled with data, deriving address keys and search terms', async () => {
    const factory = isolatedIndexedDb();
    const pipeline = makePipeline();
    const companies = Array.from({ length: 30 }, (_, index) =>
      makeCompany({ name: `宏達精密${index}股份有限公司`, domains: [`hongda${index}.com.tw`] }),
    );
    const contacts = companies.map((company, index) =>
      makeContact({
        name: index === 0 ? '陳怡君' : `林志明${index}`,
        companyId: company.id,
        emails: [`buyer${index}@hongda${index}.com.tw`, `Yi.Jun+${index}@gmail.com`.toLowerCase()],
        deleted: index === 29,
      }),
    );
    const deals = contacts.map((contact, index) =>
      makeDeal(pipeline, {
        title: `MES 系統導入 #${index}`,
        contactIds: [contact.id],
        companyId: contact.companyId,
      }),
    );
    const activities = deals.map((deal) => makeEmailActivity(deal));
    const reminders = deals.map((deal) => makeReminder({ dealId: deal.id }));

    const version2 = new Dexie('upgrade-3', factory);
    declareSchemaVersions(version2, 2);
    await version2.open();
    await version2.table('pipelines').add(pipeline);
    await version2.table('companies').bulkAdd(companies);
    await version2.table('contacts').bulkAdd(contacts);
    await version2.table('deals').bulkAdd(deals);
    await version2.table('activities').bulkAdd(activities);
    await version2.table('reminders').bulkAdd(reminders);
    version2.close();

    const upgraded = new DealsideDatabase('upgrade-3', factory);
    await upgraded.open();
    expect(upgraded.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await upgraded.pipelines.toArray()).toEqual([pipeline]);
    expect(await upgraded.companies.toArray()).toEqual(sortById(companies));
    expect(await upgraded.contacts.toArray()).toEqual(sortById(contacts));
    expect(await upgraded.deals.toArray()).toEqual(sortById(deals));
    expect(await upgraded.activities.toArray()).toEqual(sortById(activities));
    expect(await upgraded.reminders.toArray()).toEqual(sortById(reminders));

    const [first] = contacts;
    if (!first) throw new Error('no contacts');
    expect(await upgraded.contacts.where('addressKeys').equals('yijun@gmail.com').count()).toBe(
      contacts.length,
    );
    expect((await upgraded.contacts.where('searchTerms').startsWith('~怡君').first())?.id).toBe(first.id);
    // Multi-entry: one record can hold several terms in a range, so count distinct records.
    const distinct = (keys: string[]) => new Set(keys).size;
    expect(distinct(await upgraded.companies.where('searchTerms').startsWith('宏達精密').primaryKeys())).toBe(
      companies.length,
    );
    expect(distinct(await upgraded.deals.where('searchTerms').startsWith('~統導').primaryKeys())).toBe(
      deals.length,
    );
    upgraded.close();

    // Every stored row carries its derived fields: read the raw rows, without Dealside's middleware.
    const raw = new Dexie('upgrade-3', factory);
    declareSchemaVersions(raw, 3);
    await raw.open();
    for (const tableName of ['contacts', 'companies', 'deals']) {
      const rows: { searchTerms?: unknown; addressKeys?: unknown }[] = await raw.table(tableName).toArray();
      expect(rows.every((row) => Array.isArray(row.searchTerms) && row.searchTerms.length > 0)).toBe(true);
      if (tableName === 'contacts') expect(rows.every((row) => Array.isArray(row.addressKeys))).toBe(true);
    }
    raw.close();
  });

  it('upgrades version 3 reminders to firing reminders, and indexes them by due order and thread', async () => {
    const factory = isolatedIndexedDb();
    const thread = {
      provider: 'gmail' as const,
      account: 'rep@sensecloud.com.tw',
      threadId: '18c2f0a1b2c3d4e5',
      threadUrl: 'https://mail.google.com/mail/u/0/#inbox/18c2f0a1b2c3d4e5',
      subject: '報價單確認',
    };
    const pending = makeReminder({ dueAt: 2_000_000_000_000, thread });
    const done = makeReminder({ dueAt: 1_900_000_000_000, status: 'done' });
    const withoutFiringFields = (reminder: typeof pending) => {
      const { source, firedAt, replySeenAt, completedAt, completion, ...rest } = reminder;
      return rest;
    };
    const version3 = new Dexie('upgrade-4', factory);
    declareSchemaVersions(version3, 3);
    await version3.open();
    await version3.table('reminders').bulkAdd([pending, done].map(withoutFiringFields));
    version3.close();

    const upgraded = new DealsideDatabase('upgrade-4', factory);
    expect(await upgraded.reminders.get(pending.id)).toEqual(pending);
    expect(await upgraded.reminders.get(done.id)).toEqual({
      ...done,
      completedAt: done.updatedAt,
      completion: 'done',
    });
    expect(
      await upgraded.reminders
        .where('[status+dueAt]')
        .between(['pending', 0], ['pending', Infinity])
        .primaryKeys(),
    ).toEqual([pending.id]);
    expect(await upgraded.reminders.where('thread.threadId').equals(thread.threadId).primaryKeys()).toEqual([
      pending.id,
    ]);
    upgraded.close();
  });

  it('upgrades version 4 deals so every deal lists its done checklist items', async () => {
    const factory = isolatedIndexedDb();
    const pipeline = makePipeline();
    const deal = makeDeal(pipeline, { checklistDone: [] });
    const { checklistDone, ...version4Deal } = deal;
    const version4 = new Dexie('upgrade-5', factory);
    declareSchemaVersions(version4, 4);
    await version4.open();
    await version4.table('deals').add(version4Deal);
    version4.close();

    const upgraded = new DealsideDatabase('upgrade-5', factory);
    expect(await upgraded.deals.get(deal.id)).toEqual({ ...deal, checklistDone: [] });
    upgraded.close();
  });

  it('upgrades version 6 activities so stage changes are found by kind, per deal in time order', async () => {
    const factory = isolatedIndexedDb();
    const pipeline = makePipeline();
    const [first, second] = [makeDeal(pipeline), makeDeal(pipeline)] as [Deal, Deal];
    const { email: _email, messageKey: _messageKey, ...links } = makeEmailActivity(first) as EmailActivity;
    const stageChange = (deal: Deal, occurredAt: number): Activity => ({
      ...links,
      id: `${deal.id}-${occurredAt}`,
      dealId: deal.id,
      occurredAt,
      kind: 'stage-change',
      fromStageId: null,
      toStageId: deal.stageId,
      skippedChecklistItemIds: [],
    });
    const later = stageChange(first, Date.UTC(2026, 5, 1));
    const earlier = stageChange(first, Date.UTC(2026, 0, 1));
    const other = stageChange(second, Date.UTC(2026, 2, 1));
    const email = makeEmailActivity(first);
    const version6 = new Dexie('upgrade-7', factory);
    declareSchemaVersions(version6, 6);
    await version6.open();
    await version6.table('activities').bulkAdd([later, email, other, earlier]);
    version6.close();

    const upgraded = new DealsideDatabase('upgrade-7', factory);
    const found = await upgraded.activities
      .where('[kind+dealId+occurredAt]')
      .between(['stage-change', Dexie.minKey], ['stage-change', Dexie.maxKey])
      .toArray();
    expect(found.map((activity) => activity.id)).toEqual(
      (first.id < second.id ? [earlier, later, other] : [other, earlier, later]).map((change) => change.id),
    );
    expect(await upgraded.activities.get(email.id)).toEqual(email);
    upgraded.close();
  });

  it('upgrades version 7 for team sync: activities are not private, the sync tables start empty', async () => {
    const factory = isolatedIndexedDb();
    const pipeline = makePipeline();
    const deal = makeDeal(pipeline);
    const { private: _private, ...version7Activity } = makeEmailActivity(deal);
    const version7 = new Dexie('upgrade-8', factory);
    declareSchemaVersions(version7, 7);
    await version7.open();
    await version7.table('pipelines').add(pipeline);
    await version7.table('deals').add(deal);
    await version7.table('activities').add(version7Activity);
    version7.close();

    const upgraded = new DealsideDatabase('upgrade-8', factory);
    expect(await upgraded.activities.get(version7Activity.id)).toEqual({
      ...version7Activity,
      private: false,
    });
    expect(await upgraded.deals.toArray()).toEqual([deal]);
    expect(await upgraded.pipelines.toArray()).toEqual([pipeline]);
    for (const table of [upgraded.syncState, upgraded.outbox, upgraded.syncFields, upgraded.syncQuarantine]) {
      expect(await table.count()).toBe(0);
    }
    // Sync was never set up, so writes after the upgrade are not captured either.
    await upgraded.deals.put({ ...deal, amount: 1 });
    expect(await upgraded.outbox.count()).toBe(0);
    upgraded.close();
  });

  it('upgrades version 8 contacts so their job title is jobTitle, tombstones and sync notes included', async () => {
    const factory = isolatedIndexedDb();
    const pipeline = makePipeline();
    const buyer = makeContact({ name: '陳怡君', jobTitle: '採購經理' });
    const cto = makeContact({ name: 'Amy Chen', emails: ['amy.chen@acme.com.tw'], jobTitle: 'CTO' });
    const departed = makeContact({ name: '林志明', emails: ['cm.lin@hongda.com.tw'], deleted: true });
    const contacts = [buyer, cto, { ...departed, jobTitle: 'Purchasing Manager' }];
    const deal = makeDeal(pipeline, { title: 'MES 系統導入', contactIds: [buyer.id] });
    // Version 8 stored the job title as `title`, its search terms derived from it.
    const version8Contact = ({ jobTitle, ...contact }: Contact) => {
      const derived = withDerivedFields('contacts', { ...contact, jobTitle });
      const { jobTitle: _moved, ...stored } = derived;
      return { ...stored, title: jobTitle };
    };
    const version8 = new Dexie('upgrade-9', factory);
    declareSchemaVersions(version8, 8);
    await version8.open();
    await version8.table('pipelines').add(pipeline);
    await version8.table('deals').add(withDerivedFields('deals', deal));
    await version8.table('contacts').bulkAdd(contacts.map(version8Contact));
    await version8.table('syncFields').bulkAdd([
      { key: `contacts/${buyer.id}`, hlcs: { name: 'h1', title: 'h2' } },
      { key: `deals/${deal.id}`, hlcs: { title: 'h3' } },
    ]);
    await version8.table('outbox').add({
      mutationId: 1,
      changes: [
        { collection: 'contacts', recordId: cto.id, field: 'title', value: 'CTO', hlc: 'h4' },
        { collection: 'deals', recordId: deal.id, field: 'title', value: deal.title, hlc: 'h4' },
      ],
      editCount: 2,
      createdAt: 1,
    });
    await version8.table('syncQuarantine').add({
      key: `contacts/${cto.id}`,
      collection: 'contacts',
      recordId: cto.id,
      record: version8Contact(cto),
      issues: [],
      seq: 1,
      quarantinedAt: 1,
    });
    version8.close();

    const upgraded = new DealsideDatabase('upgrade-9', factory);
    expect(await upgraded.contacts.toArray()).toEqual(sortById(contacts));
    expect(await upgraded.deals.toArray()).toEqual([deal]);
    expect(await upgraded.pipelines.toArray()).toEqual([pipeline]);
    expect((await searchCrm(upgraded, '採購')).contacts.map((contact) => contact.id)).toEqual([buyer.id]);
    expect((await searchCrm(upgraded, 'cto')).contacts.map((contact) => contact.id)).toEqual([cto.id]);
    expect(await upgraded.syncFields.get(`contacts/${buyer.id}`)).toEqual({
      key: `contacts/${buyer.id}`,
      hlcs: { name: 'h1', jobTitle: 'h2' },
    });
    expect((await upgraded.syncFields.get(`deals/${deal.id}`))?.hlcs).toEqual({ title: 'h3' });
    expect((await upgraded.outbox.get(1))?.changes.map((change) => change.field)).toEqual([
      'jobTitle',
      'title',
    ]);
    expect((await upgraded.syncQuarantine.get(`contacts/${cto.id}`))?.record).toEqual(
      withDerivedFields('contacts', cto),
    );
    upgraded.close();

    // The stored rows, without Dealside's middleware: no `title` left, search terms from jobTitle.
    const raw = new Dexie('upgrade-9', factory);
    declareSchemaVersions(raw);
    await raw.open();
    const rows: Record<string, unknown>[] = await raw.table('contacts').toArray();
    expect(rows.filter((row) => 'title' in row)).toEqual([]);
    expect(sortById(rows as Contact[])).toEqual(
      sortById(contacts).map((contact) => withDerivedFields('contacts', contact)),
    );
    raw.close();
  });
});

function sortById<T extends { id: string }>(records: T[]): T[] {
  return [...records].sort((left, right) => (left.id < right.id ? -1 : 1));
}
