import { type ReactNode, useId } from 'react';
import type { MessageKey } from '@/lib/extension/i18n/en';
import { useI18n } from '../I18nProvider';

type FieldProps = {
  label: string;
  error?: MessageKey | undefined;
  hint?: string;
  children: (control: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
};

/** A labelled control with its hint and its error, both tied to it for screen readers. */
export function FormField({ label, error, hint, children }: FieldProps) {
  const { t } = useI18n();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="help">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" data-testid="field-error">
          {t(error)}
        </p>
      )}
    </div>
  );
}

/** A one-line text field; autofill stays off, as the values come from the mail. */
export function TextField({
  value,
  onChange,
  type,
  inputMode,
  placeholder,
  ...field
}: Omit<FieldProps, 'children'> & {
  value: string;
  onChange: (value: string) => void;
  type?: 'email';
  inputMode?: 'decimal';
  placeholder?: string;
}) {
  return (
    <FormField {...field}>
      {(control) => (
        <input
          {...control}
          type={type}
          inputMode={inputMode}
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          autoComplete="off"
        />
      )}
    </FormField>
  );
}
