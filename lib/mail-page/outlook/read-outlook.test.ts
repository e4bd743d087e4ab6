import { describe, expect, it } from 'vitest';
import { contextOf, fixtureReader, localTime } from '../../../tests/fixtures/mail/fixture-reader';
import { hostileOutlookHtml, PAYLOADS } from '../../../tests/fixtures/mail/hostile-pages';
import { fixtureHtml } from '../../../tests/fixtures/mail/load-fixture';
import { escapeHtml, outlookPageHtml } from '../../../tests/fixtures/mail/markup';
import {
  FIXTURE_URLS,
  HOSTILE_OUTLOOK_URL,
  OUTLOOK_CONVERSATION_ID,
  OUTLOOK_DEEPLINK_ITEM_ID,
} from '../../../tests/fixtures/mail/urls';
import { MAIL_LIMITS, type MailPageState, mailPageStateSchema } from '../mail-page-state';
import { BODY_LIMITS } from '../message-bodies';
import { outlookAdapter, readOutlookBodies } from './read-outlook';

const { readFixture, loadPage } = fixtureReader(outlookAdapter);
const local = localTime;

const rep = { name: 'Rep Name', address: 'rep@contoso.com' };
const meiling = { name: 'Chen Mei-Ling', address: 'meiling.chen@acme.com.tw' };
const david = { name: 'David Lin', address: 'david.lin@acme.com.tw' };
const encodedId = encodeURIComponent(OUTLOOK_CONVERSATION_ID);

const quoteMessage = {
  providerMessageId: 'UniqueMessageBody_1',
  rfcMessageId: null,
  from: meiling,
  to: [rep],
  cc: [],
  date: local(11, 24, 10, 12),
  snippet: 'Hi Rep, Could you send the revised quote for the 200 seats by Friday? Mei-Ling',
};

const quoteConversation: MailPageState = {
  status: 'thread',
  context: {
    provider: 'outlook',
    account: 'rep@contoso.com',
    threadId: OUTLOOK_CONVERSATION_ID,
    subject: 'Quote for 200 seats',
    threadUrl: `https://outlook.office.com/mail/inbox/id/${encodedId}`,
    messages: [quoteMessage],
  },
};

