import { getDomain } from 'tldts';
import type { DealsideDatabase } from '../db/database';
import type { MailContext } from '../mail/mail-context';
import type { Company, Contact, Deal, MailParticipant, Pipeline, Settings } from '../model';
import type { MatchedDeal, MatchedPerson, MatchResult } from './types';

/** Every distinct correspondent of a thread, in the order first seen. */
export function correspondentsOf(context: MailContext): MailParticipant[] {
  const seen = new Map<string, MailParticipant>();
  for (const message of context.messages) {
    for (const participant of [message.from, ...message.to, ...message.cc]) {
      if (participant && !seen.has(participant.address)) seen.set(participant.address, participant);
    }
  }
  return [...seen.values()];
}

export type MatchOptions = { includeClosed?: boolean };

/** Matches a thread's correspondents to contacts, companies and deals, with the reason for each. */
export async function matchMailContext(
  database: DealsideDatabase,
  context: MailContext,
  settings: Pick<Settings, 'ownDomains'>,
  options: MatchOptions = {},
): Promise<MatchResult> {
  const ownDomains = new Set(settings.ownDomains);
  const people: MatchedPerson[] = [];
  for (const participant of correspondentsOf(context)) {
    const domain = getDomain(participant.address.split('@')[1] ?? '') ?? null;
    if (participant.address === context.account) {
      people.push({ participant, role: 'self', contact: null, company: null, suggestedCompanyDomain: null });
      continue;
    }
    if (domain && ownDomains.has(domain)) {
      people.push({
        participant,
        role: 'colleague',
        contact: null,
        company: null,
        suggestedCompanyDomain: null,
      });
      continue;
    }
    const contact =
      (await database.contacts.where('emails').equals(participant.address).filter(live).first()) ?? null;
    const company = contact?.companyId
      ? ((await database.companies.get(contact.companyId)) ?? null)
      : domain
        ? ((await database.companies.where('domains').equals(domain).filter(live).first()) ?? null)
        : null;
    people.push({
      participant,
      role: contact ? 'contact' : company ? 'company-only' : 'unknown',
      contact,
      company,
      suggestedCompanyDomain: !contact && !company ? domain : null,
    });
  }

  const byDeal = new Map<string, MatchedDeal>();
  const contactIds = people.flatMap((person) => (person.contact ? [person.contact.id] : []));
  const companyIds = [...new Set(people.flatMap((person) => (person.company ? [person.company.id] : [])))];
  const contactDeals = contactIds.length
    ? await database.deals.where('contactIds').anyOf(contactIds).filter(live).toArray()
    : [];
  const companyDeals = companyIds.length
    ? await database.deals.where('companyId').anyOf(companyIds).filter(live).toArray()
    : [];
  for (const deal of contactDeals) addReason(byDeal, deal, 'contact-email');
  for (const deal of companyDeals) addReason(byDeal, deal, 'company-domain');

  const matched = [...byDeal.values()];
  await attachRecords(database, matched);
  const ranked = matched.sort(compareMatches);
  return {
    people,
    deals: ranked.filter((match) => match.deal.status === 'open'),
    closedDeals: options.includeClosed ? ranked.filter((match) => match.deal.status !== 'open') : [],
  };
}

function live<T extends { deleted: boolean }>(record: T): boolean {
  return !record.deleted;
}

function addReason(byDeal: Map<string, MatchedDeal>, deal: Deal, reason: MatchedDeal['reasons'][number]) {
  const existing = byDeal.get(deal.id);
  if (existing) {
    if (!existing.reasons.includes(reason)) existing.reasons.push(reason);
    return;
  }
  byDeal.set(deal.id, { deal, pipeline: null, company: null, contacts: [], reasons: [reason] });
}

async function attachRecords(database: DealsideDatabase, matches: MatchedDeal[]): Promise<void> {
  const pipelines = new Map<string, Pipeline | undefined>();
  const companies = new Map<string, Company | undefined>();
  const contacts = new Map<string, Contact | undefined>();
  for (const match of matches) {
    const { deal } = match;
    if (!pipelines.has(deal.pipelineId))
      pipelines.set(deal.pipelineId, await database.pipelines.get(deal.pipelineId));
    match.pipeline = pipelines.get(deal.pipelineId) ?? null;
    if (deal.companyId) {
      if (!companies.has(deal.companyId))
        companies.set(deal.companyId, await database.companies.get(deal.companyId));
      match.company = companies.get(deal.companyId) ?? null;
    }
    const missing = deal.contactIds.filter((id) => !contacts.has(id));
    if (missing.length) {
      const found = await database.contacts.bulkGet(missing);
      missing.forEach((id, index) => contacts.set(id, found[index]));
    }
    match.contacts = deal.contactIds.flatMap((id) => {
      const contact = contacts.get(id);
      return contact && !contact.deleted ? [contact] : [];
    });
  }
}

/** Contact matches first, then by expected close date (soonest first), then by amount. */
function compareMatches(left: MatchedDeal, right: MatchedDeal): number {
  const strength = (match: MatchedDeal) => (match.reasons.includes('contact-email') ? 0 : 1);
  return (
    strength(left) - strength(right) ||
    (left.deal.expectedCloseDate ?? '9999').localeCompare(right.deal.expectedCloseDate ?? '9999') ||
    right.deal.amount - left.deal.amount
  );
}
