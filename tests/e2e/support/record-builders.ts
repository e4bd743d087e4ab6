import { UNFIRED_REMINDER } from '../../../demo/data/reminder-outcome';
import { type Contact, type Deal, newId, type Pipeline, type Reminder } from '../../../lib/shared/model';

/** What every stored record has: a fresh id, stamped `now`, not deleted. */
export function recordBase(now: number) {
  return { id: newId(now), createdAt: now, updatedAt: now, deleted: false };
}

export function stageIdNamed(pipeline: Pipeline, name: string): string {
  const stage = pipeline.stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`The default pipeline has no stage ${name}`);
  return stage.id;
}

/** A contact with no job title, phone or notes unless `fields` gives them. */
export function contactRecord(
  now: number,
  fields: Partial<Contact> & Pick<Contact, 'name' | 'emails' | 'companyId'>,
): Contact {
  return { ...recordBase(now), jobTitle: '', phone: '', notes: '', ...fields };
}

/** An open deal entering its stage `now`, with no amount, close date or next step unless `fields` gives them. */
export function dealRecord(
  now: number,
  fields: Partial<Deal> & Pick<Deal, 'title' | 'stageId' | 'companyId' | 'pipelineId' | 'ownerId'>,
): Deal {
  return {
    ...recordBase(now),
    contactIds: [],
    stageEnteredAt: now,
    amount: 0,
    currency: 'TWD',
    expectedCloseDate: null,
    closeDatePushes: 0,
    nextStep: null,
    status: 'open',
    lostReason: null,
    checklistDone: [],
    ...fields,
  };
}

/** A pending manual reminder with no deal, contact or thread unless `fields` gives them. */
export function reminderRecord(
  now: number,
  fields: Partial<Reminder> & Pick<Reminder, 'title' | 'dueAt'>,
): Reminder {
  return {
    ...recordBase(now),
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