describe('the Outlook adapter on dated fixtures (2026-11-26)', () => {
  it('reads the open conversation of the three-pane view, leaving quoted history out', () => {
    expect(readFixture('outlook-office-single.html')).toEqual(quoteConversation);
  });

  it('does not read an inline reply as a message', () => {
    expect(readFixture('outlook-office-draft.html')).toEqual(quoteConversation);
  });

  it('takes the conversation id from the selected row when the URL has none', () => {
    const state = readFixture('outlook-office-single.html', 'https://outlook.office.com/mail/');
    expect(contextOf(state).threadId).toBe(OUTLOOK_CONVERSATION_ID);
    expect(contextOf(state).threadUrl).toBe(`https://outlook.office.com/mail/inbox/id/${encodedId}`);
  });

  it('reads all 12 messages of a newest-on-top conversation, collapsed ones included, oldest first', () => {
    const context = contextOf(readFixture('outlook-office-long.html'));
    expect(context.threadUrl).toBe(`https://outlook.office365.com/mail/inbox/id/${encodedId}`);
    expect(context.subject).toBe('Pricing rounds');
    const senders = [meiling, rep, david];
    expect(context.messages).toHaveLength(12);
    context.messages.forEach((message, index) => {
      expect(message.providerMessageId).toBe(`UniqueMessageBody_${index + 1}`);
      expect(message.from).toEqual(senders[index % 3]);
      expect(message.date).toBe(local(11, 10 + index, 9 + (index % 3), 5));
      expect(message.snippet).toBe(index >= 9 ? `Round ${index + 1} of the pricing discussion.` : '');
      expect(message.to.length > 0).toBe(index >= 9);
    });
  });

  it('reads cc recipients, keeping a display name with a comma', () => {
    const context = contextOf(readFixture('outlook-office-cc.html'));
    expect(context.threadUrl).toBe(`https://outlook.cloud.microsoft/mail/inbox/id/${encodedId}`);
    expect(context.messages).toEqual([
      {
        providerMessageId: 'UniqueMessageBody_7',
        rfcMessageId: null,
        from: david,
        to: [rep, meiling],
        cc: [
          { name: 'Sarah Jones', address: 'sarah@globex.com' },
          { name: 'Chen, Amy', address: 'amy.chen@acme.com.tw' },
        ],
        date: local(11, 25, 15, 40),
        snippet: 'Looping in Sarah and Amy for the kick-off.',
      },
    ]);
  });

  it('reads a zh-TW mailbox: localized labels, Chinese names and dates', () => {
    const context = contextOf(readFixture('outlook-office-chinese.html'));
    expect(context.subject).toBe('報價單：200 套授權');
    expect(context.account).toBe('rep@contoso.com');
    expect(context.messages).toEqual([
      {
        providerMessageId: 'UniqueMessageBody_3',
        rfcMessageId: null,
        from: { name: '陳怡君', address: 'yijun.chen@acme.com.tw' },
        to: [],
        cc: [],
        date: local(11, 23, 16, 5),
        snippet: '',
      },
      {
        providerMessageId: 'UniqueMessageBody_4',
        rfcMessageId: null,
        from: { name: '王大明', address: 'daming.wang@acme.com.tw' },
        to: [rep, { name: '陳怡君', address: 'yijun.chen@acme.com.tw' }],
        cc: [],
        date: local(11, 24, 10, 12),
        snippet: '收到，我們下週二開會討論。 王大明',
      },
    ]);
  });

  it('reads outlook.live.com: the consumer account from the folder tree, rows without list roles', () => {
    const context = contextOf(readFixture('outlook-live.html'));
    expect(context.account).toBe('rep.live@outlook.com');
    expect(context.threadUrl).toBe(`https://outlook.live.com/mail/0/inbox/id/${encodedId}`);
    expect(
      context.messages.map((message) => [message.providerMessageId, message.from?.address, message.date]),
    ).toEqual([
      ['UniqueMessageBody_21', 'meiling.chen@acme.com.tw', local(11, 24, 10, 12)],
      ['UniqueMessageBody_22', 'rep.live@outlook.com', local(11, 24, 11, 30)],
    ]);
  });

  it('reads the single-message deeplink view, the item id standing for thread and message', () => {
    expect(readFixture('outlook-deeplink.html')).toEqual({
      status: 'thread',
      context: {
        ...(quoteConversation.status === 'thread' ? quoteConversation.context : {}),
        threadId: OUTLOOK_DEEPLINK_ITEM_ID,
        threadUrl: `https://outlook.office.com/mail/deeplink/read/${encodeURIComponent(OUTLOOK_DEEPLINK_ITEM_ID)}`,
        messages: [{ ...quoteMessage, providerMessageId: OUTLOOK_DEEPLINK_ITEM_ID }],
      },
    });
    const byParameter = `https://outlook.office.com/owa/?ItemID=${encodeURIComponent(OUTLOOK_DEEPLINK_ITEM_ID)}&viewmodel=ReadMessageItem`;
    expect(contextOf(readFixture('outlook-deeplink.html', byParameter)).threadId).toBe(
      OUTLOOK_DEEPLINK_ITEM_ID,
    );
  });

  it('reports no thread on the list with nothing selected', () => {
    expect(readFixture('outlook-office-list.html')).toEqual({
      status: 'no-thread',
      provider: 'outlook',
      account: 'rep@contoso.com',
    });
  });

  it('says which part it could not read when the markup is gone', () => {
    expect(readFixture('outlook-office-broken.html')).toEqual({
      status: 'unreadable',
      provider: 'outlook',
      reason: 'outlook.message.date',
    });
    // The URL names a conversation but no reading pane rendered.
    expect(readFixture('outlook-office-list.html', FIXTURE_URLS['outlook-office-single.html'])).toEqual({
      status: 'unreadable',
      provider: 'outlook',
      reason: 'outlook.pane.conversation',
    });
  });
});

