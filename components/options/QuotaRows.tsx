import { useRef } from 'react';
import { useI18n } from '../I18nProvider';
import { FormField } from '../sidebar/FormField';
import {
  MONTHS,
  newRowKey,
  type PeriodPart,
  QUARTERS,
  type QuotaRow,
  type ReportingErrors,
} from './reporting-form';
import type { OwnerChoice } from './reporting-owners';
import { useFocusNewRow } from './useFocusNewRow';

/** Targets per owner per month or quarter, in the base currency. */
export function QuotaRows({
  rows,
  owners,
  baseCurrency,
  errors,
  onChange,
  clearErrors,
}: {
  rows: readonly QuotaRow[];
  owners: readonly OwnerChoice[];
  baseCurrency: string;
  errors: ReportingErrors;
  onChange: (rows: QuotaRow[]) => void;
  clearErrors: (fields: (field: string) => boolean) => void;
}) {
  const { t, language } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const focusNewRow = useFocusNewRow(list);
  const monthName = new Intl.DateTimeFormat(language, { month: 'long' });
  const ownerLabel = (owner: OwnerChoice) =>
    owner.kind === 'you'
      ? owner.name.trim()
        ? t('reporting.ownerYouNamed', { name: owner.name.trim() })
        : t('reporting.ownerYou')
      : owner.kind === 'member'
        ? owner.name
        : t('reporting.teammate', { number: owner.number });

  const change = (index: number, patch: Partial<QuotaRow>) => {
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
    const edited = Object.keys(patch).map((field) => `quotas.${index}.${field}`);
    // "Twice for this period" is shown on the period, but a new owner or year settles it as well.
    const settlesRepeat = 'ownerId' in patch || 'year' in patch;
    clearErrors(
      (field) =>
        field === 'quotas' || edited.includes(field) || (settlesRepeat && field === `quotas.${index}.period`),
    );
  };
  const add = () => {
    const today = new Date();
    const you = owners[0]?.id ?? '';
    onChange([
      ...rows,
      {
        key: newRowKey(),
        ownerId: you,
        year: String(today.getFullYear()),
        period: MONTHS[today.getMonth()] ?? '01',
        amount: '',
      },
    ]);
    focusNewRow();
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, at) => at !== index));
    // The rows below move up, so their problems would point at the wrong rows.
    clearErrors((field) => field.startsWith('quotas'));
    addButton.current?.focus();
  };

  return (
    <fieldset className="reporting-group">
      <legend>{t('reporting.quotas')}</legend>
      <p className="help">{t('reporting.quotasHelp', { base: baseCurrency })}</p>
      {owners.length > 1 && <p className="help">{t('reporting.teammatesHelp')}</p>}
      {errors.quotas && (
        <p className="field-error" role="alert">
          {t(errors.quotas)}
        </p>
      )}
      {rows.length === 0 && <p className="reporting-empty">{t('reporting.noQuotas')}</p>}
      <ul className="reporting-rows" ref={list}>
        {rows.map((row, index) => (
          <li key={row.key}>
            <fieldset className="quota-row" aria-label={t('reporting.quotaRow', { row: index + 1 })}>
              <FormField label={t('reporting.quotaOwner')} error={errors[`quotas.${index}.ownerId`]}>
                {(control) => (
                  <select
                    {...control}
                    value={row.ownerId}
                    onChange={(event) => change(index, { ownerId: event.target.value })}
                  >
                    {owners.map((owner) => (
                      <option key={owner.id} value={owner.id}>
                        {ownerLabel(owner)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField label={t('reporting.quotaYear')} error={errors[`quotas.${index}.year`]}>
                {(control) => (
                  <input
                    {...control}
                    className="year"
                    inputMode="numeric"
                    maxLength={4}
                    value={row.year}
                    onChange={(event) => change(index, { year: event.target.value })}
                    autoComplete="off"
                  />
                )}
              </FormField>
              <FormField label={t('reporting.quotaPeriod')} error={errors[`quotas.${index}.period`]}>
                {(control) => (
                  <select
                    {...control}
                    value={row.period}
                    onChange={(event) => change(index, { period: event.target.value as PeriodPart })}
                  >
                    <optgroup label={t('reporting.months')}>
                      {MONTHS.map((month, monthIndex) => (
                        <option key={month} value={month}>
                          {monthName.format(new Date(2000, monthIndex, 1))}
                        </option>
                      ))}
                    </optgroup>
                    <optgroup label={t('reporting.quarters')}>
                      {QUARTERS.map((quarter, quarterIndex) => (
                        <option key={quarter} value={quarter}>
                          {t('reporting.quarter', { quarter: quarterIndex + 1 })}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                )}
              </FormField>
              <FormField
                label={t('reporting.quotaAmount', { base: baseCurrency })}
                error={errors[`quotas.${index}.amount`]}
              >
                {(control) => (
                  <input
                    {...control}
                    inputMode="decimal"
                    value={row.amount}
                    onChange={(event) => change(index, { amount: event.target.value })}
                    autoComplete="off"
                  />
                )}
              </FormField>
              <button
                type="button"
                className="remove-row"
                onClick={() => remove(index)}
                aria-label={t('reporting.removeQuotaNamed', { row: index + 1 })}
              >
                {t('reporting.remove')}
              </button>
            </fieldset>
          </li>
        ))}
      </ul>
      <button type="button" ref={addButton} onClick={add}>
        {t('reporting.addQuota')}
      </button>
    </fieldset>
  );
}
