import { useQuery } from '@tanstack/react-query';
import { openDatabase } from '@/lib/extension/db/database';
import { teamMembersQuery } from '@/lib/extension/sync/sync-status-query';
import type { Id, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';

/**
 * How a deal's owner is shown on cards: the local user by name (or "You"), a member of the synced
 * team by name, anyone else as "A teammate".
 */
export function useOwnerName(settings: Settings): (ownerId: Id) => string {
  const { t } = useI18n();
  const { data: members } = useQuery(teamMembersQuery(openDatabase()));
  return (ownerId) => {
    if (ownerId === settings.user.id) return settings.user.name.trim() || t('deal.ownerYou');
    return members?.find((member) => member.id === ownerId)?.name ?? t('deal.ownerTeammate');
  };
}
