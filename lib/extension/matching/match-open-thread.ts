import type { EntityTable, IDType } from 'dexie';
import type { OpenThread } from '../../mail-page/mail-page-state';
import type { Company, Contact, Deal, MailParticipant, Pipeline, Settings } from '../../shared/model';
import { normalizeAddress, registrableDomainOf } from '../../shared/model/address';
import type { DealsideDatabase } from '../db/database';
import { isFreeMailDomain } from './free-mail';
import type { DealMatchReason, MatchedDeal, MatchedPerson, MatchResult } from './types';

/** Every distinct correspondent of a thread (one per mailbox), in the order first seen. */
export function correspondentsOf(context: OpenThread): MailParticipant[] {
  const seen = new Map<string, MailParticipant>();
  for (const message of context.messages) {
    for (const participant of [message.from, ...message.to, ...message.cc]) {
      if (!participant) continue;
      const key = normalizeAddress(participant.address);
      if (!seen.has(key)) seen.set(key, participant);
    }
  }
  return [...seen.values()];
}

export type MatchOptions = { includeClosed?: boolean };

/** The settings matching reads; `user.email` also counts as the user's own mailbox when given. */
export type MatchSettings = Pick<Settings, 'ownDomains'> & { user?: Pick<Settings['user'], 'email'> };

/** A correspondent who may be a customer: looked up by mailbox key and (unless free mail) domain. */
type Candidate = {
  participant: MailParticipant;
  addressKey: string;
  domain: string | null;
  freeMail: boolean;
};

type LiveRecord = { id: string; deleted: boolean; updatedAt: number };

/**
 * Matches a thread's correspondents to contacts, companies and deals, with every reason for each
 * deal. Three rounds of batched index lookups in one read transaction: contacts by mailbox key
 * and companies by domain; then deals by contact and by company (and contacts' companies); then
 * the records each deal shows. Tombstoned records never match.
 */
export async function matchOpenThread(
  database: DealsideDatabase,
  context: OpenThread,
  settings: MatchSettings,
  options: MatchOptions = {},
): Promise<MatchResult> {
  const ownDomains = new Set(settings.ownDomains.map((domain) => domain.toLowerCase()));
  const ownAddressKeys = new Set(
    [context.account, settings.user?.email].flatMap((address) =>
      address ? [normalizeAddress(address)] : [],
    ),
  );
  const slots: (MatchedPerson | Candidate)[] = correspondentsOf(context).map((participant) => {
    const addressKey = normalizeAddress(participant.address);
    const domain = registrableDomainOf(participant.address);
    if (ownAddressKeys.has(addressKey)) return person(participant, 'self');
    if (domain !== null && ownDomains.has(domain)) return person(participant, 'colleague');
    return { participant, addressKey, domain, freeMail: domain !== null && isFreeMailDomain(domain) };
  });
  const candidates = slots.filter((slot): slot is Candidate => 'addressKey' in slot);
  if (candidates.length === 0) return { people: slots as MatchedPerson[], deals: [], closedDeals: [] };

  const { contacts, companies, deals, pipelines } = database;
  return database.transaction('r', [contacts, companies, deals, pipelines], async () => {
    const addressKeys = unique(candidates.map((candidate) => candidate.addressKey));
    const domains = unique(
      candidates.flatMap((candidate) => (candidate.domain && !candidate.freeMail ? [candidate.domain] : [])),
    );
    const [contactRows, domainCompanyRows] = await Promise.all([
      findLive(contacts, 'addressKeys', addressKeys),
      findLive(companies, 'domains', domains),
    ]);

    const contactByKey = bestBy(contactRows, (contact) => contact.emails.map(normalizeAddress));
    const companyByDomain = bestBy(domainCompanyRows, (company) => company.domains);
    const companiesById = new Map(domainCompanyRows.map((company) => [company.id, company]));
    const matchedContacts = candidates.flatMap((candidate) => {
      const contact = contactByKey.get(candidate.addressKey);
      return contact ? [contact] : [];
    });
    const contactCompanyIds = unique(
      matchedContacts.flatMap((contact) =>
        contact.companyId && !companiesById.has(contact.companyId) ? [contact.companyId] : [],
      ),
    );
    // A tombstoned contact company is only known after this round, so deals are fetched for every
    // possible company and kept only for the companies that turn out to be matched.
    const possibleCompanyIds = unique([...companiesById.keys(), ...contactCompanyIds]);
    const matchedContactIds = unique(matchedContacts.map((contact) => contact.id));
    const [contactCompanies, dealsOfContacts, dealsOfCompanies] = await Promise.all([
      getLive(companies, contactCompanyIds),
      findLive(deals, 'contactIds', matchedContactIds),
      findLive(deals, 'companyId', possibleCompanyIds),
    ]);
    for (const company of contactCompanies) companiesById.set(company.id, company);

    const people = slots.map((slot): MatchedPerson => {
      if (!('addressKey' in slot)) return slot;
      const contact = contactByKey.get(slot.addressKey) ?? null;
      const domainCompany = slot.domain && !slot.freeMail ? (companyByDomain.get(slot.domain) ?? null) : null;
      // A contact's company is the one it names; only when that is unset (or deleted) the domain's.
      const company =
        (contact?.companyId ? companiesById.get(contact.companyId) : undefined) ?? domainCompany;
      if (contact) return { ...person(slot.participant, 'contact'), contact, company };
      if (company) return { ...person(slot.participant, 'company-only'), company };
      if (slot.freeMail) return person(slot.participant, 'unknown-freemail');
      return { ...person(slot.participant, 'unknown'), suggestedCompanyDomain: slot.domain };
    });

    const matchedCompanyIds = new Set(people.flatMap((match) => (match.company ? [match.company.id] : [])));
    const correspondentContactIds = new Set(matchedContactIds);
    const byDeal = new Map<string, MatchedDeal>();
    for (const deal of [...dealsOfContacts, ...dealsOfCompanies]) {
      if (byDeal.has(deal.id) || (!options.includeClosed && deal.status !== 'open')) continue;
      const matchedIds = deal.contactIds.filter((id) => correspondentContactIds.has(id));
      const reasons: DealMatchReason[] = [];
      if (matchedIds.length > 0) reasons.push('contact-email');
      if (deal.companyId && matchedCompanyIds.has(deal.companyId)) reasons.push('company-domain');
      if (reasons.length === 0) continue;
      byDeal.set(deal.id, {
        deal,
        pipeline: null,
        company: null,
        contacts: [],
        reasons,
        matchedContactIds: matchedIds,
      });
    }
    const matches = [...byDeal.values()];
    await attachRecords(database, matches, companiesById, new Map(matchedContacts.map((c) => [c.id, c])));
    matches.sort(compareMatches);
    return {
      people,
      deals: matches.filter((match) => match.deal.status === 'open'),
      closedDeals: matches.filter((match) => match.deal.status !== 'open'),
    };
  });
}

