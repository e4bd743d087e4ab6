import { format } from 'date-fns';
import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '@/lib/extension/i18n/en';
import { dateLocaleFor } from '@/lib/extension/i18n/translate';
import type { SyncStatus } from '@/lib/extension/sync/client';
import { sendSyncMessage } from '@/lib/extension/sync/send-sync-message';
import { relativeTime, syncErrorText } from '@/lib/extension/sync/sync-words';
import type { SyncError } from '@/lib/mail-page/messaging/sync-messages';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { useNow } from '../sidebar/useNow';

const ROLE_WORDS: Record<string, MessageKey> = {
  rep: 'sync.role.rep',
  manager: 'sync.role.manager',
  admin: 'sync.role.admin',
};

type Action =
  | { step: 'idle' }
  | { step: 'syncing' }
  | { step: 'synced' }
  | { step: 'failed'; error: SyncError }
  | { step: 'confirm-disconnect' }
  | { step: 'disconnecting' };

/** Connected: who and where, how fresh the data is, what waits, what went wrong; Sync now, Disconnect. */
export function SyncPanelStatus({
  status,
  onDisconnected,
}: {
  status: SyncStatus;
  onDisconnected: () => void;
}) {
  const { t, language } = useI18n();
  const now = useNow();
  const [action, setAction] = useState<Action>({ step: 'idle' });
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const team = status.teamName ?? '';
  const role = status.role ? t(ROLE_WORDS[status.role] ?? 'sync.role.rep') : '';

  useEffect(() => {
    if (action.step === 'confirm-disconnect') confirmButton.current?.focus();
  }, [action.step]);

  const syncNow = async () => {
    setAction({ step: 'syncing' });
    try {
      const { error } = await sendSyncMessage('sync.now', {});
      setAction(error ? { step: 'failed', error } : { step: 'synced' });
    } catch (error) {
      setAction({ step: 'failed', error: { code: 'unknown', message: (error as Error).message } });
    }
  };

  const disconnect = async () => {
    setAction({ step: 'disconnecting' });
    try {
      await sendSyncMessage('sync.disconnect', {});
      onDisconnected();
    } catch (error) {
      setAction({ step: 'failed', error: { code: 'unknown', message: (error as Error).message } });
    }
  };

  const cancelDisconnect = () => {
    setAction({ step: 'idle' });
    disconnectButton.current?.focus();
  };

  const busy = action.step === 'syncing' || action.step === 'disconnecting';
  return (
    <div data-testid="sync-status">
      <h3>{t('sync.connectedTo', { team })}</h3>
      <dl className="sync-facts">
        <div>
          <dt>{t('sync.server')}</dt>
          <dd>
            <code>{status.serverUrl}</code>
          </dd>
        </div>
        <div>
          <dt>{t('sync.you')}</dt>
          <dd>{t('sync.youAre', { name: status.userName ?? '', role })}</dd>
        </div>
        <div>
          <dt>{t('sync.lastSync')}</dt>
          <dd data-testid="sync-last-sync">
            {status.lastSyncAt === null ? (
              t('sync.lastSyncNever')
            ) : (
              <time
                dateTime={new Date(status.lastSyncAt).toISOString()}
                title={format(status.lastSyncAt, 'PPpp', { locale: dateLocaleFor(language) })}
              >
                {relativeTime(status.lastSyncAt, Math.max(now, status.lastSyncAt), language, t)}
              </time>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('sync.pending')}</dt>
          <dd data-testid="sync-pending">{t('sync.pendingCount', { count: status.pendingChanges })}</dd>
        </div>
        {status.quarantined > 0 && (
          <div>
            <dt>{t('sync.quarantinedLabel')}</dt>
            <dd data-testid="sync-quarantined">{t('sync.quarantined', { count: status.quarantined })}</dd>
          </div>
        )}
        {status.error && (
          <div className="sync-last-error">
            <dt>{t('sync.lastError')}</dt>
            <dd data-testid="sync-last-error">
              {syncErrorText(status.error, status.serverUrl, t)}
              {status.nextAttemptAt !== null && (
                <>
                  {' '}
                  {t('sync.nextAttempt', {
                    when: relativeTime(Math.max(status.nextAttemptAt, now), now, language, t),
                  })}
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
      <div className="actions">
        <button type="button" className="primary" onClick={syncNow} disabled={busy}>
          {action.step === 'syncing' ? t('sync.syncing') : t('sync.syncNow')}
        </button>
        <button
          ref={disconnectButton}
          type="button"
          onClick={() => setAction({ step: 'confirm-disconnect' })}
          disabled={busy}
          aria-expanded={action.step === 'confirm-disconnect'}
        >
          {t('sync.disconnect')}
        </button>
      </div>
      {action.step === 'syncing' && <StatusMessage kind="loading">{t('sync.syncing')}</StatusMessage>}
      {/* A later failing round (the alarm's, say) makes "Synced." out of date: Last error says what now holds. */}
      {action.step === 'synced' && status.error === null && (
        <StatusMessage kind="success">{t('sync.synced')}</StatusMessage>
      )}
      {action.step === 'failed' && (
        <StatusMessage kind="error">{syncErrorText(action.error, status.serverUrl, t)}</StatusMessage>
      )}
      {action.step === 'confirm-disconnect' && (
        <div
          className="status"
          role="alertdialog"
          aria-labelledby="sync-disconnect-title"
          aria-describedby="sync-disconnect-body"
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancelDisconnect();
          }}
        >
          <h3 id="sync-disconnect-title">{t('sync.disconnectTitle', { team })}</h3>
          <p id="sync-disconnect-body">{t('sync.disconnectBody', { count: status.pendingChanges })}</p>
          <div className="actions">
            <button ref={confirmButton} type="button" className="primary" onClick={disconnect}>
              {t('sync.disconnect')}
            </button>
            <button type="button" onClick={cancelDisconnect}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {action.step === 'disconnecting' && <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>}
    </div>
  );
}
