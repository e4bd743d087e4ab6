import { queryOptions } from '@tanstack/react-query';
import type { DealsideDatabase } from '@/lib/extension/db/database';
import type { Settings } from '@/lib/shared/model';
import type { TeamMember } from '@/lib/shared/sync/protocol';

/**
 * The owner ids on live deals. Teammates' deals arrive with sync; their names come with the team's
 * member list (lib/extension/sync/client), and owners outside it can only be numbered.
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

/** Whom a target can be for: the local user, the team's members by name, anyone else as "Teammate N". */
export type OwnerChoice = { id: string } & (
  | { kind: 'you'; name: string }
  | { kind: 'member'; name: string }
  | { kind: 'teammate'; number: number }
);

/**
 * The local user first; then, when connected to a team, every member by name (a manager sets
 * targets for reps who have no deals yet); then the other owners found on deals or already given a
 * target, numbered in id order (ids are ULIDs, so in order of creation) so that a teammate keeps
 * their number.
 */
export function ownerChoices(
  settings: Settings,
  dealOwnerIds: readonly string[],
  members: readonly TeamMember[] = [],
): OwnerChoice[] {
  const named = members
    .filter((member) => member.id !== settings.user.id)
    .sort((left, right) => left.name.localeCompare(right.name))
    .map((member) => ({ id: member.id, kind: 'member' as const, name: member.name }));
  const others = new Set([...dealOwnerIds, ...settings.reporting.quotas.map((quota) => quota.ownerId)]);
  others.delete(settings.user.id);
  for (const member of named) others.delete(member.id);
  return [
    { id: settings.user.id, kind: 'you', name: settings.user.name },
    ...named,
    ...[...others].sort().map((id, index) => ({ id, kind: 'teammate' as const, number: index + 1 })),
  ];
}
