import type { DealsideDatabase } from '../db/database';

/**
 * Only test builds (`--mode test`) call this: it lets e2e tests and benchmarks reach the database
 * from the service worker. Store builds drop it, since the call site is compiled out.
 */
export function installTestHooks(database: DealsideDatabase): void {
  Object.assign(globalThis, { dealsideTest: { database } });
}
