import { queryOptions } from '@tanstack/react-query';
import type { DealsideDatabase } from '../db/database';
import { loadSettings } from '../db/settings';
import { summarizeDatabase } from '../db/summary';

/** Query factories per domain; every key starts with the domain so mutations can invalidate by prefix. */
export const settingsQuery = (database: DealsideDatabase, browserLanguage: string) =>
  queryOptions({ queryKey: ['settings'], queryFn: () => loadSettings(database, browserLanguage) });

export const summaryQuery = (database: DealsideDatabase) =>
  queryOptions({ queryKey: ['summary'], queryFn: () => summarizeDatabase(database) });
