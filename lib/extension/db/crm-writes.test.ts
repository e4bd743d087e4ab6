import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeCompany, makeContact, makePipeline, NOW } from '@/tests/unit/records';
import { addContact } from './contacts-write';
import { createDeal, type NewDealInput } from './deals-write';
import { InvalidFormError } from './field-problems';

const OWNER = '01KAYQ0000000000000000OWNR'.replace('O', '0');

function dealInput(fields: Partial<NewDealInput> = {}): NewDealInput {
  return {
    title: '宏達 – 報價',
    amount: '120000',
    currency: 'TWD',
    expectedCloseDate: '',
    stageIndex: null,
    company: { kind: 'none' },
    contact: { kind: 'new', name: '吳傑森', address: 'Jason.Wu@newco.com.tw', jobTitle: '' },
    ownerId: OWNER,
    language: 'zh-TW',
    ...fields,
  };
}

describe('addContact', () => {
  it('stores the contact with a new company named from the form, lower-casing the address', async () => {
    const database = isolatedDatabase('add-contact');
    const saved = await addContact(
      database,
      {
        name: '吳傑森',
        address: 'Jason.Wu@NewCo.com.tw',
        jobTitle: '',
        company: { kind: 'new', name: 'Newco', domain: 'newco.com.tw' },
      },
      NOW,
    );
    expect(saved.created).toBe(true);
    expect(await database.contacts.toArray()).toEqual([
      expect.objectContaining({
        name: '吳傑森',
        emails: ['jason.wu@newco.com.tw'],
        companyId: saved.company?.id,
      }),
    ]);
    expect(await database.companies.toArray()).toEqual([
      expect.objectContaining({ name: 'Newco', domains: ['newco.com.tw'] }),
    ]);
    database.close();
  });

  it('never duplicates: an address already stored returns that contact, a known domain reuses its company', async () => {
    const database = isolatedDatabase('add-contact-twice');
    const company = makeCompany();
    const contact = makeContact({ companyId: company.id });
    await database.companies.add(company);
    await database.contacts.add(contact);
    const again = await addContact(
      database,
      { name: 'Someone', address: 'YIJUN.CHEN@hongda.com.tw', jobTitle: '', company: { kind: 'none' } },
      NOW,
    );
    expect(again).toMatchObject({ created: false, contact: { id: contact.id } });
    const colleague = await addContact(
      database,
      {
        name: '林志明',
        address: 'cm.lin@hongda.com.tw',
        jobTitle: '',
        company: { kind: 'new', name: 'Hongda', domain: 'hongda.com.tw' },
      },
      NOW,
    );
    expect(colleague.company?.id).toBe(company.id);
    expect(await database.companies.count()).toBe(1);
    expect(await database.contacts.count()).toBe(2);
    database.close();
  });

  it('refuses every invalid field at once and stores nothing', async () => {
    const database = isolatedDatabase('add-contact-invalid');
    const attempt = addContact(
      database,
      {
        name: ' ',
        address: 'not-an-address',
        jobTitle: '',
        company: { kind: 'new', name: '', domain: null },
      },
      NOW,
    );
    await expect(attempt).rejects.toBeInstanceOf(InvalidFormError);
    await expect(attempt).rejects.toMatchObject({
      problems: [
        { field: 'company.name', message: 'must not be empty' },
        { field: 'contact.name', message: 'must not be empty' },
        { field: 'contact.emails', message: 'is not an email address' },
      ],
    });
    expect(await database.contacts.count()).toBe(0);
    expect(await database.companies.count()).toBe(0);
    database.close();
  });
});

describe('createDeal', () => {
  it('creates the default pipeline on first use and starts the deal in its first open stage', async () => {
    const database = isolatedDatabase('create-deal');
    const created = await createDeal(database, dealInput(), NOW);
    const [pipeline] = await database.pipelines.toArray();
    expect(pipeline?.name).toBe('新客戶開發');
    expect(created.deal).toMatchObject({
      stageId: pipeline?.stages[0]?.id,
      amount: 120_000,
      ownerId: OWNER,
      contactIds: [created.contact?.id],
      status: 'open',
    });
    expect(await database.contacts.toArray()).toEqual([
      expect.objectContaining({ emails: ['jason.wu@newco.com.tw'] }),
    ]);
    database.close();
  });

  it('uses the stored pipeline and a chosen open stage, never a closed one', async () => {
    const database = isolatedDatabase('create-deal-stage');
    const pipeline = makePipeline();
    await database.pipelines.add(pipeline);
    const proposal = await createDeal(database, dealInput({ stageIndex: 2 }), NOW);
    expect(proposal.deal.stageId).toBe(pipeline.stages[2]?.id);
    const won = await createDeal(database, dealInput({ stageIndex: 4, contact: { kind: 'none' } }), NOW);
    expect(won.deal.stageId).toBe(pipeline.stages[0]?.id);
    expect(await database.pipelines.count()).toBe(1);
    database.close();
  });

  it('stores nothing when a field is invalid', async () => {
    const database = isolatedDatabase('create-deal-invalid');
    await expect(
      createDeal(database, dealInput({ amount: '12abc', expectedCloseDate: '2026-02-30', title: '' }), NOW),
    ).rejects.toMatchObject({
      problems: [{ field: 'deal.title' }, { field: 'deal.amount' }, { field: 'deal.expectedCloseDate' }],
    });
    expect(await database.pipelines.count()).toBe(0);
    expect(await database.contacts.count()).toBe(0);
    expect(await database.deals.count()).toBe(0);
    database.close();
  });
});
