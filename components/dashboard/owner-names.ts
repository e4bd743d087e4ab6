import type { Translate } from '@/lib/i18n/translate';
import type { Deal, Id, Settings } from '@/lib/model';
import { type OwnerChoice, ownerChoices } from '../options/reporting-owners';

/**
 * Owners are user ids. Only the local user's name is known until sync brings the team's; the
 * others are "Teammate N", numbered as the options page numbers them (owners on deals and owners
 * given a quota, in id order), so a teammate has the same number on both pages.
 */
export function ownersOf(deals: readonly Deal[], settings: Settings): OwnerChoice[] {
  return ownerChoices(settings, [...new Set(deals.map((deal) => deal.ownerId))]);
}

export type OwnerName = (ownerId: Id) => string;

export function ownerNamer(owners: readonly OwnerChoice[], t: Translate): OwnerName {
  const byId = new Map(owners.map((owner) => [owner.id, owner]));
  return (ownerId) => {
    const owner = byId.get(ownerId);
    if (!owner) return t('dashboard.owner.unknown');
    if (owner.kind === 'teammate') return t('dashboard.owner.teammate', { number: owner.number });
    return owner.name ? t('dashboard.owner.me', { name: owner.name }) : t('dashboard.owner.you');
  };
}
