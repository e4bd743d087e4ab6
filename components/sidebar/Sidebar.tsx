import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { formatMoney } from '@/lib/extension/i18n/translate';
import { settingsQuery, summaryQuery } from '@/lib/extension/queries/settings-queries';
import type { Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { OpenedRecord, type RecordRef } from './OpenedRecord';
import { QuickSearch } from './QuickSearch';
import { RemindersSection } from './RemindersSection';
import { SyncStatusDot } from './SyncStatusDot';
import { ThreadView } from './ThreadView';
import { type MailPageView, type SidebarHost, useMailPageState } from './useMailPageState';
import './sidebar.css';

/**
 * The sidebar page, the same in the mail tab's frame and in the browser's side panel: quick search
 * always, then what the open mail shows (its deals and people), or why there is nothing to show.
 */
export function Sidebar({ host }: { host: SidebarHost }) {
  const { t } = useI18n();
  const view = useMailPageState(host);
  const settings = useQuery(settingsQuery(openDatabase(), navigator.language));
  const [opened, setOpened] = useState<RecordRef | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const mail = view.phase === 'ready' && view.state?.status === 'thread' ? view.state.context : null;
  const mailTabId = view.phase === 'ready' ? view.tabId : null;
  const threadKey = mail?.threadId ?? null;

  useEffect(() => {
    document.title = host === 'panel' ? t('sidebar.panelTitle') : t('sidebar.title');
  }, [host, t]);

  // Opening another thread shows that thread, not a record picked for the previous one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the thread changes, by design
  useEffect(() => setOpened(null), [threadKey]);

  return (
    <main className="sidebar" aria-labelledby="sidebar-title" data-host={host}>
      <header className="sidebar-header">
        <div className="sidebar-brand">
          <h1 id="sidebar-title">{t('sidebar.title')}</h1>
          <SyncStatusDot />
        </div>
        <nav className="sidebar-links" aria-label={t('popup.linksLabel')}>
          <a href={browser.runtime.getURL('/board.html')} target="_blank" rel="noreferrer">
            {t('board.link')}
          </a>
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
            {t('sidebar.openOptions')}
          </a>
        </nav>
      </header>
      <QuickSearch onOpen={setOpened} inputRef={searchInput} />
      {opened && settings.data && (
        <OpenedRecord
          record={opened}
          settings={settings.data}
          mail={mail}
          mailTabId={mailTabId}
          onOpen={setOpened}
          onClose={() => {
            setOpened(null);
            searchInput.current?.focus();
          }}
        />
      )}
      {settings.data ? (
        <MailPageContent view={view} host={host} settings={settings.data} />
      ) : settings.isError ? (
        <StatusMessage kind="error">{t('sidebar.loadError')}</StatusMessage>
      ) : (
        <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
      )}
    </main>
  );
}

function MailPageContent({
  view,
  host,
  settings,
}: {
  view: MailPageView;
  host: SidebarHost;
  settings: Settings;
}) {
  const { t } = useI18n();
  if (view.phase === 'loading') return <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>;
  if (view.phase === 'ready' && view.state?.status === 'thread') {
    return (
      <ThreadView
        key={`${view.state.context.provider}:${view.state.context.threadId}`}
        context={view.state.context}
        settings={settings}
        mailTabId={view.tabId}
      />
    );
  }
  let note: React.ReactNode;
  if (view.phase === 'failed') {
    note = <StatusMessage kind="error">{t('sidebar.tabUnknown')}</StatusMessage>;
  } else if (view.state?.status === 'unreadable') {
    note = (
      <div className="status status-warning" role="status" data-testid="unreadable-note">
        <strong>{t('sidebar.unreadableTitle')}</strong>
        <p>{t('sidebar.unreadableBody')}</p>
      </div>
    );
  } else if (view.state === null && host === 'panel') {
    note = (
      <div className="empty-state" data-testid="no-mail-tab">
        <p>{t('sidebar.noMailTab')}</p>
      </div>
    );
  } else {
    note = (
      <div className="empty-state" data-testid="no-thread">
        <p>{t('sidebar.noThread')}</p>
      </div>
    );
  }
  return (
    <>
      {note}
      <RemindersSection thread={null} />
      <DatabaseSummary />
    </>
  );
}

function DatabaseSummary() {
  const { t, language } = useI18n();
  const summary = useQuery(summaryQuery(openDatabase()));

  if (summary.isPending) return <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>;
  if (summary.isError) {
    return (
      <StatusMessage kind="error">
        {t('sidebar.loadError')}{' '}
        <button type="button" onClick={() => summary.refetch()}>
          {t('common.retry')}
        </button>
      </StatusMessage>
    );
  }
  const { contacts, companies, openDeals, pendingReminders, openValueByCurrency } = summary.data;
  if (contacts + companies + openDeals + pendingReminders === 0) {
    return <StatusMessage kind="empty">{t('sidebar.emptyDatabase')}</StatusMessage>;
  }
  return (
    <section aria-labelledby="summary-heading" className="summary">
      <h2 id="summary-heading">{t('sidebar.summaryHeading')}</h2>
      <ul data-testid="crm-summary">
        <li>{t('sidebar.count.contacts', { count: contacts })}</li>
        <li>{t('sidebar.count.companies', { count: companies })}</li>
        <li>{t('sidebar.count.openDeals', { count: openDeals })}</li>
        <li>{t('sidebar.count.pendingReminders', { count: pendingReminders })}</li>
      </ul>
      {Object.entries(openValueByCurrency).map(([currency, amount]) => (
        <p key={currency}>
          {t('sidebar.openPipelineValue', { amount: formatMoney(amount, currency, language) })}
        </p>
      ))}
    </section>
  );
}
