import type { Translate } from '@/lib/extension/i18n/translate';
import type { Deal, Id, Settings } from '@/lib/shared/model';
import type { TeamMember } from '@/lib/shared/sync/protocol';
import { type OwnerChoice, ownerChoices } from '../options/reporting-owners';

/**
 * Owners are user ids. The local user and, when connected to a team, its members are named; any
 * other owner is "Teammate N", numbered as the options page numbers them (owners on deals and owners
 * given a quota, in id order), so a teammate has the same number on both pages.
 */
export function ownersOf(
  deals: readonly Deal[],
  settings: Settings,
  members: readonly TeamMember[] = [],
): OwnerChoice[] {
  return ownerChoices(settings, [...new Set(deals.map((deal) => deal.ownerId))], members);
}

export type OwnerName = (ownerId: Id) => string;

export function ownerNamer(owners: readonly OwnerChoice[], t: Translate): OwnerName {
  const byId = new Map(owners.map((owner) => [owner.id, owner]));
  return (ownerId) => {
    const owner = byId.get(ownerId);
    if (!owner) return t('dashboard.owner.unknown');
    if (owner.kind === 'teammate') return t('dashboard.owner.teammate', { number: owner.number });
    if (owner.kind === 'member') return owner.name;
    return owner.name ? t('dashboard.owner.me', { name: owner.name }) : t('dashboard.owner.you');
  };
}
