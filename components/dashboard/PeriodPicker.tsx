import { useId } from 'react';
import { useI18n } from '../I18nProvider';

/** The period the dashboard reports on: the current month or quarter, or one the user picks. */
export type PeriodChoice =
  | { kind: 'thisMonth' }
  | { kind: 'thisQuarter' }
  | { kind: 'month'; month: string }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 };

/** The settings' period key ('YYYY-MM' or 'YYYY-Qn', lib/shared/model/settings.ts) for a choice. */
export function reportPeriodOf(choice: PeriodChoice, currentMonth: string): string {
  const quarterOf = (month: string) =>
    `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
  switch (choice.kind) {
    case 'thisMonth':
      return currentMonth;
    case 'thisQuarter':
      return quarterOf(currentMonth);
    case 'month':
      return choice.month;
    case 'quarter':
      return `${choice.year}-Q${choice.quarter}`;
  }
}

const KINDS = ['thisMonth', 'thisQuarter', 'month', 'quarter'] as const;
const QUARTERS = [1, 2, 3, 4] as const;

type PeriodPickerProps = {
  value: PeriodChoice;
  onChange: (value: PeriodChoice) => void;
  /** Today's month in the user's time zone ('YYYY-MM'): where a newly chosen month or quarter starts. */
  currentMonth: string;
};

export function PeriodPicker({ value, onChange, currentMonth }: PeriodPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const currentYear = Number(currentMonth.slice(0, 4));
  const currentQuarter = Math.floor((Number(currentMonth.slice(5, 7)) - 1) / 3) + 1;

  const chooseKind = (kind: PeriodChoice['kind']) => {
    if (kind === 'month') onChange({ kind, month: currentMonth });
    else if (kind === 'quarter')
      onChange({ kind, year: currentYear, quarter: currentQuarter as 1 | 2 | 3 | 4 });
    else onChange({ kind });
  };

  return (
    <fieldset className="dashboard-period">
      <legend>{t('dashboard.period')}</legend>
      <div className="dashboard-filter">
        <label htmlFor={`${id}-kind`} className="visually-hidden">
          {t('dashboard.periodKind')}
        </label>
        <select
          id={`${id}-kind`}
          value={value.kind}
          onChange={(event) => chooseKind(event.target.value as PeriodChoice['kind'])}
          data-testid="dashboard-period"
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`dashboard.periodKind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {value.kind === 'month' && (
        <div className="dashboard-filter">
          <label htmlFor={`${id}-month`}>{t('dashboard.period.chosenMonth')}</label>
          <input
            id={`${id}-month`}
            type="month"
            required
            value={value.month}
            onChange={(event) => {
              if (event.target.value) onChange({ kind: 'month', month: event.target.value });
            }}
            data-testid="dashboard-month"
          />
        </div>
      )}
      {value.kind === 'quarter' && (
        <>
          <div className="dashboard-filter">
            <label htmlFor={`${id}-year`}>{t('dashboard.period.year')}</label>
            <input
              id={`${id}-year`}
              type="number"
              min={2000}
              max={2100}
              value={value.year}
              onChange={(event) => {
                const year = Number(event.target.value);
                if (Number.isInteger(year) && year >= 2000 && year <= 2100) onChange({ ...value, year });
              }}
              data-testid="dashboard-year"
            />
          </div>
          <div className="dashboard-filter">
            <label htmlFor={`${id}-quarter`}>{t('dashboard.period.quarter')}</label>
            <select
              id={`${id}-quarter`}
              value={value.quarter}
              onChange={(event) =>
                onChange({ ...value, quarter: Number(event.target.value) as 1 | 2 | 3 | 4 })
              }
              data-testid="dashboard-quarter"
            >
              {QUARTERS.map((quarter) => (
                <option key={quarter} value={quarter}>
                  {t('dashboard.period.quarterName', { quarter })}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
    </fieldset>
  );
}
