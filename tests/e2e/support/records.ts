import { reminderOutcome } from '../../../demo/data/reminder-outcome';
import { emptyBackup } from '../../../lib/extension/backup/format';
import { defaultPipeline } from '../../../lib/extension/pipeline/default-pipeline';
import {
  type Activity,
  type Company,
  type Contact,
  type Deal,
  newId,
  type Pipeline,
  type Reminder,
  type Settings,
} from '../../../lib/shared/model';
import { contactRecord, dealRecord, recordBase, stageIdNamed } from './record-builders';

export type Crm = {
  companies: Company[];
  contacts: Contact[];
  pipelines: Pipeline[];
  deals: Deal[];
  activities: Activity[];
  reminders: Reminder[];
};

/** What the sidebar's summary should say for `sampleCrm()`: tombstones, won deals and done reminders do not count. */
export const SAMPLE_SUMMARY_LINES = ['3 contacts', '2 companies', '1 open deal', '1 pending reminder'];

const DAY = 24 * 60 * 60 * 1000;

/**
 * A small CRM that touches every collection: two companies, three live contacts and one
 * deleted one, an open and a won deal, a note, a pending and a done reminder.
 */
export function sampleCrm(now: number = Date.UTC(2026, 0, 15, 9, 0)): Crm {
  const base = () => recordBase(now);
  const ownerId = newId(now);
  const pipeline = defaultPipeline('en', now);

  const acme: Company = { ...base(), name: 'Acme Trading', domains: ['acme.com.tw'], notes: '' };
  const globex: Company = { ...base(), name: 'Globex', domains: ['globex.com'], notes: 'Pilot customer' };
  const contact = (name: string, email: string, company: Company, deleted = false): Contact =>
    contactRecord(now, { deleted, name, emails: [email], companyId: company.id });
  const meiLing = contact('Chen Mei-Ling 陳美玲', 'meiling.chen@acme.com.tw', acme);
  const david = contact('David Lin', 'david.lin@acme.com.tw', acme);
  const sarah = contact('Sarah Jones', 'sarah@globex.com', globex);
  const departed = contact('Old Contact', 'old@globex.com', globex, true);

  const deal = (fields: Partial<Deal> & Pick<Deal, 'title' | 'stageId' | 'status'>): Deal =>
    dealRecord(now, { companyId: acme.id, pipelineId: pipeline.id, ownerId, ...fields });
  const seats = deal({
    title: 'Acme: 200 seats',
    stageId: stageIdNamed(pipeline, 'Proposal'),
    status: 'open',
    contactIds: [meiLing.id, david.id],
    amount: 120_000,
    expectedCloseDate: '2026-03-31',
    nextStep: { text: 'Send the revised quote', dueDate: '2026-01-20' },
  });
  const pilot = deal({
    title: 'Globex pilot',
    stageId: stageIdNamed(pipeline, 'Won'),
    status: 'won',
    companyId: globex.id,
    contactIds: [sarah.id],
    amount: 5_000,
    currency: 'USD',
  });

  const note: Activity = {
    ...base(),
    kind: 'note',
    dealId: seats.id,
    contactIds: [meiLing.id],
    companyId: acme.id,
    occurredAt: now,
    authorId: ownerId,
    private: false,
    text: 'Wants volume pricing before the end of the quarter.',
  };
  const reminder = (title: string, status: Reminder['status']): Reminder => ({
    ...base(),
    dueAt: now + 3 * DAY,
    title,
    note: '',
    dealId: seats.id,
    contactId: meiLing.id,
    thread: null,
    status,
    onlyIfNoReply: false,
    ...reminderOutcome(status === 'done', now),
  });

  return {
    companies: [acme, globex],
    contacts: [meiLing, david, sarah, departed],
    pipelines: [pipeline],
    deals: [seats, pilot],
    activities: [note],
    reminders: [reminder('Follow up on the quote', 'pending'), reminder('Call David', 'done')],
  };
}

/** A backup file's content, built here rather than exported, so a test can break it on purpose. */
export function backupOf(crm: Crm, settings: Settings | null, exportedAt: Date = new Date()): unknown {
  return { ...emptyBackup(exportedAt), settings, ...crm };
}
