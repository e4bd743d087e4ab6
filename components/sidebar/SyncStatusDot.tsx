import { useQuery } from '@tanstack/react-query';
import { openDatabase } from '@/lib/extension/db/database';
import { syncStatusQuery } from '@/lib/extension/sync/sync-status-query';
import { syncIndicator } from '@/lib/extension/sync/sync-words';
import { useI18n } from '../I18nProvider';
import { useNow } from './useNow';

/**
 * Team sync at a glance in the sidebar header: nothing while not connected; green when synced,
 * amber while changes wait or a retry is scheduled, red when sync needs the rep. The colour is never
 * the only sign: the link's label and tooltip say the state in words. It opens the options page at
 * the sync panel.
 */
export function SyncStatusDot() {
  const { t, language } = useI18n();
  const now = useNow();
  const status = useQuery(syncStatusQuery(openDatabase()));
  if (!status.data) return null;
  const indicator = syncIndicator(status.data, now, language, t);
  if (indicator.tone === 'hidden') return null;
  return (
    <a
      className={`sync-dot sync-dot-${indicator.tone}`}
      href={browser.runtime.getURL('/options.html#sync')}
      target="_blank"
      rel="noreferrer"
      title={indicator.words}
      data-testid="sync-dot"
      data-tone={indicator.tone}
    >
      <span className="sync-dot-mark" aria-hidden="true" />
      <span className="visually-hidden">{t('syncDot.label', { state: indicator.words })}</span>
    </a>
  );
}
