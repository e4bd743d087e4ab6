import { describe, expect, it } from 'vitest';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { EmailActivity } from '@/lib/shared/model';
import { makeDeal, makeEmailActivity, makePipeline, makeReminder, NOW } from '@/tests/unit/records';
import { hasReplied, newestReplyDate, ownMailboxes, updatedReplySeenAt } from './reply-rule';

const HOUR = 3_600_000;
const THREAD = {
  provider: 'gmail' as const,
  account: 'rep@example.com',
  threadId: '18c2f0a1b2c3d4e5',
  threadUrl: 'https://mail.google.com/mail/u/0/#inbox/18c2f0a1b2c3d4e5',
  subject: '報價單確認',
};
const own = ownMailboxes(['Rep@Example.com', 'xiao.ming+crm@gmail.com', null, '']);
const deal = makeDeal(makePipeline());

function loggedEmail(fields: {
  from?: string;
  at?: number;
  threadId?: string;
  provider?: 'gmail' | 'outlook';
}) {
  const activity = makeEmailActivity(deal, { occurredAt: fields.at ?? NOW + HOUR }) as EmailActivity;
  return {
    ...activity,
    email: {
      ...activity.email,
      provider: fields.provider ?? 'gmail',
      threadId: fields.threadId ?? THREAD.threadId,
      from: { name: '', address: fields.from ?? 'yijun.chen@hongda.com.tw' },
    },
  };
}

function message(from: string | null, date: number | null) {
  return {
    providerMessageId: `m${date}`,
    rfcMessageId: null,
    from: from === null ? null : { name: '', address: from },
    to: [],
    cc: [],
    date,
    snippet: '',
  };
}

describe('reply detection', () => {
  it('knows the user by the settings address and the account, Gmail dots and +tags ignored', () => {
    expect([...own].sort()).toEqual(['rep@example.com', 'xiaoming@gmail.com']);
  });

  it('takes the newest dated message from someone else on the page', () => {
    const context: OpenThread = {
      provider: 'gmail',
      account: 'rep@example.com',
      threadId: THREAD.threadId,
      subject: '',
      threadUrl: THREAD.threadUrl,
      messages: [
        message('yijun.chen@hongda.com.tw', NOW + HOUR),
        message('yijun.chen@hongda.com.tw', NOW + 2 * HOUR),
        message('rep@example.com', NOW + 5 * HOUR),
        message('x.iaoming@gmail.com', NOW + 6 * HOUR),
        message(null, NOW + 7 * HOUR),
        message('buyer@hongda.com.tw', null),
      ],
    };
    expect(newestReplyDate(context, own)).toBe(NOW + 2 * HOUR);
    expect(newestReplyDate({ ...context, messages: context.messages.slice(2) }, own)).toBeNull();
  });

  it('counts a reply seen on the page only when it is newer than the reminder', () => {
    const reminder = makeReminder({ createdAt: NOW, thread: THREAD });
    expect(hasReplied({ ...reminder, replySeenAt: NOW + 1 }, [], own)).toBe(true);
    expect(hasReplied({ ...reminder, replySeenAt: NOW }, [], own)).toBe(false);
    expect(hasReplied({ ...reminder, replySeenAt: NOW - HOUR }, [], own)).toBe(false);
    expect(hasReplied({ ...reminder, thread: null, replySeenAt: NOW + HOUR }, [], own)).toBe(true);
  });

  it('counts a logged email only on the same thread, from someone else, after the reminder was set', () => {
    const reminder = makeReminder({ createdAt: NOW, thread: THREAD });
    expect(hasReplied(reminder, [loggedEmail({})], own)).toBe(true);
    expect(hasReplied(reminder, [loggedEmail({ from: 'REP@example.com' })], own)).toBe(false);
    expect(hasReplied(reminder, [loggedEmail({ from: 'xiaoming@googlemail.com' })], own)).toBe(false);
    expect(hasReplied(reminder, [loggedEmail({ at: NOW })], own)).toBe(false);
    expect(hasReplied(reminder, [loggedEmail({ threadId: 'another' })], own)).toBe(false);
    expect(hasReplied(reminder, [loggedEmail({ provider: 'outlook' })], own)).toBe(false);
    expect(hasReplied(reminder, [{ ...loggedEmail({}), deleted: true }], own)).toBe(false);
    expect(hasReplied({ ...reminder, thread: null }, [loggedEmail({})], own)).toBe(false);
    expect(hasReplied(reminder, [], own)).toBe(false);
  });

  it('only moves replySeenAt forward', () => {
    expect(updatedReplySeenAt({ replySeenAt: null }, NOW)).toBe(NOW);
    expect(updatedReplySeenAt({ replySeenAt: NOW }, NOW + 1)).toBe(NOW + 1);
    expect(updatedReplySeenAt({ replySeenAt: NOW }, NOW)).toBeNull();
    expect(updatedReplySeenAt({ replySeenAt: NOW }, NOW - 1)).toBeNull();
  });
});