function person(participant: MailParticipant, role: MatchedPerson['role']): MatchedPerson {
  return { participant, role, contact: null, company: null, suggestedCompanyDomain: null };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * Live records whose (multi-entry) index holds any of the keys. One request per key, all sent at
 * once inside the caller's transaction, so IndexedDB answers them as one round: Dexie's `anyOf`
 * walks a cursor instead, one round trip per key, measured slower in Chromium.
 */
async function findLive<T extends LiveRecord>(
  table: EntityTable<T, 'id'>,
  index: string,
  keys: readonly string[],
): Promise<T[]> {
  const lists = await Promise.all(keys.map((key) => table.where(index).equals(key).toArray()));
  return lists.flat().filter((row) => !row.deleted);
}

async function getLive<T extends LiveRecord>(
  table: EntityTable<T, 'id'>,
  ids: readonly string[],
): Promise<T[]> {
  if (ids.length === 0) return [];
  const rows = await table.bulkGet(ids as IDType<T, 'id'>[]);
  return rows.filter((row): row is T => row !== undefined && !row.deleted);
}

/** For each key, the most recently updated record carrying it (duplicates happen; pick one, stably). */
function bestBy<T extends LiveRecord>(records: readonly T[], keysOf: (record: T) => readonly string[]) {
  const best = new Map<string, T>();
  for (const record of records) {
    for (const key of keysOf(record)) {
      const current = best.get(key);
      if (!current || isNewer(record, current)) best.set(key, record);
    }
  }
  return best;
}

function isNewer(left: LiveRecord, right: LiveRecord): boolean {
  return left.updatedAt > right.updatedAt || (left.updatedAt === right.updatedAt && left.id < right.id);
}

/** Fills each match's pipeline, company and contacts with one batched read per table. */
async function attachRecords(
  database: DealsideDatabase,
  matches: MatchedDeal[],
  knownCompanies: ReadonlyMap<string, Company>,
  knownContacts: ReadonlyMap<string, Contact>,
): Promise<void> {
  const pipelineIds = unique(matches.map((match) => match.deal.pipelineId));
  const companyIds = unique(
    matches.flatMap(({ deal }) =>
      deal.companyId && !knownCompanies.has(deal.companyId) ? [deal.companyId] : [],
    ),
  );
  const contactIds = unique(
    matches.flatMap(({ deal }) => deal.contactIds.filter((id) => !knownContacts.has(id))),
  );
  const [pipelineRows, companyRows, contactRows] = await Promise.all([
    getLive(database.pipelines, pipelineIds),
    getLive(database.companies, companyIds),
    getLive(database.contacts, contactIds),
  ]);
  const pipelines = new Map<string, Pipeline>(pipelineRows.map((pipeline) => [pipeline.id, pipeline]));
  const companies = new Map<string, Company>([
    ...knownCompanies,
    ...companyRows.map((c) => [c.id, c] as const),
  ]);
  const contacts = new Map<string, Contact>([
    ...knownContacts,
    ...contactRows.map((c) => [c.id, c] as const),
  ]);
  for (const match of matches) {
    const { deal } = match;
    match.pipeline = pipelines.get(deal.pipelineId) ?? null;
    match.company = deal.companyId ? (companies.get(deal.companyId) ?? null) : null;
    match.contacts = deal.contactIds.flatMap((id) => {
      const contact = contacts.get(id);
      return contact ? [contact] : [];
    });
  }
}

/**
 * Best first: deals with a correspondent among their contacts before company-only ones; then
 * more correspondents on the deal; then both reasons over one; then the soonest expected close;
 * then the larger amount; then the id, so equal matches keep a stable order.
 */
function compareMatches(left: MatchedDeal, right: MatchedDeal): number {
  const byContact = (match: MatchedDeal) => (match.reasons.includes('contact-email') ? 0 : 1);
  return (
    byContact(left) - byContact(right) ||
    right.matchedContactIds.length - left.matchedContactIds.length ||
    right.reasons.length - left.reasons.length ||
    closeDateOrder(left.deal).localeCompare(closeDateOrder(right.deal)) ||
    right.deal.amount - left.deal.amount ||
    (left.deal.id < right.deal.id ? -1 : left.deal.id > right.deal.id ? 1 : 0)
  );
}

function closeDateOrder(deal: Deal): string {
  return deal.expectedCloseDate ?? '9999-12-31';
}
