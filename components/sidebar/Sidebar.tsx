import { useQuery } from '@tanstack/react-query';
import { openDatabase } from '@/lib/db/database';
import { formatMoney } from '@/lib/i18n/translate';
import { summaryQuery } from '@/lib/queries/query-keys';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import './sidebar.css';

export function Sidebar() {
  const { t } = useI18n();
  return (
    <main className="sidebar" aria-labelledby="sidebar-title">
      <header className="sidebar-header">
        <h1 id="sidebar-title">{t('sidebar.title')}</h1>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('sidebar.openOptions')}
        </a>
      </header>
      <p className="help">{t('sidebar.noThread')}</p>
      <DatabaseSummary />
    </main>
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
