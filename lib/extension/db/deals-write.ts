import {
  type Company,
  type Contact,
  type Deal,
  dealSchema,
  type Id,
  newId,
  type Pipeline,
} from '../../shared/model';
import type { Language } from '../i18n/translate';
import { firstPipeline } from '../pipeline/default-pipeline';
import { syncNextStepReminder } from '../reminders/next-step-reminder';
import { putRecord } from './collections';
import { buildContact, type CompanyChoice, findContactByAddress, resolveCompany } from './contacts-write';
import type { DealsideDatabase } from './database';
import { checkRecord, type FieldProblem, InvalidFormError } from './field-problems';

export type ContactChoice =
  | { kind: 'none' }
  | { kind: 'existing'; contactId: Id }
  | { kind: 'new'; name: string; address: string; jobTitle: string };

export type NewDealInput = {
  title: string;
  /** As typed; empty means 0. */
  amount: string;
  currency: string;
  /** YYYY-MM-DD, or empty for none. */
  expectedCloseDate: string;
  /** Position of an open stage in the default pipeline's stages; null for its first open stage. */
  stageIndex: number | null;
  company: CompanyChoice;
  contact: ContactChoice;
  ownerId: Id;
  /** Names the default pipeline's stages when there is no pipeline yet. */
  language: Language;
};

export type CreatedDeal = {
  deal: Deal;
  pipeline: Pipeline;
  company: Company | null;
  contact: Contact | null;
};

/** The pipeline new deals go into: the oldest live, not archived one. */
export async function findDefaultPipeline(database: DealsideDatabase): Promise<Pipeline | null> {
  const pipelines = await database.pipelines
    .filter((pipeline) => !pipeline.deleted && !pipeline.archived)
    .toArray();
  pipelines.sort((left, right) => left.createdAt - right.createdAt || left.id.localeCompare(right.id));
  return pipelines[0] ?? null;
}

/** The stage a new deal starts in: the chosen one if it is open, else the pipeline's first open stage. */
export function startingStage(pipeline: Pipeline, stageIndex: number | null) {
  const chosen = stageIndex === null ? undefined : pipeline.stages[stageIndex];
  return chosen?.kind === 'open' ? chosen : pipeline.stages.find((stage) => stage.kind === 'open');
}

/**
 * Stores a deal and keeps its next-step reminder in step, in one transaction (the caller's, when
 * it includes `deals` and `reminders`). Every write that can change a deal's next step, status or
 * tombstone goes through here, so a deal never has a stale or duplicate next-step reminder.
 */
export function putDeal(database: DealsideDatabase, deal: Deal, now: number = Date.now()): Promise<Deal> {
  return database.transaction('rw', [database.deals, database.reminders], async () => {
    const before = (await database.deals.get(deal.id)) ?? null;
    const stored = await putRecord(database, 'deals', deal);
    await syncNextStepReminder(database, { before, after: stored }, now);
    return stored;
  });
}

/**
 * Creates a deal with its company, contact and (on first use) the default pipeline, all in one
 * transaction: either everything is stored or, on any invalid field, nothing is.
 */
export async function createDeal(
  database: DealsideDatabase,
  input: NewDealInput,
  now: number = Date.now(),
): Promise<CreatedDeal> {
  const tables = [
    database.pipelines,
    database.companies,
    database.contacts,
    database.deals,
    database.reminders,
  ];
  return database.transaction('rw', tables, async () => {
    const problems: FieldProblem[] = [];
    const storedPipeline = await findDefaultPipeline(database);
    const pipeline = storedPipeline ?? firstPipeline(input.language, now);
    const stage = startingStage(pipeline, input.stageIndex);
    if (!stage) problems.push({ field: 'deal.stageId', message: 'the pipeline has no open stage' });

    const { company, isNew: companyIsNew } = await resolveCompany(database, input.company, now, problems);
    let contact: Contact | null = null;
    let contactIsNew = false;
    if (input.contact.kind === 'existing') {
      const stored = await database.contacts.get(input.contact.contactId);
      if (!stored || stored.deleted) problems.push({ field: 'contact.id', message: 'no longer exists' });
      contact = stored && !stored.deleted ? stored : null;
    } else if (input.contact.kind === 'new') {
      contact = (await findContactByAddress(database, input.contact.address)) ?? null;
      if (!contact) {
        contact = buildContact({ ...input.contact, companyId: company?.id ?? null }, now, problems);
        contactIsNew = contact !== null;
      }
    }

    const amountText = input.amount.trim();
    const deal = checkRecord(
      dealSchema,
      'deal',
      {
        id: newId(now),
        createdAt: now,
        updatedAt: now,
        deleted: false,
        title: input.title,
        companyId: company?.id ?? null,
        contactIds: contact ? [contact.id] : [],
        pipelineId: pipeline.id,
        stageId: stage?.id ?? '',
        stageEnteredAt: now,
        amount: amountText === '' ? 0 : Number(amountText.replace(/,/g, '')),
        currency: input.currency,
        expectedCloseDate: input.expectedCloseDate.trim() || null,
        closeDatePushes: 0,
        ownerId: input.ownerId,
        nextStep: null,
        status: 'open',
        lostReason: null,
      },
      problems,
    );
    if (problems.length > 0 || !deal) throw new InvalidFormError(problems);
    if (!storedPipeline) await putRecord(database, 'pipelines', pipeline);
    if (company && companyIsNew) await putRecord(database, 'companies', company);
    if (contact && contactIsNew) await putRecord(database, 'contacts', contact);
    await putDeal(database, deal, now);
    return { deal, pipeline, company, contact };
  });
}
