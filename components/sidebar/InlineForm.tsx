import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../I18nProvider';
import type { InlineFormStatus } from './useInlineForm';

/** A sidebar form's frame: its fields, what went wrong saving, and the save and cancel buttons. */
export function InlineForm({
  form,
  label,
  testId,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  form: InlineFormStatus;
  label: string;
  testId: string;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={label} data-testid={testId}>
      {children}
      {form.failure && (
        <p className="status status-error" role="alert">
          {t('form.saveFailed', { reason: form.failure.message })}
        </p>
      )}
      {Object.keys(form.errors).length > 0 && (
        <p className="field-error" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={form.isSaving}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
