import { useId } from 'react';
import { formatMoney } from '@/lib/extension/i18n/translate';
import type { Company, Contact, Deal } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { formatCalendarDate } from './format';

export type OpenRecord = (record: { kind: 'deal' | 'contact' | 'company'; id: string }) => void;

type HeadingRef = React.Ref<HTMLHeadingElement> | undefined;

export function ContactCard({
  contact,
  company,
  openDeals,
  onOpen,
  headingRef,
}: {
  contact: Contact;
  company: Company | null;
  openDeals: readonly Deal[];
  onOpen: OpenRecord;
  headingRef?: HeadingRef;
}) {
  const titleId = useId();
  return (
    <article className="card" aria-labelledby={titleId} data-testid="contact-card">
      <h3 id={titleId} className="card-title" ref={headingRef} tabIndex={-1}>
        <bdi>{contact.name}</bdi>
      </h3>
      {(contact.jobTitle || company) && (
        <p className="card-subtitle">
          {contact.jobTitle && <bdi>{contact.jobTitle}</bdi>}
          {contact.jobTitle && company && ' · '}
          {company && (
            <button
              type="button"
              className="link"
              onClick={() => onOpen({ kind: 'company', id: company.id })}
            >
              <bdi>{company.name}</bdi>
            </button>
          )}
        </p>
      )}
      <ul className="plain addresses">
        {contact.emails.map((address) => (
          <li key={address} className="wrap">
            {address}
          </li>
        ))}
      </ul>
      <DealLinks deals={openDeals} onOpen={onOpen} />
    </article>
  );
}

export function CompanyCard({
  company,
  contacts,
  openDeals,
  onOpen,
  headingRef,
}: {
  company: Company;
  contacts: readonly Contact[];
  openDeals: readonly Deal[];
  onOpen: OpenRecord;
  headingRef?: HeadingRef;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const contactsId = useId();
  return (
    <article className="card" aria-labelledby={titleId} data-testid="company-card">
      <h3 id={titleId} className="card-title" ref={headingRef} tabIndex={-1}>
        <bdi>{company.name}</bdi>
      </h3>
      {company.domains.length > 0 && <p className="card-subtitle wrap">{company.domains.join(', ')}</p>}
      <DealLinks deals={openDeals} onOpen={onOpen} />
      <h4 id={contactsId}>{t('card.contacts', { count: contacts.length })}</h4>
      {contacts.length > 0 && (
        <ul className="plain links" aria-labelledby={contactsId}>
          {contacts.map((contact) => (
            <li key={contact.id}>
              <button
                type="button"
                className="link"
                onClick={() => onOpen({ kind: 'contact', id: contact.id })}
              >
                <bdi>{contact.name}</bdi>
              </button>
              {contact.jobTitle && (
                <span className="muted">
                  {' · '}
                  <bdi>{contact.jobTitle}</bdi>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function DealLinks({ deals, onOpen }: { deals: readonly Deal[]; onOpen: OpenRecord }) {
  const { t, language } = useI18n();
  const headingId = useId();
  return (
    <>
      <h4 id={headingId}>{t('card.openDeals', { count: deals.length })}</h4>
      {deals.length > 0 && (
        <ul className="plain links" aria-labelledby={headingId}>
          {deals.map((deal) => (
            <li key={deal.id}>
              <button type="button" className="link" onClick={() => onOpen({ kind: 'deal', id: deal.id })}>
                <bdi>{deal.title}</bdi>
              </button>
              <span className="muted">
                {' · '}
                {formatMoney(deal.amount, deal.currency, language)}
                {deal.expectedCloseDate && ` · ${formatCalendarDate(deal.expectedCloseDate, language)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
