import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { CompanyChoice } from '@/lib/extension/db/contacts-write';
import { openDatabase } from '@/lib/extension/db/database';
import type { MatchedPerson } from '@/lib/extension/matching/types';
import { searchQuery } from '@/lib/extension/queries/sidebar-queries';
import { useI18n } from '../I18nProvider';
import type { FieldErrors } from './form-problems';
import { companyNameFromDomain } from './format';
import { useDebouncedValue } from './useDebouncedValue';

export type CompanyChoiceState = {
  mode: 'new' | 'existing' | 'none';
  newName: string;
  /** The registrable domain the new company gets; null for a free-mail sender. */
  newDomain: string | null;
  existing: { id: string; name: string } | null;
};

/** The form's first guess: the person's known company, else a new one named after their domain, else none. */
export function initialCompanyChoice(person: MatchedPerson): CompanyChoiceState {
  const domain = person.suggestedCompanyDomain;
  const newName = domain ? companyNameFromDomain(domain) : '';
  if (person.company) {
    return {
      mode: 'existing',
      newName,
      newDomain: domain,
      existing: { id: person.company.id, name: person.company.name },
    };
  }
  return { mode: domain ? 'new' : 'none', newName, newDomain: domain, existing: null };
}

export function toCompanyChoice(state: CompanyChoiceState): CompanyChoice {
  if (state.mode === 'existing' && state.existing) return { kind: 'existing', companyId: state.existing.id };
  if (state.mode === 'new') return { kind: 'new', name: state.newName, domain: state.newDomain };
  return { kind: 'none' };
}

/** The name a new deal's title starts with. */
export function companyLabel(state: CompanyChoiceState): string {
  if (state.mode === 'existing') return state.existing?.name ?? '';
  return state.mode === 'new' ? state.newName : '';
}

/** Create a company with the sender's domain, pick an existing one, or none. */
export function CompanyChoiceFields({
  value,
  onChange,
  errors,
}: {
  value: CompanyChoiceState;
  onChange: (next: CompanyChoiceState) => void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  const id = useId();
  const nameError = errors['company.name'] ?? errors['company.domains'];
  const existingError = errors['company.id'];
  return (
    <fieldset className="field company-choice">
      <legend>{t('form.company')}</legend>
      <ModeChoice groupId={id} mode="new" value={value} onChange={onChange}>
        {value.newDomain
          ? t('form.company.newWithDomain', { domain: value.newDomain })
          : t('form.company.new')}
      </ModeChoice>
      {value.mode === 'new' && (
        <div className="choice-detail">
          <label htmlFor={`${id}-new-name`}>{t('form.company.name')}</label>
          <input
            id={`${id}-new-name`}
            value={value.newName}
            onChange={(event) => onChange({ ...value, newName: event.target.value })}
            aria-invalid={Boolean(nameError)}
            aria-describedby={nameError ? `${id}-new-error` : undefined}
          />
          {nameError && (
            <p id={`${id}-new-error`} className="field-error" data-testid="field-error">
              {t(nameError)}
            </p>
          )}
        </div>
      )}
      <ModeChoice groupId={id} mode="existing" value={value} onChange={onChange}>
        {value.existing
          ? t('form.company.existingNamed', { name: value.existing.name })
          : t('form.company.existing')}
      </ModeChoice>
      {value.mode === 'existing' && (
        <ExistingCompanyPicker
          selectedId={value.existing?.id ?? null}
          onPick={(company) => onChange({ ...value, existing: company })}
          error={existingError ? t(existingError) : null}
        />
      )}
      <ModeChoice groupId={id} mode="none" value={value} onChange={onChange}>
        {t('form.company.none')}
      </ModeChoice>
    </fieldset>
  );
}

/** One way to choose the company: a radio button of the form's group and its label. */
function ModeChoice({
  groupId,
  mode,
  value,
  onChange,
  children,
}: {
  groupId: string;
  mode: CompanyChoiceState['mode'];
  value: CompanyChoiceState;
  onChange: (next: CompanyChoiceState) => void;
  children: React.ReactNode;
}) {
  return (
    <div className="choice">
      <input
        type="radio"
        id={`${groupId}-${mode}`}
        name={`${groupId}-mode`}
        checked={value.mode === mode}
        onChange={() => onChange({ ...value, mode })}
      />
      <label htmlFor={`${groupId}-${mode}`}>{children}</label>
    </div>
  );
}

function ExistingCompanyPicker({
  selectedId,
  onPick,
  error,
}: {
  selectedId: string | null;
  onPick: (company: { id: string; name: string }) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const debounced = useDebouncedValue(text, 150);
  const results = useQuery({
    ...searchQuery(openDatabase(), debounced),
    enabled: debounced.trim() !== '',
    placeholderData: keepPreviousData,
  });
  const companies = debounced.trim() ? (results.data?.companies ?? []) : [];
  return (
    <div className="choice-detail">
      <label htmlFor={`${id}-search`}>{t('form.company.find')}</label>
      <input
        id={`${id}-search`}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={Boolean(error)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
      {companies.length > 0 && (
        <ul className="plain picker" aria-label={t('form.company.results')}>
          {companies.map((company) => (
            <li key={company.id}>
              <button
                type="button"
                className="link"
                aria-pressed={company.id === selectedId}
                onClick={() => onPick({ id: company.id, name: company.name })}
              >
                <bdi>{company.name}</bdi>
                {company.domains[0] && <span className="muted"> · {company.domains[0]}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {debounced.trim() !== '' && results.isSuccess && companies.length === 0 && (
        <p className="help">{t('search.noResults')}</p>
      )}
    </div>
  );
}
