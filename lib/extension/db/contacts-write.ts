import { type Company, type Contact, companySchema, contactSchema, type Id, newId } from '../../shared/model';
import { putRecord } from './collections';
import type { DealsideDatabase } from './database';
import { checkRecord, type FieldProblem, InvalidFormError } from './field-problems';

/** Where a new contact (or deal) belongs: nowhere, a company already stored, or a company created with it. */
export type CompanyChoice =
  | { kind: 'none' }
  | { kind: 'existing'; companyId: Id }
  | { kind: 'new'; name: string; domain: string | null };

export type NewContactInput = { name: string; address: string; jobTitle: string; company: CompanyChoice };

export type SavedContact = { contact: Contact; company: Company | null; created: boolean };

function base(now: number) {
  return { id: newId(now), createdAt: now, updatedAt: now, deleted: false };
}

/** Finds or builds the chosen company; a new company whose domain is already stored reuses that company. */
export async function resolveCompany(
  database: DealsideDatabase,
  choice: CompanyChoice,
  now: number,
  problems: FieldProblem[],
): Promise<{ company: Company | null; isNew: boolean }> {
  if (choice.kind === 'none') return { company: null, isNew: false };
  if (choice.kind === 'existing') {
    const company = await database.companies.get(choice.companyId);
    if (!company || company.deleted) {
      problems.push({ field: 'company.id', message: 'no longer exists' });
      return { company: null, isNew: false };
    }
    return { company, isNew: false };
  }
  const domain = choice.domain?.trim().toLowerCase() || null;
  if (domain) {
    const existing = await database.companies
      .where('domains')
      .equals(domain)
      .filter((company) => !company.deleted)
      .first();
    if (existing) return { company: existing, isNew: false };
  }
  const company = checkRecord(
    companySchema,
    'company',
    { ...base(now), name: choice.name, domains: domain ? [domain] : [], notes: '' },
    problems,
  );
  return { company, isNew: company !== null };
}

/** The live contact that already has this address, if any: adding it again would make a duplicate. */
export function findContactByAddress(database: DealsideDatabase, address: string) {
  return database.contacts
    .where('emails')
    .equals(address.trim().toLowerCase())
    .filter((contact) => !contact.deleted)
    .first();
}

export function buildContact(
  fields: { name: string; address: string; jobTitle: string; companyId: Id | null },
  now: number,
  problems: FieldProblem[],
): Contact | null {
  return checkRecord(
    contactSchema,
    'contact',
    {
      ...base(now),
      name: fields.name,
      emails: [fields.address],
      companyId: fields.companyId,
      jobTitle: fields.jobTitle,
      phone: '',
      notes: '',
    },
    problems,
  );
}

/**
 * Adds a correspondent as a contact, creating the chosen company with it, in one transaction.
 * If the address already belongs to a contact (added meanwhile in another tab), that contact is
 * returned and nothing is written: the same person is never stored twice.
 */
export async function addContact(
  database: DealsideDatabase,
  input: NewContactInput,
  now: number = Date.now(),
): Promise<SavedContact> {
  return database.transaction('rw', [database.companies, database.contacts], async () => {
    const existing = await findContactByAddress(database, input.address);
    if (existing) {
      const company = existing.companyId
        ? ((await database.companies.get(existing.companyId)) ?? null)
        : null;
      return { contact: existing, company, created: false };
    }
    const problems: FieldProblem[] = [];
    const { company, isNew } = await resolveCompany(database, input.company, now, problems);
    const contact = buildContact(
      { name: input.name, address: input.address, jobTitle: input.jobTitle, companyId: company?.id ?? null },
      now,
      problems,
    );
    if (problems.length > 0 || !contact) throw new InvalidFormError(problems);
    if (company && isNew) await putRecord(database, 'companies', company);
    await putRecord(database, 'contacts', contact);
    return { contact, company, created: true };
  });
}
