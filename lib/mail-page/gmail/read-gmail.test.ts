import { describe, expect, it } from 'vitest';
import { contextOf, fixtureReader, localTime } from '../../../tests/fixtures/mail/fixture-reader';
import { hostileGmailHtml, PAYLOADS } from '../../../tests/fixtures/mail/hostile-pages';
import { fixtureHtml } from '../../../tests/fixtures/mail/load-fixture';
import { escapeHtml, type GmailMessage, gmailPageHtml } from '../../../tests/fixtures/mail/markup';
import { FIXTURE_URLS, HOSTILE_GMAIL_URL } from '../../../tests/fixtures/mail/urls';
import { MAIL_LIMITS, type MailPageState, mailPageStateSchema } from '../mail-page-state';
import { BODY_LIMITS } from '../message-bodies';
import { gmailAdapter, readGmailBodies } from './read-gmail';

const { readFixture, loadPage } = fixtureReader(gmailAdapter);
const local = localTime;

const rep = { name: 'Rep', address: 'rep@example.com' };
const meiling = { name: 'Chen Mei-Ling', address: 'meiling.chen@acme.com.tw' };
const david = { name: 'David Lin', address: 'david.lin@acme.com.tw' };

const quoteMessage = {
  providerMessageId: '19a5e0c1b2c3d4e5',
  rfcMessageId: null,
  from: meiling,
  to: [rep],
  cc: [],
  date: local(11, 24, 10, 12),
  snippet: 'Hi Rep, Could you send the revised quote for the 200 seats by Friday? Thanks, Mei-Ling',
};

const quoteThread: MailPageState = {
  status: 'thread',
  context: {
    provider: 'gmail',
    account: 'rep@example.com',
    threadId: '19a5e0c1b2c3d4e5',
    subject: 'Quote for 200 seats',
    threadUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmNqFvZqgFZBhpWGWtjx',
    messages: [quoteMessage],
  },
};

