import type { Company, Contact, Deal, MailParticipant, Pipeline } from '../../shared/model';

/** Why a correspondent is (or is not) a customer record. */
export type PersonRole =
  /** Matched to a contact by address. */
  | 'contact'
  /** No contact, but the domain belongs to a known company. */
  | 'company-only'
  /** At one of the user's own domains: a colleague, never matched as a customer. */
  | 'colleague'
  /** The signed-in account itself. */
  | 'self'
  /** Unknown, at a domain that could name a company (suggest one when adding the contact). */
  | 'unknown'
  /** Unknown, at a free-mail domain (gmail.com, yahoo.com.tw, …): never suggests a company. */
  | 'unknown-freemail';

export type MatchedPerson = {
  participant: MailParticipant;
  role: PersonRole;
  contact: Contact | null;
  company: Company | null;
  /** For 'unknown': the registrable domain to suggest as a new company; null otherwise. */
  suggestedCompanyDomain: string | null;
};

/**
 * 'contact-email': a correspondent's address is one of the deal's contacts.
 * 'company-domain': the deal belongs to a correspondent's company (the contact's company, or the
 * company owning the address's domain).
 */
export type DealMatchReason = 'contact-email' | 'company-domain';

export type MatchedDeal = {
  deal: Deal;
  pipeline: Pipeline | null;
  company: Company | null;
  contacts: Contact[];
  /** Every reason that applies, strongest first. */
  reasons: DealMatchReason[];
  /** The deal's contacts who are correspondents of this thread (empty for company-only matches). */
  matchedContactIds: string[];
};

export type MatchResult = {
  /** Each distinct correspondent of the thread once, in the order first seen. */
  people: MatchedPerson[];
  /** Open deals, best match first (contact matches before company-only matches). */
  deals: MatchedDeal[];
  /** Won or lost deals of the same people and companies, only when asked for. */
  closedDeals: MatchedDeal[];
};
