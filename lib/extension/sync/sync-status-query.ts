import { queryOptions } from '@tanstack/react-query';
import type { DealsideDatabase } from '../db/database';
import { readSyncStatus, teamMembers } from './client';

/**
 * The sync status as pages show it (options panel, sidebar dot), read from the database: the
 * background writes it after every round, and AppShell refreshes queries on every write. It holds
 * no token.
 */
export const syncStatusQuery = (database: DealsideDatabase) =>
  queryOptions({ queryKey: ['sync', 'status'], queryFn: () => readSyncStatus(database) });

/** The team's members as the server last listed them (empty when not connected): owner names. */
export const teamMembersQuery = (database: DealsideDatabase) =>
  queryOptions({ queryKey: ['sync', 'members'], queryFn: () => teamMembers(database) });
