import { addDays, format } from 'date-fns';
import { defaultPipeline } from '../../../lib/extension/pipeline/default-pipeline';
import {
  type Activity,
  type Company,
  type Contact,
  type Deal,
  defaultReportingSettings,
  newId,
  type Settings,
} from '../../../lib/shared/model';
import type { RecordsByTable } from './database';
import { contactRecord, dealRecord, recordBase, stageIdNamed } from './record-builders';

/** A calendar date `days` from today (negative: in the past), as the sidebar compares them. */
export function dayFromToday(days: number): string {
  return format(addDays(new Date(), days), 'yyyy-MM-dd');
}

/**
 * A CRM for the sidebar's thread tests: the rep (王小明) at sensecloud.com.tw; Acme with a contact
 * deal and a company-only deal (both open), a won deal and four activities; 宏達精密 with one deal.
 */
export function sidebarCrm(now: number = Date.now()) {
  const base = () => recordBase(now);
  const userId = newId(now);
  const settings: Settings = {
    id: 'settings',
    updatedAt: now,
    user: { id: userId, name: '王小明 Wang', email: 'rep@sensecloud.com.tw' },
    ownDomains: ['sensecloud.com.tw'],
    defaultCurrency: 'TWD',
    language: 'en',
    neverLog: [],
    logEmailBodies: false,
    autoLogOpenDeals: false,
    lostReasons: null,
    reporting: defaultReportingSettings('TWD'),
  };
  const pipeline = defaultPipeline('en', now);
  const acme: Company = { ...base(), name: 'Acme Trading', domains: ['acme.com.tw'], notes: '' };
  const hongda: Company = { ...base(), name: '宏達精密股份有限公司', domains: ['hongda.com.tw'], notes: '' };
  const contact = (name: string, email: string, company: Company, jobTitle = ''): Contact =>
    contactRecord(now, { name, emails: [email], companyId: company.id, jobTitle });
  const meiLing = contact('Chen Mei-Ling 陳美玲', 'meiling.chen@acme.com.tw', acme, 'Purchasing Manager');
  const david = contact('David Lin', 'david.lin@acme.com.tw', acme);
  const chihMing = contact('林志明', 'cm.lin@hongda.com.tw', hongda, '資訊部經理');

  const deal = (fields: Partial<Deal> & Pick<Deal, 'title' | 'stageId'>): Deal =>
    dealRecord(now, { companyId: acme.id, pipelineId: pipeline.id, ownerId: userId, ...fields });
  const seats = deal({
    title: 'Acme: 200 seats',
    stageId: stageIdNamed(pipeline, 'Proposal'),
    contactIds: [meiLing.id, david.id],
    amount: 1_200_000,
    expectedCloseDate: dayFromToday(30),
    nextStep: { text: 'Send the revised quote', dueDate: dayFromToday(-2) },
  });
  const renewal = deal({
    title: 'Acme: support renewal',
    stageId: stageIdNamed(pipeline, 'Negotiation'),
    amount: 8_500,
    currency: 'USD',
    expectedCloseDate: dayFromToday(-5),
    ownerId: newId(now),
    nextStep: { text: 'Confirm the PO number', dueDate: dayFromToday(7) },
  });
  const pilot = deal({
    title: 'Acme: pilot',
    stageId: stageIdNamed(pipeline, 'Won'),
    status: 'won',
    contactIds: [meiLing.id],
    amount: 50_000,
  });
  const mes = deal({
    title: '宏達 MES 系統導入',
    stageId: stageIdNamed(pipeline, 'Qualified'),
    companyId: hongda.id,
    contactIds: [chihMing.id],
    amount: 3_600_000,
    expectedCloseDate: dayFromToday(60),
    nextStep: { text: '安排產線參訪', dueDate: dayFromToday(3) },
  });

  const day = 24 * 60 * 60 * 1000;
  const links = { dealId: seats.id, contactIds: [meiLing.id], companyId: acme.id, authorId: userId };
  const activities: Activity[] = [
    {
      ...base(),
      ...links,
      occurredAt: now - 20 * day,
      kind: 'note',
      text: 'First call: 200 seats, budget approved.',
    },
    {
      ...base(),
      ...links,
      occurredAt: now - 10 * day,
      kind: 'stage-change',
      fromStageId: stageIdNamed(pipeline, 'Qualified'),
      toStageId: stageIdNamed(pipeline, 'Proposal'),
      skippedChecklistItemIds: [],
    },
    {
      ...base(),
      ...links,
      occurredAt: now - 3 * day,
      kind: 'call',
      durationMinutes: 20,
      outcome: 'Wants volume pricing',
      text: '',
    },
    {
      ...base(),
      ...links,
      occurredAt: now - day,
      kind: 'email',
      messageKey: `${seats.id}|gmail:quote-1`,
      email: {
        provider: 'gmail',
        providerMessageId: 'quote-1',
        rfcMessageId: null,
        threadId: 'thread-acme',
        threadUrl: 'https://mail.google.com/mail/u/0/#inbox/thread-acme',
        from: { name: 'Chen Mei-Ling', address: 'meiling.chen@acme.com.tw' },
        to: [{ name: 'Rep', address: 'rep@sensecloud.com.tw' }],
        cc: [],
        subject: 'Quote for 200 seats',
        snippet: 'Could you send the revised quote by Friday?',
        body: null,
      },
    },
  ];

  const records: RecordsByTable = {
    settings: [settings],
    pipelines: [pipeline],
    companies: [acme, hongda],
    contacts: [meiLing, david, chihMing],
    deals: [seats, renewal, pilot, mes],
    activities,
  };
  return { records, settings, pipeline, acme, hongda, meiLing, david, chihMing, seats, renewal, pilot, mes };
}
