import type { DealsideDatabase } from '../db/database';
import type { Company, Contact, Deal } from '../model';

export type SearchResult = { contacts: Contact[]; companies: Company[]; deals: Deal[] };

/**
 * Finds deals, contacts and companies whose name, title, address or domain contains the query
 * (case-insensitive; Chinese text matches as typed). At most `limit` of each kind.
 */
export async function searchCrm(
  database: DealsideDatabase,
  query: string,
  limit = 10,
): Promise<SearchResult> {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return { contacts: [], companies: [], deals: [] };
  const contains = (...texts: string[]) => texts.some((text) => text.toLocaleLowerCase().includes(needle));
  const [contacts, companies, deals] = await Promise.all([
    database.contacts
      .filter((contact) => !contact.deleted && contains(contact.name, contact.title, ...contact.emails))
      .limit(limit)
      .toArray(),
    database.companies
      .filter((company) => !company.deleted && contains(company.name, ...company.domains))
      .limit(limit)
      .toArray(),
    database.deals
      .filter((deal) => !deal.deleted && contains(deal.title))
      .limit(limit)
      .toArray(),
  ]);
  return { contacts, companies, deals };
}
