import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  addContact,
  InvalidFormError,
  type NewContactInput,
  type SavedContact,
} from '@/lib/db/contacts-write';
import { openDatabase } from '@/lib/db/database';
import type { MatchedPerson } from '@/lib/matching/types';
import { useI18n } from '../I18nProvider';
import { CompanyChoiceFields, initialCompanyChoice, toCompanyChoice } from './CompanyChoiceFields';
import { FormField } from './FormField';
import { type FieldErrors, fieldErrorsOf } from './form-problems';
import { clip } from './format';

/** "Add contact" for a correspondent: name and address from the mail, company suggested from the domain. */
export function AddContactForm({
  person,
  onSaved,
  onCancel,
}: {
  person: MatchedPerson;
  onSaved: (saved: SavedContact) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { participant } = person;
  const [name, setName] = useState(clip(participant.name.trim() || participant.address.split('@')[0] || ''));
  const [address, setAddress] = useState(participant.address);
  const [title, setTitle] = useState('');
  const [company, setCompany] = useState(() => initialCompanyChoice(person));
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: (input: NewContactInput) => addContact(openDatabase(), input),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      onSaved(saved);
    },
    onError: (error) => setErrors(error instanceof InvalidFormError ? fieldErrorsOf(error.problems) : {}),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    save.mutate({ name, address, title, company: toCompanyChoice(company) });
  };

  return (
    <form
      className="inline-form"
      onSubmit={submit}
      noValidate
      aria-label={t('form.addContactTitle')}
      data-testid="add-contact-form"
    >
      <FormField label={t('form.name')} error={errors['contact.name']}>
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="off"
          />
        )}
      </FormField>
      <FormField label={t('form.email')} error={errors['contact.emails']}>
        {(control) => (
          <input
            {...control}
            type="email"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            autoComplete="off"
          />
        )}
      </FormField>
      <FormField label={t('form.jobTitle')} error={errors['contact.title']}>
        {(control) => (
          <input
            {...control}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            autoComplete="off"
          />
        )}
      </FormField>
      <CompanyChoiceFields value={company} onChange={setCompany} errors={errors} />
      {save.isError && !(save.error instanceof InvalidFormError) && (
        <p className="status status-error" role="alert">
          {t('form.saveFailed', { reason: save.error.message })}
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('form.saveContact')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
