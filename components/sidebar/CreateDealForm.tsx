import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { InvalidFormError } from '@/lib/db/contacts-write';
import { openDatabase } from '@/lib/db/database';
import { type CreatedDeal, createDeal, type NewDealInput } from '@/lib/db/deals-write';
import type { MatchedPerson } from '@/lib/matching/types';
import { defaultPipeline, type Settings } from '@/lib/model';
import { defaultPipelineQuery } from '@/lib/queries/sidebar-queries';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import {
  CompanyChoiceFields,
  companyLabel,
  initialCompanyChoice,
  toCompanyChoice,
} from './CompanyChoiceFields';
import { FormField } from './FormField';
import { type FieldErrors, fieldErrorsOf } from './form-problems';
import { cleanSubject, clip } from './format';

const COMMON_CURRENCIES = ['TWD', 'USD', 'EUR', 'JPY', 'CNY', 'HKD', 'SGD', 'GBP', 'KRW', 'AUD'];

/** "Create deal" from a thread: title, company and contact prefilled, the default pipeline's first open stage. */
export function CreateDealForm({
  person,
  subject,
  settings,
  onSaved,
  onCancel,
}: {
  person: MatchedPerson;
  subject: string;
  settings: Settings;
  onSaved: (created: CreatedDeal) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const pipeline = useQuery(defaultPipelineQuery(openDatabase()));
  if (pipeline.isPending) return <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>;
  if (pipeline.isError) return <StatusMessage kind="error">{t('sidebar.loadError')}</StatusMessage>;
  // Without a pipeline yet, the default one is created with the deal; show its stages meanwhile.
  const stages = (pipeline.data ?? defaultPipeline(language)).stages;
  return (
    <DealFields
      person={person}
      subject={subject}
      settings={settings}
      stages={stages}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

function DealFields({
  person,
  subject,
  settings,
  stages,
  onSaved,
  onCancel,
}: {
  person: MatchedPerson;
  subject: string;
  settings: Settings;
  stages: readonly { id: string; name: string; kind: string }[];
  onSaved: (created: CreatedDeal) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const { participant, contact } = person;
  const [company, setCompany] = useState(() => initialCompanyChoice(person));
  const personName = contact?.name ?? (participant.name.trim() || participant.address);
  const [title, setTitle] = useState(() => {
    const lead = companyLabel(initialCompanyChoice(person)) || personName;
    const topic = cleanSubject(subject);
    return clip(topic ? `${lead} – ${topic}` : lead);
  });
  const [contactName, setContactName] = useState(clip(personName));
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(settings.defaultCurrency);
  const [closeDate, setCloseDate] = useState('');
  const openStages = useMemo(
    () => stages.map((stage, index) => ({ stage, index })).filter(({ stage }) => stage.kind === 'open'),
    [stages],
  );
  const [stageIndex, setStageIndex] = useState(openStages[0]?.index ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: (input: NewDealInput) => createDeal(openDatabase(), input),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries();
      onSaved(created);
    },
    onError: (error) => setErrors(error instanceof InvalidFormError ? fieldErrorsOf(error.problems) : {}),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    save.mutate({
      title,
      amount,
      currency,
      expectedCloseDate: closeDate,
      stageIndex,
      company: toCompanyChoice(company),
      contact: contact
        ? { kind: 'existing', contactId: contact.id }
        : { kind: 'new', name: contactName, address: participant.address, title: '' },
      ownerId: settings.user.id,
      language,
    });
  };

  const currencies = COMMON_CURRENCIES.includes(currency)
    ? COMMON_CURRENCIES
    : [currency, ...COMMON_CURRENCIES];

  return (
    <form
      className="inline-form"
      onSubmit={submit}
      noValidate
      aria-label={t('form.createDealTitle')}
      data-testid="create-deal-form"
    >
      <FormField label={t('form.dealTitle')} error={errors['deal.title']}>
        {(control) => (
          <input
            {...control}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            autoComplete="off"
          />
        )}
      </FormField>
      <div className="field-row">
        <FormField label={t('form.amount')} error={errors['deal.amount']}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={amount}
              placeholder="0"
              onChange={(event) => setAmount(event.target.value)}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField label={t('form.currency')} error={errors['deal.currency']}>
          {(control) => (
            <select {...control} value={currency} onChange={(event) => setCurrency(event.target.value)}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField label={t('form.stage')} error={errors['deal.stageId']}>
        {(control) => (
          <select
            {...control}
            value={stageIndex}
            onChange={(event) => setStageIndex(Number(event.target.value))}
          >
            {openStages.map(({ stage, index }) => (
              <option key={stage.id} value={index}>
                {stage.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={t('form.expectedClose')} error={errors['deal.expectedCloseDate']}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={closeDate}
            onChange={(event) => setCloseDate(event.target.value)}
          />
        )}
      </FormField>
      {contact ? (
        <p className="help">{t('form.dealContact', { name: contact.name })}</p>
      ) : (
        <FormField
          label={t('form.contactName')}
          error={errors['contact.name'] ?? errors['contact.emails']}
          hint={t('form.contactWillBeAdded', { address: participant.address })}
        >
          {(control) => (
            <input
              {...control}
              value={contactName}
              onChange={(event) => setContactName(event.target.value)}
              autoComplete="off"
            />
          )}
        </FormField>
      )}
      <CompanyChoiceFields value={company} onChange={setCompany} errors={errors} />
      <p className="help">
        {t('form.dealOwner', { owner: settings.user.name.trim() || t('deal.ownerYou') })}
      </p>
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
          {t('form.saveDeal')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
