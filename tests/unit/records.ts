import { UNFIRED_REMINDER } from '@/demo/data/reminder-outcome';
import { defaultPipeline } from '@/lib/extension/pipeline/default-pipeline';
import {
  type Activity,
  type Company,
  type Contact,
  type Deal,
  emailMessageKey,
  newId,
  type Pipeline,
  type Reminder,
} from '@/lib/shared/model';

/** Small, valid records for unit tests; override any field to make an invalid one. */
export const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

function base(now = NOW) {
  return { id: newId(now), createdAt: now, updatedAt: now, deleted: false };
}

export function makeCompany(fields: Partial<Company> = {}): Company {
  return { ...base(), name: '宏達精密股份有限公司', domains: ['hongda.com.tw'], notes: '', ...fields };
}

export function makeContact(fields: Partial<Contact> = {}): Contact {
  return {
    ...base(),
    name: '陳怡君',
    emails: ['yijun.chen@hongda.com.tw'],
    companyId: null,
    jobTitle: '採購經理',
    phone: '+886 2 2345 6789 #123',
    notes: '',
    ...fields,
  };
}

export function makePipeline(): Pipeline {
  return defaultPipeline('zh-TW', NOW);
}

export function makeDeal(pipeline: Pipeline, fields: Partial<Deal> = {}): Deal {
  const firstStage = pipeline.stages[0];
  if (!firstStage) throw new Error('pipeline without stages');
  return {
    ...base(),
    title: 'MES 系統導入',
    companyId: null,
    contactIds: [],
    pipelineId: pipeline.id,
    stageId: firstStage.id,
    stageEnteredAt: NOW,
    amount: 1_200_000,
    currency: 'TWD',
    expectedCloseDate: '2026-12-31',
    closeDatePushes: 0,
    ownerId: newId(),
    nextStep: { text: '安排產線參訪', dueDate: '2026-12-01' },
    status: 'open',
    lostReason: null,
    checklistDone: [],
    ...fields,
  };
}

export function makeEmailActivity(
  deal: Deal,
  fields: Partial<Extract<Activity, { kind: 'email' }>> = {},
): Activity {
  const email = {
    provider: 'gmail' as const,
    providerMessageId: '18c2f0a1b2c3d4e5',
    rfcMessageId: 'CAF=abc123@mail.gmail.com',
    threadId: '18c2f0a1b2c3d4e5',
    threadUrl: 'https://mail.google.com/mail/u/0/#inbox/18c2f0a1b2c3d4e5',
    from: { name: '陳怡君', address: 'yijun.chen@hongda.com.tw' },
    to: [{ name: 'Xiaoming Wang', address: 'xiaoming.wang@example.com' }],
    cc: [],
    subject: '報價單確認',
    snippet: '附件為修正後的報價單',
    body: null,
  };
  return {
    ...base(),
    kind: 'email',
    dealId: deal.id,
    contactIds: deal.contactIds,
    companyId: deal.companyId,
    occurredAt: NOW,
    authorId: deal.ownerId,
    private: false,
    email,
    messageKey: emailMessageKey(deal.id, email),
    ...fields,
  };
}

export function makeReminder(fields: Partial<Reminder> = {}): Reminder {
  return {
    ...base(),
    dueAt: NOW + 3 * 24 * 3600_000,
    title: 'Follow up on the quote',
    note: '',
    dealId: null,
    contactId: null,
    thread: null,
    status: 'pending',
    onlyIfNoReply: false,
    ...UNFIRED_REMINDER,
    ...fields,
  };
}
