import { describe, expect, it } from 'vitest';
import type { DealsideDatabase } from '@/lib/extension/db/database';
import { matchOpenThread } from '@/lib/extension/matching/match-open-thread';
import type { MailMessage, OpenThread } from '@/lib/mail-page/mail-page-state';
import { createMessageReceiver } from '@/lib/mail-page/messaging/receive';
import { type EmailActivity, emailMessageKey } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeCompany, makeContact, makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import { logEmails, loggedMessageIds } from './log-email';
import { type MailLogSettings, mailLogHandlers, recipientsMatchOpenDeal } from './log-from-mail';

const EXTENSION_ID = 'kfiffphpeabpjplpdnioiegngmpflgmh';
const REP = { name: 'Xiaoming Wang', address: 'xiaoming@sensecloud.com.tw' };
const YIJUN = { name: '陳怡君', address: 'yijun.chen@hongda.com.tw' };
const PURCHASING = { name: 'Purchasing', address: 'purchasing@hongda.com.tw' };

function settings(fields: Partial<MailLogSettings> = {}): MailLogSettings {
  return {
    user: { id: '01KAYQ00000000000000000000', name: 'Xiaoming Wang', email: REP.address },
    ownDomains: ['sensecloud.com.tw'],
    neverLog: [],
    ...fields,
  };
}

/** A contact's deal and a company-only deal of the same company. */
async function seed(database: DealsideDatabase) {
  const pipeline = makePipeline();
  const company = makeCompany();
  const contact = makeContact({ companyId: company.id });
  const contactDeal = makeDeal(pipeline, { companyId: company.id, contactIds: [contact.id] });
  const companyDeal = makeDeal(pipeline, { title: '第二期擴充', companyId: company.id });
  await database.pipelines.put(pipeline);
  await database.companies.put(company);
  await database.contacts.put(contact);
  await database.deals.bulkPut([contactDeal, companyDeal]);
  return { contactDeal, companyDeal, contact, company };
}

function sentMessage(fields: Partial<MailMessage> = {}): MailMessage {
  return {
    providerMessageId: '19a5e0c1b2c3d4e5',
    rfcMessageId: null,
    from: REP,
    to: [YIJUN],
    cc: [],
    date: NOW,
    snippet: '附件為修正後的報價單',
    ...fields,
  };
}

function context(messages: MailMessage[]): OpenThread {
  return {
    provider: 'gmail',
    account: REP.address,
    threadId: '19a5e0c1b2c3d4e0',
    subject: 'Re: 報價單確認 <img src=x onerror=alert(1)>',
    threadUrl: 'https://mail.google.com/mail/u/0/#inbox/19a5e0c1b2c3d4e0',
    messages,
  };
}

function backgroundReceiver(database: DealsideDatabase, logSettings: MailLogSettings = settings()) {
  const receive = createMessageReceiver(EXTENSION_ID, 'background', {
    ping: async () => ({ version: '0.1.0' }),
    'mailPage.changed': async () => ({}),
    'sync.connect': async () => ({ outcome: 'failed', error: { code: 'not-connected', message: '' } }),
    'sync.disconnect': async () => ({}),
    'sync.now': async () => ({ error: null }),
    ...mailLogHandlers(database, async () => logSettings),
  });
  return (type: string, payload: unknown) =>
    receive({ channel: 'dealside', type, payload }, { id: EXTENSION_ID, tab: { id: 7 } });
}

async function liveEmails(database: DealsideDatabase): Promise<EmailActivity[]> {
  const rows = await database.activities.toArray();
  return rows.filter((row): row is EmailActivity => row.kind === 'email' && !row.deleted);
}

describe('compose.matchDeal', () => {
  it('turns the toggle on only for recipients of an open deal who are not on the never-log list', async () => {
    const database = isolatedDatabase();
    await seed(database);
    const ask = (recipients: { name: string; address: string }[], neverLog: string[] = []) =>
      recipientsMatchOpenDeal(database, { account: REP.address, recipients }, settings({ neverLog }));
    expect(await ask([YIJUN])).toBe(true);
    // A company's domain is a match too: the company has an open deal.
    expect(await ask([PURCHASING])).toBe(true);
    expect(await ask([{ name: 'Someone', address: 'someone@gmail.com' }])).toBe(false);
    expect(await ask([])).toBe(false);
    expect(await ask([YIJUN], ['*@hongda.com.tw'])).toBe(false);
  });

  it('answers only yes or no through the receiver: no CRM data travels back to the mail page', async () => {
    const database = isolatedDatabase();
    await seed(database);
    const send = backgroundReceiver(database);
    expect(await send('compose.matchDeal', { account: REP.address, recipients: [YIJUN] })).toEqual({
      ok: true,
      data: { matched: true },
    });
  });
});

