import { queryOptions } from '@tanstack/react-query';
import type { DealsideDatabase } from '@/lib/db/database';
import type { Settings } from '@/lib/model';

/**
 * The owner ids on live deals. Teammates' deals arrive with sync; their names do not, so the
 * options page can only number them.
 */
export const dealOwnersQuery = (database: DealsideDatabase) =>
  queryOptions({
    queryKey: ['deals', 'owners'],
    queryFn: async () => {
      const owners = new Set<string>();
      await database.deals.each((deal) => {
        if (!deal.deleted) owners.add(deal.ownerId);
      });
      return [...owners];
    },
  });

/** Whom a target can be for: the local user, then everyone else as "Teammate N". */
export type OwnerChoice = { id: string } & (
  | { kind: 'you'; name: string }
  | { kind: 'teammate'; number: number }
);

/**
 * The local user first, then the other owners found on deals or already given a target, numbered
 * in id order (ids are ULIDs, so in order of creation) so that a teammate keeps their number.
 */
export function ownerChoices(settings: Settings, dealOwnerIds: readonly string[]): OwnerChoice[] {
  const others = new Set([...dealOwnerIds, ...settings.reporting.quotas.map((quota) => quota.ownerId)]);
  others.delete(settings.user.id);
  return [
    { id: settings.user.id, kind: 'you', name: settings.user.name },
    ...[...others].sort().map((id, index) => ({ id, kind: 'teammate' as const, number: index + 1 })),
  ];
}
