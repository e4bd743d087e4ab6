import { useId, useState } from 'react';
import type { MatchedDeal, MatchedPerson } from '@/lib/extension/matching/types';
import type { Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { AddContactForm } from './AddContactForm';
import { CreateDealForm } from './CreateDealForm';

type OpenForm = { address: string; form: 'contact' | 'deal' } | null;

const INTERNAL_ROLES = new Set<MatchedPerson['role']>(['self', 'colleague']);

/** The thread's correspondents: customers in full, the user's own side folded into one line. */
export function PeopleSection({
  people,
  deals,
  subject,
  settings,
}: {
  people: readonly MatchedPerson[];
  deals: readonly MatchedDeal[];
  subject: string;
  settings: Settings;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const [openForm, setOpenForm] = useState<OpenForm>(null);
  const [announcement, setAnnouncement] = useState('');
  const customers = people.filter((person) => !INTERNAL_ROLES.has(person.role));
  const internal = people.filter((person) => INTERNAL_ROLES.has(person.role));

  return (
    <section className="people" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('people.heading')}</h2>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {customers.length === 0 ? (
        <p className="muted">{t('people.onlyInternal')}</p>
      ) : (
        <ul className="plain person-list">
          {customers.map((person) => (
            <PersonItem
              key={person.participant.address}
              person={person}
              openDeals={
                person.contact
                  ? deals.filter((match) => match.deal.contactIds.includes(person.contact?.id ?? '')).length
                  : 0
              }
              openForm={openForm?.address === person.participant.address ? openForm.form : null}
              onToggle={(form) =>
                setOpenForm((current) =>
                  current?.address === person.participant.address && current.form === form
                    ? null
                    : { address: person.participant.address, form },
                )
              }
              subject={subject}
              settings={settings}
              onSaved={(message) => {
                setOpenForm(null);
                setAnnouncement(message);
              }}
            />
          ))}
        </ul>
      )}
      {internal.length > 0 && (
        <details className="internal" data-testid="internal-people">
          <summary>{t('people.internalSummary', { count: internal.length })}</summary>
          <ul className="plain">
            {internal.map((person) => (
              <li key={person.participant.address}>
                <bdi>{person.participant.name || person.participant.address}</bdi>{' '}
                <span className="muted">
                  ({person.role === 'self' ? t('people.role.self') : t('people.role.colleague')})
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function PersonItem({
  person,
  openDeals,
  openForm,
  onToggle,
  subject,
  settings,
  onSaved,
}: {
  person: MatchedPerson;
  openDeals: number;
  openForm: 'contact' | 'deal' | null;
  onToggle: (form: 'contact' | 'deal') => void;
  subject: string;
  settings: Settings;
  onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const formId = useId();
  const { participant, contact, company, role } = person;
  const name = contact?.name ?? participant.name;
  return (
    <li className="person" data-testid="person" data-role={role} data-address={participant.address}>
      <p className="person-name">
        <bdi>{name || participant.address}</bdi>
      </p>
      {name && <p className="person-address wrap">{participant.address}</p>}
      <p className="person-role">
        {role === 'contact' && (
          <>
            {contact?.jobTitle && <bdi>{contact.jobTitle}</bdi>}
            {contact?.jobTitle && company && ' · '}
            {company && <bdi>{company.name}</bdi>}
            {(contact?.jobTitle || company) && ' · '}
            <span data-testid="person-open-deals">{t('people.openDeals', { count: openDeals })}</span>
          </>
        )}
        {role === 'company-only' && company && t('people.role.companyOnly', { company: company.name })}
        {role === 'unknown' && t('people.role.unknown')}
        {role === 'unknown-freemail' && t('people.role.unknownFreemail')}
      </p>
      <div className="actions">
        {role !== 'contact' && (
          <button
            type="button"
            aria-expanded={openForm === 'contact'}
            aria-controls={openForm === 'contact' ? formId : undefined}
            onClick={() => onToggle('contact')}
          >
            {t('people.addContact')}
          </button>
        )}
        <button
          type="button"
          aria-expanded={openForm === 'deal'}
          aria-controls={openForm === 'deal' ? formId : undefined}
          onClick={() => onToggle('deal')}
        >
          {t('people.createDeal')}
        </button>
      </div>
      {openForm && (
        <div id={formId}>
          {openForm === 'contact' ? (
            <AddContactForm
              person={person}
              onCancel={() => onToggle('contact')}
              onSaved={(saved) =>
                onSaved(
                  t(saved.created ? 'people.contactAdded' : 'people.contactExisted', {
                    name: saved.contact.name,
                  }),
                )
              }
            />
          ) : (
            <CreateDealForm
              person={person}
              subject={subject}
              settings={settings}
              onCancel={() => onToggle('deal')}
              onSaved={(created) => onSaved(t('people.dealCreated', { title: created.deal.title }))}
            />
          )}
        </div>
      )}
    </li>
  );
}
