import { queryOptions } from '@tanstack/react-query';
import { Dexie } from 'dexie';
import type { OpenThread } from '../../mail-page/mail-page-state';
import type { Activity, Company, Contact, Deal, Id } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import { findDefaultPipeline } from '../db/deals-write';
import { loggedMessageIds } from '../email-log/log-email';
import { type MatchSettings, matchOpenThread } from '../matching/match-open-thread';
import type { MatchedDeal, MatchResult } from '../matching/types';
import { searchCrm } from '../search/search-crm';

/** How many recent activities a deal card shows. */
export const RECENT_ACTIVITY_COUNT = 3;

export type ActivitiesByDeal = Record<Id, Activity[]>;

/**
 * The latest activities of each deal, newest first, from the `[dealId+occurredAt]` index: one
 * bounded index range per deal, all in one read transaction.
 */
export async function recentActivitiesByDeal(
  database: DealsideDatabase,
  dealIds: readonly Id[],
  perDeal: number = RECENT_ACTIVITY_COUNT,
): Promise<ActivitiesByDeal> {
  if (dealIds.length === 0) return {};
  return database.transaction('r', database.activities, async () => {
    const lists = await Promise.all(
      dealIds.map((dealId) =>
        database.activities
          .where('[dealId+occurredAt]')
          .between([dealId, Dexie.minKey], [dealId, Dexie.maxKey])
          .reverse()
          .filter((activity) => !activity.deleted)
          .limit(perDeal)
          .toArray(),
      ),
    );
    return Object.fromEntries(dealIds.map((dealId, index) => [dealId, lists[index] ?? []]));
  });
}

export type ThreadView = MatchResult & { activities: ActivitiesByDeal };

/**
 * Everything the sidebar shows for one thread, in one query: the match, then the shown deals'
 * activities in the same query function, so the cards paint after one round trip, not a waterfall.
 */
export const threadViewQuery = (
  database: DealsideDatabase,
  context: OpenThread,
  settings: MatchSettings,
  includeClosed: boolean,
) =>
  queryOptions({
    // Every setting matching reads is in the key: the user's own address counts as "self".
    queryKey: ['match', context, settings.ownDomains, settings.user?.email ?? null, includeClosed],
    queryFn: async (): Promise<ThreadView> => {
      const result = await matchOpenThread(database, context, settings, { includeClosed });
      const dealIds = [...result.deals, ...result.closedDeals].map((match) => match.deal.id);
      return { ...result, activities: await recentActivitiesByDeal(database, dealIds) };
    },
  });

export type DealDetails = MatchedDeal & { activities: Activity[] };

async function dealDetails(database: DealsideDatabase, dealId: Id): Promise<DealDetails | null> {
  const deal = await database.deals.get(dealId);
  if (!deal || deal.deleted) return null;
  const [pipeline, company, contacts, activities] = await Promise.all([
    database.pipelines.get(deal.pipelineId),
    deal.companyId ? database.companies.get(deal.companyId) : undefined,
    database.contacts.bulkGet(deal.contactIds),
    recentActivitiesByDeal(database, [deal.id]),
  ]);
  return {
    deal,
    pipeline: pipeline ?? null,
    company: company && !company.deleted ? company : null,
    contacts: contacts.filter((contact): contact is Contact => contact !== undefined && !contact.deleted),
    reasons: [],
    matchedContactIds: [],
    activities: activities[deal.id] ?? [],
  };
}

export const dealDetailsQuery = (database: DealsideDatabase, dealId: Id) =>
  queryOptions({ queryKey: ['deal', dealId], queryFn: () => dealDetails(database, dealId) });

function openDealsFirst(deals: Deal[]): Deal[] {
  return deals
    .filter((deal) => !deal.deleted && deal.status === 'open')
    .sort((left, right) =>
      (left.expectedCloseDate ?? '9999').localeCompare(right.expectedCloseDate ?? '9999'),
    );
}

export type ContactDetails = { contact: Contact; company: Company | null; openDeals: Deal[] };

export const contactDetailsQuery = (database: DealsideDatabase, contactId: Id) =>
  queryOptions({
    queryKey: ['contact', contactId],
    queryFn: async (): Promise<ContactDetails | null> => {
      const contact = await database.contacts.get(contactId);
      if (!contact || contact.deleted) return null;
      const [company, deals] = await Promise.all([
        contact.companyId ? database.companies.get(contact.companyId) : undefined,
        database.deals.where('contactIds').equals(contact.id).toArray(),
      ]);
      return {
        contact,
        company: company && !company.deleted ? company : null,
        openDeals: openDealsFirst(deals),
      };
    },
  });

export type CompanyDetails = { company: Company; contacts: Contact[]; openDeals: Deal[] };

export const companyDetailsQuery = (database: DealsideDatabase, companyId: Id) =>
  queryOptions({
    queryKey: ['company', companyId],
    queryFn: async (): Promise<CompanyDetails | null> => {
      const company = await database.companies.get(companyId);
      if (!company || company.deleted) return null;
      const [contacts, deals] = await Promise.all([
        database.contacts
          .where('companyId')
          .equals(company.id)
          .filter((contact) => !contact.deleted)
          .toArray(),
        database.deals.where('companyId').equals(company.id).toArray(),
      ]);
      contacts.sort((left, right) => left.name.localeCompare(right.name));
      return { company, contacts, openDeals: openDealsFirst(deals) };
    },
  });

/** Results per kind in the sidebar's quick search. */
export const SEARCH_LIMIT = 5;

export const searchQuery = (database: DealsideDatabase, text: string, limit: number = SEARCH_LIMIT) =>
  queryOptions({
    queryKey: ['search', text.trim().toLocaleLowerCase(), limit],
    queryFn: () => searchCrm(database, text, limit),
  });

export const defaultPipelineQuery = (database: DealsideDatabase) =>
  queryOptions({ queryKey: ['pipelines', 'default'], queryFn: () => findDefaultPipeline(database) });

/** Which of the thread's messages a deal already holds (provider message ids): "Logged" buttons. */
export const loggedMessagesQuery = (database: DealsideDatabase, dealId: Id, context: OpenThread) =>
  queryOptions({
    queryKey: ['logged', dealId, context],
    queryFn: async () => (await loggedMessageIds(database, [dealId], context))[dealId] ?? [],
  });
