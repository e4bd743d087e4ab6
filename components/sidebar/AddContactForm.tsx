import { useState } from 'react';
import { addContact, type NewContactInput, type SavedContact } from '@/lib/extension/db/contacts-write';
import { openDatabase } from '@/lib/extension/db/database';
import type { MatchedPerson } from '@/lib/extension/matching/types';
import { useI18n } from '../I18nProvider';
import { CompanyChoiceFields, initialCompanyChoice, toCompanyChoice } from './CompanyChoiceFields';
import { TextField } from './FormField';
import { clip } from './format';
import { InlineForm } from './InlineForm';
import { useInlineForm } from './useInlineForm';

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
  const { participant } = person;
  const [name, setName] = useState(clip(participant.name.trim() || participant.address.split('@')[0] || ''));
  const [address, setAddress] = useState(participant.address);
  const [jobTitle, setJobTitle] = useState('');
  const [company, setCompany] = useState(() => initialCompanyChoice(person));
  const form = useInlineForm({
    write: (input: NewContactInput) => addContact(openDatabase(), input),
    onSaved,
  });
  const { errors } = form;

  return (
    <InlineForm
      form={form}
      label={t('form.addContactTitle')}
      testId="add-contact-form"
      submitLabel={t('form.saveContact')}
      onSubmit={() => form.save({ name, address, jobTitle, company: toCompanyChoice(company) })}
      onCancel={onCancel}
    >
      <TextField label={t('form.name')} error={errors['contact.name']} value={name} onChange={setName} />
      <TextField
        label={t('form.email')}
        error={errors['contact.emails']}
        type="email"
        value={address}
        onChange={setAddress}
      />
      <TextField
        label={t('form.jobTitle')}
        error={errors['contact.jobTitle']}
        value={jobTitle}
        onChange={setJobTitle}
      />
      <CompanyChoiceFields value={company} onChange={setCompany} errors={errors} />
    </InlineForm>
  );
}
