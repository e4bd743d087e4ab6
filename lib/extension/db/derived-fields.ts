import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { addressKeysOf } from '../../shared/model/address';
import {
  companySearchTexts,
  contactSearchTerms,
  dealSearchTexts,
  searchTermsOf,
} from '../search/search-terms';

/**
 * Fields the database computes from a record, only so that indexes can find it: mailbox keys
 * for exact address matching (Gmail's dots and +tags ignored) and quick-search terms. They are
 * never part of a record: added on every write, removed from every read, never in a backup.
 */
export type DerivedFields = { addressKeys?: string[]; searchTerms: string[] };

type Derivation = (record: Record<string, unknown>) => DerivedFields;

/** Stored records passed the schemas; this still tolerates odd rows rather than break a write. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const DERIVATIONS: Readonly<Record<string, Derivation>> = {
  contacts: (contact) => {
    const emails = texts(contact.emails);
    return {
      addressKeys: addressKeysOf(emails),
      searchTerms: contactSearchTerms({
        name: texts(contact.name).join(' '),
        jobTitle: texts(contact.jobTitle).join(' '),
        emails,
      }),
    };
  },
  companies: (company) => ({
    searchTerms: searchTermsOf(
      companySearchTexts({ name: texts(company.name).join(' '), domains: texts(company.domains) }),
    ),
  }),
  deals: (deal) => ({ searchTerms: searchTermsOf(dealSearchTexts({ title: texts(deal.title).join(' ') })) }),
};

const DERIVED_FIELD_NAMES: ReadonlySet<string> = new Set(['addressKeys', 'searchTerms']);

export function hasDerivedFields(tableName: string): boolean {
  return tableName in DERIVATIONS;
}

/** A copy of the record with its derived fields computed afresh (any stale ones replaced). */
export function withDerivedFields<T>(tableName: string, record: T): T {
  const derive = DERIVATIONS[tableName];
  if (!derive || typeof record !== 'object' || record === null) return record;
  return { ...record, ...derive(record as Record<string, unknown>) };
}

/** A copy of the record without derived fields: exactly what was written. */
export function withoutDerivedFields<T>(record: T): T {
  if (typeof record !== 'object' || record === null) return record;
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (!DERIVED_FIELD_NAMES.has(field)) copy[field] = value;
  }
  return copy as T;
}

function strippingCursor(cursor: DBCoreCursor): DBCoreCursor {
  // IDBCursor's own getters refuse a foreign `this`, so key and primaryKey are forwarded too.
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: { get: () => withoutDerivedFields(cursor.value) },
  });
}

function derivingTable(table: DBCoreTable): DBCoreTable {
  const tableName = table.name;
  return {
    ...table,
    mutate: (request) =>
      request.type === 'add' || request.type === 'put'
        ? table.mutate({
            ...request,
            values: request.values.map((value) => withDerivedFields(tableName, value)),
          })
        : table.mutate(request),
    get: async (request) => withoutDerivedFields(await table.get(request)),
    getMany: async (request) => (await table.getMany(request)).map(withoutDerivedFields),
    query: async (request) => {
      const response = await table.query(request);
      return request.values ? { ...response, result: response.result.map(withoutDerivedFields) } : response;
    },
    openCursor: async (request) => {
      const cursor = await table.openCursor(request);
      return cursor && request.values ? strippingCursor(cursor) : cursor;
    },
  };
}

/**
 * Keeps derived fields exact on every write path (add, put, bulk writes, update, modify, restore,
 * upgrades) and invisible on every read. A DBCore middleware rather than table hooks: hooks make
 * each put read the existing row first, and they write the derived fields into the caller's own
 * objects. Level 10 (Dexie's default for added middleware) sits above Dexie's observability and
 * cache layers, so live queries see the stored rows, derived fields included.
 */
export const derivedFieldsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'DealsideDerivedFields',
  level: 10,
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      return hasDerivedFields(tableName) ? derivingTable(table) : table;
    },
  }),
};
