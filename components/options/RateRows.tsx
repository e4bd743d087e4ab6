import { useRef } from 'react';
import { useI18n } from '../I18nProvider';
import { newRowKey, type RateRow, type ReportingErrors } from './reporting-form';
import { useFocusNewRow } from './useFocusNewRow';

const CURRENCY_SUGGESTIONS = ['USD', 'TWD', 'EUR', 'JPY', 'CNY', 'HKD', 'SGD', 'GBP', 'KRW', 'AUD'];

/**
 * Exchange rates, one row each, written "1 USD = 31.5 TWD" so that which way the rate goes is
 * never in doubt: the left side is always one unit of the row's currency.
 */
export function RateRows({
  rows,
  baseCurrency,
  errors,
  fieldId,
  onChange,
  clearErrors,
}: {
  rows: readonly RateRow[];
  baseCurrency: string;
  errors: ReportingErrors;
  fieldId: (field: string) => string;
  onChange: (rows: RateRow[]) => void;
  clearErrors: (fields: (field: string) => boolean) => void;
}) {
  const { t } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const focusNewRow = useFocusNewRow(list);
  const suggestionsId = fieldId('rate-suggestions');
  const change = (index: number, patch: Partial<RateRow>) => {
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
    const edited = Object.keys(patch).map((field) => `rates.${index}.${field}`);
    clearErrors((field) => field === 'rates' || edited.includes(field));
  };
  const add = () => {
    onChange([...rows, { key: newRowKey(), currency: '', perBase: '' }]);
    focusNewRow();
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, at) => at !== index));
    // The rows below move up, so their problems would point at the wrong rows.
    clearErrors((field) => field.startsWith('rates'));
    // Focus would otherwise fall back to the page start with the removed button.
    addButton.current?.focus();
  };

  return (
    <fieldset className="reporting-group">
      <legend>{t('reporting.rates')}</legend>
      <p className="help">{t('reporting.ratesHelp', { base: baseCurrency })}</p>
      {errors.rates && (
        <p className="field-error" role="alert">
          {t(errors.rates)}
        </p>
      )}
      {rows.length === 0 && <p className="reporting-empty">{t('reporting.noRates')}</p>}
      <ul className="reporting-rows" ref={list}>
        {rows.map((row, index) => {
          const currencyField = `rates.${index}.currency`;
          const rateField = `rates.${index}.perBase`;
          const currencyError = errors[currencyField];
          const rateError = errors[rateField];
          const shownCurrency = row.currency.trim().toUpperCase() || '…';
          return (
            <li key={row.key} className="rate-row">
              <div className="rate-equation">
                <span className="rate-sides">
                  <span aria-hidden="true">1</span>
                  <input
                    id={fieldId(currencyField)}
                    className="currency-code"
                    value={row.currency}
                    onChange={(event) => change(index, { currency: event.target.value })}
                    list={suggestionsId}
                    maxLength={3}
                    autoCapitalize="characters"
                    autoComplete="off"
                    spellCheck={false}
                    aria-label={t('reporting.rateCurrencyLabel', { row: index + 1 })}
                    aria-invalid={Boolean(currencyError)}
                    aria-describedby={currencyError ? `${fieldId(currencyField)}-error` : undefined}
                  />
                  <span aria-hidden="true">=</span>
                  <input
                    id={fieldId(rateField)}
                    className="rate-value"
                    value={row.perBase}
                    onChange={(event) => change(index, { perBase: event.target.value })}
                    inputMode="decimal"
                    autoComplete="off"
                    aria-label={t('reporting.rateValueLabel', {
                      base: baseCurrency,
                      currency: shownCurrency,
                    })}
                    aria-invalid={Boolean(rateError)}
                    aria-describedby={rateError ? `${fieldId(rateField)}-error` : undefined}
                  />
                  <span aria-hidden="true">{baseCurrency}</span>
                </span>
                <button
                  type="button"
                  onClick={() => remove(index)}
                  aria-label={t('reporting.removeRateNamed', { row: index + 1 })}
                >
                  {t('reporting.remove')}
                </button>
              </div>
              {currencyError && (
                <p id={`${fieldId(currencyField)}-error`} className="field-error" data-testid="field-error">
                  {t(currencyError)}
                </p>
              )}
              {rateError && (
                <p id={`${fieldId(rateField)}-error`} className="field-error" data-testid="field-error">
                  {t(rateError)}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <datalist id={suggestionsId}>
        {CURRENCY_SUGGESTIONS.filter((code) => code !== baseCurrency).map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <button type="button" ref={addButton} onClick={add}>
        {t('reporting.addRate')}
      </button>
    </fieldset>
  );
}