describe('compose.sent', () => {
  it('logs the sent message on the best-matching deal under the key a later sidebar log computes', async () => {
    const database = isolatedDatabase();
    const { contactDeal, companyDeal, contact, company } = await seed(database);
    const send = backgroundReceiver(database);
    const sent = context([sentMessage()]);

    expect(await send('compose.sent', { context: sent, bcc: [] })).toEqual({
      ok: true,
      data: { outcome: 'logged', otherDeals: 1 },
    });
    const [stored] = await liveEmails(database);
    expect(stored).toMatchObject({
      dealId: contactDeal.id,
      companyId: company.id,
      contactIds: [contact.id],
      occurredAt: NOW,
      messageKey: emailMessageKey(contactDeal.id, {
        provider: 'gmail',
        providerMessageId: '19a5e0c1b2c3d4e5',
        rfcMessageId: null,
      }),
    });
    // The thread as the sidebar later reads it (DOM adapter or InboxSDK): same message id.
    const threadLater = context([
      sentMessage({ from: { name: 'Xiaoming Wang (me)', address: REP.address }, snippet: '附件為' }),
    ]);
    expect(await loggedMessageIds(database, [contactDeal.id, companyDeal.id], threadLater)).toEqual({
      [contactDeal.id]: ['19a5e0c1b2c3d4e5'],
      [companyDeal.id]: [],
    });
    const again = await logEmails(database, {
      dealId: contactDeal.id,
      context: threadLater,
      providerMessageIds: ['19a5e0c1b2c3d4e5'],
      authorId: settings().user.id,
      neverLog: [],
    });
    expect(again).toMatchObject({ logged: [], alreadyLogged: 1 });
    expect(await liveEmails(database)).toHaveLength(1);
  });

  it('picks the deal the sidebar lists first when several match equally', async () => {
    const database = isolatedDatabase();
    const pipeline = makePipeline();
    const contact = makeContact();
    const deals = [
      makeDeal(pipeline, { title: 'A', contactIds: [contact.id], expectedCloseDate: '2027-03-01' }),
      makeDeal(pipeline, { title: 'B', contactIds: [contact.id], expectedCloseDate: '2026-12-15' }),
      makeDeal(pipeline, { title: 'C', contactIds: [contact.id], expectedCloseDate: '2026-12-15' }),
    ];
    await database.pipelines.put(pipeline);
    await database.contacts.put(contact);
    await database.deals.bulkPut(deals);
    const sent = context([sentMessage()]);

    const reply = await backgroundReceiver(database)('compose.sent', { context: sent, bcc: [] });

    expect(reply).toEqual({ ok: true, data: { outcome: 'logged', otherDeals: 2 } });
    const sidebarBest = (await matchOpenThread(database, sent, settings())).deals[0]?.deal.id;
    expect((await liveEmails(database)).map((activity) => activity.dealId)).toEqual([sidebarBest]);
  });

  it('logs a message once when the same send is reported twice at the same time', async () => {
    const database = isolatedDatabase();
    await seed(database);
    const send = backgroundReceiver(database);
    const sent = context([sentMessage()]);
    const replies = await Promise.all([
      send('compose.sent', { context: sent, bcc: [] }),
      send('compose.sent', { context: sent, bcc: [] }),
    ]);
    expect(replies.map((reply) => reply.ok && (reply.data as { outcome: string }).outcome).sort()).toEqual([
      'already-logged',
      'logged',
    ]);
    expect(await liveEmails(database)).toHaveLength(1);
  });

  it('refuses a message with a never-log correspondent, Bcc included, and writes nothing', async () => {
    const database = isolatedDatabase();
    await seed(database);
    const send = backgroundReceiver(database, settings({ neverLog: ['*@bank.com.tw'] }));
    const bank = { name: '銀行', address: 'loans@bank.com.tw' };
    for (const payload of [
      { context: context([sentMessage({ cc: [bank] })]), bcc: [] },
      { context: context([sentMessage()]), bcc: [bank] },
    ]) {
      expect(await send('compose.sent', payload)).toEqual({
        ok: true,
        data: { outcome: 'refused', otherDeals: 0 },
      });
    }
    expect(await database.activities.count()).toBe(0);
  });

  it('says when no open deal matches, and stores nothing', async () => {
    const database = isolatedDatabase();
    await seed(database);
    const stranger = { name: 'Stranger', address: 'stranger@gmail.com' };
    const reply = await backgroundReceiver(database)('compose.sent', {
      context: context([sentMessage({ to: [stranger] })]),
      bcc: [],
    });
    expect(reply).toEqual({ ok: true, data: { outcome: 'no-deal', otherDeals: 0 } });
    expect(await database.activities.count()).toBe(0);
  });

  it('refuses payloads that are not exactly one sent message', async () => {
    const database = isolatedDatabase();
    await seed(database);
    const send = backgroundReceiver(database);
    expect(await send('compose.sent', { context: context([]), bcc: [] })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /malformed compose\.sent request \(context must hold exactly the sent message\)/,
      ),
    });
    expect(
      await send('compose.sent', { context: context([sentMessage(), sentMessage()]), bcc: [] }),
    ).toMatchObject({ ok: false });
    expect(await send('compose.sent', { context: context([sentMessage()]) })).toMatchObject({ ok: false });
    expect(await database.activities.count()).toBe(0);
  });
});

describe('thread.logNewest', () => {
  it('logs only the newest message of the thread, and reports it already logged the second time', async () => {
    const database = isolatedDatabase();
    const { contactDeal } = await seed(database);
    const send = backgroundReceiver(database);
    const older = sentMessage({
      providerMessageId: '19a5e0c1b2c3d4e0',
      from: YIJUN,
      to: [REP],
      date: NOW - 60_000,
    });
    const thread = context([older, sentMessage()]);

    expect(await send('thread.logNewest', { context: thread })).toEqual({
      ok: true,
      data: { outcome: 'logged', otherDeals: 1 },
    });
    expect(await send('thread.logNewest', { context: thread })).toEqual({
      ok: true,
      data: { outcome: 'already-logged', otherDeals: 1 },
    });
    expect(
      (await liveEmails(database)).map((activity) => [activity.dealId, activity.email.providerMessageId]),
    ).toEqual([[contactDeal.id, '19a5e0c1b2c3d4e5']]);
  });

  it('reports a message the page did not show fully as incomplete', async () => {
    const database = isolatedDatabase();
    await seed(database);
    const reply = await backgroundReceiver(database)('thread.logNewest', {
      context: context([sentMessage({ date: null })]),
    });
    expect(reply).toEqual({ ok: true, data: { outcome: 'incomplete', otherDeals: 1 } });
  });
});