describe('the Gmail adapter on dated fixtures (2026-11-26)', () => {
  it('reads a single-message thread, leaving quoted history out of the snippet', () => {
    expect(readFixture('gmail-single-message.html')).toEqual(quoteThread);
  });

  it('does not read an open reply draft as a message', () => {
    expect(readFixture('gmail-reply-draft.html')).toEqual(quoteThread);
  });

  it('reads all 12 messages of a long thread, collapsed and folded ones included, oldest first', () => {
    const context = contextOf(readFixture('gmail-long-thread.html'));
    expect(context.threadId).toBe('19a5f1a000000000');
    expect(context.subject).toBe('Pricing rounds');
    // The canonical URL reopens the thread from any view (here it was opened from a label).
    expect(context.threadUrl).toBe(
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXKbTxPlmRnVcWqSdHhNgLbCvB',
    );
    const senders = [meiling, rep, david];
    expect(context.messages).toHaveLength(12);
    context.messages.forEach((message, index) => {
      expect(message.providerMessageId).toBe(
        `19a5f1${(0xa0 + index).toString(16)}00000${index.toString(16)}`,
      );
      expect(message.from).toEqual(senders[index % 3]);
      expect(message.date).toBe(local(11, 10 + index, 9 + (index % 3), 5));
      expect(message.snippet).toBe(
        index >= 9
          ? `Round ${index + 1} of the pricing discussion.`
          : `Round ${index + 1} of the pricing discussion`,
      );
      // Collapsed messages show no recipients; expanded ones do.
      expect(message.to.length > 0).toBe(index >= 9);
    });
  });

  it('separates cc from to using the details table, keeping a quoted name with a comma', () => {
    expect(readFixture('gmail-cc.html')).toEqual({
      status: 'thread',
      context: {
        provider: 'gmail',
        account: 'rep@example.com',
        threadId: 'thread-f:1849940000000000001',
        subject: 'Kick-off',
        threadUrl: 'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXKcCcRrTtYyUuIiOoPpAaSsDd',
        messages: [
          {
            providerMessageId: '19a5f2b000000001',
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
        ],
      },
    });
  });

  it('reads Chinese names and zh-TW dates', () => {
    expect(readFixture('gmail-chinese.html')).toEqual({
      status: 'thread',
      context: {
        provider: 'gmail',
        account: 'rep@example.com',
        threadId: '19a5f3c000000001',
        subject: '報價單：200 套授權',
        threadUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXLZhTwChInEsEnAmEsAbCdEfG',
        messages: [
          {
            providerMessageId: '19a5f3c000000001',
            rfcMessageId: null,
            from: { name: '陳怡君', address: 'yijun.chen@acme.com.tw' },
            to: [],
            cc: [],
            date: local(11, 23, 16, 5),
            snippet: '您好，附上報價單，請參考。',
          },
          {
            providerMessageId: '19a5f3c000000002',
            rfcMessageId: null,
            from: { name: '王大明', address: 'daming.wang@acme.com.tw' },
            to: [rep, { name: '陳怡君', address: 'yijun.chen@acme.com.tw' }],
            cc: [],
            date: local(11, 24, 10, 12),
            snippet: '收到，我們下週二開會討論。 王大明',
          },
        ],
      },
    });
  });

  it('reports no thread on the inbox list', () => {
    expect(readFixture('gmail-inbox.html')).toEqual({
      status: 'no-thread',
      provider: 'gmail',
      account: 'rep@example.com',
    });
  });

  it('still reads a thread through attribute fallbacks when every class name changed', () => {
    const context = contextOf(readFixture('gmail-renamed-classes.html'));
    expect(context.threadId).toBe('thread-f:1849940000000000001');
    expect(context.subject).toBe('Kick-off');
    expect(context.messages).toEqual([
      {
        providerMessageId: '19a5f2b000000001',
        rfcMessageId: null,
        from: david,
        to: [rep, meiling],
        cc: [],
        date: local(11, 25, 15, 40),
        snippet: 'Looping in Sarah and Amy for the kick-off.',
      },
    ]);
  });

  it('says which part it could not read when the markup is gone', () => {
    expect(readFixture('gmail-broken.html')).toEqual({
      status: 'unreadable',
      provider: 'gmail',
      reason: 'gmail.thread.subject',
    });
  });

  it('treats a thread URL without thread markup yet as unreadable, and a non-Gmail URL as unreadable', () => {
    expect(readFixture('gmail-inbox.html', FIXTURE_URLS['gmail-single-message.html'])).toMatchObject({
      status: 'unreadable',
    });
    expect(readFixture('gmail-inbox.html', 'https://example.com/')).toEqual({
      status: 'unreadable',
      provider: 'gmail',
      reason: 'gmail.url',
    });
  });

  it('never throws, even on a document that throws when read', () => {
    const exploding = new Proxy({} as Document, {
      get() {
        throw new Error('boom');
      },
    });
    expect(gmailAdapter.read(exploding, FIXTURE_URLS['gmail-single-message.html'])).toEqual({
      status: 'unreadable',
      provider: 'gmail',
      reason: 'gmail.exception',
    });
  });
});

describe('the Gmail adapter on the hostile page', () => {
  it('stays within every limit, passes the schema and runs nothing', () => {
    const page = loadPage(hostileGmailHtml(), HOSTILE_GMAIL_URL);
    const state = gmailAdapter.read(page.document, HOSTILE_GMAIL_URL);
    expect(mailPageStateSchema.parse(state)).toEqual(state);
    const context = contextOf(state);
    expect(context.subject.length).toBeLessThanOrEqual(MAIL_LIMITS.subject);
    expect(context.subject).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(context.messages.length).toBe(480);
    const [first] = context.messages;
    expect(first?.to).toHaveLength(500);
    expect(first?.cc).toEqual([{ name: '"Chen, Amy" <amy@x.tw>', address: 'amy@x.tw' }]);
    for (const message of context.messages) {
      for (const participant of [message.from, ...message.to, ...message.cc]) {
        if (!participant) continue;
        expect(participant.name.length).toBeLessThanOrEqual(MAIL_LIMITS.name);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking they were removed
        expect(participant.name).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
      }
      expect(message.snippet.length).toBeLessThanOrEqual(MAIL_LIMITS.snippet);
    }
    // Malformed senders are dropped (null), not thrown on.
    expect(context.messages.some((message) => message.from === null)).toBe(true);
    expect((page.window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});

describe('reading message bodies from the Gmail page', () => {
  const singleUrl = FIXTURE_URLS['gmail-single-message.html'];

  function idsAndBodies(html: string, url: string, extraIds: string[] = []) {
    const { document } = loadPage(html, url);
    const ids = contextOf(gmailAdapter.read(document, url)).messages.map(
      (message) => message.providerMessageId,
    );
    return { ids, bodies: readGmailBodies(document, [...ids, ...extraIds]) };
  }

  /** A one-message thread whose body is this markup. */
  function threadWithBody(bodyHtml: string): string {
    const message: GmailMessage = {
      legacyId: '19a5e0c1b2c3d4e5',
      permId: 'msg-f:1849921043311350245',
      state: 'expanded',
      from: { name: 'Chen Mei-Ling', email: 'meiling.chen@acme.com.tw' },
      to: [{ name: 'Rep', email: 'rep@example.com' }],
      dateTitle: 'Tue, Nov 24, 2026, 10:12 AM',
      dateShort: '10:12 AM',
      bodyHtml,
    };
    return gmailPageHtml({
      comment: 'Generated in read-gmail.test.ts.',
      lang: 'en',
      account: { name: 'Rep', email: 'rep@example.com' },
      title: 'Quote for 200 seats - rep@example.com - Gmail',
      thread: { subject: 'Quote for 200 seats', legacyThreadId: '19a5e0c1b2c3d4e5', messages: [message] },
    });
  }

  it('reads the open message as plain text by the adapter’s id, lines kept, quoted history left out', () => {
    const { ids, bodies } = idsAndBodies(fixtureHtml('gmail-single-message.html'), singleUrl);
    expect(ids).toEqual(['19a5e0c1b2c3d4e5']);
    expect(bodies).toEqual(
      new Map([
        [
          '19a5e0c1b2c3d4e5',
          'Hi Rep,\n\nCould you send the revised quote for the 200 seats by Friday?\nThanks,\nMei-Ling',
        ],
      ]),
    );
  });

  it('leaves out collapsed messages, ids not on the page and reply drafts', () => {
    const long = idsAndBodies(fixtureHtml('gmail-long-thread.html'), FIXTURE_URLS['gmail-long-thread.html'], [
      'not-on-the-page',
    ]);
    expect([...long.bodies.keys()]).toEqual(long.ids.slice(9));
    expect(long.bodies.get(long.ids[11] as string)).toBe('Round 12 of the pricing discussion.');

    const draft = idsAndBodies(
      fixtureHtml('gmail-reply-draft.html'),
      FIXTURE_URLS['gmail-reply-draft.html'],
      ['msg-a:r-4217731170951243817'],
    );
    expect([...draft.bodies.keys()]).toEqual(['19a5e0c1b2c3d4e5']);
  });

  it('cuts a 10 MB body to 1,000,000 characters', () => {
    const { bodies } = idsAndBodies(
      threadWithBody(`<div dir="ltr">${'Seats. '.repeat(1_500_000)}</div>`),
      singleUrl,
    );
    const body = bodies.get('19a5e0c1b2c3d4e5') ?? '';
    expect(body).toHaveLength(BODY_LIMITS.perMessage);
    expect(body.startsWith('Seats. Seats.')).toBe(true);
  });

  it('gives hostile markup back as text: tags in the body are never markup, scripts and images add nothing', () => {
    const escaped = escapeHtml(PAYLOADS.join(' '));
    const { bodies } = idsAndBodies(
      threadWithBody(
        `<div dir="auto">${escaped}</div><script>window.__pwned=1</script><img src="x" onerror="window.__pwned=1">`,
      ),
      singleUrl,
    );
    expect(bodies.get('19a5e0c1b2c3d4e5')).toBe(PAYLOADS.join(' '));
  });

  it('reads the hostile page’s expanded bodies within the limits, without their quoted payloads', () => {
    const { ids, bodies } = idsAndBodies(hostileGmailHtml(), HOSTILE_GMAIL_URL);
    expect(bodies.size).toBe(ids.filter((_id, index) => index % 3 === 0).length);
    for (const body of bodies.values()) {
      expect(body.length).toBeLessThanOrEqual(BODY_LIMITS.perMessage);
      expect(body).not.toContain(PAYLOADS.join(' '));
    }
  });
});
