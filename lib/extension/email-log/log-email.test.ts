import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeActivities } from '@/lib/extension/db/activities-write';
import { DealsideDatabase } from '@/lib/extension/db/database';
import type { MailMessage, OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Deal, EmailActivity } from '@/lib/shared/model';
import { isolatedDatabase, isolatedIndexedDb } from '@/tests/unit/isolated-database';
import { makeCompany, makeContact, makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import { autoLogThread } from './auto-log';
import { DealGoneError, logEmails, loggedMessageIds, openMessageOf } from './log-email';

const AUTHOR = '01KAYQ00000000000000000000';

function message(index: number, fields: Partial<MailMessage> = {}): MailMessage {
  return {
    providerMessageId: `18c2f0a1b2c3d4${index.toString(16).padStart(2, '0')}`,
    rfcMessageId: `CAF-${index}@mail.gmail.com`,
    from: { name: '陳怡君', address: 'yijun.chen@hongda.com.tw' },
    to: [{ name: 'Xiaoming Wang', address: 'xiaoming@sensecloud.com.tw' }],
    cc: [],
    date: NOW - (100 - index) * 60_000,
    snippet: `第 ${index} 封：報價單確認`,
    ...fields,
  };
}

function thread(messages: MailMessage[], fields: Partial<OpenThread> = {}): OpenThread {
  return {
    provider: 'gmail',
    account: 'xiaoming@sensecloud.com.tw',
    threadId: '18c2f0a1b2c3d4e5',
    subject: '報價單確認 <img src=x onerror=alert(1)>',
    threadUrl: 'https://mail.google.com/mail/u/0/#inbox/18c2f0a1b2c3d4e5',
    messages,
    ...fields,
  };
}

async function seed(database: DealsideDatabase) {
  const pipeline = makePipeline();
  const company = makeCompany();
  const contact = makeContact({ companyId: company.id });
  const deal = makeDeal(pipeline, { companyId: company.id, contactIds: [contact.id] });
  const otherDeal = makeDeal(pipeline, {
    title: '第二期擴充',
    companyId: company.id,
    contactIds: [contact.id],
  });
  await database.pipelines.put(pipeline);
  await database.companies.put(company);
  await database.contacts.put(contact);
  await database.deals.bulkPut([deal, otherDeal]);
  return { deal, otherDeal, contact, company };
}

function request(deal: Deal, context: OpenThread, ids: string[], neverLog: string[] = []) {
  return { dealId: deal.id, context, providerMessageIds: ids, authorId: AUTHOR, neverLog };
}

async function liveEmails(database: DealsideDatabase): Promise<EmailActivity[]> {
  const rows = await database.activities.toArray();
  return rows.filter((row): row is EmailActivity => row.kind === 'email' && !row.deleted);
}

describe('logEmails', () => {
  it('stores the message with its deal, company and matching contacts, metadata and snippet only', async () => {
    const database = isolatedDatabase();
    const { deal, contact, company } = await seed(database);
    const context = thread([message(1), message(2)]);
    const open = openMessageOf(context);
    expect(open?.providerMessageId).toBe(message(2).providerMessageId);

    const result = await logEmails(database, request(deal, context, [message(2).providerMessageId]), NOW);

    expect(result).toMatchObject({ alreadyLogged: 0, refused: [], incomplete: 0 });
    expect(result.logged).toHaveLength(1);
    const [stored] = await liveEmails(database);
    expect(stored).toMatchObject({
      dealId: deal.id,
      companyId: company.id,
      contactIds: [contact.id],
      occurredAt: message(2).date,
      authorId: AUTHOR,
      email: {
        subject: '報價單確認 <img src=x onerror=alert(1)>',
        snippet: '第 2 封：報價單確認',
        body: null,
        threadUrl: context.threadUrl,
      },
    });
  });

  it('logs a message only once per deal, and reports it as already logged', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const context = thread([message(1)]);
    const ids = [message(1).providerMessageId];
    await logEmails(database, request(deal, context, ids), NOW);
    const again = await logEmails(database, request(deal, context, ids), NOW + 1000);
    expect(again.logged).toEqual([]);
    expect(again.alreadyLogged).toBe(1);
    expect(await liveEmails(database)).toHaveLength(1);
  });

  it('knows a message by its Message-ID in any case, even when the mail site gave it another id', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    await logEmails(database, request(deal, thread([message(1)]), [message(1).providerMessageId]), NOW);
    const seenInOutlook = message(1, {
      providerMessageId: 'AAMkAGI2TG93AAA=',
      rfcMessageId: 'caf-1@MAIL.gmail.com',
    });
    const again = await logEmails(
      database,
      request(deal, thread([seenInOutlook], { provider: 'outlook' }), [seenInOutlook.providerMessageId]),
      NOW,
    );
    expect(again.alreadyLogged).toBe(1);
    expect(await liveEmails(database)).toHaveLength(1);
  });

  it('falls back to the provider id when there is no Message-ID, and treats a repeated id as one message', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const noRfc = message(1, { rfcMessageId: null });
    const context = thread([noRfc, { ...noRfc, snippet: 'the same message listed twice' }]);
    const result = await logEmails(database, request(deal, context, [noRfc.providerMessageId]), NOW);
    expect(result.logged).toHaveLength(1);
    expect(result.logged[0]?.messageKey).toBe(`${deal.id}|gmail:${noRfc.providerMessageId}`);
  });

  it('allows the same message on a second deal, explicitly', async () => {
    const database = isolatedDatabase();
    const { deal, otherDeal } = await seed(database);
    const context = thread([message(1)]);
    await logEmails(database, request(deal, context, [message(1).providerMessageId]), NOW);
    await logEmails(database, request(otherDeal, context, [message(1).providerMessageId]), NOW);
    const stored = await liveEmails(database);
    expect(stored.map((activity) => activity.dealId).sort()).toEqual([deal.id, otherDeal.id].sort());
    expect(await loggedMessageIds(database, [deal.id, otherDeal.id], context)).toEqual({
      [deal.id]: [message(1).providerMessageId],
      [otherDeal.id]: [message(1).providerMessageId],
    });
  });

  it('restores a removed message instead of adding a second record, so sync sees one activity', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const context = thread([message(1)]);
    const first = await logEmails(database, request(deal, context, [message(1).providerMessageId]), NOW);
    await removeActivities(
      database,
      first.logged.map((activity) => activity.id),
      NOW + 1,
    );
    expect(await loggedMessageIds(database, [deal.id], context)).toEqual({ [deal.id]: [] });

    const again = await logEmails(database, request(deal, context, [message(1).providerMessageId]), NOW + 2);
    expect(again.logged.map((activity) => activity.id)).toEqual(first.logged.map((activity) => activity.id));
    expect(await database.activities.count()).toBe(1);
    expect(await liveEmails(database)).toHaveLength(1);
  });

  it('refuses messages with a never-log correspondent and names the pattern', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const fromBank = message(2, { cc: [{ name: '理專', address: 'advisor@bank.com.tw' }] });
    const context = thread([message(1), fromBank]);
    const result = await logEmails(
      database,
      request(deal, context, [message(1).providerMessageId, fromBank.providerMessageId], ['*@bank.com.tw']),
      NOW,
    );
    expect(result.refused).toEqual([
      { providerMessageId: fromBank.providerMessageId, pattern: '*@bank.com.tw' },
    ]);
    expect((await liveEmails(database)).map((activity) => activity.email.providerMessageId)).toEqual([
      message(1).providerMessageId,
    ]);
  });

  it('counts messages the page did not show fully and stores nothing for them', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const collapsed = [message(1, { from: null }), message(2, { date: null })];
    const result = await logEmails(
      database,
      request(
        deal,
        thread(collapsed),
        collapsed.map((entry) => entry.providerMessageId),
      ),
      NOW,
    );
    expect(result).toEqual({ logged: [], alreadyLogged: 0, refused: [], incomplete: 2 });
    expect(await database.activities.count()).toBe(0);
  });

  it('stores a body only when given, cut to the limit', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const id = message(1).providerMessageId;
    const result = await logEmails(
      database,
      { ...request(deal, thread([message(1)]), [id]), bodies: new Map([[id, huge]]) },
      NOW,
    );
    expect(result.logged[0]?.email.body).toHaveLength(1_000_000);
  });

  it('logs a 300-message thread in one action, and writes nothing when the deal is gone', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const messages = Array.from({ length: 300 }, (_, index) =>
      message(index, { providerMessageId: `m${index}`, rfcMessageId: `${index}@x.example` }),
    );
    const ids = messages.map((entry) => entry.providerMessageId);
    const result = await logEmails(database, request(deal, thread(messages), ids), NOW);
    expect(result.logged).toHaveLength(300);

    await database.deals.put({ ...deal, deleted: true });
    const otherThread = thread(
      messages.map((entry) => ({ ...entry, rfcMessageId: `${entry.rfcMessageId}.2` })),
    );
    await expect(logEmails(database, request(deal, otherThread, ids), NOW)).rejects.toBeInstanceOf(
      DealGoneError,
    );
    expect(await database.activities.count()).toBe(300);
  });
});

