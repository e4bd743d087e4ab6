import type { DealsideDatabase } from '../db/database';
import { matchMailContext } from '../matching/match-mail-context';
import { searchCrm } from '../search/search-crm';

/** What test builds expose on the service worker's `globalThis.dealsideTest`. */
export type TestHooks = {
  database: DealsideDatabase;
  /** For benchmarks: matching and search measured where they run, in the extension's own context. */
  matchMailContext: typeof matchMailContext;
  searchCrm: typeof searchCrm;
};

/**
 * Only test builds (`--mode test`) call this: it lets e2e tests and benchmarks reach the database
 * from the service worker. Store builds drop it, since the call site is compiled out.
 */
export function installTestHooks(database: DealsideDatabase): void {
  const hooks: TestHooks = { database, matchMailContext, searchCrm };
  Object.assign(globalThis, { dealsideTest: hooks });
}
