import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/extension/db/settings';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import { newId } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeReminder, NOW } from '@/tests/unit/records';
import { recordRepliesSeen } from './replies-seen';

const HOUR = 3_600_000;
const THREAD = {
  provider: 'gmail' as const,
  account: 'rep@example.com',
  threadId: 'FMfcgzQXJWDsKmNqFvZqgFZBhpWGWtjx',
  threadUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmNqFvZqgFZBhpWGWtjx',
  subject: 'Quote for 200 seats',
};

function context(messages: { from: string; date: number }[]): OpenThread {
  return {
    provider: 'gmail',
    account: 'rep@example.com',
    threadId: THREAD.threadId,
    subject: THREAD.subject,
    threadUrl: THREAD.threadUrl,
    messages: messages.map(({ from, date }, index) => ({
      providerMessageId: `m${index}`,
      rfcMessageId: null,
      from: { name: '', address: from },
      to: [],
      cc: [],
      date,
      snippet: '',
    })),
  };
}

describe('recordRepliesSeen', () => {
  it('stores the newest message date from the other party on the open "only if no reply" reminders of the thread', async () => {
    const database = isolatedDatabase('replies-seen');
    await database.settings.add({
      ...defaultSettings('en', NOW),
      user: { id: newId(), name: '', email: 'me@work.example' },
    });
    const watching = makeReminder({ id: newId(NOW), onlyIfNoReply: true, thread: THREAD });
    const notWatching = makeReminder({ id: newId(NOW), thread: THREAD });
    const otherThread = makeReminder({
      id: newId(NOW),
      onlyIfNoReply: true,
      thread: { ...THREAD, threadId: 'another' },
    });
    const done = makeReminder({ id: newId(NOW), onlyIfNoReply: true, thread: THREAD, status: 'done' });
    await database.reminders.bulkAdd([watching, notWatching, otherThread, done]);

    const page = context([
      { from: 'meiling.chen@acme.com.tw', date: NOW + HOUR },
      { from: 'rep@example.com', date: NOW + 2 * HOUR },
      { from: 'me@work.example', date: NOW + 3 * HOUR },
    ]);
    expect(await recordRepliesSeen(database, page, NOW + 4 * HOUR)).toBe(1);
    expect((await database.reminders.get(watching.id))?.replySeenAt).toBe(NOW + HOUR);
    for (const untouched of [notWatching, otherThread, done])
      expect((await database.reminders.get(untouched.id))?.replySeenAt).toBeNull();
    // The same page reported again changes nothing.
    expect(await recordRepliesSeen(database, page, NOW + 5 * HOUR)).toBe(0);
    expect(
      await recordRepliesSeen(database, context([{ from: 'rep@example.com', date: NOW + 9 * HOUR }])),
    ).toBe(0);
    database.close();
  });
});
