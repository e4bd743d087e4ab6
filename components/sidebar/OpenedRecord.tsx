import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import {
  companyDetailsQuery,
  contactDetailsQuery,
  dealDetailsQuery,
} from '@/lib/extension/queries/sidebar-queries';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { DealCard } from './DealCard';
import { CompanyCard, ContactCard, type OpenRecord } from './RecordCards';

export type RecordRef = Parameters<OpenRecord>[0];

/** The record picked in search (or from another card), above the thread; focus moves to its title. */
export function OpenedRecord({
  record,
  settings,
  mail,
  mailTabId,
  onOpen,
  onClose,
}: {
  record: RecordRef;
  settings: Settings;
  /** The open thread, if any: an opened deal offers to log its email (the way to log to an unmatched deal). */
  mail: OpenThread | null;
  /** The mail tab showing `mail`. */
  mailTabId: number | null;
  onOpen: OpenRecord;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <section className="opened-record" aria-label={t('opened.label')} data-testid="opened-record">
      <div className="section-head">
        <p className="opened-kind">{t(`opened.kind.${record.kind}`)}</p>
        <button type="button" onClick={onClose} data-testid="close-opened">
          {t('opened.close')}
        </button>
      </div>
      <OpenedCard record={record} settings={settings} mail={mail} mailTabId={mailTabId} onOpen={onOpen} />
    </section>
  );
}

function OpenedCard({
  record,
  settings,
  mail,
  mailTabId,
  onOpen,
}: {
  record: RecordRef;
  settings: Settings;
  mail: OpenThread | null;
  mailTabId: number | null;
  onOpen: OpenRecord;
}) {
  const { t } = useI18n();
  const database = openDatabase();
  const heading = useRef<HTMLHeadingElement>(null);
  const deal = useQuery({ ...dealDetailsQuery(database, record.id), enabled: record.kind === 'deal' });
  const contact = useQuery({
    ...contactDetailsQuery(database, record.id),
    enabled: record.kind === 'contact',
  });
  const company = useQuery({
    ...companyDetailsQuery(database, record.id),
    enabled: record.kind === 'company',
  });
  const query = record.kind === 'deal' ? deal : record.kind === 'contact' ? contact : company;
  const ready = query.isSuccess && query.data !== null;

  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready]);

  if (query.isPending) return <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>;
  if (query.isError) return <StatusMessage kind="error">{t('sidebar.loadError')}</StatusMessage>;
  if (record.kind === 'deal' && deal.data) {
    return (
      <DealCard
        match={deal.data}
        activities={deal.data.activities}
        settings={settings}
        headingRef={heading}
        mail={mail}
        mailTabId={mailTabId}
      />
    );
  }
  if (record.kind === 'contact' && contact.data) {
    return <ContactCard {...contact.data} onOpen={onOpen} headingRef={heading} />;
  }
  if (record.kind === 'company' && company.data) {
    return <CompanyCard {...company.data} onOpen={onOpen} headingRef={heading} />;
  }
  return <StatusMessage kind="empty">{t('opened.gone')}</StatusMessage>;
}
