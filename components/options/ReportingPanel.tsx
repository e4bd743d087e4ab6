import { type UseMutationResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { saveSettings } from '@/lib/extension/db/settings';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import { teamMembersQuery } from '@/lib/extension/sync/sync-status-query';
import type { ReportingSettings, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { FormField } from '../sidebar/FormField';
import { QuotaRows } from './QuotaRows';
import { RateRows } from './RateRows';
import {
  formFromSettings,
  type ReportingErrors,
  type ReportingForm,
  readReportingForm,
} from './reporting-form';
import { dealOwnersQuery, type OwnerChoice, ownerChoices } from './reporting-owners';

const COMMON_CURRENCIES = ['TWD', 'USD', 'EUR', 'JPY', 'CNY', 'HKD', 'SGD', 'GBP', 'KRW', 'AUD'];

type SaveMutation = UseMutationResult<Settings, Error, Settings>;

/** The manager dashboard's settings: base currency and rates, targets, and when to warn. */
export function ReportingPanel() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const database = openDatabase();
  const settings = useQuery(settingsQuery(database, navigator.language));
  const owners = useQuery(dealOwnersQuery(database));
  const members = useQuery(teamMembersQuery(database));
  // Owned here, not by the fields: a save changes updatedAt, which restarts the fields below.
  const save = useMutation({
    mutationFn: (next: Settings) => saveSettings(openDatabase(), next),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <section aria-labelledby="reporting-heading" className="reporting-panel">
      <h2 id="reporting-heading">{t('reporting.heading')}</h2>
      <p className="help">{t('reporting.explanation')}</p>
      {settings.isPending || owners.isPending ? (
        <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
      ) : settings.isError || owners.isError ? (
        <StatusMessage kind="error">
          <p>{t('reporting.loadError')}</p>
          <button
            type="button"
            onClick={() => {
              void settings.refetch();
              void owners.refetch();
            }}
          >
            {t('common.retry')}
          </button>
        </StatusMessage>
      ) : (
        <ReportingFields
          key={settings.data.updatedAt}
          settings={settings.data}
          owners={ownerChoices(settings.data, owners.data, members.data)}
          save={save}
        />
      )}
    </section>
  );
}

function ReportingFields({
  settings,
  owners,
  save,
}: {
  settings: Settings;
  owners: readonly OwnerChoice[];
  save: SaveMutation;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<ReportingForm>(() => formFromSettings(settings.reporting));
  const [errors, setErrors] = useState<ReportingErrors>({});
  const [focusFirstError, setFocusFirstError] = useState(false);
  const formElement = useRef<HTMLFormElement>(null);
  const idPrefix = useId();
  const fieldId = (field: string) => `${idPrefix}-${field.replaceAll('.', '-')}`;

  // After a refused save the keyboard lands on the first field to correct.
  useEffect(() => {
    if (!focusFirstError) return;
    formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    setFocusFirstError(false);
  }, [focusFirstError]);

  const update = (change: Partial<ReportingForm>) => setForm((current) => ({ ...current, ...change }));
  // A problem goes once its field is edited; the rest stay until they are fixed too.
  const clearErrors = (fields: (field: string) => boolean) =>
    setErrors((current) => {
      const kept = Object.entries(current).filter(([field]) => !fields(field));
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  const edit = (field: keyof ReportingForm, value: string) => {
    update({ [field]: value });
    clearErrors((errorField) => errorField === field);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    const result = readReportingForm(form);
    if (!result.ok) {
      setErrors(result.errors);
      setFocusFirstError(true);
      return;
    }
    setErrors({});
    save.mutate({ ...settings, reporting: result.reporting satisfies ReportingSettings });
  };

  const baseCurrency = form.baseCurrency;
  const currencies = COMMON_CURRENCIES.includes(baseCurrency)
    ? COMMON_CURRENCIES
    : [baseCurrency, ...COMMON_CURRENCIES];
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form ref={formElement} onSubmit={submit} noValidate aria-describedby={`${idPrefix}-form-status`}>
      <FormField
        label={t('reporting.baseCurrency')}
        error={errors.baseCurrency}
        hint={t('reporting.baseCurrencyHelp')}
      >
        {(control) => (
          <select
            {...control}
            value={baseCurrency}
            onChange={(event) => edit('baseCurrency', event.target.value)}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        )}
      </FormField>

      <RateRows
        rows={form.rates}
        baseCurrency={baseCurrency}
        errors={errors}
        fieldId={fieldId}
        onChange={(rates) => update({ rates })}
        clearErrors={clearErrors}
      />

      <QuotaRows
        rows={form.quotas}
        owners={owners}
        baseCurrency={baseCurrency}
        errors={errors}
        onChange={(quotas) => update({ quotas })}
        clearErrors={clearErrors}
      />

      <fieldset className="reporting-group">
        <legend>{t('reporting.warnings')}</legend>
        <div className="reporting-grid">
          <NumberField
            label={t('reporting.coverageUnweighted')}
            hint={t('reporting.coverageUnweightedHelp')}
            unit="×"
            value={form.coverageUnweighted}
            error={errors.coverageUnweighted}
            onChange={(value) => edit('coverageUnweighted', value)}
          />
          <NumberField
            label={t('reporting.coverageWeighted')}
            hint={t('reporting.coverageWeightedHelp')}
            unit="×"
            value={form.coverageWeighted}
            error={errors.coverageWeighted}
            onChange={(value) => edit('coverageWeighted', value)}
          />
          <NumberField
            label={t('reporting.commitProbability')}
            hint={t('reporting.commitProbabilityHelp')}
            unit="%"
            value={form.commitProbability}
            error={errors.commitProbability}
            onChange={(value) => edit('commitProbability', value)}
          />
          <NumberField
            label={t('reporting.healthMargin')}
            hint={t('reporting.healthMarginHelp')}
            unit="%"
            value={form.healthMargin}
            error={errors.healthMargin}
            onChange={(value) => edit('healthMargin', value)}
          />
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('reporting.save')}
        </button>
      </div>
      <div id={`${idPrefix}-form-status`}>
        {hasErrors && <StatusMessage kind="error">{t('reporting.invalid')}</StatusMessage>}
        {save.isSuccess && !hasErrors && <StatusMessage kind="success">{t('reporting.saved')}</StatusMessage>}
        {save.isError && (
          <StatusMessage kind="error">
            {t('reporting.saveFailed', { reason: save.error.message })}
          </StatusMessage>
        )}
      </div>
    </form>
  );
}

/** A number typed as text (so "abc" can be named as wrong), with its unit after the box. */
function NumberField({
  label,
  hint,
  unit,
  value,
  error,
  onChange,
}: {
  label: string;
  hint: string;
  unit: string;
  value: string;
  error: ReportingErrors[string];
  onChange: (value: string) => void;
}) {
  return (
    <FormField label={label} hint={hint} error={error}>
      {(control) => (
        <span className="with-unit">
          <input
            {...control}
            inputMode="decimal"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            autoComplete="off"
          />
          <span aria-hidden="true">{unit}</span>
        </span>
      )}
    </FormField>
  );
}
