import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { syncStatusQuery } from '@/lib/extension/sync/sync-status-query';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { SyncPanelConnectForm } from './SyncPanelConnectForm';
import { SyncPanelStatus } from './SyncPanelStatus';

/** The sidebar's status dot links here (options.html#sync). */
export const SYNC_PANEL_ID = 'sync';

/**
 * Team sync in options: connect with a server address and token, or, once connected, the status
 * (team, user, last sync, changes waiting, last error), "Sync now" and "Disconnect".
 */
export function SyncPanel() {
  const { t } = useI18n();
  const status = useQuery(syncStatusQuery(openDatabase()));
  /** Said after disconnecting, when the form has replaced the status. */
  const [notice, setNotice] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const loaded = !status.isPending;

  // The page renders after load, so the browser's own jump to #sync found nothing to jump to.
  useEffect(() => {
    if (loaded && window.location.hash === `#${SYNC_PANEL_ID}`) {
      section.current?.scrollIntoView({ block: 'start' });
      section.current?.focus({ preventScroll: true });
    }
  }, [loaded]);

  return (
    <section
      id={SYNC_PANEL_ID}
      ref={section}
      tabIndex={-1}
      aria-labelledby="sync-heading"
      className="sync-panel"
    >
      <h2 id="sync-heading">{t('sync.heading')}</h2>
      <p className="help">{t('sync.explanation')}</p>
      {status.isPending ? (
        <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
      ) : status.isError ? (
        <StatusMessage kind="error">
          {t('common.errorTitle')}: {status.error.message}{' '}
          <button type="button" onClick={() => status.refetch()}>
            {t('common.retry')}
          </button>
        </StatusMessage>
      ) : status.data.connected ? (
        <SyncPanelStatus status={status.data} onDisconnected={() => setNotice(t('sync.disconnected'))} />
      ) : (
        <>
          {notice && <StatusMessage kind="success">{notice}</StatusMessage>}
          <SyncPanelConnectForm
            initialServerUrl={status.data.serverUrl ?? ''}
            onConnecting={() => setNotice(null)}
          />
        </>
      )}
    </section>
  );
}
