import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { type CreatedDeal, createDeal, type NewDealInput } from '@/lib/extension/db/deals-write';
import type { MatchedPerson } from '@/lib/extension/matching/types';
import { defaultPipeline } from '@/lib/extension/pipeline/default-pipeline';
import { defaultPipelineQuery } from '@/lib/extension/queries/sidebar-queries';
import type { Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import {
  CompanyChoiceFields,
  companyLabel,
  initialCompanyChoice,
  toCompanyChoice,
} from './CompanyChoiceFields';
import { FormField, TextField } from './FormField';
import { cleanSubject, clip } from './format';
import { InlineForm } from './InlineForm';
import { useInlineForm } from './useInlineForm';

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
  const form = useInlineForm({ write: (input: NewDealInput) => createDeal(openDatabase(), input), onSaved });
  const { errors } = form;

  const submit = () =>
    form.save({
      title,
      amount,
      currency,
      expectedCloseDate: closeDate,
      stageIndex,
      company: toCompanyChoice(company),
      contact: contact
        ? { kind: 'existing', contactId: contact.id }
        : { kind: 'new', name: contactName, address: participant.address, jobTitle: '' },
      ownerId: settings.user.id,
      language,
    });

  const currencies = COMMON_CURRENCIES.includes(currency)
    ? COMMON_CURRENCIES
    : [currency, ...COMMON_CURRENCIES];

  return (
    <InlineForm
      form={form}
      label={t('form.createDealTitle')}
      testId="create-deal-form"
      submitLabel={t('form.saveDeal')}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextField label={t('form.dealTitle')} error={errors['deal.title']} value={title} onChange={setTitle} />
      <div className="field-row">
        <TextField
          label={t('form.amount')}
          error={errors['deal.amount']}
          inputMode="decimal"
          placeholder="0"
          value={amount}
          onChange={setAmount}
        />
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
        <TextField
          label={t('form.contactName')}
          error={errors['contact.name'] ?? errors['contact.emails']}
          hint={t('form.contactWillBeAdded', { address: participant.address })}
          value={contactName}
          onChange={setContactName}
        />
      )}
      <CompanyChoiceFields value={company} onChange={setCompany} errors={errors} />
      <p className="help">
        {t('form.dealOwner', { owner: settings.user.name.trim() || t('deal.ownerYou') })}
      </p>
    </InlineForm>
  );
}