describe('exactly once under concurrency', () => {
  it('two clicks at once make one activity', async () => {
    const database = isolatedDatabase();
    const { deal } = await seed(database);
    const context = thread([message(1)]);
    const results = await Promise.all([
      logEmails(database, request(deal, context, [message(1).providerMessageId]), NOW),
      logEmails(database, request(deal, context, [message(1).providerMessageId]), NOW),
    ]);
    expect(results.map((result) => result.logged.length).sort()).toEqual([0, 1]);
    expect(await liveEmails(database)).toHaveLength(1);
  });

  it('any mix of concurrent logs, from two connections, stores each deal–message pair once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            connection: fc.integer({ min: 0, max: 1 }),
            deal: fc.integer({ min: 0, max: 1 }),
            messages: fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (actions) => {
          // Two Dexie instances on one IndexedDB: a sidebar frame and the side panel.
          const indexedDb = isolatedIndexedDb();
          const connections = [
            new DealsideDatabase('race', indexedDb),
            new DealsideDatabase('race', indexedDb),
          ];
          const [first] = connections as [DealsideDatabase, DealsideDatabase];
          const { deal, otherDeal } = await seed(first);
          const messages = [0, 1, 2, 3, 4].map((index) =>
            message(index, { rfcMessageId: index % 2 ? null : `${index}@x` }),
          );
          const context = thread(messages);
          const results = await Promise.all(
            actions.map((action) =>
              logEmails(
                connections[action.connection] as DealsideDatabase,
                request(
                  action.deal ? otherDeal : deal,
                  context,
                  action.messages.map((index) => messages[index]?.providerMessageId ?? ''),
                ),
                NOW,
              ),
            ),
          );
          const stored = await liveEmails(first);
          const pairs = stored.map((activity) => `${activity.dealId}/${activity.email.providerMessageId}`);
          expect(new Set(pairs).size).toBe(pairs.length);

          const wanted = new Set(
            actions.flatMap((action) =>
              action.messages.map(
                (index) => `${(action.deal ? otherDeal : deal).id}/${messages[index]?.providerMessageId}`,
              ),
            ),
          );
          expect(new Set(pairs)).toEqual(wanted);
          // Every stored activity was reported as logged by exactly one action.
          const reported = results.flatMap((result) => result.logged.map((activity) => activity.id));
          expect(reported.sort()).toEqual(stored.map((activity) => activity.id).sort());
          for (const connection of connections) connection.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('autoLogThread', () => {
  const settings = {
    autoLogOpenDeals: true,
    neverLog: [],
    ownDomains: ['sensecloud.com.tw'],
    user: { id: AUTHOR, name: '王小明', email: 'xiaoming@sensecloud.com.tw' },
  };

  it('logs only messages exchanged with the deal’s contacts, once however often the thread opens', async () => {
    const database = isolatedDatabase();
    const { deal, otherDeal } = await seed(database);
    const internal = message(3, {
      from: { name: 'Boss', address: 'boss@sensecloud.com.tw' },
      to: [{ name: 'Xiaoming Wang', address: 'xiaoming@sensecloud.com.tw' }],
    });
    const context = thread([message(1), message(2), internal]);

    const outcomes = await autoLogThread(database, context, settings, NOW);
    expect(outcomes.map((outcome) => [outcome.dealId, outcome.result.logged.length]).sort()).toEqual(
      [
        [deal.id, 2],
        [otherDeal.id, 2],
      ].sort(),
    );
    await autoLogThread(database, context, settings, NOW + 1000);
    expect(await liveEmails(database)).toHaveLength(4);
  });

  it('does nothing when the rule is off', async () => {
    const database = isolatedDatabase();
    await seed(database);
    expect(
      await autoLogThread(database, thread([message(1)]), { ...settings, autoLogOpenDeals: false }),
    ).toEqual([]);
    expect(await database.activities.count()).toBe(0);
  });
});