describe('the Outlook adapter on the hostile page', () => {
  it('stays within every limit, passes the schema and runs nothing', () => {
    const page = loadPage(hostileOutlookHtml(), HOSTILE_OUTLOOK_URL);
    const state = outlookAdapter.read(page.document, HOSTILE_OUTLOOK_URL);
    expect(mailPageStateSchema.parse(state)).toEqual(state);
    const context = contextOf(state);
    expect(context.threadId).toBe('AAQkHostile=');
    expect(context.subject.length).toBeLessThanOrEqual(MAIL_LIMITS.subject);
    expect(context.messages).toHaveLength(480);
    const newestFirst = context.messages.find((message) => message.to.length === 500);
    expect(newestFirst?.cc).toEqual([{ name: 'Chen, Amy', address: 'amy@x.tw' }]);
    for (const message of context.messages) {
      for (const participant of [message.from, ...message.to, ...message.cc]) {
        if (participant) expect(participant.name.length).toBeLessThanOrEqual(MAIL_LIMITS.name);
      }
    }
    expect((page.window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});

describe('reading message bodies from the Outlook page', () => {
  const singleUrl = FIXTURE_URLS['outlook-office-single.html'];

  function idsAndBodies(html: string, url: string, extraIds: string[] = []) {
    const { document } = loadPage(html, url);
    const ids = contextOf(outlookAdapter.read(document, url)).messages.map(
      (message) => message.providerMessageId,
    );
    return { ids, bodies: readOutlookBodies(document, [...ids, ...extraIds], url) };
  }

  /** A one-message conversation whose body is this markup. */
  function conversationWithBody(bodyHtml: string): string {
    return outlookPageHtml({
      comment: 'Generated in read-outlook.test.ts.',
      lang: 'en-US',
      host: 'office',
      account: { name: 'Rep Name', email: 'rep@contoso.com' },
      list: [
        {
          convId: OUTLOOK_CONVERSATION_ID,
          from: 'Chen Mei-Ling',
          subject: 'Quote',
          preview: '',
          selected: true,
        },
      ],
      conversation: {
        subject: 'Quote',
        messages: [
          {
            idPrefix: 'UniqueMessageBody_1',
            expanded: true,
            from: { name: 'Chen Mei-Ling', email: 'meiling.chen@acme.com.tw' },
            to: [{ name: 'Rep Name', email: 'rep@contoso.com' }],
            date: 'Tue 11/24/2026 10:12 AM',
            bodyHtml,
          },
        ],
      },
    });
  }

  it('reads the open message as plain text by the adapter’s id, stopping at the reply header', () => {
    const { ids, bodies } = idsAndBodies(fixtureHtml('outlook-office-single.html'), singleUrl);
    expect(ids).toEqual(['UniqueMessageBody_1']);
    expect(bodies).toEqual(
      new Map([
        [
          'UniqueMessageBody_1',
          'Hi Rep,\nCould you send the revised quote for the 200 seats by Friday?\nMei-Ling',
        ],
      ]),
    );
  });

  it('drops the quoted mail Outlook puts after its reply header as siblings', () => {
    const { bodies } = idsAndBodies(
      conversationWithBody(
        '<div>Thursday works.</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Rep</div><div>Earlier mail, not quoted in a wrapper.</div>',
      ),
      singleUrl,
    );
    expect(bodies.get('UniqueMessageBody_1')).toBe('Thursday works.');
  });

  it('names the deeplink view’s message by its item id, as the adapter does', () => {
    const { ids, bodies } = idsAndBodies(
      fixtureHtml('outlook-deeplink.html'),
      FIXTURE_URLS['outlook-deeplink.html'],
    );
    expect(ids).toEqual([OUTLOOK_DEEPLINK_ITEM_ID]);
    expect([...bodies.keys()]).toEqual([OUTLOOK_DEEPLINK_ITEM_ID]);
  });

  it('leaves out collapsed messages and ids not on the page', () => {
    const { ids, bodies } = idsAndBodies(
      fixtureHtml('outlook-office-long.html'),
      FIXTURE_URLS['outlook-office-long.html'],
      ['UniqueMessageBody_99'],
    );
    expect(ids).toHaveLength(12);
    expect([...bodies.keys()].sort()).toEqual([
      'UniqueMessageBody_10',
      'UniqueMessageBody_11',
      'UniqueMessageBody_12',
    ]);
  });

  it('cuts a 10 MB body to 1,000,000 characters', () => {
    const { bodies } = idsAndBodies(
      conversationWithBody(`<div>${'Seats. '.repeat(1_500_000)}</div>`),
      singleUrl,
    );
    expect(bodies.get('UniqueMessageBody_1')).toHaveLength(BODY_LIMITS.perMessage);
  });

  it('gives hostile markup back as text, and reads the hostile page within the limits', () => {
    const escaped = escapeHtml(PAYLOADS.join(' '));
    const single = idsAndBodies(
      conversationWithBody(
        `<div>${escaped}</div><script>window.__pwned=1</script><img src="x" onerror="window.__pwned=1">`,
      ),
      singleUrl,
    );
    expect(single.bodies.get('UniqueMessageBody_1')).toBe(PAYLOADS.join(' '));

    const hostile = idsAndBodies(hostileOutlookHtml(), HOSTILE_OUTLOOK_URL);
    expect(hostile.bodies.size).toBe(160);
    for (const body of hostile.bodies.values()) expect(body).not.toContain(PAYLOADS.join(' '));
  });
});
